import { describe, expect, it } from 'vitest';
import type { LabSnapshot } from '../../../src/api/machine-api';
import { INITIAL_LAB_STATE, mergeSnapshot } from '../../../src/app/lab-store';

function snapshot(epoch: number, version: number, text: string, cpus = 2): LabSnapshot {
  return {
    epoch,
    run: { state: 'paused', speed: '1x', achievedRatio: 0 },
    machine: {
      version,
      virtualNs: version * 1000,
      eventsProcessed: 0,
      eventsPending: 0,
      cec: { name: 'ZVLAB1', cpus, storageMiB: 256, mips: 1000, seed: 1 },
      consoles: text ? [{ id: 'hmc', title: 'HMC', version, text, truncated: false }] : [],
      cpus: [],
    },
  };
}

describe('mergeSnapshot', () => {
  it('appends console deltas of the same machine', () => {
    const first = mergeSnapshot(INITIAL_LAB_STATE, snapshot(1, 3, 'one\n'));
    const second = mergeSnapshot(first, snapshot(1, 5, 'two\n'));
    expect(second.consoles.hmc.text).toBe('one\ntwo\n');
    expect(second.version).toBe(5);
  });

  it('replaces the mirror when another machine (epoch) answers, even with a higher version', () => {
    const old = mergeSnapshot(INITIAL_LAB_STATE, snapshot(1, 3, 'old machine\n'));
    const next = mergeSnapshot(old, snapshot(2, 9, 'new machine\n', 4));
    expect(next.consoles.hmc.text).toBe('new machine\n');
    expect(next.cec?.cpus).toBe(4);
    expect(next.epoch).toBe(2);
  });
});
