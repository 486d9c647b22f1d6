import { Cpu, type CpuOptions } from '../../../src/engine/arch/cpu';
import { MainStorage } from '../../../src/engine/arch/main-storage';

/**
 * A bare-metal test program: instruction bytes (hex) at CODE in a 1 MiB machine, 64-bit mode,
 * supervisor state. Ending with END loads the "success" disabled-wait PSW at 0x300; a program
 * interruption loads the program new PSW, a disabled wait at PGM_WAIT; an SVC waits at SVC_WAIT.
 */
export const CODE = 0x2000;
export const DATA = 0x8000;
export const END = 'b2b20300';
export const PGM_WAIT = 0xdea0;
export const SVC_WAIT = 0x5c0;
const WAIT_64 = '0002000180000000';

export function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const ia = (a: number) => a.toString(16).padStart(16, '0');

export function boot(code: string, setup?: (cpu: Cpu) => void, options: Partial<CpuOptions> = {}): Cpu {
  const storage = new MainStorage(1 << 20);
  storage.load(CODE, hex(code));
  storage.load(0x300, hex(WAIT_64 + ia(0)));
  storage.load(0x1d0, hex(WAIT_64 + ia(PGM_WAIT)));
  storage.load(0x1c0, hex(WAIT_64 + ia(SVC_WAIT)));
  const cpu = new Cpu({ address: 0, storage, ...options });
  cpu.setPsw(0x0000_0001_8000_0000n, BigInt(CODE));
  cpu.start();
  setup?.(cpu);
  return cpu;
}

/**
 * Boots and runs, one instruction at a time, until the CPU reaches the final END (which is left
 * unexecuted, so the CC is still the program's) or stops (at most 100 000 instructions).
 */
export function run(code: string, setup?: (cpu: Cpu) => void, options: Partial<CpuOptions> = {}): Cpu {
  const cpu = boot(code, setup, options);
  const clean = code.replace(/\s+/g, '');
  const endAt = clean.endsWith(END) ? CODE + (clean.length - END.length) / 2 : -1;
  for (let i = 0; i < 100_000 && cpu.ia !== endAt; i++) {
    if (cpu.run(1) !== 'limit') break;
  }
  return cpu;
}

/** The program interruption code stored at 0x8E, or -1 when the CPU did not stop on one. */
export function programCode(cpu: Cpu): number {
  return cpu.ia === PGM_WAIT ? cpu.storage.readU16(0x8e) : -1;
}

/** The program old PSW's instruction address. */
export function programOldAddress(cpu: Cpu): number {
  return cpu.storage.readU32(0x15c);
}

/** The program reached its END (or, run to completion, the success wait). */
export function succeeded(cpu: Cpu): boolean {
  const b = cpu.storage.read(cpu.ia, 4);
  const atEnd = b[0] === 0xb2 && b[1] === 0xb2 && b[2] === 0x03 && b[3] === 0x00;
  return atEnd || (cpu.disabledWait && cpu.ia === 0);
}

export const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
