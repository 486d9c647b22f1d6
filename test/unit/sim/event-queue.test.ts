import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/engine/sim/event-queue';

describe('EventQueue', () => {
  it('pops events in virtual-time order', () => {
    const q = new EventQueue();
    const fired: string[] = [];
    for (const [at, label] of [
      [30, 'c'],
      [10, 'a'],
      [20, 'b'],
      [5, 'first'],
    ] as const) {
      q.schedule(at, label, () => fired.push(label));
    }
    while (q.size > 0) q.pop()!.fire();
    expect(fired).toEqual(['first', 'a', 'b', 'c']);
  });

  it('keeps scheduling order for events at the same time', () => {
    const q = new EventQueue();
    const labels = Array.from({ length: 50 }, (_, i) => `e${i}`);
    for (const label of labels) q.schedule(100, label, () => {});
    const popped: string[] = [];
    while (q.size > 0) popped.push(q.pop()!.label);
    expect(popped).toEqual(labels);
  });

  it('reports Infinity as the next time when empty', () => {
    expect(new EventQueue().peekTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it('orders a large random set like a sort by (time, seq)', () => {
    const q = new EventQueue();
    const times: number[] = [];
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const at = x % 500;
      times.push(at);
      q.schedule(at, String(i), () => {});
    }
    const popped: number[] = [];
    while (q.size > 0) popped.push(q.pop()!.at);
    expect(popped).toEqual([...times].sort((a, b) => a - b));
  });
});
