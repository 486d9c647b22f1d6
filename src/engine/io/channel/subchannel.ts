import type { CcwDevice } from './ccw-device';
import type { Orb } from './orb';
import {
  AC_MASK,
  FC_MASK,
  getWord,
  putWord,
  SC_INTERMEDIATE,
  SC_MASK,
  SC_PENDING,
  SCSW_ADDRESS_LIMIT,
  SCSW_FORMAT1,
  SCSW_INITIAL_STATUS,
  SCSW_PREFETCH,
  SCSW_SUPPRESS_SUSPENDED,
  SCSW_SUSPEND_CONTROL,
  writeScsw,
} from './scsw';

/**
 * One subchannel of subchannel set 0 (reference/domain-architecture.md §6.2): the path-management
 * control word (PMCW) the program sees through STSCH and changes through MSCH, the subchannel-status
 * word (SCSW), and the device behind it. A single-path device: PIM = PAM = 0x80, POM = 0xFF.
 */

/** PMCW word 1 bits 5-7 must be zero in an MSCH operand. */
const PMCW_FLAGS_RESERVED = 0x0700;
/** PMCW word 6: only the subchannel type and the MBFC, XMWME and concurrent-sense bits are defined. */
const PMCW_CHARS_RESERVED = 0xff1f_fff8;

/** Channel-path identifier per device kind, in the order the SCHIB shows them (0x32: QEMU's virtual path). */
export function chpidForKind(kind: string): number {
  if (kind.startsWith('virtio')) return 0x32;
  if (kind.startsWith('33') || kind.startsWith('93')) return 0x10;
  return 0x00;
}

export class Subchannel {
  // PMCW
  intparm = 0;
  isc = 0;
  enabled = false;
  limitMode = 0;
  measurementMode = 0;
  multipath = false;
  lpm = 0x80;
  readonly pim = 0x80;
  readonly pam = 0x80;
  readonly pom = 0xff;
  lpum = 0;
  mbi = 0;
  /** PMCW word 6 program-settable bits (MBFC, XMWME, concurrent sense). */
  characteristics = 0;
  readonly chpid: number;
  /** Event labels of this subchannel's channel-program steps (made once: steps are frequent). */
  readonly stepLabel: string;
  readonly endLabel: string;

  // SCSW
  /** Word 0 bits 0-15: key, ORB copies, zero-CC. */
  flags = 0;
  /** Function | activity | status control. */
  control = 0;
  cpa = 0;
  deviceStatus = 0;
  subchannelStatus = 0;
  residual = 0;

  /** The running start function's ORB. */
  orb: Orb | null = null;
  /** Absolute address of the next CCW to fetch (after TIC, chaining, or the suspended CCW). */
  nextCcw = 0;
  /** The next command is the first of the channel program. */
  firstCommand = true;
  /** Bumped by halt, clear and cancel: scheduled steps of an older program do nothing. */
  generation = 0;
  /** On the I/O interruption queue of its ISC. */
  queued = false;
  /** Unsolicited status that arrived while the subchannel was busy or status pending. */
  deferredStatus = 0;
  /** The last start function ended in unit check or a channel check: the device forgets its chain state first. */
  lastEndedInError = false;
  /** Per-device CCW trace (Hercules `t+devnum`). */
  tracing = false;

  constructor(
    /** Assigned by the channel subsystem when the device is attached. */
    public number: number,
    readonly devno: number,
    readonly device: CcwDevice,
  ) {
    this.chpid = chpidForKind(device.kind);
    const devnoText = devno.toString(16).toUpperCase().padStart(4, '0');
    this.stepLabel = `ccw ${devnoText}`;
    this.endLabel = `ccw ${devnoText} end`;
  }

  get functionControl(): number {
    return this.control & FC_MASK;
  }

  get activity(): number {
    return this.control & AC_MASK;
  }

  get statusControl(): number {
    return this.control & SC_MASK;
  }

  get statusPending(): boolean {
    return (this.control & SC_PENDING) !== 0;
  }

  /** Status pending with intermediate status alone (PCI, initial status, suspension). */
  get intermediateOnly(): boolean {
    return this.statusControl === (SC_INTERMEDIATE | SC_PENDING);
  }

  /** Takes the ORB's key and controls into the SCSW and the PMCW for a new start function. */
  acceptOrb(orb: Orb): void {
    this.orb = orb;
    this.intparm = orb.intparm;
    this.flags =
      (orb.key << 28) |
      (orb.suspend ? SCSW_SUSPEND_CONTROL : 0) |
      (orb.format1 ? SCSW_FORMAT1 : 0) |
      (orb.prefetch ? SCSW_PREFETCH : 0) |
      (orb.initialStatus ? SCSW_INITIAL_STATUS : 0) |
      (orb.addressLimit ? SCSW_ADDRESS_LIMIT : 0) |
      (orb.suppressSuspended ? SCSW_SUPPRESS_SUSPENDED : 0);
    this.lpum = 0x80;
    this.nextCcw = orb.cpa;
    this.firstCommand = true;
    this.cpa = 0;
    this.deviceStatus = 0;
    this.subchannelStatus = 0;
    this.residual = 0;
  }

  /**
   * Forgets the operation in progress and its status (clear function, subsystem reset): events of the
   * old operation see a new generation, the device drops its chain state.
   */
  forgetOperation(): void {
    this.generation++;
    this.device.reset?.();
    this.deviceStatus = 0;
    this.subchannelStatus = 0;
    this.residual = 0;
    this.flags = 0;
    this.cpa = 0;
    this.deferredStatus = 0;
    this.lastEndedInError = false;
  }

  /** Subsystem reset: idle, disabled, no status, PMCW as after power-on. */
  reset(): void {
    this.forgetOperation();
    this.control = 0;
    this.orb = null;
    this.intparm = 0;
    this.isc = 0;
    this.enabled = false;
    this.limitMode = 0;
    this.measurementMode = 0;
    this.multipath = false;
    this.lpm = 0x80;
    this.mbi = 0;
    this.characteristics = 0;
  }

  /** The 52-byte SCHIB: PMCW (28), SCSW (12), model-dependent area (12, zero). */
  schib(out: Uint8Array): void {
    putWord(out, 0, this.intparm);
    const pmcwFlags =
      (this.isc << 11) |
      (this.enabled ? 0x80 : 0) |
      (this.limitMode << 5) |
      (this.measurementMode << 3) |
      (this.multipath ? 0x04 : 0) |
      0x01;
    putWord(out, 4, (pmcwFlags << 16) | this.devno);
    putWord(out, 8, (this.lpm << 24) | (this.lpum << 8) | this.pim);
    putWord(out, 12, (this.mbi << 16) | (this.pom << 8) | this.pam);
    out[16] = this.chpid;
    putWord(out, 24, this.characteristics);
    this.writeScsw(out, 28);
  }

  writeScsw(out: Uint8Array, offset: number): void {
    writeScsw(out, offset, this);
  }

  /**
   * MSCH: takes the modifiable PMCW fields (interruption parameter, ISC, E, LM, MM, D, LPM, MBI,
   * word-6 bits); false when reserved bits are set (operand exception), changing nothing.
   */
  modify(schib: Uint8Array): boolean {
    const w1 = getWord(schib, 4);
    const flags = w1 >>> 16;
    const chars = getWord(schib, 24);
    if ((flags & PMCW_FLAGS_RESERVED) !== 0 || (chars & PMCW_CHARS_RESERVED) !== 0) return false;
    this.intparm = getWord(schib, 0);
    this.isc = (flags >>> 11) & 7;
    this.enabled = (flags & 0x80) !== 0;
    this.limitMode = (flags >>> 5) & 3;
    this.measurementMode = (flags >>> 3) & 3;
    this.multipath = (flags & 0x04) !== 0;
    this.lpm = schib[8];
    this.mbi = (schib[12] << 8) | schib[13];
    this.characteristics = chars & 0x07;
    return true;
  }
}
