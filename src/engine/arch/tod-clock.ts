/**
 * The TOD clock's mapping from virtual time (reference/domain-architecture.md §5.1): bit 51 steps
 * every microsecond, so one TOD unit (bit 63) is 2^-12 µs and 1 ns = 4096/1000 = 512/125 units.
 * Virtual time 0 is 2026-01-01T00:00:00Z. Bigint helpers here are for the timer instructions and
 * tools, never the instruction loop.
 */

/** TOD microseconds at virtual time 0 (TOD epoch 1900). */
export const TOD_BASE_US = (2_208_988_800 + 1_767_225_600) * 1_000_000;
const TOD_BASE = BigInt(TOD_BASE_US) * 4096n;

/** The TOD clock at virtual time `ns` without an SCK offset or uniqueness (what `Cpu.readTod` starts from). */
export function todAt(ns: number): bigint {
  const us = Math.floor(ns / 1000);
  const frac = Math.floor(((ns % 1000) * 4096) / 1000);
  return TOD_BASE + BigInt(us) * 4096n + BigInt(frac);
}

/** The earliest virtual time at which `todAt` reaches `target` (-Infinity when it already has at time 0). */
export function nsWhenTodReaches(target: bigint): number {
  const units = target - TOD_BASE;
  if (units <= 0n) return Number.NEGATIVE_INFINITY;
  return Number(units / 4096n) * 1000 + (Number(units % 4096n) * 1000) / 4096;
}

/** Whole TOD units in `ns` of virtual time (the CPU timer's decrement). */
export function unitsIn(ns: number): bigint {
  return BigInt(Math.floor((ns * 512) / 125));
}

/** Virtual ns that `units` TOD units take. */
export function nsOfUnits(units: bigint): number {
  return (Number(units) * 125) / 512;
}
