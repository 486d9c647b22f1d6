import { describe, expect, it } from 'vitest';
import { CODE, DATA, END, hex, programCode, programOldAddress, run } from './program';

const bytes = (cpu: ReturnType<typeof run>, a: number, n: number) =>
  [...cpu.storage.read(a, n)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** R6 = DATA, the packed operand at DATA; R3 preset to a recognizable value. */
function withPacked(packed: string, r3 = 0x1111_1111_2222_2222n) {
  return (c: ReturnType<typeof run>) => {
    c.setGpr(6, BigInt(DATA));
    c.setGpr(3, r3);
    c.storage.load(DATA, hex(packed));
  };
}

describe('CVB and CVBG (packed decimal to binary)', () => {
  it('CVB converts a positive field into bits 32-63, leaving bits 0-31 and the CC alone', () => {
    const cpu = run(`4f306000 ${END}`, withPacked('000000000012345c'));
    expect(cpu.getGpr(3)).toBe(0x1111_1111_0000_3039n);
    expect(cpu.cc).toBe(0);
  });

  it('CVB with sign D gives a negative result, and accepts the lowest 32-bit value', () => {
    expect(run(`4f306000 ${END}`, withPacked('000000000012345d')).getGpr(3)).toBe(0x1111_1111_ffff_cfc7n);
    expect(run(`4f306000 ${END}`, withPacked('000002147483648d')).getGpr(3)).toBe(0x1111_1111_8000_0000n);
  });

  it('CVB with an invalid sign is a data exception with DXC 0 and R3 unchanged', () => {
    const cpu = run(`4f306000 ${END}`, (c) => {
      withPacked('0000000000123456')(c);
      c.storage.writeU32(0x90, 0xffff_ffff);
    });
    expect(programCode(cpu)).toBe(0x07);
    expect(cpu.storage.readU32(0x90)).toBe(0);
    expect(cpu.getGpr(3)).toBe(0x1111_1111_2222_2222n);
  });

  it('CVB with an invalid digit is a data exception', () => {
    expect(programCode(run(`4f306000 ${END}`, withPacked('00000000001a345c')))).toBe(0x07);
  });

  it('CVB beyond 2^31-1 is a fixed-point-divide exception that completes with the low 32 bits', () => {
    const cpu = run(`4f306000 ${END}`, withPacked('000002147483648c'));
    expect(programCode(cpu)).toBe(0x09);
    expect(cpu.getGpr(3)).toBe(0x1111_1111_8000_0000n);
    expect(programOldAddress(cpu)).toBe(CODE + 4);
  });

  it('CVB with its operand running off the end of storage is an addressing exception, R3 unchanged', () => {
    const cpu = run(`4f306000 ${END}`, (c) => {
      c.setGpr(6, 0xffffcn);
      c.setGpr(3, 0x1234n);
      c.storage.load(0xffffc, hex('0000001c'));
    });
    expect(programCode(cpu)).toBe(0x05);
    expect(cpu.getGpr(3)).toBe(0x1234n);
  });

  it('CVBG converts 64-bit extremes and sets the whole register', () => {
    const max = run(`e3306000000e ${END}`, withPacked('0000000000009223372036854775807c'));
    expect(max.getGpr(3)).toBe(0x7fff_ffff_ffff_ffffn);
    const min = run(`e3306000000e ${END}`, withPacked('0000000000009223372036854775808b'));
    expect(min.getGpr(3)).toBe(0x8000_0000_0000_0000n);
    expect(run(`e3306000000e ${END}`, withPacked('0000000000000000000000000000001d')).getGpr(3)).toBe(
      0xffff_ffff_ffff_ffffn,
    );
  });

  it('CVBG out of range is a fixed-point-divide exception that suppresses', () => {
    for (const field of ['0000000000009223372036854775808c', '9999999999999999999999999999999f']) {
      const cpu = run(`e3306000000e ${END}`, withPacked(field));
      expect(programCode(cpu)).toBe(0x09);
      expect(cpu.getGpr(3)).toBe(0x1111_1111_2222_2222n);
    }
  });

  it('CVBG with a sign in a digit position is a data exception', () => {
    expect(programCode(run(`e3306000000e ${END}`, withPacked('000000000000000000000000000c001c')))).toBe(
      0x07,
    );
  });
});

describe('CVD and CVDG (binary to packed decimal)', () => {
  const cvd = (r3: bigint) =>
    bytes(
      run(`4e306000 ${END}`, (c) => withPacked('', r3)(c)),
      DATA,
      8,
    );

  it('CVD stores 15 digits with sign C or D from bits 32-63', () => {
    expect(cvd(0xffff_ffff_0000_3039n)).toBe('000000000012345c');
    expect(cvd(0n)).toBe('000000000000000c');
    expect(cvd(0xffff_ffffn)).toBe('000000000000001d');
    expect(cvd(0x8000_0000n)).toBe('000002147483648d');
    expect(cvd(0x7fff_ffffn)).toBe('000002147483647c');
  });

  it('CVDG stores 31 digits from all 64 bits', () => {
    const cvdg = (r3: bigint) =>
      bytes(
        run(`e3306000002e ${END}`, (c) => withPacked('', r3)(c)),
        DATA,
        16,
      );
    expect(cvdg(0x8000_0000_0000_0000n)).toBe('0000000000009223372036854775808d');
    expect(cvdg(0x7fff_ffff_ffff_ffffn)).toBe('0000000000009223372036854775807c');
    expect(cvdg(1_000_000_000_000n)).toBe('0000000000000000001000000000000c');
  });

  it('CVD into a field that runs off the end of storage stores nothing (addressing exception)', () => {
    const cpu = run(`4e306000 ${END}`, (c) => {
      c.setGpr(6, 0xffffcn);
      c.setGpr(3, 5n);
      c.storage.load(0xffffc, hex('aabbccdd'));
    });
    expect(programCode(cpu)).toBe(0x05);
    expect(bytes(cpu, 0xffffc, 4)).toBe('aabbccdd');
  });
});

describe('PACK and UNPK', () => {
  const setup =
    (src: string, dst = '') =>
    (c: ReturnType<typeof run>) => {
      c.setGpr(6, BigInt(DATA));
      c.setGpr(7, BigInt(DATA + 0x100));
      c.storage.load(DATA + 0x100, hex(src));
      if (dst !== '') c.storage.load(DATA, hex(dst));
    };

  it('PACK swaps the last byte and packs numeric nibbles, zero-extending on the left', () => {
    const cpu = run(`f2236000 7000 ${END}`, setup('f1f2f3c4', 'eeeeeeee'));
    expect(bytes(cpu, DATA, 4)).toBe('01234cee');
  });

  it('PACK ignores source bytes that do not fit and does not check digits (FB gives B)', () => {
    expect(bytes(run(`f2136000 7000 ${END}`, setup('fafbf3c4')), DATA, 2)).toBe('b34c');
  });

  it('PACK in place (PACK X,X) gives the byte-by-byte right-to-left result', () => {
    const cpu = run(`f2336000 6000 ${END}`, setup('', 'f1f2f3c4'));
    expect(bytes(cpu, DATA, 4)).toBe('0001234c');
  });

  it('UNPK gives zoned digits with zone F, swaps the sign byte and drops digits that do not fit', () => {
    expect(bytes(run(`f3426000 7000 ${END}`, setup('01234c')), DATA, 5)).toBe('f0f1f2f3c4');
    expect(bytes(run(`f3516000 7000 ${END}`, setup('123c')), DATA, 6)).toBe('f0f0f0f1f2c3');
    expect(bytes(run(`f3226000 7000 ${END}`, setup('01234c')), DATA, 3)).toBe('f2f3c4');
  });

  it('UNPK with overlapping operands fetches each source byte once for its two result bytes', () => {
    // UNPK 0(4,R6),2(2,R6): storing F2 over the source byte 12 must not change the F1 made from it.
    const cpu = run(`f3316000 6002 ${END}`, setup('', 'a0a1123c'));
    expect(bytes(cpu, DATA, 4)).toBe('f0f1f2c3');
  });

  it('UNPK with its result past the end of storage is an addressing exception before any store', () => {
    const cpu = run(`f3336000 7000 ${END}`, (c) => {
      c.setGpr(6, 0xffffen);
      c.setGpr(7, BigInt(DATA));
      c.storage.load(DATA, hex('0001234c'));
      c.storage.load(0xffffe, hex('aabb'));
    });
    expect(programCode(cpu)).toBe(0x05);
    expect(bytes(cpu, 0xffffe, 2)).toBe('aabb');
  });

  it('PACK with its source past the end of storage is an addressing exception before any store', () => {
    const cpu = run(`f2336000 7000 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.setGpr(7, 0xffffen);
      c.storage.load(DATA, hex('aabbccdd'));
    });
    expect(programCode(cpu)).toBe(0x05);
    expect(bytes(cpu, DATA, 4)).toBe('aabbccdd');
  });
});
