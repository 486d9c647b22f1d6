import { describe, expect, it } from 'vitest';
import { Console3215 } from '../../../../src/engine/io/console3215/console-3215';
import { Display3278Device } from '../../../../src/engine/io/display3270/display-3278-device';
import { decodeEbcdic, encodeEbcdic } from '../../../../src/engine/io/ebcdic-037';
import { Harness } from './channel-harness';

const PROGRAM = 0x1000;
const BUF = 0x4000;

function attach(h: Harness, device: Display3278Device | Console3215) {
  const sch = h.css.attach(0x0009, device);
  sch.enabled = true;
  return sch;
}

/** Runs one CCW to completion and returns the IRB's device/subchannel-status word. */
function one(h: Harness, code: number, flags: number, count: number, data?: Uint8Array): number {
  if (data) h.storage.write(BUF, data);
  h.ccw1(PROGRAM, code, flags, count, BUF);
  expect(h.start(0, PROGRAM)).toBe(0);
  h.run();
  return h.test(0).w2;
}

describe('3278 display on a subchannel', () => {
  it('SENSE ID gives 3274-1D / 3278-2', () => {
    const h = new Harness();
    attach(h, new Display3278Device());
    one(h, 0xe4, 0x20, 7);
    expect(h.storage.read(BUF, 7)).toEqual(Uint8Array.of(0xff, 0x32, 0x74, 0x1d, 0x32, 0x78, 0x02));
  });

  it('ERASE/WRITE puts the text on the screen with channel end and device end', () => {
    const h = new Harness();
    const dev = new Display3278Device();
    attach(h, dev);
    const stream = Uint8Array.of(0xc3, ...encodeEbcdic('HELLO'));
    expect(one(h, 0x05, 0x00, stream.length, stream)).toBe(0x0c00_0000);
    expect(decodeEbcdic(dev.display.buffer.chars.subarray(0, 5))).toBe('HELLO');
  });

  it("the operator's ENTER is attention; READ MODIFIED then returns the AID and the input", () => {
    const h = new Harness();
    const dev = new Display3278Device();
    attach(h, dev);
    one(h, 0x05, 0x00, 1, Uint8Array.of(0xc3));
    dev.display.typeText('HI');
    dev.display.enter();
    const attention = h.test(0);
    expect(attention.w0 & 0xffff).toBe(0x0011);
    expect(attention.w2).toBe(0x8000_0000);
    expect(one(h, 0x06, 0x20, 256) >>> 16).toBe(0x0c00);
    expect(h.storage.readU8(BUF)).toBe(0x7d);
    expect(decodeEbcdic(h.storage.read(BUF + 3, 2))).toBe('HI');
  });

  it('an unknown command is unit check with command reject; a bad order is operation check', () => {
    const h = new Harness();
    attach(h, new Display3278Device());
    expect(one(h, 0x07, 0x00, 1) >>> 16).toBe(0x0e00);
    one(h, 0x04, 0x00, 1);
    expect(h.storage.readU8(BUF)).toBe(0x80);
    // SBA with an address beyond the screen
    expect(one(h, 0x01, 0x00, 4, Uint8Array.of(0xc3, 0x11, 0xff, 0xff)) >>> 16).toBe(0x0e00);
    one(h, 0x04, 0x00, 1);
    expect(h.storage.readU8(BUF)).toBe(0x01);
  });
});

describe('3215 line console on a subchannel', () => {
  it('WRITE prints without and WRITE CR with a carriage return; the alarm sounds', () => {
    const h = new Harness();
    let out = '';
    let alarms = 0;
    attach(h, new Console3215({ print: (t) => (out += t), alarm: () => alarms++ }));
    one(h, 0x01, 0x00, 4, encodeEbcdic('IPL '));
    one(h, 0x09, 0x00, 2, encodeEbcdic('OK'));
    expect(one(h, 0x0b, 0x20, 1)).toBe(0x0c00_0001);
    expect(out).toBe('IPL OK\n');
    expect(alarms).toBe(1);
  });

  it('a typed line is attention and the READ INQUIRY returns it; without input READ is intervention required', () => {
    const h = new Harness();
    const con = new Console3215({ print: () => {} });
    attach(h, con);
    expect(one(h, 0x0a, 0x20, 80) >>> 16).toBe(0x0e00);
    one(h, 0x04, 0x00, 1);
    expect(h.storage.readU8(BUF)).toBe(0x40);
    con.type('LOGON MAINT');
    expect(h.test(0).w2).toBe(0x8000_0000);
    expect(one(h, 0x0a, 0x20, 80)).toBe(0x0c00_0000 | (80 - 11));
    expect(decodeEbcdic(h.storage.read(BUF, 11))).toBe('LOGON MAINT');
    expect(con.pendingInput).toBe(0);
  });

  it('SENSE ID gives 3215-00 and an unknown command is a command reject', () => {
    const h = new Harness();
    attach(h, new Console3215({ print: () => {} }));
    one(h, 0xe4, 0x20, 7);
    expect(h.storage.read(BUF, 7)).toEqual(Uint8Array.of(0xff, 0x32, 0x15, 0x00, 0x32, 0x15, 0x00));
    expect(one(h, 0x05, 0x00, 1) >>> 16).toBe(0x0e00);
    one(h, 0x04, 0x00, 1);
    expect(h.storage.readU8(BUF)).toBe(0x80);
  });
});
