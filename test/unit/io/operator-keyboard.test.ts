import { describe, expect, it } from 'vitest';
import { Display3278 } from '../../../src/engine/io/display3270/display-3278';
import { ic, sba, sf, text } from '../../../src/engine/io/display3270/outbound-builder';
import { at, row, written } from './display-helpers';

const PROT = 0x60;
const UNPROT = 0x40;
const NUMERIC = 0x50;
const SKIP = 0x70;

/** Row 0: label "NAME" (protected), an input field of 10 at 6–15, skip; row 1: numeric input of 5. */
function form(): Display3278 {
  return written([
    sf(PROT),
    text('NAME'),
    sf(UNPROT),
    sba(16),
    sf(SKIP),
    sba(at(1, 0)),
    sf(PROT),
    text('AGE'),
    sf(NUMERIC),
    sba(at(1, 10)),
    sf(PROT),
    sba(at(2, 0)),
    sf(UNPROT),
    sba(at(2, 20)),
    sf(PROT),
  ]);
}

describe('3278 keyboard', () => {
  it('types into an unprotected field and sets its MDT', () => {
    const display = form();
    display.home();
    expect(display.cursor).toBe(6);
    expect(display.typeText('Ann')).toBe('ok');
    expect(row(display, 0)).toBe(' NAME Ann');
    expect(display.buffer.attribute[5] & 1).toBe(1);
    expect(display.cursor).toBe(9);
  });

  it('refuses typing into a protected field or onto an attribute', () => {
    const display = form();
    display.setCursor(2);
    expect(display.type('X')).toBe('protected');
    display.reset();
    display.setCursor(5);
    expect(display.type('X')).toBe('protected');
    expect(row(display, 0)).toBe(' NAME');
    expect(display.buffer.attribute[0] & 1).toBe(0);
  });

  it('numeric lock: a numeric field takes digits, period, minus and DUP only', () => {
    const display = form();
    display.setCursor(at(1, 5));
    expect(display.type('A')).toBe('numeric');
    display.reset();
    expect(display.typeText('4.-2')).toBe('ok');
    expect(display.typeEbcdic(0x1c)).toBe('ok');
    expect(row(display, 1)).toBe(' AGE 4.-2*');
  });

  it('types anywhere on an unformatted screen', () => {
    const display = new Display3278();
    display.setCursor(100);
    expect(display.typeText('free')).toBe('ok');
    expect(row(display, 1)).toBe('                    free');
  });

  it('auto-skips past a protected numeric attribute at the end of a field', () => {
    const display = form();
    display.setCursor(15);
    display.type('z');
    expect(display.cursor).toBe(at(1, 5));
  });

  it('after the last position of a field, steps over an ordinary attribute onto the next position', () => {
    const display = form();
    display.setCursor(at(1, 9));
    display.type('7');
    expect(display.cursor).toBe(at(1, 11));
    expect(display.type('8')).toBe('protected');
  });

  it('without numeric lock a numeric field takes any character', () => {
    const display = new Display3278({ numericLock: false });
    display.applyRecord(Uint8Array.from([0xf5, 0xc3, ...sf(NUMERIC)]));
    display.setCursor(1);
    expect(display.type('A')).toBe('ok');
  });

  it('an operator error inhibits input until Reset', () => {
    const display = form();
    display.setCursor(2);
    expect(display.type('X')).toBe('protected');
    expect(display.operatorError).toBe('protected');
    expect(display.setCursor(6)).toBe('inhibited');
    expect(display.enter()).toBe('inhibited');
    expect(display.eraseEof()).toBe('inhibited');
    expect(display.newLine()).toBe('inhibited');
    display.reset();
    expect(display.operatorError).toBeUndefined();
    expect(display.setCursor(6)).toBe('ok');
    expect(display.type('X')).toBe('ok');
  });

  it('Tab, Backtab, Home, the arrows and Erase Input clear an operator error (as in x3270)', () => {
    for (const key of [
      (d: Display3278) => d.tab(),
      (d: Display3278) => d.backtab(),
      (d: Display3278) => d.home(),
      (d: Display3278) => d.moveCursor('right'),
      (d: Display3278) => d.eraseInput(),
    ]) {
      const display = form();
      display.setCursor(2);
      display.type('X');
      expect(key(display)).toBe('ok');
      expect(display.operatorError).toBeUndefined();
    }
  });

  it('Tab visits the input fields in order and wraps; Backtab goes back', () => {
    const display = form();
    const stops: number[] = [];
    for (let i = 0; i < 4; i++) {
      display.tab();
      stops.push(display.cursor);
    }
    expect(stops).toEqual([6, at(1, 5), at(2, 1), 6]);
    display.setCursor(9);
    display.backtab();
    expect(display.cursor).toBe(6);
    display.backtab();
    expect(display.cursor).toBe(at(2, 1));
    display.backtab();
    expect(display.cursor).toBe(at(1, 5));
  });

  it('Tab and Home on a screen without input fields go to address 0', () => {
    const display = written([sba(300), sf(PROT), text('read only'), ic()]);
    display.tab();
    expect(display.cursor).toBe(0);
    display.setCursor(50);
    display.home();
    expect(display.cursor).toBe(0);
  });

  it('New Line goes to the first input position of the next row', () => {
    const display = form();
    display.setCursor(3);
    display.newLine();
    expect(display.cursor).toBe(at(1, 5));
  });

  it('cursor keys move one position and wrap around the screen', () => {
    const display = new Display3278();
    display.moveCursor('left');
    expect(display.cursor).toBe(1919);
    display.moveCursor('down');
    expect(display.cursor).toBe(79);
    display.moveCursor('up');
    display.moveCursor('right');
    expect(display.cursor).toBe(0);
  });

  it('Erase EOF nulls to the end of the field and sets the MDT', () => {
    const display = form();
    display.home();
    display.typeText('ABCDEFGH');
    display.setCursor(9);
    expect(display.eraseEof()).toBe('ok');
    expect(row(display, 0)).toBe(' NAME ABC');
    expect(display.buffer.chars[15]).toBe(0);
    display.setCursor(1);
    expect(display.eraseEof()).toBe('protected');
  });

  it('insert mode shifts the rest of the field right and refuses when the field is full', () => {
    const display = form();
    display.home();
    display.typeText('ACD');
    display.setCursor(7);
    display.toggleInsert();
    expect(display.insertMode).toBe(true);
    expect(display.type('B')).toBe('ok');
    expect(row(display, 0)).toBe(' NAME ABCD');
    display.setCursor(10);
    expect(display.typeText('EFGHIJ')).toBe('ok');
    expect(row(display, 0)).toBe(' NAME ABCDEFGHIJ');
    display.setCursor(6);
    expect(display.type('X')).toBe('overflow');
    expect(row(display, 0)).toBe(' NAME ABCDEFGHIJ');
    display.reset();
    expect(display.insertMode).toBe(false);
  });

  it('Delete closes up the field', () => {
    const display = form();
    display.home();
    display.typeText('ABXC');
    display.setCursor(8);
    expect(display.deleteChar()).toBe('ok');
    expect(row(display, 0)).toBe(' NAME ABC');
  });

  it('Erase Input nulls every input field, resets their MDTs and homes the cursor', () => {
    const display = form();
    display.home();
    display.typeText('someone');
    display.tab();
    display.typeText('42');
    display.eraseInput();
    expect(row(display, 0)).toBe(' NAME');
    expect(row(display, 1)).toBe(' AGE');
    expect(display.buffer.attribute[5] & 1).toBe(0);
    expect(display.cursor).toBe(6);
  });

  it('an AID key locks the keyboard, records the AID and raises attention', () => {
    const aids: number[] = [];
    const display = new Display3278({ onAttention: (aid) => aids.push(aid) });
    expect(display.pf(3)).toBe('ok');
    expect(display.keyboardLocked).toBe(true);
    expect(display.aid).toBe(0xf3);
    expect(display.type('x')).toBe('locked');
    expect(display.enter()).toBe('locked');
    expect(display.tab()).toBe('locked');
    expect(aids).toEqual([0xf3]);
  });

  it('every PF, PA, ENTER and CLEAR key sends its AID', () => {
    const expected = [
      0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0x7a, 0x7b, 0x7c, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5,
      0xc6, 0xc7, 0xc8, 0xc9, 0x4a, 0x4b, 0x4c,
    ];
    const aids: number[] = [];
    const display = new Display3278({ onAttention: (aid) => aids.push(aid) });
    const unlock = () => display.execute(0xf1, Uint8Array.of(0xc2));
    for (let n = 1; n <= 24; n++) {
      display.pf(n);
      unlock();
    }
    for (const key of [
      () => display.pa(1),
      () => display.pa(2),
      () => display.pa(3),
      () => display.enter(),
    ]) {
      key();
      unlock();
    }
    display.clear();
    expect(aids).toEqual([...expected, 0x6c, 0x6e, 0x6b, 0x7d, 0x6d]);
    expect(() => display.pf(25)).toThrow(RangeError);
  });

  it('CLEAR erases the screen and returns to the default size', () => {
    const display = new Display3278({ model: 5 });
    display.execute(0x7e, Uint8Array.from([0xc3, ...text('wide')]));
    expect(display.columns).toBe(132);
    display.clear();
    expect([display.rows, display.columns, display.cursor]).toEqual([24, 80, 0]);
    expect(row(display, 0)).toBe('');
  });
});
