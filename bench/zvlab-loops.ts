/**
 * The benchmark loops (bench/loops/*.s, assembled into bench/loops/build/ by build-loops.sh) and
 * how zvlab runs one: a fresh storage and CPU, the image at 0x10000, the iteration count patched
 * at offset 8, 64-bit mode, DAT off, run to the disabled wait. Wall-clock time is measured here,
 * outside the engine (the engine itself never reads a clock).
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

/** Runs one loop to its disabled wait on a fresh CPU; throws if it stops anywhere else. */
export function runZvlab(loop: BenchLoop, iterations: number): ZvlabRun {
  const storage = new MainStorage(1 << 20);
  storage.load(LOAD_ADDRESS, patchedImage(loop, iterations));
  const cpu = new Cpu({ address: 0, storage });
  cpu.setPsw(Z_ARCH_64, BigInt(LOAD_ADDRESS));
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

/** Iterations for a run of about `seconds` at the speed seen in a calibration run. */
export function calibrate(loop: BenchLoop, seconds: number): number {
  const probe = runZvlab(loop, 200_000);
  const perIterationSeconds = probe.seconds / 200_000;
  return Math.max(100_000, Math.min(2_000_000_000, Math.round(seconds / perIterationSeconds)));
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}
