import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';

const FIXTURES = 'test/fixtures/3270';

function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = main(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    readFile: (path) => readFileSync(path, 'utf8'),
  });
  return { code, out, err };
}

describe('zvlab 3270 render', () => {
  it('prints the screen a person sees, identical to the s3270 golden', () => {
    const { code, out } = cli(['3270', 'render', `${FIXTURES}/ew-logon-screen.1.bin`]);
    expect(code).toBe(0);
    expect(out).toBe(readFileSync(`${FIXTURES}/ew-logon-screen.screen.txt`, 'utf8'));
  });

  it('applies several streams in order on the chosen model', () => {
    const files = ['model4-ew-after-ewa.1.bin', 'model4-ew-after-ewa.2.bin'].map((f) => `${FIXTURES}/${f}`);
    const { code, out } = cli(['3270', 'render', '--model', '4', ...files]);
    expect(code).toBe(0);
    expect(out.split('\n').length).toBe(25);
    expect(out).toContain('DEFAULT 24x80 AGAIN');
  });

  it('prints the structured screen with --json', () => {
    const { code, out } = cli(['3270', 'render', '--json', '--model', '5', `${FIXTURES}/model5-ewa.1.bin`]);
    expect(code).toBe(0);
    const { screen, streams } = JSON.parse(out);
    expect(streams).toEqual([{ file: `${FIXTURES}/model5-ewa.1.bin`, status: 'ok' }]);
    expect([screen.rows, screen.columns, screen.alternate]).toEqual([27, 132, true]);
    expect(screen.cursor).toEqual({ address: 13 * 132 + 66, row: 13, column: 66 });
    expect(screen.fields[0]).toMatchObject({ address: 0, protected: true, intensity: 'normal' });
    expect(screen.lines[26]).toContain('LAST ROW 26');
  });

  it('reports a stream that ends in an operation check and still prints the screen', () => {
    const { code, out, err } = cli(['3270', 'render', `${FIXTURES}/bad-sba-address.1.bin`]);
    expect(code).toBe(1);
    expect(err).toContain('operation-check: SBA address 3000 beyond the buffer');
    expect(out).toContain('before the bad address');
  });

  it('rejects bad usage', () => {
    expect(cli(['3270']).code).toBe(2);
    expect(cli(['3270', 'draw', 'x.bin']).code).toBe(2);
    expect(cli(['3270', 'render']).code).toBe(2);
    expect(cli(['3270', 'render', '--model', '7', 'x.bin']).err).toContain('--model');
    expect(cli(['3270', 'render', 'no-such-file.bin']).code).toBe(1);
  });
});
