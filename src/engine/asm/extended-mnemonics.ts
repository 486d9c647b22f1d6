/**
 * Extended branch mnemonics (reference/domain-architecture.md §1.5): a base branch instruction with
 * its mask operand fixed. Condition names and masks are those of GNU as (which HLASM shares for the
 * common ones): e.g. BE = BC 8, BNER = BCR 7, JNE = BRC 7, JGE = BRCL 8; plus aliases (JAS = BRAS, TMH = TMLH).
 */
export interface ExtendedMnemonic {
  readonly base: string;
  /** The mask filled in as the first operand; undefined for plain aliases. */
  readonly mask?: number;
}

const CONDITIONS: Readonly<Record<string, number>> = {
  O: 1,
  H: 2,
  P: 2,
  NLE: 3,
  L: 4,
  M: 4,
  NHE: 5,
  LH: 6,
  NE: 7,
  NZ: 7,
  E: 8,
  Z: 8,
  NLH: 9,
  HE: 10,
  NL: 11,
  NM: 11,
  LE: 12,
  NH: 13,
  NP: 13,
  NO: 14,
};

const TABLE = new Map<string, ExtendedMnemonic>();
for (const [cond, mask] of Object.entries(CONDITIONS)) {
  TABLE.set(`B${cond}`, { base: 'BC', mask });
  TABLE.set(`B${cond}R`, { base: 'BCR', mask });
  TABLE.set(`J${cond}`, { base: 'BRC', mask });
  TABLE.set(`BR${cond}`, { base: 'BRC', mask });
  TABLE.set(`JG${cond}`, { base: 'BRCL', mask });
  TABLE.set(`BR${cond}L`, { base: 'BRCL', mask });
}
const FIXED: ReadonlyArray<[string, string, number | undefined]> = [
  ['B', 'BC', 15],
  ['BR', 'BCR', 15],
  ['NOP', 'BC', 0],
  ['NOPR', 'BCR', 0],
  ['J', 'BRC', 15],
  ['BRU', 'BRC', 15],
  ['JNOP', 'BRC', 0],
  ['JG', 'BRCL', 15],
  ['BRUL', 'BRCL', 15],
  ['JLU', 'BRCL', 15],
  ['JGNOP', 'BRCL', 0],
  ['JC', 'BRC', undefined],
  ['JCL', 'BRCL', undefined],
  ['JAS', 'BRAS', undefined],
  ['JASL', 'BRASL', undefined],
  ['JCT', 'BRCT', undefined],
  ['JCTG', 'BRCTG', undefined],
  ['JXH', 'BRXH', undefined],
  ['JXLE', 'BRXLE', undefined],
  ['TMH', 'TMLH', undefined],
  ['TML', 'TMLL', undefined],
];
for (const [name, base, mask] of FIXED) TABLE.set(name, { base, mask });

/** The extended mnemonic of an upper-case name, if it is one. */
export function extendedMnemonic(name: string): ExtendedMnemonic | undefined {
  return TABLE.get(name);
}

/** GNU objdump's condition names by mask, for the disassembler. */
const SUFFIX_BY_MASK = [
  '',
  'o',
  'h',
  'nle',
  'l',
  'nhe',
  'lh',
  'ne',
  'e',
  'nlh',
  'he',
  'nl',
  'le',
  'nh',
  'no',
  '',
];

/** The extended mnemonic (lower case) the disassembler prints for a branch with a mask, or undefined. */
export function branchMnemonicFor(base: string, mask: number): string | undefined {
  const suffix = SUFFIX_BY_MASK[mask & 15];
  switch (base) {
    case 'BC':
      return mask === 0 ? 'nop' : `b${suffix}`;
    case 'BCR':
      return mask === 0 ? 'nopr' : `b${suffix}r`;
    case 'BRC':
      return mask === 0 ? 'jnop' : `j${suffix}`;
    case 'BRCL':
      return mask === 0 ? 'jgnop' : `jg${suffix}`;
    default:
      return undefined;
  }
}
