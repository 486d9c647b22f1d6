import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDirectory } from '../../../src/engine/defs/directory/directory-parser';
import { renderDirectoryEntry } from '../../../src/engine/defs/directory/directory-renderer';

const SEED = readFileSync('test/fixtures/defs/seed-linux01.direct', 'utf8');

describe('directory parser', () => {
  it('reads the seed entry without a problem', () => {
    const r = parseDirectory(SEED);
    expect(r.diagnostics).toEqual([]);
    expect(r.guests).toHaveLength(1);
    const g = r.guests[0];
    expect(g.name).toBe('LINUX01');
    expect(g.storageKiB).toBe(512 * 1024);
    expect(g.maxStorageKiB).toBe(1024 * 1024);
    expect(g.maxVcpus).toBe(2);
    expect(g.ipl).toEqual({ vaddr: 0x190, parm: 'AUTOCR' });
    expect(g.devices.map((d) => d.kind)).toEqual([
      'console',
      'spool',
      'spool',
      'spool',
      'nic',
      'minidisk',
      'minidisk',
    ]);
  });

  it('renders the seed entry back statement for statement', () => {
    const text = renderDirectoryEntry(parseDirectory(SEED).guests[0]).text;
    expect(text).toBe(SEED.replace('1024M', '1G'));
  });
});
