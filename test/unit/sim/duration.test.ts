import { describe, expect, it } from 'vitest';
import { formatVirtualTime, parseDuration } from '../../../src/engine/sim/duration';

describe('durations', () => {
  it('parses the units people write', () => {
    expect(parseDuration('100ns')).toBe(100);
    expect(parseDuration('1.5us')).toBe(1500);
    expect(parseDuration('250ms')).toBe(250_000_000);
    expect(parseDuration('2s')).toBe(2_000_000_000);
    expect(parseDuration('1m')).toBe(60_000_000_000);
  });

  it('rejects text without a unit and says what was expected', () => {
    expect(() => parseDuration('10')).toThrow(/expected a number and a unit/);
    expect(() => parseDuration('ten ms')).toThrow(/invalid duration 'ten ms'/);
  });

  it('formats virtual time as seconds with six decimals', () => {
    expect(formatVirtualTime(1_250_000_000)).toBe('1.250000 s');
    expect(formatVirtualTime(999)).toBe('0.000000 s');
  });
});
