import type { Value } from './expression';

/**
 * The USING table: which base registers hold which addresses, so that an implicit address becomes a
 * base register and a displacement. Among the registers that cover an address HLASM takes the one
 * giving the smallest displacement and, on a tie, the highest-numbered register; we do the same.
 */
interface UsingEntry {
  readonly register: number;
  readonly base: Value;
}

export interface Resolved {
  readonly base: number;
  readonly displacement: number;
}

const SHORT_RANGE = 4096;
const LONG_MIN = -0x80000;
const LONG_MAX = 0x7ffff;

export class UsingTable {
  private entries: UsingEntry[] = [];

  /** USING base,r1[,r2...]: r1 covers base..base+4095, r2 the next 4096 bytes, and so on. */
  using(base: Value, registers: readonly number[]): void {
    registers.forEach((register, k) => {
      this.drop(register);
      this.entries.push({ register, base: { value: base.value + k * SHORT_RANGE, sect: base.sect } });
    });
  }

  drop(register: number): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.register !== register);
    return this.entries.length !== before;
  }

  dropAll(): void {
    this.entries = [];
  }

  /** Base and displacement for an address; long: a signed 20-bit displacement is allowed. */
  resolve(address: Value, long: boolean): Resolved | undefined {
    let best: Resolved | undefined;
    for (const e of this.entries) {
      if (e.base.sect !== address.sect) continue;
      const d = address.value - e.base.value;
      const fits = long ? d >= LONG_MIN && d <= LONG_MAX : d >= 0 && d < SHORT_RANGE;
      if (!fits) continue;
      const better =
        best === undefined ||
        Math.abs(d) < Math.abs(best.displacement) ||
        (Math.abs(d) === Math.abs(best.displacement) && d >= 0 > (best.displacement >= 0)) ||
        (d === best.displacement && e.register > best.base);
      if (better) best = { base: e.register, displacement: d };
    }
    return best;
  }
}
