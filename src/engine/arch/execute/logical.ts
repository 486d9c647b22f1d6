import type { Handler } from '../code-cache';
import type { Cpu } from '../cpu';
import * as fixedPointModule from './fixed-point';
import * as storageOperandsModule from './storage-operands';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const {
  P,
  Q,
  cc32,
  cc64,
  fixedOverflow,
  requireEven,
  shiftLeft64,
  shiftLeftArithmetic32,
  shiftLeftArithmetic64,
  shiftRightArithmetic64,
  shiftRightLogical64,
} = fixedPointModule;
const { logicalBytes } = storageOperandsModule;

/** Logical, bit-test and shift rows (§2.4 "Logical / bit / shift"). Fields as in load-store.ts. */

function rx(c: Cpu, f: Int32Array, k: number): number {
  return c.ea(f[k + 1], f[k + 2], f[k + 3]);
}

/** Shift amount: the low 6 bits of D2(B2) (only those bits matter in any addressing mode). */
function shiftAmount(c: Cpu, f: Int32Array, k: number): number {
  const b = f[k + 2];
  return (f[k + 3] + (b !== 0 ? c.gl[b] : 0)) & 63;
}

function bitwise32(c: Cpu, r1: number, b: number, op: number): void {
  const a = c.gl[r1];
  const r = op === 0 ? a & b : op === 1 ? a | b : a ^ b;
  c.gl[r1] = r;
  c.cc = r === 0 ? 0 : 1;
}

function bitwise64(c: Cpu, r1: number, bh: number, bl: number, op: number): void {
  const ah = c.gh[r1];
  const al = c.gl[r1];
  const h = op === 0 ? ah & bh : op === 1 ? ah | bh : ah ^ bh;
  const l = op === 0 ? al & bl : op === 1 ? al | bl : al ^ bl;
  c.gh[r1] = h;
  c.gl[r1] = l;
  c.cc = (h | l) === 0 ? 0 : 1;
}

/** AND/OR immediate into a 16-bit piece (NIxx/OIxx); the CC reflects that piece only. */
function immediatePiece(c: Cpu, r1: number, i2: number, high: boolean, shift: number, op: number): void {
  const regs = high ? c.gh : c.gl;
  const v = regs[r1];
  const piece = (v >>> shift) & 0xffff;
  const m = i2 & 0xffff;
  const r = op === 0 ? piece & m : piece | m;
  regs[r1] = (v & ~(0xffff << shift)) | (r << shift);
  c.cc = r === 0 ? 0 : 1;
}

/** TMxx: CC 0 selected bits all zero (or mask 0), 1 mixed with leftmost selected 0, 2 mixed with it 1, 3 all ones. */
function testUnderMask16(c: Cpu, value: number, mask: number): void {
  const m = mask & 0xffff;
  const sel = value & m;
  if (sel === 0) c.cc = 0;
  else if (sel === m) c.cc = 3;
  else {
    const leftmost = 1 << (31 - Math.clz32(m));
    c.cc = (value & leftmost) !== 0 ? 2 : 1;
  }
}

const N: Handler = (c, f, k, ia) => {
  bitwise32(c, f[k], c.rdS32(rx(c, f, k)), 0);
  return ia + 4;
};
const O: Handler = (c, f, k, ia) => {
  bitwise32(c, f[k], c.rdS32(rx(c, f, k)), 1);
  return ia + 4;
};
const X: Handler = (c, f, k, ia) => {
  bitwise32(c, f[k], c.rdS32(rx(c, f, k)), 2);
  return ia + 4;
};
const NR: Handler = (c, f, k, ia) => {
  bitwise32(c, f[k], c.gl[f[k + 1]], 0);
  return ia + 2;
};
const OR: Handler = (c, f, k, ia) => {
  bitwise32(c, f[k], c.gl[f[k + 1]], 1);
  return ia + 2;
};
const XR: Handler = (c, f, k, ia) => {
  bitwise32(c, f[k], c.gl[f[k + 1]], 2);
  return ia + 2;
};
const NG: Handler = (c, f, k, ia) => {
  c.rd64(rx(c, f, k));
  bitwise64(c, f[k], c.vh, c.vl, 0);
  return ia + 6;
};
const OG: Handler = (c, f, k, ia) => {
  c.rd64(rx(c, f, k));
  bitwise64(c, f[k], c.vh, c.vl, 1);
  return ia + 6;
};
const XG: Handler = (c, f, k, ia) => {
  c.rd64(rx(c, f, k));
  bitwise64(c, f[k], c.vh, c.vl, 2);
  return ia + 6;
};
const NGR: Handler = (c, f, k, ia) => {
  bitwise64(c, f[k], c.gh[f[k + 1]], c.gl[f[k + 1]], 0);
  return ia + 4;
};
const OGR: Handler = (c, f, k, ia) => {
  bitwise64(c, f[k], c.gh[f[k + 1]], c.gl[f[k + 1]], 1);
  return ia + 4;
};
const XGR: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const r2 = f[k + 1];
  const gh = c.gh;
  const gl = c.gl;
  const h = gh[r1] ^ gh[r2];
  const l = gl[r1] ^ gl[r2];
  gh[r1] = h;
  gl[r1] = l;
  c.cc = (h | l) === 0 ? 0 : 1;
  return ia + 4;
};

function immediateStorage(c: Cpu, f: Int32Array, k: number, op: number): void {
  const a = c.ea(0, f[k + 2], f[k + 3]);
  c.checkStore(a, 1);
  const v = c.rd8(a);
  const i = f[k] & 0xff;
  const r = op === 0 ? v & i : op === 1 ? v | i : v ^ i;
  c.wr8(a, r);
  c.cc = r === 0 ? 0 : 1;
}

const NI: Handler = (c, f, k, ia) => {
  immediateStorage(c, f, k, 0);
  return ia + 4;
};
const OI: Handler = (c, f, k, ia) => {
  immediateStorage(c, f, k, 1);
  return ia + 4;
};
const XI: Handler = (c, f, k, ia) => {
  immediateStorage(c, f, k, 2);
  return ia + 4;
};

function ssLogical(c: Cpu, f: Int32Array, k: number, op: number): void {
  const op2 = f[k + 1];
  logicalBytes(c, c.ea(0, f[k + 2], f[k + 3]), c.ea(0, op2 >>> 16, op2 & 0xfff), f[k] + 1, op);
}

const NC: Handler = (c, f, k, ia) => {
  ssLogical(c, f, k, 0);
  return ia + 6;
};
const OC: Handler = (c, f, k, ia) => {
  ssLogical(c, f, k, 1);
  return ia + 6;
};
const XC: Handler = (c, f, k, ia) => {
  ssLogical(c, f, k, 2);
  return ia + 6;
};

const piece = (high: boolean, shift: number, op: number): Handler => {
  return (c, f, k, ia) => {
    immediatePiece(c, f[k], f[k + 1], high, shift, op);
    return ia + 4;
  };
};

const TM: Handler = (c, f, k, ia) => {
  const v = c.rd8(c.ea(0, f[k + 2], f[k + 3]));
  const m = f[k] & 0xff;
  const sel = v & m;
  c.cc = sel === 0 ? 0 : sel === m ? 3 : 1;
  return ia + 4;
};
const TMLL: Handler = (c, f, k, ia) => {
  testUnderMask16(c, c.gl[f[k]] & 0xffff, f[k + 1]);
  return ia + 4;
};
const TMLH: Handler = (c, f, k, ia) => {
  testUnderMask16(c, c.gl[f[k]] >>> 16, f[k + 1]);
  return ia + 4;
};
const TMHL: Handler = (c, f, k, ia) => {
  testUnderMask16(c, c.gh[f[k]] & 0xffff, f[k + 1]);
  return ia + 4;
};
const TMHH: Handler = (c, f, k, ia) => {
  testUnderMask16(c, c.gh[f[k]] >>> 16, f[k + 1]);
  return ia + 4;
};

const SLL: Handler = (c, f, k, ia) => {
  const n = shiftAmount(c, f, k);
  const r1 = f[k];
  c.gl[r1] = n >= 32 ? 0 : c.gl[r1] << n;
  return ia + 4;
};
const SRL: Handler = (c, f, k, ia) => {
  const n = shiftAmount(c, f, k);
  const r1 = f[k];
  c.gl[r1] = n >= 32 ? 0 : c.gl[r1] >>> n;
  return ia + 4;
};
const SLA: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const r = shiftLeftArithmetic32(c.gl[r1], shiftAmount(c, f, k));
  c.gl[r1] = r;
  if (Q[2] !== 0) fixedOverflow(c);
  else c.cc = cc32(r);
  return ia + 4;
};
const SRA: Handler = (c, f, k, ia) => {
  const n = shiftAmount(c, f, k);
  const r1 = f[k];
  const r = c.gl[r1] >> Math.min(n, 31);
  c.gl[r1] = r;
  c.cc = cc32(r);
  return ia + 4;
};

/** Double shifts work on the pair's bits 32-63: R1 (high) and R1+1 (low). */
function pairShift(c: Cpu, f: Int32Array, k: number, kind: number): void {
  const r1 = f[k];
  requireEven(c, r1);
  const n = shiftAmount(c, f, k);
  const hi = c.gl[r1];
  const lo = c.gl[r1 + 1];
  let overflow = false;
  if (kind === 0) shiftLeft64(hi, lo, n);
  else if (kind === 1) shiftRightLogical64(hi, lo, n);
  else if (kind === 2) overflow = shiftLeftArithmetic64(hi, lo, n);
  else shiftRightArithmetic64(hi, lo, n);
  c.gl[r1] = P[0];
  c.gl[r1 + 1] = P[1];
  if (kind >= 2) {
    if (overflow) fixedOverflow(c);
    else c.cc = cc64(P[0], P[1]);
  }
}

const SLDL: Handler = (c, f, k, ia) => {
  pairShift(c, f, k, 0);
  return ia + 4;
};
const SRDL: Handler = (c, f, k, ia) => {
  pairShift(c, f, k, 1);
  return ia + 4;
};
const SLDA: Handler = (c, f, k, ia) => {
  pairShift(c, f, k, 2);
  return ia + 4;
};
const SRDA: Handler = (c, f, k, ia) => {
  pairShift(c, f, k, 3);
  return ia + 4;
};

const SLLG: Handler = (c, f, k, ia) => {
  const r3 = f[k + 1];
  shiftLeft64(c.gh[r3], c.gl[r3], shiftAmount(c, f, k));
  c.gh[f[k]] = P[0];
  c.gl[f[k]] = P[1];
  return ia + 6;
};
const SRLG: Handler = (c, f, k, ia) => {
  const r3 = f[k + 1];
  const gh = c.gh;
  const gl = c.gl;
  const n = shiftAmount(c, f, k);
  const hi = gh[r3];
  const lo = gl[r3];
  const r1 = f[k];
  if (n === 0) {
    gh[r1] = hi;
    gl[r1] = lo;
  } else if (n < 32) {
    gl[r1] = (lo >>> n) | (hi << (32 - n));
    gh[r1] = hi >>> n;
  } else {
    gl[r1] = hi >>> (n - 32);
    gh[r1] = 0;
  }
  return ia + 6;
};
const SLAG: Handler = (c, f, k, ia) => {
  const r3 = f[k + 1];
  const overflow = shiftLeftArithmetic64(c.gh[r3], c.gl[r3], shiftAmount(c, f, k));
  c.gh[f[k]] = P[0];
  c.gl[f[k]] = P[1];
  if (overflow) fixedOverflow(c);
  else c.cc = cc64(P[0], P[1]);
  return ia + 6;
};
const SRAG: Handler = (c, f, k, ia) => {
  const r3 = f[k + 1];
  shiftRightArithmetic64(c.gh[r3], c.gl[r3], shiftAmount(c, f, k));
  c.gh[f[k]] = P[0];
  c.gl[f[k]] = P[1];
  c.cc = cc64(P[0], P[1]);
  return ia + 6;
};
const RLL: Handler = (c, f, k, ia) => {
  const n = shiftAmount(c, f, k) & 31;
  const v = c.gl[f[k + 1]];
  c.gl[f[k]] = n === 0 ? v : (v << n) | (v >>> (32 - n));
  return ia + 6;
};
const RLLG: Handler = (c, f, k, ia) => {
  const n = shiftAmount(c, f, k);
  const r3 = f[k + 1];
  const hi = c.gh[r3];
  const lo = c.gl[r3];
  shiftLeft64(hi, lo, n);
  const lh = P[0];
  const ll = P[1];
  shiftRightLogical64(hi, lo, (64 - n) & 63);
  c.gh[f[k]] = n === 0 ? hi : lh | P[0];
  c.gl[f[k]] = n === 0 ? lo : ll | P[1];
  return ia + 6;
};

export const LOGICAL_HANDLERS: Readonly<Record<string, Handler>> = {
  N,
  O,
  X,
  NR,
  OR,
  XR,
  NG,
  OG,
  XG,
  NGR,
  OGR,
  XGR,
  NI,
  OI,
  XI,
  NC,
  OC,
  XC,
  NILL: piece(false, 0, 0),
  NILH: piece(false, 16, 0),
  NIHL: piece(true, 0, 0),
  NIHH: piece(true, 16, 0),
  OILL: piece(false, 0, 1),
  OILH: piece(false, 16, 1),
  OIHL: piece(true, 0, 1),
  OIHH: piece(true, 16, 1),
  TM,
  TMLL,
  TMLH,
  TMHL,
  TMHH,
  SLL,
  SRL,
  SLA,
  SRA,
  SLDL,
  SRDL,
  SLDA,
  SRDA,
  SLLG,
  SRLG,
  SLAG,
  SRAG,
  RLL,
  RLLG,
};
