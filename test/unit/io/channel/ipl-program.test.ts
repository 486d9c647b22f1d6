import { describe, expect, it } from 'vitest';
import { DEV_DONE, DEV_UNIT_CHECK } from '../../../../src/engine/io/channel/ccw-device';
import type { IplOutcome } from '../../../../src/engine/io/channel/channel-subsystem';
import { Harness } from './channel-harness';

/** An IPL record: ESA/390 PSW, then a READ of 8 bytes to 0x2000 and a NOP, both format 0. */
const RECORD = Uint8Array.of(
  ...[0x00, 0x08, 0x00, 0x00, 0x80, 0x00, 0x20, 0x00],
  ...[0x02, 0x00, 0x20, 0x00, 0x60, 0x00, 0x00, 0x08],
  ...[0x03, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x01],
);
const TEXT = Uint8Array.of(0xa7, 0xf4, 0x00, 0x00, 0x07, 0x07, 0x07, 0x07);

describe('the IPL channel program', () => {
  it('reads 24 bytes to absolute 0 and chains on at 8, with no I/O interruption', () => {
    const h = new Harness();
    const dev = h.device(0x0a80);
    h.css.subchannel(0)!.enabled = false; // IPL needs no MSCH
    let read = 0;
    dev.reply = (c) =>
      c.code === 0x02 ? { status: DEV_DONE, data: read++ === 0 ? RECORD : TEXT } : { status: DEV_DONE };
    const outcomes: IplOutcome[] = [];
    expect(h.css.ipl(0x0a80, (o) => outcomes.push(o))).toBe(true);
    h.run();
    expect(outcomes).toEqual([
      { ok: true, subsystemId: 0x0001_0000, deviceStatus: DEV_DONE, subchannelStatus: 0 },
    ]);
    expect(h.storage.read(0, 24)).toEqual(RECORD);
    expect(h.storage.read(0x2000, 8)).toEqual(TEXT);
    expect(dev.commands.map((c) => [c.code, c.count, c.first])).toEqual([
      [0x02, 24, true],
      [0x02, 8, false],
      [0x03, 1, false],
    ]);
    expect(h.css.pending(0xff)).toBe(false);
    expect(h.test(0).cc).toBe(1);
  });

  it('a unit check fails the IPL and says so; an unknown device is refused', () => {
    const h = new Harness();
    const dev = h.device(0x0a80);
    dev.reply = () => ({ status: DEV_DONE | DEV_UNIT_CHECK });
    let outcome: IplOutcome | undefined;
    h.css.ipl(0x0a80, (o) => {
      outcome = o;
    });
    h.run();
    expect(outcome).toEqual({
      ok: false,
      subsystemId: 0x0001_0000,
      deviceStatus: DEV_DONE | DEV_UNIT_CHECK,
      subchannelStatus: 0,
    });
    expect(h.css.ipl(0x0b00, () => {})).toBe(false);
  });
});
