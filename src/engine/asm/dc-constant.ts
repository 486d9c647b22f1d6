import { EBCDIC_BLANK, ebcdicOf } from './ebcdic';
import { isAttributeQuote, type Piece } from './source-line';

/**
 * DC/DS operands (and literals, which are DC operands after '='):
 * [duplication factor][type][Ln or L(expr)][nominal value]. Types: C (EBCDIC cp037), X, B, F, H, FD,
 * A, AD, Y, P (packed decimal), Z (zoned decimal), E and D (hexadecimal floating point, short and
 * long). F/H/FD/A/AD/Y/E/D align to their natural boundary
 * unless an explicit length is given.
 */
export interface DcOperand {
  readonly text: string;
  readonly col: number;
  readonly dup: number;
  readonly type: string;
  readonly explicitLength?: number;
  readonly align: number;
  /** Nominal values (one element each), or null when there is none (DS without a value). */
  readonly values: readonly Piece[] | null;
  /** Length of each element, in the order of values (one entry when values is null). */
  readonly lengths: readonly number[];
}

export type DcParse = { readonly ok: true; readonly operand: DcOperand } | DcFailure;
export interface DcFailure {
  readonly ok: false;
  readonly col: number;
  readonly message: string;
}

/** Evaluates an absolute expression at parse time (duplication factors and length modifiers). */
export type AbsoluteEvaluator = (text: string, col: number) => number | DcFailure;

const NATURAL: Readonly<Record<string, number>> = { F: 4, H: 2, FD: 8, A: 4, AD: 8, Y: 2, E: 4, D: 8 };
const QUOTED = new Set(['C', 'X', 'B', 'F', 'H', 'FD', 'P', 'Z', 'E', 'D']);
const MAX_LENGTH: Readonly<Record<string, number>> = { F: 8, H: 8, FD: 8, A: 8, AD: 8, Y: 8, E: 8, D: 8 };

function fail(col: number, message: string): DcFailure {
  return { ok: false, col, message };
}

/** Index of the parenthesis closing the one at text[open], or -1. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" && (quoted || !isAttributeQuote(text, i))) quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(text: string, col: number): Piece[] {
  const out: Piece[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" && (quoted || !isAttributeQuote(text, i))) quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && ch === ',') {
      out.push({ text: text.slice(start, i), col: col + start });
      start = i + 1;
    }
  }
  out.push({ text: text.slice(start), col: col + start });
  return out;
}

function digitsOf(text: string): string {
  return text.replace(/^[+-]/, '').replace('.', '');
}

function implicitLength(type: string, value: Piece | null): number | string {
  if (NATURAL[type] !== undefined) return NATURAL[type];
  if (value === null) return 1;
  const t = value.text;
  switch (type) {
    case 'C':
      return Math.max(1, t.replace(/''/g, "'").replace(/&&/g, '&').length);
    case 'X':
      return /^[0-9A-Fa-f]+$/.test(t) ? Math.ceil(t.length / 2) : 'expected hex digits in an X constant';
    case 'B':
      return /^[01]+$/.test(t) ? Math.ceil(t.length / 8) : 'expected binary digits in a B constant';
    case 'P':
      return /^[+-]?\d+(\.\d*)?$/.test(t)
        ? Math.ceil((digitsOf(t).length + 1) / 2)
        : 'expected a decimal number in a P constant';
    case 'Z':
      return /^[+-]?\d+(\.\d*)?$/.test(t) ? digitsOf(t).length : 'expected a decimal number in a Z constant';
    default:
      return 1;
  }
}

/** Parse one DC/DS operand. requireValue: DC (and literals) need a nominal value unless dup is 0. */
export function parseDcOperand(piece: Piece, requireValue: boolean, evalAbs: AbsoluteEvaluator): DcParse {
  const { text, col } = piece;
  let i = 0;
  let dup = 1;
  if (/\d/.test(text[0] ?? '')) {
    const m = /^\d+/.exec(text)!;
    dup = Number(m[0]);
    i = m[0].length;
  } else if (text[0] === '(') {
    const close = closingParen(text, 0);
    if (close < 0) return fail(col, "expected ')' closing the duplication factor");
    const v = evalAbs(text.slice(1, close), col + 1);
    if (typeof v !== 'number') return v;
    if (v < 0) return fail(col + 1, 'expected a duplication factor of 0 or more');
    dup = v;
    i = close + 1;
  }
  const typeMatch = /^(AD|FD|[CXBFHAYPZED])/i.exec(text.slice(i));
  if (!typeMatch) {
    return fail(col + i, 'expected a constant type (C, X, B, F, H, FD, A, AD, Y, P, Z, E or D)');
  }
  const type = typeMatch[1].toUpperCase();
  i += type.length;
  let explicitLength: number | undefined;
  if (text[i] === 'L' || text[i] === 'l') {
    i++;
    if (/\d/.test(text[i] ?? '')) {
      const m = /^\d+/.exec(text.slice(i))!;
      explicitLength = Number(m[0]);
      i += m[0].length;
    } else if (text[i] === '(') {
      const close = closingParen(text, i);
      if (close < 0) return fail(col + i, "expected ')' closing the length modifier");
      const v = evalAbs(text.slice(i + 1, close), col + i + 1);
      if (typeof v !== 'number') return v;
      explicitLength = v;
      i = close + 1;
    } else {
      return fail(col + i, 'expected a length after L');
    }
    const max = MAX_LENGTH[type] ?? 65535;
    if (explicitLength < 1 || explicitLength > max) {
      return fail(col + i - 1, `expected a length from 1 to ${max} for type ${type}`);
    }
  }
  let values: Piece[] | null = null;
  const rest = text.slice(i);
  const restCol = col + i;
  if (rest !== '') {
    if (QUOTED.has(type)) {
      if (rest[0] !== "'") return fail(restCol, `expected a quoted nominal value after ${type}`);
      let j = 1;
      for (;;) {
        if (j >= rest.length) return fail(restCol, 'expected a closing quote');
        if (rest[j] === "'") {
          if (rest[j + 1] === "'") {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      if (j !== rest.length - 1)
        return fail(restCol + j + 1, 'expected the end of the operand after the quote');
      const body = rest.slice(1, j);
      values = type === 'C' ? [{ text: body, col: restCol + 1 }] : splitTopLevel(body, restCol + 1);
    } else {
      if (rest[0] !== '(') return fail(restCol, `expected a parenthesized expression after ${type}`);
      const close = closingParen(rest, 0);
      if (close !== rest.length - 1) return fail(restCol, "expected ')' at the end of the operand");
      values = splitTopLevel(rest.slice(1, close), restCol + 1);
    }
  } else if (requireValue && dup !== 0) {
    return fail(restCol, `expected a nominal value for the ${type} constant`);
  }
  const lengths: number[] = [];
  for (const v of values ?? [null]) {
    if (explicitLength !== undefined) {
      lengths.push(explicitLength);
      continue;
    }
    const l = implicitLength(type, v);
    if (typeof l === 'string') return fail(v?.col ?? restCol, l);
    lengths.push(l);
  }
  const align = explicitLength === undefined ? (NATURAL[type] ?? 1) : 1;
  return { ok: true, operand: { text, col, dup, type, explicitLength, align, values, lengths } };
}

/** Bytes of one operand, all duplications. */
export function operandSize(op: DcOperand): number {
  return op.dup * op.lengths.reduce((a, b) => a + b, 0);
}

/** Length attribute of a symbol naming the operand: the length of its first element. */
export function operandLengthAttribute(op: DcOperand): number {
  return op.lengths[0];
}

function twosComplement(value: bigint, length: number): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(length * 8, value);
  for (let k = 0; k < length; k++) {
    out.unshift(Number(v & 0xffn));
    v >>= 8n;
  }
  return out;
}

/**
 * Evaluates an address expression of an A/AD/Y constant (pass 2): a number or a failure. offset is
 * where the constant sits from the start of the operand, since * in it is the constant's own address.
 */
export type ValueEvaluator = (text: string, col: number, offset: number) => number | DcFailure;

/** The bytes of a DC operand (one duplication is repeated dup times), or a failure. */
export function operandBytes(op: DcOperand, evalValue: ValueEvaluator): number[] | DcFailure {
  if (op.values === null) return new Array(operandSize(op)).fill(0);
  const one: number[] = [];
  for (let k = 0; k < op.values.length; k++) {
    const v = op.values[k];
    const length = op.lengths[k];
    const at = one.length;
    const bytes = elementBytes(op.type, v, length, (text, col) => evalValue(text, col, at));
    if (!Array.isArray(bytes)) return bytes;
    one.push(...bytes);
  }
  const all: number[] = [];
  for (let d = 0; d < op.dup; d++) all.push(...one);
  return all;
}

function elementBytes(
  type: string,
  v: Piece,
  length: number,
  evalValue: (text: string, col: number) => number | DcFailure,
): number[] | DcFailure {
  const t = v.text;
  switch (type) {
    case 'C': {
      const chars = t.replace(/''/g, "'").replace(/&&/g, '&');
      const out: number[] = [];
      for (const ch of chars) {
        const e = ebcdicOf(ch);
        if (e < 0) return fail(v.col, `expected a character with an EBCDIC code, not '${ch}'`);
        out.push(e);
      }
      while (out.length < length) out.push(EBCDIC_BLANK);
      return out.slice(0, length);
    }
    case 'X':
    case 'B': {
      const ok = type === 'X' ? /^[0-9A-Fa-f]+$/.test(t) : /^[01]+$/.test(t);
      if (!ok) return fail(v.col, `expected ${type === 'X' ? 'hex' : 'binary'} digits`);
      return twosComplement(BigInt(type === 'X' ? `0x${t}` : `0b${t}`), length);
    }
    case 'F':
    case 'H':
    case 'FD': {
      if (!/^[+-]?\d+$/.test(t)) return fail(v.col, `expected a decimal integer in the ${type} constant`);
      const n = BigInt(t);
      const bits = BigInt(length * 8);
      if (n < -(1n << (bits - 1n)) || n >= 1n << bits) {
        return fail(v.col, `expected a value that fits in ${length} byte(s), got ${t}`);
      }
      return twosComplement(n, length);
    }
    case 'A':
    case 'AD':
    case 'Y': {
      const n = evalValue(t, v.col);
      if (typeof n !== 'number') return n;
      const bits = length * 8;
      if (bits < 53 && (n < -(2 ** (bits - 1)) || n >= 2 ** bits)) {
        return fail(v.col, `expected a value that fits in ${length} byte(s), got ${n}`);
      }
      return twosComplement(BigInt(n), length);
    }
    case 'P':
    case 'Z': {
      if (!/^[+-]?\d+(\.\d*)?$/.test(t))
        return fail(v.col, `expected a decimal number in the ${type} constant`);
      const negative = t.startsWith('-');
      const digits = digitsOf(t)
        .split('')
        .map((d) => Number(d));
      const sign = negative ? 0xd : 0xc;
      const out = new Array<number>(length).fill(type === 'Z' ? 0xf0 : 0);
      if (type === 'Z') {
        for (let k = 0; k < Math.min(length, digits.length); k++) {
          out[length - 1 - k] = 0xf0 | digits[digits.length - 1 - k];
        }
        out[length - 1] = (sign << 4) | (out[length - 1] & 0xf);
        return out;
      }
      const nibbles = [...digits, sign];
      for (let k = 0; k < Math.min(length * 2, nibbles.length); k++) {
        const n = nibbles[nibbles.length - 1 - k];
        const byte = length - 1 - (k >> 1);
        out[byte] |= k & 1 ? n << 4 : n;
      }
      return out;
    }
    case 'E':
    case 'D': {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([Ee][+-]?\d+)?$/.test(t)) {
        return fail(v.col, `expected a decimal number in the ${type} constant`);
      }
      return hexFloat(Number(t), length);
    }
    default:
      return fail(v.col, `expected a supported constant type, got ${type}`);
  }
}

/**
 * Hexadecimal floating point (the System/360 format): sign bit, 7-bit exponent of 16 in excess-64,
 * then a fraction normalized so that its first hex digit is not zero; truncated to the length.
 */
function hexFloat(value: number, length: number): number[] {
  const full = new Array<number>(8).fill(0);
  if (value !== 0) {
    let m = Math.abs(value);
    let exponent = 0;
    while (m >= 1) {
      m /= 16;
      exponent++;
    }
    while (m < 1 / 16) {
      m *= 16;
      exponent--;
    }
    let fraction = BigInt(Math.round(m * 2 ** 53)) << 3n; // 56 fraction bits
    if (fraction >= 1n << 56n) {
      fraction >>= 4n;
      exponent++;
    }
    full[0] = (value < 0 ? 0x80 : 0) | ((exponent + 64) & 0x7f);
    for (let k = 7; k >= 1; k--) {
      full[k] = Number(fraction & 0xffn);
      fraction >>= 8n;
    }
  }
  return full.slice(0, length);
}
