import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CecSummary, CpuSnapshot, DisplaySnapshot, LabSnapshot, RunStatus } from '../api/machine-api';
import { appendDelta, type ConsoleMirror } from './console/console-mirror';

/**
 * The page's typed mirror of the machine. It changes only by merging snapshot deltas from the
 * worker (`mergeSnapshot`) and by the run status each command returns; views read it, never the worker.
 */
export type Connection = 'starting' | 'live' | 'dead';

/** One CPU's state as the snapshot reports it (address, state, PSW, instructions executed). */
export type CpuView = CpuSnapshot;

export interface LabState {
  readonly connection: Connection;
  /** Why the worker died, shown in the banner. */
  readonly workerError: string | undefined;
  /** The machine the mirror holds (a loaded scenario is a new epoch). */
  readonly epoch: number;
  /** The last machine version merged; the next snapshot asks for what changed after it. */
  readonly version: number;
  readonly virtualNs: number;
  readonly eventsProcessed: number;
  readonly eventsPending: number;
  readonly cec: CecSummary | undefined;
  readonly cpus: readonly CpuView[];
  readonly run: RunStatus;
  readonly consoles: Readonly<Record<string, ConsoleMirror>>;
  /** The 3270 screens by device number, each as of its latest change. */
  readonly displays: Readonly<Record<number, DisplaySnapshot>>;
  /** The last command the machine refused or that failed, for the notice line. */
  readonly notice: string | undefined;
}

export type LabStore = StoreApi<LabState>;

export const INITIAL_LAB_STATE: LabState = {
  connection: 'starting',
  workerError: undefined,
  epoch: 0,
  version: 0,
  virtualNs: 0,
  eventsProcessed: 0,
  eventsPending: 0,
  cec: undefined,
  cpus: [],
  run: { state: 'paused', speed: '1x', achievedRatio: 0 },
  consoles: {},
  displays: {},
  notice: undefined,
};

export function createLabStore(): LabStore {
  return createStore<LabState>()(() => INITIAL_LAB_STATE);
}

/**
 * The state after merging one snapshot delta (the snapshot holds only what changed after
 * `state.version`). `runIsCurrent` is false when a command returned a newer run status while the
 * snapshot was on its way; the store keeps that one.
 */
export function mergeSnapshot(current: LabState, snapshot: LabSnapshot, runIsCurrent = true): LabState {
  const { machine } = snapshot;
  // Another epoch is another machine (a scenario was loaded): the worker sent a full snapshot, which
  // replaces the mirror instead of adding to it.
  const state =
    snapshot.epoch === current.epoch
      ? current
      : { ...current, epoch: snapshot.epoch, cec: undefined, consoles: {}, displays: {} };
  const run = runIsCurrent ? snapshot.run : state.run;
  const common = {
    connection: 'live' as const,
    virtualNs: machine.virtualNs,
    eventsProcessed: machine.eventsProcessed,
    eventsPending: machine.eventsPending,
    cpus: sameCpus(state.cpus, machine.cpus) ? state.cpus : machine.cpus,
    run: sameRun(state.run, run) ? state.run : run,
  };
  let consoles = state.consoles;
  if (machine.consoles.length > 0) {
    const next: Record<string, ConsoleMirror> = { ...consoles };
    for (const delta of machine.consoles) next[delta.id] = appendDelta(next[delta.id], delta);
    consoles = next;
  }
  let displays = state.displays;
  if (machine.displays.length > 0) {
    const next: Record<number, DisplaySnapshot> = { ...displays };
    for (const display of machine.displays) next[display.devno] = display;
    displays = next;
  }
  return {
    ...state,
    ...common,
    version: machine.version,
    cec: machine.cec ?? state.cec,
    consoles,
    displays,
  };
}

/** Keeps the old array when nothing changed, so views that read CPUs do not re-render every frame. */
function sameCpus(a: readonly CpuView[], b: readonly CpuView[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (cpu, i) =>
        cpu.address === b[i].address &&
        cpu.state === b[i].state &&
        cpu.psw === b[i].psw &&
        cpu.instructions === b[i].instructions,
    )
  );
}

function sameRun(a: RunStatus, b: RunStatus): boolean {
  return a.state === b.state && a.speed === b.speed && a.achievedRatio === b.achievedRatio;
}
