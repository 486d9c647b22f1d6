import type { Handler } from '../code-cache';
import * as programInterruptionModule from '../program-interruption';
import * as serviceCallModule from '../service-call';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call.
const { PGM_ADDRESSING, PGM_SPECIFICATION } = programInterruptionModule;
const { SCCB_HEADER_LENGTH } = serviceCallModule;

/** The low-core area SERVC refuses to take an SCCB from (and the size of a prefix area). */
const LOW_CORE_MASK = ~0x1fff;

/**
 * SERVC R1,R2 (B220, RRE, privileged; §10.1): R1 bits 32-63 = SCLP command word, R2 = real address
 * of the SCCB. The program checks are QEMU's (hw/s390x/sclp.c): an address that is not doubleword
 * aligned, at or above 2 GB, in the first 8 KB or in this CPU's prefix area, or an SCCB header
 * length below 8, is a specification exception; an SCCB outside storage an addressing exception.
 * Everything after that is the SCLP's (response codes in the SCCB, then the service signal).
 */
const SERVC: Handler = (c, f, k, ia) => {
  const command = c.gl[f[k]] >>> 0;
  const r2 = f[k + 1];
  const high = c.architecture === 'esa390' ? 0 : c.gh[r2];
  const sccb = c.gl[r2] >>> 0;
  if (high !== 0 || (sccb & 0x8000_0007) !== 0) c.programException(PGM_SPECIFICATION);
  const page = (sccb & LOW_CORE_MASK) >>> 0;
  if (page === 0 || page === c.prefix) c.programException(PGM_SPECIFICATION);
  // Outside the first 8 KB and the prefix area a real address is the absolute address.
  if (sccb + SCCB_HEADER_LENGTH > c.storage.size) c.programException(PGM_ADDRESSING);
  if (c.storage.readU16(sccb) < SCCB_HEADER_LENGTH) c.programException(PGM_SPECIFICATION);
  const port = c.serviceCall;
  c.cc = port === null ? 3 : port.serviceCall(command, sccb);
  // The service signal may already be pending: let the run loop look at interruptions.
  c.requestAttention();
  return ia + 4;
};

export const SERVICE_CALL_HANDLERS: Readonly<Record<string, Handler>> = { SERVC };
