import { Cpu } from '../cpu';
import { GuestVcpu, type VcpuOptions } from './vcpu';

/**
 * A guest vCPU for a host written in TypeScript (the KVM-like and CP-like hypervisors): the entry
 * point of the SIE API. It lives apart from vcpu.ts because the SIE instruction's handler, which
 * execute/index.ts loads while decode.ts initializes, must not pull in cpu.ts (its module-level
 * bindings would be read from modules not yet initialized).
 */
export function createGuestVcpu(options: VcpuOptions): GuestVcpu {
  return new GuestVcpu(options, Cpu);
}
