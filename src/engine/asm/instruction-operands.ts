import type { InstructionDef } from '../arch/instruction-table';
import { operandLengthAttribute } from './dc-constant';
import { fieldWidth, hasLongDisplacement } from './encoder';
import type { EvalResult, SymbolInfo, Value } from './expression';
import type { Literal } from './literal-pool';
import { type OperandSpec, operandSpecs, type RegisterBank } from './operand-syntax';
import { type Piece, splitOperands } from './source-line';
import type { UsingTable } from './using-table';

const BANK_NAME: Readonly<Record<RegisterBank, string>> = {
  gpr: 'general register',
  cr: 'control register',
  fpr: 'floating-point register',
};

/**
 * The operands of one machine instruction, as written in source, turned into the field values of its
 * format, following the table's operand syntax: registers, masks, immediates (range-checked by field
 * width), relative targets ((target - here) / 2), and storage operands. A storage operand is explicit
 * (D(X,B), D(L,B), D(,B); GNU's D(%rB) names a base) or implicit (an address or literal resolved
 * through the USING table, with HLASM's implied length for SS instructions).
 */
export interface OperandContext {
  /** Location and section of the instruction (the value of *). */
  readonly address: number;
  readonly sect: number;
  /** Where the operand field starts, and the operation as written, for messages. */
  readonly operandsCol: number;
  readonly opText: string;
  /** The section literals are placed in. */
  readonly literalSect: number;
  readonly using: UsingTable;
  evaluate(p: Piece, registerNames: boolean): EvalResult;
  symbol(name: string): SymbolInfo | undefined;
  literal(text: string): Literal | undefined;
  error(col: number, message: string): void;
}

export class InstructionOperands {
  constructor(
    private readonly c: OperandContext,
    private readonly def: InstructionDef,
    /** The mask an extended mnemonic fixes (its first operand is then not written). */
    private readonly mask: number | undefined,
  ) {}

  /** Field values for the operands, or undefined after reporting what was wrong. */
  fields(operands: Piece[]): Record<string, number> | undefined {
    const def = this.def;
    const all = operandSpecs(def);
    const specs = all.slice(this.mask === undefined ? 0 : 1);
    const values: Record<string, number> = {};
    if (this.mask !== undefined) values[(all[0] as { field: string }).field] = this.mask;
    const required = specs.filter((s) => !s.optional).length;
    // An instruction without operands takes the operand field as remarks (HLASM).
    const given = specs.length === 0 ? [] : operands;
    if (given.length < required || given.length > specs.length) {
      const syntax = specs.length === 0 ? 'no operands' : syntaxText(def, this.mask !== undefined);
      const col = given.length > specs.length ? given[specs.length].col : this.c.operandsCol;
      this.c.error(
        col,
        `expected ${syntax} for ${this.c.opText.toUpperCase()}, got ${given.length} operand(s)`,
      );
      return undefined;
    }
    let ok = true;
    specs.forEach((spec, k) => {
      const p = given[k];
      if (!p || !ok) return;
      if (p.text === '') {
        this.c.error(p.col, 'expected an operand, got nothing');
        ok = false;
        return;
      }
      ok = this.operand(spec, p, values);
    });
    return ok ? values : undefined;
  }

  private operand(spec: OperandSpec, p: Piece, values: Record<string, number>): boolean {
    const def = this.def;
    switch (spec.kind) {
      case 'reg': {
        const r = this.c.evaluate(p, true);
        if (r.ok && r.register !== null && r.register !== spec.bank) {
          this.c.error(p.col, `expected a ${BANK_NAME[spec.bank]}, got ${BANK_NAME[r.register]} '${p.text}'`);
          return false;
        }
        const reg = this.register(p, spec.bank === 'gpr' ? 'a register' : `a ${BANK_NAME[spec.bank]}`);
        if (reg === undefined) return false;
        if (spec.pair && reg % 2 !== 0) {
          this.c.error(p.col, `expected an even register (the first of a register pair), got '${p.text}'`);
          return false;
        }
        values[spec.field] = reg;
        return true;
      }
      case 'mask': {
        const m = this.absolute(p, 'a mask');
        if (m === undefined) return false;
        if (m < 0 || m > 15) {
          this.c.error(p.col, `expected a mask from 0 to 15, got ${m}`);
          return false;
        }
        values[spec.field] = m;
        return true;
      }
      case 'imm': {
        const v = this.absolute(p, 'an immediate value');
        if (v === undefined) return false;
        const w = fieldWidth(def, spec.field);
        const lo = spec.signed ? -(2 ** (w - 1)) : 0;
        const hi = spec.signed ? 2 ** (w - 1) - 1 : 2 ** w - 1;
        if (v < lo || v > hi) {
          this.c.error(p.col, `expected an immediate from ${lo} to ${hi}, got ${v}`);
          return false;
        }
        values[spec.field] = v;
        return true;
      }
      case 'rel': {
        const r = this.c.evaluate(p, false);
        if (!r.ok) {
          this.c.error(r.col, r.message);
          return false;
        }
        if (r.value.sect !== 0 && r.value.sect !== this.c.sect) {
          this.c.error(p.col, 'expected a branch target in the same section');
          return false;
        }
        const diff = r.value.value - this.c.address;
        const w = fieldWidth(def, spec.field);
        if (diff % 2 !== 0) {
          this.c.error(p.col, `expected a target an even number of bytes away, got ${diff}`);
          return false;
        }
        if (diff / 2 < -(2 ** (w - 1)) || diff / 2 >= 2 ** (w - 1)) {
          this.c.error(
            p.col,
            `expected a target within ${2 ** w} bytes (${w}-bit halfword count), got ${diff}`,
          );
          return false;
        }
        values[spec.field] = diff / 2;
        return true;
      }
      case 'addr':
        return this.address(spec, p, values);
    }
  }

  private address(
    spec: Extract<OperandSpec, { kind: 'addr' }>,
    p: Piece,
    values: Record<string, number>,
  ): boolean {
    const def = this.def;
    const long = hasLongDisplacement(def);
    let dispPiece: Piece = p;
    let inner: Piece[] = [];
    let literal: Literal | undefined;
    if (p.text.startsWith('=')) {
      literal = this.c.literal(p.text);
      if (!literal) return false; // its error was reported in pass 1
    } else {
      const open = trailingGroup(p.text);
      if (open > 0) {
        dispPiece = { text: p.text.slice(0, open), col: p.col };
        inner = splitOperands({ text: p.text.slice(open + 1, -1), col: p.col + open + 1 });
      }
    }
    const maxInner = spec.index || spec.length ? 2 : 1;
    if (inner.length > maxInner) {
      this.c.error(inner[maxInner].col, `expected ${shape(spec)}`);
      return false;
    }
    let disp: Value;
    if (literal) {
      disp = { value: literal.address, sect: this.c.literalSect };
    } else {
      const r = this.c.evaluate(dispPiece, false);
      if (!r.ok) {
        this.c.error(r.col, r.message);
        return false;
      }
      if (r.register) {
        this.c.error(
          dispPiece.col,
          `expected a displacement or an address, got register '${dispPiece.text}'`,
        );
        return false;
      }
      disp = r.value;
    }
    // Which parts are explicit: GNU's D(%rB) names the base; HLASM's D(X) an index, D(L) a length.
    let explicitBase: Piece | undefined;
    let index: Piece | undefined;
    let length: Piece | undefined;
    if (inner.length === 2) {
      if (spec.index) index = inner[0];
      else length = inner[0];
      explicitBase = inner[1];
    } else if (inner.length === 1) {
      const gnuBase = /^%[rR]/.test(inner[0].text);
      if (gnuBase) explicitBase = inner[0];
      else if (spec.index) index = inner[0];
      else if (spec.length) length = inner[0];
      else explicitBase = inner[0];
    }
    if (spec.index) {
      let x = 0;
      if (index && index.text !== '') {
        const v = this.register(index, 'an index register');
        if (v === undefined) return false;
        x = v;
      }
      values[spec.index] = x;
    }
    if (spec.length) {
      let l: number | undefined;
      if (length) {
        if (length.text === '') {
          this.c.error(length.col, 'expected a length');
          return false;
        }
        l = this.absolute(length, 'a length');
        if (l === undefined) return false;
      } else {
        l = this.implicitLength(dispPiece, literal);
        if (l === undefined) {
          this.c.error(p.col, `expected an explicit length: ${shape(spec)}`);
          return false;
        }
      }
      const max = 2 ** fieldWidth(def, spec.length);
      if (l < 0 || l > max) {
        this.c.error((length ?? p).col, `expected a length from 1 to ${max}, got ${l}`);
        return false;
      }
      values[spec.length] = Math.max(l - 1, 0);
    }
    if (explicitBase) {
      if (explicitBase.text === '') {
        this.c.error(explicitBase.col, 'expected a base register');
        return false;
      }
      const b = this.register(explicitBase, 'a base register');
      if (b === undefined) return false;
      if (disp.sect !== 0) {
        this.c.error(dispPiece.col, 'expected an absolute displacement with an explicit base register');
        return false;
      }
      if (!this.displacementFits(dispPiece, disp.value, long)) return false;
      values[spec.base] = b;
      values[spec.disp] = disp.value;
      return true;
    }
    if (disp.sect === 0) {
      if (!this.displacementFits(dispPiece, disp.value, long)) return false;
      values[spec.base] = 0;
      values[spec.disp] = disp.value;
      return true;
    }
    const resolved = this.c.using.resolve(disp, long);
    if (!resolved) {
      this.c.error(
        p.col,
        `expected an address covered by a USING: no base register reaches ${hexAddress(disp.value)}`,
      );
      return false;
    }
    values[spec.base] = resolved.base;
    values[spec.disp] = resolved.displacement;
    return true;
  }

  private displacementFits(p: Piece, d: number, long: boolean): boolean {
    const [lo, hi] = long ? [-0x80000, 0x7ffff] : [0, 0xfff];
    if (d < lo || d > hi) {
      this.c.error(p.col, `expected a displacement from ${lo} to ${hi}, got ${d}`);
      return false;
    }
    return true;
  }

  /** HLASM's implied length: the length attribute of the leftmost term (a symbol, * or a literal). */
  private implicitLength(disp: Piece, literal: Literal | undefined): number | undefined {
    if (literal) return operandLengthAttribute(literal.operand);
    const m = /^[A-Za-z@#$_][A-Za-z0-9@#$_]*/.exec(disp.text);
    if (!m) return undefined;
    const s = this.c.symbol(m[0]);
    if (!s || s.sect === 0) return undefined;
    return s.length;
  }

  private register(p: Piece, what = 'a register'): number | undefined {
    const r = this.c.evaluate(p, true);
    if (!r.ok) {
      this.c.error(r.col, r.message);
      return undefined;
    }
    if (r.value.sect !== 0 || r.value.value < 0 || r.value.value > 15 || !Number.isInteger(r.value.value)) {
      this.c.error(p.col, `expected ${what} (0 to 15), got '${p.text}'`);
      return undefined;
    }
    return r.value.value;
  }

  /** Evaluate to an absolute number, or record the error and return undefined. */
  private absolute(p: Piece, what: string): number | undefined {
    const r = this.c.evaluate(p, false);
    if (!r.ok) {
      this.c.error(r.col, r.message);
      return undefined;
    }
    if (r.value.sect !== 0) {
      this.c.error(p.col, `expected ${what}, not an address`);
      return undefined;
    }
    return r.value.value;
  }
}

/** Index of the '(' opening a group that ends the text, when something precedes it; else -1. */
function trailingGroup(text: string): number {
  if (!text.endsWith(')')) return -1;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === ')') depth++;
    else if (ch === '(' && --depth === 0) {
      if (i === 0) return -1;
      // X'..'(..) or L'SYM(..) still end in a group; a quote just before '(' is a term's end.
      return i;
    }
  }
  return -1;
}

function shape(spec: { disp: string; base: string; index?: string; length?: string }): string {
  const middle = spec.index ?? spec.length;
  return middle ? `${spec.disp}(${middle},${spec.base})` : `${spec.disp}(${spec.base})`;
}

function syntaxText(def: InstructionDef, maskFixed: boolean): string {
  const parts = def.operands.split(/,(?![^(]*\))/);
  return maskFixed ? parts.slice(1).join(',') : def.operands;
}

/** An address as HLASM messages write it: X'00001000'. */
export function hexAddress(n: number): string {
  return `X'${n
    .toString(16)
    .toUpperCase()
    .padStart(n > 0xffffff ? 8 : 6, '0')}'`;
}
