/*
 * Registers in locals. A block loads the general registers its templates use (and the CC) into JS
 * locals when entered, works on those, and stores the ones it wrote back into the CPU wherever
 * control leaves its code: at every exit, in the catch of an interruption, around a handler call
 * (which may read and change any register: reloaded after it). Templates store what a call out of
 * them reads (block-templates.ts). Inside a loop the registers then stay in machine registers.
 * Which registers a block uses is known only once all of it is emitted, so the statements that
 * store and reload them are placeholders (LOCALS where the block starts, FLUSH, RELOAD) that
 * block-compiler.ts places and `finish` fills in.
 */

/**
 * Names of a block's register locals, for templates. Reads and writes are told apart so that only
 * written registers are stored back.
 */
export interface BlockRegisters {
  /** The local holding the high / low word of register r, to read. */
  hi(r: number): string;
  lo(r: number): string;
  /** The same locals as assignment targets (marks r written). */
  setHi(r: number): string;
  setLo(r: number): string;
  /** A JS expression storing register r's locals into the CPU, for a call that reads it. */
  sync(r: number): string;
}

export const LOCALS = '\u0001locals\u0001';
export const FLUSH = '\u0001flush\u0001';
export const RELOAD = '\u0001reload\u0001';

export interface RegisterLocals {
  readonly g: BlockRegisters;
  /** The block's source with the placeholders replaced. */
  finish(source: string): string;
}

export function blockRegisters(): RegisterLocals {
  const used = new Set<number>();
  const written = new Set<number>();
  const use = (r: number, w: boolean): number => {
    used.add(r);
    if (w) written.add(r);
    return r;
  };
  const g: BlockRegisters = {
    hi: (r) => `H${use(r, false)}`,
    lo: (r) => `L${use(r, false)}`,
    setHi: (r) => `H${use(r, true)}`,
    setLo: (r) => `L${use(r, true)}`,
    sync: (r) => `gh[${use(r, false)}] = H${r}, gl[${r}] = L${r}`,
  };
  const finish = (source: string): string => {
    const all = [...used].sort((a, b) => a - b);
    const locals = `let ${all.map((r) => `H${r} = gh[${r}], L${r} = gl[${r}], `).join('')}cc = c.cc;`;
    const flush = `${[...written].map((r) => `gh[${r}] = H${r}; gl[${r}] = L${r}; `).join('')}c.cc = cc;`;
    const reload = `${all.map((r) => `H${r} = gh[${r}]; L${r} = gl[${r}]; `).join('')}cc = c.cc;`;
    return source.split(LOCALS).join(locals).split(FLUSH).join(flush).split(RELOAD).join(reload);
  };
  return { g, finish };
}
