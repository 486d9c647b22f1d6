/**
 * Code points of the 3270 data stream: commands (both code sets), WCC bits, orders, extended
 * attribute types and values, and AIDs. Facts from reference/domain-architecture.md §8.1–§8.6.
 */

/** The 3270 commands, independent of which code set carried them. */
export type Command3270 =
  | 'write'
  | 'erase-write'
  | 'erase-write-alternate'
  | 'erase-all-unprotected'
  | 'read-buffer'
  | 'read-modified'
  | 'read-modified-all'
  | 'write-structured-field';

/**
 * Command codes: the CCW command code of a local channel-attached 3270 and the SNA/TN3270 code.
 * A 3274-type control unit accepts both (x3270-family clients too).
 */
const COMMAND_CODES: ReadonlyArray<readonly [Command3270, number, number]> = [
  ['write', 0x01, 0xf1],
  ['erase-write', 0x05, 0xf5],
  ['erase-write-alternate', 0x0d, 0x7e],
  ['erase-all-unprotected', 0x0f, 0x6f],
  ['read-buffer', 0x02, 0xf2],
  ['read-modified', 0x06, 0xf6],
  ['read-modified-all', 0x0e, 0x6e],
  ['write-structured-field', 0x11, 0xf3],
];

const COMMAND_BY_CODE = new Map<number, Command3270>(
  COMMAND_CODES.flatMap(([command, ccw, sna]) => [
    [ccw, command],
    [sna, command],
  ]),
);

/** The command for a CCW or SNA command code, or undefined for anything else. */
export function commandForCode(code: number): Command3270 | undefined {
  return COMMAND_BY_CODE.get(code);
}

/** The CCW (local) command code of a command. */
export function ccwCode(command: Command3270): number {
  return COMMAND_CODES.find(([c]) => c === command)![1];
}

/** The SNA/TN3270 command code of a command. */
export function snaCode(command: Command3270): number {
  return COMMAND_CODES.find(([c]) => c === command)![2];
}

/** Write control character bits (IBM bit numbering in the comments). */
export const WCC = {
  /** bit 1: reset (reply mode / partition) with an erasing write */
  reset: 0x40,
  /** bit 4 */
  startPrinter: 0x08,
  /** bit 5 */
  alarm: 0x04,
  /** bit 6: unlock the keyboard and reset the AID */
  keyboardRestore: 0x02,
  /** bit 7: reset every MDT before the orders are processed */
  resetMdt: 0x01,
} as const;

export const ORDER = {
  startField: 0x1d,
  startFieldExtended: 0x29,
  setBufferAddress: 0x11,
  setAttribute: 0x28,
  modifyField: 0x2c,
  insertCursor: 0x13,
  programTab: 0x05,
  repeatToAddress: 0x3c,
  eraseUnprotectedToAddress: 0x12,
  graphicEscape: 0x08,
} as const;

/** Format-control characters: written to the buffer like data, displayed specially. */
export const FORMAT_CONTROL = {
  null: 0x00,
  formFeed: 0x0c,
  carriageReturn: 0x0d,
  newLine: 0x15,
  endOfMedium: 0x19,
  duplicate: 0x1c,
  fieldMark: 0x1e,
} as const;

const FORMAT_CONTROL_CODES = new Set<number>(Object.values(FORMAT_CONTROL));

export function isFormatControl(byte: number): boolean {
  return FORMAT_CONTROL_CODES.has(byte);
}

/** Extended attribute types (SFE, SA, MF pairs). 0xC0 is the basic 3270 field attribute. */
export const ATTRIBUTE_TYPE = {
  all: 0x00,
  fieldAttribute: 0xc0,
  highlighting: 0x41,
  foreground: 0x42,
  characterSet: 0x43,
  background: 0x45,
} as const;

/** Extended highlighting values; 0x00 means "default" (inherit from the field). */
export const HIGHLIGHT = {
  default: 0x00,
  normal: 0xf0,
  blink: 0xf1,
  reverse: 0xf2,
  underscore: 0xf4,
  intensify: 0xf8,
} as const;

/** Colour values; 0x00 means "default" (inherit from the field, or the device default). */
export const COLOR = {
  default: 0x00,
  neutralBlack: 0xf0,
  blue: 0xf1,
  red: 0xf2,
  pink: 0xf3,
  green: 0xf4,
  turquoise: 0xf5,
  yellow: 0xf6,
  neutralWhite: 0xf7,
} as const;

/** Attention identifiers sent first in every inbound record. */
export const AID = {
  none: 0x60,
  structuredField: 0x88,
  enter: 0x7d,
  clear: 0x6d,
  pa1: 0x6c,
  pa2: 0x6e,
  pa3: 0x6b,
  sysReq: 0xf0,
  selectorPen: 0x7e,
} as const;

const PF_AIDS = [
  0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0x7a, 0x7b, 0x7c, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6,
  0xc7, 0xc8, 0xc9, 0x4a, 0x4b, 0x4c,
];

/** The AID of PF1–PF24. */
export function pfAid(n: number): number {
  const aid = PF_AIDS[n - 1];
  if (aid === undefined) throw new RangeError(`PF${n}: expected PF1 to PF24`);
  return aid;
}

/** The AID of PA1–PA3. */
export function paAid(n: number): number {
  const aid = [AID.pa1, AID.pa2, AID.pa3][n - 1];
  if (aid === undefined) throw new RangeError(`PA${n}: expected PA1 to PA3`);
  return aid;
}

/** CLEAR and the PA keys get a "short read": the AID alone, no cursor address or fields. */
export function isShortReadAid(aid: number): boolean {
  return aid === AID.clear || aid === AID.pa1 || aid === AID.pa2 || aid === AID.pa3;
}

/** A readable name for an AID: ENTER, PF5, PA1, CLEAR, NONE… */
export function aidName(aid: number): string {
  const pf = PF_AIDS.indexOf(aid);
  if (pf >= 0) return `PF${pf + 1}`;
  const named: Record<number, string> = {
    [AID.none]: 'NONE',
    [AID.structuredField]: 'STRUCTURED-FIELD',
    [AID.enter]: 'ENTER',
    [AID.clear]: 'CLEAR',
    [AID.pa1]: 'PA1',
    [AID.pa2]: 'PA2',
    [AID.pa3]: 'PA3',
    [AID.sysReq]: 'SYSREQ',
    [AID.selectorPen]: 'SELECTOR-PEN',
  };
  return named[aid] ?? `0x${aid.toString(16).padStart(2, '0')}`;
}
