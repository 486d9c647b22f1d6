import { instructionLength } from '../arch/instruction-formats';
import { INSTRUCTIONS, type InstructionDef, type Level, ZONLY } from '../arch/instruction-table';
import {
  type DcFailure,
  type DcOperand,
  operandBytes,
  operandLengthAttribute,
  operandSize,
  parseDcOperand,
} from './dc-constant';
import { encodeInstruction } from './encoder';
import { type EvalResult, evaluate, type ExprContext } from './expression';
import { extendedMnemonic } from './extended-mnemonics';
import { type Literal, LiteralPool } from './literal-pool';
import { hexAddress as hex, InstructionOperands, type OperandContext } from './instruction-operands';
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
  /** The entry point named on END, if any. */
  readonly entry?: number;
  /** Object bytes from the origin to the highest address used in the control section. */
  readonly bytes: Uint8Array;
  readonly errors: readonly AsmError[];
  readonly listing: readonly ListingLine[];
  readonly symbols: readonly AsmSymbol[];
}

export interface AssembleOptions {
  /** Origin of the control section when the source has no START (default 0). */
  readonly origin?: number;
  /** Reject instructions of later machines (the table's level column); default: accept all. */
  readonly machine?: Level;
  /** 'esa390' rejects z/Architecture-only instructions (ZONLY); default 'z'. */
  readonly mode?: 'z' | 'esa390';
}

/** Machine levels in order, for --machine. */
export const LEVELS: readonly Level[] = ['esa390', 'z900', 'z990', 'z9-109'];

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

const IGNORED = new Set(['TITLE', 'EJECT', 'SPACE', 'PRINT', 'AMODE', 'RMODE']);
/** HLASM statements zvlab's assembler knows but does not implement: said so rather than "unknown". */
const UNSUPPORTED = new Set(
  'EXTRN WXTRN ENTRY DXD CXD COM LOCTR RSECT MACRO MEND MEXIT COPY AIF AGO ANOP SETA SETB SETC GBLA GBLB GBLC LCLA LCLB LCLC ACTR MNOTE PUSH POP OPSYN'.split(
    ' ',
  ),
);
/** The object may not grow past this many bytes (a runaway ORG or duplication factor). */
const MAX_OBJECT = 16 * 1024 * 1024;
const MAIN = 1;
const GNU_DATA: Readonly<Record<string, number>> = { '.BYTE': 1, '.SHORT': 2, '.LONG': 4, '.QUAD': 8 };

type Kind = 'none' | 'instr' | 'dc' | 'ds' | 'pool' | 'equ' | 'using' | 'drop' | 'cnop' | 'end';

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
  private tooBig = false;
  private entry: number | undefined;
  readonly image = new Map<number, number>();

  constructor(
    private readonly lines: SourceLine[],
    private readonly options: AssembleOptions,
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
        stmt.kind = 'end';
        break;
      }
      this.statementPass1(stmt, op, deferredEqu);
      const main = this.sections[0];
      if (main.high - this.origin > MAX_OBJECT) {
        this.error(
          line.lineNo,
          line.op.col,
          `expected an object of at most 16 MiB, reached ${hex(main.high - this.origin)} bytes`,
        );
        this.tooBig = true;
        return;
      }
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
      case 'CNOP':
        this.cnop(stmt, operands);
        return;
      case 'CCW':
      case 'CCW0':
      case 'CCW1':
        this.ccw(stmt, op, operands);
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
        if (UNSUPPORTED.has(op)) {
          this.error(
            line.lineNo,
            line.op!.col,
            `expected a statement zvlab's assembler supports; ${op} is not one`,
          );
          return;
        }
        this.instructionPass1(stmt, op, operands);
    }
  }

  /** CNOP b,w: pad with NOPR (0700) until the location is b bytes past a w-byte boundary. */
  private cnop(stmt: Statement, operands: Piece[]): void {
    const { line } = stmt;
    if (operands.length !== 2) {
      this.error(line.lineNo, line.operands.col, 'expected CNOP byte,boundary');
      return;
    }
    const b = this.absolute(stmt, operands[0], 'a byte offset');
    const w = this.absolute(stmt, operands[1], 'a boundary');
    if (b === undefined || w === undefined) return;
    if (w !== 4 && w !== 8) {
      this.error(line.lineNo, operands[1].col, `expected a boundary of 4 or 8, got ${w}`);
      return;
    }
    if (b < 0 || b >= w || b % 2 !== 0) {
      this.error(line.lineNo, operands[0].col, `expected an even byte offset below ${w}, got ${b}`);
      return;
    }
    this.align(2);
    stmt.kind = 'cnop';
    stmt.address = this.current.lc;
    this.define(stmt, stmt.address, stmt.sect, 1);
    while ((this.current.lc - b) % w !== 0) this.advance(2);
    stmt.size = this.current.lc - stmt.address;
  }

  /**
   * Channel command words, doubleword aligned (reference/domain-architecture.md §6.4). CCW and CCW0 are
   * format 0: command, 24-bit address, flags, 0, count; CCW1 is format 1: command, flags, count,
   * 31-bit address. Operands as HLASM writes them: command,address,flags,count.
   */
  private ccw(stmt: Statement, op: string, operands: Piece[]): void {
    const { line } = stmt;
    if (operands.length !== 4) {
      this.error(line.lineNo, line.operands.col, `expected ${op} command,address,flags,count`);
      return;
    }
    const [command, address, flags, count] = operands;
    const as = (p: Piece, n: number) => ({ text: `AL${n}(${p.text})`, col: p.col - 4 });
    const fields =
      op === 'CCW1'
        ? [as(command, 1), as(flags, 1), as(count, 2), as(address, 4)]
        : [as(command, 1), as(address, 3), as(flags, 1), { text: "X'00'", col: flags.col }, as(count, 2)];
    this.dcPass1(stmt, [{ text: '0D', col: line.operands.col }, ...fields], true);
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
    const { machine, mode } = this.options;
    if (machine !== undefined && LEVELS.indexOf(found.def.level) > LEVELS.indexOf(machine)) {
      this.error(
        line.lineNo,
        line.op!.col,
        `expected an instruction of ${machine} or earlier; ${found.def.mnemonic} came with ${found.def.level}`,
      );
    } else if (mode === 'esa390' && (found.def.flags & ZONLY) !== 0) {
      this.error(
        line.lineNo,
        line.op!.col,
        `expected an ESA/390 instruction; ${found.def.mnemonic} exists only in z/Architecture mode`,
      );
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
    if (this.tooBig) return;
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
        case 'cnop':
          for (let a = stmt.address; a < stmt.address + stmt.size; a += 2) this.emit(a, [0x07, 0x00]);
          break;
        case 'end':
          this.poolPass2(stmt);
          this.endPass2(stmt, operands());
          break;
        default:
          break;
      }
    }
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
      const reg = this.register(stmt, p, 'a register');
      if (reg !== undefined && !this.using.drop(reg)) {
        this.error(stmt.line.lineNo, p.col, `expected a register with an active USING, got '${p.text}'`);
      }
    }
  }

  /** END [entry]: the entry point, when given, must be an address of the control section. */
  private endPass2(stmt: Statement, operands: Piece[]): void {
    if (operands.length === 0 || operands[0].text === '') return;
    const r = this.eval(stmt, operands[0]);
    if (!r.ok) {
      this.error(stmt.line.lineNo, r.col, r.message);
      return;
    }
    if (r.value.sect !== MAIN && r.value.sect !== 0) {
      this.error(stmt.line.lineNo, operands[0].col, 'expected an entry point in the control section');
      return;
    }
    this.entry = r.value.value;
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
    const { line } = stmt;
    const context: OperandContext = {
      address: stmt.address,
      sect: stmt.sect,
      operandsCol: line.operands.col,
      opText: line.op!.text,
      literalSect: MAIN,
      using: this.using,
      evaluate: (p, registerNames) => this.eval(stmt, p, registerNames),
      symbol: (name) => this.symbols.get(name),
      literal: (text) => stmt.literals?.get(text),
      error: (col, message) => this.error(line.lineNo, col, message),
    };
    const values = new InstructionOperands(context, stmt.def!, stmt.mask).fields(operands);
    if (values && stmt.sect === MAIN) this.emit(stmt.address, encodeInstruction(stmt.def!, values));
  }

  private register(stmt: Statement, p: Piece, what: string): number | undefined {
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

  result(): AssemblyResult {
    const main = this.sections[0];
    let end = main.high;
    for (const a of this.image.keys()) if (a + 1 > end) end = a + 1;
    const bytes = new Uint8Array(this.tooBig ? 0 : Math.max(0, end - this.origin));
    for (const [a, b] of this.image) if (a >= this.origin) bytes[a - this.origin] = b;
    const errors = [...this.errors].sort((a, b) => a.line - b.line || a.col - b.col);
    return {
      ok: errors.length === 0,
      origin: this.origin,
      entry: this.entry,
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
    // An object over the size limit was never built: its statements are listed without bytes.
    const emits =
      !this.tooBig &&
      stmt.sect === MAIN &&
      (stmt.kind === 'instr' || stmt.kind === 'dc' || stmt.kind === 'cnop');
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
