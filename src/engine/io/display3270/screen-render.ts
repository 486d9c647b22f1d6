import { EBCDIC_SUB, ebcdicToChar } from '../ebcdic-037';
import { aplChar } from './apl-charset';
import { aidName, COLOR, FORMAT_CONTROL, HIGHLIGHT } from './data-stream-codes';
import type { Display3278 } from './display-3278';
import {
  type FieldIntensity,
  intensityOf,
  isDetectable,
  isModified,
  isNumeric,
  isProtected,
} from './field-attribute';
import type { ScreenBuffer } from './screen-buffer';

/**
 * The screen as a person sees it: one line per row; attribute positions, nulls and the contents of
 * non-display fields are blanks. DUP shows as '*', FM as ';', SUB as '■' (as s3270 shows them), other
 * controls as blanks.
 */
const SUBSTITUTE = EBCDIC_SUB;
export function screenLines(buffer: ScreenBuffer): string[] {
  const lines: string[] = [];
  let fa = buffer.fieldAttributeAddress(buffer.size - 1);
  for (let row = 0; row < buffer.rows; row++) {
    let line = '';
    for (let col = 0; col < buffer.columns; col++) {
      const a = row * buffer.columns + col;
      if (buffer.isField[a]) {
        fa = a;
        line += ' ';
        continue;
      }
      const hidden = fa >= 0 && intensityOf(buffer.attribute[fa]) === 'hidden';
      line += hidden ? ' ' : visibleChar(buffer.chars[a], buffer.charset[a]);
    }
    lines.push(line);
  }
  return lines;
}

export function screenText(buffer: ScreenBuffer): string {
  return `${screenLines(buffer).join('\n')}\n`;
}

function visibleChar(byte: number, charset: number): string {
  if (charset) return aplChar(byte);
  if (byte === SUBSTITUTE) return '■';
  if (byte === FORMAT_CONTROL.duplicate) return '*';
  if (byte === FORMAT_CONTROL.fieldMark) return ';';
  if (byte < 0x40) return ' ';
  const char = ebcdicToChar(byte);
  return char === '\u00a0' ? ' ' : char;
}

export type ColorName =
  | 'default'
  | 'neutral-black'
  | 'blue'
  | 'red'
  | 'pink'
  | 'green'
  | 'turquoise'
  | 'yellow'
  | 'neutral-white';
export type HighlightName = 'default' | 'normal' | 'blink' | 'reverse' | 'underscore' | 'intensify';

const COLOR_NAMES: Record<number, ColorName> = {
  [COLOR.neutralBlack]: 'neutral-black',
  [COLOR.blue]: 'blue',
  [COLOR.red]: 'red',
  [COLOR.pink]: 'pink',
  [COLOR.green]: 'green',
  [COLOR.turquoise]: 'turquoise',
  [COLOR.yellow]: 'yellow',
  [COLOR.neutralWhite]: 'neutral-white',
};

const HIGHLIGHT_NAMES: Record<number, HighlightName> = {
  [HIGHLIGHT.normal]: 'normal',
  [HIGHLIGHT.blink]: 'blink',
  [HIGHLIGHT.reverse]: 'reverse',
  [HIGHLIGHT.underscore]: 'underscore',
  [HIGHLIGHT.intensify]: 'intensify',
};

export function colorName(value: number): ColorName {
  return COLOR_NAMES[value] ?? 'default';
}

export function highlightName(value: number): HighlightName {
  return HIGHLIGHT_NAMES[value] ?? 'default';
}

export interface ScreenField {
  /** Address of the field attribute; the data starts one position later. */
  readonly address: number;
  readonly row: number;
  readonly column: number;
  /** Data positions up to the next attribute. */
  readonly length: number;
  readonly protected: boolean;
  readonly numeric: boolean;
  readonly intensity: FieldIntensity;
  readonly detectable: boolean;
  readonly modified: boolean;
  readonly highlight: HighlightName;
  readonly foreground: ColorName;
  readonly background: ColorName;
  /** The data as displayed (blanks for a non-display field). */
  readonly text: string;
}

/** A stretch of one row drawn in one style: colours resolved the way a 3279 draws them. */
export interface ScreenRun {
  readonly column: number;
  readonly length: number;
  readonly foreground: ColorName;
  readonly background: ColorName;
  readonly highlight: HighlightName;
  readonly intensified: boolean;
}

export interface ScreenView {
  readonly model: number;
  readonly rows: number;
  readonly columns: number;
  readonly alternate: boolean;
  readonly cursor: { readonly address: number; readonly row: number; readonly column: number };
  readonly lines: readonly string[];
  readonly fields: readonly ScreenField[];
  readonly runs: readonly (readonly ScreenRun[])[];
  readonly keyboardLocked: boolean;
  readonly insertMode: boolean;
  /** Why input is inhibited after a refused key, until Reset. */
  readonly operatorError: string | null;
  readonly aid: string;
  readonly alarms: number;
  readonly version: number;
}

/** Base colours of a 3279 when the host gives none: by protection and intensity. */
function defaultColor(fa: number): ColorName {
  const bright = intensityOf(fa) === 'intensified';
  if (isProtected(fa)) return bright ? 'neutral-white' : 'blue';
  return bright ? 'red' : 'green';
}

/** The structured screen for the page renderer and for `--json`. */
export function screenView(display: Display3278): ScreenView {
  const buffer = display.buffer;
  const lines = screenLines(buffer);
  const fields: ScreenField[] = [];
  for (let a = 0; a < buffer.size; a++) {
    if (!buffer.isField[a]) continue;
    const fa = buffer.attribute[a];
    const end = buffer.fieldEnd(a);
    const length = (end - a - 1 + buffer.size) % buffer.size;
    let text = '';
    for (let n = 1; n <= length; n++) {
      const p = (a + n) % buffer.size;
      text += lines[Math.floor(p / buffer.columns)][p % buffer.columns];
    }
    fields.push({
      address: a,
      row: Math.floor(a / buffer.columns),
      column: a % buffer.columns,
      length,
      protected: isProtected(fa),
      numeric: isNumeric(fa),
      intensity: intensityOf(fa),
      detectable: isDetectable(fa),
      modified: isModified(fa),
      highlight: highlightName(buffer.highlight[a]),
      foreground: colorName(buffer.foreground[a]),
      background: colorName(buffer.background[a]),
      text,
    });
  }
  return {
    model: display.model,
    rows: buffer.rows,
    columns: buffer.columns,
    alternate: display.alternate,
    cursor: {
      address: display.cursor,
      row: Math.floor(display.cursor / buffer.columns),
      column: display.cursor % buffer.columns,
    },
    lines,
    fields,
    runs: screenRuns(buffer),
    keyboardLocked: display.keyboardLocked,
    insertMode: display.insertMode,
    operatorError: display.operatorError ?? null,
    aid: aidName(display.aid),
    alarms: display.alarms,
    version: display.version,
  };
}

function screenRuns(buffer: ScreenBuffer): ScreenRun[][] {
  const formatted = buffer.isFormatted();
  let fa = buffer.fieldAttributeAddress(buffer.size - 1);
  const rows: ScreenRun[][] = [];
  for (let row = 0; row < buffer.rows; row++) {
    const runs: ScreenRun[] = [];
    for (let col = 0; col < buffer.columns; col++) {
      const a = row * buffer.columns + col;
      if (buffer.isField[a]) fa = a;
      const attribute = fa >= 0 ? buffer.attribute[fa] : 0;
      const own = (array: Uint8Array): number =>
        (buffer.isField[a] ? 0 : array[a]) || (fa >= 0 ? array[fa] : 0);
      const foreground = own(buffer.foreground);
      const style: ScreenRun = {
        column: col,
        length: 1,
        foreground: foreground ? colorName(foreground) : formatted ? defaultColor(attribute) : 'green',
        background: colorName(own(buffer.background)),
        highlight: highlightName(own(buffer.highlight)),
        intensified: intensityOf(attribute) === 'intensified',
      };
      const last = runs[runs.length - 1];
      if (
        last &&
        last.foreground === style.foreground &&
        last.background === style.background &&
        last.highlight === style.highlight &&
        last.intensified === style.intensified
      ) {
        runs[runs.length - 1] = { ...last, length: last.length + 1 };
      } else {
        runs.push(style);
      }
    }
    rows.push(runs);
  }
  return rows;
}
