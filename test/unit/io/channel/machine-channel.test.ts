import { describe, expect, it } from 'vitest';
import { DEV_DONE } from '../../../../src/engine/io/channel/ccw-device';
import { DEFAULT_CEC } from '../../../../src/engine/sim/cec-config';
import { CCW_TRACE_CONSOLE } from '../../../../src/engine/sim/console-ids';
import { Machine } from '../../../../src/engine/sim/machine';
import { TestDevice } from './channel-harness';

const make = () => new Machine({ seed: 1, cec: { ...DEFAULT_CEC, cpus: 2, storageMiB: 4 } });

function orb(cpa: number): Uint8Array {
  const b = new Uint8Array(12);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, 0x77);
  dv.setUint32(4, 0x0080_ff00);
  dv.setUint32(8, cpa);
  return b;
}

describe('the Machine and its channel subsystem', () => {
  it('numbers subchannels in device-number order, or as asked', () => {
    const m = make();
    expect(m.attachDevice(0x0191, new TestDevice())).toBe(0);
    expect(m.attachDevice(0x0009, new TestDevice(), 7)).toBe(7);
    expect(m.attachDevice(0x0190, new TestDevice())).toBe(0);
    expect(m.channel.byDevno(0x0191)!.number).toBe(1);
    expect(m.attachDevice(0x0100, new TestDevice())).toBe(0);
    expect(m.channel.subchannels().map((s) => [s.number, s.devno])).toEqual([
      [0, 0x0100],
      [1, 0x0190],
      [2, 0x0191],
      [7, 0x0009],
    ]);
    expect(() => m.attachDevice(0x0190, new TestDevice())).toThrow(/already attached/);
    expect(() => m.attachDevice(0x0400, new TestDevice(), 7)).toThrow(/already in use/);
  });

  it('wires every CPU to the channel subsystem for instructions and interruptions', () => {
    const m = make();
    for (const cpu of m.cpus) {
      expect(cpu.channel).toBe(m.channel);
      expect(cpu.ioSource).toBe(m.channel);
    }
  });

  it('the ending status arrives after the device latency in virtual time', () => {
    const m = make();
    const dev = new TestDevice();
    dev.reply = () => ({ status: DEV_DONE, latencyNs: 100_000 });
    m.attachDevice(0x0190, dev);
    m.channel.subchannel(0)!.enabled = true;
    m.storage.writeU32(0x1000, 0x0300_0001);
    expect(m.channel.startSubchannel(0, orb(0x1000))).toBe(0);
    m.advance(50_000);
    expect(dev.commands).toHaveLength(1);
    expect(m.channel.pending(0xff)).toBe(false);
    m.advance(60_000);
    expect(m.channel.pending(0xff)).toBe(true);
  });

  it('a traced device writes its ORB, CCWs and status to the CCW trace console', () => {
    const m = make();
    m.attachDevice(0x0190, new TestDevice());
    m.channel.subchannel(0)!.enabled = true;
    expect(m.traceDevice(0x0999, true)).toBe(false);
    expect(m.traceDevice(0x0190, true)).toBe(true);
    m.storage.writeU32(0x1000, 0x0220_0004);
    m.storage.writeU32(0x1004, 0x2000);
    m.channel.startSubchannel(0, orb(0x1000));
    m.advance(10_000);
    expect(m.console(CCW_TRACE_CONSOLE).text().split('\n').filter(Boolean)).toEqual([
      '0190: ORB intparm=00000077 key=0 fmt=1 lpm=FF cpa=00001000',
      '0190: CCW 00001000 02 READ flags=20(SLI) count=0004 addr=00002000',
      '0190: data A0A1A2A3',
      '0190: status dev=0C(CE DE) sch=00 count=0000 cpa=00001008',
    ]);
  });
});
