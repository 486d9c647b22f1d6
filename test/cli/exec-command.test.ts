import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

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

const dir = mkdtempSync(join(tmpdir(), 'zvlab-exec-'));

/** Writes a flat image: `parts` are [offset in the file, hex bytes]. */
function image(name: string, size: number, parts: [number, string][]): string {
  const bytes = new Uint8Array(size);
  for (const [offset, hex] of parts) {
    bytes.set(
      hex
        .replace(/\s+/g, '')
        .match(/../g)!
        .map((b) => Number.parseInt(b, 16)),
      Number(offset),
    );
  }
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const CORPUS_O2 = 'test/fixtures/c/build/corpus-O2.elf';
const TINY = 'test/unit/elf/fixtures/tiny.elf';
const Z_64 = '0000000180000000';

describe('zvlab exec', () => {
  it('calls an ELF function with --call and --args and returns r2', () => {
    const { code, out } = cli([
      'exec',
      CORPUS_O2,
      '--elf',
      '--call',
      'ctl_gcd',
      '--args',
      '1071,462',
      '--json',
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.stop).toBe('return');
    expect(r.result).toBe('0x0000000000000015');
    expect(r.gpr).toHaveLength(16);
    expect(r.gpr[2]).toBe('0x0000000000000015');
    expect(r.psw).toMatch(/^0002000180000000/);
    expect(r.instructions).toBeGreaterThan(5);
    expect(r.interruptions).toEqual([]);
  });

  it('takes negative and hex arguments and prints a text summary', () => {
    const { code, out } = cli(['exec', CORPUS_O2, '--elf', '--call', 'arith_add64', '--args', '-5,0x10']);
    expect(code).toBe(0);
    expect(out).toMatch(/^stop: return after \d+ instructions/);
    expect(out).toContain('result r2 = 0x000000000000000b (11)');
    expect(cli(['exec', CORPUS_O2, '--elf', '--call', 'arith_sub64', '--args=-5,-0x10']).out).toContain(
      '(11)',
    );
  });

  it('runs an ELF from its entry point to its disabled wait', () => {
    const r = JSON.parse(cli(['exec', TINY, '--elf', '--json']).out);
    expect(r.stop).toBe('wait');
    expect(r.psw).toBe('0002000180000000000000000000600d');
    expect(r.gpr[2]).toBe('0x000000000000002a'); // 0x15 + 0x15
    expect(r.instructions).toBe(7);
  });

  it('starts a flat image at the --psw given and stops at the instruction limit', () => {
    const loop = image('loop.bin', 4, [[0, 'a7f40000']]); // j .
    const r = JSON.parse(
      cli([
        'exec',
        loop,
        '--load',
        '20000',
        '--psw',
        `${Z_64}0000000000020000`,
        '--max-insns',
        '1000',
        '--json',
      ]).out,
    );
    expect(r.stop).toBe('limit');
    expect(r.instructions).toBe(1000);
    expect(r.psw).toBe(`${Z_64}0000000000020000`);
  });

  it('performs a restart interruption with --restart (new PSW from 0x1A0)', () => {
    const restart = image('restart.bin', 0x2010, [
      [0x1a0, `${Z_64}0000000000002000`], // restart new PSW
      [0x300, '00020001800000000000000000000bee'], // disabled wait, address 0xBEE
      [0x2000, 'a7290007 b2b20300'], // lghi %r2,7; lpswe 0x300
    ]);
    const r = JSON.parse(cli(['exec', restart, '--restart', '--json']).out);
    expect(r.stop).toBe('wait');
    expect(r.psw).toBe('00020001800000000000000000000bee');
    expect(r.gpr[2]).toBe('0x0000000000000007');
    expect(r.interruptions).toEqual([{ class: 'restart', code: 0, psw: '00000000000000000000000000000000' }]);
  });

  it('stops at the program-check wait (0x1D0) when the image left the program new PSW empty', () => {
    const bad = image('bad.bin', 4, [[0, '00000000']]);
    const { code, out } = cli(['exec', bad, '--load', '10000', '--psw', `${Z_64}0000000000010000`, '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.stop).toBe('wait');
    expect(r.psw).toBe('000200018000000000000000000001d0');
    expect(r.interruptions).toEqual([{ class: 'program', code: 1, psw: `${Z_64}0000000000010002` }]);
  });

  it('reports bad files and symbols with exit 1', () => {
    const notElf = image('not.elf', 8, [[0, '2321202f62696e2f']]);
    const a = cli(['exec', notElf, '--elf']);
    expect(a.code).toBe(1);
    expect(a.err).toContain('not an ELF file');
    const b = cli(['exec', CORPUS_O2, '--elf', '--call', 'no_such_function']);
    expect(b.code).toBe(1);
    expect(b.err).toContain("no symbol 'no_such_function'");
  });

  it('reports bad usage with exit 2', () => {
    const flat = image('flat.bin', 2, [[0, '0707']]);
    expect(cli(['exec', flat]).err).toContain('needs --restart, --psw or --call');
    expect(cli(['exec', flat, '--psw', '1234']).err).toContain('--psw: expected 32 hex digits');
    expect(cli(['exec', flat, '--restart', '--psw', '0'.repeat(32)]).code).toBe(2);
    expect(cli(['exec', CORPUS_O2, '--elf', '--call', 'ctl_gcd', '--args', '1,2,3,4,5,6']).err).toContain(
      'at most 5 arguments',
    );
    expect(cli(['exec', flat, '--load', 'zz', '--restart']).err).toContain('--load: expected a hex address');
    expect(cli(['exec', '--help']).out).toContain('--call SYMBOL');
  });
});
