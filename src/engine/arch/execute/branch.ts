import type { Handler } from '../code-cache';
import type { Cpu } from '../cpu';
import * as esa390Module from '../esa390';
import * as facilitiesModule from '../facilities';
import * as instructionFormatsModule from '../instruction-formats';
import * as programInterruptionModule from '../program-interruption';
import * as pswModule from '../psw';
import * as fixedPointModule from './fixed-point';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const { esa390Word0, esa390Word1 } = esa390Module;
const { FACILITY_WORD_0, FACILITY_WORD_1 } = facilitiesModule;
const { instructionLength } = instructionFormatsModule;
const { PGM_EXECUTE, PGM_SPECIFICATION } = programInterruptionModule;
const { AMODE_24, AMODE_31, AMODE_64, PSW_PM, PSW_PM_SHIFT } = pswModule;
const { TWO32 } = fixedPointModule;

/**
 * Branch, linkage and execute rows (§2.4 "Branch / linkage / execute"), with the problem-state
 * rows the table files there: SVC, IPM/SPM, SAM*, TAM, EPSW, STCK/STCKE, STFLE.
 * Fields: RR f0=M1/R1 f1=R2; RX f0=M1/R1 f1=X2 f2=B2 f3=D2; RI/RIL f0=M1/R1 f1=RI2;
 * RS/RSY f0=R1 f1=R3 f2=B2 f3=D2; RSI f0=R1 f1=R3 f2=RI2; I f0=I; S f2=B2 f3=D2.
 */

function rx(c: Cpu, f: Int32Array, k: number): number {
  return c.ea(f[k + 1], f[k + 2], f[k + 3]);
}

/** Branch mask M1 bits 8, 4, 2, 1 select CC 0..3 (§1.5). */
function taken(mask: number, cc: number): boolean {
  return ((mask << cc) & 8) !== 0;
}

/**
 * The link information of BAL/BAS/BRAS… (§1.4): 64-bit mode the whole address; 31-bit mode
 * 1 | address in bits 32-63; 24-bit mode BAL stores ILC, CC and program mask in bits 32-39,
 * BAS zeros.
 */
export function link(c: Cpu, r1: number, sequential: number, balIlc: number): void {
  const next = c.executing ? c.exNext : sequential;
  if (c.amode === AMODE_64) {
    const hi = Math.floor(next / TWO32);
    c.gh[r1] = hi;
    c.gl[r1] = next - hi * TWO32;
  } else if (c.amode === AMODE_31) c.gl[r1] = 0x8000_0000 | next;
  else if (balIlc > 0) {
    const pm = (c.w0 & PSW_PM) >>> PSW_PM_SHIFT;
    c.gl[r1] = (balIlc << 30) | (c.cc << 28) | (pm << 24) | next;
  } else c.gl[r1] = next;
}

/** BSM/BASSM mode bits of a link or target: 64-bit bit 63 (not in ESA/390 mode), 31-bit bit 32. */
function modeFromRegister(c: Cpu, r: number): number {
  if ((c.gl[r] & 1) !== 0 && !c.esa390) return AMODE_64;
  return c.gl[r] < 0 ? AMODE_31 : AMODE_24;
}

function targetInMode(c: Cpu, r: number, mode: number): number {
  if (mode === AMODE_64) return (c.gh[r] >>> 0) * TWO32 + ((c.gl[r] & ~1) >>> 0);
  return mode === AMODE_31 ? c.gl[r] & 0x7fff_ffff : c.gl[r] & 0xff_ffff;
}

function modeLink(c: Cpu, r1: number, sequential: number): void {
  const next = c.executing ? c.exNext : sequential;
  if (c.amode === AMODE_64) {
    const hi = Math.floor(next / TWO32);
    c.gh[r1] = hi;
    c.gl[r1] = (next - hi * TWO32) | 1;
  } else if (c.amode === AMODE_31) c.gl[r1] = 0x8000_0000 | next;
  else c.gl[r1] = next & 0xff_ffff;
}

const BC: Handler = (c, f, k, ia) => (taken(f[k], c.cc) ? rx(c, f, k) : ia + 4);
const BCR: Handler = (c, f, k, ia) => {
  const r2 = f[k + 1];
  return r2 !== 0 && taken(f[k], c.cc) ? c.regAddress(r2) : ia + 2;
};
const BRC: Handler = (c, f, k, ia) => (((f[k] << c.cc) & 8) !== 0 ? c.relative(ia, f[k + 1]) : ia + 4);
const BRCL: Handler = (c, f, k, ia) => (((f[k] << c.cc) & 8) !== 0 ? c.relative(ia, f[k + 1]) : ia + 6);
const BAL: Handler = (c, f, k, ia) => {
  const t = rx(c, f, k);
  link(c, f[k], ia + 4, 2);
  return t;
};
const BALR: Handler = (c, f, k, ia) => {
  const r2 = f[k + 1];
  const t = r2 !== 0 ? c.regAddress(r2) : ia + 2;
  link(c, f[k], ia + 2, 1);
  return t;
};
const BAS: Handler = (c, f, k, ia) => {
  const t = rx(c, f, k);
  link(c, f[k], ia + 4, 0);
  return t;
};
const BASR: Handler = (c, f, k, ia) => {
  const r2 = f[k + 1];
  const t = r2 !== 0 ? c.regAddress(r2) : ia + 2;
  link(c, f[k], ia + 2, 0);
  return t;
};
const BRAS: Handler = (c, f, k, ia) => {
  link(c, f[k], ia + 4, 0);
  return c.relative(ia, f[k + 1]);
};
const BRASL: Handler = (c, f, k, ia) => {
  const t = c.relative(ia, f[k + 1]);
  link(c, f[k], ia + 6, 0);
  return t;
};
const BCT: Handler = (c, f, k, ia) => {
  const t = rx(c, f, k);
  const r1 = f[k];
  const v = (c.gl[r1] - 1) | 0;
  c.gl[r1] = v;
  return v !== 0 ? t : ia + 4;
};
const BCTR: Handler = (c, f, k, ia) => {
  const r2 = f[k + 1];
  const t = r2 !== 0 ? c.regAddress(r2) : 0;
  const r1 = f[k];
  const v = (c.gl[r1] - 1) | 0;
  c.gl[r1] = v;
  return v !== 0 && r2 !== 0 ? t : ia + 2;
};

/** Decrements a 64-bit register; returns true when the result is nonzero. */
function decrement64(c: Cpu, r: number): boolean {
  const gl = c.gl;
  const lo = gl[r];
  const l = (lo - 1) | 0;
  gl[r] = l;
  let h = c.gh[r];
  if (lo === 0) {
    h = (h - 1) | 0;
    c.gh[r] = h;
  }
  return (h | l) !== 0;
}

const BCTG: Handler = (c, f, k, ia) => {
  const t = rx(c, f, k);
  return decrement64(c, f[k]) ? t : ia + 6;
};
const BCTGR: Handler = (c, f, k, ia) => {
  const r2 = f[k + 1];
  const t = r2 !== 0 ? c.regAddress(r2) : 0;
  return decrement64(c, f[k]) && r2 !== 0 ? t : ia + 4;
};
const BRCT: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const v = (c.gl[r1] - 1) | 0;
  c.gl[r1] = v;
  return v !== 0 ? c.relative(ia, f[k + 1]) : ia + 4;
};
const BRCTG: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const gl = c.gl;
  const lo = gl[r1];
  const l = (lo - 1) | 0;
  gl[r1] = l;
  let h = c.gh[r1];
  if (lo === 0) {
    h = (h - 1) | 0;
    c.gh[r1] = h;
  }
  return (h | l) !== 0 ? c.relative(ia, f[k + 1]) : ia + 4;
};

/** BXH/BXLE: R1 += R3, compared with the odd register of the R3 pair (value taken before the update). */
function indexStep32(c: Cpu, r1: number, r3: number): number {
  const comparand = c.gl[r3 | 1];
  const sum = (c.gl[r1] + c.gl[r3]) | 0;
  c.gl[r1] = sum;
  return sum > comparand ? 1 : sum === comparand ? 0 : -1;
}

function indexStep64(c: Cpu, r1: number, r3: number): number {
  const ch = c.gh[r3 | 1];
  const cl = c.gl[r3 | 1];
  const lo = (c.gl[r1] >>> 0) + (c.gl[r3] >>> 0);
  const hi = (c.gh[r1] + c.gh[r3] + (lo > 0xffff_ffff ? 1 : 0)) | 0;
  c.gh[r1] = hi;
  c.gl[r1] = lo;
  if (hi !== ch) return hi > ch ? 1 : -1;
  const ul = lo >>> 0;
  const uc = cl >>> 0;
  return ul > uc ? 1 : ul === uc ? 0 : -1;
}

const BXH: Handler = (c, f, k, ia) => {
  const t = c.ea(0, f[k + 2], f[k + 3]);
  return indexStep32(c, f[k], f[k + 1]) > 0 ? t : ia + 4;
};
const BXLE: Handler = (c, f, k, ia) => {
  const t = c.ea(0, f[k + 2], f[k + 3]);
  return indexStep32(c, f[k], f[k + 1]) <= 0 ? t : ia + 4;
};
const BXHG: Handler = (c, f, k, ia) => {
  const t = c.ea(0, f[k + 2], f[k + 3]);
  return indexStep64(c, f[k], f[k + 1]) > 0 ? t : ia + 6;
};
const BXLEG: Handler = (c, f, k, ia) => {
  const t = c.ea(0, f[k + 2], f[k + 3]);
  return indexStep64(c, f[k], f[k + 1]) <= 0 ? t : ia + 6;
};
const BRXH: Handler = (c, f, k, ia) =>
  indexStep32(c, f[k], f[k + 1]) > 0 ? c.relative(ia, f[k + 2]) : ia + 4;
const BRXLE: Handler = (c, f, k, ia) =>
  indexStep32(c, f[k], f[k + 1]) <= 0 ? c.relative(ia, f[k + 2]) : ia + 4;

const BSM: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const r2 = f[k + 1];
  let target = ia + 2;
  let mode = c.amode;
  if (r2 !== 0) {
    mode = modeFromRegister(c, r2);
    target = targetInMode(c, r2, mode);
  }
  if (r1 !== 0) {
    if (c.amode === AMODE_64) c.gl[r1] |= 1;
    else c.gl[r1] = (c.gl[r1] & 0x7fff_ffff) | (c.amode === AMODE_31 ? 0x8000_0000 : 0);
  }
  if (r2 === 0) return target;
  c.setAddressingMode(mode);
  return target;
};
const BASSM: Handler = (c, f, k, ia) => {
  const r2 = f[k + 1];
  if (r2 === 0) {
    modeLink(c, f[k], ia + 2);
    return ia + 2;
  }
  const mode = modeFromRegister(c, r2);
  const target = targetInMode(c, r2, mode);
  modeLink(c, f[k], ia + 2);
  c.setAddressingMode(mode);
  return target;
};

/**
 * EX (§2.2): the target, with bits 8-15 ORed with R1 bits 56-63 in a private copy, is decoded and
 * run in place of EX; the PSW then points after EX unless the target branched. Target = EX → 0x03.
 * Exceptions in the target report EX's address and ILC (the run loop sees EX as current).
 */
const EX: Handler = (c, f, k, ia) => {
  const t = rx(c, f, k);
  if ((t & 1) !== 0) c.programException(PGM_SPECIFICATION);
  const b0 = c.ifetch8(t);
  if (b0 === 0x44) c.programException(PGM_EXECUTE);
  let b1 = c.ifetch8(t + 1);
  const r1 = f[k];
  if (r1 !== 0) b1 |= c.gl[r1] & 0xff;
  const len = instructionLength(b0);
  let w = 0;
  for (let i = 2; i < len; i++) w |= c.ifetch8(t + i) << (8 * (5 - i));
  const fields = c.exFields;
  const h = c.decode((b0 << 8) | b1, w, fields, 0);
  const next = ia + 4;
  c.executing = true;
  c.exNext = next;
  const r = h(c, fields, 0, t);
  c.executing = false;
  if (r === t + len) return c.wrapAddress(next);
  if (r === t) return ia;
  return r;
};

const SVC: Handler = (c, f, k, ia) => {
  if (c.executing) return c.supervisorCall(f[k] & 0xff, c.exNext, 4);
  return c.supervisorCall(f[k] & 0xff, ia + 2, 2);
};
const IPM: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const pm = (c.w0 & PSW_PM) >>> PSW_PM_SHIFT;
  c.gl[r1] = (c.gl[r1] & 0x00ff_ffff) | (c.cc << 28) | (pm << 24);
  return ia + 4;
};
const SPM: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k]];
  c.cc = (v >>> 28) & 3;
  c.w0 = (c.w0 & ~PSW_PM) | (((v >>> 24) & 0xf) << PSW_PM_SHIFT);
  return ia + 2;
};

function setMode(c: Cpu, mode: number, next: number): number {
  if ((mode === AMODE_24 && next > 0xff_ffff) || (mode === AMODE_31 && next > 0x7fff_ffff)) {
    c.programException(PGM_SPECIFICATION);
  }
  c.setAddressingMode(mode);
  return next;
}

const SAM24: Handler = (c, _f, _k, ia) => setMode(c, AMODE_24, ia + 2);
const SAM31: Handler = (c, _f, _k, ia) => setMode(c, AMODE_31, ia + 2);
const SAM64: Handler = (c, _f, _k, ia) => setMode(c, AMODE_64, ia + 2);
const TAM: Handler = (c, _f, _k, ia) => {
  c.cc = c.amode;
  return ia + 2;
};
/** EPSW: PSW bits 0-31 and 32-63; in ESA/390 mode those of the 8-byte PSW (bit 12 one, the updated address). */
const EPSW: Handler = (c, f, k, ia) => {
  const esa = c.esa390;
  c.gl[f[k]] = esa ? esa390Word0(c.pswW0()) : c.pswW0();
  const r2 = f[k + 1];
  if (r2 !== 0) c.gl[r2] = esa ? esa390Word1(c.w1, ia + 4) : c.w1;
  return ia + 4;
};
const STCK: Handler = (c, f, k, ia) => {
  const a = c.ea(0, f[k + 2], f[k + 3]);
  c.checkStore(a, 8);
  c.readTod();
  c.wr64(a, c.vh, c.vl);
  c.cc = 0;
  return ia + 4;
};
const STCKE: Handler = (c, f, k, ia) => {
  const a = c.ea(0, f[k + 2], f[k + 3]);
  c.checkStore(a, 16);
  c.readTod();
  // byte 0 epoch index 0, bytes 1-8 TOD bits 0-63, bytes 9-15 zero (no extra bits, TOD programmable field 0)
  c.wr8(a, 0);
  c.wr32(c.wrapAddress(a + 1), c.vh);
  c.wr32(c.wrapAddress(a + 5), c.vl);
  for (let i = 9; i < 16; i++) c.wr8(c.wrapAddress(a + i), 0);
  c.cc = 0;
  return ia + 4;
};
const STFLE: Handler = (c, f, k, ia) => {
  const a = c.ea(0, f[k + 2], f[k + 3]);
  if ((a & 7) !== 0) c.programException(PGM_SPECIFICATION);
  const wanted = (c.gl[0] & 0xff) + 1;
  const have = 1;
  const n = Math.min(wanted, have);
  c.checkStore(a, n * 8);
  c.wr64(a, FACILITY_WORD_0, FACILITY_WORD_1);
  c.gl[0] = (c.gl[0] & ~0xff) | (have - 1);
  c.cc = wanted >= have ? 0 : 3;
  return ia + 4;
};

export const BRANCH_HANDLERS: Readonly<Record<string, Handler>> = {
  BC,
  BCR,
  BRC,
  BRCL,
  BAL,
  BALR,
  BAS,
  BASR,
  BRAS,
  BRASL,
  BCT,
  BCTR,
  BCTG,
  BCTGR,
  BRCT,
  BRCTG,
  BXH,
  BXLE,
  BXHG,
  BXLEG,
  BRXH,
  BRXLE,
  BSM,
  BASSM,
  EX,
  SVC,
  IPM,
  SPM,
  SAM24,
  SAM31,
  SAM64,
  TAM,
  EPSW,
  STCK,
  STCKE,
  STFLE,
};
