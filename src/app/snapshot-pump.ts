import type { MachineConnection } from './machine-connection';
import { type LabStore, mergeSnapshot } from './lab-store';

/** Where the pump learns whether a command changed the run status while its request was out. */
export interface RunCommandCounter {
  readonly runCommandCount: number;
}

/**
 * Pulls one snapshot per animation frame and merges it into the store. At most one request is in
 * flight and none is ever queued: a frame that finds the previous request unanswered simply skips,
 * so a slow page never floods or slows the machine (DESIGN.md, "Data flow").
 */
export class SnapshotPump {
  private frame = 0;
  private inFlight = false;
  private stopped = false;

  constructor(
    private readonly connection: MachineConnection,
    private readonly store: LabStore,
    private readonly commands: RunCommandCounter,
    private readonly onFailure: (message: string) => void,
  ) {
    this.frame = requestAnimationFrame(this.tick);
  }

  stop(): void {
    this.stopped = true;
    cancelAnimationFrame(this.frame);
  }

  private readonly tick = (): void => {
    if (this.stopped) return;
    this.frame = requestAnimationFrame(this.tick);
    if (this.inFlight) return;
    this.inFlight = true;
    const commandsBefore = this.commands.runCommandCount;
    const { version, epoch } = this.store.getState();
    this.connection.api
      .snapshot(version, epoch)
      .then(
        (snapshot) => {
          if (this.stopped) return;
          const runIsCurrent = this.commands.runCommandCount === commandsBefore;
          this.store.setState((state) => mergeSnapshot(state, snapshot, runIsCurrent));
        },
        (error: unknown) => {
          if (!this.stopped) this.onFailure(`snapshot failed: ${String(error)}`);
        },
      )
      .finally(() => {
        this.inFlight = false;
      });
  };
}
