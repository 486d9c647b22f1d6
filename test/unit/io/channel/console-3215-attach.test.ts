import { describe, expect, it } from 'vitest';
import { encodeEbcdic } from '../../../../src/engine/io/ebcdic-037';
import { DEFAULT_CEC } from '../../../../src/engine/sim/cec-config';
import { attachConsole3215 } from '../../../../src/engine/sim/console-3215-attach';
import { Machine } from '../../../../src/engine/sim/machine';

function orb(cpa: number): Uint8Array {
  const b = new Uint8Array(12);
  new DataView(b.buffer).setUint32(4, 0x0080_ff00);
  new DataView(b.buffer).setUint32(8, cpa);
  return b;
}

describe('a 3215 console on a machine line console', () => {
  it('shows what the program writes and hands typed lines to the program', () => {
    const m = new Machine({ seed: 1, cec: { ...DEFAULT_CEC, cpus: 1, storageMiB: 4 } });
    const { console } = attachConsole3215(m, 0x001f, 'opr', 'Operator console');
    const css = m.channel;
    const sch = css.byDevno(0x001f)!;
    sch.enabled = true;
    m.storage.write(0x2000, encodeEbcdic('READY'));
    m.storage.writeU32(0x1000, 0x0920_0005);
    m.storage.writeU32(0x1004, 0x2000);
    expect(css.startSubchannel(sch.number, orb(0x1000))).toBe(0);
    m.advance(10_000);
    expect(console.text()).toBe('READY\n');
    css.acceptStatus(sch.number);
    console.input('IPL 190');
    expect(sch.deviceStatus).toBe(0x80);
    css.acceptStatus(sch.number);
    m.storage.writeU32(0x1000, 0x0a20_0050);
    css.startSubchannel(sch.number, orb(0x1000));
    m.advance(10_000);
    expect(m.storage.read(0x2000, 7)).toEqual(encodeEbcdic('IPL 190'));
  });
});
