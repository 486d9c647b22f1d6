import { Cpu } from '../arch/cpu';
import { MainStorage } from '../arch/main-storage';
import type { Display3278 } from '../io/display3270/display-3278';
import type { CcwDevice } from '../io/channel/ccw-device';
import { ChannelSubsystem } from '../io/channel/channel-subsystem';
import { ccwIpl } from './ccw-ipl';
import { virtioNotifyHook } from '../io/virtio/diagnose-500';
import type { CecConfig } from './cec-config';
import { type DisplaySnapshot, DisplayRegistry } from './display-registry';
import { EventQueue } from './event-queue';
import { CCW_TRACE_CONSOLE, HMC_CONSOLE } from './console-ids';
import { type ConsoleDelta, LineConsole } from './line-console';
import { SeededRng } from './seeded-rng';
import { installTimerWakeups } from './timer-wakeups';
import { installServiceProcessor } from './service-processor';
import type { Sclp } from '../io/sclp/sclp';

/**
 * The Machine facade: the engine's only public API. It owns the virtual clock (ns), the one event
 * queue, the seeded RNG and the consoles. Nothing in here reads a wall clock: how much virtual time to
 * run is decided by the host (worker or CLI) and passed in.
 */
export interface MachineOptions {
  readonly seed: number;
  readonly cec: CecConfig;
}

export interface CecSummary {
  readonly name: string;
  readonly cpus: number;
  readonly storageMiB: number;
  readonly mips: number;
  readonly seed: number;
}

/** One CPU as the page shows it. */
export interface CpuSnapshot {
  readonly address: number;
  /** 'wait' is an operating CPU whose PSW has the wait bit. */
  readonly state: 'stopped' | 'operating' | 'wait' | 'check-stop';
  /** The PSW, 32 hex digits. */
  readonly psw: string;
  readonly instructions: number;
}

/** What changed since a version: structured-clone friendly, small. */
export interface MachineSnapshot {
  readonly version: number;
  readonly virtualNs: number;
  readonly eventsProcessed: number;
  readonly eventsPending: number;
  /** Present on the first snapshot (since 0) and whenever the configuration changed. */
  readonly cec?: CecSummary;
  readonly consoles: ConsoleDelta[];
  /** The 3270 screens that changed (each whole, as it looks now). */
  readonly displays: DisplaySnapshot[];
  /** Every CPU's state (small: always present). */
  readonly cpus: CpuSnapshot[];
}

/** With no CPU operating, one step moves the clock to the next event, or this far when none is pending. */
const IDLE_STEP_NS = 1000;
/**
 * CPUs run round-robin in quanta of this much virtual time between events, so that CPUs see each
 * other's stores and signals within microseconds, deterministically.
 */
const CPU_QUANTUM_NS = 10_000;

export class Machine {
  readonly events = new EventQueue();
  readonly rng: SeededRng;
  readonly cec: CecConfig;
  readonly seed: number;
  /** Main storage of the CEC (storageMiB). */
  readonly storage: MainStorage;
  /** The CEC's CPUs, stopped after power-on; CPU address = index. */
  readonly cpus: readonly Cpu[];
  /** The channel subsystem: every CPU's I/O instructions and I/O interruptions go to it. */
  readonly channel: ChannelSubsystem;
  /** The service processor behind SERVC, whose console is the HMC's. */
  readonly sclp: Sclp;
  private readonly consoleList: LineConsole[] = [];
  private readonly displayRegistry = new DisplayRegistry(() => this.bump());
  private nowNs = 0;
  private processed = 0;
  private changeCounter = 0;
  private configVersion: number;
  /** Fractional instructions owed to each CPU (deterministic conversion of time to instructions). */
  private readonly credit: number[];
  /** Start of the running quantum and each CPU's instruction count there, for the TOD clock. */
  private quantumStartNs = 0;
  private readonly quantumStartCount: number[];
  /** The CPU inside `run` (its clock runs ahead of `nowNs` by its executed instructions), or -1. */
  private runningCpu = -1;
  private nextCpu = 0;

  constructor(options: MachineOptions) {
    this.seed = options.seed >>> 0;
    this.rng = new SeededRng(this.seed);
    this.cec = options.cec;
    this.configVersion = this.bump();
    this.storage = new MainStorage(this.cec.storageMiB * 1024 * 1024);
    const cpus: Cpu[] = [];
    for (let i = 0; i < this.cec.cpus; i++) {
      cpus.push(new Cpu({ address: i, storage: this.storage, todNs: () => this.cpuNow(i) }));
    }
    this.cpus = cpus;
    // SIGP reaches the other CPUs through this configuration (CPU address = index).
    const configuration = { cpuAt: (address: number) => cpus[address] ?? null, cpus };
    for (const cpu of cpus) cpu.configuration = configuration;
    this.channel = new ChannelSubsystem({
      storage: this.storage,
      now: () => this.nowNs,
      after: (delayNs, label, fire) => this.after(delayNs, label, fire),
      interruptionPending: () => {
        for (const cpu of cpus) cpu.requestAttention();
      },
      trace: (line) => this.ccwTraceConsole().writeLine(line),
    });
    // DIAGNOSE 0x500 subcode 3: a virtio-ccw guest's queue notification to the device on a subchannel.
    const diagnose = virtioNotifyHook((n) => this.channel.subchannel(n)?.device);
    for (const cpu of cpus) {
      cpu.ioSource = this.channel;
      cpu.channel = this.channel;
      cpu.diagnose = diagnose;
    }
    this.credit = cpus.map(() => 0);
    this.quantumStartCount = cpus.map(() => 0);
    installTimerWakeups(this.events, cpus);
    const hmc = this.addConsole(HMC_CONSOLE, 'Operating System Messages');
    hmc.writeLine(
      `ZVL001I CEC ${this.cec.name} power-on reset complete: ${this.cec.cpus} CPU(s), ` +
        `${this.cec.storageMiB} MiB storage, seed ${this.seed}`,
    );
    this.sclp = installServiceProcessor(this.cpus, this.storage, hmc);
  }

  /** Current virtual time in nanoseconds. */
  get now(): number {
    return this.nowNs;
  }

  /** The latest version: every change to the machine's visible state takes a new one. */
  get version(): number {
    return this.changeCounter;
  }

  get eventsProcessed(): number {
    return this.processed;
  }

  console(id: string): LineConsole {
    const found = this.consoleList.find((c) => c.id === id);
    if (!found) throw new RangeError(`no console '${id}'`);
    return found;
  }

  consoleIds(): string[] {
    return this.consoleList.map((c) => c.id);
  }

  addConsole(id: string, title: string): LineConsole {
    const created = new LineConsole(id, title, () => this.bump());
    this.consoleList.push(created);
    return created;
  }

  /** The 3270 displays by device number: the same objects the channel drives. */
  displays(): ReadonlyMap<number, Display3278> {
    return this.displayRegistry.all();
  }

  /** Registers a 3270 display under its device number, for snapshots and the operator's keys. */
  addDisplay(devno: number, display: Display3278): void {
    this.displayRegistry.add(devno, display);
  }

  /**
   * Attaches a device at device number `devno` (0000-FFFF) and returns its subchannel number:
   * `subchannel` when given, else devno order (see ChannelSubsystem.attach).
   */
  attachDevice(devno: number, device: CcwDevice, subchannel?: number): number {
    const sch = this.channel.attach(devno, device, subchannel);
    this.configVersion = this.bump();
    return sch.number;
  }

  /** Turns the CCW trace of a device on or off; its lines go to the CCW trace console. False: no such device. */
  traceDevice(devno: number, on: boolean): boolean {
    if (on) this.ccwTraceConsole();
    return this.channel.setTrace(devno, on);
  }

  private ccwTraceConsole(): LineConsole {
    return (
      this.consoleList.find((c) => c.id === CCW_TRACE_CONSOLE) ??
      this.addConsole(CCW_TRACE_CONSOLE, 'CCW trace')
    );
  }

  /**
   * LOAD from the device at `devno` (a CCW IPL, §10.2; see ccw-ipl.ts). False, with a message on the
   * HMC console, when there is no such device.
   */
  ipl(devno: number): boolean {
    return ccwIpl(this, devno);
  }

  /** Schedules `fire` at `delayNs` after now. */
  after(delayNs: number, label: string, fire: () => void): void {
    this.events.schedule(this.nowNs + Math.max(0, delayNs), label, fire);
  }

  /** Runs the machine until virtual time now + ns, firing every event due on the way. */
  advance(ns: number): void {
    if (!(ns >= 0)) throw new RangeError(`advance: a duration >= 0 is required, got ${ns}`);
    this.runUntil(this.nowNs + ns);
  }

  /**
   * One step: with a CPU that can run (operating, not waiting), one instruction on the next such CPU
   * in round-robin order, the clock moving by one instruction's time and due events firing; otherwise
   * to the next pending event (or by 1 µs when none is pending).
   */
  step(): void {
    const n = this.cpus.length;
    for (let i = 0; i < n; i++) {
      const index = (this.nextCpu + i) % n;
      const cpu = this.cpus[index];
      if (!this.runnable(cpu)) continue;
      this.nextCpu = (index + 1) % n;
      this.quantumStartNs = this.nowNs;
      this.quantumStartCount[index] = cpu.instructionCount;
      this.runningCpu = index;
      cpu.run(1);
      this.runningCpu = -1;
      this.fireDue(this.nowNs + this.nsPerInstruction());
      this.nowNs += this.nsPerInstruction();
      this.bump();
      return;
    }
    const next = this.events.peekTime();
    this.runUntil(Number.isFinite(next) ? Math.max(next, this.nowNs) : this.nowNs + IDLE_STEP_NS);
  }

  /** Virtual ns per instruction of one CPU at the configured speed. */
  private nsPerInstruction(): number {
    return 1000 / this.cec.mips;
  }

  /** A CPU that would execute instructions if given time. */
  private runnable(cpu: Cpu): boolean {
    return cpu.state === 'operating' && (!cpu.waiting || cpu.hasPendingInterruption());
  }

  /** The TOD source of CPU i: the quantum start plus the time its executed instructions took. */
  private cpuNow(i: number): number {
    if (i !== this.runningCpu) return this.nowNs;
    const executed = this.cpus[i].instructionCount - this.quantumStartCount[i];
    return this.quantumStartNs + executed * this.nsPerInstruction();
  }

  private fireDue(limit: number): void {
    while (this.events.peekTime() <= limit) {
      const event = this.events.pop()!;
      this.nowNs = Math.max(this.nowNs, event.at);
      this.processed++;
      event.fire();
    }
  }

  /** Runs CPUs and events up to virtual time `target`: CPUs in quanta between events, events at their time. */
  private runUntil(target: number): void {
    const start = this.nowNs;
    for (;;) {
      const end = Math.min(target, this.events.peekTime());
      if (end > this.nowNs) this.runCpus(end);
      // CPUs may have scheduled events meanwhile (timer wake-ups): runCpus stopped at the first.
      const nextEvent = this.events.peekTime();
      if (nextEvent > target) break;
      this.fireDue(nextEvent);
    }
    this.nowNs = target;
    if (target !== start) this.bump();
  }

  /**
   * Runs the CPUs from now to `end` in round-robin quanta; time moves to `end`, or stops at the slice
   * boundary where an event scheduled meanwhile is due.
   */
  private runCpus(end: number): void {
    let ran = false;
    while (this.nowNs < end) {
      const sliceEnd = Math.min(end, this.nowNs + CPU_QUANTUM_NS, this.events.peekTime());
      if (sliceEnd <= this.nowNs) break;
      const span = sliceEnd - this.nowNs;
      let any = false;
      for (let i = 0; i < this.cpus.length; i++) {
        const cpu = this.cpus[i];
        if (!this.runnable(cpu)) {
          this.credit[i] = 0;
          continue;
        }
        any = true;
        const owed = this.credit[i] + (span * this.cec.mips) / 1000;
        const count = Math.floor(owed);
        this.credit[i] = owed - count;
        if (count === 0) continue;
        this.runCpu(i, count, sliceEnd);
      }
      ran ||= any;
      this.nowNs = sliceEnd;
      if (!any) {
        // Nothing runs until the next event (perhaps one a CPU scheduled in this call).
        this.nowNs = Math.max(this.nowNs, Math.min(end, this.events.peekTime()));
        break;
      }
    }
    if (ran) this.bump();
  }

  /**
   * Runs CPU i for `count` instructions of the slice that ends at `sliceEnd`, with its timers exact:
   * the run pauses at the instruction where its clock comparator or CPU timer becomes due so that it
   * looks at interruptions there, and an enabled wait entered in the slice ends at that due time.
   */
  private runCpu(i: number, count: number, sliceEnd: number): void {
    const cpu = this.cpus[i];
    const nsPer = this.nsPerInstruction();
    let t = this.nowNs;
    let left = count;
    this.runningCpu = i;
    while (left > 0) {
      this.quantumStartNs = t;
      this.quantumStartCount[i] = cpu.instructionCount;
      const due = cpu.timers.nextDueAfter(t);
      const n = Number.isFinite(due) ? Math.min(left, Math.ceil((due - t) / nsPer)) : left;
      const why = cpu.run(n);
      const ran = cpu.instructionCount - this.quantumStartCount[i];
      left -= ran;
      t += ran * nsPer;
      if (why === 'limit' && n < left + ran) {
        cpu.requestAttention();
        continue;
      }
      if (why !== 'wait' || cpu.disabledWait) break;
      const wake = cpu.timers.nextDueAfter(t);
      if (!(wake < sliceEnd)) break;
      // Idle in the wait until the timer is due, on the instruction grid of this slice.
      const idle = Math.ceil((wake - t) / nsPer);
      left -= idle;
      t += idle * nsPer;
    }
    this.runningCpu = -1;
  }

  /** Everything that changed after `sinceVersion` (0 = everything). */
  snapshot(sinceVersion = 0): MachineSnapshot {
    const consoles: ConsoleDelta[] = [];
    for (const c of this.consoleList) {
      if (c.version > sinceVersion) consoles.push(c.readSince(sinceVersion));
    }
    // Before the version is read: a display change seen now takes a new version.
    const displays = this.displayRegistry.changedSince(sinceVersion);
    return {
      version: this.changeCounter,
      virtualNs: this.nowNs,
      eventsProcessed: this.processed,
      eventsPending: this.events.size,
      cec: this.configVersion > sinceVersion ? this.summary() : undefined,
      consoles,
      displays,
      cpus: this.cpus.map((cpu) => ({
        address: cpu.address,
        state: cpu.state === 'operating' && cpu.waiting ? 'wait' : cpu.state,
        psw: cpu.pswHex(),
        instructions: cpu.instructionCount,
      })),
    };
  }

  summary(): CecSummary {
    const { name, cpus, storageMiB, mips } = this.cec;
    return { name, cpus, storageMiB, mips, seed: this.seed };
  }

  private bump(): number {
    return ++this.changeCounter;
  }
}
