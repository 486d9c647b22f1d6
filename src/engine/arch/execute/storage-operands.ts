import * as addressTranslationModule from '../address-translation';
import type { Cpu } from '../cpu';
import * as pswModule from '../psw';
import * as fixedPointModule from './fixed-point';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const { ACCESS_FETCH, ACCESS_STORE } = addressTranslationModule;
const { AMODE_64 } = pswModule;
const { TWO32 } = fixedPointModule;

/**
 * Storage-to-storage operations shared by several rows: MVC/MVN/MVZ, NC/OC/XC, CLC, and the long
 * forms MVCL/CLCL/MVCLE/CLCLE (§2.2). Operands are checked for access before anything is stored,
 * so an access exception suppresses the whole instruction.
 */

/** Most bytes an interruptible long instruction (MVCL, CLCL, MVCLE, CLCLE) processes per execution. */
export const CHUNK_BYTES = 4096;

function withinPage(a: number, n: number): boolean {
  return (a & 0xfff) + n <= 0x1000;
}

/** MVC (mask 0), MVN (0x0F: numeric digits), MVZ (0xF0: zones): left to right, byte at a time. */
export function moveBytes(c: Cpu, dst: number, src: number, n: number, mask: number): void {
  if (mask === 0 && withinPage(src, n) && withinPage(dst, n)) {
    // Through the CPU's one-page operand caches (checked pages; stores only into frames without code).
    const epoch = c.storage.epoch;
    if (!(src - c.rdBase === (src & 0xfff) && c.rdEpoch === epoch)) c.fetchPage(src);
    if (!(dst - c.wrBase === (dst & 0xfff) && c.wrEpoch === epoch)) c.storePage(dst);
    if (c.wrBase >= 0 && c.storage.epoch === epoch) {
      c.storage.moveFrames(c.wrIndex, dst & 0xfff, c.rdIndex, src & 0xfff, n);
      return;
    }
    const s = c.absolute(src, ACCESS_FETCH);
    const d = c.absolute(dst, ACCESS_STORE);
    c.storage.copyForward(d, s, n);
    return;
  }
  c.checkFetch(src, n);
  c.checkStore(dst, n);
  for (let i = 0; i < n; i++) {
    const sa = c.wrapAddress(src + i);
    const da = c.wrapAddress(dst + i);
    let b = c.rd8(sa);
    if (mask !== 0) b = (b & mask) | (c.rd8(da) & ~mask);
    c.wr8(da, b);
  }
}

/** NC (0), OC (1), XC (2); CC 0 when every result byte is zero. */
export function logicalBytes(c: Cpu, dst: number, src: number, n: number, op: number): void {
  c.checkFetch(src, n);
  c.checkStore(dst, n);
  if (op === 2 && dst === src && withinPage(dst, n)) {
    c.storage.fill(c.absolute(dst, ACCESS_STORE), n, 0);
    c.cc = 0;
    return;
  }
  let any = 0;
  for (let i = 0; i < n; i++) {
    const sa = c.wrapAddress(src + i);
    const da = c.wrapAddress(dst + i);
    const a = c.rd8(da);
    const b = c.rd8(sa);
    const r = op === 0 ? a & b : op === 1 ? a | b : a ^ b;
    any |= r;
    c.wr8(da, r);
  }
  c.cc = any === 0 ? 0 : 1;
}

/** CLC: unsigned byte comparison, left to right. */
export function compareBytes(c: Cpu, a1: number, a2: number, n: number): void {
  if (withinPage(a1, n) && withinPage(a2, n)) {
    const s = c.storage;
    const p1 = c.absolute(a1, ACCESS_FETCH);
    const p2 = c.absolute(a2, ACCESS_FETCH);
    for (let i = 0; i < n; i++) {
      const x = s.readU8(p1 + i);
      const y = s.readU8(p2 + i);
      if (x !== y) {
        c.cc = x < y ? 1 : 2;
        return;
      }
    }
    c.cc = 0;
    return;
  }
  for (let i = 0; i < n; i++) {
    const x = c.rd8(c.wrapAddress(a1 + i));
    const y = c.rd8(c.wrapAddress(a2 + i));
    if (x !== y) {
      c.cc = x < y ? 1 : 2;
      return;
    }
  }
  c.cc = 0;
}

/** An address register operand of the long instructions, per addressing mode. */
function regAddr(c: Cpu, r: number): number {
  return c.regAddress(r);
}

/** Writes an updated address back the way the long instructions do (LA-style per mode). */
function setRegAddr(c: Cpu, r: number, a: number): void {
  if (c.amode === AMODE_64) {
    const hi = Math.floor(a / TWO32);
    c.gh[r] = hi;
    c.gl[r] = a - hi * TWO32;
  } else c.gl[r] = a;
}

/** 24-bit length in bits 40-63 (MVCL/CLCL). */
function len24(c: Cpu, r: number): number {
  return c.gl[r] & 0xff_ffff;
}

function setLen24(c: Cpu, r: number, n: number): void {
  c.gl[r] = (c.gl[r] & ~0xff_ffff) | n;
}

/** MVCLE/CLCLE lengths: 64-bit in 64-bit mode, bits 32-63 otherwise. */
function lenLong(c: Cpu, r: number): number {
  if (c.amode === AMODE_64) return (c.gh[r] >>> 0) * TWO32 + (c.gl[r] >>> 0);
  return c.gl[r] >>> 0;
}

function setLenLong(c: Cpu, r: number, n: number): void {
  if (c.amode === AMODE_64) {
    const hi = Math.floor(n / TWO32);
    c.gh[r] = hi;
    c.gl[r] = n - hi * TWO32;
  } else c.gl[r] = n;
}

/** The operands of a long move in progress (MVCL, MVCLE): addresses and remaining lengths. One shared
 * record, so a move allocates nothing. */
const longMove = { d: 0, dl: 0, s: 0, sl: 0 };

/** Moves up to CHUNK_BYTES bytes of `longMove`, left to right: source bytes while any remain, then `pad`. */
function moveChunk(c: Cpu, pad: number): void {
  const m = longMove;
  let { d, dl, s, sl } = m;
  let budget = CHUNK_BYTES;
  while (dl > 0 && budget-- > 0) {
    const b = sl > 0 ? c.rd8(s) : pad;
    c.wr8(d, b);
    d = c.wrapAddress(d + 1);
    dl--;
    if (sl > 0) {
      s = c.wrapAddress(s + 1);
      sl--;
    }
  }
  m.d = d;
  m.dl = dl;
  m.s = s;
  m.sl = sl;
}

/**
 * MVCL R1,R2: moves at most CHUNK_BYTES per execution (it is interruptible); returns true when done
 * (then the CC is set), false to execute again with the registers updated.
 */
export function moveLong(c: Cpu, r1: number, r2: number): boolean {
  const m = longMove;
  m.d = regAddr(c, r1);
  m.dl = len24(c, r1 + 1);
  m.s = regAddr(c, r2);
  m.sl = len24(c, r2 + 1);
  const cc = m.dl === m.sl ? 0 : m.dl < m.sl ? 1 : 2;
  const used = Math.min(m.dl, m.sl);
  if (used > 0 && m.d > m.s && m.d < m.s + used) {
    c.cc = 3;
    return true;
  }
  moveChunk(c, (c.gl[r2 + 1] >>> 24) & 0xff);
  setRegAddr(c, r1, m.d);
  setLen24(c, r1 + 1, m.dl);
  setRegAddr(c, r2, m.s);
  setLen24(c, r2 + 1, m.sl);
  if (m.dl > 0) return false;
  c.cc = cc;
  return true;
}

/** MVCLE R1,R3,pad: a CPU-determined amount per execution, CC 3 while not finished. */
export function moveLongExtended(c: Cpu, r1: number, r3: number, pad: number): void {
  const m = longMove;
  m.d = regAddr(c, r1);
  m.dl = lenLong(c, r1 + 1);
  m.s = regAddr(c, r3);
  m.sl = lenLong(c, r3 + 1);
  const cc = m.dl === m.sl ? 0 : m.dl < m.sl ? 1 : 2;
  moveChunk(c, pad);
  setRegAddr(c, r1, m.d);
  setLenLong(c, r1 + 1, m.dl);
  setRegAddr(c, r3, m.s);
  setLenLong(c, r3 + 1, m.sl);
  c.cc = m.dl > 0 ? 3 : cc;
}

/**
 * CLCL (extended = false, 24-bit lengths, pad in R2+1 bits 32-39) and CLCLE (extended = true).
 * Registers are left pointing at the first unequal byte. Returns true when finished (CC 0/1/2);
 * false when the chunk ran out (CLCL re-executes; CLCLE sets CC 3).
 */
export function compareLong(c: Cpu, r1: number, r2: number, pad: number, extended: boolean): boolean {
  let a1 = regAddr(c, r1);
  let l1 = extended ? lenLong(c, r1 + 1) : len24(c, r1 + 1);
  let a2 = regAddr(c, r2);
  let l2 = extended ? lenLong(c, r2 + 1) : len24(c, r2 + 1);
  let budget = CHUNK_BYTES;
  let cc = 0;
  while ((l1 > 0 || l2 > 0) && budget > 0) {
    const x = l1 > 0 ? c.rd8(a1) : pad;
    const y = l2 > 0 ? c.rd8(a2) : pad;
    if (x !== y) {
      cc = x < y ? 1 : 2;
      break;
    }
    if (l1 > 0) {
      a1 = c.wrapAddress(a1 + 1);
      l1--;
    }
    if (l2 > 0) {
      a2 = c.wrapAddress(a2 + 1);
      l2--;
    }
    budget--;
  }
  setRegAddr(c, r1, a1);
  setRegAddr(c, r2, a2);
  if (extended) {
    setLenLong(c, r1 + 1, l1);
    setLenLong(c, r2 + 1, l2);
  } else {
    setLen24(c, r1 + 1, l1);
    setLen24(c, r2 + 1, l2);
  }
  const finished = cc !== 0 || (l1 === 0 && l2 === 0);
  c.cc = finished ? cc : 3;
  return finished;
}

/** CLCLE entry point with the pad byte from the second-operand address. */
export function compareLongExtended(c: Cpu, r1: number, r3: number, pad: number): void {
  compareLong(c, r1, r3, pad, true);
}

/**
 * The pad byte of MVCLE/CLCLE: bits 56-63 of the second-operand address D2(B2), taken from the low
 * register half so that a 64-bit base above 2^53 still gives its exact low byte.
 */
export function padFromAddress(c: Cpu, b: number, d: number): number {
  return (d + (b !== 0 ? c.gl[b] : 0)) & 0xff;
}
