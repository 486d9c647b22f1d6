import type { Cpu, ExternalSource } from './cpu';
import type { ExternalCondition } from './interruptions';
import { nsOfUnits, nsWhenTodReaches, todAt, unitsIn } from './tod-clock';

/** External interruption codes and CR0 subclass masks of the timers (§5.2, §5.3). */
export const EXT_CLOCK_COMPARATOR = 0x1004;
export const EXT_CPU_TIMER = 0x1005;
export const CR0_CLOCK_COMPARATOR = 0x0800;
export const CR0_CPU_TIMER = 0x0400;

const CLOCK_COMPARATOR: ExternalCondition = Object.freeze({
  code: EXT_CLOCK_COMPARATOR,
  subclassMask: CR0_CLOCK_COMPARATOR,
});
const CPU_TIMER: ExternalCondition = Object.freeze({ code: EXT_CPU_TIMER, subclassMask: CR0_CPU_TIMER });

const TWO64 = 1n << 64n;

/**
 * One CPU's TOD-clock setting, clock comparator and CPU timer (§5.1-§5.3), all from the CPU's
 * virtual time (`cpu.todNs()`, which advances with executed instructions and with time spent waiting).
 *
 * - The clock-comparator condition exists while TOD > CKC; it is not consumed by presenting it.
 * - The CPU timer decrements at the TOD bit-51 rate while the CPU is operating, in the wait state too
 *   (PoP), and holds its value while the CPU is stopped; its condition exists while it is negative.
 *
 * Each condition's start is kept as a virtual time (`nextDueAfter`), so checking it costs one compare;
 * whoever runs the CPU is told through `onDueChange` when that time may have moved, to wake a CPU
 * in an enabled wait exactly then (the Machine keeps one event per CPU on its queue).
 */
export class CpuTimers implements ExternalSource {
  /** SCK's setting: TOD = todAt(virtual time) + offset (mod 2^64); halves for `Cpu.readTod`. */
  private todOffset = 0n;
  todOffsetHi = 0;
  todOffsetLo = 0;
  private comparator = 0n;
  private comparatorDueNs = Number.NEGATIVE_INFINITY;
  /** The CPU timer's value at `timerBaseNs`; it decrements from there while `timerRunning`. */
  private timerAtBase = 0n;
  private timerBaseNs = 0;
  private timerRunning = false;
  private timerDueNs = Number.POSITIVE_INFINITY;
  onDueChange: ((cpu: Cpu) => void) | null = null;

  constructor(private readonly cpu: Cpu) {}

  /** Initial CPU reset: clock comparator and CPU timer zero (the TOD clock is not reset). */
  reset(): void {
    this.comparator = 0n;
    this.timerAtBase = 0n;
    this.timerBaseNs = this.cpu.todNs();
    this.timerRunning = this.cpu.state === 'operating';
    this.changed();
  }

  /** The TOD clock as SCK left it (no uniqueness bits), unsigned 64 bits. */
  tod(): bigint {
    return (todAt(this.cpu.todNs()) + this.todOffset) % TWO64;
  }

  /** SCK: the TOD clock continues from `value`. */
  setTod(value: bigint): void {
    this.todOffset = BigInt.asIntN(64, value - todAt(this.cpu.todNs()));
    const u = BigInt.asUintN(64, this.todOffset);
    this.todOffsetHi = Number(u >> 32n) | 0;
    this.todOffsetLo = Number(u & 0xffff_ffffn) | 0;
    this.changed();
  }

  get clockComparator(): bigint {
    return this.comparator;
  }

  /** SCKC. */
  setClockComparator(value: bigint): void {
    this.comparator = BigInt.asUintN(64, value);
    this.changed();
  }

  /** The CPU timer now, signed 64 bits. */
  cpuTimer(): bigint {
    if (!this.timerRunning) return this.timerAtBase;
    return BigInt.asIntN(64, this.timerAtBase - unitsIn(this.cpu.todNs() - this.timerBaseNs));
  }

  /** SPT. */
  setCpuTimer(value: bigint): void {
    this.timerAtBase = BigInt.asIntN(64, value);
    this.timerBaseNs = this.cpu.todNs();
    this.changed();
  }

  /** The CPU started or stopped: the CPU timer runs only while the CPU is operating. */
  stateChanged(): void {
    const running = this.cpu.state === 'operating';
    if (running === this.timerRunning) return;
    this.timerAtBase = this.cpuTimer();
    this.timerBaseNs = this.cpu.todNs();
    this.timerRunning = running;
    this.changed();
  }

  /**
   * The earliest virtual time after `ns` at which a timer condition (enabled or not) begins, or
   * Infinity. Conditions that already exist need no wake-up: the CPU sees them when it looks.
   */
  nextDueAfter(ns: number): number {
    const ckc = this.comparatorDueNs > ns ? this.comparatorDueNs : Number.POSITIVE_INFINITY;
    const timer = this.timerRunning && this.timerDueNs > ns ? this.timerDueNs : Number.POSITIVE_INFINITY;
    return Math.min(ckc, timer);
  }

  pending(cpu: Cpu, cr0: number): boolean {
    return this.conditionAt(cpu.todNs(), cr0) !== null;
  }

  /** The clock comparator before the CPU timer (their priority among external interruptions). */
  take(cpu: Cpu, cr0: number): ExternalCondition | null {
    return this.conditionAt(cpu.todNs(), cr0);
  }

  private conditionAt(now: number, cr0: number): ExternalCondition | null {
    if ((cr0 & CR0_CLOCK_COMPARATOR) !== 0 && now >= this.comparatorDueNs) return CLOCK_COMPARATOR;
    if ((cr0 & CR0_CPU_TIMER) !== 0) {
      const negative = this.timerRunning ? now >= this.timerDueNs : this.timerAtBase < 0n;
      if (negative) return CPU_TIMER;
    }
    return null;
  }

  /** Recomputes when each condition starts and tells the listener. */
  private changed(): void {
    // TOD > CKC ⇔ todAt(t) + offset ≥ CKC + 1.
    this.comparatorDueNs = nsWhenTodReaches(this.comparator + 1n - this.todOffset);
    // Negative once more than `timerAtBase` units have passed.
    this.timerDueNs =
      this.timerAtBase < 0n ? Number.NEGATIVE_INFINITY : this.timerBaseNs + nsOfUnits(this.timerAtBase + 1n);
    this.onDueChange?.(this.cpu);
  }
}
