import type { CodePage, Handler } from './code-cache';
import type { Cpu } from './cpu';
import * as decodeModule from './decode';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const { blockEnds, decodeAndRun } = decodeModule;

/**
 * The faster tier: a straight-line run of decoded instructions in one code page (a block) becomes
 * one generated JS function that calls each instruction's handler directly, with its fields' index
 * and address as constants, so the engine can inline them. The plain interpreter stays beside it and
 * is used when `new Function` is forbidden (a strict CSP) or for code not yet hot.
 *
 * A block runs `length` instructions unless one of them leaves the straight line (branch taken,
 * interruption, re-executed MVCL): then it returns early and reports how many ran in `cpu.blockDone`.
 * A block ends after a branch, control or I/O row, an unknown opcode, or at the end of the page.
 * Blocks are dropped when a store touches one of their instructions; a store by the block into its
 * own later instructions takes effect from the next block boundary.
 */
export type BlockFunction = (c: Cpu, f: Int32Array, base: number) => number;

export interface Block {
  readonly run: BlockFunction;
  readonly length: number;
  readonly firstSlot: number;
  readonly lastSlot: number;
}

/** Interpreted executions of a slot before a block is compiled from it. */
export const HOT_THRESHOLD = 40;
const MAX_LENGTH = 48;

function probeCodeGeneration(): boolean {
  try {
    return new Function('return 1')() === 1;
  } catch {
    return false;
  }
}

/** False when the page forbids generated code: then only the interpreter runs. */
export const codeGenerationAllowed = probeCodeGeneration();

/**
 * Compiles the block starting at `slot` of `page`, whose first instruction has been decoded. Returns
 * null when nothing worth compiling (a single instruction) or code generation is unavailable.
 */
export function compileBlock(page: CodePage, slot: number): Block | null {
  if (!codeGenerationAllowed) return null;
  const handlers: Handler[] = [];
  const offsets: number[] = [];
  let s = slot;
  while (handlers.length < MAX_LENGTH && s < page.handlers.length) {
    const h = page.handlers[s];
    const len = page.lengths[s];
    if (h === decodeAndRun || len === 0) break;
    handlers.push(h);
    offsets.push(s * 2);
    if (blockEnds(h)) {
      s += len >> 1;
      break;
    }
    s += len >> 1;
  }
  if (handlers.length < 2) return null;
  const n = handlers.length;
  const lastOffset = s * 2;
  const params: string[] = [];
  const lines: string[] = ['var ia = 0, i = 0;', 'try {'];
  for (let i = 0; i < n; i++) {
    params.push(`h${i}`);
    const next = i + 1 < n ? offsets[i + 1] : lastOffset;
    lines.push(`  i = ${i};`);
    lines.push(`  ia = h${i}(c, f, ${offsets[i] * 2}, base + ${offsets[i]});`);
    if (i + 1 < n) lines.push(`  if (ia !== base + ${next}) { c.blockDone = ${i + 1}; return ia; }`);
  }
  lines.push(`  c.blockDone = ${n};`);
  lines.push('  return ia;');
  lines.push('} catch (e) {');
  lines.push('  c.blockDone = i;');
  lines.push(`  c.blockFault = base + OFFSETS[i];`);
  lines.push('  throw e;');
  lines.push('}');
  const body = `"use strict"; return function block(c, f, base) {\n${lines.join('\n')}\n};`;
  const factory = new Function(...params, 'OFFSETS', body) as (...args: unknown[]) => BlockFunction;
  const run = factory(...handlers, Int32Array.from(offsets));
  return { run, length: n, firstSlot: slot, lastSlot: s - 1 };
}
