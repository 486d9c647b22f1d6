import type { Cpu, CpuOptions, ExternalSource } from '../cpu';
import { instructionLength } from '../instruction-formats';
import type { ExternalCondition, IoInterruption, IoInterruptionSource } from '../interruptions';
import { LC_PGM_CODE, LC_PGM_ILC, PREFIX_AREA_SIZE } from '../low-core';
import { FRAME_SIZE } from '../main-storage';
import { PGM_OPERATION, PGM_PRIVILEGED_OPERATION, RUN_EXIT } from '../program-interruption';
import { PSW_EXT, PSW_IO } from '../psw';
import { attachInterceptor, GUEST_DECODERS, type Interceptor } from './guest-decode';
import { GuestPageNotResident, type GuestStorage } from './guest-storage';
import type { GuestState } from './state-description';
import { validityExit } from './validity';
import {
  ECA_ADAPTER_INTERRUPTIONS,
  ECA_EXTERNAL_ASSIST,
  ECA_IO_ASSIST,
  ECA_SIGP_ASSIST,
  exitName,
  ICPT_EXTERNAL_INTERRUPTION,
  ICPT_EXTERNAL_REQUEST,
  ICPT_INSTRUCTION_AND_PROGRAM,
  ICPT_IO_INTERRUPTION,
  ICPT_IO_REQUEST,
  ICPT_OPERATION_EXCEPTION,
  ICPT_PROGRAM,
  ICPT_STOP,
  ICPT_WAIT,
  ICTL_OPERATION_EXCEPTION,
  ICTL_PRIVILEGED_OPERATION,
  ICTL_PROGRAM_INTERRUPTIONS,
  type SieExit,
  sieExit,
  VALIDITY_GUEST_CHECK_STOP,
  VALIDITY_PREFIX_OUTSIDE,
} from './interception';

/** External-interruption codes that need the SIGP assist to be interpreted (§5.4). */
const EMERGENCY_SIGNAL = 0x1201;
const EXTERNAL_CALL = 0x1202;
/** Interruption-identification word bit 0: an adapter (thin) interruption, not a subchannel's. */
const ADAPTER_INTERRUPTION = 0x8000_0000;
/** TOD clock units per ns (bit 51 is one microsecond). */
const TOD_UNITS_PER_NS = 4.096;

/** The Cpu class (passed in: the SIE instruction's module may not import cpu.ts, see guest-vcpu.ts). */
export type CpuClass = new (options: CpuOptions) => Cpu;

export interface VcpuOptions {
  /** The guest CPU address (STAP, SIGP inside the guest). */
  readonly address: number;
  readonly storage: GuestStorage;
  /** The host's virtual time in ns; the guest's TOD clock is the host's plus the epoch difference. */
  readonly todNs?: () => number;
}

/**
 * An external condition or I/O interruption the host made pending; `released` once the host delivers
 * it. A null value is a bare intervention request (the SIE instruction's SD bits): the host only
 * wants the exit when the guest becomes enabled, and holds the condition itself.
 */
interface Pending<T> {
  readonly value: T | null;
  released: boolean;
}

/**
 * A guest CPU run under SIE by a host written in TypeScript (the KVM-like and CP-like hypervisors).
 * Its state is a Cpu of its own (PSW, GPRs, CRs, FPRs, prefix) over the guest's storage view, apart
 * from every host CPU; the SIE-only fields (controls, CPU timer, clock comparator, epoch) sit here.
 *
 * `run(budget)` executes guest instructions natively until something needs the host and returns why
 * (reference/domain-architecture.md §10.4, domain-hypervisors.md §4.3):
 *   4/64  a sensitive instruction (IPA/IPB; the guest PSW already points past it, as KVM expects;
 *         to retry it, back the PSW up by `ilc`), 12 when its operand check also failed;
 *   8/44  a program interruption the controls intercept (PSW as the old PSW would be);
 *   16/24 the host's pending external/I/O interruption and the guest just became enabled for it
 *         (no assist): the host calls deliverExternal/deliverIo and resumes;
 *   20/60 the same with the assist on, for a condition the assist cannot interpret (SIGP signals
 *         without the SIGP assist, adapter interruptions without AIV);
 *   28 a wait PSW, 32 validity (bad state), 40 a stop request;
 *   'page-not-resident' with the guest absolute address: the instruction is nullified; once the
 *   host's pager made the page resident, `run` re-executes it from the start;
 *   'budget' when `budget` instructions ran.
 */
export class GuestVcpu implements Interceptor {
  readonly cpu: Cpu;
  readonly storage: GuestStorage;
  /** Interception controls (ICTL_*, state description 0x48). */
  interceptionControls = 0;
  /** Execution controls (ECA_*, state description 0x4C). */
  executionControls = 0;
  /** Exits so far, by counter name (exitName: 'instruction', 'wait-state', 'page-not-resident', …). */
  readonly counts: Record<string, number> = {};
  private epochDifference = 0n;
  private epochNs = 0;
  private readonly external: Pending<ExternalCondition>[] = [];
  private readonly io: Pending<IoInterruption>[] = [];
  private stopRequested = false;
  private exit: SieExit | null = null;
  /** Where the guest PSW points after an instruction interception; -1 for other exits. */
  private resumeAt = -1;

  /** TypeScript hosts call createGuestVcpu (guest-vcpu.ts), which supplies the Cpu class. */
  constructor(options: VcpuOptions, cpuClass: CpuClass) {
    this.storage = options.storage;
    const hostNs = options.todNs ?? (() => 0);
    this.cpu = new cpuClass({
      address: options.address,
      storage: options.storage.main,
      decoders: GUEST_DECODERS,
      todNs: () => hostNs() + this.epochNs,
    });
    attachInterceptor(this.cpu, this);
    this.cpu.programInterception = (code, ilc) => this.interceptProgram(code, ilc);
    this.cpu.externalSources.push(this.externalSource);
    this.cpu.ioSource = this.ioSource;
  }

  /**
   * Guest CPU timer and clock comparator (state description 0x28, 0x30): the guest CPU's own timers,
   * which run on guest time (host time + epoch) while the guest runs and hold between runs.
   */
  get cpuTimer(): bigint {
    return this.cpu.timers.cpuTimer();
  }

  set cpuTimer(value: bigint) {
    this.cpu.timers.setCpuTimer(value);
  }

  get clockComparator(): bigint {
    return this.cpu.timers.clockComparator;
  }

  set clockComparator(value: bigint) {
    this.cpu.timers.setClockComparator(value);
  }

  /** Epoch difference in TOD units (guest TOD = host TOD + epoch, state description 0x38). */
  get epoch(): bigint {
    return this.epochDifference;
  }

  set epoch(value: bigint) {
    this.epochDifference = BigInt.asIntN(64, value);
    this.epochNs = Number(this.epochDifference) / TOD_UNITS_PER_NS;
  }

  // ---- interventions from the host ----

  /** Makes an external interruption pending for the guest; null: a bare request, exits 16 once enabled. */
  requestExternal(condition: ExternalCondition | null): void {
    this.external.push({ value: condition, released: false });
  }

  /** Makes an I/O interruption pending for the guest; null: a bare request, exits 24 once enabled. */
  requestIo(interruption: IoInterruption | null): void {
    this.io.push({ value: interruption, released: false });
  }

  /** Forgets every pending request (the SIE instruction restates them from the SD on each entry). */
  clearRequests(): void {
    this.external.length = 0;
    this.io.length = 0;
    this.stopRequested = false;
  }

  /** The next run ends at once with a stop-request interception (40). */
  requestStop(): void {
    this.stopRequested = true;
  }

  /**
   * Delivers the external condition the last 16/20 exit named: the guest takes it (old PSW, code and
   * parameter into its low core) as soon as it runs and is enabled, which it was when it exited.
   */
  deliverExternal(): boolean {
    return release(this.external, this.exit?.external ?? null);
  }

  /** As deliverExternal, for the I/O interruption of the last 24/60 exit. */
  deliverIo(): boolean {
    return release(this.io, this.exit?.io ?? null);
  }

  /** Delivers an intercepted program interruption (8, 12, 44) into the guest, as if never intercepted. */
  reflectProgramInterruption(exit: SieExit): void {
    const cpu = this.cpu;
    cpu.writeReal16(LC_PGM_ILC, exit.ilc);
    cpu.writeReal16(LC_PGM_CODE, exit.programCode);
    cpu.interrupt('program', exit.programCode);
  }

  // ---- state ----

  /** The guest's architected state, apart from its storage (which its GuestStorage holds). */
  saveState(): GuestState {
    const cpu = this.cpu;
    const psw = cpu.getPsw();
    const pair = (h: Int32Array, l: Int32Array) =>
      Array.from(h, (hi, r) => (BigInt(hi >>> 0) << 32n) | BigInt(l[r] >>> 0));
    return {
      pswMask: psw.mask,
      pswAddress: psw.address,
      gprs: pair(cpu.gh, cpu.gl),
      crs: pair(cpu.crh, cpu.crl),
      fprs: pair(cpu.fh, cpu.fl),
      prefix: cpu.prefix,
      cpuTimer: this.cpuTimer,
      clockComparator: this.clockComparator,
      epoch: this.epoch,
      interceptionControls: this.interceptionControls,
      executionControls: this.executionControls,
    };
  }

  /** Loads a state saved by saveState (or read from a state description); no validity checks here. */
  loadState(state: GuestState): void {
    const cpu = this.cpu;
    const split = (values: readonly bigint[], h: Int32Array, l: Int32Array) => {
      for (let r = 0; r < 16; r++) {
        const v = BigInt.asUintN(64, values[r] ?? 0n);
        h[r] = Number(v >> 32n) | 0;
        l[r] = Number(v & 0xffff_ffffn) | 0;
      }
    };
    split(state.gprs, cpu.gh, cpu.gl);
    split(state.crs, cpu.crh, cpu.crl);
    split(state.fprs, cpu.fh, cpu.fl);
    cpu.controlRegistersChanged();
    cpu.setPrefix(state.prefix);
    cpu.setPsw(state.pswMask, state.pswAddress);
    cpu.purgeTlb();
    this.cpuTimer = state.cpuTimer;
    this.clockComparator = state.clockComparator;
    this.epoch = state.epoch;
    this.interceptionControls = state.interceptionControls >>> 0;
    this.executionControls = state.executionControls >>> 0;
  }

  // ---- running ----

  /** Runs at most `budget` guest instructions; says why it stopped and counts the exit. */
  run(budget: number): SieExit {
    const exit = this.enter(budget);
    const name = exitName(exit);
    this.counts[name] = (this.counts[name] ?? 0) + 1;
    return exit;
  }

  private enter(budget: number): SieExit {
    const cpu = this.cpu;
    const storage = this.storage;
    this.exit = null;
    this.resumeAt = -1;
    if (this.stopRequested) {
      this.stopRequested = false;
      return sieExit('interception', ICPT_STOP);
    }
    if (cpu.prefix + PREFIX_AREA_SIZE > storage.main.size) {
      return validityExit(VALIDITY_PREFIX_OUTSIDE, `prefix ${cpu.prefix.toString(16)} outside guest storage`);
    }
    const missing = missingPrefixPage(cpu, storage);
    if (missing >= 0) return sieExit('page-not-resident', 0, { guestAddress: missing });
    cpu.start();
    cpu.requestAttention();
    storage.faultFrame = -1;
    storage.running = true;
    let reason: string;
    try {
      reason = cpu.run(budget);
    } finally {
      storage.running = false;
      // Between runs the guest CPU is not dispatched: stopped, its CPU timer holding.
      cpu.stop();
    }
    const exit = this.exit as SieExit | null;
    if (exit !== null) {
      if (this.resumeAt >= 0) cpu.ia = this.resumeAt;
      return exit;
    }
    if (reason === 'stopped' && storage.faultFrame >= 0) {
      return sieExit('page-not-resident', 0, { guestAddress: storage.faultFrame * FRAME_SIZE });
    }
    if (reason === 'wait') {
      const enabled = (cpu.w0 & (PSW_EXT | PSW_IO)) !== 0;
      return sieExit('interception', ICPT_WAIT, { detail: enabled ? 'enabled wait' : 'disabled wait' });
    }
    if (reason === 'check-stop') return validityExit(VALIDITY_GUEST_CHECK_STOP, cpu.checkStopReason);
    return sieExit('budget', 0);
  }

  // ---- Interceptor (called from the guest's sensitive instructions) ----

  interceptInstruction(c: Cpu, code: number, ia: number, next: number, programCode: number): never {
    if (programCode !== 0) {
      // The operand check fails first; only with program interruptions intercepted does the host see both.
      if ((this.interceptionControls & ICTL_PROGRAM_INTERRUPTIONS) === 0) c.programException(programCode);
      code = ICPT_INSTRUCTION_AND_PROGRAM;
    }
    const ipa = (c.ifetch8(ia) << 8) | c.ifetch8(ia + 1);
    const length = instructionLength(ipa >>> 8);
    let ipb = 0;
    for (let i = 2; i < length; i++) ipb |= c.ifetch8(ia + i) << (8 * (5 - i));
    this.exit = sieExit('interception', code, { ipa, ipb: ipb >>> 0, programCode, ilc: length });
    this.resumeAt = next;
    c.state = 'stopped';
    throw RUN_EXIT;
  }

  prefixChanged(c: Cpu, oldPrefix: number): void {
    const frame = c.prefix / FRAME_SIZE;
    try {
      c.storage.frameForRead(frame);
      c.storage.frameForRead(frame + 1);
    } catch (e) {
      c.setPrefix(oldPrefix);
      throw e;
    }
  }

  private interceptProgram(code: number, ilc: number): boolean {
    const ictl = this.interceptionControls;
    let icpt = 0;
    if (code === PGM_OPERATION && (ictl & ICTL_OPERATION_EXCEPTION) !== 0) icpt = ICPT_OPERATION_EXCEPTION;
    else if (
      (ictl & ICTL_PROGRAM_INTERRUPTIONS) !== 0 ||
      (code === PGM_PRIVILEGED_OPERATION && (ictl & ICTL_PRIVILEGED_OPERATION) !== 0)
    ) {
      icpt = ICPT_PROGRAM;
    }
    if (icpt === 0) return false;
    let ipa = 0;
    let ipb = 0;
    if (ilc !== 0) {
      // The instruction was just fetched, so its bytes are there; a failure only leaves IPA/IPB zero.
      try {
        const cpu = this.cpu;
        ipa = (cpu.ifetch8(cpu.iaCur) << 8) | cpu.ifetch8(cpu.iaCur + 1);
        for (let i = 2; i < ilc; i++) ipb |= cpu.ifetch8(cpu.iaCur + i) << (8 * (5 - i));
      } catch {
        ipa = 0;
        ipb = 0;
      }
    }
    this.exit = sieExit('interception', icpt, { ipa, ipb: ipb >>> 0, programCode: code, ilc });
    return true;
  }

  // ---- the guest CPU's interruption sources: the host's pending interruptions ----

  private readonly externalSource: ExternalSource = {
    pending: (_cpu, cr0) =>
      this.exit === null && firstEnabled(this.external, (c) => externalEnabled(c, cr0)) >= 0,
    take: (cpu, cr0) => {
      if (this.exit !== null) return null;
      const i = firstEnabled(this.external, (c) => externalEnabled(c, cr0));
      if (i < 0) return null;
      const p = this.external[i];
      const eca = this.executionControls;
      const value = p.value;
      let code = 0;
      if (value === null) {
        this.external.splice(i, 1);
        code = ICPT_EXTERNAL_REQUEST;
      } else if (!p.released) {
        if ((eca & ECA_EXTERNAL_ASSIST) === 0) code = ICPT_EXTERNAL_REQUEST;
        else if (
          (value.code === EMERGENCY_SIGNAL || value.code === EXTERNAL_CALL) &&
          (eca & ECA_SIGP_ASSIST) === 0
        ) {
          code = ICPT_EXTERNAL_INTERRUPTION;
        }
      }
      if (code === 0 && value !== null) {
        this.external.splice(i, 1);
        return value;
      }
      this.exit = sieExit('interception', code, { external: value });
      cpu.state = 'stopped';
      return null;
    },
  };

  private readonly ioSource: IoInterruptionSource = {
    pending: (iscMask) => this.exit === null && firstEnabled(this.io, (io) => iscEnabled(io, iscMask)) >= 0,
    take: (iscMask) => {
      if (this.exit !== null) return null;
      const i = firstEnabled(this.io, (io) => iscEnabled(io, iscMask));
      if (i < 0) return null;
      const p = this.io[i];
      const eca = this.executionControls;
      const value = p.value;
      let code = 0;
      if (value === null) {
        this.io.splice(i, 1);
        code = ICPT_IO_REQUEST;
      } else if (!p.released) {
        if ((eca & ECA_IO_ASSIST) === 0) code = ICPT_IO_REQUEST;
        else if ((value.idWord & ADAPTER_INTERRUPTION) !== 0 && (eca & ECA_ADAPTER_INTERRUPTIONS) === 0) {
          code = ICPT_IO_INTERRUPTION;
        }
      }
      if (code === 0 && value !== null) {
        this.io.splice(i, 1);
        return value;
      }
      this.exit = sieExit('interception', code, { io: value });
      this.cpu.state = 'stopped';
      return null;
    },
  };
}

/** The guest absolute address of a prefix-area page that is not resident, or -1. */
function missingPrefixPage(cpu: Cpu, storage: GuestStorage): number {
  const frame = cpu.prefix / FRAME_SIZE;
  try {
    storage.main.frameForRead(frame);
    storage.main.frameForRead(frame + 1);
    return -1;
  } catch (e) {
    if (e instanceof GuestPageNotResident) return e.guestAddress;
    throw e;
  }
}

/** A bare request needs only PSW bit 7; a condition also its CR0 subclass bit. */
function externalEnabled(c: ExternalCondition | null, cr0: number): boolean {
  return c === null || (c.subclassMask & cr0) !== 0;
}

/** An I/O interruption's ISC (interruption-identification word bits 2-4) is enabled in the CR6 mask. */
function iscEnabled(io: IoInterruption | null, iscMask: number): boolean {
  return io === null || ((0x80 >>> ((io.idWord >>> 27) & 7)) & iscMask) !== 0;
}

function firstEnabled<T>(list: readonly Pending<T>[], enabled: (value: T | null) => boolean): number {
  for (let i = 0; i < list.length; i++) if (enabled(list[i].value)) return i;
  return -1;
}

function release<T>(list: Pending<T>[], value: T | null): boolean {
  const p = list.find((e) => e.value === value && !e.released);
  if (p === undefined) return false;
  p.released = true;
  return true;
}
