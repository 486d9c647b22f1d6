import type { Remote } from 'comlink';
import type { MachineApi, RunStatus } from '../api/machine-api';
import { createLabStore, INITIAL_LAB_STATE, type LabStore } from './lab-store';
import { MachineConnection } from './machine-connection';
import { SnapshotPump } from './snapshot-pump';

/**
 * Everything one open page needs to run a machine: the worker connection, the store that mirrors it
 * and the pump between them. Actions (src/app/actions) operate on a session; views read its store.
 */
export class LabSession {
  readonly store: LabStore = createLabStore();
  private connection!: MachineConnection;
  private pump!: SnapshotPump;
  /**
   * Counts run statuses returned by commands. A snapshot requested before the latest one was answered
   * carries an older run status, which must not overwrite it (Pause would flicker back to running).
   */
  private runCommands = 0;

  constructor() {
    this.connect();
  }

  get api(): Remote<MachineApi> {
    return this.connection.api;
  }

  /** Drops the current worker (dead or not) and starts a fresh machine. */
  restart(): void {
    this.pump.stop();
    this.connection.close();
    this.store.setState(INITIAL_LAB_STATE, true);
    this.connect();
  }

  get runCommandCount(): number {
    return this.runCommands;
  }

  /** Records the run status a command returned, so the controls react before the next snapshot. */
  applyRunStatus(run: RunStatus): void {
    this.runCommands++;
    this.store.setState({ run });
  }

  /** Shows a command's failure in the notice line; the page keeps running. */
  notify(message: string | undefined): void {
    this.store.setState({ notice: message });
  }

  private connect(): void {
    const connection = new MachineConnection((reason) => {
      if (connection !== this.connection) return;
      this.pump.stop();
      this.store.setState({ connection: 'dead', workerError: reason });
    });
    this.connection = connection;
    this.pump = new SnapshotPump(connection, this.store, this, (message) => this.notify(message));
  }
}
