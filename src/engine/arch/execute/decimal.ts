import type { Handler } from '../code-cache';
import type { Cpu } from '../cpu';
import * as programInterruptionModule from '../program-interruption';
import * as dataExceptionModule from './data-exception';

// Module bindings copied once (see load-store.ts): imported bindings are getters under tsx.
const { PGM_FIXED_POINT_DIVIDE } = programInterruptionModule;
const { dataException, DXC_DECIMAL } = dataExceptionModule;

/**
 * Decimal conversions (reference/domain-architecture.md §2.4 "Decimal / translate / edit"): CVB,
 * CVBG, CVD, CVDG between binary registers and packed decimal, and PACK/UNPK between zoned and
 * packed. A packed field is digits in nibbles with the sign in the rightmost nibble: A, C, E, F are
 * plus, B and D minus; CVD/CVDG produce C or D. Field layouts as in decode.ts: RX/RXY f0=R1 f1=X2
 * f2=B2 f3=D2; SS-b f0=L1<<4|L2 f1=B2<<16|D2 f2=B1 f3=D1.
 */

/** The bytes of the packed operand being converted (at most 16). */
const PACKED = new Uint8Array(16);
/**
 * A magnitude of up to 128 bits as eight 16-bit limbs, most significant first: CVBG's 31 digits
 * and CVDG's 64-bit binary, computed without BigInt.
 */
const LIMBS = new Uint32Array(8);

function rxAddress(c: Cpu, f: Int32Array, k: number): number {
  return c.ea(f[k + 1], f[k + 2], f[k + 3]);
}

/** Fetches an n-byte packed operand into PACKED (all bytes are checked before any is used). */
function fetchPacked(c: Cpu, a: number, n: number): void {
  c.checkFetch(a, n);
  for (let i = 0; i < n; i++) PACKED[i] = c.rd8(c.wrapAddress(a + i));
}

/**
 * Checks the digits and sign of the packed operand in PACKED[0..n) and says whether it is negative.
 * An invalid digit (A-F in a digit position) or sign (0-9) is a data exception, DXC 0.
 */
function packedNegative(c: Cpu, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const b = PACKED[i];
    if (b >>> 4 > 9 || (i < n - 1 && (b & 0xf) > 9)) dataException(c, DXC_DECIMAL);
  }
  const sign = PACKED[n - 1] & 0xf;
  if (sign < 0xa) dataException(c, DXC_DECIMAL);
  return sign === 0xb || sign === 0xd;
}

/** The i-th digit (0 = leftmost) of PACKED. */
function digitAt(i: number): number {
  const b = PACKED[i >>> 1];
  return (i & 1) === 0 ? b >>> 4 : b & 0xf;
}

/** Stores PACKED[0..n) at a, left to right, after checking every byte for store access. */
function storePacked(c: Cpu, a: number, n: number): void {
  c.checkStore(a, n);
  for (let i = 0; i < n; i++) c.wr8(c.wrapAddress(a + i), PACKED[i]);
}

/**
 * Writes the magnitude in LIMBS as an n-byte packed field into PACKED with sign C (plus) or D
 * (minus). LIMBS is consumed (divided down to zero).
 */
function limbsToPacked(n: number, negative: boolean): void {
  PACKED.fill(0, 0, n);
  PACKED[n - 1] = negative ? 0x0d : 0x0c;
  for (let digit = 2 * n - 2; digit >= 0; digit--) {
    let rem = 0;
    for (let j = 0; j < 8; j++) {
      const t = rem * 0x10000 + LIMBS[j];
      LIMBS[j] = Math.floor(t / 10);
      rem = t % 10;
    }
    const byte = digit >>> 1;
    PACKED[byte] |= (digit & 1) === 0 ? rem << 4 : rem;
  }
}

/** Sets LIMBS to the 64-bit magnitude of (hi, lo), negated first when `negative`. */
function magnitudeToLimbs(hi: number, lo: number, negative: boolean): void {
  let h = hi;
  let l = lo;
  if (negative) {
    l = -l | 0;
    h = (~h + (l === 0 ? 1 : 0)) | 0;
  }
  LIMBS.fill(0, 0, 4);
  LIMBS[4] = h >>> 16;
  LIMBS[5] = h & 0xffff;
  LIMBS[6] = l >>> 16;
  LIMBS[7] = l & 0xffff;
}

/**
 * CVB: 8-byte packed (15 digits) to a signed 32-bit binary in bits 32-63 of R1. A value outside
 * the 32-bit range is a fixed-point-divide exception that completes: the rightmost 32 bits of the
 * result are in R1 when the interruption happens.
 */
const CVB: Handler = (c, f, k, ia) => {
  fetchPacked(c, rxAddress(c, f, k), 8);
  const negative = packedNegative(c, 8);
  let v = 0;
  for (let i = 0; i < 15; i++) v = v * 10 + digitAt(i);
  if (negative) v = -v;
  c.gl[f[k]] = v | 0;
  if (v > 0x7fff_ffff || v < -0x8000_0000) c.programException(PGM_FIXED_POINT_DIVIDE);
  return ia + 4;
};

/**
 * CVBG: 16-byte packed (31 digits) to a signed 64-bit binary in R1. Out of range is a
 * fixed-point-divide exception that suppresses (R1 unchanged).
 */
const CVBG: Handler = (c, f, k, ia) => {
  fetchPacked(c, rxAddress(c, f, k), 16);
  const negative = packedNegative(c, 16);
  LIMBS.fill(0);
  for (let i = 0; i < 31; i++) {
    let carry = digitAt(i);
    for (let j = 7; j >= 0; j--) {
      const t = LIMBS[j] * 10 + carry;
      LIMBS[j] = t & 0xffff;
      carry = t >>> 16;
    }
  }
  const hi = ((LIMBS[4] << 16) | LIMBS[5]) >>> 0;
  const lo = ((LIMBS[6] << 16) | LIMBS[7]) >>> 0;
  const above = LIMBS[0] | LIMBS[1] | LIMBS[2] | LIMBS[3];
  const limit = negative ? hi > 0x8000_0000 || (hi === 0x8000_0000 && lo !== 0) : hi >= 0x8000_0000;
  if (above !== 0 || limit) c.programException(PGM_FIXED_POINT_DIVIDE);
  const r1 = f[k];
  if (negative) {
    const l = -lo | 0;
    c.gl[r1] = l;
    c.gh[r1] = (~hi + (l === 0 ? 1 : 0)) | 0;
  } else {
    c.gh[r1] = hi;
    c.gl[r1] = lo;
  }
  return ia + 6;
};

/** CVD: bits 32-63 of R1 as signed binary to an 8-byte packed field (15 digits, sign C or D). */
const CVD: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k]];
  magnitudeToLimbs(v < 0 ? -1 : 0, v, v < 0);
  limbsToPacked(8, v < 0);
  storePacked(c, rxAddress(c, f, k), 8);
  return ia + 4;
};

/** CVDG: R1 as signed 64-bit binary to a 16-byte packed field (31 digits, sign C or D). */
const CVDG: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const negative = c.gh[r1] < 0;
  magnitudeToLimbs(c.gh[r1], c.gl[r1], negative);
  limbsToPacked(16, negative);
  storePacked(c, rxAddress(c, f, k), 16);
  return ia + 6;
};

/** The SS-b operands of PACK/UNPK: first-operand address and length, second-operand address and length. */
const SS = { a1: 0, n1: 0, a2: 0, n2: 0 };

function ssOperands(c: Cpu, f: Int32Array, k: number): void {
  const op2 = f[k + 1];
  SS.a1 = c.ea(0, f[k + 2], f[k + 3]);
  SS.n1 = (f[k] >>> 4) + 1;
  SS.a2 = c.ea(0, op2 >>> 16, op2 & 0xfff);
  SS.n2 = (f[k] & 0xf) + 1;
  c.checkFetch(SS.a2, SS.n2);
  c.checkStore(SS.a1, SS.n1);
}

/**
 * PACK: right to left; the rightmost byte has its nibbles swapped, every other result byte takes the
 * numeric nibbles of two source bytes; zeros once the source runs out. Digits are not checked. Each
 * result byte is stored as soon as its source bytes are fetched, so overlapping operands (the
 * in-place `PACK X,X` idiom) behave as byte-by-byte processing gives.
 */
const PACK: Handler = (c, f, k, ia) => {
  ssOperands(c, f, k);
  const { a1, a2 } = SS;
  let i1 = SS.n1 - 1;
  let i2 = SS.n2 - 1;
  const last = c.rd8(c.wrapAddress(a2 + i2--));
  c.wr8(c.wrapAddress(a1 + i1--), ((last << 4) | (last >>> 4)) & 0xff);
  while (i1 >= 0) {
    const low = i2 >= 0 ? c.rd8(c.wrapAddress(a2 + i2--)) & 0xf : 0;
    const high = i2 >= 0 ? c.rd8(c.wrapAddress(a2 + i2--)) & 0xf : 0;
    c.wr8(c.wrapAddress(a1 + i1--), (high << 4) | low);
  }
  return ia + 6;
};

/**
 * UNPK: right to left; the rightmost byte has its nibbles swapped, every other source byte gives two
 * zoned result bytes (zone F); F0 once the source runs out. Byte-by-byte, as PACK.
 */
const UNPK: Handler = (c, f, k, ia) => {
  ssOperands(c, f, k);
  const { a1, a2 } = SS;
  let i1 = SS.n1 - 1;
  let i2 = SS.n2 - 1;
  const last = c.rd8(c.wrapAddress(a2 + i2--));
  c.wr8(c.wrapAddress(a1 + i1--), ((last << 4) | (last >>> 4)) & 0xff);
  while (i1 >= 0) {
    const b = i2 >= 0 ? c.rd8(c.wrapAddress(a2 + i2--)) : 0;
    c.wr8(c.wrapAddress(a1 + i1--), 0xf0 | (b & 0xf));
    if (i1 >= 0) c.wr8(c.wrapAddress(a1 + i1--), 0xf0 | (b >>> 4));
  }
  return ia + 6;
};

export const DECIMAL_HANDLERS: Readonly<Record<string, Handler>> = {
  CVB,
  CVBG,
  CVD,
  CVDG,
  PACK,
  UNPK,
};
