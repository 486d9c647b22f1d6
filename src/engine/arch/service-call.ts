/**
 * SERVICE CALL (SERVC, reference/domain-architecture.md §10.1): the CPU's door to the service
 * processor (SCLP). The instruction checks the SCCB address and header here in arch; what the
 * command does is the SCLP model's business (src/engine/io/sclp/), installed on every CPU by the
 * Machine through this interface, so arch never imports io.
 */
export interface ServiceCallPort {
  /**
   * Starts SCLP command `command` on the SCCB at absolute address `sccb`. SERVC has already checked
   * that the SCCB is doubleword aligned, below 2 GB, outside the first 8 KB and this CPU's prefix
   * area, inside storage, and that its header length is at least 8. Returns the condition code:
   * 0 accepted (a service signal follows), 2 busy, 3 not operational.
   */
  serviceCall(command: number, sccb: number): number;
}

/** The service-signal external interruption: code 0x2401, CR0 bit 54 (0x0200 in CR0's low word). */
export const SERVICE_SIGNAL_CODE = 0x2401;
export const SERVICE_SIGNAL_SUBCLASS = 0x0200;

/** SCCB header: be16 length, u8 function code, u8 control mask[3], be16 response code. */
export const SCCB_HEADER_LENGTH = 8;
