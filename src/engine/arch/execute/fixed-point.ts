import type { Cpu } from '../cpu';
import { PGM_FIXED_POINT_OVERFLOW, PGM_SPECIFICATION } from '../program-interruption';
import { PSW_PM_FIXED_OVERFLOW } from '../psw';

/**
 * Shared fixed-point semantics on 32-bit halves, reused by many table rows (add with CC, subtract,
 * compare, load-and-test, multiply, shifts). 64-bit values are (hi, lo) int32 pairs; results of the
 * 64-bit helpers come back in the module scratch `P[0]`/`P[1]` (no allocation).
 */
export const TWO32 = 0x1_0000_0000;

/**
 * Scratch results (no allocation): P[0]/P[1] = high/low half of the last 64-bit helper result;
 * Q[0]/Q[1] = quotient/remainder of divideTruncated, Q[2] = 1 when the last 32-bit arithmetic
 * left shift overflowed.
 */
export const P = new Int32Array(2);
export const Q = new Float64Array(3);

/** CC of a signed 32-bit result: 0 zero, 1 negative, 2 positive. */
export function cc32(r: number): number {
  return r === 0 ? 0 : r < 0 ? 1 : 2;
}

/** CC of a signed 64-bit result. */
export function cc64(hi: number, lo: number): number {
  return hi < 0 ? 1 : (hi | lo) === 0 ? 0 : 2;
}

/** Fixed-point overflow: CC 3, and program interruption 0x08 when PSW bit 20 is on (completing: the result stays). */
export function fixedOverflow(c: Cpu): void {
  c.cc = 3;
  if ((c.w0 & PSW_PM_FIXED_OVERFLOW) !== 0) c.programException(PGM_FIXED_POINT_OVERFLOW);
}

/** An even-odd register pair is required (§1.4): odd R1 is a specification exception. */
export function requireEven(c: Cpu, r: number): void {
  if ((r & 1) !== 0) c.programException(PGM_SPECIFICATION);
}

// ---- pure results and condition codes ----
// The handlers below call these; compiled blocks write in their source twins
// (fixed-point-source.ts, tested equal). Each is one expression with no call inside.

/** CC of the signed add a + b = r (32-bit): 3 on overflow. */
export function addCc32(a: number, b: number, r: number): number {
  return ((a ^ r) & (b ^ r)) < 0 ? 3 : r === 0 ? 0 : r < 0 ? 1 : 2;
}

/** CC of the signed subtract a - b = r (32-bit): 3 on overflow. */
export function subCc32(a: number, b: number, r: number): number {
  return ((a ^ b) & (a ^ r)) < 0 ? 3 : r === 0 ? 0 : r < 0 ? 1 : 2;
}

/** High word of the 64-bit sum (ah, al) + (bh, bl) whose low word is l = (al + bl) | 0. */
export function addHigh64(ah: number, al: number, bh: number, l: number): number {
  // Int32 arithmetic only (no float64): the carry out of the low halves is an unsigned wrap.
  return (ah + bh + (l >>> 0 < al >>> 0 ? 1 : 0)) | 0;
}

/** High word of the 64-bit difference (ah, al) - (bh, bl). */
export function subHigh64(ah: number, al: number, bh: number, bl: number): number {
  return (ah - bh - (al >>> 0 < bl >>> 0 ? 1 : 0)) | 0;
}

/** CC of the signed 64-bit add (ah, …) + (bh, …) = (hi, lo): 3 on overflow. */
export function addCc64(ah: number, bh: number, hi: number, lo: number): number {
  return ((ah ^ hi) & (bh ^ hi)) < 0 ? 3 : hi < 0 ? 1 : (hi | lo) === 0 ? 0 : 2;
}

/** CC of the signed 64-bit subtract (ah, …) - (bh, …) = (hi, lo): 3 on overflow. */
export function subCc64(ah: number, bh: number, hi: number, lo: number): number {
  return ((ah ^ bh) & (ah ^ hi)) < 0 ? 3 : hi < 0 ? 1 : (hi | lo) === 0 ? 0 : 2;
}

/** Carry out (0 or 1) of the unsigned 32-bit sum a + b + carryIn. */
export function carry32(a: number, b: number, carryIn: number): number {
  return (a >>> 0) + (b >>> 0) + carryIn > 0xffff_ffff ? 1 : 0;
}

/** CC of a logical add: 0/1 zero/nonzero result without carry, 2/3 with carry. Subtract = add of ~b with carry 1. */
export function logicalCc(nonzero: boolean, carry: number): number {
  return (nonzero ? 1 : 0) | (carry << 1);
}

export function compareCc32(a: number, b: number): number {
  return a === b ? 0 : a < b ? 1 : 2;
}

export function compareLogicalCc32(a: number, b: number): number {
  return a === b ? 0 : a >>> 0 < b >>> 0 ? 1 : 2;
}

export function compareCc64(ah: number, al: number, bh: number, bl: number): number {
  return ah !== bh ? (ah < bh ? 1 : 2) : al === bl ? 0 : al >>> 0 < bl >>> 0 ? 1 : 2;
}

export function compareLogicalCc64(ah: number, al: number, bh: number, bl: number): number {
  return ah !== bh ? (ah >>> 0 < bh >>> 0 ? 1 : 2) : al === bl ? 0 : al >>> 0 < bl >>> 0 ? 1 : 2;
}

/** Sets an arithmetic CC; 3 is a fixed-point overflow. */
export function arithmeticCc(c: Cpu, cc: number): void {
  if (cc === 3) fixedOverflow(c);
  else c.cc = cc;
}

// ---- 32-bit, into bits 32-63 of register r1 ----

/** Signed add with CC into gl[r1]. */
export function add32(c: Cpu, r1: number, b: number): void {
  const gl = c.gl;
  const a = gl[r1];
  const r = (a + b) | 0;
  gl[r1] = r;
  arithmeticCc(c, addCc32(a, b, r));
}

/** Signed subtract with CC into gl[r1]. */
export function sub32(c: Cpu, r1: number, b: number): void {
  const gl = c.gl;
  const a = gl[r1];
  const r = (a - b) | 0;
  gl[r1] = r;
  arithmeticCc(c, subCc32(a, b, r));
}

/** Logical add with carry-in into gl[r1]; CC as logicalCc. */
export function addLogical32(c: Cpu, r1: number, b: number, carryIn: number): void {
  const gl = c.gl;
  const a = gl[r1];
  const r = (a + b + carryIn) | 0;
  gl[r1] = r;
  c.cc = logicalCc(r !== 0, carry32(a, b, carryIn));
}

export function compare32(c: Cpu, a: number, b: number): void {
  c.cc = compareCc32(a, b);
}

export function compareLogical32(c: Cpu, a: number, b: number): void {
  c.cc = compareLogicalCc32(a, b);
}

// ---- 64-bit, register r1 = (gh, gl) ----

/** Signed 64-bit add of (bh, bl) into register r1 with CC. */
export function add64(c: Cpu, r1: number, bh: number, bl: number): void {
  const gh = c.gh;
  const gl = c.gl;
  const ah = gh[r1];
  const al = gl[r1];
  const l = (al + bl) | 0;
  const hi = addHigh64(ah, al, bh, l);
  gh[r1] = hi;
  gl[r1] = l;
  arithmeticCc(c, addCc64(ah, bh, hi, l));
}

/** Signed 64-bit subtract of (bh, bl) from register r1 with CC. */
export function sub64(c: Cpu, r1: number, bh: number, bl: number): void {
  const gh = c.gh;
  const gl = c.gl;
  const ah = gh[r1];
  const al = gl[r1];
  const hi = subHigh64(ah, al, bh, bl);
  const l = (al - bl) | 0;
  gh[r1] = hi;
  gl[r1] = l;
  arithmeticCc(c, subCc64(ah, bh, hi, l));
}

/** Logical 64-bit add with carry-in into register r1; CC as logicalCc. */
export function addLogical64(c: Cpu, r1: number, bh: number, bl: number, carryIn: number): void {
  const gh = c.gh;
  const gl = c.gl;
  const ah = gh[r1];
  const al = gl[r1];
  const low = carry32(al, bl, carryIn);
  const h = (ah + bh + low) | 0;
  const l = (al + bl + carryIn) | 0;
  gh[r1] = h;
  gl[r1] = l;
  c.cc = logicalCc((h | l) !== 0, carry32(ah, bh, low));
}

export function compare64(c: Cpu, ah: number, al: number, bh: number, bl: number): void {
  c.cc = compareCc64(ah, al, bh, bl);
}

export function compareLogical64(c: Cpu, ah: number, al: number, bh: number, bl: number): void {
  c.cc = compareLogicalCc64(ah, al, bh, bl);
}

// ---- multiplication ----

/** Unsigned 32 × 32 → 64 into P[0]/P[1]. */
export function mulU32(a: number, b: number): void {
  const ua = a >>> 0;
  const ub = b >>> 0;
  const a0 = ua & 0xffff;
  const a1 = ua >>> 16;
  const b0 = ub & 0xffff;
  const b1 = ub >>> 16;
  const mid = a1 * b0 + a0 * b1;
  const t = a0 * b0 + (mid % 0x1_0000) * 0x1_0000;
  const carry = Math.floor(t / TWO32);
  P[1] = t | 0;
  P[0] = (a1 * b1 + Math.floor(mid / 0x1_0000) + carry) | 0;
}

/** Signed 32 × 32 → 64 into P[0]/P[1]. */
export function mulS32(a: number, b: number): void {
  mulU32(a, b);
  let h = P[0];
  if (a < 0) h -= b;
  if (b < 0) h -= a;
  P[0] = h | 0;
}

/** Low 64 bits of a 64 × 64 product (signedness does not matter) into P[0]/P[1]. */
export function mulLow64(ah: number, al: number, bh: number, bl: number): void {
  mulU32(al, bl);
  P[0] = (P[0] + Math.imul(ah, bl) + Math.imul(al, bh)) | 0;
}

/** Whether the signed 64 × 64 product overflows 64 bits: only for tools; the MS* rows do not check. */

/** Unsigned 64 × 64 → 128: words w0 (most significant) .. w3 returned in the array `out`. */
export function mulU64(ah: number, al: number, bh: number, bl: number, out: Int32Array): void {
  mulU32(al, bl);
  const p00h = P[0] >>> 0;
  const p00l = P[1] >>> 0;
  mulU32(al, bh);
  const p01h = P[0] >>> 0;
  const p01l = P[1] >>> 0;
  mulU32(ah, bl);
  const p10h = P[0] >>> 0;
  const p10l = P[1] >>> 0;
  mulU32(ah, bh);
  const p11h = P[0] >>> 0;
  const p11l = P[1] >>> 0;
  const w1 = p00h + p01l + p10l;
  const c1 = Math.floor(w1 / TWO32);
  const w2 = p11l + p01h + p10h + c1;
  const c2 = Math.floor(w2 / TWO32);
  out[3] = p00l | 0;
  out[2] = w1 | 0;
  out[1] = w2 | 0;
  out[0] = (p11h + c2) | 0;
}

// ---- shifts on (hi, lo) pairs; n in 0..63 ----

/** High word of the 64-bit (hi, lo) shifted left by n (0..63). Pure: compiled blocks inline it. */
export function shiftLeftHigh64(hi: number, lo: number, n: number): number {
  return n === 0 ? hi : n < 32 ? (hi << n) | (lo >>> (32 - n)) : lo << (n - 32);
}

/** Low word of the 64-bit (hi, lo) shifted left by n (0..63). */
export function shiftLeftLow64(lo: number, n: number): number {
  return n < 32 ? lo << n : 0;
}

/** High word of the 64-bit (hi, lo) shifted right logically by n (0..63). */
export function shiftRightLogicalHigh64(hi: number, n: number): number {
  return n < 32 ? (hi >>> n) | 0 : 0;
}

/** Low word of the 64-bit (hi, lo) shifted right logically by n (0..63). */
export function shiftRightLogicalLow64(hi: number, lo: number, n: number): number {
  return n === 0 ? lo : n < 32 ? (lo >>> n) | (hi << (32 - n)) : (hi >>> (n - 32)) | 0;
}

export function shiftLeft64(hi: number, lo: number, n: number): void {
  P[0] = shiftLeftHigh64(hi, lo, n);
  P[1] = shiftLeftLow64(lo, n);
}

export function shiftRightLogical64(hi: number, lo: number, n: number): void {
  P[0] = shiftRightLogicalHigh64(hi, n);
  P[1] = shiftRightLogicalLow64(hi, lo, n);
}

export function shiftRightArithmetic64(hi: number, lo: number, n: number): void {
  if (n === 0) {
    P[0] = hi;
    P[1] = lo;
  } else if (n < 32) {
    P[1] = (lo >>> n) | (hi << (32 - n)) | 0;
    P[0] = hi >> n;
  } else {
    P[1] = hi >> (n - 32);
    P[0] = hi >> 31;
  }
}

/**
 * Arithmetic left shift of a 64-bit value keeping the sign (SLAG, SLDA): result in P[0]/P[1];
 * returns true on overflow (a bit unlike the sign shifted out).
 */
export function shiftLeftArithmetic64(hi: number, lo: number, n: number): boolean {
  const sign = hi >> 31;
  let overflow: boolean;
  if (n >= 63) overflow = !((hi | lo) === 0 || (hi & lo) === -1);
  else {
    shiftRightArithmetic64(hi, lo, 63 - n);
    overflow = P[0] !== sign || P[1] !== sign;
  }
  shiftLeft64(hi, lo, n);
  P[0] = (P[0] & 0x7fff_ffff) | (hi & 0x8000_0000);
  return overflow;
}

/**
 * Arithmetic left shift of a 32-bit value keeping the sign; returns the result, sets Q[2] on overflow.
 * Beyond 31 positions the zeros supplied on the right are shifted out too: unlike a negative sign,
 * so -1 overflows from 32 on (found by the fuzzer).
 */
export function shiftLeftArithmetic32(a: number, n: number): number {
  if (n >= 31) Q[2] = a !== 0 && (a !== -1 || n > 31) ? 1 : 0;
  else Q[2] = a >> (31 - n) !== a >> 31 ? 1 : 0;
  const shifted = n >= 32 ? 0 : a << n;
  return (shifted & 0x7fff_ffff) | (a & 0x8000_0000);
}

// ---- division (fast exact paths in doubles, BigInt only for operands beyond 2^52) ----

const LIMIT = 2 ** 52;

/** Value of a 64-bit (hi, lo) pair as a signed number, or NaN when |v| ≥ 2^52. */
export function signedValue(hi: number, lo: number): number {
  const v = hi * TWO32 + (lo >>> 0);
  return v > -LIMIT && v < LIMIT ? v : Number.NaN;
}

export function unsignedValue(hi: number, lo: number): number {
  const v = (hi >>> 0) * TWO32 + (lo >>> 0);
  return v < LIMIT ? v : Number.NaN;
}

export function toBig(hi: number, lo: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

/** Sets P[0]/P[1] from a BigInt (mod 2^64). */
export function fromBig(v: bigint): void {
  const u = BigInt.asUintN(64, v);
  P[0] = Number(u >> 32n) | 0;
  P[1] = Number(u & 0xffff_ffffn) | 0;
}

/** Sets P[0]/P[1] from a number that is an exact integer (mod 2^64 via two's complement). */
export function fromNumber(v: number): void {
  const hi = Math.floor(v / TWO32);
  P[0] = hi | 0;
  P[1] = (v - hi * TWO32) | 0;
}

/** Truncating division of exact integers below 2^52 in magnitude into Q[0], Q[1] (remainder has the dividend's sign). */
export function divideTruncated(a: number, b: number): void {
  const na = Math.abs(a);
  const nb = Math.abs(b);
  let q = Math.floor(na / nb);
  let r = na - q * nb;
  if (r < 0) {
    q--;
    r += nb;
  } else if (r >= nb) {
    q++;
    r -= nb;
  }
  Q[0] = a < 0 !== b < 0 ? -q : q;
  Q[1] = a < 0 ? -r : r;
}
