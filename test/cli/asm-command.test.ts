import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

/** main() over an in-memory file system: text sources in, binary files out. */
function cli(args: string[], files: Record<string, string> = {}, binaries: Record<string, Uint8Array> = {}) {
  let out = '';
  let err = '';
  const written: Record<string, Uint8Array> = {};
  const io = {
    out: (t: string) => {
      out += t;
    },
    err: (t: string) => {
      err += t;
    },
    readFile: (path: string) => {
      if (path in files) return files[path];
      throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    },
    readBinary: (path: string) => {
      if (path in binaries) return binaries[path];
      throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    },
    writeBinary: (path: string, bytes: Uint8Array) => {
      written[path] = bytes;
    },
  };
  const code = main(args, io);
  return { code, out, err, written };
}

const HELLO = `HELLO    START X'1000'
         BALR  12,0
         USING *,12
         L     1,=F'7'
         BR    14
         END
`;

describe('zvlab asm', () => {
  it('writes the object bytes from the origin', () => {
    const { code, written, err } = cli(['asm', 'hello.s', '-o', 'hello.bin'], { 'hello.s': HELLO });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(Buffer.from(written['hello.bin']).toString('hex')).toBe('05c05810c00607fe00000007');
  });

  it('prints a listing with addresses, object code and the symbol table', () => {
    const { code, out } = cli(['asm', 'hello.s', '--listing'], { 'hello.s': HELLO });
    expect(code).toBe(0);
    expect(out).toMatch(/^00001002 {2}5810 C006\s+4 {11}L {5}1,=F'7'$/m);
    expect(out).toMatch(/^00001008 {2}0000 0007\s+=F'7'$/m);
    expect(out).toMatch(/HELLO\s+00001000\s+1\s+1/);
  });

  it('reports every error as FILE:LINE:COL and writes nothing (exit 1)', () => {
    const bad = ' LR 1,16\n FOO 1\n L 1,NOWHERE\n';
    const { code, err, written } = cli(['asm', 'bad.s', '-o', 'bad.bin'], { 'bad.s': bad });
    expect(code).toBe(1);
    expect(written).toEqual({});
    expect(err).toBe(
      [
        "bad.s:1:7: error: expected a register (0 to 15), got '16'",
        "bad.s:2:2: error: expected an instruction or a directive, got 'FOO'",
        "bad.s:3:6: error: expected a defined symbol, got 'NOWHERE'",
        'zvlab asm: 3 error(s); nothing written',
        '',
      ].join('\n'),
    );
  });

  it('checks the machine level with --machine and ESA/390 mode with --esa', () => {
    const source = { 'new.s': ' LAY 1,0(2)\n LGR 1,2\n' };
    const z900 = cli(['asm', 'new.s', '-o', 'x.bin', '--machine', 'z900'], source);
    expect(z900.code).toBe(1);
    expect(z900.err).toContain(
      'new.s:1:2: error: expected an instruction of z900 or earlier; LAY came with z990',
    );
    const esa = cli(['asm', 'new.s', '-o', 'x.bin', '--esa'], source);
    expect(esa.err).toContain(
      'new.s:2:2: error: expected an ESA/390 instruction; LGR exists only in z/Architecture mode',
    );
    expect(cli(['asm', 'new.s', '-o', 'x.bin', '--machine', 'z13'], source).code).toBe(2);
  });

  it('exits 2 with the usage when there is nothing to produce', () => {
    const { code, err } = cli(['asm', 'hello.s'], { 'hello.s': HELLO });
    expect(code).toBe(2);
    expect(err).toContain('usage: zvlab asm SRC');
  });

  it('says so when the source does not exist (exit 1)', () => {
    const { code, err } = cli(['asm', 'missing.s', '-o', 'x.bin']);
    expect(code).toBe(1);
    expect(err).toContain('ENOENT');
  });
});

describe('zvlab disasm', () => {
  it('prints address, bytes, mnemonic and operands, targets as addresses', () => {
    const bytes = Uint8Array.from([0x05, 0xc0, 0xa7, 0xf4, 0xff, 0xff, 0x07, 0xfe, 0x00, 0x00]);
    const { code, out } = cli(['disasm', 'x.bin', '--base', '2000'], {}, { 'x.bin': bytes });
    expect(code).toBe(0);
    expect(out).toBe(
      [
        '00002000:  05 c0              balr    %r12,%r0',
        '00002002:  a7 f4 ff ff        j       0x2000',
        '00002006:  07 fe              br      %r14',
        '00002008:  00 00              .short  0x0',
        '',
      ].join('\n'),
    );
  });

  it('rejects a base that is not hex', () => {
    const { code, err } = cli(['disasm', 'x.bin', '--base', 'zz'], {}, { 'x.bin': new Uint8Array(2) });
    expect(code).toBe(2);
    expect(err).toContain("--base: expected a hex address, got 'zz'");
  });
});
