import { describe, expect, it } from 'vitest';
import {
  DEV_DONE,
  DEV_STATUS_MODIFIER,
  DEV_UNIT_CHECK,
  DEV_UNIT_EXCEPTION,
} from '../../../../src/engine/io/channel/ccw-device';
import { Harness, pattern } from './channel-harness';

const PROGRAM = 0x1000;
const BUF = 0x4000;
const FMT0 = 0x0000_ff00;
const NORMAL_END = 0x4007; // start function, primary + secondary + status pending
const ALERT_END = 0x4017;

function setup() {
  const h = new Harness();
  const dev = h.device();
  return { h, dev };
}

describe('channel program: data transfer and chaining', () => {
  it('a format-1 READ stores the device data and ends with CE+DE after the latency', () => {
    const { h, dev } = setup();
    dev.reply = () => ({ status: DEV_DONE, data: pattern(8), latencyNs: 50_000 });
    h.ccw1(PROGRAM, 0x02, 0x00, 8, BUF);
    expect(h.start(0, PROGRAM)).toBe(0);
    h.run(40_000);
    expect(h.storage.read(BUF, 8)).toEqual(pattern(8));
    expect(h.css.pending(0xff)).toBe(false);
    h.run(20_000);
    expect(h.css.pending(0x10)).toBe(true); // ISC 3
    expect(h.css.pending(0xef)).toBe(false);
    const io = h.css.take(0xff)!;
    expect(io).toEqual({ subsystemId: 0x0001_0000, parameter: 0x1234_5678, idWord: 3 << 27 });
    const t = h.test(0);
    expect(t.cc).toBe(0);
    expect(t.w0 & 0xffff).toBe(NORMAL_END);
    expect(t.cpa).toBe(PROGRAM + 8);
    expect(t.w2).toBe(0x0c00_0000);
    expect(h.test(0).cc).toBe(1);
  });

  it('a format-0 CCW uses a 24-bit data address and flags in the second word', () => {
    const { h } = setup();
    h.ccw0(PROGRAM, 0x02, BUF, 0x00, 4);
    expect(h.start(0, PROGRAM, FMT0)).toBe(0);
    h.run();
    expect(h.storage.read(BUF, 4)).toEqual(pattern(4));
    expect(h.test(0).w2).toBe(0x0c00_0000);
  });

  it('command chaining runs each command; only the first is marked first', () => {
    const { h, dev } = setup();
    h.storage.write(BUF, Uint8Array.of(1, 2, 3));
    h.ccw1(PROGRAM, 0x01, 0x40, 3, BUF);
    h.ccw1(PROGRAM + 8, 0x03, 0x40, 1, 0);
    h.ccw1(PROGRAM + 16, 0x02, 0x00, 2, BUF + 0x100);
    h.start(0, PROGRAM);
    h.run();
    expect(dev.commands.map((c) => [c.code, c.first, c.chained])).toEqual([
      [0x01, true, true],
      [0x03, false, true],
      [0x02, false, false],
    ]);
    expect(dev.commands[0].data).toEqual(Uint8Array.of(1, 2, 3));
    const t = h.test(0);
    expect(t.cpa).toBe(PROGRAM + 24);
    expect(t.w2).toBe(0x0c00_0000);
  });

  it('data chaining joins the CCWs into one command and scatters read data across them', () => {
    const { h, dev } = setup();
    h.ccw1(PROGRAM, 0x02, 0x80, 3, BUF);
    h.ccw1(PROGRAM + 8, 0x00, 0x80, 2, BUF + 0x100); // command code of a continuation is ignored
    h.ccw1(PROGRAM + 16, 0x00, 0x00, 4, BUF + 0x200);
    h.start(0, PROGRAM);
    h.run();
    expect(dev.commands).toHaveLength(1);
    expect(dev.commands[0].count).toBe(9);
    expect(h.storage.read(BUF, 3)).toEqual(pattern(3));
    expect(h.storage.read(BUF + 0x100, 2)).toEqual(pattern(2, 0xa3));
    expect(h.storage.read(BUF + 0x200, 4)).toEqual(pattern(4, 0xa5));
    expect(h.test(0).cpa).toBe(PROGRAM + 24);
  });

  it('data chaining gathers write data from every CCW', () => {
    const { h, dev } = setup();
    h.storage.write(BUF, Uint8Array.of(1, 2));
    h.storage.write(BUF + 0x300, Uint8Array.of(3, 4, 5));
    h.ccw1(PROGRAM, 0x01, 0x80, 2, BUF);
    h.ccw1(PROGRAM + 8, 0x01, 0x00, 3, BUF + 0x300);
    h.start(0, PROGRAM);
    h.run();
    expect(dev.commands[0].data).toEqual(Uint8Array.of(1, 2, 3, 4, 5));
  });

  it('SKIP suppresses storing on a read, also for one CCW of a data chain', () => {
    const { h } = setup();
    h.storage.write(BUF, Uint8Array.of(9, 9, 9, 9));
    h.ccw1(PROGRAM, 0x02, 0x90, 2, BUF); // CD + SKIP
    h.ccw1(PROGRAM + 8, 0x02, 0x00, 2, BUF + 2);
    h.start(0, PROGRAM);
    h.run();
    expect(h.storage.read(BUF, 4)).toEqual(Uint8Array.of(9, 9, 0xa2, 0xa3));
    expect(h.test(0).w2).toBe(0x0c00_0000);
  });

  it('a short read without SLI is incorrect length and stops command chaining', () => {
    const { h, dev } = setup();
    dev.reply = () => ({ status: DEV_DONE, data: pattern(3) });
    h.ccw1(PROGRAM, 0x02, 0x40, 8, BUF);
    h.ccw1(PROGRAM + 8, 0x03, 0x00, 1, 0);
    h.start(0, PROGRAM);
    h.run();
    expect(dev.commands).toHaveLength(1);
    const t = h.test(0);
    expect(t.w2).toBe(0x0c40_0005); // CE DE, IL, residual 5
    expect(t.cpa).toBe(PROGRAM + 8);
    expect(t.w0 & 0xffff).toBe(NORMAL_END);
  });

  it('SLI suppresses incorrect length and chaining goes on', () => {
    const { h, dev } = setup();
    dev.reply = (c) => (c.code === 2 ? { status: DEV_DONE, data: pattern(3) } : { status: DEV_DONE });
    h.ccw1(PROGRAM, 0x02, 0x60, 8, BUF);
    h.ccw1(PROGRAM + 8, 0x03, 0x00, 1, 0);
    h.start(0, PROGRAM);
    h.run();
    expect(dev.commands).toHaveLength(2);
    expect(h.test(0).w2).toBe(0x0c00_0000);
  });

  it('a long read stores only the count and is incorrect length', () => {
    const { h, dev } = setup();
    dev.reply = () => ({ status: DEV_DONE, data: pattern(10) });
    h.storage.write(BUF + 4, Uint8Array.of(0x55));
    h.ccw1(PROGRAM, 0x02, 0x00, 4, BUF);
    h.start(0, PROGRAM);
    h.run();
    expect(h.storage.read(BUF, 5)).toEqual(Uint8Array.of(0xa0, 0xa1, 0xa2, 0xa3, 0x55));
    expect(h.test(0).w2).toBe(0x0c40_0000);
  });

  it('a write the device takes only part of is incorrect length with the residual', () => {
    const { h, dev } = setup();
    dev.reply = () => ({ status: DEV_DONE, consumed: 2 });
    h.ccw1(PROGRAM, 0x01, 0x00, 6, BUF);
    h.start(0, PROGRAM);
    h.run();
    expect(h.test(0).w2).toBe(0x0c40_0004);
  });

  it('an immediate control command with a count is incorrect length in format 1 unless the ORB L bit', () => {
    for (const [controls, expected] of [
      [0x0080_ff00, 0x0c40_0004],
      [0x0080_ff80, 0x0c00_0004],
      [FMT0, 0x0c00_0004],
    ] as const) {
      const { h, dev } = setup();
      dev.reply = () => ({ status: DEV_DONE, consumed: 0 });
      if (controls === FMT0) h.ccw0(PROGRAM, 0x03, 0, 0, 4);
      else h.ccw1(PROGRAM, 0x03, 0x00, 4, 0);
      h.start(0, PROGRAM, controls);
      h.run();
      expect(h.test(0).w2).toBe(expected);
    }
  });

  it('status modifier skips the next CCW', () => {
    const { h, dev } = setup();
    dev.reply = (c) => ({ status: c.code === 0x31 ? DEV_DONE | DEV_STATUS_MODIFIER : DEV_DONE });
    h.ccw1(PROGRAM, 0x31, 0x40, 1, BUF);
    h.ccw1(PROGRAM + 8, 0x08, 0x00, 0, PROGRAM); // TIC back: skipped
    h.ccw1(PROGRAM + 16, 0x03, 0x00, 1, 0);
    h.start(0, PROGRAM);
    h.run();
    expect(dev.commands.map((c) => c.code)).toEqual([0x31, 0x03]);
    expect(h.test(0).cpa).toBe(PROGRAM + 24);
  });

  it('unit check ends the program with alert status and the device keeps its sense for SENSE', () => {
    const { h, dev } = setup();
    dev.reply = (c) =>
      c.code === 0x04
        ? { status: DEV_DONE, data: Uint8Array.of(0x80) }
        : { status: DEV_DONE | DEV_UNIT_CHECK };
    h.ccw1(PROGRAM, 0x01, 0x40, 1, BUF);
    h.ccw1(PROGRAM + 8, 0x03, 0x00, 1, 0);
    h.start(0, PROGRAM);
    h.run();
    const t = h.test(0);
    expect(t.w0 & 0xffff).toBe(ALERT_END);
    expect(t.w2).toBe(0x0e00_0000);
    expect(dev.commands).toHaveLength(1);
    // the next program (a SENSE) first tells the device to forget its chain state
    h.ccw1(PROGRAM, 0x04, 0x00, 1, BUF);
    h.start(0, PROGRAM);
    h.run();
    expect(dev.resets).toBe(1);
    expect(h.storage.readU8(BUF)).toBe(0x80);
  });

  it('unit exception ends the chain without alert status', () => {
    const { h, dev } = setup();
    dev.reply = () => ({ status: DEV_DONE | DEV_UNIT_EXCEPTION, data: new Uint8Array(0) });
    h.ccw1(PROGRAM, 0x02, 0x60, 80, BUF);
    h.ccw1(PROGRAM + 8, 0x02, 0x00, 80, BUF);
    h.start(0, PROGRAM);
    h.run();
    const t = h.test(0);
    expect(t.w0 & 0xffff).toBe(NORMAL_END);
    expect(t.w2).toBe(0x0d00_0050);
    expect(dev.commands).toHaveLength(1);
  });

  it('SENSE ID is answered by the channel from the device identity', () => {
    const { h, dev } = setup();
    h.ccw1(PROGRAM, 0xe4, 0x20, 16, BUF);
    h.start(0, PROGRAM);
    h.run();
    expect(dev.commands).toHaveLength(0);
    expect(h.storage.read(BUF, 8)).toEqual(dev.senseId());
    expect(h.test(0).w2).toBe(0x0c00_0008);
  });

  it('read backward stores the data downwards from the data address', () => {
    const { h } = setup();
    h.ccw1(PROGRAM, 0x0c, 0x00, 3, BUF + 10);
    h.start(0, PROGRAM);
    h.run();
    expect(h.storage.read(BUF + 8, 3)).toEqual(Uint8Array.of(0xa2, 0xa1, 0xa0));
  });

  it('a read command the device inspects gets the current buffer contents', () => {
    const { h, dev } = setup();
    dev.inspectsReadBuffer = (code) => code === 0x12;
    h.storage.write(BUF, Uint8Array.of(7, 0, 0, 0));
    h.ccw1(PROGRAM, 0x12, 0x00, 4, BUF);
    h.start(0, PROGRAM);
    h.run();
    expect(dev.commands[0].data).toEqual(Uint8Array.of(7, 0, 0, 0));
  });
});

describe('channel program: TIC and bad programs', () => {
  function ends(h: Harness) {
    h.run();
    return h.test(0);
  }

  it('TIC continues the program at its address', () => {
    const { h, dev } = setup();
    h.ccw1(PROGRAM, 0x03, 0x40, 1, 0);
    h.ccw1(PROGRAM + 8, 0x08, 0x00, 0, 0x2000);
    h.ccw1(0x2000, 0x02, 0x00, 2, BUF);
    h.start(0, PROGRAM);
    const t = ends(h);
    expect(dev.commands.map((c) => c.code)).toEqual([0x03, 0x02]);
    expect(t.cpa).toBe(0x2008);
  });

  it('TIC to TIC is a program check', () => {
    const { h } = setup();
    h.ccw1(PROGRAM, 0x08, 0x00, 0, 0x2000);
    h.ccw1(0x2000, 0x08, 0x00, 0, 0x3000);
    h.start(0, PROGRAM);
    const t = ends(h);
    expect(t.w2).toBe(0x0020_0000);
    expect(t.w0 & 0xffff).toBe(ALERT_END);
    expect(t.cpa).toBe(0x2008);
  });

  it('a format-1 TIC with flags or a count is a program check; format 0 ignores them', () => {
    const { h } = setup();
    h.ccw1(PROGRAM, 0x08, 0x40, 0, 0x2000);
    h.start(0, PROGRAM);
    expect(ends(h).w2).toBe(0x0020_0000);
    h.ccw0(PROGRAM, 0x08, 0x2000, 0x40, 5);
    h.ccw0(0x2000, 0x03, 0, 0, 1);
    h.start(0, PROGRAM, FMT0);
    expect(ends(h).w2).toBe(0x0c00_0000);
  });

  it('program checks: invalid command code, misaligned CCW, CCW beyond storage, zero count, MIDA', () => {
    const cases: [string, number, (h: Harness) => void][] = [
      ['invalid code', PROGRAM, (h) => h.ccw1(PROGRAM, 0x00, 0x00, 1, BUF)],
      ['misaligned', PROGRAM + 4, () => {}],
      ['beyond storage', 0x20_0000, () => {}],
      [
        'zero count data-chained',
        PROGRAM,
        (h) => {
          h.ccw1(PROGRAM, 0x02, 0x80, 1, BUF);
          h.ccw1(PROGRAM + 8, 0, 0, 0, BUF);
        },
      ],
      ['MIDA', PROGRAM, (h) => h.ccw1(PROGRAM, 0x02, 0x01, 1, BUF)],
      ['data address bit 0', PROGRAM, (h) => h.ccw1(PROGRAM, 0x02, 0x00, 1, 0x8000_4000)],
      ['suspend without ORB S', PROGRAM, (h) => h.ccw1(PROGRAM, 0x03, 0x02, 1, 0)],
      ['data beyond storage', PROGRAM, (h) => h.ccw1(PROGRAM, 0x01, 0x00, 4, 0xf_fffe + 0x10_0000)],
    ];
    for (const [name, cpa, build] of cases) {
      const { h, dev } = setup();
      build(h);
      expect(h.start(0, cpa), name).toBe(0);
      const t = ends(h);
      expect(t.w2, name).toBe(0x0020_0000);
      expect(t.w0 & 0xffff, name).toBe(ALERT_END);
      expect(dev.commands, name).toHaveLength(0);
    }
  });

  it('a zero count is a program check in format 0 and allowed for a format-1 command', () => {
    const { h, dev } = setup();
    h.ccw0(PROGRAM, 0x03, 0, 0, 0);
    h.start(0, PROGRAM, FMT0);
    expect(ends(h).w2).toBe(0x0020_0000);
    h.ccw1(PROGRAM, 0x03, 0x00, 0, 0);
    h.start(0, PROGRAM);
    expect(ends(h).w2).toBe(0x0c00_0000);
    expect(dev.commands).toHaveLength(1);
  });

  it('key-controlled protection: a store into a frame of another key is a protection check', () => {
    const { h } = setup();
    h.storage.setKey(BUF, 0x30);
    h.ccw1(PROGRAM, 0x02, 0x00, 4, BUF);
    h.start(0, PROGRAM, 0x2080_ff00); // ORB key 2
    const t = ends(h);
    expect(t.w2).toBe(0x0c10_0000);
    expect(t.w0 >>> 28).toBe(2);
    expect(h.storage.read(BUF, 4)).toEqual(new Uint8Array(4));
    // key 3 may store, and the change bit is set
    h.start(0, PROGRAM, 0x3080_ff00);
    expect(ends(h).w2).toBe(0x0c00_0000);
    expect(h.storage.getKey(BUF) & 0x06).toBe(0x06);
  });

  it('a fetch-protected CCW is a protection check before the device sees anything', () => {
    const { h, dev } = setup();
    h.ccw1(PROGRAM, 0x03, 0x00, 1, 0);
    h.storage.setKey(PROGRAM, 0x38);
    h.start(0, PROGRAM, 0x2080_ff00);
    expect(ends(h).w2).toBe(0x0010_0000);
    expect(dev.commands).toHaveLength(0);
  });

  it('a CD loop through a TIC ends in a program check instead of running forever', () => {
    const { h } = setup();
    h.ccw1(PROGRAM, 0x02, 0x80, 1, BUF);
    h.ccw1(PROGRAM + 8, 0x08, 0x00, 0, PROGRAM);
    h.start(0, PROGRAM);
    expect(ends(h).w2).toBe(0x0020_0000);
  });
});

describe('channel program: IDAWs', () => {
  it('format-1 IDAWs: the first anywhere, the next on 2 KiB boundaries', () => {
    const { h } = setup();
    h.storage.writeU32(0x3000, 0x5000 + 0x7fe);
    h.storage.writeU32(0x3004, 0x9000);
    h.ccw1(PROGRAM, 0x02, 0x04, 5, 0x3000);
    h.start(0, PROGRAM);
    h.run();
    expect(h.storage.read(0x57fe, 2)).toEqual(pattern(2));
    expect(h.storage.read(0x9000, 3)).toEqual(pattern(3, 0xa2));
    expect(h.test(0).w2).toBe(0x0c00_0000);
  });

  it('format-2 IDAWs (ORB H): 64-bit addresses, 4 KiB blocks', () => {
    const { h } = setup();
    h.storage.writeU64(0x3000, 0x5ffen);
    h.storage.writeU64(0x3008, 0x9000n);
    h.ccw1(PROGRAM, 0x01, 0x04, 4, 0x3000);
    h.storage.write(0x5ffe, Uint8Array.of(1, 2));
    h.storage.write(0x9000, Uint8Array.of(3, 4));
    const { dev } = { dev: h.css.subchannel(0)!.device as unknown as { commands: { data: Uint8Array }[] } };
    h.start(0, PROGRAM, 0x0082_ff00);
    h.run();
    expect(dev.commands[0].data).toEqual(Uint8Array.of(1, 2, 3, 4));
    expect(h.test(0).w2).toBe(0x0c00_0000);
  });

  it('an IDAW off a block boundary, a misaligned IDAW list, or IDAW bit 0 is a program check', () => {
    for (const build of [
      (h: Harness) => {
        h.storage.writeU32(0x3000, 0x5000);
        h.storage.writeU32(0x3004, 0x9004);
        return 0x3000;
      },
      (h: Harness) => {
        h.storage.writeU32(0x3002, 0x5000);
        return 0x3002;
      },
      (h: Harness) => {
        h.storage.writeU32(0x3000, 0x8000_5000);
        return 0x3000;
      },
    ]) {
      const { h } = setup();
      h.ccw1(PROGRAM, 0x02, 0x04, 0x1000, build(h));
      h.start(0, PROGRAM);
      h.run();
      expect(h.test(0).w2).toBe(0x0020_0000);
    }
  });
});

describe('channel program: PCI, initial status, suspend and resume', () => {
  it('PCI makes intermediate status pending while the program goes on', () => {
    const { h, dev } = setup();
    dev.reply = () => ({ status: DEV_DONE, latencyNs: 10_000 });
    h.ccw1(PROGRAM, 0x03, 0x48, 1, 0); // CC + PCI
    h.ccw1(PROGRAM + 8, 0x03, 0x00, 1, 0);
    h.start(0, PROGRAM);
    h.run(5_000);
    expect(h.css.pending(0xff)).toBe(true);
    const t = h.test(0);
    expect(t.cc).toBe(0);
    expect(t.w0 & 0xffff).toBe(0x40c9); // start, subchannel + device active, intermediate + pending
    expect(t.w2 >>> 16).toBe(0x0080);
    expect(h.css.pending(0xff)).toBe(false);
    h.run();
    const final = h.test(0);
    expect(final.w0 & 0xffff).toBe(NORMAL_END);
    expect(final.w2).toBe(0x0c00_0000);
    expect(dev.commands).toHaveLength(2);
  });

  it('PCI not yet cleared is reported with the final status', () => {
    const { h } = setup();
    h.ccw1(PROGRAM, 0x03, 0x08, 1, 0);
    h.start(0, PROGRAM);
    h.run();
    const t = h.test(0);
    expect(t.w0 & 0xffff).toBe(0x400f);
    expect(t.w2).toBe(0x0c80_0000);
  });

  it('the ORB I bit gives initial status with the zero-CC bit', () => {
    const { h, dev } = setup();
    dev.reply = () => ({ status: DEV_DONE, latencyNs: 10_000 });
    h.ccw1(PROGRAM, 0x03, 0x00, 1, 0);
    h.start(0, PROGRAM, 0x00a0_ff00);
    h.run(5_000);
    const t = h.test(0);
    expect(t.w0 & 0x0004_0000).toBe(0x0004_0000);
    expect(t.w0 & 0x1f).toBe(0x09);
    h.run();
    expect(h.test(0).w0 & 0xffff).toBe(NORMAL_END);
  });

  it('a suspend flag suspends the program; RSCH resumes it at that CCW', () => {
    const { h, dev } = setup();
    h.ccw1(PROGRAM, 0x03, 0x40, 1, 0);
    h.ccw1(PROGRAM + 8, 0x02, 0x02, 2, BUF); // S
    h.start(0, PROGRAM, 0x0880_ff00);
    h.run();
    expect(dev.commands).toHaveLength(1);
    const t = h.test(0);
    expect(t.w0 & 0xffff).toBe(0x4029); // start, suspended, intermediate + pending
    expect(t.cpa).toBe(PROGRAM + 16);
    expect(h.css.resumeSubchannel(0)).toBe(0);
    expect(h.css.resumeSubchannel(0)).toBe(2); // resume already pending
    h.run();
    expect(dev.commands.map((c) => c.code)).toEqual([0x03, 0x02]);
    expect(h.test(0).w0 & 0xffff).toBe(NORMAL_END);
  });

  it('the ORB U bit suppresses the suspension interruption', () => {
    const { h } = setup();
    h.ccw1(PROGRAM, 0x03, 0x02, 1, 0);
    h.start(0, PROGRAM, 0x0888_ff00);
    h.run();
    expect(h.css.pending(0xff)).toBe(false);
    expect(h.test(0).cc).toBe(1);
  });

  it('RSCH before the suspension lets the program pass its suspend flag', () => {
    const { h, dev } = setup();
    h.ccw1(PROGRAM, 0x03, 0x02, 1, 0);
    h.start(0, PROGRAM, 0x0880_ff00);
    expect(h.css.resumeSubchannel(0)).toBe(0);
    h.run();
    expect(dev.commands).toHaveLength(1);
    expect(h.test(0).w0 & 0xffff).toBe(NORMAL_END);
  });
});

describe('adapter interruptions and subsystem reset', () => {
  it('an adapter interruption is one pending request per ISC with identification bit 0', () => {
    const { h, dev } = setup();
    dev.context!.adapterInterruption(2);
    dev.context!.adapterInterruption(2);
    expect(h.pendingSignals).toBe(1);
    expect(h.css.pending(0x20)).toBe(true);
    expect(h.css.take(0xff)).toEqual({ subsystemId: 0, parameter: 0, idWord: 0x8000_0000 | (2 << 27) });
    expect(h.css.take(0xff)).toBeNull();
  });

  it('reset leaves every subchannel idle, disabled and without pending status', () => {
    const { h, dev } = setup();
    dev.reply = () => ({ status: DEV_DONE, latencyNs: 50_000 });
    h.ccw1(PROGRAM, 0x03, 0x00, 1, 0);
    h.start(0, PROGRAM);
    h.run(10_000);
    h.css.reset();
    h.run();
    const sch = h.css.subchannel(0)!;
    expect([sch.enabled, sch.control, h.css.pending(0xff)]).toEqual([false, 0, false]);
    expect(dev.resets).toBe(1);
  });
});
