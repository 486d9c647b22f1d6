import type { ColorName, HighlightName, ScreenRun, ScreenView } from '../../api/machine-api';

/**
 * A 3270 screen drawn with ANSI sequences for xterm.js: every row, then the operator information
 * area (OIA) on the row below, then the cursor. The engine has already resolved what a 3279 shows
 * (hidden fields are blanks, default colours by protection and intensity); this file only turns
 * colours and highlighting into SGR codes and lays out the OIA.
 */
const ESC = '\x1b[';

/** The seven 3270 colours (and the neutrals), as a colour 3279 draws them on a black screen. */
export const COLOR_RGB: Readonly<Record<Exclude<ColorName, 'default'>, readonly [number, number, number]>> = {
  'neutral-black': [0, 0, 0],
  blue: [120, 144, 240],
  red: [240, 72, 72],
  pink: [240, 128, 220],
  green: [80, 232, 96],
  turquoise: [64, 224, 208],
  yellow: [244, 232, 80],
  'neutral-white': [255, 255, 255],
};

/** The text of a cell with no colour at all (an unformatted screen's default is green). */
const DEFAULT_FOREGROUND: Exclude<ColorName, 'default'> = 'green';

function rgb(kind: 38 | 48, color: ColorName): string {
  const [r, g, b] = COLOR_RGB[color === 'default' ? DEFAULT_FOREGROUND : color];
  return `${kind};2;${r};${g};${b}`;
}

const HIGHLIGHT_SGR: Readonly<Record<HighlightName, string | undefined>> = {
  default: undefined,
  normal: undefined,
  blink: '5',
  reverse: '7',
  underscore: '4',
  intensify: '1',
};

/** The SGR sequence for one run's style (always from a reset, so runs do not leak into each other). */
export function runStyle(run: ScreenRun): string {
  const codes = ['0', rgb(38, run.foreground)];
  if (run.background !== 'default') codes.push(rgb(48, run.background));
  if (run.intensified) codes.push('1');
  const highlight = HIGHLIGHT_SGR[run.highlight];
  if (highlight && !(highlight === '1' && run.intensified)) codes.push(highlight);
  return `${ESC}${codes.join(';')}m`;
}

/** Why the keyboard is inhibited, in the OIA's words ("X SYSTEM" while the host has it). */
export function oiaInhibit(screen: ScreenView): string {
  switch (screen.operatorError) {
    case 'protected':
      return 'X PROT';
    case 'numeric':
      return 'X NUM';
    case 'overflow':
      return 'X >';
    case null:
      return screen.keyboardLocked ? 'X SYSTEM' : '';
    default:
      return `X ${screen.operatorError.toUpperCase()}`;
  }
}

/** Columns of the OIA fields (as on a 3278: status left, insert in the middle, cursor at the right). */
const OIA_INHIBIT_COLUMN = 8;
const OIA_INSERT_COLUMN = 51;
const OIA_DEVNO_COLUMN = 60;

/** The OIA line's text, exactly `screen.columns` wide. */
export function oiaText(screen: ScreenView, devno: number): string {
  const cells = Array.from({ length: screen.columns }, () => ' ');
  const put = (column: number, text: string): void => {
    for (let i = 0; i < text.length && column + i < cells.length; i++) cells[column + i] = text[i];
  };
  put(0, '4A');
  put(OIA_INHIBIT_COLUMN, oiaInhibit(screen));
  if (screen.insertMode) put(OIA_INSERT_COLUMN, '^');
  put(Math.min(OIA_DEVNO_COLUMN, screen.columns - 16), devno.toString(16).toUpperCase().padStart(4, '0'));
  const { row, column } = screen.cursor;
  put(screen.columns - 7, `${pad3(row + 1)}/${pad3(column + 1)}`);
  return cells.join('');
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}

/** Blue on a dark band: set off from the screen as the rule above a 3278's OIA does. */
const OIA_STYLE = `${ESC}0;${rgb(38, 'blue')};48;2;16;26;40m`;
/** DECSCUSR: a steady block cursor normally, a steady bar in insert mode. */
const CURSOR_BLOCK = `${ESC}2 q`;
const CURSOR_BAR = `${ESC}6 q`;

/**
 * The whole screen as one write: each row's runs with their styles, the OIA row, then the cursor at
 * the screen's cursor address. The cursor is hidden while drawing so it never flickers across.
 */
export function screenToAnsi(screen: ScreenView, devno: number): string {
  let out = `${ESC}?25l${ESC}H`;
  for (let r = 0; r < screen.rows; r++) {
    const line = (screen.lines[r] ?? '').padEnd(screen.columns);
    out += `${ESC}${r + 1};1H`;
    for (const run of screen.runs[r] ?? []) {
      out += runStyle(run) + line.slice(run.column, run.column + run.length);
    }
    if ((screen.runs[r] ?? []).length === 0) out += `${ESC}0m${line}`;
  }
  out += `${ESC}${screen.rows + 1};1H${OIA_STYLE}${oiaText(screen, devno)}${ESC}0m`;
  out += screen.insertMode ? CURSOR_BAR : CURSOR_BLOCK;
  out += `${ESC}${screen.cursor.row + 1};${screen.cursor.column + 1}H`;
  out += `${ESC}?25h`;
  return out;
}
