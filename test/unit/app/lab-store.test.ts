import { describe, expect, it } from 'vitest';
import type { DisplaySnapshot, LabSnapshot } from '../../../src/api/machine-api';
import { INITIAL_LAB_STATE, mergeSnapshot } from '../../../src/app/lab-store';

function snapshot(
  epoch: number,
  version: number,
  text: string,
  cpus = 2,
  displays: DisplaySnapshot[] = [],
): LabSnapshot {
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
      displays,
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

  it('keeps each 3270 screen until a newer one for its device arrives, and drops them with the machine', () => {
    const screen = (version: number) => ({ devno: 9, screen: screenOf(version) });
    const first = mergeSnapshot(INITIAL_LAB_STATE, snapshot(1, 3, '', 2, [screen(1)]));
    const unchanged = mergeSnapshot(first, snapshot(1, 4, ''));
    expect(unchanged.displays).toBe(first.displays);
    expect(unchanged.displays[9].screen.version).toBe(1);
    const changed = mergeSnapshot(unchanged, snapshot(1, 5, '', 2, [screen(2)]));
    expect(changed.displays[9].screen.version).toBe(2);
    expect(mergeSnapshot(changed, snapshot(2, 1, '')).displays).toEqual({});
  });
});

function screenOf(version: number): DisplaySnapshot['screen'] {
  return {
    model: 2,
    rows: 24,
    columns: 80,
    alternate: false,
    cursor: { address: 0, row: 0, column: 0 },
    lines: [],
    fields: [],
    runs: [],
    keyboardLocked: false,
    insertMode: false,
    operatorError: null,
    aid: 'none',
    alarms: 0,
    version,
  };
}
