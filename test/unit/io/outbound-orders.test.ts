import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_TYPE as T, COLOR, HIGHLIGHT } from '../../../src/engine/io/display3270/data-stream-codes';
import { Display3278 } from '../../../src/engine/io/display3270/display-3278';
import {
  eua,
  ge,
  ic,
  mf,
  pt,
  ra,
  record,
  sa,
  sba,
  sf,
  sfe,
  text,
} from '../../../src/engine/io/display3270/outbound-builder';
import { at, RESTORE, row, written } from './display-helpers';

describe('3270 outbound commands', () => {
  it('accepts the CCW and the SNA code of every write command', () => {
    for (const [ccw, sna] of [
      [0x01, 0xf1],
      [0x05, 0xf5],
      [0x0d, 0x7e],
    ]) {
      for (const code of [ccw, sna]) {
        const display = new Display3278();
        const result = display.execute(code, Uint8Array.from([RESTORE, ...text('HI')]));
        expect(result.status.kind).toBe('ok');
        expect(row(display, 0)).toBe('HI');
      }
    }
    for (const code of [0x0f, 0x6f, 0x02, 0xf2, 0x06, 0xf6, 0x0e, 0x6e]) {
      expect(new Display3278().execute(code).status.kind).toBe('ok');
    }
  });

  it('rejects unknown command codes with sense command reject', () => {
    const display = new Display3278();
    expect(display.execute(0x99).status).toMatchObject({ kind: 'command-reject', sense: 0x80 });
    expect(display.applyRecord(new Uint8Array(0)).status.kind).toBe('command-reject');
  });

  it('Erase/Write clears the screen, returns to 24x80 and puts the cursor at 0', () => {
    const display = new Display3278({ model: 4 });
    display.applyRecord(record('erase-write-alternate', RESTORE, [sba(at(30, 0)), ic(), text('ALT')]));
    expect([display.rows, display.columns, display.cursor, display.alternate]).toEqual([43, 80, 2400, true]);
    display.applyRecord(record('erase-write', RESTORE, []));
    expect([display.rows, display.columns, display.cursor, display.alternate]).toEqual([24, 80, 0, false]);
    expect(display.buffer.chars.subarray(0, display.buffer.size).every((b) => b === 0)).toBe(true);
  });

  it('Erase/Write without a WCC still erases', () => {
    const display = written([text('OLD')]);
    expect(display.execute(0xf5).status.kind).toBe('ok');
    expect(row(display, 0)).toBe('');
  });

  it('Erase/Write Alternate on a model 2 stays 24x80; model 5 gives 27x132', () => {
    const m2 = new Display3278({ model: 2 });
    m2.execute(0x7e, Uint8Array.of(RESTORE));
    expect([m2.rows, m2.columns]).toEqual([24, 80]);
    const m5 = new Display3278({ model: 5 });
    m5.execute(0x7e, Uint8Array.from([RESTORE, ...sba(at(26, 131, 132)), ...text('Z')]));
    expect([m5.rows, m5.columns]).toEqual([27, 132]);
    expect(row(m5, 26).length).toBe(132);
    // The Z went into the last position; the next character would wrap to address 0.
    expect(row(m5, 26).endsWith('Z')).toBe(true);
  });

  it('Write starts at the cursor address and keeps the rest of the screen', () => {
    const display = written([text('KEEP THIS LINE'), sba(at(2, 5)), ic()]);
    display.applyRecord(record('write', 0xc0, [text('here')]));
    expect(row(display, 0)).toBe('KEEP THIS LINE');
    expect(row(display, 2)).toBe('     here');
  });

  it('WCC reset MDT acts before the orders, so a field written with MDT keeps it', () => {
    const display = written([sf(0x41), text('a'), sba(at(1, 0)), sf(0x41), text('b')]);
    display.applyRecord(record('write', 0xc1, [sba(at(1, 0)), sf(0x41)]));
    expect(display.buffer.attribute[0] & 1).toBe(0);
    expect(display.buffer.attribute[80] & 1).toBe(1);
  });

  it('WCC keyboard restore unlocks the keyboard and clears the AID; alarm and start printer are counted', () => {
    const display = written([sf(0x40)]);
    display.enter();
    expect(display.keyboardLocked).toBe(true);
    display.applyRecord(record('write', 0xc0 | 0x04 | 0x08, []));
    expect(display.keyboardLocked).toBe(true);
    expect([display.alarms, display.printerStarts]).toEqual([1, 1]);
    display.applyRecord(record('write', 0xc2, []));
    expect(display.keyboardLocked).toBe(false);
    expect(display.aid).toBe(0x60);
  });

  it('Erase All Unprotected nulls input fields, resets their MDTs and homes the cursor', () => {
    const display = written([
      sf(0x60),
      text('LABEL'),
      sf(0x41),
      text('input'),
      sba(at(1, 0)),
      sf(0x61),
      text('PROT MDT'),
    ]);
    display.enter();
    expect(display.execute(0x0f).status.kind).toBe('ok');
    expect(row(display, 0)).toBe(' LABEL');
    expect(row(display, 1)).toBe(' PROT MDT');
    expect(display.buffer.attribute[6] & 1).toBe(0);
    expect(display.buffer.attribute[80] & 1).toBe(1);
    expect(display.cursor).toBe(7);
    expect(display.keyboardLocked).toBe(false);
  });
});

describe('3270 orders', () => {
  it('SF writes an attribute that shows as a blank and advances the address', () => {
    const display = written([text('A'), sf(0x60), text('B')]);
    expect(row(display, 0)).toBe('A B');
    expect(display.buffer.isField[1]).toBe(1);
    expect(display.buffer.attribute[1]).toBe(0x20);
  });

  it('SBA and IC place text and the cursor', () => {
    const display = written([sba(at(5, 10)), text('X'), ic()]);
    expect(row(display, 5)).toBe('          X');
    expect(display.cursor).toBe(at(5, 11));
  });

  it('writing a character over an attribute removes the field', () => {
    const display = written([sf(0x60), sba(0), text('Z')]);
    expect(display.buffer.isFormatted()).toBe(false);
    expect(row(display, 0)).toBe('Z');
  });

  it('non-display fields show blanks but keep their data', () => {
    const display = written([sf(0x4c), text('SECRET')]);
    expect(row(display, 0)).toBe('');
    expect(Array.from(display.buffer.chars.subarray(1, 3))).toEqual([0xe2, 0xc5]);
  });

  it('RA repeats up to, not including, the stop address; GE repeats an APL character', () => {
    const display = written([ra(10, '-'), sba(at(1, 0)), ra(at(1, 3), 0xa2, { apl: true })]);
    expect(row(display, 0)).toBe('----------');
    expect(row(display, 1)).toBe('───');
    expect(display.buffer.charset[80]).toBe(1);
  });

  it('RA to the current address fills the whole buffer', () => {
    const display = written([sba(5), ra(5, 'x')]);
    for (let r = 0; r < 24; r++) expect(row(display, r)).toBe('x'.repeat(80));
  });

  it('RA and character data wrap from the last position to address 0', () => {
    const display = written([sba(1918), text('abcd')]);
    expect(row(display, 23).endsWith('ab')).toBe(true);
    expect(row(display, 0)).toBe('cd');
    const filled = written([sba(1915), ra(3, '#')]);
    expect(row(filled, 0)).toBe('###');
    expect(row(filled, 23).endsWith('#####')).toBe(true);
  });

  it('EUA nulls unprotected positions only, up to the stop address', () => {
    const display = written([
      sf(0x60),
      text('PROT'),
      sf(0x40),
      text('input'),
      sf(0x60),
      text('P2'),
      sf(0x40),
      text('in2'),
    ]);
    display.applyRecord(record('write', 0xc0, [sba(0), eua(at(0, 16))]));
    expect(row(display, 0)).toBe(' PROT       P2  n2');
    expect(display.cursor).toBe(0);
    display.applyRecord(record('write', 0xc0, [sba(0), eua(0)]));
    expect(row(display, 0)).toBe(' PROT       P2');
    expect(display.cursor).toBe(0);
  });

  it('EUA on an unformatted screen nulls everything in range', () => {
    const display = written([text('abcdefgh')]);
    display.applyRecord(record('write', 0xc0, [sba(2), eua(5)]));
    expect(row(display, 0)).toBe('ab   fgh');
  });

  it('PT moves to the next unprotected field, nulling the rest of a field after text', () => {
    const display = written([
      sf(0x60),
      text('A:'),
      sf(0x40),
      text('xxxxxxxx'),
      sba(20),
      sf(0x60),
      text('B:'),
      sf(0x40),
      text('yyyyyyyy'),
      sba(40),
      sf(0x60),
    ]);
    display.applyRecord(record('write', 0xc0, [sba(0), pt(), text('1'), pt(), text('2')]));
    expect(row(display, 0)).toBe(` A: 1${' '.repeat(16)}B: 2yyyyyyy`);
  });

  it('PT without an unprotected field ahead goes to address 0', () => {
    const display = written([sba(10), sf(0x60), sba(30), pt(), text('Q')]);
    expect(row(display, 0).startsWith('Q')).toBe(true);
  });

  it('SFE sets the basic attribute, colour and highlighting of a field', () => {
    const display = written([
      sfe([T.fieldAttribute, 0x28], [T.foreground, COLOR.red], [T.highlighting, HIGHLIGHT.reverse]),
    ]);
    expect(display.buffer.attribute[0]).toBe(0x28);
    expect(display.buffer.foreground[0]).toBe(COLOR.red);
    expect(display.buffer.highlight[0]).toBe(HIGHLIGHT.reverse);
    const plain = written([sfe([T.foreground, COLOR.blue])]);
    expect(plain.buffer.attribute[0]).toBe(0);
  });

  it('SA gives the following characters their own attributes until reset', () => {
    const display = written([sa(T.foreground, COLOR.yellow), text('Y'), sa(T.all, 0), text('n')]);
    expect(display.buffer.foreground[0]).toBe(COLOR.yellow);
    expect(display.buffer.foreground[1]).toBe(0);
  });

  it('MF changes the attribute at the current address and is ignored elsewhere', () => {
    const display = written([sf(0x60), text('visible')]);
    display.applyRecord(record('write', 0xc0, [sba(0), mf([T.fieldAttribute, 0x2c]), text('Z')]));
    expect(display.buffer.attribute[0]).toBe(0x2c);
    expect(row(display, 0)).toBe('');
    display.applyRecord(record('write', 0xc0, [sba(5), mf([T.foreground, COLOR.red]), text('W')]));
    expect(display.buffer.chars[5]).toBe(0xe6);
  });

  it('GE writes one character from the APL set', () => {
    const display = written([ge(0xc5), text('A')]);
    expect(row(display, 0)).toBe('┌A');
    expect(display.buffer.charset[0]).toBe(1);
    expect(display.buffer.charset[1]).toBe(0);
  });

  it('14-bit and 12-bit addresses can be mixed; 16-bit mode reads both bytes as binary', () => {
    const display = written([sba(at(3, 4), 14), text('a'), sba(at(4, 4)), text('b')]);
    expect(row(display, 3)).toBe('    a');
    expect(row(display, 4)).toBe('    b');
    const wide = new Display3278();
    wide.addressingMode = 16;
    wide.applyRecord(record('erase-write', RESTORE, [sba(at(5, 0), 16), text('c')]));
    expect(row(wide, 5)).toBe('c');
  });

  it('format controls are characters: DUP as *, FM as ;, the others as blanks', () => {
    const display = written([0x1c, 0x1e, 0x15, 0x0d, 0x0c, 0x19, 0x00, 0x3f, text('!')]);
    expect(row(display, 0)).toBe('*;     ■!');
  });
});

describe('malformed outbound streams end in an operation check, not an exception', () => {
  const truncated: [string, number[]][] = [
    ['SF', sf(0x60).slice(0, 1)],
    ['SFE', [0x29]],
    ['SFE', [0x29, 2, 0xc0, 0x60, 0x42]],
    ['SBA', [0x11, 0x40]],
    ['SA', [0x28, 0x42]],
    ['MF', [0x2c, 1, 0xc0]],
    ['RA', [0x3c, 0x40, 0x50]],
    ['RA', [0x3c, 0x40, 0x50, 0x08]],
    ['EUA', [0x12]],
    ['GE', [0x08]],
  ];
  for (const [order, bytes] of truncated) {
    it(`${order} cut short (${bytes.length} bytes)`, () => {
      const display = new Display3278();
      const { status } = display.applyRecord(record('erase-write', RESTORE, [text('ok'), bytes]));
      expect(status).toMatchObject({ kind: 'operation-check', sense: 0x01, offset: 3 });
      expect(row(display, 0)).toBe('ok');
    });
  }

  it('an address beyond the screen stops the write and keeps what came before', () => {
    for (const bytes of [sba(1920), ra(2000, 'x'), eua(1920, 14)]) {
      const display = new Display3278();
      const { status } = display.applyRecord(
        record('erase-write', RESTORE, [text('kept'), bytes, text('lost')]),
      );
      expect(status.kind).toBe('operation-check');
      expect(row(display, 0)).toBe('kept');
    }
  });

  it('an address valid only in the alternate size is beyond the default size', () => {
    const display = new Display3278({ model: 4 });
    expect(display.applyRecord(record('erase-write', RESTORE, [sba(at(30, 0))])).status.kind).toBe(
      'operation-check',
    );
    expect(display.applyRecord(record('erase-write-alternate', RESTORE, [sba(at(30, 0))])).status.kind).toBe(
      'ok',
    );
  });

  it('a byte below 0x40 that is neither an order nor a format control is an invalid order', () => {
    const display = new Display3278();
    const { status } = display.applyRecord(record('write', RESTORE, [text('a'), 0x01]));
    expect(status).toMatchObject({ kind: 'operation-check', offset: 2 });
  });

  it('a WCC keyboard restore is not performed when the write fails', () => {
    const display = written([sf(0x40)]);
    display.enter();
    display.applyRecord(record('write', 0xc2, [sba(4000, 14)]));
    expect(display.keyboardLocked).toBe(true);
  });

  it('survives arbitrary bytes', () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed >> 16;
    };
    for (let n = 0; n < 500; n++) {
      const display = new Display3278({ model: ((n % 4) + 2) as 2 | 3 | 4 | 5 });
      const bytes = Uint8Array.from({ length: next() % 64 }, () => next() & 0xff);
      expect(() => display.applyRecord(bytes)).not.toThrow();
      expect(() => display.execute(0xf6)).not.toThrow();
    }
  });
});

describe('3278 device identity and state', () => {
  it('answers SENSE ID as a 3278 of its model on a 3274-1D', () => {
    expect(Buffer.from(new Display3278({ model: 4 }).senseId()).toString('hex')).toBe('ff32741d32780400');
  });

  it('restores a saved state exactly, and power-on reset empties the screen', () => {
    const display = new Display3278({ model: 5 });
    display.applyRecord(record('erase-write-alternate', RESTORE, [sf(0x40), ic(), text('saved')]));
    display.typeText('X');
    const state = structuredClone(display.getState());
    const copy = new Display3278({ model: 5 });
    copy.setState(state);
    expect(copy.getState()).toEqual(display.getState());
    expect(row(copy, 0)).toBe(' Xaved');
    expect(() => new Display3278({ model: 2 }).setState(state)).toThrow(RangeError);
    copy.powerOnReset();
    expect([copy.rows, copy.columns, copy.cursor, copy.buffer.isFormatted()]).toEqual([24, 80, 0, false]);
  });
});
