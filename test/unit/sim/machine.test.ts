import { describe, expect, it } from 'vitest';
import { DEFAULT_CEC } from '../../../src/engine/sim/cec-config';
import { HMC_CONSOLE } from '../../../src/engine/sim/console-ids';
import { Machine } from '../../../src/engine/sim/machine';

const make = (seed = 1) => new Machine({ seed, cec: DEFAULT_CEC });

describe('Machine', () => {
  it('advances virtual time by exactly the requested span', () => {
    const m = make();
    m.advance(1_500);
    m.advance(2_500);
    expect(m.now).toBe(4_000);
  });

  it('fires events at their virtual time, in order, and not before', () => {
    const m = make();
    const log: string[] = [];
    m.after(300, 'b', () => log.push(`b@${m.now}`));
    m.after(100, 'a', () => log.push(`a@${m.now}`));
    m.advance(200);
    expect(log).toEqual(['a@100']);
    m.advance(200);
    expect(log).toEqual(['a@100', 'b@300']);
    expect(m.eventsProcessed).toBe(2);
  });

  it('steps to the next pending event, or by 1 µs when none is pending', () => {
    const m = make();
    m.after(5_000, 'e', () => {});
    m.step();
    expect(m.now).toBe(5_000);
    m.step();
    expect(m.now).toBe(6_000);
  });

  it('snapshots only what changed since a version', () => {
    const m = make();
    const first = m.snapshot(0);
    expect(first.cec?.cpus).toBe(DEFAULT_CEC.cpus);
    expect(first.consoles.map((c) => c.id)).toEqual([HMC_CONSOLE]);
    m.advance(10);
    const second = m.snapshot(first.version);
    expect(second.cec).toBeUndefined();
    expect(second.consoles).toEqual([]);
    expect(second.virtualNs).toBe(10);
    m.console(HMC_CONSOLE).input('hi');
    const third = m.snapshot(second.version);
    expect(third.consoles[0].text).toBe('hi\n');
  });

  it('rejects a negative span', () => {
    expect(() => make().advance(-1)).toThrow(RangeError);
  });
});
