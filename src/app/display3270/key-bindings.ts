import { NAMED_3270_KEYS, type Named3270Key } from '../../api/machine-api';

/**
 * Which PC key does which 3270 key. A binding maps a chord ("F1", "Shift+Tab", "Ctrl+L") to a named
 * 3270 key; printable characters are typed as themselves and need no binding. The defaults follow
 * x3270 and the PC emulators people know (PageUp/PageDown as PF7/PF8 for ISPF). Two choices of our
 * own: Clear is Ctrl+L (the terminal "clear screen" convention) so that Ctrl+C keeps copying text;
 * and End is Erase EOF. Bindings are stored in localStorage and can be reset to these defaults.
 */
export type KeyBindings = Readonly<Record<string, Named3270Key>>;

export const DEFAULT_BINDINGS: KeyBindings = {
  Enter: 'Enter',
  'Shift+Enter': 'Newline',
  Tab: 'Tab',
  'Shift+Tab': 'Backtab',
  Home: 'Home',
  End: 'EraseEOF',
  'Shift+End': 'EraseInput',
  Insert: 'Insert',
  Delete: 'Delete',
  Backspace: 'Left',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Reset',
  'Ctrl+L': 'Clear',
  Pause: 'Clear',
  'Alt+1': 'PA1',
  'Alt+2': 'PA2',
  'Alt+3': 'PA3',
  PageUp: 'PF7',
  PageDown: 'PF8',
  ...Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => [
      [`F${i + 1}`, `PF${i + 1}`],
      [`Shift+F${i + 1}`, `PF${i + 13}`],
    ]).flat(),
  ),
};

/** The parts of a keyboard event a chord is made of (a DOM KeyboardEvent has them all). */
export interface KeyStroke {
  readonly key: string;
  readonly code?: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
}

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Dead']);

/**
 * The chord of a key stroke, e.g. "Shift+F3". A printable key with Shift is just its character
 * ("A", "!"), since Shift is how it was typed. With Alt the physical key names digits and letters
 * ("Alt+1"), as Alt changes the character on some layouts. Undefined for a lone modifier.
 */
export function chordOf(stroke: KeyStroke): string | undefined {
  if (MODIFIER_KEYS.has(stroke.key)) return undefined;
  let key = stroke.key === ' ' ? 'Space' : stroke.key;
  if (stroke.altKey && stroke.code) {
    const physical = /^(?:Digit|Key)(.)$/.exec(stroke.code);
    if (physical) key = physical[1];
  }
  const printable = [...key].length === 1;
  if (printable) key = key.toUpperCase();
  const parts: string[] = [];
  if (stroke.ctrlKey) parts.push('Ctrl');
  if (stroke.altKey) parts.push('Alt');
  if (stroke.metaKey) parts.push('Meta');
  if (stroke.shiftKey && !printable) parts.push('Shift');
  parts.push(key);
  return parts.join('+');
}

/** What a key stroke means on the 3270: a named key, a character to type, or nothing of ours. */
export type KeyMeaning =
  | { readonly kind: 'key'; readonly key: Named3270Key }
  | { readonly kind: 'type'; readonly char: string }
  | undefined;

export function meaningOf(stroke: KeyStroke, bindings: KeyBindings): KeyMeaning {
  const chord = chordOf(stroke);
  if (chord === undefined) return undefined;
  const bound = Object.hasOwn(bindings, chord) ? bindings[chord] : undefined;
  if (bound) return { kind: 'key', key: bound };
  const plain = !stroke.ctrlKey && !stroke.altKey && !stroke.metaKey;
  if (plain && [...stroke.key].length === 1) return { kind: 'type', char: stroke.key };
  return undefined;
}

/** The chords bound to each 3270 key, in the order of NAMED_3270_KEYS. */
export function chordsByKey(bindings: KeyBindings): [Named3270Key, string[]][] {
  return NAMED_3270_KEYS.map((key) => [
    key,
    Object.entries(bindings)
      .filter(([, bound]) => bound === key)
      .map(([chord]) => chord),
  ]);
}

/** Binds `chord` to `key` (taking it from any other key). */
export function bind(bindings: KeyBindings, chord: string, key: Named3270Key): KeyBindings {
  return { ...bindings, [chord]: key };
}

export function unbind(bindings: KeyBindings, chord: string): KeyBindings {
  const { [chord]: _removed, ...rest } = bindings;
  return rest;
}

export const BINDINGS_STORAGE_KEY = 'zvlab.3270.keyBindings';

/** What the bindings need of localStorage (a test passes a Map-backed one). */
export type BindingStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The stored bindings, or the defaults when none are stored or what is stored is not bindings. */
export function loadBindings(storage: BindingStorage): KeyBindings {
  let stored: unknown;
  try {
    stored = JSON.parse(storage.getItem(BINDINGS_STORAGE_KEY) ?? 'null');
  } catch {
    return DEFAULT_BINDINGS;
  }
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return DEFAULT_BINDINGS;
  const known = new Set<string>(NAMED_3270_KEYS);
  const entries = Object.entries(stored).filter(
    (entry): entry is [string, Named3270Key] => typeof entry[1] === 'string' && known.has(entry[1]),
  );
  return Object.fromEntries(entries);
}

export function saveBindings(storage: BindingStorage, bindings: KeyBindings): void {
  storage.setItem(BINDINGS_STORAGE_KEY, JSON.stringify(bindings));
}

/** Back to the defaults: the stored bindings are removed. */
export function resetBindings(storage: BindingStorage): KeyBindings {
  storage.removeItem(BINDINGS_STORAGE_KEY);
  return DEFAULT_BINDINGS;
}
