import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../../src/engine/sim/seeded-rng';

describe('SeededRng', () => {
  it('gives the same sequence for the same seed', () => {
    const a = new SeededRng(42);
    const b = new SeededRng(42);
    const seqA = Array.from({ length: 100 }, () => a.nextU32());
    const seqB = Array.from({ length: 100 }, () => b.nextU32());
    expect(seqA).toEqual(seqB);
  });

  it('gives different sequences for different seeds', () => {
    const a = new SeededRng(1);
    const b = new SeededRng(2);
    expect(Array.from({ length: 8 }, () => a.nextU32())).not.toEqual(
      Array.from({ length: 8 }, () => b.nextU32()),
    );
  });

  it('produces unsigned 32-bit values spread over the range', () => {
    const rng = new SeededRng(7);
    const buckets = new Array(16).fill(0);
    for (let i = 0; i < 16000; i++) {
      const v = rng.nextU32();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(2 ** 32);
      buckets[v >>> 28]++;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(800);
  });

  it('nextInt stays below its bound', () => {
    const rng = new SeededRng(9);
    for (let i = 0; i < 1000; i++) expect(rng.nextInt(6)).toBeLessThan(6);
  });
});
