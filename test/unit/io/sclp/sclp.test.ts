import { describe, expect, it } from 'vitest';
import type { Cpu } from '../../../../src/engine/arch/cpu';
import { MainStorage } from '../../../../src/engine/arch/main-storage';
import { decodeEbcdic, encodeEbcdic } from '../../../../src/engine/io/ebcdic-037';
import { Sclp } from '../../../../src/engine/io/sclp/sclp';
import { storageIncrements } from '../../../../src/engine/io/sclp/scp-info';

const SCCB = 0x4000;
const CPU = {} as Cpu;

function setup(storageMiB = 4, cpuAddresses = [0, 1]) {
  const storage = new MainStorage(storageMiB * 1024 * 1024);
  const written: string[] = [];
  let signals = 0;
  const sclp = new Sclp({
    storage,
    storageBytes: storage.size,
    cpuAddresses,
    loadParameter: encodeEbcdic('LOADPARM'),
    console: { write: (text) => written.push(text) },
    signal: () => signals++,
  });
  /** Puts an SCCB (header with `length`, then `body`) at `at` and issues `command`; returns the response code. */
  const call = (command: number, length: number, body: number[] = [], at = SCCB, functionCode = 0) => {
    storage.fill(at, Math.min(length, 4096 - (at % 4096)), 0);
    storage.writeU16(at, length);
    storage.writeU8(at + 2, functionCode);
    storage.load(at + 8, Uint8Array.from(body));
    expect(sclp.serviceCall(command, at)).toBe(0);
    return storage.readU16(at + 6);
  };
  return { storage, sclp, written, call, signals: () => signals };
}

const be16 = (v: number) => [(v >> 8) & 0xff, v & 0xff];
const be32 = (v: number) => [...be16(v >>> 16), ...be16(v & 0xffff)];

/** WRITE EVENT MASK body: reserved, mask length 4, cp receive, cp send, two masks for the SCLP. */
const maskBody = (receive: number, send: number) => [
  0,
  0,
  ...be16(4),
  ...be32(receive),
  ...be32(send),
  ...be32(0),
  ...be32(0),
];

function eventBuffer(type: number, data: number[]): number[] {
  return [...be16(6 + data.length), type, 0, 0, 0, ...data];
}

function mdb(lines: string[]): number[] {
  const go = [...be16(8), ...be16(1), 0, 0, 0, 0];
  const mtos = lines.flatMap((line) => {
    const text = Array.from(encodeEbcdic(line));
    return [...be16(10 + text.length), ...be16(4), 0x10, 0x00, 0, 0, 0, 0, ...text];
  });
  const body = [...go, ...mtos];
  return [...be16(12 + body.length), ...be16(1), 0xd4, 0xc4, 0xc2, 0x40, ...be32(1), ...body];
}

const WRITE_MASK = 0x0078_0005;
const WRITE_DATA = 0x0076_0005;
const READ_DATA = 0x0077_0005;
const ASCII = 0x0000_0040;
const OPCMD = 0x8000_0000;
const MSG = 0x4000_0000;

describe('SCLP READ SCP INFO and READ CPU INFO', () => {
  it('reports storage increments, the CPUs, the load parameter and READ CPU INFO as a facility', () => {
    const { storage, call } = setup(4, [0, 1, 5]);
    expect(call(0x0002_0001, 4096)).toBe(0x0010);
    expect(storage.readU16(SCCB + 8) * storage.readU8(SCCB + 10)).toBe(4);
    expect(storage.readU16(SCCB + 16)).toBe(3);
    const offset = storage.readU16(SCCB + 18);
    expect(offset).toBe(144);
    expect([0, 1, 2].map((i) => storage.readU8(SCCB + offset + 16 * i))).toEqual([0, 1, 5]);
    expect(decodeEbcdic(storage.read(SCCB + 24, 8))).toBe('LOADPARM');
    expect(storage.readU8(SCCB + 48) & 0x0c).toBe(0x0c);
    expect(storage.readU16(SCCB + 120)).toBe(5);
    expect(call(0x0012_0001, 4096)).toBe(0x0010);
  });

  it('grows the increment size so that there are at most 1020 increments', () => {
    expect(storageIncrements(256 * 1024 * 1024)).toEqual({ sizeMb: 1, count: 256 });
    expect(storageIncrements(4096 * 1024 * 1024)).toEqual({ sizeMb: 8, count: 512 });
  });

  it('answers READ CPU INFO with every CPU configured and none in standby', () => {
    const { storage, call } = setup(4, [0, 1]);
    expect(call(0x0001_0001, 256)).toBe(0x0010);
    expect(storage.readU16(SCCB + 8)).toBe(2);
    expect(storage.readU16(SCCB + 10)).toBe(24);
    expect(storage.readU16(SCCB + 12)).toBe(0);
    expect(storage.readU8(SCCB + 24 + 16)).toBe(1);
  });

  it('refuses an SCCB too short for the CPU entries, one crossing a 4 KB boundary, and an unknown command', () => {
    const { call, storage } = setup(4, [0, 1]);
    expect(call(0x0002_0001, 150)).toBe(0x0300);
    expect(call(0x0002_0001, 4096, [], SCCB + 8)).toBe(0x0100);
    // The boundary violation stored only the response code: the rest is untouched.
    expect(storage.readU16(SCCB + 8 + 16)).toBe(0);
    expect(call(0x0099_0001, 64)).toBe(0x01f0);
  });
});

describe('SCLP event facility: the HMC console', () => {
  it('WRITE EVENT MASK stores the guest masks and returns what the SCLP sends and receives', () => {
    const { storage, call } = setup();
    expect(call(WRITE_MASK, 28, maskBody(ASCII | OPCMD, MSG | ASCII))).toBe(0x0020);
    expect(storage.readU32(SCCB + 20)).toBe(MSG | ASCII);
    expect(storage.readU32(SCCB + 24)).toBe((OPCMD | ASCII) >>> 0);
    expect(call(WRITE_MASK, 28, [0, 0, ...be16(8)])).toBe(0x74f0);
    expect(call(WRITE_MASK, 20, maskBody(ASCII, ASCII).slice(0, 12))).toBe(0x0300);
  });

  it('WRITE EVENT DATA sends ASCII console data and line-mode messages to the console', () => {
    const { storage, call, written } = setup();
    const ascii = eventBuffer(
      0x1a,
      Array.from('HELLO\r\nWORLD\r\n', (c) => c.charCodeAt(0)),
    );
    const message = eventBuffer(0x02, mdb(['LINE ONE', 'LINE TWO']));
    expect(call(WRITE_DATA, 8 + ascii.length + message.length, [...ascii, ...message])).toBe(0x0020);
    expect(written.join('')).toBe('HELLO\nWORLD\nLINE ONE\nLINE TWO\n');
    // Both buffers are marked accepted.
    expect(storage.readU8(SCCB + 8 + 3)).toBe(0x80);
    expect(storage.readU8(SCCB + 8 + ascii.length + 3)).toBe(0x80);
  });

  it('WRITE EVENT DATA refuses a bad function code, a malformed buffer or MDB, and an event type it does not take', () => {
    const { call, written } = setup();
    const ascii = eventBuffer(0x1a, [0x41]);
    expect(call(WRITE_DATA, 8 + ascii.length, ascii, SCCB, 1)).toBe(0x40f0);
    expect(call(WRITE_DATA, 8 + 4, [0, 4, 0x1a, 0])).toBe(0x73f0);
    expect(call(WRITE_DATA, 8 + 7, [0, 9, 0x1a, 0, 0, 0, 0x41])).toBe(0x73f0);
    const badTag = eventBuffer(
      0x02,
      mdb(['X']).map((b, i) => (i === 4 ? 0 : b)),
    );
    expect(call(WRITE_DATA, 8 + badTag.length, badTag)).toBe(0x73f0);
    const quiesce = eventBuffer(0x1d, []);
    expect(call(WRITE_DATA, 8 + quiesce.length, quiesce)).toBe(0x40f0);
    expect(written).toEqual([]);
  });

  it('READ EVENT DATA hands an operator line over as ASCII console data, once', () => {
    const { storage, sclp, call } = setup();
    expect(call(READ_DATA, 256)).toBe(0x60f0);
    call(WRITE_MASK, 28, maskBody(ASCII, ASCII));
    sclp.operatorInput('ipl cms');
    expect(call(READ_DATA, 256)).toBe(0x0010);
    expect(storage.readU16(SCCB + 8)).toBe(6 + 8);
    expect(storage.readU8(SCCB + 10)).toBe(0x1a);
    expect(new TextDecoder().decode(storage.read(SCCB + 14, 8))).toBe('ipl cms\r');
    expect(call(READ_DATA, 256)).toBe(0x60f0);
  });

  it('READ EVENT DATA gives an operator command (type 0x01) in GDS vectors to a guest that takes only those', () => {
    const { storage, sclp, call } = setup();
    call(WRITE_MASK, 28, maskBody(OPCMD, MSG));
    sclp.operatorInput('Q TIME');
    expect(call(READ_DATA, 256)).toBe(0x0010);
    const buffer = SCCB + 8;
    expect(storage.readU8(buffer + 2)).toBe(0x01);
    expect(storage.readU16(buffer + 8)).toBe(0x1310);
    expect(storage.readU16(buffer + 12)).toBe(0x1311);
    expect(storage.readU8(buffer + 15)).toBe(0x30);
    expect(storage.readU8(buffer + 17)).toBe(0x01);
    const textLength = storage.readU8(buffer + 16) - 2;
    expect(decodeEbcdic(storage.read(buffer + 18, textLength))).toBe('Q TIME');
    expect(storage.readU16(buffer)).toBe(18 + textLength);
  });

  it('READ EVENT DATA checks the function code and the selection mask', () => {
    const { sclp, call } = setup();
    expect(call(READ_DATA, 256, be32(ASCII), SCCB, 1)).toBe(0x70f0);
    call(WRITE_MASK, 28, maskBody(ASCII, ASCII));
    expect(call(READ_DATA, 256, be32(OPCMD), SCCB, 1)).toBe(0x70f0);
    sclp.operatorInput('x');
    expect(call(READ_DATA, 256, be32(ASCII), SCCB, 1)).toBe(0x0010);
    expect(call(READ_DATA, 256, [], SCCB, 7)).toBe(0x40f0);
  });

  it('leaves a line that does not fit in the SCCB pending', () => {
    const { sclp, call } = setup();
    call(WRITE_MASK, 28, maskBody(ASCII, ASCII));
    sclp.operatorInput('a rather long line');
    expect(call(READ_DATA, 16)).toBe(0x60f0);
    expect(sclp.pendingInput).toBe(1);
  });
});

describe('SCLP service signal', () => {
  it('is pending for a CPU with CR0 bit 54 only, carries the SCCB address, and is taken once', () => {
    const { sclp, call, signals } = setup();
    call(0x0002_0001, 4096);
    expect(signals()).toBe(1);
    expect(sclp.pending(CPU, 0)).toBe(false);
    expect(sclp.pending(CPU, 0x0200)).toBe(true);
    expect(sclp.take(CPU, 0)).toBeNull();
    expect(sclp.take(CPU, 0x0200)).toEqual({ code: 0x2401, subclassMask: 0x0200, parameter: SCCB });
    expect(sclp.pending(CPU, 0x0200)).toBe(false);
  });

  it('signals typed input (parameter: event pending, no SCCB) once the guest takes console input', () => {
    const { sclp, call } = setup();
    sclp.operatorInput('early');
    // No receive mask yet: nothing to signal.
    expect(sclp.pending(CPU, 0x0200)).toBe(false);
    call(WRITE_MASK, 28, maskBody(ASCII, ASCII));
    // The WRITE EVENT MASK completion and the input: one signal carries both (the event-pending bit).
    expect(sclp.take(CPU, 0x0200)?.parameter).toBe(SCCB | 1);
    expect(sclp.take(CPU, 0x0200)).toBeNull();
    call(READ_DATA, 256);
    expect(sclp.take(CPU, 0x0200)?.parameter).toBe(SCCB);
    sclp.operatorInput('later');
    expect(sclp.take(CPU, 0x0200)?.parameter).toBe(1);
  });
});
