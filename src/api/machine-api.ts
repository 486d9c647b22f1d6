/**
 * The typed API between the page and the machine worker. The page imports types from this file only,
 * never engine internals; every call returns a typed result, never throws across the boundary.
 */
import type { CecSummary, CpuSnapshot, MachineSnapshot } from '../engine/sim/machine';
import type { DefinitionViews } from '../engine/defs';
import type { KeyResult } from '../engine/io/display3270/operator-keyboard';
import type { Display3270Key, Named3270Key } from '../engine/io/display3270/operator-keys';

export type { CecSummary, CpuSnapshot, MachineSnapshot };
export type { DisplaySnapshot } from '../engine/sim/display-registry';
export type { ColorName, HighlightName, ScreenRun, ScreenView } from '../engine/io/display3270/screen-render';
export { NAMED_3270_KEYS } from '../engine/io/display3270/operator-keys';
export type { Display3270Key, KeyResult, Named3270Key };
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

/**
 * What a 3270 key did: the display's answer ('ok', or why it refused: 'locked' while the host owns
 * the keyboard, 'protected', 'numeric', 'overflow', 'inhibited' until Reset), or an error for a
 * device number without a display or a name that is no 3270 key.
 */
export type Display3270KeyResult =
  | { readonly ok: true; readonly result: KeyResult }
  | { readonly ok: false; readonly errors: string[] };

/** The files a scenario needs, or why its text could not be read. */
export type ScenarioFilesResult =
  | { readonly ok: true; readonly files: string[] }
  | { readonly ok: false; readonly errors: string[] };

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
  /**
   * One key on the 3270 display at device number `devno`: a character to type, or a named key
   * (Tab, Backtab, Home, EraseEOF, Insert, Delete, Newline, Up/Down/Left/Right, Enter, PF1–PF24,
   * PA1–PA3, Clear, Reset, …). The display enforces protected and numeric fields and the lock.
   */
  display3270Key(devno: number, key: Display3270Key): Promise<Display3270KeyResult>;
  /**
   * LOAD (a CCW IPL, reference §10.2) from the device at `devno`: system reset, then the device's
   * IPL record starts CPU 0 when its channel program ends; the HMC console says how it went.
   */
  ipl(devno: number): Promise<CommandResult>;
  /**
   * The files a scenario names (an IPL program's source), relative to the scenario file, which the
   * page fetches and hands to `loadScenario`.
   */
  scenarioFiles(text: string, file: string): Promise<ScenarioFilesResult>;
  /**
   * Replaces the machine with the one a scenario file describes (paused); `files` holds the text of
   * each file `scenarioFiles` named.
   */
  loadScenario(text: string, file: string, files?: Readonly<Record<string, string>>): Promise<CommandResult>;
  /**
   * Parses a guest definition (form detected from the text when not given) and renders each guest in
   * every form, with translation notes and the line-to-line correspondence.
   */
  guestDefinition(text: string, form?: GuestDefinitionForm): Promise<GuestDefinitionResult>;
}
