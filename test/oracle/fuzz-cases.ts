/**
 * The random-instruction differential fuzzer's cases and golden results (test/fixtures/fuzz/).
 * Shared by the generator (scripts/fuzz-generate.ts), the qemu-s390x golden writer
 * (scripts/fuzz-golden.ts) and the zvlab test (test/oracle/fuzz.test.ts).
 *
 * A case is: the 16 general registers, the CC and program mask, a data buffer at BUFFER_ADDRESS,
 * and one to three instructions, run in the problem state in the 64-bit, 31-bit or 24-bit mode. The result is the
 * registers, the CC and the buffer afterwards, or the trap the first failing instruction caused.
 */
import { readFileSync } from 'node:fs';
import { instructionLength } from '../../src/engine/arch/instruction-formats';

export const FUZZ_FIXTURES = new URL('../fixtures/fuzz/', import.meta.url);

/** Where the data buffer lives in both worlds (a fixed section of the qemu harness ELF). */
export const BUFFER_ADDRESS = 0x40000;
export const BUFFER_SIZE = 512;
/** Where the harness text starts (ld -Ttext-segment); each case's code address comes from the ELF. */
export const TEXT_ADDRESS = 0x200000;
/** A region that is neither mapped under qemu-s390x nor inside zvlab's storage (addressing). */
export const UNMAPPED_ADDRESS = 0x6000_0000_0000;
/** The same below 2^24, for cases in the 24-bit and 31-bit addressing modes. */
export const UNMAPPED_LOW_ADDRESS = 0xf0_0000;

export interface FuzzCase {
  readonly id: string;
  /** The instructions as zvlab's disassembler prints them (for people; `code` is what runs). */
  readonly text: string;
  /** Instruction bytes, hex. */
  readonly code: string;
  /** R0-R15, 16 hex digits each. */
  readonly regs: readonly string[];
  readonly cc: number;
  /** PSW bits 20-23. */
  readonly pm: number;
  /** The addressing mode the instructions run in (the harness switches with SAM24/SAM31). */
  readonly mode: 24 | 31 | 64;
  /** The buffer: seeded random bytes (`bufferBytes`) overwritten by [offset, hex] patches. */
  readonly seed: number;
  readonly patches: readonly (readonly [number, string])[];
}

/** A trap: the Linux signal, its si_code, and the trapping instruction's index in the case. */
export interface FuzzTrap {
  readonly signal: number;
  readonly code: number;
  readonly instruction: number;
}

export interface FuzzResult {
  readonly id: string;
  /** Address of the case's first instruction in the harness (LARL results depend on it). */
  readonly at: number;
  /** Registers that differ from the case's initial ones: [register, hex]. */
  readonly regs: readonly (readonly [number, string])[];
  readonly cc: number;
  /** Buffer bytes that differ from the initial buffer: [offset, hex] runs. */
  readonly buffer: readonly (readonly [number, string])[];
  readonly trap: FuzzTrap | null;
}

export interface FuzzCases {
  readonly generator: string;
  readonly seed: number;
  readonly cases: readonly FuzzCase[];
}

export interface FuzzGolden {
  readonly generator: string;
  readonly oracle: string;
  readonly casesSha256: string;
  readonly results: readonly FuzzResult[];
}

/** Linux signals and si_codes as qemu-s390x's cpu loop raises them for program interruptions. */
export const SIGILL = 4;
export const SIGFPE = 8;
export const SIGSEGV = 11;
const ILL_ILLOPC = 1;
const ILL_ILLOPN = 2;
const FPE_INTDIV = 1;
const FPE_INTOVF = 2;
const SEGV_MAPERR = 1;
const SEGV_ACCERR = 2;

/**
 * The signal a Linux user process gets for program interruption `code` (qemu linux-user/s390x
 * cpu_loop): operation and privileged-operation are SIGILL/ILL_ILLOPC; execute, specification,
 * special-operation, operand and a data exception with DXC 0 are SIGILL/ILL_ILLOPN; protection is
 * SIGSEGV/SEGV_ACCERR, addressing SIGSEGV/SEGV_MAPERR; fixed-point overflow and divide are SIGFPE.
 */
export function signalOf(code: number): { signal: number; code: number } | null {
  switch (code) {
    case 0x01:
    case 0x02:
      return { signal: SIGILL, code: ILL_ILLOPC };
    case 0x03:
    case 0x06:
    case 0x07:
    case 0x13:
    case 0x15:
      return { signal: SIGILL, code: ILL_ILLOPN };
    case 0x04:
      return { signal: SIGSEGV, code: SEGV_ACCERR };
    case 0x05:
      return { signal: SIGSEGV, code: SEGV_MAPERR };
    case 0x08:
      return { signal: SIGFPE, code: FPE_INTOVF };
    case 0x09:
      return { signal: SIGFPE, code: FPE_INTDIV };
    default:
      return null;
  }
}

/** mulberry32: a small seeded generator of uint32 values (deterministic everywhere). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export function hexBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function bytesOfHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** The case's initial buffer. */
export function bufferBytes(c: FuzzCase): Uint8Array {
  const next = seededRandom(c.seed);
  const buf = new Uint8Array(BUFFER_SIZE);
  for (let i = 0; i < BUFFER_SIZE; i += 4) {
    const v = next();
    buf[i] = v >>> 24;
    buf[i + 1] = v >>> 16;
    buf[i + 2] = v >>> 8;
    buf[i + 3] = v;
  }
  for (const [offset, hex] of c.patches) buf.set(bytesOfHex(hex), offset);
  return buf;
}

/** [offset, hex] runs of the bytes of `after` that differ from `before`. */
export function byteDiff(before: Uint8Array, after: Uint8Array): [number, string][] {
  const runs: [number, string][] = [];
  let i = 0;
  while (i < after.length) {
    if (before[i] === after[i]) {
      i++;
      continue;
    }
    const start = i;
    while (i < after.length && before[i] !== after[i]) i++;
    runs.push([start, hexBytes(after.subarray(start, i))]);
  }
  return runs;
}

/** Applies a byteDiff to a copy of `before`. */
export function applyDiff(before: Uint8Array, runs: readonly (readonly [number, string])[]): Uint8Array {
  const out = before.slice();
  for (const [offset, hex] of runs) out.set(bytesOfHex(hex), offset);
  return out;
}

export function loadCases(): FuzzCases {
  return JSON.parse(readFileSync(new URL('cases.json', FUZZ_FIXTURES), 'utf8')) as FuzzCases;
}

export function loadGolden(): FuzzGolden {
  return JSON.parse(readFileSync(new URL('expected.json', FUZZ_FIXTURES), 'utf8')) as FuzzGolden;
}

/**
 * The index of the case instruction whose start (atStart) or end is at byte offset `offset` of
 * its code, or -1: where a trap's PSW points tells which instruction trapped.
 */
export function instructionAt(hex: string, offset: number, atStart: boolean): number {
  const code = bytesOfHex(hex);
  let start = 0;
  for (let i = 0; start < code.length; i++) {
    const end = start + instructionLength(code[start]);
    if ((atStart ? start : end) === offset) return i;
    start = end;
  }
  return -1;
}
