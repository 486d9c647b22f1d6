import type { BlockRegisters } from './block-registers';
import type { Cpu } from './cpu';
import * as fixedPointSourceModule from './execute/fixed-point-source';

const S = fixedPointSourceModule.FIXED_POINT_SOURCE;

/*
 * Source templates for the compiled-block tier (block-compiler.ts): for the instructions hot loops
 * are made of, the JS a block inlines instead of calling the instruction's handler. A template bakes
 * the decoded fields in as constants (register numbers, displacements, immediates) and writes in the
 * handlers' pure helpers as source (execute/fixed-point-source.ts, tested equal to them) or calls
 * them (link, moveBytes, fixedOverflow…), so the rules of each instruction — condition code,
 * overflow, access checks — stay those of execute/.
 *
 * Generated code sees: `c` (the CPU), `gh`/`gl` (its register halves), `base` (the logical page
 * base), the block's register and CC locals (named through `g` and CC below), and, by name, the
 * helpers block-compiler.ts passes in. A template returns statements (`code`) and, for branches,
 * when the branch is taken and where it goes: a relative target (known when the block is built) or a
 * local the code computed at run time. Indirect branches also say where they would go now
 * (`speculate`), so a block can follow a BCT through its base register or a BR back to the caller,
 * guarded at run time by a comparison with the address it assumed.
 * Templates read and write registers and the CC only through the locals; a call out of the block
 * that reads a register (c.ea, c.regAddress) gets it stored first.
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
  readonly g: BlockRegisters;
}

type Template = (t: TemplateInput) => Emitted;

/**
 * The local holding the CC inside a block. Calls out of the block need not store it: an
 * interruption is delivered after the block's catch has stored the locals (cpu.ts `recover`).
 */
const CC = 'cc';

const rxEa = (t: TemplateInput): string => effectiveAddress(t.g, t.f[t.k + 1], t.f[t.k + 2], t.f[t.k + 3]);

/**
 * D(X,B) as a JS expression: the common case — 64-bit mode, a base register below 4 GiB, no index,
 * a nonnegative displacement — inline, anything else through `c.ea` (which it equals).
 */
function effectiveAddress(g: BlockRegisters, x: number, b: number, d: number): string {
  const synced = [x, b]
    .filter((r) => r !== 0)
    .map((r) => `${g.sync(r)}, `)
    .join('');
  const slow = `(${synced}c.ea(${x}, ${b}, ${d}))`;
  if (x === 0 && b !== 0 && d >= 0)
    return `(c.amode === 3 && ${g.hi(b)} === 0 ? (${g.lo(b)} >>> 0) + ${d} : ${slow})`;
  return slow;
}

/** The address in register r (BCR, BASR…): inline in 64-bit mode below 4 GiB, else `c.regAddress`. */
function registerAddress(g: BlockRegisters, r: number): string {
  return `(c.amode === 3 && ${g.hi(r)} === 0 ? ${g.lo(r)} >>> 0 : (${g.sync(r)}, c.regAddress(${r})))`;
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
const shiftCount = ({ f, k, g }: TemplateInput): string =>
  f[k + 2] === 0 ? String(f[k + 3] & 63) : `((${f[k + 3]} + ${g.lo(f[k + 2])}) & 63)`;
/** A signed arithmetic CC into the local; 3 is a fixed-point overflow (which stores CC 3 and may interrupt). */
const arithmeticCc = (cc: string): string => `${CC} = ${cc}; if (${CC} === 3) fixedOverflow(c);`;
const maskTaken = (mask: number): string =>
  mask === 15 ? 'true' : mask === 0 ? 'false' : `((${mask} << ${CC}) & 8) !== 0`;

const plain = (code: string): Emitted => ({ code });

/** Signed 32-bit add or subtract of `b` into r1. */
function arith32(t: TemplateInput, op: '+' | '-', b: string): Emitted {
  const { g, id } = t;
  const r1 = t.f[t.k];
  const ccOf = op === '+' ? S.addCc32 : S.subCc32;
  return plain(
    `{ const a${id} = ${g.lo(r1)}, b${id} = ${b}, r${id} = (a${id} ${op} b${id}) | 0; ${g.setLo(r1)} = r${id}; ${arithmeticCc(ccOf(`a${id}`, `b${id}`, `r${id}`))} }`,
  );
}

/** Signed 64-bit add or subtract of (high, low) into r1. */
function arith64(t: TemplateInput, op: '+' | '-', high: string, low: string): Emitted {
  const { g, id } = t;
  const r1 = t.f[t.k];
  const [ah, al, bh, bl, h, l] = [`ah${id}`, `al${id}`, `bh${id}`, `bl${id}`, `h${id}`, `l${id}`];
  const a = `const ${ah} = ${g.hi(r1)}, ${al} = ${g.lo(r1)}, ${bh} = ${high}, ${bl} = ${low}, ${l} = (${al} ${op} ${bl}) | 0`;
  const sumHigh = op === '+' ? S.addHigh64(ah, al, bh, l) : S.subHigh64(ah, al, bh, bl);
  const cc = (op === '+' ? S.addCc64 : S.subCc64)(ah, bh, h, l);
  return plain(
    `{ ${a}, ${h} = ${sumHigh}; ${g.setHi(r1)} = ${h}; ${g.setLo(r1)} = ${l}; ${arithmeticCc(cc)} }`,
  );
}

/** Logical 32-bit add of `b` with carry-in into r1 (ALR; SLR adds ~b with carry 1). */
function logical32(t: TemplateInput, b: string, carryIn: number): Emitted {
  const { g, id } = t;
  const r1 = t.f[t.k];
  return plain(
    `{ const a${id} = ${g.lo(r1)}, b${id} = ${b}, r${id} = (a${id} + b${id} + ${carryIn}) | 0; ${g.setLo(r1)} = r${id}; ` +
      `${CC} = ${S.logicalCc(`r${id} !== 0`, S.carry32(`a${id}`, `b${id}`, String(carryIn)))}; }`,
  );
}

/** Logical 64-bit add of (bh, bl) with carry-in into r1 (ALGR; SLGR adds the complement with carry 1). */
function logical64(t: TemplateInput, bh: string, bl: string, carryIn: number): Emitted {
  const { g, id } = t;
  const r1 = t.f[t.k];
  return plain(
    `{ const ah${id} = ${g.hi(r1)}, al${id} = ${g.lo(r1)}, bh${id} = ${bh}, bl${id} = ${bl}, c${id} = ${S.carry32(`al${id}`, `bl${id}`, String(carryIn))}, ` +
      `h${id} = (ah${id} + bh${id} + c${id}) | 0, l${id} = (al${id} + bl${id} + ${carryIn}) | 0; ` +
      `${g.setHi(r1)} = h${id}; ${g.setLo(r1)} = l${id}; ${CC} = ${S.logicalCc(`(h${id} | l${id}) !== 0`, S.carry32(`ah${id}`, `bh${id}`, `c${id}`))}; }`,
  );
}

/** `r1 op= r2` with CC 0 zero / 1 nonzero (NR, OR, XR and the 64-bit forms). */
function bitwise(op: string, wide: boolean): Template {
  return ({ f, k, id, g }) => {
    const r1 = f[k];
    const r2 = f[k + 1];
    if (!wide)
      return plain(
        `{ const r${id} = ${g.lo(r1)} ${op} ${g.lo(r2)}; ${g.setLo(r1)} = r${id}; ${CC} = r${id} === 0 ? 0 : 1; }`,
      );
    return plain(
      `{ const h${id} = ${g.hi(r1)} ${op} ${g.hi(r2)}, l${id} = ${g.lo(r1)} ${op} ${g.lo(r2)}; ${g.setHi(r1)} = h${id}; ${g.setLo(r1)} = l${id}; ${CC} = (h${id} | l${id}) === 0 ? 0 : 1; }`,
    );
  };
}

/** SLLG, SRLG: register r3 shifted into r1, each word by its helper (given h, l and n, its call). */
function shift64(high: (h: string, l: string, n: string) => string, low: typeof high): Template {
  return (t) => {
    const { f, k, g, id } = t;
    const r3 = f[k + 1];
    const [h, l, n] = [`h${id}`, `l${id}`, `n${id}`];
    return plain(
      `{ const ${h} = ${g.hi(r3)}, ${l} = ${g.lo(r3)}, ${n} = ${shiftCount(t)}; ` +
        `${g.setHi(f[k])} = ${high(h, l, n)}; ${g.setLo(f[k])} = ${low(h, l, n)}; }`,
    );
  };
}

/**
 * BRAS, BRASL, BAS, BASR: the link. In 64-bit mode below 4 GiB (not under EX) it is the address
 * itself, set inline; anything else goes through branch.ts `link` and the register is reread.
 */
function linkTo(t: TemplateInput, r1: number): string {
  const { g, id, next } = t;
  const n = `n${id}`;
  return (
    `const ${n} = ${next}; if (c.amode === 3 && ${n} < 4294967296 && !c.executing) { ${g.setHi(r1)} = 0; ${g.setLo(r1)} = ${n} | 0; } ` +
    `else { link(c, ${r1}, ${n}, 0); ${g.setHi(r1)} = gh[${r1}]; ${g.setLo(r1)} = gl[${r1}]; }`
  );
}

/** Register pairs compared: 32-bit (low words) or 64-bit. */
function compare(source: (...operands: string[]) => string, wide: boolean, immediate: boolean): Template {
  return ({ f, k, g }) => {
    const r1 = f[k];
    const b = f[k + 1];
    if (!wide) return plain(`${CC} = ${source(g.lo(r1), immediate ? String(b) : g.lo(b))};`);
    const bh = immediate ? String(b >> 31) : g.hi(b);
    const bl = immediate ? String(b) : g.lo(b);
    return plain(`${CC} = ${source(g.hi(r1), g.lo(r1), bh, bl)};`);
  };
}

const TEMPLATES: Readonly<Record<string, Template>> = {
  // ---- loads ----
  LR: ({ f, k, g }) => plain(`${g.setLo(f[k])} = ${g.lo(f[k + 1])};`),
  LGR: ({ f, k, g }) => plain(`${g.setHi(f[k])} = ${g.hi(f[k + 1])}; ${g.setLo(f[k])} = ${g.lo(f[k + 1])};`),
  LGFR: ({ f, k, id, g }) =>
    plain(
      `{ const v${id} = ${g.lo(f[k + 1])}; ${g.setHi(f[k])} = v${id} >> 31; ${g.setLo(f[k])} = v${id}; }`,
    ),
  LLGFR: ({ f, k, id, g }) =>
    plain(`{ const v${id} = ${g.lo(f[k + 1])}; ${g.setHi(f[k])} = 0; ${g.setLo(f[k])} = v${id}; }`),
  LHI: ({ f, k, g }) => plain(`${g.setLo(f[k])} = ${f[k + 1]};`),
  LGHI: ({ f, k, g }) => plain(`${g.setHi(f[k])} = ${f[k + 1] >> 31}; ${g.setLo(f[k])} = ${f[k + 1]};`),
  LTR: ({ f, k, id, g }) =>
    plain(`{ const v${id} = ${g.lo(f[k + 1])}; ${g.setLo(f[k])} = v${id}; ${CC} = ${S.cc32(`v${id}`)}; }`),
  LTGR: ({ f, k, id, g }) =>
    plain(
      `{ const h${id} = ${g.hi(f[k + 1])}, l${id} = ${g.lo(f[k + 1])}; ${g.setHi(f[k])} = h${id}; ${g.setLo(f[k])} = l${id}; ${CC} = ${S.cc64(`h${id}`, `l${id}`)}; }`,
    ),
  L: (t) => plain(`{ ${read32(rxEa(t), t.id, t.g.setLo(t.f[t.k]))} }`),
  LG: (t) => plain(`{ ${read64(rxEa(t), t.id, t.g.setHi(t.f[t.k]), t.g.setLo(t.f[t.k]))} }`),
  ST: (t) => plain(`{ ${write(rxEa(t), t.id, [t.g.lo(t.f[t.k])])} }`),
  STG: (t) => plain(`{ ${write(rxEa(t), t.id, [t.g.hi(t.f[t.k]), t.g.lo(t.f[t.k])])} }`),
  MVC: ({ f, k, id, g }) => {
    const op2 = f[k + 1];
    const n = f[k] + 1;
    // Both operands inside pages the CPU has cached (checked, no code in the target): one frame move.
    return plain(
      `{ const d${id} = ${effectiveAddress(g, 0, f[k + 2], f[k + 3])}, s${id} = ${effectiveAddress(g, 0, op2 >>> 16, op2 & 0xfff)}; ` +
        `const dof${id} = d${id} - c.wrBase, so${id} = s${id} - c.rdBase, e${id} = c.storage.epoch; ` +
        `if (dof${id} >= 0 && dof${id} <= ${4096 - n} && so${id} >= 0 && so${id} <= ${4096 - n} && c.wrEpoch === e${id} && c.rdEpoch === e${id}) ` +
        `c.storage.moveFrames(c.wrIndex, dof${id}, c.rdIndex, so${id}, ${n}); else moveBytes(c, d${id}, s${id}, ${n}, 0); }`,
    );
  },

  // ---- arithmetic ----
  AR: (t) => arith32(t, '+', t.g.lo(t.f[t.k + 1])),
  AHI: (t) => arith32(t, '+', String(t.f[t.k + 1])),
  A: (t) => {
    const { id } = t;
    const add = arith32(t, '+', `v${id}`).code;
    return plain(`{ let v${id} = 0; ${read32(rxEa(t), id, `v${id}`)} ${add} }`);
  },
  SR: (t) => arith32(t, '-', t.g.lo(t.f[t.k + 1])),
  AGR: (t) => arith64(t, '+', t.g.hi(t.f[t.k + 1]), t.g.lo(t.f[t.k + 1])),
  AGFR: (t) => arith64(t, '+', `(${t.g.lo(t.f[t.k + 1])} >> 31)`, t.g.lo(t.f[t.k + 1])),
  AGHI: (t) => arith64(t, '+', String(t.f[t.k + 1] >> 31), String(t.f[t.k + 1])),
  AG: (t) => {
    const { id } = t;
    const add = arith64(t, '+', `vh${id}`, `vl${id}`).code;
    return plain(`{ let vh${id} = 0, vl${id} = 0; ${read64(rxEa(t), id, `vh${id}`, `vl${id}`)} ${add} }`);
  },
  SGR: (t) => arith64(t, '-', t.g.hi(t.f[t.k + 1]), t.g.lo(t.f[t.k + 1])),
  ALR: (t) => logical32(t, t.g.lo(t.f[t.k + 1]), 0),
  SLR: (t) => logical32(t, `~${t.g.lo(t.f[t.k + 1])}`, 1),
  ALGR: (t) => logical64(t, t.g.hi(t.f[t.k + 1]), t.g.lo(t.f[t.k + 1]), 0),
  SLGR: (t) => logical64(t, `~${t.g.hi(t.f[t.k + 1])}`, `~${t.g.lo(t.f[t.k + 1])}`, 1),

  // ---- compare ----
  CR: compare(S.compareCc32, false, false),
  CHI: compare(S.compareCc32, false, true),
  CGR: compare(S.compareCc64, true, false),
  CGHI: compare(S.compareCc64, true, true),
  CLR: compare(S.compareLogicalCc32, false, false),
  CLGR: compare(S.compareLogicalCc64, true, false),

  // ---- logical and shifts ----
  NR: bitwise('&', false),
  OR: bitwise('|', false),
  XR: bitwise('^', false),
  NGR: bitwise('&', true),
  OGR: bitwise('|', true),
  XGR: bitwise('^', true),
  SLLG: shift64(
    (h, l, n) => S.shiftLeftHigh64(h, l, n),
    (_, l, n) => S.shiftLeftLow64(l, n),
  ),
  SRLG: shift64(
    (h, _, n) => S.shiftRightLogicalHigh64(h, n),
    (h, l, n) => S.shiftRightLogicalLow64(h, l, n),
  ),

  // ---- branches ----
  BRC: ({ f, k }) => ({ code: '', taken: maskTaken(f[k]), relative: f[k + 1] }),
  BRCL: ({ f, k }) => ({ code: '', taken: maskTaken(f[k]), relative: f[k + 1] }),
  BRCT: ({ f, k, id, g }) => ({
    code: `const v${id} = (${g.lo(f[k])} - 1) | 0; ${g.setLo(f[k])} = v${id};`,
    taken: `v${id} !== 0`,
    relative: f[k + 1],
  }),
  BRCTG: ({ f, k, id, g }) => ({
    code: decrement64(g, f[k], id),
    taken: `(h${id} | l${id}) !== 0`,
    relative: f[k + 1],
  }),
  BRAS: (t) => ({ code: linkTo(t, t.f[t.k]), taken: 'true', relative: t.f[t.k + 1] }),
  BRASL: (t) => ({ code: linkTo(t, t.f[t.k]), taken: 'true', relative: t.f[t.k + 1] }),
  BCR: ({ f, k, id, g }) =>
    f[k + 1] === 0
      ? { code: '', taken: 'false' }
      : { code: `const t${id} = ${registerAddress(g, f[k + 1])};`, taken: maskTaken(f[k]), target: `t${id}` },
  BC: (t) => ({ code: `const t${t.id} = ${rxEa(t)};`, taken: maskTaken(t.f[t.k]), target: `t${t.id}` }),
  BCT: (t) => {
    const { f, k, id, g } = t;
    return {
      code: `const t${id} = ${rxEa(t)}; const v${id} = (${g.lo(f[k])} - 1) | 0; ${g.setLo(f[k])} = v${id};`,
      taken: `v${id} !== 0`,
      target: `t${id}`,
    };
  },
  BCTR: ({ f, k, id, g }) =>
    f[k + 1] === 0
      ? { code: `${g.setLo(f[k])} = (${g.lo(f[k])} - 1) | 0;`, taken: 'false' }
      : {
          code: `const t${id} = ${registerAddress(g, f[k + 1])}; const v${id} = (${g.lo(f[k])} - 1) | 0; ${g.setLo(f[k])} = v${id};`,
          taken: `v${id} !== 0`,
          target: `t${id}`,
        },
  BCTG: (t) => ({
    code: `const t${t.id} = ${rxEa(t)}; ${decrement64(t.g, t.f[t.k], t.id)}`,
    taken: `(h${t.id} | l${t.id}) !== 0`,
    target: `t${t.id}`,
  }),
  BASR: (t) => {
    const { f, k, id, g } = t;
    return f[k + 1] === 0
      ? { code: linkTo(t, f[k]), taken: 'false' }
      : {
          code: `const t${id} = ${registerAddress(g, f[k + 1])}; ${linkTo(t, f[k])}`,
          taken: 'true',
          target: `t${id}`,
        };
  },
  BAS: (t) => ({
    code: `const t${t.id} = ${rxEa(t)}; ${linkTo(t, t.f[t.k])}`,
    taken: 'true',
    target: `t${t.id}`,
  }),
};

/** BRCTG/BCTG: the 64-bit register r less one, leaving its halves in h<id>/l<id>. */
function decrement64(g: BlockRegisters, r: number, id: number): string {
  return `const o${id} = ${g.lo(r)}, l${id} = (o${id} - 1) | 0; ${g.setLo(r)} = l${id}; let h${id} = ${g.hi(r)}; if (o${id} === 0) { h${id} = (h${id} - 1) | 0; ${g.setHi(r)} = h${id}; }`;
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
