import type { Block } from './block-compiler';
import type { Cpu } from './cpu';
import { FRAME_SIZE, type MainStorage } from './main-storage';

/**
 * A handler executes one decoded instruction. `f[k..k+3]` hold its pre-extracted fields (layouts in
 * decode.ts), `ia` is the instruction's own address; it returns the address of the next instruction.
 * Handlers are plain module functions: nothing is allocated or created per instruction.
 */
export type Handler = (c: Cpu, f: Int32Array, k: number, ia: number) => number;

/** Fields per decoded instruction in a page's field array. */
export const FIELDS = 4;
const SLOTS = FRAME_SIZE / 2;

/**
 * The decoded instructions of one 4 KiB absolute frame: one slot per halfword. A slot starts as the
 * decoder's own handler, which decodes the bytes, stores the real handler and its fields, and runs it;
 * a store into the frame puts the decoder back in the slots it touched.
 */
export class CodePage {
  readonly handlers: Handler[];
  readonly fields = new Int32Array(SLOTS * FIELDS);
  /** Instruction length in bytes per slot (2, 4, 6), valid once decoded: for the ILC. */
  readonly lengths = new Uint8Array(SLOTS);
  /** Compiled blocks by entry slot (null: none); see block-compiler.ts. */
  readonly blocks: (Block | null)[] = new Array<Block | null>(SLOTS).fill(null);
  /** Interpreted executions per slot, to find hot block entries. */
  readonly heat = new Uint8Array(SLOTS);
  private readonly entries: number[] = [];

  addBlock(block: Block): void {
    this.blocks[block.entrySlot] = block;
    this.entries.push(block.entrySlot);
  }

  constructor(
    readonly frame: number,
    readonly decodeHandler: Handler,
  ) {
    this.handlers = new Array<Handler>(SLOTS).fill(decodeHandler);
  }

  invalidate(firstSlot: number, lastSlot: number): void {
    const h = this.handlers;
    const d = this.decodeHandler;
    for (let s = Math.max(0, firstSlot); s <= lastSlot && s < SLOTS; s++) h[s] = d;
    if (this.entries.length === 0) return;
    const kept: number[] = [];
    for (const entry of this.entries) {
      const b = this.blocks[entry];
      if (b === null) continue;
      if (b.firstSlot <= lastSlot && b.lastSlot >= firstSlot) {
        this.blocks[entry] = null;
        this.heat[entry] = 0;
      } else kept.push(entry);
    }
    this.entries.length = 0;
    this.entries.push(...kept);
  }
}

/**
 * The decoded-instruction cache of one main storage, shared by all its CPUs (decoding depends only on
 * the bytes). Keyed by absolute frame, so translation changes never make it stale; stores invalidate
 * exactly the slots whose instruction could contain a stored byte (instructions are at most 6 bytes).
 * Instructions that cross a frame boundary are never cached.
 */
export class CodeCache {
  private readonly pages = new Map<number, CodePage>();

  constructor(
    private readonly storage: MainStorage,
    private readonly decodeHandler: Handler,
  ) {
    storage.codeListener = (address, length) => this.invalidate(address, length);
  }

  page(frame: number): CodePage {
    let p = this.pages.get(frame);
    if (p === undefined) {
      p = new CodePage(frame, this.decodeHandler);
      this.pages.set(frame, p);
      this.storage.codeFrames[frame] = 1;
      this.storage.epoch++;
    }
    return p;
  }

  get size(): number {
    return this.pages.size;
  }

  /** A store of `length` bytes at absolute `address` happened. */
  invalidate(address: number, length: number): void {
    const first = address - 4;
    const last = address + length - 1;
    let frame = Math.floor(Math.max(0, first) / FRAME_SIZE);
    const lastFrame = Math.floor(last / FRAME_SIZE);
    for (; frame <= lastFrame; frame++) {
      const p = this.pages.get(frame);
      if (p === undefined) continue;
      const base = frame * FRAME_SIZE;
      p.invalidate((first - base) >> 1, (last - base) >> 1);
    }
  }

  /** Puts the decoder back in every slot (the decoding rules changed: an architecture-mode switch). */
  resetDecoding(): void {
    for (const p of this.pages.values()) p.invalidate(0, SLOTS - 1);
  }

  clear(): void {
    for (const frame of this.pages.keys()) this.storage.codeFrames[frame] = 0;
    this.pages.clear();
  }
}
