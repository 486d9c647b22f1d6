import { afterEach, describe, expect, it } from 'vitest';
import { startMachineWorker } from './start-worker';

const running: { stop: () => Promise<number> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

function start() {
  const w = startMachineWorker();
  running.push(w);
  return w.api;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('machine worker over Comlink (node:worker_threads)', () => {
  it('answers the first snapshot with the CEC and the power-on message', async () => {
    const api = start();
    const snap = await api.snapshot(0);
    expect(snap.machine.cec?.name).toBe('ZVLAB1');
    expect(snap.machine.consoles[0].text).toContain('power-on reset complete');
    expect(snap.run.state).toBe('paused');
  });

  it('advances virtual time while running and holds it while paused', async () => {
    const api = start();
    await api.run();
    await sleep(150);
    const running1 = (await api.snapshot(0)).machine.virtualNs;
    expect(running1).toBeGreaterThan(0);
    await api.pause();
    const paused = (await api.snapshot(0)).machine.virtualNs;
    await sleep(100);
    expect((await api.snapshot(0)).machine.virtualNs).toBe(paused);
  });

  it('steps while paused', async () => {
    const api = start();
    await api.step();
    await api.step();
    expect((await api.snapshot(0)).machine.virtualNs).toBe(2000);
  });

  it('runs faster than real time at max speed and reports the ratio', async () => {
    const api = start();
    await api.setSpeed('max');
    await api.run();
    await sleep(300);
    const snap = await api.snapshot(0);
    expect(snap.run.speed).toBe('max');
    expect(snap.machine.virtualNs).toBeGreaterThan(300_000_000);
    expect(snap.run.achievedRatio).toBeGreaterThan(1);
  });

  it('echoes console input and returns only new text after a version', async () => {
    const api = start();
    const first = await api.snapshot(0);
    expect(await api.consoleInput('hmc', 'hello zvlab')).toEqual({ ok: true });
    const next = await api.snapshot(first.machine.version);
    expect(next.machine.consoles).toHaveLength(1);
    expect(next.machine.consoles[0].text).toBe('hello zvlab\n');
  });

  it('answers bad input with typed errors, not exceptions', async () => {
    const api = start();
    expect(await api.consoleInput('nope', 'x')).toEqual({ ok: false, errors: ["no console 'nope'"] });
    const result = await api.loadScenario('{"version":1}', 'broken.json');
    expect(result.ok).toBe(false);
    const before = await api.snapshot(0);
    const loaded = await api.loadScenario('{"version":1,"name":"s","cec":{"cpus":4}}', 's.json');
    expect(loaded).toEqual({ ok: true });
    // Asked with the old machine's epoch and version, the new machine answers in full.
    const after = await api.snapshot(before.machine.version, before.epoch);
    expect(after.epoch).not.toBe(before.epoch);
    expect(after.machine.cec?.cpus).toBe(4);
    expect(after.machine.consoles[0].text).toContain('power-on reset complete');
  });
});
