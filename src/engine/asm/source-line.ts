/**
 * Splitting assembler source lines into fields, HLASM style: a name field starting in column 1
 * (GNU-style `name:` also accepted), the operation, the operands up to the first blank outside quotes
 * and parentheses, then remarks. `*` or `.*` in column 1 (and `#` for GNU habits) make a comment line.
 * A non-blank character in column 72 continues the statement on the next line, from column 16.
 */
export interface Piece {
  readonly text: string;
  /** 1-based column of the first character. */
  readonly col: number;
}

export interface SourceLine {
  /** 1-based number of the (first) physical line. */
  readonly lineNo: number;
  readonly text: string;
  readonly label?: Piece;
  readonly op?: Piece;
  readonly operands: Piece;
  /** A comment or blank line: listed, not assembled. */
  readonly comment: boolean;
}

const CONTINUE_COL = 72;
const CONTINUATION_START = 16;

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/** True when the quote at text[i] opens a length attribute (L'SYM), not a string. */
export function isAttributeQuote(text: string, i: number): boolean {
  const prev = text[i - 1];
  if (prev !== 'L' && prev !== 'l') return false;
  const before = text[i - 2];
  if (before !== undefined && !',(+-*/= '.includes(before)) return false;
  return /[A-Za-z@#$_]/.test(text[i + 1] ?? '');
}

/** Index just past the operand field that starts at `start`. */
function operandEnd(text: string, start: number): number {
  let quoted = false;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" && (quoted || !isAttributeQuote(text, i))) quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth <= 0 && isBlank(ch)) return i;
  }
  return text.length;
}

/** Logical statements of a source text, comment and blank lines included (marked). */
export function readStatements(source: string): SourceLine[] {
  const physical = source.split(/\r?\n/);
  const out: SourceLine[] = [];
  for (let n = 0; n < physical.length; n++) {
    const lineNo = n + 1;
    let text = physical[n];
    // Continuation: keep columns 1-71 and append columns 16.. of following lines.
    while (text.length >= CONTINUE_COL && !isBlank(text[CONTINUE_COL - 1]) && n + 1 < physical.length) {
      text =
        text.slice(0, CONTINUE_COL - 1).trimEnd() + physical[++n].slice(CONTINUATION_START - 1).trimEnd();
    }
    if (text.trim() === '' || text.startsWith('*') || text.startsWith('.*') || text.startsWith('#')) {
      out.push({ lineNo, text, operands: { text: '', col: 1 }, comment: true });
      continue;
    }
    let i = 0;
    let label: Piece | undefined;
    if (!isBlank(text[0])) {
      while (i < text.length && !isBlank(text[i])) i++;
      let name = text.slice(0, i);
      if (name.endsWith(':')) name = name.slice(0, -1);
      label = { text: name, col: 1 };
    }
    while (isBlank(text[i])) i++;
    let op: Piece | undefined;
    if (i < text.length) {
      const start = i;
      while (i < text.length && !isBlank(text[i])) i++;
      op = { text: text.slice(start, i), col: start + 1 };
    }
    while (isBlank(text[i])) i++;
    const end = operandEnd(text, i);
    out.push({ lineNo, text, label, op, operands: { text: text.slice(i, end), col: i + 1 }, comment: false });
  }
  return out;
}

/** Split an operand field at the commas outside quotes and parentheses. */
export function splitOperands(field: Piece): Piece[] {
  const { text, col } = field;
  if (text === '') return [];
  const parts: Piece[] = [];
  let quoted = false;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" && (quoted || !isAttributeQuote(text, i))) quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && ch === ',') {
      parts.push({ text: text.slice(start, i), col: col + start });
      start = i + 1;
    }
  }
  parts.push({ text: text.slice(start), col: col + start });
  return parts;
}
