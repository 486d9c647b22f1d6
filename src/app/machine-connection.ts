import * as Comlink from 'comlink';
import type { MachineApi } from '../api/machine-api';

/**
 * One machine worker and its Comlink proxy. The page talks to the machine only through `api`
 * (the typed API); a worker that reports an 'error' event is treated as dead, because a Comlink
 * call to it may never settle.
 */
export class MachineConnection {
  readonly api: Comlink.Remote<MachineApi>;
  private readonly worker: Worker;
  private closed = false;

  constructor(onDeath: (reason: string) => void) {
    this.worker = new Worker(new URL('../../workers/machine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'zvlab-machine',
    });
    this.worker.addEventListener('error', (event) => {
      // Keep the page's console clean: the banner reports it.
      event.preventDefault();
      if (!this.closed) onDeath(describeWorkerError(event));
    });
    this.worker.addEventListener('messageerror', () => {
      if (!this.closed) onDeath('a message from the machine worker could not be read');
    });
    this.api = Comlink.wrap<MachineApi>(this.worker);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.terminate();
  }
}

function describeWorkerError(event: ErrorEvent): string {
  if (event.message) {
    const where = event.filename ? ` (${event.filename.split('/').pop()}:${event.lineno})` : '';
    return `${event.message}${where}`;
  }
  return 'the machine worker failed to start or stopped unexpectedly';
}
