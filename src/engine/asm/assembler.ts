import { instructionLength } from '../arch/instruction-formats';
import { INSTRUCTIONS, type InstructionDef } from '../arch/instruction-table';
import {
  type DcFailure,
  type DcOperand,
  operandBytes,
  operandLengthAttribute,
  operandSize,
  parseDcOperand,
} from './dc-constant';
import { encodeInstruction, fieldWidth, hasLongDisplacement } from './encoder';
import { type EvalResult, evaluate, type ExprContext, type Value } from './expression';
import { extendedMnemonic } from './extended-mnemonics';
import { type Literal, LiteralPool } from './literal-pool';
import { operandSpecs } from './operand-syntax';
import { type Piece, readStatements, type SourceLine, splitOperands } from './source-line';
import { type AsmSymbol, SymbolTable } from './symbol-table';
import { UsingTable } from './using-table';

/**
 * The two-pass assembler (HLASM flavoured, with GNU as operand habits accepted: %rN registers,
 * `label:`, `.` for the location counter, `D(%rB)` as a base). Pass 1 sizes every statement and
 * defines the symbols; pass 2 resolves USINGs and encodes. Errors are collected, never thrown.
 */
export interface AsmError {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export interface ListingLine {
  /** Address (or EQU value), undefined for comments and statements without one. */
  readonly address?: number;
  readonly bytes: readonly number[];
  readonly lineNo?: number;
  readonly source: string;
}

export interface AssemblyResult {
  readonly ok: boolean;
  readonly origin: number;
  /** Object bytes from the origin to the highest address used in the control section. */
  readonly bytes: Uint8Array;
  readonly errors: readonly AsmError[];
  readonly listing: readonly ListingLine[];
  readonly symbols: readonly AsmSymbol[];
}

export interface AssembleOptions {
  /** Origin of the control section when the source has no START (default 0). */
  readonly origin?: number;
}

const BY_MNEMONIC = new Map<string, InstructionDef>(INSTRUCTIONS.map((d) => [d.mnemonic, d]));

/** The instruction-table row and fixed mask for a mnemonic (any case), or undefined. */
export function lookupMnemonic(name: string): { def: InstructionDef; mask?: number } | undefined {
  const upper = name.toUpperCase();
  const def = BY_MNEMONIC.get(upper);
  if (def) return { def };
  const ext = extendedMnemonic(upper);
  if (!ext) return undefined;
  const base = BY_MNEMONIC.get(ext.base);
  return base ? { def: base, mask: ext.mask } : undefined;
}

const IGNORED = new Set(['TITLE', 'EJECT', 'SPACE', 'PRINT', 'AMODE', 'RMODE', 'SPACE']);
const MAIN = 1;
const GNU_DATA: Readonly<Record<string, number>> = { '.BYTE': 1, '.SHORT': 2, '.LONG': 4, '.QUAD': 8 };

type Kind = 'none' | 'instr' | 'dc' | 'ds' | 'pool' | 'equ' | 'using' | 'drop';

interface Statement {
  readonly line: SourceLine;
  kind: Kind;
  sect: number;
  address: number;
  size: number;
  def?: InstructionDef;
  mask?: number;
  dc?: DcOperand[];
  /** Start address of each DC operand (after its alignment). */
  dcAddresses?: number[];
  pool?: Literal[];
  literals?: Map<string, Literal>;
  equValue?: number;
  /** The literal pool placed at the end of a source without END: listed without a source line. */
  implicit?: boolean;
}

interface Section {
  readonly name: string;
  readonly id: number;
  lc: number;
  high: number;
}

class Assembly {
  readonly errors: AsmError[] = [];
  readonly symbols = new SymbolTable();
  readonly statements: Statement[] = [];
  private readonly sections: Section[] = [];
  private current!: Section;
  private pool = new LiteralPool();
  private readonly using = new UsingTable();
  private origin: number;
  private mainNamed = false;
  private started = false;
  readonly image = new Map<number, number>();

  constructor(
    private readonly lines: SourceLine[],
    options: AssembleOptions,
  ) {
    this.origin = options.origin ?? 0;
    this.current = { name: '', id: MAIN, lc: this.origin, high: this.origin };
    this.sections.push(this.current);
  }

  error(line: number, col: number, message: string): void {
    this.errors.push({ line, col, message });
  }

  private ctx(stmt: Statement, registerNames = false): ExprContext {
    return {
      lookup: (name) => this.symbols.get(name),
      locationCounter: { value: stmt.address, sect: stmt.sect },
      registerNames,
    };
  }

  private eval(stmt: Statement, p: Piece, registerNames = false): EvalResult {
    return evaluate(p.text, p.col, this.ctx(stmt, registerNames));
  }

  /** Evaluate to an absolute number, or record the error and return undefined. */
  private absolute(stmt: Statement, p: Piece, what: string): number | undefined {
    const r = this.eval(stmt, p);
    if (!r.ok) {
      this.error(stmt.line.lineNo, r.col, r.message);
      return undefined;
    }
    if (r.value.sect !== 0) {
      this.error(stmt.line.lineNo, p.col, `expected ${what}, not an address`);
      return undefined;
    }
    return r.value.value;
  }

  private align(boundary: number): void {
    const s = this.current;
    s.lc = Math.ceil(s.lc / boundary) * boundary;
  }

  private advance(size: number): void {
    const s = this.current;
    s.lc += size;
    if (s.lc > s.high) s.high = s.lc;
  }

  private define(stmt: Statement, value: number, sect: number, length: number): void {
    const label = stmt.line.label;
    if (!label) return;
    if (!/^[A-Za-z@#$_][A-Za-z0-9@#$_]{0,62}$/.test(label.text)) {
      this.error(
        stmt.line.lineNo,
        label.col,
        `expected a symbol name (a letter, then letters or digits), got '${label.text}'`,
      );
      return;
    }
    const previous = this.symbols.get(label.text);
    if (previous) {
      this.error(
        stmt.line.lineNo,
        label.col,
        `expected a new symbol name: '${label.text}' is already defined on line ${previous.lineNo}`,
      );
      return;
    }
    this.symbols.define({ name: label.text.toUpperCase(), value, sect, length, lineNo: stmt.line.lineNo });
  }

  // ---------------------------------------------------------------- pass 1

  pass1(): void {
    const deferredEqu: Statement[] = [];
    for (const line of this.lines) {
      const stmt: Statement = {
        line,
        kind: 'none',
        sect: this.current.id,
        address: this.current.lc,
        size: 0,
      };
      this.statements.push(stmt);
      if (line.comment || !line.op) {
        if (!line.comment && line.label) this.define(stmt, stmt.address, stmt.sect, 1);
        continue;
      }
      const op = line.op.text.toUpperCase();
      if (op === 'END') {
        this.placePool(stmt, true);
        break;
      }
      this.statementPass1(stmt, op, deferredEqu);
    }
    const last = this.statements[this.statements.length - 1];
    if (last?.line.op?.text.toUpperCase() !== 'END' && !this.pool.isEmpty) {
      // No END: the last literal pool goes at the end of the source all the same.
      const line: SourceLine = {
        lineNo: this.lines.length,
        text: '',
        operands: { text: '', col: 1 },
        comment: false,
      };
      const stmt: Statement = { line, kind: 'pool', sect: MAIN, address: 0, size: 0, implicit: true };
      this.statements.push(stmt);
      this.placePool(stmt, true);
    }
    this.resolveDeferredEqu(deferredEqu);
  }

  private statementPass1(stmt: Statement, op: string, deferredEqu: Statement[]): void {
    const { line } = stmt;
    const operands = splitOperands(line.operands);
    switch (op) {
      case 'START':
      case 'CSECT':
        this.sectionStatement(stmt, op, operands);
        return;
      case 'DSECT':
        this.dsect(stmt);
        return;
      case 'USING':
        stmt.kind = 'using';
        this.define(stmt, stmt.address, stmt.sect, 1);
        return;
      case 'DROP':
        stmt.kind = 'drop';
        return;
      case 'EQU':
        stmt.kind = 'equ';
        if (!line.label) {
          this.error(line.lineNo, line.op!.col, 'expected a name field on EQU');
          return;
        }
        if (!this.equ(stmt, operands, false)) deferredEqu.push(stmt);
        return;
      case 'ORG':
        this.org(stmt, operands);
        return;
      case 'LTORG':
        this.placePool(stmt, false);
        return;
      case 'DC':
      case 'DS':
        this.dcPass1(stmt, operands, op === 'DC');
        return;
      case '.BYTE':
      case '.SHORT':
      case '.LONG':
      case '.QUAD': {
        // GNU data directives: unaligned binary integers, as DC AL1/AL2/AL4/AL8.
        const n = GNU_DATA[op];
        const asDc = operands.map((p) => ({ text: `AL${n}(${p.text})`, col: p.col - 4 }));
        this.dcPass1(stmt, asDc, true);
        return;
      }
      default:
        if (IGNORED.has(op)) return;
        this.instructionPass1(stmt, op, operands);
    }
  }

  private sectionStatement(stmt: Statement, op: string, operands: Piece[]): void {
    const { line } = stmt;
    const name = line.label?.text.toUpperCase() ?? '';
    const main = this.sections[0];
    if (op === 'START') {
      if (this.started) {
        this.error(line.lineNo, line.op!.col, 'expected START before any statement that generates code');
        return;
      }
      if (operands.length > 0 && operands[0].text !== '') {
        const origin = this.absolute(stmt, operands[0], 'an absolute origin');
        if (origin === undefined) return;
        this.origin = origin;
        main.lc = origin;
        main.high = origin;
      }
    } else if (this.mainNamed && name !== main.name) {
      this.error(
        line.lineNo,
        line.label?.col ?? line.op!.col,
        `expected one control section: '${main.name}' is already open`,
      );
      return;
    }
    this.current = main;
    stmt.sect = MAIN;
    stmt.address = main.lc;
    if (!this.mainNamed) {
      this.mainNamed = true;
      (main as { name: string }).name = name;
      this.define(stmt, main.lc, MAIN, 1);
    }
  }

  private dsect(stmt: Statement): void {
    const { line } = stmt;
    if (!line.label) {
      this.error(line.lineNo, line.op!.col, 'expected a name field on DSECT');
      return;
    }
    const name = line.label.text.toUpperCase();
    let s = this.sections.find((x) => x.name === name && x.id !== MAIN);
    if (!s) {
      s = { name, id: this.sections.length + 1, lc: 0, high: 0 };
      this.sections.push(s);
      this.current = s;
      stmt.sect = s.id;
      stmt.address = 0;
      this.define(stmt, 0, s.id, 1);
    }
    this.current = s;
  }

  private equ(stmt: Statement, operands: Piece[], final: boolean): boolean {
    const { line } = stmt;
    if (operands.length === 0 || operands[0].text === '') {
      this.error(line.lineNo, line.operands.col, 'expected an expression on EQU');
      return true;
    }
    const r = this.eval(stmt, operands[0]);
    if (!r.ok) {
      if (r.undefinedName !== undefined && !final) return false;
      this.error(line.lineNo, r.col, r.message);
      return true;
    }
    let length = 1;
    const leading = /^[A-Za-z@#$_][A-Za-z0-9@#$_]*/.exec(operands[0].text);
    if (leading) length = this.symbols.get(leading[0])?.length ?? 1;
    if (operands[1] && operands[1].text !== '') {
      const l = this.absolute(stmt, operands[1], 'an absolute length');
      if (l === undefined) return true;
      length = l;
    }
    stmt.equValue = r.value.value;
    this.define(stmt, r.value.value, r.value.sect, length);
    return true;
  }

  private resolveDeferredEqu(deferred: Statement[]): void {
    let pending = deferred;
    for (;;) {
      const next = pending.filter((s) => !this.equ(s, splitOperands(s.line.operands), false));
      if (next.length === pending.length) break;
      pending = next;
    }
    for (const s of pending) this.equ(s, splitOperands(s.line.operands), true);
  }

  private org(stmt: Statement, operands: Piece[]): void {
    const s = this.current;
    if (operands.length === 0 || operands[0].text === '') {
      s.lc = s.high;
      return;
    }
    const r = this.eval(stmt, operands[0]);
    if (!r.ok) {
      this.error(stmt.line.lineNo, r.col, r.message);
      return;
    }
    const base = s.id === MAIN ? this.origin : 0;
    if ((r.value.sect !== s.id && r.value.sect !== 0) || r.value.value < base) {
      this.error(
        stmt.line.lineNo,
        operands[0].col,
        `expected an address in the current section, at or after ${hex(base)}`,
      );
      return;
    }
    s.lc = r.value.value;
    if (s.lc > s.high) s.high = s.lc;
  }

  private placePool(stmt: Statement, atEnd: boolean): void {
    stmt.kind = 'pool';
    if (this.pool.isEmpty) return;
    if (atEnd) this.current = this.sections[0];
    this.align(8);
    stmt.sect = this.current.id;
    stmt.address = this.current.lc;
    stmt.pool = this.pool.place(stmt.address);
    for (const l of stmt.pool) this.advance(operandSize(l.operand));
    stmt.size = this.current.lc - stmt.address;
  }

  private absEvaluator(stmt: Statement) {
    return (text: string, col: number): number | DcFailure => {
      const r = evaluate(text, col, this.ctx(stmt));
      if (!r.ok) return { ok: false, col: r.col, message: r.message };
      if (r.value.sect !== 0)
        return { ok: false, col, message: 'expected an absolute value, not an address' };
      return r.value.value;
    };
  }

  private dcPass1(stmt: Statement, operands: Piece[], isDc: boolean): void {
    const { line } = stmt;
    stmt.kind = isDc ? 'dc' : 'ds';
    if (operands.length === 0 || operands[0].text === '') {
      this.error(line.lineNo, line.operands.col, `expected an operand on ${isDc ? 'DC' : 'DS'}`);
      return;
    }
    const parsed: DcOperand[] = [];
    for (const p of operands) {
      const r = parseDcOperand(p, isDc, this.absEvaluator(stmt));
      if (!r.ok) {
        this.error(line.lineNo, r.col, r.message);
        return;
      }
      parsed.push(r.operand);
    }
    this.started ||= this.current.id === MAIN;
    this.align(parsed[0].align);
    stmt.sect = this.current.id;
    stmt.address = this.current.lc;
    this.define(stmt, stmt.address, stmt.sect, operandLengthAttribute(parsed[0]));
    stmt.dc = parsed;
    stmt.dcAddresses = [];
    for (const op of parsed) {
      this.align(op.align);
      stmt.dcAddresses.push(this.current.lc);
      this.advance(operandSize(op));
    }
    stmt.size = this.current.lc - stmt.address;
  }

  private instructionPass1(stmt: Statement, op: string, operands: Piece[]): void {
    const { line } = stmt;
    const found = lookupMnemonic(op);
    if (!found) {
      this.error(line.lineNo, line.op!.col, `expected an instruction or a directive, got '${line.op!.text}'`);
      this.define(stmt, stmt.address, stmt.sect, 1);
      return;
    }
    this.started ||= this.current.id === MAIN;
    this.align(2);
    stmt.kind = 'instr';
    stmt.def = found.def;
    stmt.mask = found.mask;
    stmt.sect = this.current.id;
    stmt.address = this.current.lc;
    stmt.size = instructionLength(found.def.op1);
    this.define(stmt, stmt.address, stmt.sect, stmt.size);
    for (const p of operands) {
      if (!p.text.startsWith('=')) continue;
      const r = parseDcOperand({ text: p.text.slice(1), col: p.col + 1 }, true, this.absEvaluator(stmt));
      if (!r.ok) {
        this.error(line.lineNo, r.col, r.message);
        continue;
      }
      if (r.operand.dup === 0) {
        this.error(line.lineNo, p.col + 1, 'expected a literal with a duplication factor of 1 or more');
        continue;
      }
      stmt.literals ??= new Map();
      stmt.literals.set(p.text, this.pool.add(p.text, r.operand, line.lineNo, stmt.address));
    }
    this.advance(stmt.size);
  }

  // ---------------------------------------------------------------- pass 2

  pass2(): void {
    for (const stmt of this.statements) {
      const operands = () => splitOperands(stmt.line.operands);
      switch (stmt.kind) {
        case 'using':
          this.usingPass2(stmt, operands());
          break;
        case 'drop':
          this.dropPass2(stmt, operands());
          break;
        case 'instr':
          this.instructionPass2(stmt, operands());
          break;
        case 'dc':
          this.dcPass2(stmt);
          break;
        case 'pool':
          this.poolPass2(stmt);
          break;
        default:
          break;
      }
    }
  }

  private register(stmt: Statement, p: Piece, what = 'a register'): number | undefined {
    const r = this.eval(stmt, p, true);
    if (!r.ok) {
      this.error(stmt.line.lineNo, r.col, r.message);
      return undefined;
    }
    if (r.value.sect !== 0 || r.value.value < 0 || r.value.value > 15 || !Number.isInteger(r.value.value)) {
      this.error(stmt.line.lineNo, p.col, `expected ${what} (0 to 15), got '${p.text}'`);
      return undefined;
    }
    return r.value.value;
  }

  private usingPass2(stmt: Statement, operands: Piece[]): void {
    const { line } = stmt;
    if (operands.length < 2) {
      this.error(line.lineNo, line.operands.col, 'expected USING base,register');
      return;
    }
    const r = this.eval(stmt, operands[0]);
    if (!r.ok) {
      this.error(line.lineNo, r.col, r.message);
      return;
    }
    const regs: number[] = [];
    for (const p of operands.slice(1)) {
      const reg = this.register(stmt, p, 'a base register');
      if (reg === undefined) return;
      if (reg === 0) {
        this.error(line.lineNo, p.col, 'expected a base register from 1 to 15 (register 0 means no base)');
        return;
      }
      regs.push(reg);
    }
    this.using.using(r.value, regs);
  }

  private dropPass2(stmt: Statement, operands: Piece[]): void {
    if (operands.length === 0 || operands[0].text === '') {
      this.using.dropAll();
      return;
    }
    for (const p of operands) {
      const reg = this.register(stmt, p);
      if (reg !== undefined && !this.using.drop(reg)) {
        this.error(stmt.line.lineNo, p.col, `expected a register with an active USING, got '${p.text}'`);
      }
    }
  }

  private emit(address: number, bytes: ArrayLike<number>): void {
    for (let k = 0; k < bytes.length; k++) this.image.set(address + k, bytes[k]);
  }

  private dcPass2(stmt: Statement): void {
    if (!stmt.dc) return;
    stmt.dc.forEach((op, k) => {
      const bytes = operandBytes(op, (text, col, offset) => {
        const here = { value: stmt.dcAddresses![k] + offset, sect: stmt.sect };
        const r = evaluate(text, col, { ...this.ctx(stmt), locationCounter: here });
        if (!r.ok) return { ok: false, col: r.col, message: r.message };
        return r.value.value;
      });
      if (!Array.isArray(bytes)) {
        this.error(stmt.line.lineNo, bytes.col, bytes.message);
        return;
      }
      if (stmt.sect === MAIN) this.emit(stmt.dcAddresses![k], bytes);
    });
  }

  private poolPass2(stmt: Statement): void {
    for (const lit of stmt.pool ?? []) {
      const bytes = operandBytes(lit.operand, (text, col) => {
        const r = evaluate(text, col, {
          ...this.ctx(stmt),
          locationCounter: { value: lit.here, sect: MAIN },
        });
        if (!r.ok) return { ok: false, col: r.col, message: r.message };
        return r.value.value;
      });
      if (!Array.isArray(bytes)) {
        this.error(lit.lineNo, bytes.col, bytes.message);
        continue;
      }
      this.emit(lit.address, bytes);
    }
  }

  private instructionPass2(stmt: Statement, operands: Piece[]): void {
    const def = stmt.def!;
    const { line } = stmt;
    const all = operandSpecs(def);
    const specs = all.slice(stmt.mask === undefined ? 0 : 1);
    const values: Record<string, number> = {};
    if (stmt.mask !== undefined) values[(all[0] as { field: string }).field] = stmt.mask;
    const required = specs.filter((s) => !s.optional).length;
    // An instruction without operands takes the operand field as remarks (HLASM).
    const given = specs.length === 0 ? [] : operands;
    if (given.length < required || given.length > specs.length) {
      const syntax = specs.length === 0 ? 'no operands' : syntaxText(def, stmt.mask !== undefined);
      const col = given.length > specs.length ? given[specs.length].col : line.operands.col;
      this.error(
        line.lineNo,
        col,
        `expected ${syntax} for ${line.op!.text.toUpperCase()}, got ${given.length} operand(s)`,
      );
      return;
    }
    let ok = true;
    specs.forEach((spec, k) => {
      const p = given[k];
      if (!p || !ok) return;
      if (p.text === '') {
        this.error(line.lineNo, p.col, 'expected an operand, got nothing');
        ok = false;
        return;
      }
      ok = this.operand(stmt, spec, p, values);
    });
    if (!ok) return;
    if (stmt.sect === MAIN) this.emit(stmt.address, encodeInstruction(def, values));
  }

  private operand(
    stmt: Statement,
    spec: ReturnType<typeof operandSpecs>[number],
    p: Piece,
    values: Record<string, number>,
  ): boolean {
    const { line } = stmt;
    const def = stmt.def!;
    switch (spec.kind) {
      case 'reg': {
        const r = this.eval(stmt, p, true);
        if (r.ok && r.register === 'cr' && !spec.control) {
          this.error(line.lineNo, p.col, `expected a general register, got control register '${p.text}'`);
          return false;
        }
        const reg = this.register(stmt, p, spec.control ? 'a control register' : 'a register');
        if (reg === undefined) return false;
        if (spec.pair && reg % 2 !== 0) {
          this.error(
            line.lineNo,
            p.col,
            `expected an even register (the first of a register pair), got '${p.text}'`,
          );
          return false;
        }
        values[spec.field] = reg;
        return true;
      }
      case 'mask': {
        const m = this.absolute(stmt, p, 'a mask');
        if (m === undefined) return false;
        if (m < 0 || m > 15) {
          this.error(line.lineNo, p.col, `expected a mask from 0 to 15, got ${m}`);
          return false;
        }
        values[spec.field] = m;
        return true;
      }
      case 'imm': {
        const v = this.absolute(stmt, p, 'an immediate value');
        if (v === undefined) return false;
        const w = fieldWidth(def, spec.field);
        const lo = spec.signed ? -(2 ** (w - 1)) : 0;
        const hi = spec.signed ? 2 ** (w - 1) - 1 : 2 ** w - 1;
        if (v < lo || v > hi) {
          this.error(line.lineNo, p.col, `expected an immediate from ${lo} to ${hi}, got ${v}`);
          return false;
        }
        values[spec.field] = v;
        return true;
      }
      case 'rel': {
        const r = this.eval(stmt, p);
        if (!r.ok) {
          this.error(line.lineNo, r.col, r.message);
          return false;
        }
        if (r.value.sect !== 0 && r.value.sect !== stmt.sect) {
          this.error(line.lineNo, p.col, 'expected a branch target in the same section');
          return false;
        }
        const diff = r.value.value - stmt.address;
        const w = fieldWidth(def, spec.field);
        if (diff % 2 !== 0) {
          this.error(line.lineNo, p.col, `expected a target an even number of bytes away, got ${diff}`);
          return false;
        }
        if (diff / 2 < -(2 ** (w - 1)) || diff / 2 >= 2 ** (w - 1)) {
          this.error(
            line.lineNo,
            p.col,
            `expected a target within ${2 ** w} bytes (${w}-bit halfword count), got ${diff}`,
          );
          return false;
        }
        values[spec.field] = diff / 2;
        return true;
      }
      case 'addr':
        return this.address(stmt, spec, p, values);
    }
  }

  private address(
    stmt: Statement,
    spec: Extract<ReturnType<typeof operandSpecs>[number], { kind: 'addr' }>,
    p: Piece,
    values: Record<string, number>,
  ): boolean {
    const { line } = stmt;
    const def = stmt.def!;
    const long = hasLongDisplacement(def);
    let dispPiece: Piece = p;
    let inner: Piece[] = [];
    let literal: Literal | undefined;
    if (p.text.startsWith('=')) {
      literal = stmt.literals?.get(p.text);
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
      this.error(line.lineNo, inner[maxInner].col, `expected ${shape(spec)}`);
      return false;
    }
    let disp: Value;
    if (literal) {
      disp = { value: literal.address, sect: MAIN };
    } else {
      const r = this.eval(stmt, dispPiece);
      if (!r.ok) {
        this.error(line.lineNo, r.col, r.message);
        return false;
      }
      if (r.register) {
        this.error(
          line.lineNo,
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
      if (spec.index && !gnuBase) index = inner[0];
      else if (spec.length) length = inner[0];
      else explicitBase = inner[0];
    }
    if (spec.index) {
      let x = 0;
      if (index && index.text !== '') {
        const v = this.register(stmt, index, 'an index register');
        if (v === undefined) return false;
        x = v;
      }
      values[spec.index] = x;
    }
    if (spec.length) {
      let l: number | undefined;
      if (length) {
        if (length.text === '') {
          this.error(line.lineNo, length.col, 'expected a length');
          return false;
        }
        l = this.absolute(stmt, length, 'a length');
        if (l === undefined) return false;
      } else {
        l = this.implicitLength(stmt, dispPiece, literal);
        if (l === undefined) {
          this.error(line.lineNo, p.col, `expected an explicit length: ${shape(spec)}`);
          return false;
        }
      }
      const max = 2 ** fieldWidth(def, spec.length);
      if (l < 0 || l > max) {
        this.error(line.lineNo, (length ?? p).col, `expected a length from 1 to ${max}, got ${l}`);
        return false;
      }
      values[spec.length] = Math.max(l - 1, 0);
    }
    if (explicitBase) {
      if (explicitBase.text === '') {
        this.error(line.lineNo, explicitBase.col, 'expected a base register');
        return false;
      }
      const b = this.register(stmt, explicitBase, 'a base register');
      if (b === undefined) return false;
      if (disp.sect !== 0) {
        this.error(
          line.lineNo,
          dispPiece.col,
          'expected an absolute displacement with an explicit base register',
        );
        return false;
      }
      if (!this.displacementFits(stmt, dispPiece, disp.value, long)) return false;
      values[spec.base] = b;
      values[spec.disp] = disp.value;
      return true;
    }
    if (disp.sect === 0) {
      if (!this.displacementFits(stmt, dispPiece, disp.value, long)) return false;
      values[spec.base] = 0;
      values[spec.disp] = disp.value;
      return true;
    }
    const resolved = this.using.resolve(disp, long);
    if (!resolved) {
      this.error(
        line.lineNo,
        p.col,
        `expected an address covered by a USING: no base register reaches ${hex(disp.value)}`,
      );
      return false;
    }
    values[spec.base] = resolved.base;
    values[spec.disp] = resolved.displacement;
    return true;
  }

  private displacementFits(stmt: Statement, p: Piece, d: number, long: boolean): boolean {
    const [lo, hi] = long ? [-0x80000, 0x7ffff] : [0, 0xfff];
    if (d < lo || d > hi) {
      this.error(stmt.line.lineNo, p.col, `expected a displacement from ${lo} to ${hi}, got ${d}`);
      return false;
    }
    return true;
  }

  /** HLASM's implied length: the length attribute of the leftmost term (a symbol, * or a literal). */
  private implicitLength(stmt: Statement, disp: Piece, literal: Literal | undefined): number | undefined {
    if (literal) return operandLengthAttribute(literal.operand);
    const m = /^[A-Za-z@#$_][A-Za-z0-9@#$_]*/.exec(disp.text);
    if (!m) return undefined;
    const s = this.symbols.get(m[0]);
    if (!s || s.sect === 0) return undefined;
    void stmt;
    return s.length;
  }

  result(): AssemblyResult {
    const main = this.sections[0];
    const end = Math.max(main.high, ...[...this.image.keys()].map((a) => a + 1));
    const bytes = new Uint8Array(Math.max(0, end - this.origin));
    for (const [a, b] of this.image) if (a >= this.origin) bytes[a - this.origin] = b;
    const errors = [...this.errors].sort((a, b) => a.line - b.line || a.col - b.col);
    return {
      ok: errors.length === 0,
      origin: this.origin,
      bytes: errors.length === 0 ? bytes : new Uint8Array(0),
      errors,
      listing: this.listing(),
      symbols: this.symbols.all(),
    };
  }

  private listing(): ListingLine[] {
    const out: ListingLine[] = [];
    const byteAt = (a: number) => this.image.get(a) ?? 0;
    const range = (from: number, n: number) => Array.from({ length: n }, (_, k) => byteAt(from + k));
    for (const stmt of this.statements) {
      const { line } = stmt;
      if (line.comment) {
        out.push({ bytes: [], lineNo: line.lineNo, source: line.text });
        continue;
      }
      if (!stmt.implicit) this.listStatement(out, stmt, range);
      for (const lit of stmt.pool ?? []) {
        out.push({
          address: lit.address,
          bytes: range(lit.address, operandSize(lit.operand)),
          source: `        ${lit.text}`,
        });
      }
    }
    return out;
  }

  private listStatement(
    out: ListingLine[],
    stmt: Statement,
    range: (from: number, n: number) => number[],
  ): void {
    const { line } = stmt;
    const emits = stmt.sect === MAIN && (stmt.kind === 'instr' || stmt.kind === 'dc');
    const address =
      stmt.kind === 'equ' ? stmt.equValue : stmt.kind === 'none' && !line.label ? undefined : stmt.address;
    out.push({
      address,
      bytes: emits ? range(stmt.address, stmt.size) : [],
      lineNo: line.lineNo,
      source: line.text,
    });
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

export function hex(n: number): string {
  return `X'${n
    .toString(16)
    .toUpperCase()
    .padStart(n > 0xffffff ? 8 : 6, '0')}'`;
}

export function assemble(source: string, options: AssembleOptions = {}): AssemblyResult {
  const a = new Assembly(readStatements(source), options);
  a.pass1();
  a.pass2();
  return a.result();
}

/** Errors as FILE:LINE:COL: error: message, one per line. */
export function formatErrors(errors: readonly AsmError[], fileName: string): string {
  return errors.map((e) => `${fileName}:${e.line}:${e.col}: error: ${e.message}\n`).join('');
}
