import type { CodePage, Handler } from './code-cache';
import type { Cpu } from './cpu';
import * as decodeModule from './decode';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const { blockEnds, decodeAndRun, relativeBranch } = decodeModule;

/**
 * The faster tier: a straight-line run of decoded instructions in one code page (a block) becomes
 * one generated JS function that calls each instruction's handler directly, with its fields' index
 * and address as constants, so the engine can inline them. The plain interpreter stays beside it and
 * is used when `new Function` is forbidden (a strict CSP) or for code not yet hot.
 *
 * A block is a trace: straight-line code that also follows relative branches (BRC, BRCT(G), BRAS(L),
 * BRXH…) to their target within the page, the way a loop goes. It runs `length` instructions unless
 * one of them goes elsewhere (the other way of a branch, an interruption, a re-executed MVCL): then it
 * returns early and reports how many ran in `cpu.blockDone`. A block ends after any other branch,
 * control or I/O row, an unknown opcode, on returning to an instruction already in it, or at the
 * end of the page.
 * Blocks are dropped when a store touches one of their instructions; a store by the block into its
 * own later instructions takes effect from the next block boundary.
 */
/** Runs the block from its entry at logical page base `base`, at most `budget` instructions (≥ length). */
export type BlockFunction = (c: Cpu, f: Int32Array, base: number, budget: number) => number;

export interface Block {
  readonly run: BlockFunction;
  readonly length: number;
  /** The slot where the block starts (its index in the page's blocks). */
  readonly entrySlot: number;
  /** The lowest and highest slot holding a byte of one of its instructions (for invalidation). */
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
  const visited = new Set<number>();
  const slots = page.handlers.length;
  let s = slot;
  let minSlot = slot;
  let maxSlot = slot;
  while (handlers.length < MAX_LENGTH && s >= 0 && s < slots && !visited.has(s)) {
    const h = page.handlers[s];
    const len = page.lengths[s];
    if (h === decodeAndRun || len === 0) break;
    visited.add(s);
    handlers.push(h);
    offsets.push(s * 2);
    minSlot = Math.min(minSlot, s);
    maxSlot = Math.max(maxSlot, s + (len >> 1) - 1);
    let next = s + (len >> 1);
    const relative = relativeBranch(h);
    if (relative !== undefined) {
      // Follow the branch target (the loop's way) when it is in this page; a mask of 0 never branches.
      const k = s * 4;
      const mask = relative.masked ? page.fields[k] : 15;
      if (mask !== 0) next = s + page.fields[k + relative.riField];
    } else if (blockEnds(h)) break;
    s = next;
  }
  if (handlers.length < 2) return null;
  const n = handlers.length;
  const params: string[] = [];
  // A block whose end leads back to its entry (a loop) iterates inside the function while the
  // budget allows and no interruption is asked for: the dispatch loop is then left out entirely.
  const lines: string[] = ['var ia = 0, i = 0, done = 0;', 'try {', ' for (;;) {'];
  for (let i = 0; i < n; i++) {
    params.push(`h${i}`);
    lines.push(`  i = ${i};`);
    lines.push(`  ia = h${i}(c, f, ${offsets[i] * 2}, base + ${offsets[i]});`);
    if (i + 1 < n)
      lines.push(`  if (ia !== base + ${offsets[i + 1]}) { c.blockDone = done + ${i + 1}; return ia; }`);
  }
  lines.push(`  done += ${n};`);
  lines.push(
    `  if (ia !== base + ${offsets[0]} || done + ${n} > budget || c.attention !== 0) { c.blockDone = done; return ia; }`,
  );
  lines.push(' }');
  lines.push('} catch (e) {');
  lines.push('  c.blockDone = done + i;');
  lines.push('  c.blockFault = base + OFFSETS[i];');
  lines.push('  throw e;');
  lines.push('}');
  const body = `"use strict"; return function block(c, f, base, budget) {\n${lines.join('\n')}\n};`;
  const factory = new Function(...params, 'OFFSETS', body) as (...args: unknown[]) => BlockFunction;
  const run = factory(...handlers, Int32Array.from(offsets));
  return { run, length: n, entrySlot: slot, firstSlot: minSlot, lastSlot: maxSlot };
}
