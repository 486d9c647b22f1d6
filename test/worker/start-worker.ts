import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { MachineApi } from '../../src/api/machine-api';

/**
 * Starts the real workers/machine.worker.ts in a node:worker_threads Worker (through a tiny bootstrap
 * that gives the worker the browser-style self endpoint Comlink expects) and wraps it with Comlink.
 */
export function startMachineWorker(): { api: Comlink.Remote<MachineApi>; stop: () => Promise<number> } {
  const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url));
  worker.on('error', (error) => {
    throw error;
  });
  const api = Comlink.wrap<MachineApi>(nodeEndpoint(worker));
  return { api, stop: () => worker.terminate() };
}
