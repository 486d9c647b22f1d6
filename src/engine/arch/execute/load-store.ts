import type { Handler } from '../code-cache';
import type { Cpu } from '../cpu';
import * as pswModule from '../psw';
import * as fixedPointModule from './fixed-point';
import * as storageOperandsModule from './storage-operands';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const { AMODE_64 } = pswModule;
const { cc32, fixedOverflow, requireEven, TWO32 } = fixedPointModule;
const { moveBytes, moveLong, moveLongExtended, padFromAddress } = storageOperandsModule;

/**
 * Loads, stores and moves (reference/domain-architecture.md §2.4 "Loads / stores / moves").
 * Field layouts per format are those of decode.ts: RR/RRE f0=R1 f1=R2; RX/RXY f0=R1 f1=X2 f2=B2 f3=D2;
 * RS/RSY f0=R1 f1=R3 f2=B2 f3=D2; RI/RIL f0=R1 f1=I2; SI f0=I2 f2=B1 f3=D1; SS-a f0=L f1=B2<<16|D2 f2=B1 f3=D1.
 */

/** The RX/RXY second-operand address. */
function rxAddress(c: Cpu, f: Int32Array, k: number): number {
  return c.ea(f[k + 1], f[k + 2], f[k + 3]);
}

/** The RS/RSY second-operand address (no index). */
function rsAddress(c: Cpu, f: Int32Array, k: number): number {
  return c.ea(0, f[k + 2], f[k + 3]);
}

/** Writes an address result the way LA does in each addressing mode (§1.4). */
export function setAddressResult(c: Cpu, r: number, a: number): void {
  if (c.amode === AMODE_64) {
    const hi = Math.floor(a / TWO32);
    c.gh[r] = hi;
    c.gl[r] = a - hi * TWO32;
  } else c.gl[r] = a;
}

/**
 * LA/LAY: the address arithmetic exactly, in halves. gcc uses LA for 64-bit additions, so the result
 * must be exact for every value, not only for addresses storage can have (`ea` is a JS number).
 */
function loadAddress(c: Cpu, r1: number, x: number, b: number, d: number): void {
  if (c.amode !== AMODE_64) {
    c.gl[r1] = c.ea(x, b, d);
    return;
  }
  let hi = d < 0 ? -1 : 0;
  let lo = d >>> 0;
  if (x !== 0) {
    hi += c.gh[x];
    lo += c.gl[x] >>> 0;
  }
  if (b !== 0) {
    hi += c.gh[b];
    lo += c.gl[b] >>> 0;
  }
  c.gh[r1] = hi + Math.floor(lo / TWO32);
  c.gl[r1] = lo;
}

function byteSwap32(v: number): number {
  return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}

function loadPositive32(c: Cpu, r1: number, v: number): void {
  if (v === -0x8000_0000) {
    c.gl[r1] = v;
    fixedOverflow(c);
    return;
  }
  const r = v < 0 ? -v : v;
  c.gl[r1] = r;
  c.cc = r === 0 ? 0 : 2;
}

function loadComplement64(c: Cpu, r1: number, hi: number, lo: number, onlyIfNegative: number): void {
  // onlyIfNegative: 0 = LCGR (always negate), 1 = LPGR (negate if negative), -1 = LNGR (negate if positive)
  const neg = hi < 0;
  const zero = (hi | lo) === 0;
  const negate =
    onlyIfNegative === 0 || (onlyIfNegative === 1 && neg) || (onlyIfNegative === -1 && !neg && !zero);
  let h = hi;
  let l = lo;
  if (negate) {
    l = (~lo + 1) | 0;
    h = (~hi + (l === 0 ? 1 : 0)) | 0;
  }
  c.gh[r1] = h;
  c.gl[r1] = l;
  if (negate && hi === -0x8000_0000 && lo === 0 && onlyIfNegative !== -1) fixedOverflow(c);
  else c.cc = h < 0 ? 1 : (h | l) === 0 ? 0 : 2;
}

/** Load multiple: R1..R3 wrapping from 15 to 0. */
function loadMultiple(c: Cpu, f: Int32Array, k: number, wide: boolean): void {
  const r1 = f[k];
  const r3 = f[k + 1];
  let a = rsAddress(c, f, k);
  const count = ((r3 - r1) & 15) + 1;
  c.checkFetch(a, count * (wide ? 8 : 4));
  for (let i = 0; i < count; i++) {
    const r = (r1 + i) & 15;
    if (wide) {
      c.rd64(a);
      c.gh[r] = c.vh;
      c.gl[r] = c.vl;
      a = c.wrapAddress(a + 8);
    } else {
      c.gl[r] = c.rdS32(a);
      a = c.wrapAddress(a + 4);
    }
  }
}

function storeMultiple(c: Cpu, f: Int32Array, k: number, wide: boolean): void {
  const r1 = f[k];
  const r3 = f[k + 1];
  let a = rsAddress(c, f, k);
  const count = ((r3 - r1) & 15) + 1;
  c.checkStore(a, count * (wide ? 8 : 4));
  for (let i = 0; i < count; i++) {
    const r = (r1 + i) & 15;
    if (wide) {
      c.wr64(a, c.gh[r], c.gl[r]);
      a = c.wrapAddress(a + 8);
    } else {
      c.wr32(a, c.gl[r]);
      a = c.wrapAddress(a + 4);
    }
  }
}

/** Inserts the 16-bit immediate at bit offset `shift` of half `high` (IIHH .. IILL) or loads it alone (LLIxx). */
function insertImmediate(c: Cpu, r1: number, i2: number, high: boolean, shift: number, alone: boolean): void {
  const v = (i2 & 0xffff) << shift;
  const keep = ~(0xffff << shift);
  if (alone) {
    c.gh[r1] = high ? v : 0;
    c.gl[r1] = high ? 0 : v;
  } else if (high) c.gh[r1] = (c.gh[r1] & keep) | v;
  else c.gl[r1] = (c.gl[r1] & keep) | v;
}

const L: Handler = (c, f, k, ia) => {
  c.gl[f[k]] = c.rdS32(rxAddress(c, f, k));
  return ia + 4;
};
const LG: Handler = (c, f, k, ia) => {
  c.rd64(rxAddress(c, f, k));
  const r1 = f[k];
  c.gh[r1] = c.vh;
  c.gl[r1] = c.vl;
  return ia + 6;
};
const LR: Handler = (c, f, k, ia) => {
  c.gl[f[k]] = c.gl[f[k + 1]];
  return ia + 2;
};
const LGR: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const r2 = f[k + 1];
  c.gh[r1] = c.gh[r2];
  c.gl[r1] = c.gl[r2];
  return ia + 4;
};
const LGF: Handler = (c, f, k, ia) => {
  const v = c.rdS32(rxAddress(c, f, k));
  c.gh[f[k]] = v >> 31;
  c.gl[f[k]] = v;
  return ia + 6;
};
const LGFR: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k + 1]];
  c.gh[f[k]] = v >> 31;
  c.gl[f[k]] = v;
  return ia + 4;
};
const LLGF: Handler = (c, f, k, ia) => {
  const v = c.rdS32(rxAddress(c, f, k));
  c.gh[f[k]] = 0;
  c.gl[f[k]] = v;
  return ia + 6;
};
const LLGFR: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k + 1]];
  c.gh[f[k]] = 0;
  c.gl[f[k]] = v;
  return ia + 4;
};
const LH: Handler = (c, f, k, ia) => {
  c.gl[f[k]] = (c.rdU16(rxAddress(c, f, k)) << 16) >> 16;
  return ia + 4;
};
const LGH: Handler = (c, f, k, ia) => {
  const v = (c.rdU16(rxAddress(c, f, k)) << 16) >> 16;
  c.gh[f[k]] = v >> 31;
  c.gl[f[k]] = v;
  return ia + 6;
};
const LHI: Handler = (c, f, k, ia) => {
  c.gl[f[k]] = f[k + 1];
  return ia + 4;
};
const LGHI: Handler = (c, f, k, ia) => {
  const v = f[k + 1];
  c.gh[f[k]] = v >> 31;
  c.gl[f[k]] = v;
  return ia + 4;
};
const LLGC: Handler = (c, f, k, ia) => {
  c.gl[f[k]] = c.rd8(rxAddress(c, f, k));
  c.gh[f[k]] = 0;
  return ia + 6;
};
const LLGH: Handler = (c, f, k, ia) => {
  c.gl[f[k]] = c.rdU16(rxAddress(c, f, k));
  c.gh[f[k]] = 0;
  return ia + 6;
};
const IC: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  c.gl[r1] = (c.gl[r1] & ~0xff) | c.rd8(rxAddress(c, f, k));
  return ia + 4;
};
const STC: Handler = (c, f, k, ia) => {
  c.wr8(rxAddress(c, f, k), c.gl[f[k]]);
  return ia + 4;
};
const STH: Handler = (c, f, k, ia) => {
  c.wr16(rxAddress(c, f, k), c.gl[f[k]]);
  return ia + 4;
};
const ST: Handler = (c, f, k, ia) => {
  c.wr32(rxAddress(c, f, k), c.gl[f[k]]);
  return ia + 4;
};
const STG: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  c.wr64(rxAddress(c, f, k), c.gh[r1], c.gl[r1]);
  return ia + 6;
};
const LA: Handler = (c, f, k, ia) => {
  loadAddress(c, f[k], f[k + 1], f[k + 2], f[k + 3]);
  return ia + 4;
};
const LAY: Handler = (c, f, k, ia) => {
  loadAddress(c, f[k], f[k + 1], f[k + 2], f[k + 3]);
  return ia + 6;
};
/**
 * LARL: in the 64-bit mode an address below 0 wraps to the top of the 2^64 space, which a number
 * cannot hold exactly, so the register is set in halves from the unwrapped sum (found by the fuzzer).
 */
const LARL: Handler = (c, f, k, ia) => {
  if (c.amode === AMODE_64) {
    const t = ia + f[k + 1] * 2;
    const hi = Math.floor(t / TWO32);
    c.gh[f[k]] = hi;
    c.gl[f[k]] = t - hi * TWO32;
  } else setAddressResult(c, f[k], c.relative(ia, f[k + 1]));
  return ia + 6;
};
const LM: Handler = (c, f, k, ia) => {
  loadMultiple(c, f, k, false);
  return ia + 4;
};
const STM: Handler = (c, f, k, ia) => {
  storeMultiple(c, f, k, false);
  return ia + 4;
};
const LMG: Handler = (c, f, k, ia) => {
  loadMultiple(c, f, k, true);
  return ia + 6;
};
const STMG: Handler = (c, f, k, ia) => {
  storeMultiple(c, f, k, true);
  return ia + 6;
};
const ICM: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const m = f[k + 1];
  let a = rsAddress(c, f, k);
  let v = c.gl[r1];
  let first = -1;
  let any = 0;
  for (let i = 0; i < 4; i++) {
    if ((m & (8 >> i)) === 0) continue;
    const b = c.rd8(a);
    a = c.wrapAddress(a + 1);
    if (first < 0) first = b;
    any |= b;
    const shift = 24 - 8 * i;
    v = (v & ~(0xff << shift)) | (b << shift);
  }
  c.gl[r1] = v;
  c.cc = any === 0 ? 0 : (first & 0x80) !== 0 ? 1 : 2;
  return ia + 4;
};
const STCM: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k]];
  const m = f[k + 1];
  let a = rsAddress(c, f, k);
  let n = 0;
  for (let i = 0; i < 4; i++) if ((m & (8 >> i)) !== 0) n++;
  if (n > 0) c.checkStore(a, n);
  for (let i = 0; i < 4; i++) {
    if ((m & (8 >> i)) === 0) continue;
    c.wr8(a, v >>> (24 - 8 * i));
    a = c.wrapAddress(a + 1);
  }
  return ia + 4;
};
const MVC: Handler = (c, f, k, ia) => {
  const op2 = f[k + 1];
  moveBytes(c, c.ea(0, f[k + 2], f[k + 3]), c.ea(0, op2 >>> 16, op2 & 0xfff), f[k] + 1, 0);
  return ia + 6;
};
const MVN: Handler = (c, f, k, ia) => {
  const op2 = f[k + 1];
  moveBytes(c, c.ea(0, f[k + 2], f[k + 3]), c.ea(0, op2 >>> 16, op2 & 0xfff), f[k] + 1, 0x0f);
  return ia + 6;
};
const MVZ: Handler = (c, f, k, ia) => {
  const op2 = f[k + 1];
  moveBytes(c, c.ea(0, f[k + 2], f[k + 3]), c.ea(0, op2 >>> 16, op2 & 0xfff), f[k] + 1, 0xf0);
  return ia + 6;
};
const MVI: Handler = (c, f, k, ia) => {
  c.wr8(c.ea(0, f[k + 2], f[k + 3]), f[k]);
  return ia + 4;
};
const MVCL: Handler = (c, f, k, ia) => {
  requireEven(c, f[k]);
  requireEven(c, f[k + 1]);
  return moveLong(c, f[k], f[k + 1]) ? ia + 2 : ia;
};
const MVCLE: Handler = (c, f, k, ia) => {
  requireEven(c, f[k]);
  requireEven(c, f[k + 1]);
  moveLongExtended(c, f[k], f[k + 1], padFromAddress(c, f[k + 2], f[k + 3]));
  return ia + 4;
};
const LRV: Handler = (c, f, k, ia) => {
  c.gl[f[k]] = byteSwap32(c.rdS32(rxAddress(c, f, k)));
  return ia + 6;
};
const LRVR: Handler = (c, f, k, ia) => {
  c.gl[f[k]] = byteSwap32(c.gl[f[k + 1]]);
  return ia + 4;
};
const LRVG: Handler = (c, f, k, ia) => {
  c.rd64(rxAddress(c, f, k));
  c.gh[f[k]] = byteSwap32(c.vl);
  c.gl[f[k]] = byteSwap32(c.vh);
  return ia + 6;
};
const LRVGR: Handler = (c, f, k, ia) => {
  const r2 = f[k + 1];
  const hi = c.gh[r2];
  c.gh[f[k]] = byteSwap32(c.gl[r2]);
  c.gl[f[k]] = byteSwap32(hi);
  return ia + 4;
};
const IILL: Handler = (c, f, k, ia) => {
  insertImmediate(c, f[k], f[k + 1], false, 0, false);
  return ia + 4;
};
const IILH: Handler = (c, f, k, ia) => {
  insertImmediate(c, f[k], f[k + 1], false, 16, false);
  return ia + 4;
};
const IIHL: Handler = (c, f, k, ia) => {
  insertImmediate(c, f[k], f[k + 1], true, 0, false);
  return ia + 4;
};
const IIHH: Handler = (c, f, k, ia) => {
  insertImmediate(c, f[k], f[k + 1], true, 16, false);
  return ia + 4;
};
const LLILL: Handler = (c, f, k, ia) => {
  insertImmediate(c, f[k], f[k + 1], false, 0, true);
  return ia + 4;
};
const LLILH: Handler = (c, f, k, ia) => {
  insertImmediate(c, f[k], f[k + 1], false, 16, true);
  return ia + 4;
};
const LLIHL: Handler = (c, f, k, ia) => {
  insertImmediate(c, f[k], f[k + 1], true, 0, true);
  return ia + 4;
};
const LLIHH: Handler = (c, f, k, ia) => {
  insertImmediate(c, f[k], f[k + 1], true, 16, true);
  return ia + 4;
};
const LTR: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k + 1]];
  c.gl[f[k]] = v;
  c.cc = cc32(v);
  return ia + 2;
};
const LTGR: Handler = (c, f, k, ia) => {
  const r2 = f[k + 1];
  const h = c.gh[r2];
  const l = c.gl[r2];
  c.gh[f[k]] = h;
  c.gl[f[k]] = l;
  c.cc = h < 0 ? 1 : (h | l) === 0 ? 0 : 2;
  return ia + 4;
};
const LTGFR: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k + 1]];
  c.gh[f[k]] = v >> 31;
  c.gl[f[k]] = v;
  c.cc = cc32(v);
  return ia + 4;
};
const LCR: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k + 1]];
  const r = -v | 0;
  c.gl[f[k]] = r;
  if (v === -0x8000_0000) fixedOverflow(c);
  else c.cc = cc32(r);
  return ia + 2;
};
const LCGR: Handler = (c, f, k, ia) => {
  loadComplement64(c, f[k], c.gh[f[k + 1]], c.gl[f[k + 1]], 0);
  return ia + 4;
};
const LPR: Handler = (c, f, k, ia) => {
  loadPositive32(c, f[k], c.gl[f[k + 1]]);
  return ia + 2;
};
const LPGR: Handler = (c, f, k, ia) => {
  loadComplement64(c, f[k], c.gh[f[k + 1]], c.gl[f[k + 1]], 1);
  return ia + 4;
};
const LNR: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k + 1]];
  const r = v > 0 ? -v : v;
  c.gl[f[k]] = r;
  c.cc = r === 0 ? 0 : 1;
  return ia + 2;
};
const LNGR: Handler = (c, f, k, ia) => {
  loadComplement64(c, f[k], c.gh[f[k + 1]], c.gl[f[k + 1]], -1);
  return ia + 4;
};

export const LOAD_STORE_HANDLERS: Readonly<Record<string, Handler>> = {
  L,
  LG,
  LR,
  LGR,
  LGF,
  LGFR,
  LLGF,
  LLGFR,
  LH,
  LGH,
  LHI,
  LGHI,
  LLGC,
  LLGH,
  IC,
  STC,
  STH,
  ST,
  STG,
  LA,
  LAY,
  LARL,
  LM,
  STM,
  LMG,
  STMG,
  ICM,
  STCM,
  MVC,
  MVI,
  MVCL,
  MVCLE,
  MVN,
  MVZ,
  LRV,
  LRVR,
  LRVG,
  LRVGR,
  IILL,
  IILH,
  IIHL,
  IIHH,
  LLILL,
  LLILH,
  LLIHL,
  LLIHH,
  LTR,
  LTGR,
  LTGFR,
  LCR,
  LCGR,
  LPR,
  LPGR,
  LNR,
  LNGR,
};
