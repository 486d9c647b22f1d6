import { describe, expect, it } from 'vitest';
import { machineFromScenario, parseScenario } from '../../../src/engine/sim/scenario';

const SCENARIO = JSON.stringify({
  version: 1,
  name: 'determinism',
  cec: { cpus: 2, storageMiB: 64 },
  input: [
    { at: '1ms', line: 'first' },
    { at: '1ms', line: 'same time, scheduled second' },
    { at: '7ms', line: 'later' },
  ],
});

function trace(seed: number): unknown[] {
  const machine = machineFromScenario(parseScenario(SCENARIO), 'inline', seed);
  const snapshots: unknown[] = [];
  let version = 0;
  for (let i = 0; i < 20; i++) {
    machine.advance(500_000);
    const snap = machine.snapshot(version);
    version = snap.version;
    snapshots.push(snap, machine.rng.nextU32());
  }
  return snapshots;
}

describe('determinism', () => {
  it('the same scenario and seed give the same snapshots, bit for bit', () => {
    expect(JSON.stringify(trace(77))).toBe(JSON.stringify(trace(77)));
  });

  it('a different seed gives a different machine', () => {
    expect(JSON.stringify(trace(77))).not.toBe(JSON.stringify(trace(78)));
  });
});
