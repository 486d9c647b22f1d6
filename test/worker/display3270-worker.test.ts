import { afterEach, describe, expect, it } from 'vitest';
import { startMachineWorker } from './start-worker';

const running: { stop: () => Promise<number> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

const SCENARIO = JSON.stringify({ version: 1, name: 'one display', displays: [{ devno: '0009' }] });

async function withDisplay() {
  const w = startMachineWorker();
  running.push(w);
  expect(await w.api.loadScenario(SCENARIO, 'display.json')).toEqual({ ok: true });
  return w.api;
}

describe('3270 keys over the machine worker', () => {
  it('sends the screen first in full, then only after a key changed it', async () => {
    const api = await withDisplay();
    const first = await api.snapshot(0);
    expect(first.machine.displays.map((d) => d.devno)).toEqual([9]);
    expect(first.machine.displays[0].screen.rows).toBe(24);
    const quiet = await api.snapshot(first.machine.version, first.epoch);
    expect(quiet.machine.displays).toEqual([]);

    for (const key of ['H', 'I'])
      expect(await api.display3270Key(9, key)).toEqual({ ok: true, result: 'ok' });
    const typed = await api.snapshot(quiet.machine.version, quiet.epoch);
    expect(typed.machine.displays).toHaveLength(1);
    expect(typed.machine.displays[0].screen.lines[0].startsWith('HI')).toBe(true);
    expect(typed.machine.displays[0].screen.cursor.column).toBe(2);
  });

  it('reports the lock after Enter as a result, and bad devices and keys as errors', async () => {
    const api = await withDisplay();
    expect(await api.display3270Key(9, 'Enter')).toEqual({ ok: true, result: 'ok' });
    expect(await api.display3270Key(9, 'A')).toEqual({ ok: true, result: 'locked' });
    const snap = await api.snapshot(0);
    expect(snap.machine.displays[0].screen).toMatchObject({ keyboardLocked: true, aid: 'ENTER' });
    expect(await api.display3270Key(0x0a80, 'A')).toEqual({
      ok: false,
      errors: ['no 3270 display at device 0A80'],
    });
    expect(await api.display3270Key(9, 'PF99')).toEqual({ ok: false, errors: ['"PF99" is not a 3270 key'] });
  });
});
