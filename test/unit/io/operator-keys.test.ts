import { describe, expect, it } from 'vitest';
import { NAMED_3270_KEYS, press3270Key } from '../../../src/engine/io/display3270/operator-keys';
import { sba, sf, text } from '../../../src/engine/io/display3270/outbound-builder';
import { at, row, written } from './display-helpers';

/** Row 0: protected "NAME", an input field at 6–15; row 1: protected label, numeric input at 1,5. */
function form() {
  return written([
    sf(0x60),
    text('NAME'),
    sf(0x40),
    sba(16),
    sf(0x60),
    sba(at(1, 0)),
    sf(0x60),
    text('AGE'),
    sf(0x50),
    sba(at(1, 15)),
    sf(0x60),
  ]);
}

describe('3270 keys by name', () => {
  it('names PF1 to PF24 and PA1 to PA3', () => {
    expect(NAMED_3270_KEYS).toContain('PF24');
    expect(NAMED_3270_KEYS).toContain('PA3');
    expect(NAMED_3270_KEYS.filter((k) => k.startsWith('PF'))).toHaveLength(24);
  });

  it('types characters into an input field and refuses them in a protected one', () => {
    const display = form();
    expect(press3270Key(display, 'Tab')).toBe('ok');
    for (const ch of 'ZVM') expect(press3270Key(display, ch)).toBe('ok');
    expect(row(display, 0)).toBe(' NAME ZVM');
    display.cursor = 2;
    expect(press3270Key(display, 'X')).toBe('protected');
    expect(press3270Key(display, 'Y')).toBe('inhibited');
    expect(press3270Key(display, 'Reset')).toBe('ok');
    expect(press3270Key(display, 'Home')).toBe('ok');
    expect(display.cursor).toBe(6);
  });

  it('lets the numeric field take digits only', () => {
    const display = form();
    press3270Key(display, 'Tab');
    press3270Key(display, 'Tab');
    expect(display.cursor).toBe(at(1, 5));
    expect(press3270Key(display, '4')).toBe('ok');
    expect(press3270Key(display, 'A')).toBe('numeric');
  });

  it('Enter locks the keyboard with the ENTER AID until the host restores it', () => {
    const display = form();
    expect(press3270Key(display, 'Enter')).toBe('ok');
    expect(display.aid).toBe(0x7d);
    expect(press3270Key(display, 'A')).toBe('locked');
    expect(press3270Key(display, 'PF3')).toBe('locked');
  });

  it('sends the AIDs of PF24, PA2 and Clear', () => {
    for (const [key, aid] of [
      ['PF24', 0x4c],
      ['PF13', 0xc1],
      ['PA2', 0x6e],
      ['Clear', 0x6d],
    ] as const) {
      const display = form();
      expect(press3270Key(display, key)).toBe('ok');
      expect(display.aid).toBe(aid);
    }
  });

  it('Insert toggles insert mode; EraseEOF and Delete edit the field', () => {
    const display = form();
    press3270Key(display, 'Tab');
    for (const ch of 'ABCD') press3270Key(display, ch);
    press3270Key(display, 'Home');
    press3270Key(display, 'Insert');
    expect(display.insertMode).toBe(true);
    press3270Key(display, 'X');
    expect(row(display, 0)).toBe(' NAME XABCD');
    press3270Key(display, 'Delete');
    expect(row(display, 0)).toBe(' NAME XBCD');
    press3270Key(display, 'Right');
    press3270Key(display, 'EraseEOF');
    expect(row(display, 0)).toBe(' NAME XB');
    press3270Key(display, 'Insert');
    expect(display.insertMode).toBe(false);
  });

  it('moves with the arrows, Backtab and Newline', () => {
    const display = form();
    display.cursor = at(0, 40);
    press3270Key(display, 'Down');
    expect(display.cursor).toBe(at(1, 40));
    press3270Key(display, 'Left');
    expect(display.cursor).toBe(at(1, 39));
    press3270Key(display, 'Backtab');
    expect(display.cursor).toBe(at(1, 5));
    press3270Key(display, 'Newline');
    expect(display.cursor).toBe(6);
  });

  it('answers unknown for a name that is no key and for control characters', () => {
    const display = form();
    const before = display.version;
    expect(press3270Key(display, 'PF25')).toBe('unknown');
    expect(press3270Key(display, 'Escape')).toBe('unknown');
    expect(press3270Key(display, '\x1b')).toBe('unknown');
    expect(press3270Key(display, '\u0085')).toBe('unknown');
    expect(display.version).toBe(before);
  });
});
