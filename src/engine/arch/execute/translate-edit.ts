import type { Handler } from '../code-cache';
import type { Cpu } from '../cpu';
import * as pswModule from '../psw';
import * as dataExceptionModule from './data-exception';
import * as fixedPointModule from './fixed-point';

// Module bindings copied once (see load-store.ts): imported bindings are getters under tsx.
const { AMODE_24, AMODE_64 } = pswModule;
const { dataException, DXC_DECIMAL } = dataExceptionModule;
const { TWO32 } = fixedPointModule;

/**
 * TRANSLATE, TRANSLATE AND TEST, EDIT and EDIT AND MARK (reference/domain-architecture.md §2.2,
 * §2.4). All four go left to right through the first operand; field layout SS-a as in decode.ts:
 * f0=L f1=B2<<16|D2 f2=B1 f3=D1.
 *
 * TR, ED and EDMK replace the first operand. Their result is built here before any byte is stored,
 * so that an access exception for a second-operand byte (only those actually used are accessed)
 * or a data exception found half way suppresses the instruction instead of leaving a partial
 * result. Reads go through `seen`, which returns a result byte already produced when the address
 * lies in the first operand: overlapping operands give exactly what byte-by-byte processing with
 * each result byte stored at once would give.
 */

const RESULT = new Uint8Array(256);
/** 1 where RESULT holds a byte produced by this execution. */
const PRODUCED = new Uint8Array(256);

/** The size of the address space of the current addressing mode, for wrapped offsets. */
function addressSpace(c: Cpu): number {
  return c.amode === AMODE_64 ? 2 ** 64 : c.amode === AMODE_24 ? 0x100_0000 : 0x8000_0000;
}

/** The byte at logical address a as byte-by-byte processing of the n-byte first operand at dst sees it. */
function seen(c: Cpu, a: number, dst: number, n: number): number {
  let off = a - dst;
  if (off < 0) off += addressSpace(c);
  if (off < n && PRODUCED[off] === 1) return RESULT[off];
  return c.rd8(a);
}

/** Checks the n-byte first operand for fetch and store and starts a new result. */
function beginResult(c: Cpu, dst: number, n: number): void {
  c.checkFetch(dst, n);
  c.checkStore(dst, n);
  PRODUCED.fill(0, 0, n);
}

function produce(i: number, b: number): void {
  RESULT[i] = b;
  PRODUCED[i] = 1;
}

/** Stores the finished result over the first operand (already checked: nothing can fail here). */
function commitResult(c: Cpu, dst: number, n: number): void {
  for (let i = 0; i < n; i++) c.wr8(c.wrapAddress(dst + i), RESULT[i]);
}

/**
 * Places an address in general register 1 as TRT and EDMK do: bits 40-63 in the 24-bit mode (bits
 * 32-39 unchanged), bits 32-63 with bit 32 zero in the 31-bit mode, all 64 bits in the 64-bit mode;
 * bits 0-31 are unchanged below the 64-bit mode.
 */
function setGr1Address(c: Cpu, a: number): void {
  if (c.amode === AMODE_64) {
    const hi = Math.floor(a / TWO32);
    c.gh[1] = hi;
    c.gl[1] = a - hi * TWO32;
  } else if (c.amode === AMODE_24) c.gl[1] = (c.gl[1] & ~0xff_ffff) | a;
  else c.gl[1] = a;
}

function firstOperand(c: Cpu, f: Int32Array, k: number): number {
  return c.ea(0, f[k + 2], f[k + 3]);
}

function secondOperand(c: Cpu, f: Int32Array, k: number): number {
  const op2 = f[k + 1];
  return c.ea(0, op2 >>> 16, op2 & 0xfff);
}

/** TR: each first-operand byte is replaced by the byte of the 256-byte table it indexes. */
const TR: Handler = (c, f, k, ia) => {
  const dst = firstOperand(c, f, k);
  const table = secondOperand(c, f, k);
  const n = f[k] + 1;
  beginResult(c, dst, n);
  for (let i = 0; i < n; i++) {
    const arg = c.rd8(c.wrapAddress(dst + i));
    produce(i, seen(c, c.wrapAddress(table + arg), dst, n));
  }
  commitResult(c, dst, n);
  return ia + 6;
};

/**
 * TRT: stops at the first argument byte whose function byte is nonzero; GR1 gets that byte's
 * address, bits 56-63 of GR2 the function byte. CC 0 all function bytes zero (registers unchanged),
 * 1 stopped before the last byte, 2 stopped at the last byte. Nothing is stored.
 */
const TRT: Handler = (c, f, k, ia) => {
  const args = firstOperand(c, f, k);
  const table = secondOperand(c, f, k);
  const n = f[k] + 1;
  for (let i = 0; i < n; i++) {
    const a = c.wrapAddress(args + i);
    const fn = c.rd8(c.wrapAddress(table + c.rd8(a)));
    if (fn !== 0) {
      setGr1Address(c, a);
      c.gl[2] = (c.gl[2] & ~0xff) | fn;
      c.cc = i === n - 1 ? 2 : 1;
      return ia + 6;
    }
  }
  c.cc = 0;
  return ia + 6;
};

const DIGIT_SELECTOR = 0x20;
const SIGNIFICANCE_STARTER = 0x21;
const FIELD_SEPARATOR = 0x22;

/**
 * ED and EDMK (mark = true). The pattern (first operand) is replaced by an edited form of the
 * packed source (second operand); the first pattern byte is the fill byte. Digit selectors and
 * significance starters take the next source digit (left nibble, then right nibble, unless the right
 * nibble is a sign, which ends the source byte: a plus sign turns the significance indicator off).
 * Before significance a zero digit gives the fill byte; message bytes give the fill byte before
 * significance and themselves after. A field separator gives the fill byte and starts a new field.
 * CC from the last field: 0 all its digits zero (or none), 1 nonzero with the indicator on (minus),
 * 2 nonzero with it off (plus). EDMK puts into GR1 the address of the result byte where a nonzero
 * digit last started significance (GR1 unchanged when none did).
 */
function edit(c: Cpu, f: Int32Array, k: number, mark: boolean): void {
  const dst = firstOperand(c, f, k);
  let src = secondOperand(c, f, k);
  const n = f[k] + 1;
  beginResult(c, dst, n);
  let fill = 0;
  let significant = false;
  let nonzero = false;
  let sourceByte = 0;
  let rightDigitNext = false;
  let marked = -1;
  for (let i = 0; i < n; i++) {
    const at = c.wrapAddress(dst + i);
    const p = c.rd8(at);
    if (i === 0) fill = p;
    let r: number;
    if (p === DIGIT_SELECTOR || p === SIGNIFICANCE_STARTER) {
      let digit: number;
      let plus = false;
      if (rightDigitNext) {
        digit = sourceByte & 0xf;
        rightDigitNext = false;
      } else {
        sourceByte = seen(c, src, dst, n);
        src = c.wrapAddress(src + 1);
        digit = sourceByte >>> 4;
        const right = sourceByte & 0xf;
        if (right > 9) plus = right !== 0xb && right !== 0xd;
        else rightDigitNext = true;
      }
      // Only a left nibble can be invalid: a right one above 9 is a sign.
      if (digit > 9) dataException(c, DXC_DECIMAL);
      if (digit !== 0) nonzero = true;
      if (significant || digit !== 0) {
        if (!significant && mark) marked = at;
        r = 0xf0 | digit;
        significant = true;
      } else {
        r = fill;
        if (p === SIGNIFICANCE_STARTER) significant = true;
      }
      if (plus) significant = false;
    } else if (p === FIELD_SEPARATOR) {
      r = fill;
      significant = false;
      nonzero = false;
    } else r = significant ? p : fill;
    produce(i, r);
  }
  commitResult(c, dst, n);
  if (marked >= 0) setGr1Address(c, marked);
  c.cc = !nonzero ? 0 : significant ? 1 : 2;
}

const ED: Handler = (c, f, k, ia) => {
  edit(c, f, k, false);
  return ia + 6;
};

const EDMK: Handler = (c, f, k, ia) => {
  edit(c, f, k, true);
  return ia + 6;
};

export const TRANSLATE_EDIT_HANDLERS: Readonly<Record<string, Handler>> = {
  TR,
  TRT,
  ED,
  EDMK,
};
