import { describe, expect, it } from 'vitest';
import type { Cpu } from '../../../src/engine/arch/cpu';
import { DATA, END, hex, programCode, run } from './program';

const bytes = (cpu: Cpu, a: number, n: number) =>
  [...cpu.storage.read(a, n)].map((b) => b.toString(16).padStart(2, '0')).join('');

const TABLE = DATA + 0x100;
const MODE_24 = 0n;
const MODE_31 = 0x0000_0000_8000_0000n;

/** R6 = DATA (first operand), R7 = TABLE (second operand). */
function operands(first: string, second: string, mode?: bigint) {
  return (c: Cpu) => {
    if (mode !== undefined) c.setPsw(mode, c.getPsw().address);
    c.setGpr(6, BigInt(DATA));
    c.setGpr(7, BigInt(TABLE));
    c.storage.load(DATA, hex(first));
    c.storage.load(TABLE, hex(second));
  };
}

/** A 256-byte table: byte i = (i + 1) & 0xff. */
const SUCCESSOR = [...new Array(256).keys()]
  .map((i) => ((i + 1) & 0xff).toString(16).padStart(2, '0'))
  .join('');
/** A TRT table: zero except 0x40 -> 0x11 and 0x6b -> 0x22. */
const STOPS = [...new Array(256).keys()].map((i) => (i === 0x40 ? '11' : i === 0x6b ? '22' : '00')).join('');

describe('TR', () => {
  it('replaces each byte by its table entry, CC unchanged', () => {
    const cpu = run(`dc0360007000 ${END}`, (c) => {
      operands('00417fff', SUCCESSOR)(c);
      c.cc = 3;
    });
    expect(bytes(cpu, DATA, 4)).toBe('01428000');
    expect(cpu.cc).toBe(3);
  });

  it('under EX the length comes from bits 56-63 of R1 (EX 1,0(R9) with TR 0(1,R6),0(R7))', () => {
    const cpu = run(`44109000 ${END}`, (c) => {
      operands('00417fff', SUCCESSOR)(c);
      c.storage.load(DATA + 0x300, hex('dc0060007000'));
      c.setGpr(9, BigInt(DATA + 0x300));
      c.setGpr(1, 3n);
    });
    expect(bytes(cpu, DATA, 4)).toBe('01428000');
  });

  it('a table overlapping the first operand sees the bytes already translated', () => {
    // TR 0(4,R6),0(R6): byte 1 indexes entry 0, which byte 0 has already replaced with 0.
    const cpu = run(`dc0360006000 ${END}`, operands('03000100', ''));
    expect(bytes(cpu, DATA, 4)).toBe('00000000');
  });

  it('an inaccessible table entry is an addressing exception and nothing is stored', () => {
    const cpu = run(`dc0160007000 ${END}`, (c) => {
      operands('0020', '')(c);
      c.setGpr(7, 0xffff0n);
    });
    expect(programCode(cpu)).toBe(0x05);
    expect(bytes(cpu, DATA, 2)).toBe('0020');
  });

  it('table entries that are not used are not accessed', () => {
    const cpu = run(`dc0160007000 ${END}`, (c) => {
      operands('0102', '')(c);
      c.setGpr(7, 0xffff0n);
      c.storage.load(0xffff1, hex('aabb'));
    });
    expect(bytes(cpu, DATA, 2)).toBe('aabb');
  });
});

describe('TRT', () => {
  it('stops at the first nonzero function byte: CC 1, GR1 its address, GR2 bits 56-63 the function byte', () => {
    const cpu = run(`dd0360007000 ${END}`, (c) => {
      operands('c1406bc2', STOPS)(c);
      c.setGpr(1, 0xffff_ffff_ffff_ffffn);
      c.setGpr(2, 0x1234_5678_9abc_def0n);
    });
    expect(cpu.cc).toBe(1);
    expect(cpu.getGpr(1)).toBe(BigInt(DATA + 1));
    expect(cpu.getGpr(2)).toBe(0x1234_5678_9abc_de11n);
  });

  it('CC 2 when the function byte of the last argument is the first nonzero one', () => {
    const cpu = run(`dd0260007000 ${END}`, operands('c1c26b', STOPS));
    expect(cpu.cc).toBe(2);
    expect(cpu.getGpr(1)).toBe(BigInt(DATA + 2));
    expect(cpu.getGpr(2) & 0xffn).toBe(0x22n);
  });

  it('CC 0 and registers unchanged when every function byte is zero', () => {
    const cpu = run(`dd0260007000 ${END}`, (c) => {
      operands('c1c2c3', STOPS)(c);
      c.setGpr(1, 7n);
      c.setGpr(2, 9n);
    });
    expect(cpu.cc).toBe(0);
    expect(cpu.getGpr(1)).toBe(7n);
    expect(cpu.getGpr(2)).toBe(9n);
  });

  it('an argument byte past the end of storage is an addressing exception; GR1, GR2 and the CC stay', () => {
    const cpu = run(`dd0360007000 ${END}`, (c) => {
      operands('', STOPS)(c);
      c.setGpr(6, 0xffffen);
      c.storage.load(0xffffe, hex('c1c2'));
      c.setGpr(1, 7n);
      c.setGpr(2, 9n);
      c.cc = 3;
    });
    expect(programCode(cpu)).toBe(0x05);
    expect(cpu.getGpr(1)).toBe(7n);
    expect(cpu.getGpr(2)).toBe(9n);
    expect(cpu.storage.readU8(0x150 + 2) & 0x30).toBe(0x30);
  });

  it('in the 24-bit mode GR1 bits 0-39 are unchanged', () => {
    const cpu = run(`dd0360007000 ${END}`, (c) => {
      operands('c1406bc2', STOPS, MODE_24)(c);
      c.setGpr(1, 0xaaaa_aaaa_bbbb_bbbbn);
    });
    expect(cpu.cc).toBe(1);
    expect(cpu.getGpr(1)).toBe(0xaaaa_aaaa_bb00_0000n + BigInt(DATA + 1));
  });

  it('in the 31-bit mode GR1 bits 33-63 get the address, bit 32 is zeroed, bits 0-31 are unchanged', () => {
    const cpu = run(`dd0360007000 ${END}`, (c) => {
      operands('c1406bc2', STOPS, MODE_31)(c);
      c.setGpr(1, 0xaaaa_aaaa_bbbb_bbbbn);
    });
    expect(cpu.getGpr(1)).toBe(0xaaaa_aaaa_0000_0000n + BigInt(DATA + 1));
  });
});

/** The Principles of Operation's ED example: fill blank, "d,dds.dd" and " CR", source 0257426 with a sign. */
const PATTERN = '4020206b2021204b202040c3d9';

describe('ED and EDMK', () => {
  it('edits a negative amount: digits, comma and period kept after significance, CC 1', () => {
    const cpu = run(`de0c60007000 ${END}`, operands(PATTERN, '0257426d'));
    expect(bytes(cpu, DATA, 13)).toBe('4040f26bf5f7f44bf2f640c3d9');
    expect(cpu.cc).toBe(1);
  });

  it('a plus sign turns significance off, so the CR message becomes fill; CC 2', () => {
    const cpu = run(`de0c60007000 ${END}`, operands(PATTERN, '0257426c'));
    expect(bytes(cpu, DATA, 13)).toBe('4040f26bf5f7f44bf2f6404040');
    expect(cpu.cc).toBe(2);
  });

  it('a zero amount: the significance starter forces the digits after it (0.00), CC 0', () => {
    const cpu = run(`de0c60007000 ${END}`, operands(PATTERN, '0000000c'));
    expect(bytes(cpu, DATA, 13)).toBe('404040404040f04bf0f0404040');
    expect(cpu.cc).toBe(0);
  });

  it('the CC comes from the field after the last field separator', () => {
    // Fill *, three digits, separator, three digits: field 1 = +012, field 2 = -000 or -001.
    const zero = run(`de0760007000 ${END}`, operands('5c20202022202020', '012c000d'));
    expect(bytes(zero, DATA, 8)).toBe('5c5cf1f25c5c5c5c');
    expect(zero.cc).toBe(0);
    const minus = run(`de0760007000 ${END}`, operands('5c20202022202020', '012c001d'));
    expect(bytes(minus, DATA, 8)).toBe('5c5cf1f25c5c5cf1');
    expect(minus.cc).toBe(1);
  });

  it('EDMK puts the address of the first significant digit in GR1', () => {
    const cpu = run(`df0c60007000 ${END}`, (c) => {
      operands(PATTERN, '0257426d')(c);
      c.setGpr(1, 0xffff_ffff_ffff_ffffn);
    });
    expect(cpu.getGpr(1)).toBe(BigInt(DATA + 2));
    expect(cpu.cc).toBe(1);
  });

  it('EDMK leaves GR1 alone when significance is only forced by a significance starter', () => {
    const cpu = run(`df0c60007000 ${END}`, (c) => {
      operands(PATTERN, '0000000c')(c);
      c.setGpr(1, 5n);
    });
    expect(cpu.getGpr(1)).toBe(5n);
  });

  it('EDMK in the 24-bit mode keeps GR1 bits 0-39', () => {
    const cpu = run(`df0c60007000 ${END}`, (c) => {
      operands(PATTERN, '0257426d', MODE_24)(c);
      c.setGpr(1, 0x1111_1111_2222_2222n);
    });
    expect(cpu.getGpr(1)).toBe(0x1111_1111_2200_0000n + BigInt(DATA + 2));
  });

  it('an invalid source digit is a data exception with DXC 0 and the pattern unchanged', () => {
    const cpu = run(`de0c60007000 ${END}`, operands(PATTERN, '02a7426d'));
    expect(programCode(cpu)).toBe(0x07);
    expect(cpu.storage.readU32(0x90)).toBe(0);
    expect(bytes(cpu, DATA, 13)).toBe(PATTERN);
  });

  it('a source past the end of storage is an addressing exception and the pattern is unchanged', () => {
    const cpu = run(`de0c60007000 ${END}`, (c) => {
      operands(PATTERN, '')(c);
      c.setGpr(7, 0xffffen);
      c.storage.load(0xffffe, hex('0257'));
    });
    expect(programCode(cpu)).toBe(0x05);
    expect(bytes(cpu, DATA, 13)).toBe(PATTERN);
  });

  it('a source overlapping the pattern reads the bytes already edited', () => {
    // ED 0(4,R6),1(R6): message byte 34 becomes the fill 12 before the source byte there is read.
    const cpu = run(`de0360006001 ${END}`, operands('12342020', ''));
    expect(bytes(cpu, DATA, 4)).toBe('1212f1f2');
  });
});
