import { type ChannelSubsystemPort, PORT_OPERAND_EXCEPTION } from '../../arch/channel-port';
import type { IoInterruption, IoInterruptionSource } from '../../arch/interruptions';
import type { MainStorage } from '../../arch/main-storage';
import {
  type CcwDevice,
  DEV_DEVICE_END,
  DEV_DONE,
  DEV_UNIT_CHECK,
  DEV_UNIT_EXCEPTION,
  type DeviceContext,
} from './ccw-device';
import {
  CHANNEL_MIN_NS,
  type ChannelHost,
  deviceStatusText,
  hex4,
  scheduleStep,
  traceOrb,
} from './channel-program';
import { InterruptionQueue } from './interruption-queue';
import { decodeOrb, type Orb } from './orb';
import {
  AC_DEVICE_ACTIVE,
  AC_HALT_PENDING,
  AC_CLEAR_PENDING,
  AC_RESUME_PENDING,
  AC_START_PENDING,
  AC_SUBCHANNEL_ACTIVE,
  AC_SUSPENDED,
  FC_CLEAR,
  FC_HALT,
  FC_START,
  SC_ALERT,
  SC_MASK,
  SC_PENDING,
  SC_PRIMARY,
  SC_SECONDARY,
  SCH_PCI,
  SCSW_ZERO_CC,
  putWord,
} from './scsw';
import { Subchannel } from './subchannel';

/**
 * The channel subsystem (reference/domain-architecture.md §6): subchannel set 0 with one subchannel
 * per attached device, the I/O instructions' semantics (it implements the arch layer's
 * `ChannelSubsystemPort`), the I/O interruption queues (`IoInterruptionSource`), channel reports and
 * the per-device CCW trace. Time comes from the host: `after` schedules in virtual time.
 */
export interface ChannelSubsystemOptions {
  readonly storage: MainStorage;
  /** Virtual time now, in ns. */
  now(): number;
  /** Schedule work in virtual time. */
  after(delayNs: number, label: string, fire: () => void): void;
  /** Told whenever an I/O interruption becomes pending, so CPUs look at their interruptions. */
  interruptionPending?(): void;
  /** Told every CCW trace line of a traced device. */
  trace?(line: string): void;
}

/** How an IPL channel program ended (§10.2). */
export interface IplOutcome {
  /** Channel end and device end without unit check, unit exception or subchannel checks. */
  readonly ok: boolean;
  /** The SID to store at 0xB8. */
  readonly subsystemId: number;
  readonly deviceStatus: number;
  readonly subchannelStatus: number;
}

/** The implicit IPL CCW: READ, data address 0, CC + SLI, count 24 (format 0). */
const IPL_CCW = Uint8Array.of(0x02, 0, 0, 0, 0x60, 0, 0, 24);
/** The IPL program's ORB: key 0, format-0 CCWs, LPM 0x80, channel program at absolute 0. */
const IPL_ORB = Uint8Array.of(0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0);

/** Channel-report word (STCRW): reporting source "subchannel", "installed parameters initialized". */
const CRW_SUBCHANNEL_INSTALLED = (0x3 << 24) | (0x04 << 16);
/** Format-0 measurement block: 32 bytes, SSCH + RSCH count in its first halfword. */
const MEASUREMENT_BLOCK_SIZE = 32;
/** PMCW MM bit 11: measurement-block update enabled for this subchannel. */
const MM_BLOCK_UPDATE = 2;

export class ChannelSubsystem implements ChannelSubsystemPort, IoInterruptionSource {
  readonly storage: MainStorage;
  private readonly options: ChannelSubsystemOptions;
  private readonly table: (Subchannel | undefined)[] = [];
  private readonly explicit = new Set<Subchannel>();
  private readonly queue = new InterruptionQueue();
  private readonly reports: number[] = [];
  /** An I/O instruction or an IPL has run: subchannel numbers are fixed, attachments are reported. */
  private used = false;
  private monitor = { update: false, key: 0, origin: 0 };
  private readonly host: ChannelHost;
  private iplWaiter: { readonly sch: Subchannel; readonly done: (outcome: IplOutcome) => void } | null = null;

  constructor(options: ChannelSubsystemOptions) {
    this.options = options;
    this.storage = options.storage;
    this.host = {
      storage: options.storage,
      after: (delayNs, label, fire) => options.after(delayNs, label, fire),
      statusPending: (sch) => this.makePending(sch),
      trace: (_sch, line) => options.trace?.(line),
    };
  }

  // ---- configuration ----

  /**
   * Attaches a device at device number `devno`. Without an explicit subchannel number, devices
   * attached before the program first used the channel subsystem are numbered in devno order;
   * later ones take the next free number and are announced by a channel report (STCRW).
   */
  attach(devno: number, device: CcwDevice, subchannelNumber?: number): Subchannel {
    if (!Number.isInteger(devno) || devno < 0 || devno > 0xffff) {
      throw new RangeError(`device number must be 0000-FFFF, got ${devno}`);
    }
    if (this.byDevno(devno) !== undefined) throw new RangeError(`device ${hex4(devno)} is already attached`);
    const sch = new Subchannel(-1, devno, device);
    if (subchannelNumber !== undefined) {
      if (!Number.isInteger(subchannelNumber) || subchannelNumber < 0 || subchannelNumber > 0xffff) {
        throw new RangeError(`subchannel number must be 0000-FFFF, got ${subchannelNumber}`);
      }
      if (this.table[subchannelNumber] !== undefined) {
        throw new RangeError(`subchannel ${hex4(subchannelNumber)} is already in use`);
      }
      this.explicit.add(sch);
      this.place(sch, subchannelNumber);
    } else if (this.used) {
      this.place(sch, this.freeNumber(0));
    } else {
      this.renumber(sch);
    }
    device.attach?.(this.context(sch));
    if (this.used) this.reports.push(CRW_SUBCHANNEL_INSTALLED | sch.number);
    return sch;
  }

  /** Numbers the automatically placed subchannels (and `added`) in devno order around the explicit ones. */
  private renumber(added: Subchannel): void {
    const auto = this.table.filter((s): s is Subchannel => s !== undefined && !this.explicit.has(s));
    auto.push(added);
    auto.sort((a, b) => a.devno - b.devno);
    for (const s of auto) if (s.number >= 0) this.table[s.number] = undefined;
    let next = 0;
    for (const s of auto) {
      next = this.freeNumber(next);
      this.place(s, next);
    }
    while (this.table.length > 0 && this.table[this.table.length - 1] === undefined) this.table.length--;
  }

  private freeNumber(from: number): number {
    let n = from;
    while (this.table[n] !== undefined) n++;
    if (n > 0xffff) throw new RangeError('no free subchannel number');
    return n;
  }

  private place(sch: Subchannel, n: number): void {
    sch.number = n;
    this.table[n] = sch;
  }

  private context(sch: Subchannel): DeviceContext {
    const options = this.options;
    return {
      devno: sch.devno,
      storage: this.storage,
      unsolicited: (status) => this.unsolicited(sch, status),
      now: () => options.now(),
      after: (delayNs, label, fire) => options.after(delayNs, label, fire),
      adapterInterruption: (isc) => {
        if (this.queue.addAdapter(isc)) options.interruptionPending?.();
      },
    };
  }

  /** The subchannel with this device number. */
  byDevno(devno: number): Subchannel | undefined {
    return this.table.find((s) => s !== undefined && s.devno === devno);
  }

  subchannel(n: number): Subchannel | undefined {
    return this.table[n];
  }

  /** Every subchannel in subchannel-number order. */
  subchannels(): Subchannel[] {
    return this.table.filter((s): s is Subchannel => s !== undefined);
  }

  /** Turns the CCW trace of a device on or off (Hercules `t+devnum` / `t-devnum`); false when no such device. */
  setTrace(devno: number, on: boolean): boolean {
    const sch = this.byDevno(devno);
    if (sch === undefined) return false;
    sch.tracing = on;
    return true;
  }

  // ---- status and interruptions ----

  private makePending(sch: Subchannel): void {
    const waiter = this.iplWaiter;
    if (waiter !== null && waiter.sch === sch) {
      // The IPL program's status is the IPL function's, not an I/O interruption; intermediate status is dropped.
      if ((sch.statusControl & SC_PRIMARY) === 0) {
        sch.control &= ~SC_MASK;
        return;
      }
      this.iplWaiter = null;
      const outcome: IplOutcome = {
        ok:
          (sch.deviceStatus & DEV_DONE) === DEV_DONE &&
          (sch.deviceStatus & (DEV_UNIT_CHECK | DEV_UNIT_EXCEPTION)) === 0 &&
          (sch.subchannelStatus & ~SCH_PCI) === 0,
        subsystemId: 0x0001_0000 | sch.number,
        deviceStatus: sch.deviceStatus,
        subchannelStatus: sch.subchannelStatus,
      };
      sch.control = 0;
      sch.orb = null;
      waiter.done(outcome);
      return;
    }
    this.queue.add(sch);
    this.options.interruptionPending?.();
  }

  /** Unsolicited status (attention): pending at once when idle, else when the subchannel next becomes idle. */
  private unsolicited(sch: Subchannel, status: number): void {
    if (!sch.enabled) return;
    if (sch.statusPending || sch.functionControl !== 0) {
      sch.deferredStatus |= status;
      return;
    }
    sch.deviceStatus = status;
    sch.subchannelStatus = 0;
    sch.residual = 0;
    sch.flags = 0;
    sch.control = SC_ALERT | SC_PENDING;
    if (sch.tracing) this.host.trace(sch, `${hex4(sch.devno)}: unsolicited dev=${deviceStatusText(status)}`);
    this.makePending(sch);
  }

  private presentDeferred(sch: Subchannel): void {
    const status = sch.deferredStatus;
    if (status === 0 || sch.statusPending || sch.functionControl !== 0) return;
    sch.deferredStatus = 0;
    this.unsolicited(sch, status);
  }

  pending(iscMask: number): boolean {
    return this.queue.pending(iscMask);
  }

  take(iscMask: number): IoInterruption | null {
    return this.queue.take(iscMask);
  }

  // ---- the I/O instructions (ChannelSubsystemPort) ----

  private operational(n: number): Subchannel | undefined {
    this.used = true;
    return this.table[n];
  }

  startSubchannel(n: number, orbBytes: Uint8Array): number {
    const orb = decodeOrb(orbBytes);
    if (orb === null) return PORT_OPERAND_EXCEPTION;
    const sch = this.operational(n);
    if (sch === undefined || !sch.enabled || (orb.lpm & sch.pam) === 0) return 3;
    if (sch.statusPending) return 1;
    if (sch.functionControl !== 0) return 2;
    if (sch.lastEndedInError) sch.device.reset?.();
    sch.lastEndedInError = false;
    sch.acceptOrb(orb);
    sch.lpm = orb.lpm;
    sch.control = FC_START | AC_START_PENDING;
    sch.generation++;
    if (sch.tracing) this.host.trace(sch, traceOrb(sch, orb));
    this.countStart(sch);
    scheduleStep(this.host, sch, CHANNEL_MIN_NS);
    return 0;
  }

  storeSubchannel(n: number, schib: Uint8Array): number {
    this.used = true;
    const sch = this.table[n];
    if (sch !== undefined) sch.schib(schib);
    else if (n >= this.table.length) return 3;
    // A number below the highest one in use without a device: an empty SCHIB (device number not valid).
    return 0;
  }

  modifySubchannel(n: number, schib: Uint8Array): number {
    const sch = this.operational(n);
    if (sch === undefined) return 3;
    if (sch.statusPending) return 1;
    if (sch.functionControl !== 0) return 2;
    return sch.modify(schib) ? 0 : PORT_OPERAND_EXCEPTION;
  }

  testSubchannel(n: number, irb: Uint8Array): number {
    const sch = this.operational(n);
    if (sch === undefined) return 3;
    sch.writeScsw(irb, 0);
    // Format-1 extended-status word: the last path used.
    putWord(irb, 12, sch.lpum << 16);
    return sch.statusPending ? 0 : 1;
  }

  acceptStatus(n: number): void {
    const sch = this.table[n];
    if (sch === undefined || !sch.statusPending) return;
    this.queue.remove(sch);
    const final =
      (sch.statusControl & (SC_PRIMARY | SC_SECONDARY | SC_ALERT)) !== 0 ||
      (sch.functionControl & (FC_HALT | FC_CLEAR)) !== 0;
    if (final) {
      sch.control = 0;
      sch.deviceStatus = 0;
      sch.subchannelStatus = 0;
      sch.flags &= ~SCSW_ZERO_CC;
      sch.orb = null;
      this.presentDeferred(sch);
    } else {
      // Intermediate status alone: the start function goes on.
      sch.control &= ~SC_MASK;
      sch.subchannelStatus &= ~SCH_PCI;
      sch.flags &= ~SCSW_ZERO_CC;
    }
  }

  haltSubchannel(n: number): number {
    const sch = this.operational(n);
    if (sch === undefined) return 3;
    if (sch.statusPending && !sch.intermediateOnly) return 1;
    if ((sch.functionControl & (FC_HALT | FC_CLEAR)) !== 0) return 2;
    const deviceWasActive = (sch.activity & (AC_SUBCHANNEL_ACTIVE | AC_DEVICE_ACTIVE)) !== 0;
    const started = (sch.functionControl & FC_START) !== 0;
    this.queue.remove(sch);
    sch.generation++;
    sch.device.reset?.();
    sch.control = (sch.control & FC_START) | FC_HALT | AC_HALT_PENDING;
    const generation = sch.generation;
    this.options.after(CHANNEL_MIN_NS, `halt ${hex4(sch.devno)}`, () => {
      if (sch.generation !== generation) return;
      sch.deviceStatus = deviceWasActive ? DEV_DEVICE_END : 0;
      sch.subchannelStatus = 0;
      sch.control =
        (sch.control & (FC_START | FC_HALT)) | (started ? SC_PRIMARY | SC_SECONDARY : 0) | SC_PENDING;
      if (sch.tracing) this.host.trace(sch, `${hex4(sch.devno)}: halted`);
      this.makePending(sch);
    });
    return 0;
  }

  clearSubchannel(n: number): number {
    const sch = this.operational(n);
    if (sch === undefined) return 3;
    this.queue.remove(sch);
    sch.forgetOperation();
    sch.control = FC_CLEAR | AC_CLEAR_PENDING;
    const generation = sch.generation;
    this.options.after(CHANNEL_MIN_NS, `clear ${hex4(sch.devno)}`, () => {
      if (sch.generation !== generation) return;
      sch.control = FC_CLEAR | SC_PENDING;
      if (sch.tracing) this.host.trace(sch, `${hex4(sch.devno)}: cleared`);
      this.makePending(sch);
    });
    return 0;
  }

  resumeSubchannel(n: number): number {
    const sch = this.operational(n);
    if (sch === undefined) return 3;
    if (sch.statusPending) return 1;
    if (
      sch.functionControl !== FC_START ||
      sch.orb === null ||
      !sch.orb.suspend ||
      (sch.activity & AC_RESUME_PENDING) !== 0
    ) {
      return 2;
    }
    this.countStart(sch);
    if ((sch.activity & AC_SUSPENDED) !== 0) {
      sch.control = (sch.control & ~AC_SUSPENDED) | AC_RESUME_PENDING;
      scheduleStep(this.host, sch, CHANNEL_MIN_NS);
    } else {
      // Not yet suspended: the next suspend flag is passed over.
      sch.control |= AC_RESUME_PENDING;
    }
    return 0;
  }

  cancelSubchannel(n: number): number {
    const sch = this.operational(n);
    if (sch === undefined) return 3;
    if (sch.statusPending) return 1;
    const cancellable = AC_START_PENDING | AC_RESUME_PENDING | AC_SUSPENDED;
    if (
      sch.functionControl !== FC_START ||
      (sch.activity & cancellable) === 0 ||
      (sch.activity & AC_SUBCHANNEL_ACTIVE) !== 0
    ) {
      return 2;
    }
    sch.generation++;
    sch.device.reset?.();
    sch.control = 0;
    sch.orb = null;
    if (sch.tracing) this.host.trace(sch, `${hex4(sch.devno)}: start cancelled`);
    this.presentDeferred(sch);
    return 0;
  }

  /**
   * Runs the IPL channel program (§10.2) on device `devno`: as if READ (0x02), data address 0, flags
   * CC + SLI, count 24 were a format-0 CCW at absolute 0 (it is placed there; the read overwrites it),
   * then command chaining at absolute 8, with key 0, the subchannel need not be enabled. `done` is told
   * the outcome in virtual time; no I/O interruption is made. The caller resets the system first,
   * then stores the SID at 0xB8 and loads the PSW at absolute 0. False when there is no such device.
   */
  ipl(devno: number, done: (outcome: IplOutcome) => void): boolean {
    const sch = this.byDevno(devno);
    if (sch === undefined) return false;
    this.used = true;
    this.storage.write(0, IPL_CCW);
    const orb = decodeOrb(IPL_ORB) as Orb;
    this.queue.remove(sch);
    sch.acceptOrb(orb);
    sch.control = FC_START | AC_START_PENDING;
    sch.generation++;
    this.iplWaiter = { sch, done };
    if (sch.tracing) this.host.trace(sch, traceOrb(sch, orb));
    scheduleStep(this.host, sch, CHANNEL_MIN_NS);
    return true;
  }

  takeChannelReport(): number | null {
    this.used = true;
    return this.reports.shift() ?? null;
  }

  setChannelMonitor(update: boolean, key: number, origin: number): void {
    this.monitor = { update, key, origin };
  }

  /** Counts a start or resume in the subchannel's measurement block when SCHM and the PMCW ask for it. */
  private countStart(sch: Subchannel): void {
    const m = this.monitor;
    if (!m.update || (sch.measurementMode & MM_BLOCK_UPDATE) === 0) return;
    const a = m.origin + sch.mbi * MEASUREMENT_BLOCK_SIZE;
    const st = this.storage;
    if (a + MEASUREMENT_BLOCK_SIZE > st.size || !st.storeAllowed(Math.floor(a / 4096), m.key)) return;
    st.writeU16(a, (st.readU16(a) + 1) & 0xffff);
  }

  /** Subsystem reset (IPL, system reset): every subchannel idle, disabled, nothing pending. */
  reset(): void {
    this.iplWaiter = null;
    this.queue.reset();
    this.reports.length = 0;
    for (const sch of this.subchannels()) sch.reset();
  }
}
