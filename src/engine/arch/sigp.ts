import type { Cpu } from './cpu';
import { storeStatusInPrefixArea, storeZStatus, Z_SAVE_AREA_SIZE } from './store-status';

/**
 * SIGNAL PROCESSOR orders (reference/domain-architecture.md §5.5, PoP "Signal Processor").
 * Orders act at once on the addressed CPU: the Machine runs CPUs one at a time in deterministic
 * quanta, so the target is always between instructions. The CPUs are reached through the
 * CpuConfiguration the Machine installs on each CPU (arch does not know the Machine); a CPU with no
 * configuration is alone (SIGP to its own address works, any other address is not operational).
 */
export interface CpuConfiguration {
  /** The CPU with this CPU address, or null when none is configured (condition code 3). */
  cpuAt(address: number): Cpu | null;
  readonly cpus: readonly Cpu[];
}

export const SIGP_SENSE = 0x01;
export const SIGP_EXTERNAL_CALL = 0x02;
export const SIGP_EMERGENCY_SIGNAL = 0x03;
export const SIGP_START = 0x04;
export const SIGP_STOP = 0x05;
export const SIGP_RESTART = 0x06;
export const SIGP_STOP_AND_STORE_STATUS = 0x09;
export const SIGP_INITIAL_CPU_RESET = 0x0b;
export const SIGP_CPU_RESET = 0x0c;
export const SIGP_SET_PREFIX = 0x0d;
export const SIGP_STORE_STATUS_AT_ADDRESS = 0x0e;
export const SIGP_SET_ARCHITECTURE = 0x12;
export const SIGP_SENSE_RUNNING_STATUS = 0x15;

/** Status bits stored in bits 32-63 of R1 with condition code 1 (§5.5). */
export const SIGP_STATUS_NOT_RUNNING = 0x400;
export const SIGP_STATUS_INCORRECT_STATE = 0x200;
export const SIGP_STATUS_INVALID_PARAMETER = 0x100;
export const SIGP_STATUS_EXTERNAL_CALL_PENDING = 0x80;
export const SIGP_STATUS_STOPPED = 0x40;
export const SIGP_STATUS_CHECK_STOP = 0x10;
export const SIGP_STATUS_INVALID_ORDER = 0x02;

/** A SIGP result: condition code 0, 2 or 3, or the status word (CC 1) as -1 - status. */
export type SigpResult = number;
export const SIGP_ACCEPTED: SigpResult = 0;
export const SIGP_NOT_OPERATIONAL: SigpResult = 3;

function status(bits: number): SigpResult {
  return -1 - bits;
}

/** Condition code of a result (status results are CC 1). */
export function sigpConditionCode(result: SigpResult): number {
  return result < 0 ? 1 : result;
}

/** The status word of a CC 1 result. */
export function sigpStatus(result: SigpResult): number {
  return -1 - result;
}

function configurationOf(cpu: Cpu): CpuConfiguration {
  return cpu.configuration ?? { cpuAt: (a) => (a === cpu.address ? cpu : null), cpus: [cpu] };
}

/**
 * Performs `order` from `issuer` on the CPU at `address` with `parameter` (bits 32-63 of the
 * parameter register). The issuer's PSW already points after the SIGP.
 */
export function signalProcessor(issuer: Cpu, order: number, address: number, parameter: number): SigpResult {
  const configuration = configurationOf(issuer);
  // Set architecture addresses the whole configuration; R3 is ignored.
  if (order === SIGP_SET_ARCHITECTURE) return setArchitecture(issuer, configuration, parameter);
  const target = configuration.cpuAt(address);
  if (target === null) return SIGP_NOT_OPERATIONAL;
  switch (order) {
    case SIGP_SENSE:
      return sense(target);
    case SIGP_EXTERNAL_CALL:
      // Only one external call can be pending (§5.4): a second is refused with its status bit.
      return target.signals.addExternalCall(issuer.address)
        ? wake(target)
        : status(SIGP_STATUS_EXTERNAL_CALL_PENDING);
    case SIGP_EMERGENCY_SIGNAL:
      target.signals.addEmergencySignal(issuer.address);
      return wake(target);
    case SIGP_START:
      if (target.state === 'check-stop') return status(SIGP_STATUS_CHECK_STOP);
      target.start();
      return wake(target);
    case SIGP_STOP:
      target.stop();
      return wake(target);
    case SIGP_RESTART:
      if (target.state === 'check-stop') return status(SIGP_STATUS_CHECK_STOP);
      target.restartInterruption();
      return wake(target);
    case SIGP_STOP_AND_STORE_STATUS:
      if (target.state === 'check-stop') return status(SIGP_STATUS_CHECK_STOP);
      target.stop();
      storeStatusInPrefixArea(target);
      return wake(target);
    case SIGP_STORE_STATUS_AT_ADDRESS:
      return storeStatusAtAddress(target, parameter);
    case SIGP_INITIAL_CPU_RESET:
      initialCpuReset(target);
      return wake(target);
    case SIGP_CPU_RESET:
      cpuReset(target);
      return wake(target);
    case SIGP_SET_PREFIX:
      return setPrefix(target, parameter);
    case SIGP_SENSE_RUNNING_STATUS:
      // Running: operating and executing instructions (not stopped, not in the wait state).
      return target.state === 'operating' && !target.waiting
        ? SIGP_ACCEPTED
        : status(SIGP_STATUS_NOT_RUNNING);
    default:
      return status(SIGP_STATUS_INVALID_ORDER);
  }
}

/** The target looks at its state and interruptions before its next instruction. */
function wake(target: Cpu): SigpResult {
  target.requestAttention();
  return SIGP_ACCEPTED;
}

function sense(target: Cpu): SigpResult {
  let bits = 0;
  if (target.state === 'stopped') bits |= SIGP_STATUS_STOPPED;
  if (target.state === 'check-stop') bits |= SIGP_STATUS_CHECK_STOP;
  if (target.signals.externalCallPending) bits |= SIGP_STATUS_EXTERNAL_CALL_PENDING;
  return bits === 0 ? SIGP_ACCEPTED : status(bits);
}

/** CPU reset: the CPU stops and its pending signals are cleared; registers, PSW and prefix stay. */
function cpuReset(target: Cpu): void {
  target.stop();
  target.signals.clear();
  target.purgeTlb();
}

/**
 * Initial CPU reset: a CPU reset, then PSW, prefix, control registers, CPU timer and clock
 * comparator to their initial values (§3.7). General, floating-point and access registers are kept
 * (only a clear reset zeroes them).
 */
function initialCpuReset(target: Cpu): void {
  const registers = [target.gh, target.gl, target.fh, target.fl, target.ar];
  const kept = registers.map((r) => r.slice());
  cpuReset(target);
  target.initialReset();
  for (let i = 0; i < registers.length; i++) registers[i].set(kept[i]);
}

/** Set prefix: the target must be stopped; the new prefix area must be in storage. */
function setPrefix(target: Cpu, parameter: number): SigpResult {
  if (target.state !== 'stopped') return status(SIGP_STATUS_INCORRECT_STATE);
  const prefix = parameter & 0x7fff_e000;
  if (prefix + 0x2000 > target.storage.size) return status(SIGP_STATUS_INVALID_PARAMETER);
  target.setPrefix(prefix);
  return SIGP_ACCEPTED;
}

/**
 * Store status at address (z/Architecture): the target must be stopped; the parameter is the
 * absolute address of a 512-byte-aligned area in storage. ESA/390 mode has no such order.
 */
function storeStatusAtAddress(target: Cpu, parameter: number): SigpResult {
  if (target.esa390) return status(SIGP_STATUS_INVALID_ORDER);
  if (target.state !== 'stopped') return status(SIGP_STATUS_INCORRECT_STATE);
  const area = parameter >>> 0;
  if (area % Z_SAVE_AREA_SIZE !== 0 || area + Z_SAVE_AREA_SIZE > target.storage.size) {
    return status(SIGP_STATUS_INVALID_PARAMETER);
  }
  storeZStatus(target, area);
  return SIGP_ACCEPTED;
}

/** z/Architecture PSWs captured when the configuration last left z/Architecture (for code 2). */
const capturedPsws = new WeakMap<Cpu, { mask: bigint; address: bigint }>();

/**
 * Set architecture (§10.2): code 0 → ESA/390, 1 → z/Architecture, 2 → z/Architecture with the other
 * CPUs' PSWs restored from their capture. Every other CPU must be stopped or check-stopped; asking
 * for the mode already in effect is an invalid parameter.
 */
function setArchitecture(issuer: Cpu, configuration: CpuConfiguration, parameter: number): SigpResult {
  const code = parameter & 0xff;
  if (code > 2 || issuer.esa390 === (code === 0)) return status(SIGP_STATUS_INVALID_PARAMETER);
  for (const cpu of configuration.cpus) {
    if (cpu !== issuer && cpu.state === 'operating') return status(SIGP_STATUS_INCORRECT_STATE);
  }
  for (const cpu of configuration.cpus) {
    if (code === 0) capturedPsws.set(cpu, cpu.getPsw());
    cpu.setArchitecture(code === 0 ? 'esa390' : 'z/architecture');
    const captured = capturedPsws.get(cpu);
    if (code === 2 && cpu !== issuer && captured !== undefined) cpu.setPsw(captured.mask, captured.address);
  }
  return SIGP_ACCEPTED;
}
