import { MainStorage } from '../../../../src/engine/arch/main-storage';
import {
  type CcwCommand,
  type CcwDevice,
  type CcwOutcome,
  DEV_DONE,
  type DeviceContext,
} from '../../../../src/engine/io/channel/ccw-device';
import { ChannelSubsystem } from '../../../../src/engine/io/channel/channel-subsystem';
import { EventQueue } from '../../../../src/engine/sim/event-queue';

/**
 * A channel subsystem on 1 MiB of storage with its own virtual clock, and a scriptable test device:
 * reads answer `count` bytes 0xA0, 0xA1, ... unless `reply` says otherwise; writes consume everything.
 */
export class TestDevice implements CcwDevice {
  readonly kind = 'test';
  readonly commands: CcwCommand[] = [];
  context: DeviceContext | undefined;
  resets = 0;
  inspectsReadBuffer?: (code: number) => boolean;
  reply: (command: CcwCommand) => CcwOutcome = (command) =>
    (command.code & 3) === 2 || (command.code & 0xf) === 4 || (command.code & 0xf) === 0xc
      ? { status: DEV_DONE, data: pattern(command.count) }
      : { status: DEV_DONE };

  senseId(): Uint8Array {
    return Uint8Array.of(0xff, 0x12, 0x34, 0x01, 0x56, 0x78, 0x02, 0x00);
  }

  execute(command: CcwCommand): CcwOutcome {
    this.commands.push({ ...command, data: command.data.slice() });
    return this.reply(command);
  }

  attach(context: DeviceContext): void {
    this.context = context;
  }

  reset(): void {
    this.resets++;
  }
}

export function pattern(n: number, base = 0xa0): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (base + i) & 0xff);
}

export class Harness {
  readonly storage = new MainStorage(1 << 20);
  readonly events = new EventQueue();
  readonly trace: string[] = [];
  now = 0;
  pendingSignals = 0;
  readonly css = new ChannelSubsystem({
    storage: this.storage,
    now: () => this.now,
    after: (delayNs, label, fire) => this.events.schedule(this.now + delayNs, label, fire),
    interruptionPending: () => this.pendingSignals++,
    trace: (line) => this.trace.push(line),
  });

  /** Fires every event due up to `ns` from now (all of them when omitted). */
  run(ns = Number.POSITIVE_INFINITY): void {
    const limit = this.now + ns;
    while (this.events.size > 0 && this.events.peekTime() <= limit) {
      const e = this.events.pop()!;
      this.now = Math.max(this.now, e.at);
      e.fire();
    }
    if (Number.isFinite(limit)) this.now = limit;
  }

  /** Attaches a test device and enables its subchannel (ISC `isc`); returns the device. */
  device(devno = 0x0190, isc = 3): TestDevice {
    const d = new TestDevice();
    const sch = this.css.attach(devno, d);
    sch.enabled = true;
    sch.isc = isc;
    return d;
  }

  /** A format-1 CCW at `at`. */
  ccw1(at: number, code: number, flags: number, count: number, address: number): void {
    this.storage.writeU32(at, (code << 24) | (flags << 16) | count);
    this.storage.writeU32(at + 4, address);
  }

  /** A format-0 CCW at `at`. */
  ccw0(at: number, code: number, address: number, flags: number, count: number): void {
    this.storage.writeU32(at, (code << 24) | address);
    this.storage.writeU32(at + 4, (flags << 24) | count);
  }

  /** SSCH through the port with an ORB: format 1 unless `controls` says otherwise. */
  start(sch: number, cpa: number, controls = 0x0080_ff00, intparm = 0x1234_5678): number {
    const orb = new Uint8Array(12);
    const dv = new DataView(orb.buffer);
    dv.setUint32(0, intparm);
    dv.setUint32(4, controls);
    dv.setUint32(8, cpa);
    return this.css.startSubchannel(sch, orb);
  }

  /** TSCH through the port: the SCSW words and the CC; the status is accepted on CC 0. */
  test(sch: number): { cc: number; w0: number; cpa: number; w2: number; irb: Uint8Array } {
    const irb = new Uint8Array(64);
    const cc = this.css.testSubchannel(sch, irb);
    if (cc === 0) this.css.acceptStatus(sch);
    const dv = new DataView(irb.buffer);
    return { cc, w0: dv.getUint32(0), cpa: dv.getUint32(4), w2: dv.getUint32(8), irb };
  }
}
