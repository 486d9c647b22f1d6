import { describe, expect, it } from 'vitest';
import { ic, record, sba, sf, text } from '../../../src/engine/io/display3270/outbound-builder';
import { Display3278 } from '../../../src/engine/io/display3270/display-3278';
import { at, hex, written } from './display-helpers';

/** A protected label, two input fields (row 0 col 10 and row 1 col 10), cursor in the first. */
function form(): Display3278 {
  return written([
    sf(0x60),
    text('NAME'),
    sba(9),
    sf(0x40),
    ic(),
    sba(20),
    sf(0x60),
    sba(at(1, 9)),
    sf(0x40),
    sba(at(1, 20)),
    sf(0x60),
  ]);
}

const READ_MODIFIED = 0xf6;

describe('3270 inbound data stream', () => {
  it('Read Modified after ENTER: AID, cursor, then SBA and data of each modified field, nulls left out', () => {
    const display = form();
    display.typeText('BOB');
    display.setCursor(14);
    display.typeText('X');
    display.enter();
    const reply = display.execute(READ_MODIFIED).inbound!;
    // 7D ENTER; cursor 15 = 40 4F; SBA to 10 = 40 4A; "BOB" then "X" (nulls between them left out)
    expect(hex(reply)).toBe('7d404f11404ac2d6c2e7');
  });

  it('Read Modified after a PF key lists every modified field in buffer order', () => {
    const display = form();
    display.tab();
    display.typeText('2');
    display.backtab();
    expect(display.cursor).toBe(at(1, 10));
    display.backtab();
    display.typeText('1');
    display.pf(24);
    const reply = display.execute(0x06).inbound!;
    expect(hex(reply)).toBe(`4c404b11404af111c15af2`);
  });

  it('fields the host sent with MDT on are read even if untouched', () => {
    const display = written([sf(0x61), text('HOST'), sba(40), sf(0x40)]);
    display.enter();
    expect(hex(display.execute(READ_MODIFIED).inbound!)).toBe('7d40401140c1c8d6e2e3');
  });

  it('PA keys and CLEAR give a short read: the AID alone', () => {
    for (const press of [
      (d: Display3278) => d.pa(1),
      (d: Display3278) => d.pa(2),
      (d: Display3278) => d.pa(3),
    ]) {
      const display = form();
      display.typeText('data');
      press(display);
      expect(display.execute(READ_MODIFIED).inbound!.length).toBe(1);
    }
    const display = form();
    display.clear();
    expect(hex(display.execute(READ_MODIFIED).inbound!)).toBe('6d');
  });

  it('Read Modified All sends the fields even after a PA key', () => {
    const display = form();
    display.typeText('Z');
    display.pa(1);
    expect(hex(display.execute(0x6e).inbound!)).toBe('6c404b11404ae9');
  });

  it('an unformatted screen sends all its non-null characters without SBA', () => {
    const display = new Display3278();
    display.setCursor(80);
    display.typeText('hi');
    display.setCursor(200);
    display.typeText('yo');
    display.enter();
    expect(hex(display.execute(READ_MODIFIED).inbound!)).toBe('7dc34a8889a896');
  });

  it('with no AID pending the reply starts with 0x60', () => {
    const display = form();
    expect(hex(display.execute(READ_MODIFIED).inbound!)).toBe('60404a');
  });

  it('Read Buffer sends every position, attributes as SF plus the coded attribute byte', () => {
    const display = written([sf(0x60), text('AB'), sf(0x4c), 0x00, text('C'), ic()]);
    display.applyRecord(record('write', 0xc0, [sba(1918), sf(0xe8), text('Z')]));
    const reply = display.execute(0x02).inbound!;
    expect(hex(reply.subarray(0, 11))).toBe('6040c6' + '1d60c1c2' + '1d4c' + '00c3');
    expect(reply.length).toBe(3 + 1920 + 3); // one SF byte more for each of the three attributes
    expect(hex(reply.subarray(-3))).toBe('1de8e9');
  });

  it('APL characters go inbound behind Graphic Escape', () => {
    const display = written([sf(0x41), 0x08, 0xc5, text('A')]);
    expect(hex(display.execute(READ_MODIFIED).inbound!)).toBe('6040401140c1' + '08c5c1');
  });

  it('a 16-bit addressing mode reply carries binary addresses', () => {
    const display = form();
    display.addressingMode = 16;
    display.typeText('Q');
    display.enter();
    expect(hex(display.execute(READ_MODIFIED).inbound!)).toBe('7d000b11000ad8');
  });
});
