import type { Display3278 } from './display-3278';
import type { KeyResult } from './operator-keyboard';

/**
 * The keys of a 3278 keyboard by name, as the page and scenarios send them: one printable character
 * types it, every other key is named. The display itself decides what a key may do (protected
 * fields, numeric lock, a locked keyboard); this file only names the keys and dispatches them.
 */
export const NAMED_3270_KEYS = [
  'Tab',
  'Backtab',
  'Home',
  'Newline',
  'Up',
  'Down',
  'Left',
  'Right',
  'EraseEOF',
  'EraseInput',
  'Insert',
  'Delete',
  'Reset',
  'Enter',
  'Clear',
  'SysReq',
  'PA1',
  'PA2',
  'PA3',
  ...Array.from({ length: 24 }, (_, i) => `PF${i + 1}` as const),
] as const;

export type Named3270Key = (typeof NAMED_3270_KEYS)[number];

/** A named key, or one character to type. */
export type Display3270Key = Named3270Key | (string & {});

/** What pressing a key did: the display's answer, or 'unknown' for a name that is no 3270 key. */
export type KeyPressResult = KeyResult | 'unknown';

const NAMED = new Set<string>(NAMED_3270_KEYS);

export function isNamed3270Key(key: string): key is Named3270Key {
  return NAMED.has(key);
}

/** Presses one key on the display. A single printable character is typed (code page 037). */
export function press3270Key(display: Display3278, key: string): KeyPressResult {
  if (isNamed3270Key(key)) return pressNamed(display, key);
  if ([...key].length === 1 && isGraphic(key)) return display.type(key);
  return 'unknown';
}

/** A character with a key cap: no C0/C1 control, which the keyboard has no key for. */
function isGraphic(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
}

function pressNamed(display: Display3278, key: Named3270Key): KeyResult {
  switch (key) {
    case 'Tab':
      return display.tab();
    case 'Backtab':
      return display.backtab();
    case 'Home':
      return display.home();
    case 'Newline':
      return display.newLine();
    case 'Up':
    case 'Down':
    case 'Left':
    case 'Right':
      return display.moveCursor(key.toLowerCase() as 'up' | 'down' | 'left' | 'right');
    case 'EraseEOF':
      return display.eraseEof();
    case 'EraseInput':
      return display.eraseInput();
    // A PC keyboard's Insert toggles; on a 3278 Reset also leaves insert mode.
    case 'Insert':
      return display.toggleInsert();
    case 'Delete':
      return display.deleteChar();
    case 'Reset':
      display.reset();
      return 'ok';
    case 'Enter':
      return display.enter();
    case 'Clear':
      return display.clear();
    case 'SysReq':
      return display.sysReq();
    case 'PA1':
    case 'PA2':
    case 'PA3':
      return display.pa(Number(key.slice(2)));
    default:
      return display.pf(Number(key.slice(2)));
  }
}
