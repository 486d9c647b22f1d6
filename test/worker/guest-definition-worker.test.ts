import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startMachineWorker } from './start-worker';

const running: { stop: () => Promise<number> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

const seed = readFileSync(new URL('../fixtures/defs/seed-linux01.direct', import.meta.url), 'utf8');

describe('guestDefinition over Comlink', () => {
  it('returns the seed entry in every form, with notes and line rows, as plain data', async () => {
    const w = startMachineWorker();
    running.push(w);
    const result = await w.api.guestDefinition(seed);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.views.parsed.form).toBe('directory');
    expect(result.views.parsed.diagnostics).toEqual([]);
    const [linux01] = result.views.guests;
    expect(linux01.views.qemu.rendered.text).toContain('-device virtio-blk-ccw');
    expect(linux01.views.xml.rendered.text).toContain("<domain type='kvm'>");
    // MDISK 200 (line 10) produced QEMU lines 12-13
    expect(linux01.views.qemu.rows.find((r) => r.sourceLines.includes(10))?.outputLines).toEqual([12, 13]);
    expect(linux01.views.qemu.notes.some((n) => n.kind === 'dropped')).toBe(true);
  });

  it('reports a mistake in the text as a diagnostic at its line, not as a failure', async () => {
    const w = startMachineWorker();
    running.push(w);
    const result = await w.api.guestDefinition(`${seed}FOOBAR 1\n`, 'directory');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.views.parsed.diagnostics).toMatchObject([
      { severity: 'error', line: 11, column: 1, code: 'HCPDIR751E' },
    ]);
    const xml = await w.api.guestDefinition('<domain', 'xml');
    expect(xml.ok && xml.views.parsed.ok).toBe(false);
  });
});
