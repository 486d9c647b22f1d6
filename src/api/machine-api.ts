/**
 * The typed API between the page and the machine worker. The page imports types from this file only,
 * never engine internals; every call returns a typed result, never throws across the boundary.
 */
import type { CecSummary, CpuSnapshot, MachineSnapshot } from '../engine/sim/machine';
import type { DefinitionViews } from '../engine/defs';

export type { CecSummary, CpuSnapshot, MachineSnapshot };
export { HMC_CONSOLE } from '../engine/sim/console-ids';
export type { ConsoleDelta } from '../engine/sim/line-console';
export type {
  CorrespondenceRow,
  DefDiagnostic,
  DefForm,
  DefinitionViews,
  GuestView,
  LineMapEntry,
  RenderedText,
  TranslationNote,
} from '../engine/defs';

/** 1x: one virtual second per wall second; 10x; max: as fast as the host can go. */
export type Speed = '1x' | '10x' | 'max';
export const SPEEDS: readonly Speed[] = ['1x', '10x', 'max'];

export interface RunStatus {
  readonly state: 'running' | 'paused';
  readonly speed: Speed;
  /** Virtual time advanced per wall time over the last second (1.0 = real time). */
  readonly achievedRatio: number;
}

export interface LabSnapshot {
  /** Which machine answered: a new one (a loaded scenario) takes a new epoch. */
  readonly epoch: number;
  readonly machine: MachineSnapshot;
  readonly run: RunStatus;
}

/** The forms a person writes a guest in (JSON is an output only). */
export type GuestDefinitionForm = 'directory' | 'qemu' | 'xml';

/**
 * A definition parsed and translated into every form. Errors in the text are diagnostics inside
 * `views` (ok: true); ok: false means the translator itself failed.
 */
export type GuestDefinitionResult =
  | { readonly ok: true; readonly views: DefinitionViews }
  | { readonly ok: false; readonly errors: string[] };

export type CommandResult = { readonly ok: true } | { readonly ok: false; readonly errors: string[] };

export interface MachineApi {
  /**
   * What changed after `sinceVersion` of machine `epoch` (0 = everything). When `epoch` is not the
   * current machine's, the snapshot is a full one.
   */
  snapshot(sinceVersion: number, epoch?: number): Promise<LabSnapshot>;
  run(): Promise<RunStatus>;
  pause(): Promise<RunStatus>;
  /** One machine step while paused. */
  step(): Promise<RunStatus>;
  setSpeed(speed: Speed): Promise<RunStatus>;
  /** A line typed on a line-mode console. */
  consoleInput(consoleId: string, line: string): Promise<CommandResult>;
  /** Replaces the machine with the one a scenario file describes (paused). */
  loadScenario(text: string, file: string): Promise<CommandResult>;
  /**
   * Parses a guest definition (form detected from the text when not given) and renders each guest in
   * every form, with translation notes and the line-to-line correspondence.
   */
  guestDefinition(text: string, form?: GuestDefinitionForm): Promise<GuestDefinitionResult>;
}
