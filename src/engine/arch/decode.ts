import type { CodePage, Handler } from './code-cache';
import type { Cpu } from './cpu';
import { HANDLER_GROUPS } from './execute/index';
import { extendedOpcodePlace, type FormatName, instructionLength } from './instruction-formats';
import { INSTRUCTIONS, PRIV, ZONLY } from './instruction-table';
import { PGM_OPERATION, PGM_PRIVILEGED_OPERATION } from './program-interruption';

/**
 * Decoding, built once from INSTRUCTIONS: flat arrays indexed by opcode (op1 × 256 + extended opcode
 * per §1.2) give a handler and a field layout; an opcode without a handler raises the operation
 * exception. Fields are pre-extracted into four int32 slots per instruction:
 *
 *   RR, RRE          f0=R1 (M1)  f1=R2
 *   RRF, RRD         f0=R1       f1=R2       f2=R3/M3    f3=M4
 *   RX, RXE, RXY     f0=R1 (M1)  f1=X2       f2=B2       f3=D2 (RXY: signed 20-bit)
 *   RS, RSY          f0=R1       f1=R3 (M3)  f2=B2       f3=D2
 *   RSI              f0=R1       f1=R3       f2=RI2
 *   RI, RIL          f0=R1 (M1)  f1=I2/RI2 (signed)
 *   SI, SIY, SIL     f0=I2       f1=0        f2=B1       f3=D1
 *   S                f0=0        f1=0        f2=B2       f3=D2
 *   SS-a             f0=L        f1=B2<<16|D2  f2=B1     f3=D1
 *   SS-b/c/d         f0=L1<<4|L2 (I3, R3)  f1=B2<<16|D2  f2=B1  f3=D1
 *   SSE              f0=0        f1=B2<<16|D2  f2=B1     f3=D1
 *   I                f0=I        E: none
 */
enum Layout {
  None,
  I,
  RR,
  RRE,
  RRF,
  RRD,
  RX,
  RXY,
  RS,
  RSY,
  RSI,
  RI,
  RIL,
  SI,
  SIY,
  SIL,
  S,
  SS,
  SSE,
}

const LAYOUT_OF: Readonly<Record<FormatName, Layout>> = {
  E: Layout.None,
  I: Layout.I,
  RR: Layout.RR,
  RRE: Layout.RRE,
  'RRF-a': Layout.RRF,
  'RRF-c': Layout.RRF,
  RRD: Layout.RRD,
  'RX-a': Layout.RX,
  'RX-b': Layout.RX,
  RXE: Layout.RX,
  'RXY-a': Layout.RXY,
  'RS-a': Layout.RS,
  'RS-b': Layout.RS,
  'RSY-a': Layout.RSY,
  'RSY-b': Layout.RSY,
  RSI: Layout.RSI,
  'RI-a': Layout.RI,
  'RI-b': Layout.RI,
  'RI-c': Layout.RI,
  'RIL-a': Layout.RIL,
  'RIL-b': Layout.RIL,
  'RIL-c': Layout.RIL,
  SI: Layout.SI,
  SIY: Layout.SIY,
  SIL: Layout.SIL,
  S: Layout.S,
  'SS-a': Layout.SS,
  'SS-b': Layout.SS,
  'SS-c': Layout.SS,
  'SS-d': Layout.SS,
  SSE: Layout.SSE,
};

/** Operation exception: no handler for this opcode (or not installed). */
export const operationException: Handler = (c) => c.programException(PGM_OPERATION);

/** Where the extended opcode sits, per first byte: 0 none, 1 byte 1, 2 low nibble of byte 1, 3 byte 5. */
const PLACE = new Uint8Array(256);
for (let op = 0; op < 256; op++) {
  const p = extendedOpcodePlace(op);
  PLACE[op] = p === 'none' ? 0 : p === 'byte1' ? 1 : p === 'nibble1' ? 2 : 3;
}

const HANDLERS: Handler[] = new Array<Handler>(65536).fill(operationException);
const LAYOUTS = new Uint8Array(65536);
const MNEMONICS: string[] = new Array<string>(65536).fill('');
/** 1 where the row exists only in z/Architecture mode (the table's ZONLY flag). */
const Z_ONLY = new Uint8Array(65536);
/** Handlers after which a compiled block stops: branches, control and I/O rows, the operation exception. */
const BLOCK_ENDS = new Set<Handler>([operationException]);
const ENDING_GROUPS = new Set(['branch', 'control', 'io']);

/** Whether a block of straight-line code must end after this handler (see block-compiler.ts). */
export function blockEnds(h: Handler): boolean {
  return BLOCK_ENDS.has(h);
}

/** Makes compiled blocks end after `h` (a handler built outside the table, e.g. a SIE interception). */
export function endBlocksAfter(h: Handler): Handler {
  BLOCK_ENDS.add(h);
  return h;
}

/**
 * Relative branches a compiled block may follow to their target (§1.3 RI-b/c, RIL-b/c, RSI):
 * the field index of RI2 and whether a mask in f0 decides (BRC/BRCL) or the branch is always
 * taken (BRAS/BRASL) or conditional on a count (BRCT, BRCTG, BRXH, BRXLE).
 */
const RELATIVE_BRANCHES = new Map<Handler, { riField: number; masked: boolean; always: boolean }>();
const RELATIVE_ROWS: Readonly<Record<string, { riField: number; masked: boolean; always: boolean }>> = {
  BRC: { riField: 1, masked: true, always: false },
  BRCL: { riField: 1, masked: true, always: false },
  BRAS: { riField: 1, masked: false, always: true },
  BRASL: { riField: 1, masked: false, always: true },
  BRCT: { riField: 1, masked: false, always: false },
  BRCTG: { riField: 1, masked: false, always: false },
  BRXH: { riField: 2, masked: false, always: false },
  BRXLE: { riField: 2, masked: false, always: false },
};

/** The mnemonic of each unprivileged handler (for the compiled tier's templates); shared handlers are left out. */
const MNEMONIC_OF_HANDLER = new Map<Handler, string>();
const SHARED_HANDLERS = new Set<Handler>();

export function handlerMnemonic(h: Handler): string | undefined {
  return MNEMONIC_OF_HANDLER.get(h);
}

export function relativeBranch(
  h: Handler,
): { riField: number; masked: boolean; always: boolean } | undefined {
  return RELATIVE_BRANCHES.get(h);
}

function privileged(h: Handler): Handler {
  return (c, f, k, ia) => {
    if (c.problem) c.programException(PGM_PRIVILEGED_OPERATION);
    return h(c, f, k, ia);
  };
}

function build(): void {
  const byMnemonic = new Map<string, Handler>();
  for (const group of HANDLER_GROUPS) {
    for (const [mnemonic, h] of Object.entries(group)) {
      if (byMnemonic.has(mnemonic)) throw new Error(`handler for ${mnemonic} registered twice`);
      byMnemonic.set(mnemonic, h);
    }
  }
  for (const row of INSTRUCTIONS) {
    const index = row.op1 * 256 + Math.max(row.op2, 0);
    LAYOUTS[index] = LAYOUT_OF[row.format];
    MNEMONICS[index] = row.mnemonic;
    if ((row.flags & ZONLY) !== 0) Z_ONLY[index] = 1;
    const h = byMnemonic.get(row.mnemonic);
    if (h === undefined) continue;
    const final = (row.flags & PRIV) !== 0 ? privileged(h) : h;
    HANDLERS[index] = final;
    if (ENDING_GROUPS.has(row.group) || (row.flags & PRIV) !== 0) BLOCK_ENDS.add(final);
    if ((row.flags & PRIV) === 0) {
      if (MNEMONIC_OF_HANDLER.has(final) || SHARED_HANDLERS.has(final)) {
        MNEMONIC_OF_HANDLER.delete(final);
        SHARED_HANDLERS.add(final);
      } else MNEMONIC_OF_HANDLER.set(final, row.mnemonic);
    }
    const relative = RELATIVE_ROWS[row.mnemonic];
    if (relative !== undefined) RELATIVE_BRANCHES.set(final, relative);
  }
}
build();

/** Table index of an instruction from its first halfword and bytes 2-5. */
function indexOf(hw: number, w: number): number {
  const op1 = hw >>> 8;
  switch (PLACE[op1]) {
    case 0:
      return op1 * 256;
    case 1:
      return hw;
    case 2:
      return op1 * 256 + (hw & 0xf);
    default:
      return op1 * 256 + (w & 0xff);
  }
}

/** The mnemonic of an instruction (empty when unknown): for the trace and the tests. */
export function mnemonicOf(hw: number, w: number): string {
  return MNEMONICS[indexOf(hw, w)];
}

/** Whether a row of the table has a handler. */
export function hasHandler(op1: number, op2: number): boolean {
  return HANDLERS[op1 * 256 + Math.max(op2, 0)] !== operationException;
}

/**
 * Decodes one instruction: `hw` = bytes 0-1, `w` = bytes 2-5 (big-endian, zeros past the end).
 * Writes its fields at f[k..k+3] and returns its handler.
 */
export function decodeInstruction(hw: number, w: number, f: Int32Array, k: number): Handler {
  const index = indexOf(hw, w);
  const r1 = (hw >>> 4) & 0xf;
  const r2 = hw & 0xf;
  const b = (w >>> 28) & 0xf;
  const d12 = (w >>> 16) & 0xfff;
  switch (LAYOUTS[index]) {
    case Layout.None:
      f[k] = 0;
      f[k + 1] = 0;
      f[k + 2] = 0;
      f[k + 3] = 0;
      break;
    case Layout.I:
      f[k] = hw & 0xff;
      break;
    case Layout.RR:
      f[k] = r1;
      f[k + 1] = r2;
      break;
    case Layout.RRE:
      f[k] = (w >>> 20) & 0xf;
      f[k + 1] = (w >>> 16) & 0xf;
      break;
    case Layout.RRF:
      f[k] = (w >>> 20) & 0xf;
      f[k + 1] = (w >>> 16) & 0xf;
      f[k + 2] = (w >>> 28) & 0xf;
      f[k + 3] = (w >>> 24) & 0xf;
      break;
    case Layout.RRD:
      f[k] = (w >>> 28) & 0xf;
      f[k + 1] = (w >>> 16) & 0xf;
      f[k + 2] = (w >>> 20) & 0xf;
      break;
    case Layout.RX:
    case Layout.RS:
      f[k] = r1;
      f[k + 1] = r2;
      f[k + 2] = b;
      f[k + 3] = d12;
      break;
    case Layout.RXY:
    case Layout.RSY:
      f[k] = r1;
      f[k + 1] = r2;
      f[k + 2] = b;
      f[k + 3] = ((w << 16) >> 24) * 4096 + d12;
      break;
    case Layout.RSI:
      f[k] = r1;
      f[k + 1] = r2;
      f[k + 2] = w >> 16;
      break;
    case Layout.RI:
      f[k] = r1;
      f[k + 1] = w >> 16;
      break;
    case Layout.RIL:
      f[k] = r1;
      f[k + 1] = w | 0;
      break;
    case Layout.SI:
      f[k] = hw & 0xff;
      f[k + 1] = 0;
      f[k + 2] = b;
      f[k + 3] = d12;
      break;
    case Layout.SIY:
      f[k] = hw & 0xff;
      f[k + 1] = 0;
      f[k + 2] = b;
      f[k + 3] = ((w << 16) >> 24) * 4096 + d12;
      break;
    case Layout.SIL:
      f[k] = (w << 16) >> 16;
      f[k + 1] = 0;
      f[k + 2] = b;
      f[k + 3] = d12;
      break;
    case Layout.S:
      f[k] = 0;
      f[k + 1] = 0;
      f[k + 2] = b;
      f[k + 3] = d12;
      break;
    case Layout.SS:
      f[k] = hw & 0xff;
      f[k + 1] = (((w >>> 12) & 0xf) << 16) | (w & 0xfff);
      f[k + 2] = b;
      f[k + 3] = d12;
      break;
    case Layout.SSE:
      f[k] = 0;
      f[k + 1] = (((w >>> 12) & 0xf) << 16) | (w & 0xfff);
      f[k + 2] = b;
      f[k + 3] = d12;
      break;
  }
  return HANDLERS[index];
}

/**
 * The decoder of a CPU in ESA/390 mode: as decodeInstruction, but a z/Architecture-only row is an
 * operation exception. The CPU swaps its `decode` to this one while in ESA/390 mode, so the mode
 * costs nothing after decoding (the code cache is reset on every mode switch).
 */
export function decodeEsa390(hw: number, w: number, f: Int32Array, k: number): Handler {
  const h = decodeInstruction(hw, w, f, k);
  return Z_ONLY[indexOf(hw, w)] !== 0 ? operationException : h;
}

/**
 * The handler every code-page slot starts with: decode the instruction at `ia` (in the CPU's current
 * code page), store handler and fields in the slot, and run it. An instruction that crosses into the
 * next frame is decoded every time (never cached), so a store into that frame cannot leave it stale.
 */
export const decodeAndRun: Handler = (c: Cpu, f: Int32Array, k: number, ia: number): number => {
  const page = c.curPage as CodePage;
  const slot = k >> 2;
  const off = ia - c.curBase;
  const storage = c.storage;
  const abs = page.frame * 4096 + off;
  const hw = storage.readU16(abs);
  const len = instructionLength(hw >>> 8);
  let w = 0;
  const crosses = off + len > 4096;
  if (!crosses) {
    if (len >= 4) w = storage.readU16(abs + 2) << 16;
    if (len === 6) w |= storage.readU16(abs + 4);
  } else {
    for (let i = 2; i < len; i++) w |= c.ifetch8(ia + i) << (8 * (5 - i));
  }
  const h = c.decode(hw, w, f, k);
  page.lengths[slot] = len;
  if (!crosses) page.handlers[slot] = h;
  return h(c, f, k, ia);
};
