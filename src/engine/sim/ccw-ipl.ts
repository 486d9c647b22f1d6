import { HMC_CONSOLE } from './console-ids';
import { hex4 } from './display-registry';
import type { Machine } from './machine';

/** Where the IPL stores the subsystem-identification word of the IPL device, and a zero word after it. */
const IPL_SID_ADDRESS = 0xb8;
const IPL_PARAMETER_ADDRESS = 0xbc;

/**
 * A CCW-type IPL ("LOAD" on the HMC) from the device at `devno`, reference/domain-architecture.md
 * §10.2: a system reset (every CPU reset and stopped, in ESA/390 mode; every subchannel reset), then
 * the channel subsystem's implicit READ IPL of 24 bytes to absolute 0 with command chaining at 8.
 * When that channel program ends cleanly, the SID goes to X'B8', zeros to X'BC', and CPU 0 loads the
 * 8-byte PSW at absolute 0 and starts. Any other ending leaves every CPU stopped and says why on the
 * HMC console. The channel program takes virtual time: the CPU starts when it ends.
 * Returns false (with a message) when there is no such device.
 */
export function ccwIpl(machine: Machine, devno: number): boolean {
  const hmc = machine.console(HMC_CONSOLE);
  const device = hex4(devno);
  for (const cpu of machine.cpus) {
    cpu.initialReset();
    cpu.setArchitecture('esa390');
  }
  machine.channel.reset();
  const started = machine.channel.ipl(devno, (outcome) => {
    if (!outcome.ok) {
      hmc.writeLine(
        `ZVL012E IPL from device ${device} failed: device status ${hex2(outcome.deviceStatus)}, ` +
          `subchannel status ${hex2(outcome.subchannelStatus)}; the CPUs stay stopped`,
      );
      return;
    }
    machine.storage.writeU32(IPL_SID_ADDRESS, outcome.subsystemId);
    machine.storage.writeU32(IPL_PARAMETER_ADDRESS, 0);
    const cpu = machine.cpus[0];
    cpu.loadIplPsw();
    const state = cpu.state === 'check-stop' ? `check stop (${cpu.checkStopReason})` : `PSW ${cpu.pswHex()}`;
    hmc.writeLine(`ZVL011I IPL from device ${device} complete, CPU 0 ${state}`);
  });
  if (!started) {
    hmc.writeLine(`ZVL013E IPL from device ${device} failed: no such device; the CPUs stay stopped`);
    return false;
  }
  hmc.writeLine(`ZVL010I IPL from device ${device} started`);
  return true;
}

function hex2(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}
