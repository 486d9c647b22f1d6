import type { CecConfig } from './cec-config';
import { EventQueue } from './event-queue';
import { type ConsoleDelta, LineConsole } from './line-console';
import { SeededRng } from './seeded-rng';

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

/** What changed since a version: structured-clone friendly, small. */
export interface MachineSnapshot {
  readonly version: number;
  readonly virtualNs: number;
  readonly eventsProcessed: number;
  readonly eventsPending: number;
  /** Present on the first snapshot (since 0) and whenever the configuration changed. */
  readonly cec?: CecSummary;
  readonly consoles: ConsoleDelta[];
}

export const HMC_CONSOLE = 'hmc';

/** With no CPU operating, one step moves the clock to the next event, or this far when none is pending. */
const IDLE_STEP_NS = 1000;

export class Machine {
  readonly events = new EventQueue();
  readonly rng: SeededRng;
  readonly cec: CecConfig;
  readonly seed: number;
  private readonly consoleList: LineConsole[] = [];
  private nowNs = 0;
  private processed = 0;
  private changeCounter = 0;
  private configVersion: number;

  constructor(options: MachineOptions) {
    this.seed = options.seed >>> 0;
    this.rng = new SeededRng(this.seed);
    this.cec = options.cec;
    this.configVersion = this.bump();
    const hmc = this.addConsole(HMC_CONSOLE, 'Operating System Messages');
    hmc.writeLine(
      `ZVL001I CEC ${this.cec.name} power-on reset complete: ${this.cec.cpus} CPU(s), ` +
        `${this.cec.storageMiB} MiB storage, seed ${this.seed}`,
    );
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

  /** Schedules `fire` at `delayNs` after now. */
  after(delayNs: number, label: string, fire: () => void): void {
    this.events.schedule(this.nowNs + Math.max(0, delayNs), label, fire);
  }

  /** Runs the machine until virtual time now + ns, firing every event due on the way. */
  advance(ns: number): void {
    if (!(ns >= 0)) throw new RangeError(`advance: a duration >= 0 is required, got ${ns}`);
    this.runUntil(this.nowNs + ns);
  }

  /** One step: with no CPU operating, to the next pending event (or by 1 µs when none is pending). */
  step(): void {
    const next = this.events.peekTime();
    this.runUntil(Number.isFinite(next) ? Math.max(next, this.nowNs) : this.nowNs + IDLE_STEP_NS);
  }

  private runUntil(target: number): void {
    while (this.events.peekTime() <= target) {
      const event = this.events.pop()!;
      this.nowNs = Math.max(this.nowNs, event.at);
      this.processed++;
      event.fire();
    }
    if (target !== this.nowNs) {
      this.nowNs = target;
      this.bump();
    }
  }

  /** Everything that changed after `sinceVersion` (0 = everything). */
  snapshot(sinceVersion = 0): MachineSnapshot {
    const consoles: ConsoleDelta[] = [];
    for (const c of this.consoleList) {
      if (c.version > sinceVersion) consoles.push(c.readSince(sinceVersion));
    }
    return {
      version: this.changeCounter,
      virtualNs: this.nowNs,
      eventsProcessed: this.processed,
      eventsPending: this.events.size,
      cec: this.configVersion > sinceVersion ? this.summary() : undefined,
      consoles,
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
