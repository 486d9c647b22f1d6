import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMachineWorker } from './start-worker';

const running: { stop: () => Promise<number> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

const DIR = join(__dirname, '../../public/scenarios');
const SCENARIO = readFileSync(join(DIR, 'first-light.json'), 'utf8');

describe('first light over the machine worker', () => {
  it('names the files the scenario needs; loaded with them, the IPL puts the welcome screen up', async () => {
    const w = startMachineWorker();
    running.push(w);
    expect(await w.api.scenarioFiles(SCENARIO, 'first-light.json')).toEqual({
      ok: true,
      files: ['first-light.asm'],
    });
    const files = { 'first-light.asm': readFileSync(join(DIR, 'first-light.asm'), 'utf8') };
    expect(await w.api.loadScenario(SCENARIO, 'first-light.json', files)).toEqual({ ok: true });
    for (let i = 0; i < 20; i++) await w.api.step();
    const snap = await w.api.snapshot(0);
    expect(snap.machine.consoles.find((c) => c.id === 'hmc')?.text).toMatch(
      /ZVL011I IPL from device 0A80 complete/,
    );
  });

  it('without the files it says which one is missing', async () => {
    const w = startMachineWorker();
    running.push(w);
    const result = await w.api.loadScenario(SCENARIO, 'first-light.json');
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toMatch(/first-light\.asm' was not given with the scenario/);
  });
});
