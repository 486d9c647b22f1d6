import * as addressTranslationModule from '../address-translation';
import type { Handler } from '../code-cache';
import type { Cpu } from '../cpu';
import * as translatorModule from '../dat/dynamic-address-translator';
import * as tableWalkModule from '../dat/table-walk';
import * as translationDomainModule from '../dat/translation-domain';
import * as programInterruptionModule from '../program-interruption';
import * as pswModule from '../psw';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call.
const { ACCESS_FETCH, ACCESS_STORE } = addressTranslationModule;
const { asceRegister } = translatorModule;
const { PAGE_INVALID, WalkResult, walkTables } = tableWalkModule;
const { purgePageTableEntryEverywhere } = translationDomainModule;
const {
  PGM_ADDRESSING,
  PGM_PAGE_TRANSLATION,
  PGM_SEGMENT_TRANSLATION,
  PGM_SPECIAL_OPERATION,
  PGM_SPECIFICATION,
  PGM_TRANSLATION_SPECIFICATION,
} = programInterruptionModule;
const { AMODE_64 } = pswModule;

/**
 * The DAT control rows (reference/domain-architecture.md §4): TLB purges (PTLB, IPTE), explicit
 * translation (LRA, LRAG, TPROT) and the real-address loads and stores (LURA, LURAG, STURA, STURG).
 * All privileged (checked by the decode tables). LRA and TPROT walk the tables themselves, not
 * through the TLB, and report translation exceptions as condition codes where the architecture says so.
 */

const TWO32 = 0x1_0000_0000;
/** One walk result for the handlers below (single-threaded; never held across instructions). */
const WALK = new WalkResult();

const PTLB: Handler = (c, _f, _k, ia) => {
  c.translator?.purge();
  return ia + 4;
};

/**
 * IPTE R1,R2: R1 holds a page-table origin (2 KiB aligned), R2 bits 44-51 a page index. The entry's
 * invalid bit is set and every CPU on the storage forgets translations made from it. The IPTE-range
 * (R3) and local-clearing (M4) facilities are not installed, so those fields are ignored.
 */
const IPTE: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const origin = (c.gh[r1] >>> 0) * TWO32 + ((c.gl[r1] & ~0x7ff) >>> 0);
  const pte = origin + ((c.gl[f[k + 1]] >>> 12) & 0xff) * 8;
  const st = c.storage;
  if (pte + 8 > st.size) c.programException(PGM_ADDRESSING);
  st.writeU32(pte + 4, st.readS32(pte + 4) | PAGE_INVALID);
  purgePageTableEntryEverywhere(st, pte);
  return ia + 4;
};

/**
 * LRA/LRAG: translate the second-operand address with the ASCE the PSW selects for data, whether or
 * not DAT is on. CC 0 real address; CC 1 segment-table entry invalid and CC 2 page-table entry invalid,
 * with the entry's address; CC 3 for the other translation exceptions (ASCE type, region, segment
 * length), with bit 32 set and the interruption code in bits 48-63, bits 0-31 unchanged. A result
 * beyond 31 bits for LRA outside the 64-bit mode is a special-operation exception.
 */
function loadRealAddress(c: Cpu, r1: number, address: number, wide: boolean): void {
  const cr = asceRegister(c.w0, ACCESS_FETCH);
  const code = walkTables(c.storage, c.crh[cr], c.crl[cr], address, WALK);
  let cc = 0;
  let value = WALK.real;
  if (code === PGM_TRANSLATION_SPECIFICATION || code === PGM_ADDRESSING) c.programException(code);
  if (code === PGM_SEGMENT_TRANSLATION && WALK.entry >= 0) {
    cc = 1;
    value = WALK.entry;
  } else if (code === PGM_PAGE_TRANSLATION) {
    cc = 2;
    value = WALK.entry;
  } else if (code !== 0) {
    c.gl[r1] = 0x8000_0000 | code;
    c.cc = 3;
    return;
  }
  if (wide) {
    const hi = Math.floor(value / TWO32);
    c.gh[r1] = hi;
    c.gl[r1] = value - hi * TWO32;
  } else {
    if (value > 0x7fff_ffff) c.programException(PGM_SPECIAL_OPERATION);
    c.gl[r1] = value;
  }
  c.cc = cc;
}

const LRA: Handler = (c, f, k, ia) => {
  loadRealAddress(c, f[k], c.ea(f[k + 1], f[k + 2], f[k + 3]), c.amode === AMODE_64);
  return ia + 4;
};
const LRAG: Handler = (c, f, k, ia) => {
  loadRealAddress(c, f[k], c.ea(f[k + 1], f[k + 2], f[k + 3]), true);
  return ia + 6;
};

/** The real address in R2 (addressing mode applies) for a real-address access of `size` bytes. */
function realOperand(c: Cpu, r2: number, size: number): number {
  const real = c.regAddress(r2);
  if (real % size !== 0) c.programException(PGM_SPECIFICATION);
  return real;
}

/** LURA/LURAG/STURA/STURG: no translation; prefixing, low-address and key-controlled protection apply. */
const LURA: Handler = (c, f, k, ia) => {
  const a = realOperand(c, f[k + 1], 4);
  c.gl[f[k]] = c.storage.readS32(c.realAbsolute(a, a, ACCESS_FETCH));
  return ia + 4;
};
const LURAG: Handler = (c, f, k, ia) => {
  const a = realOperand(c, f[k + 1], 8);
  const abs = c.realAbsolute(a, a, ACCESS_FETCH);
  c.gh[f[k]] = c.storage.readS32(abs);
  c.gl[f[k]] = c.storage.readS32(abs + 4);
  return ia + 4;
};
const STURA: Handler = (c, f, k, ia) => {
  const a = realOperand(c, f[k + 1], 4);
  c.storage.writeU32(c.realAbsolute(a, a, ACCESS_STORE), c.gl[f[k]]);
  return ia + 4;
};
const STURG: Handler = (c, f, k, ia) => {
  const a = realOperand(c, f[k + 1], 8);
  const abs = c.realAbsolute(a, a, ACCESS_STORE);
  c.storage.writeU32(abs, c.gh[f[k]]);
  c.storage.writeU32(abs + 4, c.gl[f[k]]);
  return ia + 4;
};

/**
 * TPROT D1(B1),D2(B2): may the location at the first operand be fetched or stored with the access key
 * in bits 56-59 of the second-operand address? CC 0 both, 1 fetch only, 2 neither, 3 translation not
 * available. DAT protection forbids the store; low-address protection is not part of the test.
 */
const TPROT: Handler = (c, f, k, ia) => {
  const address = c.ea(0, f[k + 2], f[k + 3]);
  const b2 = f[k + 1] >>> 16;
  const key = (((f[k + 1] & 0xfff) + (b2 !== 0 ? c.gl[b2] : 0)) >>> 4) & 0xf;
  let real = address;
  let protect = false;
  if (c.dat) {
    const cr = asceRegister(c.w0, ACCESS_FETCH);
    const code = walkTables(c.storage, c.crh[cr], c.crl[cr], address, WALK);
    if (code === PGM_TRANSLATION_SPECIFICATION || code === PGM_ADDRESSING) c.programException(code);
    if (code !== 0) {
      c.cc = 3;
      return ia + 6;
    }
    real = WALK.real;
    protect = WALK.protect;
  }
  const abs = c.realToAbsolute(real);
  const st = c.storage;
  if (abs >= st.size) c.programException(PGM_ADDRESSING);
  const frame = Math.floor(abs / 4096);
  c.cc = !protect && st.storeAllowed(frame, key) ? 0 : st.fetchAllowed(frame, key) ? 1 : 2;
  return ia + 6;
};

export const DAT_HANDLERS: Readonly<Record<string, Handler>> = {
  PTLB,
  IPTE,
  LRA,
  LRAG,
  LURA,
  LURAG,
  STURA,
  STURG,
  TPROT,
};
