import type {
  CommandResult,
  Display3270Key,
  Display3270KeyResult,
  GuestDefinitionForm,
  GuestDefinitionResult,
  LabSnapshot,
  MachineApi,
  RunStatus,
  ScenarioFilesResult,
  Speed,
} from '../api/machine-api';
import { definitionViews } from '../engine/defs';
import { press3270Key } from '../engine/io/display3270/operator-keys';
import { hex4 } from '../engine/sim/display-registry';
import { DEFAULT_CEC } from '../engine/sim/cec-config';
import { Machine } from '../engine/sim/machine';
import { machineFromScenario, parseScenario, ScenarioError } from '../engine/sim/scenario';
import { scenarioFileNames } from '../engine/sim/scenario-devices';

/**
 * Hosts one Machine and runs it in slices of a few milliseconds of wall time, yielding between slices
 * so API calls are answered promptly. Wall time is read here, in the host, never in the engine: it
 * only decides how much virtual time each slice asks the machine to run.
 */
const SLICE_MS = 8;
const PACED_INTERVAL_MS = 4;
/** In max mode the machine runs in chunks of this much virtual time between wall-clock checks. */
const MAX_CHUNK_NS = 1_000_000;
const RATIO_WINDOW_MS = 1000;
const SPEED_FACTOR: Record<Exclude<Speed, 'max'>, number> = { '1x': 1, '10x': 10 };

export class MachineService implements MachineApi {
  private machine = new Machine({ seed: 1, cec: DEFAULT_CEC });
  private epoch = 1;
  private state: RunStatus['state'] = 'paused';
  private speed: Speed = '1x';
  private lastSliceWall = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly wake = new MessageChannel();
  private samples: { wall: number; virtual: number }[] = [];

  constructor() {
    this.wake.port1.onmessage = () => this.slice();
  }

  async snapshot(sinceVersion: number, epoch = this.epoch): Promise<LabSnapshot> {
    const since = epoch === this.epoch ? sinceVersion : 0;
    return { epoch: this.epoch, machine: this.machine.snapshot(since), run: this.status() };
  }

  async run(): Promise<RunStatus> {
    if (this.state !== 'running') {
      this.state = 'running';
      this.lastSliceWall = performance.now();
      this.samples = [];
      this.schedule();
    }
    return this.status();
  }

  async pause(): Promise<RunStatus> {
    this.state = 'paused';
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    return this.status();
  }

  async step(): Promise<RunStatus> {
    if (this.state === 'paused') this.machine.step();
    return this.status();
  }

  async setSpeed(speed: Speed): Promise<RunStatus> {
    this.speed = speed;
    this.lastSliceWall = performance.now();
    this.samples = [];
    return this.status();
  }

  async consoleInput(consoleId: string, line: string): Promise<CommandResult> {
    if (!this.machine.consoleIds().includes(consoleId)) {
      return { ok: false, errors: [`no console '${consoleId}'`] };
    }
    this.machine.console(consoleId).input(line);
    return { ok: true };
  }

  async display3270Key(devno: number, key: Display3270Key): Promise<Display3270KeyResult> {
    const display = this.machine.displays().get(devno);
    if (!display) return { ok: false, errors: [`no 3270 display at device ${hex4(devno)}`] };
    const result = press3270Key(display, key);
    if (result === 'unknown') return { ok: false, errors: [`${JSON.stringify(key)} is not a 3270 key`] };
    return { ok: true, result };
  }

  async ipl(devno: number): Promise<CommandResult> {
    if (this.machine.ipl(devno)) return { ok: true };
    return { ok: false, errors: [`no device ${hex4(devno)} to IPL from`] };
  }

  async scenarioFiles(text: string, file: string): Promise<ScenarioFilesResult> {
    try {
      return { ok: true, files: scenarioFileNames(parseScenario(text, file).dasd) };
    } catch (error) {
      if (error instanceof ScenarioError) return { ok: false, errors: error.message.split('\n') };
      return { ok: false, errors: [`${file}: internal error while reading: ${String(error)}`] };
    }
  }

  async loadScenario(
    text: string,
    file: string,
    files: Readonly<Record<string, string>> = {},
  ): Promise<CommandResult> {
    try {
      const read = (name: string) => {
        if (!Object.hasOwn(files, name)) throw new Error(`'${name}' was not given with the scenario`);
        return files[name];
      };
      const next = machineFromScenario(parseScenario(text, file), file, undefined, read);
      await this.pause();
      this.machine = next;
      this.epoch++;
      return { ok: true };
    } catch (error) {
      if (error instanceof ScenarioError) return { ok: false, errors: error.message.split('\n') };
      // Never an untyped exception across the worker boundary: the page shows this and keeps running.
      return { ok: false, errors: [`${file}: internal error while loading: ${String(error)}`] };
    }
  }

  async guestDefinition(text: string, form?: GuestDefinitionForm): Promise<GuestDefinitionResult> {
    try {
      return { ok: true, views: definitionViews(text, { form }) };
    } catch (error) {
      // Mistakes in the text are diagnostics; only a translator bug lands here, typed for the page.
      return { ok: false, errors: [`internal error while translating the definition: ${String(error)}`] };
    }
  }

  private status(): RunStatus {
    return { state: this.state, speed: this.speed, achievedRatio: this.achievedRatio() };
  }

  private schedule(): void {
    if (this.state !== 'running') return;
    if (this.speed === 'max') this.wake.port2.postMessage(0);
    else this.timer = setTimeout(() => this.slice(), PACED_INTERVAL_MS);
  }

  private slice(): void {
    this.timer = undefined;
    if (this.state !== 'running') return;
    const start = performance.now();
    if (this.speed === 'max') {
      do this.machine.advance(MAX_CHUNK_NS);
      while (performance.now() - start < SLICE_MS);
    } else {
      // Paced: catch up with wall time, but never more than one slice's worth after a stall.
      const wallNs = Math.min(start - this.lastSliceWall, 10 * SLICE_MS) * 1e6;
      this.machine.advance(Math.round(wallNs * SPEED_FACTOR[this.speed]));
    }
    this.lastSliceWall = start;
    this.sample(performance.now());
    this.schedule();
  }

  private sample(wall: number): void {
    this.samples.push({ wall, virtual: this.machine.now });
    while (this.samples.length > 2 && wall - this.samples[0].wall > RATIO_WINDOW_MS) this.samples.shift();
  }

  private achievedRatio(): number {
    if (this.state !== 'running' || this.samples.length < 2) return 0;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const wallNs = (last.wall - first.wall) * 1e6;
    return wallNs > 0 ? (last.virtual - first.virtual) / wallNs : 0;
  }
}
