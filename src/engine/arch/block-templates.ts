import type { Cpu } from './cpu';

/*
 * Source templates for the compiled-block tier (block-compiler.ts): for the instructions hot loops
 * are made of, the JS a block inlines instead of calling the instruction's handler. A template bakes
 * the decoded fields in as constants (register numbers, displacements, immediates) and calls the same
 * semantic helpers the handlers call (add64, compare32, link, moveBytes…), so the rules of each
 * instruction — condition code, overflow, access checks — stay written once, in execute/.
 *
 * Generated code sees: `c` (the CPU), `gh`/`gl` (its register halves), `base` (the logical page
 * base), and, by name, the helpers block-compiler.ts passes in (add32, add64, compare64, link,
 * moveBytes, …). A template returns statements (`code`) and,
 * for branches, when the branch is taken and where it goes: a relative target (known when the block
 * is built) or a local the code computed at run time. Indirect branches also say where they would go
 * now (`speculate`), so a block can follow a BCT through its base register or a BR back to the
 * caller, guarded at run time by a comparison with the address it assumed.
 */

export interface Emitted {
  readonly code: string;
  /** Branches only: a JS boolean expression, evaluated after `code`; 'true' or 'false' when fixed. */
  readonly taken?: string;
  /** Relative branches: the target in halfwords from the instruction. */
  readonly relative?: number;
  /** Indirect branches: the local (declared by `code`) holding the target address. */
  readonly target?: string;
}

/** What a template knows about one instruction: its fields, address expression, and its index in the block. */
export interface TemplateInput {
  readonly f: Int32Array;
  readonly k: number;
  /** JS expression of the instruction's own address (`base + offset`). */
  readonly at: string;
  /** JS expression of the next sequential instruction's address. */
  readonly next: string;
  /** A suffix that makes the template's locals unique in the block. */
  readonly id: number;
}

type Template = (t: TemplateInput) => Emitted;

const rxEa = (f: Int32Array, k: number): string => effectiveAddress(f[k + 1], f[k + 2], f[k + 3]);

/**
 * D(X,B) as a JS expression: the common case — 64-bit mode, a base register below 4 GiB, no index,
 * a nonnegative displacement — inline, anything else through `c.ea` (which it equals).
 */
function effectiveAddress(x: number, b: number, d: number): string {
  if (x === 0 && b !== 0 && d >= 0)
    return `(c.amode === 3 && gh[${b}] === 0 ? (gl[${b}] >>> 0) + ${d} : c.ea(0, ${b}, ${d}))`;
  return `c.ea(${x}, ${b}, ${d})`;
}

/*
 * Operand accesses inline: a hit in the CPU's one-page caches (cpu.ts `rd64`, `wr64`…, whose fast
 * paths these repeat) reads or writes the cached frame directly; anything else calls the method.
 */
const word = (m: string, o: string, at: number): string =>
  `(${m}[${o} + ${at}] << 24) | (${m}[${o} + ${at + 1}] << 16) | (${m}[${o} + ${at + 2}] << 8) | ${m}[${o} + ${at + 3}]`;

/** Reads the doubleword at `address` into the lvalues `hi` and `lo`. */
function read64(address: string, id: number, hi: string, lo: string): string {
  const o = `o${id}`;
  return (
    `const a${id} = ${address}, ${o} = a${id} - c.rdBase; ` +
    `if (${o} >= 0 && ${o} <= 4088 && c.rdEpoch === c.storage.epoch) { const m${id} = c.rdFrame; ${hi} = ${word(`m${id}`, o, 0)}; ${lo} = ${word(`m${id}`, o, 4)}; } ` +
    `else { c.rd64(a${id}); ${hi} = c.vh; ${lo} = c.vl; }`
  );
}

/** Reads the word at `address` into the lvalue `to`. */
function read32(address: string, id: number, to: string): string {
  const o = `o${id}`;
  return (
    `const a${id} = ${address}, ${o} = a${id} - c.rdBase; ` +
    `if (${o} >= 0 && ${o} <= 4092 && c.rdEpoch === c.storage.epoch) { const m${id} = c.rdFrame; ${to} = ${word(`m${id}`, o, 0)}; } ` +
    `else ${to} = c.rdS32(a${id});`
  );
}

/** Stores the values of `values` (one or two int32 expressions) at `address`. */
function write(address: string, id: number, values: readonly string[]): string {
  const o = `o${id}`;
  const n = values.length * 4;
  const bytes = values
    .map((v, i) => [0, 1, 2, 3].map((b) => `m${id}[${o} + ${i * 4 + b}] = ${v} >>> ${24 - 8 * b};`).join(' '))
    .join(' ');
  const call = n === 8 ? `c.wr64(a${id}, ${values[0]}, ${values[1]});` : `c.wr32(a${id}, ${values[0]});`;
  return (
    `const a${id} = ${address}, ${o} = a${id} - c.wrBase; ` +
    `if (${o} >= 0 && ${o} <= ${4096 - n} && c.wrEpoch === c.storage.epoch) { const m${id} = c.wrFrame; ${bytes} } else ${call}`
  );
}
/** Shift amount of RS/RSY shifts: bits 58-63 of D2(B2). */
const shiftCount = (f: Int32Array, k: number): string =>
  f[k + 2] === 0 ? String(f[k + 3] & 63) : `((${f[k + 3]} + gl[${f[k + 2]}]) & 63)`;
const ccOf32 = (v: string): string => `c.cc = ${v} === 0 ? 0 : ${v} < 0 ? 1 : 2;`;
const maskTaken = (mask: number): string =>
  mask === 15 ? 'true' : mask === 0 ? 'false' : `((${mask} << c.cc) & 8) !== 0`;

const plain = (code: string): Emitted => ({ code });

/** `gl[r1] op= gl[r2]` with CC 0 zero / 1 nonzero (NR, OR, XR and the 64-bit forms). */
function bitwise(op: string, wide: boolean): Template {
  return ({ f, k, id }) => {
    const r1 = f[k];
    const r2 = f[k + 1];
    if (!wide)
      return plain(
        `{ const r${id} = gl[${r1}] ${op} gl[${r2}]; gl[${r1}] = r${id}; c.cc = r${id} === 0 ? 0 : 1; }`,
      );
    return plain(
      `{ const h${id} = gh[${r1}] ${op} gh[${r2}], l${id} = gl[${r1}] ${op} gl[${r2}]; gh[${r1}] = h${id}; gl[${r1}] = l${id}; c.cc = (h${id} | l${id}) === 0 ? 0 : 1; }`,
    );
  };
}

const TEMPLATES: Readonly<Record<string, Template>> = {
  // ---- loads ----
  LR: ({ f, k }) => plain(`gl[${f[k]}] = gl[${f[k + 1]}];`),
  LGR: ({ f, k }) => plain(`gh[${f[k]}] = gh[${f[k + 1]}]; gl[${f[k]}] = gl[${f[k + 1]}];`),
  LGFR: ({ f, k, id }) =>
    plain(`{ const v${id} = gl[${f[k + 1]}]; gh[${f[k]}] = v${id} >> 31; gl[${f[k]}] = v${id}; }`),
  LLGFR: ({ f, k, id }) =>
    plain(`{ const v${id} = gl[${f[k + 1]}]; gh[${f[k]}] = 0; gl[${f[k]}] = v${id}; }`),
  LHI: ({ f, k }) => plain(`gl[${f[k]}] = ${f[k + 1]};`),
  LGHI: ({ f, k }) => plain(`gh[${f[k]}] = ${f[k + 1] >> 31}; gl[${f[k]}] = ${f[k + 1]};`),
  LTR: ({ f, k, id }) =>
    plain(`{ const v${id} = gl[${f[k + 1]}]; gl[${f[k]}] = v${id}; ${ccOf32(`v${id}`)} }`),
  LTGR: ({ f, k, id }) =>
    plain(
      `{ const h${id} = gh[${f[k + 1]}], l${id} = gl[${f[k + 1]}]; gh[${f[k]}] = h${id}; gl[${f[k]}] = l${id}; c.cc = h${id} < 0 ? 1 : (h${id} | l${id}) === 0 ? 0 : 2; }`,
    ),
  L: ({ f, k, id }) => plain(`{ ${read32(rxEa(f, k), id, `gl[${f[k]}]`)} }`),
  LG: ({ f, k, id }) => plain(`{ ${read64(rxEa(f, k), id, `gh[${f[k]}]`, `gl[${f[k]}]`)} }`),
  ST: ({ f, k, id }) => plain(`{ ${write(rxEa(f, k), id, [`gl[${f[k]}]`])} }`),
  STG: ({ f, k, id }) => plain(`{ ${write(rxEa(f, k), id, [`gh[${f[k]}]`, `gl[${f[k]}]`])} }`),
  MVC: ({ f, k, id }) => {
    const op2 = f[k + 1];
    const n = f[k] + 1;
    // Both operands inside pages the CPU has cached (checked, no code in the target): one frame move.
    return plain(
      `{ const d${id} = ${effectiveAddress(0, f[k + 2], f[k + 3])}, s${id} = ${effectiveAddress(0, op2 >>> 16, op2 & 0xfff)}; ` +
        `const dof${id} = d${id} - c.wrBase, so${id} = s${id} - c.rdBase, e${id} = c.storage.epoch; ` +
        `if (dof${id} >= 0 && dof${id} <= ${4096 - n} && so${id} >= 0 && so${id} <= ${4096 - n} && c.wrEpoch === e${id} && c.rdEpoch === e${id}) ` +
        `c.storage.moveFrames(c.wrIndex, dof${id}, c.rdIndex, so${id}, ${n}); else moveBytes(c, d${id}, s${id}, ${n}, 0); }`,
    );
  },

  // ---- arithmetic ----
  AR: ({ f, k }) => plain(`add32(c, ${f[k]}, gl[${f[k + 1]}]);`),
  AHI: ({ f, k }) => plain(`add32(c, ${f[k]}, ${f[k + 1]});`),
  A: ({ f, k, id }) =>
    plain(`{ let v${id} = 0; ${read32(rxEa(f, k), id, `v${id}`)} add32(c, ${f[k]}, v${id}); }`),
  SR: ({ f, k }) => plain(`sub32(c, ${f[k]}, gl[${f[k + 1]}]);`),
  AGR: ({ f, k }) => plain(`add64(c, ${f[k]}, gh[${f[k + 1]}], gl[${f[k + 1]}]);`),
  AGFR: ({ f, k, id }) =>
    plain(`{ const v${id} = gl[${f[k + 1]}]; add64(c, ${f[k]}, v${id} >> 31, v${id}); }`),
  AGHI: ({ f, k }) => plain(`add64(c, ${f[k]}, ${f[k + 1] >> 31}, ${f[k + 1]});`),
  AG: ({ f, k, id }) =>
    plain(
      `{ let h${id} = 0, l${id} = 0; ${read64(rxEa(f, k), id, `h${id}`, `l${id}`)} add64(c, ${f[k]}, h${id}, l${id}); }`,
    ),
  SGR: ({ f, k }) => plain(`sub64(c, ${f[k]}, gh[${f[k + 1]}], gl[${f[k + 1]}]);`),
  ALR: ({ f, k }) => plain(`addLogical32(c, ${f[k]}, gl[${f[k + 1]}], 0);`),
  SLR: ({ f, k }) => plain(`addLogical32(c, ${f[k]}, ~gl[${f[k + 1]}], 1);`),
  ALGR: ({ f, k }) => plain(`addLogical64(c, ${f[k]}, gh[${f[k + 1]}], gl[${f[k + 1]}], 0);`),
  SLGR: ({ f, k }) => plain(`addLogical64(c, ${f[k]}, ~gh[${f[k + 1]}], ~gl[${f[k + 1]}], 1);`),

  // ---- compare ----
  CR: ({ f, k }) => plain(`compare32(c, gl[${f[k]}], gl[${f[k + 1]}]);`),
  CHI: ({ f, k }) => plain(`compare32(c, gl[${f[k]}], ${f[k + 1]});`),
  CGR: ({ f, k }) => plain(`compare64(c, gh[${f[k]}], gl[${f[k]}], gh[${f[k + 1]}], gl[${f[k + 1]}]);`),
  CGHI: ({ f, k }) => plain(`compare64(c, gh[${f[k]}], gl[${f[k]}], ${f[k + 1] >> 31}, ${f[k + 1]});`),
  CLR: ({ f, k }) => plain(`compareLogical32(c, gl[${f[k]}], gl[${f[k + 1]}]);`),
  CLGR: ({ f, k }) =>
    plain(`compareLogical64(c, gh[${f[k]}], gl[${f[k]}], gh[${f[k + 1]}], gl[${f[k + 1]}]);`),

  // ---- logical and shifts ----
  NR: bitwise('&', false),
  OR: bitwise('|', false),
  XR: bitwise('^', false),
  NGR: bitwise('&', true),
  OGR: bitwise('|', true),
  XGR: bitwise('^', true),
  SLLG: ({ f, k }) =>
    plain(
      `shiftLeft64(gh[${f[k + 1]}], gl[${f[k + 1]}], ${shiftCount(f, k)}); gh[${f[k]}] = P[0]; gl[${f[k]}] = P[1];`,
    ),
  SRLG: ({ f, k }) =>
    plain(
      `shiftRightLogical64(gh[${f[k + 1]}], gl[${f[k + 1]}], ${shiftCount(f, k)}); gh[${f[k]}] = P[0]; gl[${f[k]}] = P[1];`,
    ),

  // ---- branches ----
  BRC: ({ f, k }) => ({ code: '', taken: maskTaken(f[k]), relative: f[k + 1] }),
  BRCL: ({ f, k }) => ({ code: '', taken: maskTaken(f[k]), relative: f[k + 1] }),
  BRCT: ({ f, k, id }) => ({
    code: `const v${id} = (gl[${f[k]}] - 1) | 0; gl[${f[k]}] = v${id};`,
    taken: `v${id} !== 0`,
    relative: f[k + 1],
  }),
  BRCTG: ({ f, k, id }) => ({
    code: decrement64(f[k], id),
    taken: `(h${id} | l${id}) !== 0`,
    relative: f[k + 1],
  }),
  BRAS: ({ f, k, next }) => ({ code: `link(c, ${f[k]}, ${next}, 0);`, taken: 'true', relative: f[k + 1] }),
  BRASL: ({ f, k, next }) => ({ code: `link(c, ${f[k]}, ${next}, 0);`, taken: 'true', relative: f[k + 1] }),
  BCR: ({ f, k, id }) =>
    f[k + 1] === 0
      ? { code: '', taken: 'false' }
      : { code: `const t${id} = c.regAddress(${f[k + 1]});`, taken: maskTaken(f[k]), target: `t${id}` },
  BC: ({ f, k, id }) => ({ code: `const t${id} = ${rxEa(f, k)};`, taken: maskTaken(f[k]), target: `t${id}` }),
  BCT: ({ f, k, id }) => ({
    code: `const t${id} = ${rxEa(f, k)}; const v${id} = (gl[${f[k]}] - 1) | 0; gl[${f[k]}] = v${id};`,
    taken: `v${id} !== 0`,
    target: `t${id}`,
  }),
  BCTR: ({ f, k, id }) =>
    f[k + 1] === 0
      ? { code: `gl[${f[k]}] = (gl[${f[k]}] - 1) | 0;`, taken: 'false' }
      : {
          code: `const t${id} = c.regAddress(${f[k + 1]}); const v${id} = (gl[${f[k]}] - 1) | 0; gl[${f[k]}] = v${id};`,
          taken: `v${id} !== 0`,
          target: `t${id}`,
        },
  BCTG: ({ f, k, id }) => ({
    code: `const t${id} = ${rxEa(f, k)}; ${decrement64(f[k], id)}`,
    taken: `(h${id} | l${id}) !== 0`,
    target: `t${id}`,
  }),
  BASR: ({ f, k, id, next }) =>
    f[k + 1] === 0
      ? { code: `link(c, ${f[k]}, ${next}, 0);`, taken: 'false' }
      : {
          code: `const t${id} = c.regAddress(${f[k + 1]}); link(c, ${f[k]}, ${next}, 0);`,
          taken: 'true',
          target: `t${id}`,
        },
  BAS: ({ f, k, id, next }) => ({
    code: `const t${id} = ${rxEa(f, k)}; link(c, ${f[k]}, ${next}, 0);`,
    taken: 'true',
    target: `t${id}`,
  }),
};

/** BRCTG/BCTG: the 64-bit register r less one, leaving its halves in h<id>/l<id>. */
function decrement64(r: number, id: number): string {
  return `const o${id} = gl[${r}], l${id} = (o${id} - 1) | 0; gl[${r}] = l${id}; let h${id} = gh[${r}]; if (o${id} === 0) { h${id} = (h${id} - 1) | 0; gh[${r}] = h${id}; }`;
}

/** Rows with a template, by mnemonic. */
export function templateFor(mnemonic: string): Template | undefined {
  return TEMPLATES[mnemonic];
}

/**
 * Where an indirect branch would go if executed now (for the block builder to follow it):
 * `linked` holds the return addresses set by BRAS/BRASL/BAS/BASR earlier in the block. Undefined
 * when the row is not an indirect branch this tier follows.
 */
export function speculateTarget(
  mnemonic: string,
  cpu: Cpu,
  f: Int32Array,
  k: number,
  linked: ReadonlyMap<number, number>,
): number | undefined {
  const fromRegister = (r: number): number => linked.get(r) ?? cpu.regAddress(r);
  switch (mnemonic) {
    case 'BCR':
    case 'BCTR':
    case 'BASR':
      return f[k + 1] === 0 ? undefined : fromRegister(f[k + 1]);
    case 'BC':
    case 'BCT':
    case 'BCTG':
    case 'BAS':
      return linked.has(f[k + 2]) || linked.has(f[k + 1]) ? undefined : cpu.ea(f[k + 1], f[k + 2], f[k + 3]);
    default:
      return undefined;
  }
}

/** Rows whose template sets a link register (BRAS, BRASL, BAS, BASR): register field f0. */
export function linksRegister(mnemonic: string): boolean {
  return mnemonic === 'BRAS' || mnemonic === 'BRASL' || mnemonic === 'BAS' || mnemonic === 'BASR';
}
