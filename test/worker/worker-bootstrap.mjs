// Runs inside node:worker_threads: gives the global scope the postMessage/addEventListener endpoint a
// browser worker has (Comlink's node adapter over parentPort), then loads the real machine worker.
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { register } from 'tsx/esm/api';

const endpoint = nodeEndpoint(parentPort);
globalThis.postMessage = (message, transfer) => endpoint.postMessage(message, transfer);
globalThis.addEventListener = (type, listener) => endpoint.addEventListener(type, listener);
globalThis.removeEventListener = (type, listener) => endpoint.removeEventListener(type, listener);
// Node 20 does not carry --import loader hooks into worker threads: register tsx here instead.
register();
await import('../../workers/machine.worker.ts');
