import type { Cpu } from '../arch/cpu';
import type { MainStorage } from '../arch/main-storage';
import { Sclp } from '../io/sclp/sclp';
import type { LineConsole } from './line-console';

/** Load parameter until an IPL sets one: eight EBCDIC blanks. */
const BLANK_LOAD_PARAMETER = new Uint8Array(8).fill(0x40);

/**
 * The CEC's service processor: one SCLP behind every CPU's SERVICE CALL, its service signal a
 * floating external interruption any CPU may take, its console the HMC's "Operating System
 * Messages" (guest messages appear there; lines the operator types there are the guest's input).
 */
export function installServiceProcessor(cpus: readonly Cpu[], storage: MainStorage, hmc: LineConsole): Sclp {
  const sclp = new Sclp({
    storage,
    storageBytes: storage.size,
    cpuAddresses: cpus.map((cpu) => cpu.address),
    loadParameter: BLANK_LOAD_PARAMETER,
    console: hmc,
    signal: () => {
      for (const cpu of cpus) cpu.requestAttention();
    },
  });
  for (const cpu of cpus) {
    cpu.serviceCall = sclp;
    cpu.externalSources.push(sclp);
  }
  hmc.onLine((line) => sclp.operatorInput(line));
  return sclp;
}
