import type { Handler } from '../code-cache';
import type { Cpu } from '../cpu';
import * as programInterruptionModule from '../program-interruption';
import * as fixedPointModule from './fixed-point';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const { PGM_FIXED_POINT_DIVIDE } = programInterruptionModule;
const {
  P,
  Q,
  TWO32,
  divideTruncated,
  fixedOverflow,
  add32,
  add64,
  addLogical32,
  addLogical64,
  fromBig,
  fromNumber,
  mulLow64,
  mulS32,
  mulU64,
  requireEven,
  signedValue,
  sub32,
  sub64,
  toBig,
  unsignedValue,
} = fixedPointModule;

/**
 * Binary arithmetic (§2.4 "Binary arithmetic"): add/subtract with the signed or logical CC,
 * multiply in all forms (pairs, 128-bit MLGR) and divide with exception 0x09.
 * Fields as in load-store.ts.
 */

function rx(c: Cpu, f: Int32Array, k: number): number {
  return c.ea(f[k + 1], f[k + 2], f[k + 3]);
}

/** The carry out of the last logical operation: CC 2 or 3 (for ALC/SLB). */
function carry(c: Cpu): number {
  return c.cc >>> 1;
}

function divideException(c: Cpu): never {
  return c.programException(PGM_FIXED_POINT_DIVIDE);
}

/**
 * The RX/RXY operand address of a row whose R1 names an even-odd pair: an odd R1 is a
 * specification exception, which ranks before the operand's access exceptions (PoP priority of
 * program-interruption conditions; found by the fuzzer).
 */
function pairRx(c: Cpu, f: Int32Array, k: number): number {
  requireEven(c, f[k]);
  return rx(c, f, k);
}

/** D/DR: signed 64-bit pair dividend (bits 32-63 of R1, R1+1) by a signed word. */
function divide32(c: Cpu, r1: number, divisor: number): void {
  requireEven(c, r1);
  if (divisor === 0) divideException(c);
  const hi = c.gl[r1];
  const lo = c.gl[r1 + 1];
  let q: number;
  let r: number;
  const v = signedValue(hi, lo);
  if (!Number.isNaN(v)) {
    divideTruncated(v, divisor);
    q = Q[0];
    r = Q[1];
  } else {
    const big = toBig(hi, lo);
    const bd = BigInt(divisor);
    q = Number(big / bd);
    r = Number(big % bd);
  }
  if (q > 0x7fff_ffff || q < -0x8000_0000) divideException(c);
  c.gl[r1] = r;
  c.gl[r1 + 1] = q;
}

/** DL/DLR: unsigned 64-bit pair by an unsigned word. */
function divideLogical32(c: Cpu, r1: number, divisor: number): void {
  requireEven(c, r1);
  const d = divisor >>> 0;
  if (d === 0) divideException(c);
  const hi = c.gl[r1] >>> 0;
  if (hi >= d) divideException(c);
  const lo = c.gl[r1 + 1] >>> 0;
  const v = unsignedValue(hi, lo);
  let q: number;
  let r: number;
  if (!Number.isNaN(v)) {
    divideTruncated(v, d);
    q = Q[0];
    r = Q[1];
  } else {
    const big = (BigInt(hi) << 32n) | BigInt(lo);
    q = Number(big / BigInt(d));
    r = Number(big % BigInt(d));
  }
  c.gl[r1] = r;
  c.gl[r1 + 1] = q;
}

/** DSG/DSGR/DSGF/DSGFR: signed 64-bit R1+1 by a signed 64-bit divisor; remainder R1, quotient R1+1. */
function divideSigned64(c: Cpu, r1: number, dh: number, dl: number): void {
  requireEven(c, r1);
  if ((dh | dl) === 0) divideException(c);
  const ah = c.gh[r1 + 1];
  const al = c.gl[r1 + 1];
  if (ah === -0x8000_0000 && al === 0 && dh === -1 && dl === -1) divideException(c);
  const a = signedValue(ah, al);
  const b = signedValue(dh, dl);
  if (!Number.isNaN(a) && !Number.isNaN(b)) {
    divideTruncated(a, b);
    const q = Q[0];
    fromNumber(Q[1]);
    c.gh[r1] = P[0];
    c.gl[r1] = P[1];
    fromNumber(q);
  } else {
    const big = toBig(ah, al);
    const bd = toBig(dh, dl);
    fromBig(big % bd);
    c.gh[r1] = P[0];
    c.gl[r1] = P[1];
    fromBig(big / bd);
  }
  c.gh[r1 + 1] = P[0];
  c.gl[r1 + 1] = P[1];
}

/** DLG/DLGR: unsigned 128-bit R1:R1+1 by an unsigned 64-bit divisor. */
function divideLogical64(c: Cpu, r1: number, dh: number, dl: number): void {
  requireEven(c, r1);
  if ((dh | dl) === 0) divideException(c);
  const h0 = c.gh[r1];
  const h1 = c.gl[r1];
  const ud = (dh >>> 0) * TWO32 + (dl >>> 0);
  if ((h0 | h1) === 0) {
    const a = unsignedValue(c.gh[r1 + 1], c.gl[r1 + 1]);
    if (!Number.isNaN(a) && ud < 2 ** 52) {
      divideTruncated(a, ud);
      const q = Q[0];
      fromNumber(Q[1]);
      c.gh[r1] = P[0];
      c.gl[r1] = P[1];
      fromNumber(q);
      c.gh[r1 + 1] = P[0];
      c.gl[r1 + 1] = P[1];
      return;
    }
  }
  const high = (BigInt(h0 >>> 0) << 32n) | BigInt(h1 >>> 0);
  const d = (BigInt(dh >>> 0) << 32n) | BigInt(dl >>> 0);
  if (high >= d) divideException(c);
  const dividend = (high << 64n) | (BigInt(c.gh[r1 + 1] >>> 0) << 32n) | BigInt(c.gl[r1 + 1] >>> 0);
  fromBig(dividend % d);
  c.gh[r1] = P[0];
  c.gl[r1] = P[1];
  fromBig(dividend / d);
  c.gh[r1 + 1] = P[0];
  c.gl[r1 + 1] = P[1];
}

/** M/MR: signed word × R1+1 → 64-bit product in the pair (bits 32-63 of each). */
function multiplyPair32(c: Cpu, r1: number, b: number): void {
  requireEven(c, r1);
  mulS32(c.gl[r1 + 1], b);
  c.gl[r1] = P[0];
  c.gl[r1 + 1] = P[1];
}

const product128 = new Int32Array(4);

/** MLGR/MLG: unsigned R1+1 × operand → 128-bit product in the pair. */
function multiplyLogical64(c: Cpu, r1: number, bh: number, bl: number): void {
  requireEven(c, r1);
  mulU64(c.gh[r1 + 1], c.gl[r1 + 1], bh, bl, product128);
  c.gh[r1] = product128[0];
  c.gl[r1] = product128[1];
  c.gh[r1 + 1] = product128[2];
  c.gl[r1 + 1] = product128[3];
}

function multiplySingle64(c: Cpu, r1: number, bh: number, bl: number): void {
  mulLow64(c.gh[r1], c.gl[r1], bh, bl);
  c.gh[r1] = P[0];
  c.gl[r1] = P[1];
}

const A: Handler = (c, f, k, ia) => {
  add32(c, f[k], c.rdS32(rx(c, f, k)));
  return ia + 4;
};
const AR: Handler = (c, f, k, ia) => {
  const gl = c.gl;
  const r1 = f[k];
  const a = gl[r1];
  const b = gl[f[k + 1]];
  const r = (a + b) | 0;
  gl[r1] = r;
  if (((a ^ r) & (b ^ r)) < 0) fixedOverflow(c);
  else c.cc = r === 0 ? 0 : r < 0 ? 1 : 2;
  return ia + 2;
};
const AG: Handler = (c, f, k, ia) => {
  c.rd64(rx(c, f, k));
  add64(c, f[k], c.vh, c.vl);
  return ia + 6;
};
const AGR: Handler = (c, f, k, ia) => {
  const r2 = f[k + 1];
  add64(c, f[k], c.gh[r2], c.gl[r2]);
  return ia + 4;
};
const AGF: Handler = (c, f, k, ia) => {
  const v = c.rdS32(rx(c, f, k));
  add64(c, f[k], v >> 31, v);
  return ia + 6;
};
const AGFR: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k + 1]];
  add64(c, f[k], v >> 31, v);
  return ia + 4;
};
const AH: Handler = (c, f, k, ia) => {
  add32(c, f[k], (c.rdU16(rx(c, f, k)) << 16) >> 16);
  return ia + 4;
};
const AHI: Handler = (c, f, k, ia) => {
  add32(c, f[k], f[k + 1]);
  return ia + 4;
};
const AGHI: Handler = (c, f, k, ia) => {
  const v = f[k + 1];
  add64(c, f[k], v >> 31, v);
  return ia + 4;
};
const AL: Handler = (c, f, k, ia) => {
  addLogical32(c, f[k], c.rdS32(rx(c, f, k)), 0);
  return ia + 4;
};
const ALR: Handler = (c, f, k, ia) => {
  addLogical32(c, f[k], c.gl[f[k + 1]], 0);
  return ia + 2;
};
const ALG: Handler = (c, f, k, ia) => {
  c.rd64(rx(c, f, k));
  addLogical64(c, f[k], c.vh, c.vl, 0);
  return ia + 6;
};
const ALGR: Handler = (c, f, k, ia) => {
  addLogical64(c, f[k], c.gh[f[k + 1]], c.gl[f[k + 1]], 0);
  return ia + 4;
};
/** ALGFR: the second operand is bits 32-63 of R2, zero-extended. */
const ALGFR: Handler = (c, f, k, ia) => {
  addLogical64(c, f[k], 0, c.gl[f[k + 1]], 0);
  return ia + 4;
};
const ALC: Handler = (c, f, k, ia) => {
  addLogical32(c, f[k], c.rdS32(rx(c, f, k)), carry(c));
  return ia + 6;
};
const ALCR: Handler = (c, f, k, ia) => {
  addLogical32(c, f[k], c.gl[f[k + 1]], carry(c));
  return ia + 4;
};
const ALCG: Handler = (c, f, k, ia) => {
  c.rd64(rx(c, f, k));
  addLogical64(c, f[k], c.vh, c.vl, carry(c));
  return ia + 6;
};
const ALCGR: Handler = (c, f, k, ia) => {
  addLogical64(c, f[k], c.gh[f[k + 1]], c.gl[f[k + 1]], carry(c));
  return ia + 4;
};
const S: Handler = (c, f, k, ia) => {
  sub32(c, f[k], c.rdS32(rx(c, f, k)));
  return ia + 4;
};
const SR: Handler = (c, f, k, ia) => {
  sub32(c, f[k], c.gl[f[k + 1]]);
  return ia + 2;
};
const SG: Handler = (c, f, k, ia) => {
  c.rd64(rx(c, f, k));
  sub64(c, f[k], c.vh, c.vl);
  return ia + 6;
};
const SGR: Handler = (c, f, k, ia) => {
  sub64(c, f[k], c.gh[f[k + 1]], c.gl[f[k + 1]]);
  return ia + 4;
};
const SGF: Handler = (c, f, k, ia) => {
  const v = c.rdS32(rx(c, f, k));
  sub64(c, f[k], v >> 31, v);
  return ia + 6;
};
const SGFR: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k + 1]];
  sub64(c, f[k], v >> 31, v);
  return ia + 4;
};
const SH: Handler = (c, f, k, ia) => {
  sub32(c, f[k], (c.rdU16(rx(c, f, k)) << 16) >> 16);
  return ia + 4;
};
// Logical subtract = logical add of the ones' complement with carry 1 (borrow = no carry).
const SL: Handler = (c, f, k, ia) => {
  addLogical32(c, f[k], ~c.rdS32(rx(c, f, k)), 1);
  return ia + 4;
};
const SLR: Handler = (c, f, k, ia) => {
  addLogical32(c, f[k], ~c.gl[f[k + 1]], 1);
  return ia + 2;
};
const SLG: Handler = (c, f, k, ia) => {
  c.rd64(rx(c, f, k));
  addLogical64(c, f[k], ~c.vh, ~c.vl, 1);
  return ia + 6;
};
const SLGR: Handler = (c, f, k, ia) => {
  addLogical64(c, f[k], ~c.gh[f[k + 1]], ~c.gl[f[k + 1]], 1);
  return ia + 4;
};
/** SLGFR: subtracts bits 32-63 of R2, zero-extended (add the ones' complement plus one). */
const SLGFR: Handler = (c, f, k, ia) => {
  addLogical64(c, f[k], ~0, ~c.gl[f[k + 1]], 1);
  return ia + 4;
};
const SLB: Handler = (c, f, k, ia) => {
  addLogical32(c, f[k], ~c.rdS32(rx(c, f, k)), carry(c));
  return ia + 6;
};
const SLBR: Handler = (c, f, k, ia) => {
  addLogical32(c, f[k], ~c.gl[f[k + 1]], carry(c));
  return ia + 4;
};
const SLBG: Handler = (c, f, k, ia) => {
  c.rd64(rx(c, f, k));
  addLogical64(c, f[k], ~c.vh, ~c.vl, carry(c));
  return ia + 6;
};
const SLBGR: Handler = (c, f, k, ia) => {
  addLogical64(c, f[k], ~c.gh[f[k + 1]], ~c.gl[f[k + 1]], carry(c));
  return ia + 4;
};
const M: Handler = (c, f, k, ia) => {
  multiplyPair32(c, f[k], c.rdS32(pairRx(c, f, k)));
  return ia + 4;
};
const MR: Handler = (c, f, k, ia) => {
  multiplyPair32(c, f[k], c.gl[f[k + 1]]);
  return ia + 2;
};
const MH: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  c.gl[r1] = Math.imul(c.gl[r1], (c.rdU16(rx(c, f, k)) << 16) >> 16);
  return ia + 4;
};
const MHI: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  c.gl[r1] = Math.imul(c.gl[r1], f[k + 1]);
  return ia + 4;
};
const MS: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  c.gl[r1] = Math.imul(c.gl[r1], c.rdS32(rx(c, f, k)));
  return ia + 4;
};
const MSR: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  c.gl[r1] = Math.imul(c.gl[r1], c.gl[f[k + 1]]);
  return ia + 4;
};
const MSG: Handler = (c, f, k, ia) => {
  c.rd64(rx(c, f, k));
  multiplySingle64(c, f[k], c.vh, c.vl);
  return ia + 6;
};
const MSGR: Handler = (c, f, k, ia) => {
  multiplySingle64(c, f[k], c.gh[f[k + 1]], c.gl[f[k + 1]]);
  return ia + 4;
};
const MSGF: Handler = (c, f, k, ia) => {
  const v = c.rdS32(rx(c, f, k));
  multiplySingle64(c, f[k], v >> 31, v);
  return ia + 6;
};
const MSGFR: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k + 1]];
  multiplySingle64(c, f[k], v >> 31, v);
  return ia + 4;
};
const MGHI: Handler = (c, f, k, ia) => {
  const v = f[k + 1];
  multiplySingle64(c, f[k], v >> 31, v);
  return ia + 4;
};
const MLGR: Handler = (c, f, k, ia) => {
  multiplyLogical64(c, f[k], c.gh[f[k + 1]], c.gl[f[k + 1]]);
  return ia + 4;
};
const MLG: Handler = (c, f, k, ia) => {
  c.rd64(pairRx(c, f, k));
  multiplyLogical64(c, f[k], c.vh, c.vl);
  return ia + 6;
};
const D: Handler = (c, f, k, ia) => {
  divide32(c, f[k], c.rdS32(pairRx(c, f, k)));
  return ia + 4;
};
const DR: Handler = (c, f, k, ia) => {
  divide32(c, f[k], c.gl[f[k + 1]]);
  return ia + 2;
};
const DL: Handler = (c, f, k, ia) => {
  divideLogical32(c, f[k], c.rdS32(pairRx(c, f, k)));
  return ia + 6;
};
const DLR: Handler = (c, f, k, ia) => {
  divideLogical32(c, f[k], c.gl[f[k + 1]]);
  return ia + 4;
};
const DLG: Handler = (c, f, k, ia) => {
  c.rd64(pairRx(c, f, k));
  divideLogical64(c, f[k], c.vh, c.vl);
  return ia + 6;
};
const DLGR: Handler = (c, f, k, ia) => {
  divideLogical64(c, f[k], c.gh[f[k + 1]], c.gl[f[k + 1]]);
  return ia + 4;
};
const DSG: Handler = (c, f, k, ia) => {
  c.rd64(pairRx(c, f, k));
  divideSigned64(c, f[k], c.vh, c.vl);
  return ia + 6;
};
const DSGR: Handler = (c, f, k, ia) => {
  divideSigned64(c, f[k], c.gh[f[k + 1]], c.gl[f[k + 1]]);
  return ia + 4;
};
const DSGF: Handler = (c, f, k, ia) => {
  const v = c.rdS32(pairRx(c, f, k));
  divideSigned64(c, f[k], v >> 31, v);
  return ia + 6;
};
const DSGFR: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k + 1]];
  divideSigned64(c, f[k], v >> 31, v);
  return ia + 4;
};

export const ARITHMETIC_HANDLERS: Readonly<Record<string, Handler>> = {
  A,
  AR,
  AG,
  AGR,
  AGF,
  AGFR,
  AH,
  AHI,
  AGHI,
  AL,
  ALR,
  ALG,
  ALGR,
  ALGFR,
  ALC,
  ALCR,
  ALCG,
  ALCGR,
  S,
  SR,
  SG,
  SGR,
  SGF,
  SGFR,
  SH,
  SL,
  SLR,
  SLG,
  SLGR,
  SLGFR,
  SLB,
  SLBR,
  SLBG,
  SLBGR,
  M,
  MR,
  MH,
  MHI,
  MS,
  MSR,
  MSG,
  MSGR,
  MSGF,
  MSGFR,
  MGHI,
  MLGR,
  MLG,
  D,
  DR,
  DL,
  DLR,
  DLG,
  DLGR,
  DSG,
  DSGR,
  DSGF,
  DSGFR,
};
