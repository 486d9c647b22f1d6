import { describe, expect, it } from 'vitest';
import {
  BINDINGS_STORAGE_KEY,
  bind,
  chordOf,
  chordsByKey,
  DEFAULT_BINDINGS,
  type KeyStroke,
  loadBindings,
  meaningOf,
  resetBindings,
  saveBindings,
  unbind,
} from '../../../src/app/display3270/key-bindings';

function stroke(key: string, mods: Partial<KeyStroke> = {}): KeyStroke {
  return { key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods };
}

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('3270 key bindings', () => {
  it('names chords with modifiers, printable keys by their character', () => {
    expect(chordOf(stroke('F3'))).toBe('F3');
    expect(chordOf(stroke('F3', { shiftKey: true }))).toBe('Shift+F3');
    expect(chordOf(stroke('Tab', { shiftKey: true }))).toBe('Shift+Tab');
    expect(chordOf(stroke('l', { ctrlKey: true }))).toBe('Ctrl+L');
    expect(chordOf(stroke('A', { shiftKey: true }))).toBe('A');
    expect(chordOf(stroke('¡', { altKey: true, code: 'Digit1' }))).toBe('Alt+1');
    expect(chordOf(stroke(' '))).toBe('Space');
    expect(chordOf(stroke('Shift', { shiftKey: true }))).toBeUndefined();
  });

  it('maps the PC keyboard like a 3270: F1–F12, Shift+F1–F12, Enter, Tab, Esc, End, Ctrl+L', () => {
    const key = (k: string, mods: Partial<KeyStroke> = {}) => meaningOf(stroke(k, mods), DEFAULT_BINDINGS);
    expect(key('F1')).toEqual({ kind: 'key', key: 'PF1' });
    expect(key('F12')).toEqual({ kind: 'key', key: 'PF12' });
    expect(key('F1', { shiftKey: true })).toEqual({ kind: 'key', key: 'PF13' });
    expect(key('F12', { shiftKey: true })).toEqual({ kind: 'key', key: 'PF24' });
    expect(key('Enter')).toEqual({ kind: 'key', key: 'Enter' });
    expect(key('Tab', { shiftKey: true })).toEqual({ kind: 'key', key: 'Backtab' });
    expect(key('Escape')).toEqual({ kind: 'key', key: 'Reset' });
    expect(key('End')).toEqual({ kind: 'key', key: 'EraseEOF' });
    expect(key('l', { ctrlKey: true })).toEqual({ kind: 'key', key: 'Clear' });
    expect(key('Insert')).toEqual({ kind: 'key', key: 'Insert' });
    expect(key('2', { altKey: true, code: 'Digit2' })).toEqual({ kind: 'key', key: 'PA2' });
  });

  it('types printable characters and leaves Ctrl+C (copy) and unbound keys alone', () => {
    expect(meaningOf(stroke('a'), DEFAULT_BINDINGS)).toEqual({ kind: 'type', char: 'a' });
    expect(meaningOf(stroke('$', { shiftKey: true }), DEFAULT_BINDINGS)).toEqual({ kind: 'type', char: '$' });
    expect(meaningOf(stroke('c', { ctrlKey: true }), DEFAULT_BINDINGS)).toBeUndefined();
    expect(meaningOf(stroke('ContextMenu'), DEFAULT_BINDINGS)).toBeUndefined();
  });

  it('rebinding moves a chord to another key, and unbinding frees it', () => {
    const moved = bind(DEFAULT_BINDINGS, 'Ctrl+C', 'Clear');
    expect(meaningOf(stroke('c', { ctrlKey: true }), moved)).toEqual({ kind: 'key', key: 'Clear' });
    const takenFromPf1 = bind(DEFAULT_BINDINGS, 'F1', 'PA1');
    expect(chordsByKey(takenFromPf1).find(([k]) => k === 'PF1')?.[1]).toEqual([]);
    expect(chordsByKey(takenFromPf1).find(([k]) => k === 'PA1')?.[1]).toEqual(['Alt+1', 'F1']);
    const freed = unbind(DEFAULT_BINDINGS, 'Escape');
    expect(meaningOf(stroke('Escape'), freed)).toBeUndefined();
  });

  it('stores bindings, ignores what is not bindings, and resets to the defaults', () => {
    const storage = memoryStorage();
    expect(loadBindings(storage)).toBe(DEFAULT_BINDINGS);
    const custom = bind(DEFAULT_BINDINGS, 'Ctrl+C', 'Clear');
    saveBindings(storage, custom);
    expect(loadBindings(storage)).toEqual(custom);
    storage.setItem(BINDINGS_STORAGE_KEY, '{"F1":"PF1","F2":"Explode","F3":7}');
    expect(loadBindings(storage)).toEqual({ F1: 'PF1' });
    storage.setItem(BINDINGS_STORAGE_KEY, 'not json');
    expect(loadBindings(storage)).toBe(DEFAULT_BINDINGS);
    storage.setItem(BINDINGS_STORAGE_KEY, '["F1"]');
    expect(loadBindings(storage)).toBe(DEFAULT_BINDINGS);
    expect(resetBindings(storage)).toBe(DEFAULT_BINDINGS);
    expect(storage.map.has(BINDINGS_STORAGE_KEY)).toBe(false);
  });
});
