import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

/** main() over an in-memory file system. */
function cli(args: string[], files: Record<string, string> = {}, binaries: Record<string, Uint8Array> = {}) {
  let out = '';
  let err = '';
  const enoent = (path: string) =>
    Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
  const io = {
    out: (t: string) => {
      out += t;
    },
    err: (t: string) => {
      err += t;
    },
    readFile: (path: string) => {
      if (path in files) return files[path];
      throw enoent(path);
    },
    readBinary: (path: string) => {
      if (path in binaries) return binaries[path];
      throw enoent(path);
    },
    writeBinary: (path: string, bytes: Uint8Array) => {
      binaries[path] = bytes;
    },
  };
  const code = main(args, io);
  return { code, out, err, binaries };
}

const FIRST_LIGHT = readFileSync(join(__dirname, '../../public/scenarios/first-light.asm'), 'utf8');

describe('zvlab dasd', () => {
  it('makes an IPL volume from assembler source and lists its records', () => {
    const made = cli(['dasd', 'ipl', 'fl.asm', '-o', 'fl.ckd', '--volser', 'FIRST1'], {
      'fl.asm': FIRST_LIGHT,
    });
    expect(made.code).toBe(0);
    const listed = cli(['dasd', 'info', 'fl.ckd'], {}, made.binaries);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^3390-3 FIRST1: 3339 cylinders, 1 written track\(s\)/);
    expect(listed.out).toContain('R1  CCHHR 0/0/1  KL 0  DL 24');
    expect(listed.out).toContain('R3  CCHHR 0/0/3  KL 0  DL 80');
  });

  it('creates an empty volume of a model; info --json reports it', () => {
    const made = cli(['dasd', 'create', '-o', 'e.ckd', '--model', '9']);
    expect(made.binaries['e.ckd'].length).toBe(32);
    const info = JSON.parse(cli(['dasd', 'info', 'e.ckd', '--json'], {}, made.binaries).out);
    expect(info).toEqual({ model: 9, cylinders: 10017, volser: 'ZVLAB1', tracks: [] });
  });

  it('reports assembler errors and bad images, and refuses bad options', () => {
    const bad = cli(['dasd', 'ipl', 'x.asm', '-o', 'x.ckd'], { 'x.asm': ' FOO 1\n' });
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^x\.asm:1:2: error/);
    const junk = cli(['dasd', 'info', 'j.ckd'], {}, { 'j.ckd': new Uint8Array(40) });
    expect(junk.code).toBe(1);
    expect(junk.err).toMatch(/byte 0: not a zvlab CKD image/);
    expect(cli(['dasd', 'create', '-o', 'a.ckd', '--model', '4']).code).toBe(2);
    expect(cli(['dasd', 'frobnicate']).code).toBe(2);
  });
});
