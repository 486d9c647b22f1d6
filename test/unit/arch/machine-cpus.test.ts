import { describe, expect, it } from 'vitest';
import { cecConfigSchema } from '../../../src/engine/sim/cec-config';
import { Machine } from '../../../src/engine/sim/machine';
import { hex } from './program';

const make = () =>
  new Machine({ seed: 7, cec: cecConfigSchema.parse({ cpus: 2, storageMiB: 16, mips: 100 }) });

/** CPU 0 spins: LGHI R2,0 ; loop: AGHI R2,1 ; J loop. */
function startSpinner(m: Machine, cpu = 0, at = 0x10000): void {
  m.storage.load(at, hex('a7290000 a72b0001 a7f4fffe'));
  m.cpus[cpu].setPsw(0x0000_0001_8000_0000n, BigInt(at));
  m.cpus[cpu].start();
}

describe('Machine with CPUs', () => {
  it('powers on with the configured CPUs stopped and the configured storage', () => {
    const m = make();
    expect(m.cpus.length).toBe(2);
    expect(m.storage.size).toBe(16 * 1024 * 1024);
    const snap = m.snapshot(0);
    expect(snap.cpus.map((c) => c.state)).toEqual(['stopped', 'stopped']);
    expect(snap.cpus[1].psw).toBe('0'.repeat(32));
  });

  it('advance runs an operating CPU at its nominal speed (instructions = ns × MIPS / 1000)', () => {
    const m = make();
    startSpinner(m);
    m.advance(100_000); // 100 µs at 100 MIPS
    expect(m.cpus[0].instructionCount).toBe(10_000);
    expect(m.cpus[1].instructionCount).toBe(0);
    expect(m.now).toBe(100_000);
    expect(m.snapshot(0).cpus[0].state).toBe('operating');
  });

  it('events fire between CPU slices at their virtual time', () => {
    const m = make();
    startSpinner(m);
    const seen: number[] = [];
    m.after(30_000, 'probe', () => seen.push(m.cpus[0].instructionCount));
    m.advance(50_000);
    expect(seen).toEqual([3_000]);
  });

  it('step executes one instruction on the next operating CPU, round robin', () => {
    const m = make();
    startSpinner(m, 0, 0x10000);
    startSpinner(m, 1, 0x20000);
    m.step();
    m.step();
    m.step();
    expect(m.cpus[0].instructionCount).toBe(2);
    expect(m.cpus[1].instructionCount).toBe(1);
  });

  it('a CPU in a disabled wait shows "wait" and uses no instructions', () => {
    const m = make();
    m.storage.load(0x300, hex('0002000180000000 0000000000000000'));
    m.storage.load(0x10000, hex('b2b20300'));
    m.cpus[0].setPsw(0x0000_0001_8000_0000n, 0x10000n);
    m.cpus[0].start();
    m.advance(10_000);
    expect(m.cpus[0].instructionCount).toBe(1);
    expect(m.snapshot(0).cpus[0].state).toBe('wait');
  });

  it('is deterministic: the same program gives the same snapshots', () => {
    const trace = () => {
      const m = make();
      startSpinner(m, 0, 0x10000);
      startSpinner(m, 1, 0x20000);
      const out: unknown[] = [];
      for (let i = 0; i < 5; i++) {
        m.advance(3_333);
        out.push(m.snapshot(0).cpus);
      }
      return JSON.stringify(out);
    };
    expect(trace()).toBe(trace());
  });
});
