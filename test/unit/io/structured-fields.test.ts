import { describe, expect, it } from 'vitest';
import { Display3278 } from '../../../src/engine/io/display3270/display-3278';
import { record, sba, structuredField, text } from '../../../src/engine/io/display3270/outbound-builder';
import { queryReply } from '../../../src/engine/io/display3270/structured-fields';
import { hex, RESTORE, row } from './display-helpers';

const wsf = (...fields: number[][]) => record('write-structured-field', undefined, fields);

describe('3270 Write Structured Field', () => {
  it('accepts CCW 0x11 and SNA 0xF3', () => {
    for (const code of [0x11, 0xf3]) {
      const display = new Display3278();
      const fields = Uint8Array.from(structuredField(0x40, [0x00, 0xf5, RESTORE, ...text('ok')]));
      expect(display.execute(code, fields).status.kind).toBe('ok');
      expect(row(display, 0)).toBe('ok');
    }
  });

  it('Erase/Reset selects the default or the alternate size', () => {
    const display = new Display3278({ model: 3 });
    display.applyRecord(wsf(structuredField(0x03, [0x80])));
    expect([display.rows, display.columns]).toEqual([32, 80]);
    display.applyRecord(wsf(structuredField(0x03, [0x00])));
    expect([display.rows, display.columns]).toEqual([24, 80]);
  });

  it('Read Partition Query raises attention with AID 0x88; the next read returns the query replies', () => {
    const aids: number[] = [];
    const display = new Display3278({ model: 4, onAttention: (aid) => aids.push(aid) });
    expect(display.applyRecord(wsf(structuredField(0x01, [0xff, 0x02]))).status.kind).toBe('ok');
    expect(aids).toEqual([0x88]);
    const reply = display.execute(0x06).inbound!;
    expect(reply).toEqual(queryReply(4));
    expect(hex(reply)).toContain('001181a600000b01000050001800500' + '02b');
    // Then reads are ordinary again.
    expect(display.execute(0x06).inbound![0]).toBe(0x60);
  });

  it('Set Reply Mode is recorded and reset by Erase/Write with the WCC reset bit', () => {
    const display = new Display3278();
    display.applyRecord(wsf(structuredField(0x09, [0x00, 0x02])));
    expect(display.replyMode).toBe(2);
    display.applyRecord(record('erase-write', 0x02, [sba(0)]));
    expect(display.replyMode).toBe(2);
    display.applyRecord(record('erase-write', 0x42, []));
    expect(display.replyMode).toBe(0);
  });

  it('a length of 0 means the rest of the data', () => {
    const display = new Display3278();
    display.applyRecord(wsf([0x00, 0x00, 0x40, 0x00, 0xf5, RESTORE, ...text('rest')]));
    expect(row(display, 0)).toBe('rest');
  });

  it('malformed or unsupported structured fields end in an operation check', () => {
    for (const fields of [
      [0x00, 0x02],
      [0x00, 0x09, 0x40, 0x00],
      [0x00, 0x04, 0x77, 0x00],
      structuredField(0x01, [0x00, 0xf2]),
      structuredField(0x40, [0x00, 0xf3]),
    ]) {
      expect(new Display3278().applyRecord(wsf(fields)).status.kind).toBe('operation-check');
    }
  });
});

describe('3270 reply modes', () => {
  const colored = () => {
    const display = new Display3278();
    display.applyRecord(
      record('erase-write', 0x02, [
        [0x29, 2, 0xc0, 0x21, 0x42, 0xf2],
        [0x28, 0x41, 0xf1],
        text('a'),
        [0x28, 0x00, 0x00],
        text('b'),
      ]),
    );
    return display;
  };

  it('field mode sends attributes as SF and no character attributes', () => {
    expect(hex(colored().execute(0x02).inbound!.subarray(0, 8))).toBe('604040' + '1d61' + '818200');
  });

  it('extended-field mode sends SFE with the extended attributes', () => {
    const display = colored();
    display.applyRecord(wsf(structuredField(0x09, [0x00, 0x01])));
    expect(hex(display.execute(0x02).inbound!.subarray(0, 11))).toBe('604040' + '2902c06142f2' + '8182');
  });

  it('character mode adds SA where a listed character attribute changes', () => {
    const display = colored();
    display.applyRecord(wsf(structuredField(0x09, [0x00, 0x02, 0x41])));
    expect(hex(display.execute(0x06).inbound!)).toBe('604040' + '1140c1' + '2841f1' + '81' + '284100' + '82');
  });
});
