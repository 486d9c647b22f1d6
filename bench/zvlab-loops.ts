/**
 * The benchmark loops (bench/loops/*.s, assembled into bench/loops/build/ by build-loops.sh) and
 * how zvlab runs one: a fresh storage and CPU, the image at 0x10000, the iteration count patched
 * at offset 8, 64-bit mode, DAT off or on (tables mapping the whole 1 MiB to itself), run to the
 * disabled wait. Wall-clock time is measured here, outside the engine (the engine never reads a clock).
 */
import { readFileSync } from 'node:fs';
import { Cpu } from '../src/engine/arch/cpu';
import { MainStorage } from '../src/engine/arch/main-storage';

export interface BenchLoop {
  readonly name: string;
  readonly title: string;
  readonly image: Uint8Array;
  readonly perIteration: number;
}

export const LOAD_ADDRESS = 0x10000;
const COUNT_OFFSET = 8;
const BUILD = new URL('./loops/build/', import.meta.url);
const Z_ARCH_64 = 0x0000_0001_8000_0000n;
const PSW_DAT = 0x0400_0000_0000_0000n;
const STORAGE_SIZE = 1 << 20;
/** DAT on: a segment table (TL 0) and one page table, above every loop image. */
const SEGMENT_TABLE = 0xf8000;
const PAGE_TABLE = 0xf9000;

export function benchLoops(): BenchLoop[] {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', BUILD), 'utf8')) as {
    loops: { name: string; title: string; image: string; perIteration: number }[];
  };
  return manifest.loops.map((l) => ({
    name: l.name,
    title: l.title,
    perIteration: l.perIteration,
    image: new Uint8Array(readFileSync(new URL(l.image, BUILD))),
  }));
}

/** The image with its iteration count patched in. */
export function patchedImage(loop: BenchLoop, iterations: number): Uint8Array {
  const image = loop.image.slice();
  new DataView(image.buffer).setBigUint64(COUNT_OFFSET, BigInt(iterations));
  return image;
}

export interface ZvlabRun {
  readonly instructions: number;
  readonly seconds: number;
  readonly mips: number;
}

/** Segment and page tables that map the first megabyte to itself (4 KiB pages), for DAT on. */
function identityTables(storage: MainStorage): void {
  for (let s = 1; s < 512; s++) storage.writeU32(SEGMENT_TABLE + s * 8 + 4, 0x20); // invalid
  storage.writeU32(SEGMENT_TABLE + 4, PAGE_TABLE);
  for (let p = 0; p < STORAGE_SIZE / 4096; p++) storage.writeU32(PAGE_TABLE + p * 8 + 4, p * 4096);
}

/** Runs one loop to its disabled wait on a fresh CPU; throws if it stops anywhere else. */
export function runZvlab(loop: BenchLoop, iterations: number, dat = false): ZvlabRun {
  const storage = new MainStorage(STORAGE_SIZE);
  storage.load(LOAD_ADDRESS, patchedImage(loop, iterations));
  const cpu = new Cpu({ address: 0, storage });
  if (dat) {
    identityTables(storage);
    cpu.setCr(1, BigInt(SEGMENT_TABLE));
  }
  cpu.setPsw(dat ? Z_ARCH_64 | PSW_DAT : Z_ARCH_64, BigInt(LOAD_ADDRESS));
  cpu.start();
  const t0 = performance.now();
  let reason = cpu.run(50_000_000);
  while (reason === 'limit') reason = cpu.run(50_000_000);
  const seconds = (performance.now() - t0) / 1000;
  if (reason !== 'wait' || cpu.getPsw().address !== 0n) {
    throw new Error(`${loop.name}: stopped with ${reason} at PSW ${cpu.pswHex()}, not the wait at address 0`);
  }
  const minimum = iterations * loop.perIteration;
  if (cpu.instructionCount < minimum) {
    throw new Error(`${loop.name}: ${cpu.instructionCount} instructions, fewer than ${minimum}`);
  }
  return { instructions: cpu.instructionCount, seconds, mips: cpu.instructionCount / seconds / 1e6 };
}

/**
 * Iterations for a run of about `seconds` at the speed seen in calibration runs: counts grow until a
 * run takes 50 ms, so that the figure comes from compiled code rather than from the first
 * interpreted and warming-up iterations (which made the runs several times too short).
 */
export function calibrate(loop: BenchLoop, seconds: number, dat = false): number {
  let iterations = 200_000;
  let probe = runZvlab(loop, iterations, dat);
  while (probe.seconds < 0.05 && iterations < 500_000_000) {
    iterations *= 4;
    probe = runZvlab(loop, iterations, dat);
  }
  const perIterationSeconds = probe.seconds / iterations;
  return Math.max(100_000, Math.min(2_000_000_000, Math.round(seconds / perIterationSeconds)));
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}
