// zvlab's 3270 display against s3270: each case's streams (test/fixtures/3270/*.bin) applied to a
// fresh display must give the screen, size, cursor and Read Buffer reply that s3270 gave for the
// same streams over TN3270 (captured by scripts/regen-3270.sh; this test does not need s3270).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Display3278 } from '../../src/engine/io/display3270/display-3278';
import { isDisplayModel } from '../../src/engine/io/display3270/screen-models';
import { screenLines } from '../../src/engine/io/display3270/screen-render';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', '3270');

interface ManifestCase {
  name: string;
  description: string;
  model: number;
  streams: string[];
}

interface OracleCapture {
  rows: number;
  columns: number;
  cursor: { row: number; column: number };
  readBuffer: string;
}

const cases = JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8')) as ManifestCase[];

function render(c: ManifestCase): Display3278 {
  if (!isDisplayModel(c.model)) throw new Error(`bad model ${c.model}`);
  const display = new Display3278({ model: c.model });
  for (const file of c.streams) display.applyRecord(new Uint8Array(readFileSync(join(FIXTURES, file))));
  return display;
}

describe('3270 rendering matches s3270', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  for (const c of cases) {
    describe(`${c.name}: ${c.description}`, () => {
      const golden = readFileSync(join(FIXTURES, `${c.name}.screen.txt`), 'utf8')
        .replace(/\n$/, '')
        .split('\n');
      const oracle = JSON.parse(
        readFileSync(join(FIXTURES, `${c.name}.s3270.json`), 'utf8'),
      ) as OracleCapture;

      it('shows the same screen text', () => {
        expect(screenLines(render(c).buffer)).toEqual(golden);
      });

      it('has the same size and cursor', () => {
        const display = render(c);
        expect({ rows: display.rows, columns: display.columns }).toEqual({
          rows: oracle.rows,
          columns: oracle.columns,
        });
        expect({
          row: Math.floor(display.cursor / display.columns),
          column: display.cursor % display.columns,
        }).toEqual(oracle.cursor);
      });

      it('answers Read Buffer with the same bytes', () => {
        const display = render(c);
        const reply = display.execute(0xf2).inbound!;
        expect(Buffer.from(reply).toString('hex')).toBe(oracle.readBuffer);
      });
    });
  }
});
