/**
 * One statement of a directory source file: its words and columns, the entry it belongs to, and
 * what the statement parsers need from the parser that reads the file.
 */
import type { DefDiagnostic } from '../def-diagnostic';
import type { DeviceSpec, GuestSpec } from '../guest-spec';

export interface Token {
  text: string;
  upper: string;
  column: number;
}

export interface Statement {
  line: number;
  verb: Token;
  operands: Token[];
  /** Text after the verb, as written (COMMAND, IPL PARM). */
  rest: string;
  restColumn: number;
}

export type EntryKind = 'USER' | 'IDENTITY' | 'PROFILE' | 'SUBCONFIG';

export interface Entry {
  kind: EntryKind;
  name: string;
  line: number;
  spec: GuestSpec;
  /** 0 right after USER, 1 after INCLUDE, 2 control statements seen, 3 device statements seen. */
  phase: number;
  includes: { name: string; line: number; column: number }[];
  builds: { subconfig: string; line: number; column: number }[];
  /** Device addresses and the line that defined them. */
  addresses: Map<number, number>;
  /** Lines of OPTION, COMMAND and IUCV statements, parallel to the spec's lists (keys are indexes). */
  lines: { option: number[]; command: number[]; iucv: number[] };
}

export const DEVICE_VERBS = new Set(['CONSOLE', 'SPOOL', 'SPECIAL', 'NICDEF', 'MDISK', 'LINK', 'DEDICATE']);
export const CONTROL_VERBS = new Set(
  'MACHINE CPU IPL OPTION SHARE COMMAND IUCV ACCOUNT AUTOLOG XAUTOLOG LOGONBY NAMESAVE POSIXINFO POSIXGLIST POSIXOPT CLASS CRYPTO LOADDEV SCREEN STORAGE XSTORE APPCPASS D8ONECMD BUILD'.split(
    ' ',
  ),
);
/** Control statements kept verbatim: they only exist in the directory form. */
export const KEPT_VERBATIM = new Set(
  'ACCOUNT AUTOLOG XAUTOLOG LOGONBY NAMESAVE POSIXINFO POSIXGLIST POSIXOPT CLASS CRYPTO LOADDEV SCREEN STORAGE XSTORE APPCPASS D8ONECMD'.split(
    ' ',
  ),
);
export const ALIASES: Record<string, string> = { MACH: 'MACHINE' };

export const CKD_TYPES = new Set(['3390', '3380', '9345', '3375', '3350', '3340', '3330']);
export const FBA_TYPES = new Set(['FB-512', '9336', '9332', '9335', '3370', '0671']);
export const PRINTER_TYPES = new Set(['1403', '3211', '3203', '3262', '4245', '4248', '3800', '6262']);
export const MODE_RE = /^(R|RR|W|WR|M|MR|MW)(E|V)?$/;
export const USERID_RE = /^[A-Z0-9@#$_-]{1,8}$/;
export const VADDR_RE = /^[0-9A-F]{1,4}$/;

/** Columns 73-80 of a fixed 80-column record hold a sequence number, not part of the statement. */
export function statementText(raw: string): string {
  const line = raw.replace(/\r$/, '');
  if (line.length > 72 && /^\d{1,8}\s*$/.test(line.slice(72))) return line.slice(0, 72);
  return line;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    tokens.push({ text: m[0], upper: m[0].toUpperCase(), column: m.index + 1 });
  }
  return tokens;
}

/** What a statement parser needs from the file parser: the statement, error reporting, checks. */
export interface StatementReader {
  readonly statement: Statement;
  error(column: number, message: string, related?: DefDiagnostic['related']): void;
  nextKey(prefix: string): string;
  expectOperands(max: number, expected: string, min?: number): boolean;
  vaddr(tok: Token | undefined): number | undefined;
  integer(tok: Token, min: number, max: number, expected: string): number | undefined;
  addDevice(entry: Entry, device: DeviceSpec, count?: number, column?: number): void;
}
