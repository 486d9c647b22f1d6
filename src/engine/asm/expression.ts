import { ebcdicOf } from './ebcdic';
import type { RegisterBank } from './operand-syntax';

/** The bank of a GNU register name by its letter (%r, %c, %f). */
const REGISTER_BANKS: Readonly<Record<string, RegisterBank>> = { r: 'gpr', c: 'cr', f: 'fpr' };

/**
 * Assembler expressions: terms (decimal, 0x hex, the self-defining terms X'..' B'..' C'..', symbols,
 * the location counter * or ., L'symbol, GNU registers %rN / %cN) joined by + - * / and parentheses.
 * A value is absolute (sect 0) or relocatable in one section; relocatable minus relocatable in the
 * same section is absolute, any other mix of relocatable terms is an error (HLASM's rule).
 */
export interface Value {
  readonly value: number;
  /** 0 = absolute; otherwise the section the address belongs to. */
  readonly sect: number;
}

export interface SymbolInfo {
  readonly value: number;
  readonly sect: number;
  readonly length: number;
}

export interface ExprContext {
  lookup(name: string): SymbolInfo | undefined;
  readonly locationCounter: Value;
  /** Accept R0..R15 as register numbers when no symbol of that name is defined. */
  readonly registerNames?: boolean;
}

export type EvalResult =
  | { readonly ok: true; readonly value: Value; readonly register: RegisterBank | null }
  | { readonly ok: false; readonly col: number; readonly message: string; readonly undefinedName?: string };

class ExprError {
  constructor(
    readonly offset: number,
    readonly message: string,
    readonly undefinedName?: string,
  ) {}
}

interface Token {
  readonly kind: 'num' | 'sym' | 'op' | 'loc' | 'len' | 'reg' | 'end';
  readonly text: string;
  readonly offset: number;
  readonly value?: number;
  readonly reg?: RegisterBank;
}

const SYMBOL_START = /[A-Za-z@#$_]/;
const SYMBOL_CHAR = /[A-Za-z0-9@#$_]/;

function selfDefiningTerm(kind: string, body: string, offset: number): number {
  const k = kind.toUpperCase();
  if (k === 'X') {
    if (!/^[0-9A-Fa-f]{1,8}$/.test(body)) throw new ExprError(offset, "expected 1 to 8 hex digits in X'..'");
    return Number.parseInt(body, 16);
  }
  if (k === 'B') {
    if (!/^[01]{1,32}$/.test(body)) throw new ExprError(offset, "expected 1 to 32 binary digits in B'..'");
    return Number.parseInt(body, 2);
  }
  const chars = body.replace(/''/g, "'").replace(/&&/g, '&');
  if (chars.length < 1 || chars.length > 4)
    throw new ExprError(offset, "expected 1 to 4 characters in C'..'");
  let v = 0;
  for (const ch of chars) {
    const e = ebcdicOf(ch);
    if (e < 0) throw new ExprError(offset, `expected a character with an EBCDIC code, not '${ch}'`);
    v = v * 256 + e;
  }
  return v;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const start = i;
    if (ch === ' ' || ch === '\t') {
      throw new ExprError(i, 'expected an expression without blanks');
    }
    if (/[0-9]/.test(ch)) {
      const m = /^(0[xX][0-9A-Fa-f]+|[0-9]+)/.exec(text.slice(i))!;
      if (SYMBOL_CHAR.test(text[i + m[0].length] ?? '')) {
        throw new ExprError(i, `expected a number, got '${text.slice(i).match(/^[A-Za-z0-9@#$_]+/)![0]}'`);
      }
      tokens.push({ kind: 'num', text: m[0], offset: start, value: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (/[XxBbCc]/.test(ch) && text[i + 1] === "'") {
      let j = i + 2;
      let body = '';
      for (;;) {
        if (j >= text.length) throw new ExprError(start, `expected a closing quote in ${ch}'..'`);
        if (text[j] === "'") {
          if (ch.toUpperCase() === 'C' && text[j + 1] === "'") {
            body += "''";
            j += 2;
            continue;
          }
          break;
        }
        body += text[j++];
      }
      tokens.push({
        kind: 'num',
        text: text.slice(i, j + 1),
        offset: start,
        value: selfDefiningTerm(ch, body, start),
      });
      i = j + 1;
      continue;
    }
    if (/[Ll]/.test(ch) && text[i + 1] === "'") {
      const m = /^[A-Za-z@#$_][A-Za-z0-9@#$_]*/.exec(text.slice(i + 2));
      if (!m) throw new ExprError(i + 2, "expected a symbol after L'");
      tokens.push({ kind: 'len', text: m[0], offset: start });
      i += 2 + m[0].length;
      continue;
    }
    if (ch === '%') {
      const m = /^%([rRcCfF])(1[0-5]|[0-9])(?![0-9A-Za-z])/.exec(text.slice(i));
      if (!m) throw new ExprError(i, 'expected a register %r0..%r15, %c0..%c15 or %f0..%f15');
      tokens.push({
        kind: 'reg',
        text: m[0],
        offset: start,
        value: Number(m[2]),
        reg: REGISTER_BANKS[m[1].toLowerCase()],
      });
      i += m[0].length;
      continue;
    }
    if (SYMBOL_START.test(ch)) {
      let j = i + 1;
      while (j < text.length && SYMBOL_CHAR.test(text[j])) j++;
      tokens.push({ kind: 'sym', text: text.slice(i, j), offset: start });
      i = j;
      continue;
    }
    if ('+-*/()'.includes(ch)) {
      tokens.push({ kind: 'op', text: ch, offset: start });
      i++;
      continue;
    }
    if (ch === '.') {
      tokens.push({ kind: 'loc', text: ch, offset: start });
      i++;
      continue;
    }
    throw new ExprError(i, `expected a term or an operator, got '${ch}'`);
  }
  tokens.push({ kind: 'end', text: '', offset: text.length });
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly ctx: ExprContext,
  ) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }

  parseAll(): Value {
    const v = this.expr();
    const t = this.peek();
    if (t.kind !== 'end')
      throw new ExprError(t.offset, `expected an operator or the end of the expression, got '${t.text}'`);
    return v;
  }

  private expr(): Value {
    let left = this.term();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
      this.pos++;
      const right = this.term();
      left = t.text === '+' ? add(left, right, t.offset) : subtract(left, right, t.offset);
    }
  }

  private term(): Value {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.text !== '*' && t.text !== '/')) return left;
      this.pos++;
      const right = this.unary();
      if (left.sect !== 0 || right.sect !== 0) {
        throw new ExprError(t.offset, `expected absolute terms around '${t.text}', not an address`);
      }
      if (t.text === '*') left = { value: left.value * right.value, sect: 0 };
      else left = { value: right.value === 0 ? 0 : Math.trunc(left.value / right.value), sect: 0 };
    }
  }

  private unary(): Value {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '+' || t.text === '-')) {
      this.pos++;
      const v = this.unary();
      if (t.text === '+') return v;
      if (v.sect !== 0) throw new ExprError(t.offset, 'expected an absolute term after unary minus');
      return { value: -v.value, sect: 0 };
    }
    return this.primary();
  }

  private primary(): Value {
    const t = this.peek();
    this.pos++;
    switch (t.kind) {
      case 'num':
        return { value: t.value!, sect: 0 };
      case 'reg':
        return { value: t.value!, sect: 0 };
      case 'loc':
        return this.ctx.locationCounter;
      case 'op':
        if (t.text === '*') return this.ctx.locationCounter;
        if (t.text === '(') {
          const v = this.expr();
          const close = this.peek();
          if (close.kind !== 'op' || close.text !== ')') throw new ExprError(close.offset, "expected ')'");
          this.pos++;
          return v;
        }
        throw new ExprError(t.offset, `expected a term, got '${t.text}'`);
      case 'len': {
        const s = this.ctx.lookup(t.text);
        if (!s) throw new ExprError(t.offset + 2, `expected a defined symbol, got '${t.text}'`, t.text);
        return { value: s.length, sect: 0 };
      }
      case 'sym': {
        const s = this.ctx.lookup(t.text);
        if (s) return { value: s.value, sect: s.sect };
        const reg = /^[Rr](1[0-5]|[0-9])$/.exec(t.text);
        if (reg && this.ctx.registerNames) return { value: Number(reg[1]), sect: 0 };
        throw new ExprError(t.offset, `expected a defined symbol, got '${t.text}'`, t.text);
      }
      default:
        throw new ExprError(t.offset, 'expected a term, got the end of the expression');
    }
  }
}

function add(a: Value, b: Value, offset: number): Value {
  if (a.sect !== 0 && b.sect !== 0) throw new ExprError(offset, 'expected at most one address in a sum');
  return { value: a.value + b.value, sect: a.sect || b.sect };
}

function subtract(a: Value, b: Value, offset: number): Value {
  if (b.sect === 0) return { value: a.value - b.value, sect: a.sect };
  if (a.sect === b.sect) return { value: a.value - b.value, sect: 0 };
  throw new ExprError(offset, 'expected the two addresses of a difference to be in the same section');
}

/** Evaluate an expression; col is the 1-based source column of its first character. */
export function evaluate(text: string, col: number, ctx: ExprContext): EvalResult {
  if (text.length === 0) return { ok: false, col, message: 'expected an expression' };
  try {
    const tokens = tokenize(text);
    const value = new Parser(tokens, ctx).parseAll();
    const single = tokens.length === 2 && tokens[0].kind === 'reg' ? tokens[0].reg! : null;
    return { ok: true, value, register: single };
  } catch (error) {
    if (!(error instanceof ExprError)) throw error;
    return { ok: false, col: col + error.offset, message: error.message, undefinedName: error.undefinedName };
  }
}
