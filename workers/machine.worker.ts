/// <reference lib="webworker" />
// The machine worker: a thin host that exposes the MachineService over Comlink and nothing else.
import * as Comlink from 'comlink';
import { MachineService } from '../src/host/machine-service';

Comlink.expose(new MachineService());
