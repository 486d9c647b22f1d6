import type { Handler } from '../code-cache';
import type { Cpu } from '../cpu';
import { PGM_SPECIFICATION } from '../program-interruption';
import { contiguousMemory, GuestStorage } from './guest-storage';
import { ICPT_NONE, type SieExit } from './interception';
import {
  type GuestState,
  INTERVENTION_EXTERNAL,
  INTERVENTION_IO,
  INTERVENTION_STOP,
  SD_CLOCK_COMPARATOR,
  SD_CPU_TIMER,
  SD_CRS,
  SD_EPOCH,
  SD_EXECUTION_CONTROLS,
  SD_EXT_CODE,
  SD_EXT_CPU_ADDRESS,
  SD_EXT_PARAMETER,
  SD_GR14,
  SD_GR15,
  SD_INTERCEPTION_CODE,
  SD_INTERCEPTION_CONTROLS,
  SD_INTERVENTIONS,
  SD_IO_ID_WORD,
  SD_IO_PARAMETER,
  SD_IO_SUBSYSTEM_ID,
  SD_IPA,
  SD_IPB,
  SD_MSE,
  SD_MSO,
  SD_PGM_CODE,
  SD_PGM_ILC,
  SD_PREFIX,
  SD_PSW,
  SD_SIZE,
} from './state-description';
import { type CpuClass, GuestVcpu } from './vcpu';
import { sieValidity } from './validity';

/**
 * Guest instructions one SIE execution runs at most before it ends with interception code 0, so the
 * host's own run budget and interruptions are looked at (the host re-issues SIE, as KVM re-enters).
 */
export const SIE_SLICE = 10_000;

/** MSO/MSE name 1 MiB units in a z/Architecture SD (low 20 bits of MSO ignored, of MSE taken as ones). */
const MS_UNIT = 0x10_0000;
const TWO32 = 0x1_0000_0000;

/** The guest a host CPU last ran through the SIE instruction, kept while its storage stays the same. */
interface SieContext {
  readonly origin: number;
  readonly size: number;
  readonly vcpu: GuestVcpu;
}

const contexts = new WeakMap<Cpu, SieContext>();

function vcpuFor(c: Cpu, origin: number, size: number): GuestVcpu {
  const known = contexts.get(c);
  if (known !== undefined && known.origin === origin && known.size === size) return known.vcpu;
  const storage = new GuestStorage(contiguousMemory(c.storage, origin, size));
  // A guest CPU of the host's own class: this module may not import cpu.ts (see guest-vcpu.ts).
  const vcpu = new GuestVcpu(
    { address: c.address, storage, todNs: () => c.todNs() },
    c.constructor as CpuClass,
  );
  contexts.set(c, { origin, size, vcpu });
  return vcpu;
}

/** A 64-bit SD field as a number (exact below 2^53; above, it is beyond any storage anyway). */
function rdAddress(c: Cpu, a: number): number {
  c.rd64(a);
  return (c.vh >>> 0) * TWO32 + (c.vl >>> 0);
}

/**
 * The guest state of a state description at host logical address `sd`: the PSW, GR14/15 and CRs from
 * the SD, GR0-13 and the FPRs from the host's own registers (they hold the guest's across SIE).
 */
function readState(c: Cpu, sd: number): GuestState {
  const gprs: bigint[] = [];
  const fprs: bigint[] = [];
  const crs: bigint[] = [];
  for (let r = 0; r < 16; r++) {
    gprs.push(r === 14 ? c.rdBig64(sd + SD_GR14) : r === 15 ? c.rdBig64(sd + SD_GR15) : c.getGpr(r));
    fprs.push((BigInt(c.fh[r] >>> 0) << 32n) | BigInt(c.fl[r] >>> 0));
    crs.push(c.rdBig64(sd + SD_CRS + 8 * r));
  }
  return {
    pswMask: c.rdBig64(sd + SD_PSW),
    pswAddress: c.rdBig64(sd + SD_PSW + 8),
    gprs,
    crs,
    fprs,
    prefix: c.rdS32(sd + SD_PREFIX) >>> 0,
    cpuTimer: c.rdBig64(sd + SD_CPU_TIMER),
    clockComparator: c.rdBig64(sd + SD_CLOCK_COMPARATOR),
    epoch: c.rdBig64(sd + SD_EPOCH),
    interceptionControls: c.rdS32(sd + SD_INTERCEPTION_CONTROLS) >>> 0,
    executionControls: c.rdS32(sd + SD_EXECUTION_CONTROLS) >>> 0,
  };
}

/** Writes the guest state back: SD fields, and GR0-13 and the FPRs into the host's registers. */
function writeState(c: Cpu, sd: number, s: GuestState): void {
  c.wrBig64(sd + SD_PSW, s.pswMask);
  c.wrBig64(sd + SD_PSW + 8, s.pswAddress);
  c.wrBig64(sd + SD_GR14, s.gprs[14]);
  c.wrBig64(sd + SD_GR15, s.gprs[15]);
  for (let r = 0; r < 16; r++) {
    if (r < 14) c.setGpr(r, s.gprs[r]);
    const f = BigInt.asUintN(64, s.fprs[r]);
    c.fh[r] = Number(f >> 32n) | 0;
    c.fl[r] = Number(f & 0xffff_ffffn) | 0;
    c.wrBig64(sd + SD_CRS + 8 * r, s.crs[r]);
  }
  c.wr32(sd + SD_PREFIX, s.prefix);
  c.wrBig64(sd + SD_CPU_TIMER, s.cpuTimer);
  c.wrBig64(sd + SD_CLOCK_COMPARATOR, s.clockComparator);
}

/** The interception fields of the SD (0x50-0x5B and the interruption parameters at 0xC0-0xF3). */
function writeExit(c: Cpu, sd: number, exit: SieExit): void {
  c.wr8(sd + SD_INTERCEPTION_CODE, exit.code);
  c.wr16(sd + SD_IPA, exit.ipa);
  c.wr32(sd + SD_IPB, exit.ipb);
  c.wr16(sd + SD_PGM_ILC, exit.ilc);
  c.wr16(sd + SD_PGM_CODE, exit.programCode);
  const ext = exit.external;
  if (ext !== null) {
    c.wr32(sd + SD_EXT_PARAMETER, ext.parameter ?? 0);
    c.wr16(sd + SD_EXT_CPU_ADDRESS, ext.cpuAddress ?? 0);
    c.wr16(sd + SD_EXT_CODE, ext.code);
  }
  const io = exit.io;
  if (io !== null) {
    c.wr32(sd + SD_IO_SUBSYSTEM_ID, io.subsystemId);
    c.wr32(sd + SD_IO_PARAMETER, io.parameter);
    c.wr32(sd + SD_IO_ID_WORD, io.idWord);
  }
}

/**
 * SIE D2(B2) (B214, S, privileged; §10.4): runs the guest the state description at D2(B2) describes,
 * through the same GuestVcpu core as TypeScript hosts, until an interception, then continues after
 * SIE with the SD updated (interception code at 0x50). Guest storage is host MSO..MSE, all resident.
 * A bad SD is a validity interception (32, reason in IPB bits 0-15); an SD that is misaligned or not
 * accessible is the host's own program exception, before anything is changed. Guest instructions run
 * under SIE are not counted in the host CPU's instruction count.
 */
const SIE: Handler = (c, f, k, ia) => {
  const sd = c.ea(0, f[k + 2], f[k + 3]);
  if (sd % 8 !== 0) c.programException(PGM_SPECIFICATION);
  c.checkFetch(sd, SD_SIZE);
  c.checkStore(sd, SD_SIZE);
  const origin = rdAddress(c, sd + SD_MSO) - (rdAddress(c, sd + SD_MSO) % MS_UNIT);
  const mse = rdAddress(c, sd + SD_MSE);
  const limit = mse - (mse % MS_UNIT) + MS_UNIT;
  const invalid = sieValidity(origin, limit, c.storage.size);
  if (invalid !== null) {
    writeExit(c, sd, invalid);
    return ia + 4;
  }
  const vcpu = vcpuFor(c, origin, limit - origin);
  vcpu.loadState(readState(c, sd));
  // The host may have changed guest storage with its own stores since the last SIE: decode afresh.
  vcpu.cpu.code.resetDecoding();
  vcpu.clearRequests();
  const interventions = c.rd8(sd + SD_INTERVENTIONS);
  if ((interventions & INTERVENTION_EXTERNAL) !== 0) vcpu.requestExternal(null);
  if ((interventions & INTERVENTION_IO) !== 0) vcpu.requestIo(null);
  if ((interventions & INTERVENTION_STOP) !== 0) vcpu.requestStop();
  // A host interruption waiting ends SIE at once (code 0): the host takes it, then SIEs again.
  const guestCount = vcpu.cpu.instructionCount;
  const exit = c.hasPendingInterruption() ? null : vcpu.run(SIE_SLICE);
  // The guest's instructions are this CPU's work: its count and virtual time go on by them.
  c.creditInstructions(vcpu.cpu.instructionCount - guestCount);
  writeState(c, sd, vcpu.saveState());
  if (exit === null) c.wr8(sd + SD_INTERCEPTION_CODE, ICPT_NONE);
  else writeExit(c, sd, exit);
  return ia + 4;
};

export const SIE_HANDLERS: Readonly<Record<string, Handler>> = { SIE };
