import { FORMAT_FIELDS } from '../arch/instruction-formats';
import type { InstructionDef } from '../arch/instruction-table';

/**
 * The operand syntax column of the instruction table (e.g. 'R1,D2(X2,B2)', 'M1,R2', 'R1,R2[,M3]')
 * parsed once into operand specs that name the format fields each source operand fills.
 */
export type RegisterBank = 'gpr' | 'cr' | 'fpr';

/** How GNU as and objdump write a register of each bank. */
export const REGISTER_PREFIX: Readonly<Record<RegisterBank, string>> = { gpr: '%r', cr: '%c', fpr: '%f' };

export type OperandSpec =
  | {
      readonly kind: 'reg';
      readonly field: string;
      /** Which registers: general, control or floating-point (%rN, %cN, %fN). */
      readonly bank: RegisterBank;
      /** The even register of an even-odd pair. */
      readonly pair: boolean;
      readonly optional: boolean;
    }
  | { readonly kind: 'mask'; readonly field: string; readonly optional: boolean }
  | { readonly kind: 'imm'; readonly field: string; readonly signed: boolean; readonly optional: boolean }
  | { readonly kind: 'rel'; readonly field: string; readonly optional: boolean }
  | {
      readonly kind: 'addr';
      readonly disp: string;
      readonly base: string;
      readonly index?: string;
      readonly length?: string;
      readonly optional: boolean;
    };

function parseOne(item: string, optional: boolean): OperandSpec {
  const addr = /^(D\d)\((?:(X\d|L\d?),)?(B\d)\)$/.exec(item);
  if (addr) {
    const [, disp, middle, base] = addr;
    if (middle?.startsWith('X')) return { kind: 'addr', disp, base, index: middle, optional };
    if (middle?.startsWith('L')) return { kind: 'addr', disp, base, length: middle, optional };
    return { kind: 'addr', disp, base, optional };
  }
  if (/^R\d$/.test(item)) return { kind: 'reg', field: item, bank: 'gpr', pair: false, optional };
  if (/^P\d$/.test(item)) return { kind: 'reg', field: `R${item[1]}`, bank: 'gpr', pair: true, optional };
  if (/^C\d$/.test(item)) return { kind: 'reg', field: `R${item[1]}`, bank: 'cr', pair: false, optional };
  if (/^F\d$/.test(item)) return { kind: 'reg', field: `R${item[1]}`, bank: 'fpr', pair: false, optional };
  if (/^M\d$/.test(item)) return { kind: 'mask', field: item, optional };
  if (/^I\d$/.test(item)) return { kind: 'imm', field: item, signed: true, optional };
  if (/^U\d$/.test(item)) return { kind: 'imm', field: `I${item[1]}`, signed: false, optional };
  if (/^RI\d$/.test(item)) return { kind: 'rel', field: item, optional };
  throw new Error(`instruction table: unknown operand '${item}'`);
}

/** Parse an operand-syntax string; everything after the first '[' is optional. */
export function parseOperandSyntax(syntax: string): OperandSpec[] {
  if (syntax === '') return [];
  const split = (s: string) => (s === '' ? [] : s.split(/,(?![^(]*\))/));
  const bracket = syntax.indexOf('[');
  const required = bracket < 0 ? Number.POSITIVE_INFINITY : split(syntax.slice(0, bracket)).length;
  return split(syntax).map((raw, index) => parseOne(raw.replace(/[[\]]/g, ''), index >= required));
}

const cache = new Map<InstructionDef, OperandSpec[]>();

export function operandSpecs(def: InstructionDef): OperandSpec[] {
  let specs = cache.get(def);
  if (!specs) {
    // A mask written in an R field (BCR's M1 in RR) fills that field.
    const names = new Set(FORMAT_FIELDS[def.format].map((f) => f.name));
    specs = parseOperandSyntax(def.operands).map((s) =>
      s.kind === 'mask' && !names.has(s.field) ? { ...s, field: `R${s.field.slice(1)}` } : s,
    );
    cache.set(def, specs);
  }
  return specs;
}
