import * as blockTemplatesModule from './block-templates';
import * as blockRegistersModule from './block-registers';
import type { BlockRegisters } from './block-registers';
import type { Emitted } from './block-templates';
import type { CodePage, Handler } from './code-cache';
import type { Cpu } from './cpu';
import * as decodeModule from './decode';
import * as branchModule from './execute/branch';
import * as fixedPointModule from './execute/fixed-point';
import * as storageOperandsModule from './execute/storage-operands';
import * as mainStorageModule from './main-storage';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const { blockEnds, decodeAndRun, handlerMnemonic, relativeBranch } = decodeModule;
const { blockRegisters, FLUSH, LOCALS, RELOAD } = blockRegistersModule;
const { linksRegister, speculateTarget, templateFor } = blockTemplatesModule;
const { FRAME_SIZE } = mainStorageModule;

/** The helpers templates call by name (see block-templates.ts). */
const TEMPLATE_HELPERS: Readonly<Record<string, unknown>> = {
  fixedOverflow: fixedPointModule.fixedOverflow,
  link: branchModule.link,
  moveBytes: storageOperandsModule.moveBytes,
};
const HELPER_NAMES = Object.keys(TEMPLATE_HELPERS);
const HELPER_VALUES = Object.values(TEMPLATE_HELPERS);

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

type BlockFactory = (...args: unknown[]) => BlockFunction;

/**
 * Generated functions by source and handlers. The same code in another page, another CPU or a new
 * machine reuses its factory, so its closures share one optimized compilation instead of warming up
 * again. Bounded: cleared when full.
 */
const factories = new Map<string, BlockFactory>();
const MAX_FACTORIES = 4096;
const handlerIds = new Map<Handler, number>();

function factoryFor(body: string, params: string[], handlers: Handler[]): BlockFactory {
  let key = body;
  for (const h of handlers) {
    let id = handlerIds.get(h);
    if (id === undefined) {
      id = handlerIds.size;
      handlerIds.set(h, id);
    }
    key += `|${id}`;
  }
  let factory = factories.get(key);
  if (factory === undefined) {
    if (factories.size >= MAX_FACTORIES) factories.clear();
    factory = new Function(...params, ...HELPER_NAMES, 'OFFSETS', body) as BlockFactory;
    factories.set(key, factory);
  }
  return factory;
}

/** One instruction of a block's trace. */
interface TraceEntry {
  readonly slot: number;
  readonly handler: Handler;
  readonly length: number;
  readonly emitted: Emitted | undefined;
}

/** The source of one instruction: its template, or a call of its handler. */
function emit(page: CodePage, slot: number, id: number, g: BlockRegisters): Emitted | undefined {
  const mnemonic = handlerMnemonic(page.handlers[slot]);
  const template = mnemonic === undefined ? undefined : templateFor(mnemonic);
  if (template === undefined) return undefined;
  const off = slot * 2;
  const at = `base + ${off}`;
  const next = `base + ${off + page.lengths[slot]}`;
  return template({ f: page.fields, k: slot * 4, at, next, id, g });
}

/**
 * Compiles the block starting at `slot` of `page` (logical base `base`), whose first instruction has
 * been decoded, for `cpu` (whose registers guide which way indirect branches are followed). Returns
 * null when nothing worth compiling (a single instruction) or code generation is unavailable.
 */
export function compileBlock(page: CodePage, slot: number, cpu: Cpu, base: number): Block | null {
  if (!codeGenerationAllowed) return null;
  const trace: TraceEntry[] = [];
  const registers = blockRegisters();
  const visited = new Set<number>();
  const linked = new Map<number, number>();
  const slots = page.handlers.length;
  let s = slot;
  let minSlot = slot;
  let maxSlot = slot;
  while (trace.length < MAX_LENGTH && s >= 0 && s < slots && !visited.has(s)) {
    const h = page.handlers[s];
    const len = page.lengths[s];
    if (h === decodeAndRun || len === 0) break;
    visited.add(s);
    const emitted = emit(page, s, trace.length, registers.g);
    trace.push({ slot: s, handler: h, length: len, emitted });
    minSlot = Math.min(minSlot, s);
    maxSlot = Math.max(maxSlot, s + (len >> 1) - 1);
    const k = s * 4;
    const mnemonic = handlerMnemonic(h);
    let next = s + (len >> 1);
    const relative = relativeBranch(h);
    if (relative !== undefined) {
      // Follow the branch target (the loop's way) when it is in this page; a mask of 0 never branches.
      const mask = relative.masked ? page.fields[k] : 15;
      if (mask !== 0) next = s + page.fields[k + relative.riField];
    } else if (blockEnds(h)) {
      const target =
        emitted?.target === undefined || mnemonic === undefined
          ? undefined
          : speculateTarget(mnemonic, cpu, page.fields, k, linked);
      if (emitted?.taken === 'false') {
        // A branch that never goes anywhere (BCR 0 or a zero register): straight on.
      } else if (target !== undefined && target >= base && target < base + FRAME_SIZE && (target & 1) === 0) {
        next = (target - base) >> 1;
      } else break;
    }
    if (mnemonic !== undefined && linksRegister(mnemonic)) linked.set(page.fields[k], base + s * 2 + len);
    s = next;
  }
  if (trace.length < 2) return null;
  const n = trace.length;
  const loops = s === slot;
  const params: string[] = [];
  const handlers: Handler[] = [];
  const exit = (count: number, address: string): string =>
    `{ ${FLUSH} c.blockDone = done + ${count}; return ${address}; }`;
  // A block whose end leads back to its entry (a loop) iterates inside the function while the
  // budget allows and no interruption is asked for: the dispatch loop is then left out entirely.
  const lines: string[] = [
    'var ia = 0, i = 0, done = 0;',
    'const gh = c.gh, gl = c.gl, n0 = c.instructionCount;',
    LOCALS,
    'try {',
    ' for (;;) {',
  ];
  for (let j = 0; j < n; j++) {
    const { slot: at, handler, length, emitted } = trace[j];
    const off = at * 2;
    // The slot the block goes on with after this instruction, or -1 when it must return.
    const follow = j + 1 < n ? trace[j + 1].slot : loops ? slot : -1;
    const expected = `base + ${follow * 2}`;
    lines.push(`  i = ${j};`);
    if (emitted === undefined) {
      params.push(`h${j}`);
      handlers.push(handler);
      // The count is brought up to this instruction: a handler may read the clock (STCK, SIGP…).
      lines.push(
        `  ${FLUSH} c.instructionCount = n0 + done + ${j}; ia = h${j}(c, f, ${at * 4}, base + ${off}); ${RELOAD}`,
      );
      lines.push(follow >= 0 ? `  if (ia !== ${expected}) ${exit(j + 1, 'ia')}` : `  ${exit(j + 1, 'ia')}`);
      continue;
    }
    const sequential = at + (length >> 1);
    const toSlot = (target: number): string =>
      target === follow
        ? ''
        : exit(
            j + 1,
            target >= 0 && target < slots ? `base + ${target * 2}` : `c.wrapAddress(base + ${target * 2})`,
          );
    const fall = toSlot(sequential);
    let taken = '';
    if (emitted.relative !== undefined) taken = toSlot(at + emitted.relative);
    else if (emitted.target !== undefined) {
      const t = emitted.target;
      taken = follow >= 0 ? `if (${t} !== ${expected}) ${exit(j + 1, t)}` : exit(j + 1, t);
    }
    lines.push(`  { ${emitted.code}`);
    if (emitted.taken === undefined || emitted.taken === 'false') {
      if (fall !== '') lines.push(`    ${fall}`);
    } else if (emitted.taken === 'true') {
      if (taken !== '') lines.push(`    ${taken}`);
    } else {
      lines.push(`    if (${emitted.taken}) { ${taken} } else { ${fall} }`);
    }
    lines.push('  }');
  }
  if (loops) {
    lines.push(`  done += ${n};`);
    lines.push(
      `  if (done + ${n} > budget || c.attention !== 0) { ${FLUSH} c.blockDone = done; return base + ${slot * 2}; }`,
    );
  }
  lines.push(' }');
  lines.push('} catch (e) {');
  lines.push(`  ${FLUSH}`);
  lines.push('  c.blockDone = done + i;');
  lines.push('  c.blockFault = base + OFFSETS[i];');
  lines.push('  throw e;');
  lines.push('}');
  const body = `"use strict"; return function block(c, f, base, budget) {\n${registers.finish(lines.join('\n'))}\n};`;
  const run = factoryFor(body, params, handlers)(
    ...handlers,
    ...HELPER_VALUES,
    Int32Array.from(trace.map((e) => e.slot * 2)),
  );
  return { run, length: n, entrySlot: slot, firstSlot: minSlot, lastSlot: maxSlot };
}
