// Writes the oracle cases' outbound streams to test/fixtures/3270/: NAME.N.bin (one record each,
// command byte first) and cases.json (the manifest the Vitest oracle test and the capture read).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASES } from './oracle-3270-cases';

export const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', '3270');

export interface ManifestCase {
  readonly name: string;
  readonly description: string;
  readonly model: number;
  readonly streams: readonly string[];
  /** Operator keys typed after the streams, in s3270 action syntax (String("…"), Tab, Enter, PF(3)…). */
  readonly keys?: readonly string[];
}

mkdirSync(FIXTURES, { recursive: true });
const manifest: ManifestCase[] = CASES.map((c) => {
  const streams = c.records.map((record, i) => {
    const file = `${c.name}.${i + 1}.bin`;
    writeFileSync(join(FIXTURES, file), record);
    return file;
  });
  return {
    name: c.name,
    description: c.description,
    model: c.model,
    streams,
    ...(c.keys ? { keys: c.keys } : {}),
  };
});
writeFileSync(join(FIXTURES, 'cases.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`oracle-3270: ${manifest.length} cases written to ${FIXTURES}`);
