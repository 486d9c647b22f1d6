import { describe, expect, it } from 'vitest';
import { DATA, END, programCode, run } from './program';

describe('compare and interlocked update', () => {
  const cmp = (code: string, a: bigint, b: bigint) =>
    run(`${code} ${END}`, (c) => {
      c.setGpr(2, a);
      c.setGpr(3, b);
    }).cc;

  it('CR is signed, CLR unsigned (bits 32-63)', () => {
    expect(cmp('1923', 0xffff_ffffn, 1n)).toBe(1);
    expect(cmp('1523', 0xffff_ffffn, 1n)).toBe(2);
    expect(cmp('1923', 5n, 5n)).toBe(0);
  });

  it('CGR is signed, CLGR unsigned (64 bits)', () => {
    expect(cmp('b9200023', 0x8000_0000_0000_0000n, 1n)).toBe(1);
    expect(cmp('b9210023', 0x8000_0000_0000_0000n, 1n)).toBe(2);
    expect(cmp('b9200023', 0x1_0000_0000n, 0xffff_ffffn)).toBe(2);
  });

  it('CLC compares bytes left to right', () => {
    const clc = (a: number, b: number) =>
      run(`d50260007000 ${END}`, (c) => {
        c.setGpr(6, BigInt(DATA));
        c.setGpr(7, BigInt(DATA + 0x100));
        c.storage.writeU32(DATA, a);
        c.storage.writeU32(DATA + 0x100, b);
      }).cc;
    expect(clc(0x41424344, 0x41424300)).toBe(0);
    expect(clc(0x41424344, 0x41434300)).toBe(1);
    expect(clc(0x41ff4344, 0x41424300)).toBe(2);
  });

  it('CS stores R3 when equal (CC 0) and loads R1 when not (CC 1)', () => {
    let cpu = run(`ba236000 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU32(DATA, 7);
      c.setGpr(2, 7n);
      c.setGpr(3, 9n);
    });
    expect(cpu.cc).toBe(0);
    expect(cpu.storage.readU32(DATA)).toBe(9);
    cpu = run(`ba236000 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU32(DATA, 8);
      c.setGpr(2, 7n);
      c.setGpr(3, 9n);
    });
    expect(cpu.cc).toBe(1);
    expect(cpu.getGpr(2)).toBe(8n);
    expect(cpu.storage.readU32(DATA)).toBe(8);
  });

  it('CS on an unaligned word is a specification exception', () => {
    const cpu = run(`ba236000 ${END}`, (c) => c.setGpr(6, BigInt(DATA + 2)));
    expect(programCode(cpu)).toBe(0x06);
  });

  it('CSG swaps a doubleword; CDS compares the pair', () => {
    let cpu = run(`eb2360000030 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU64(DATA, 0x1_0000_0002n);
      c.setGpr(2, 0x1_0000_0002n);
      c.setGpr(3, 0xaaaa_bbbb_cccc_ddddn);
    });
    expect(cpu.cc).toBe(0);
    expect(cpu.storage.readU64(DATA)).toBe(0xaaaa_bbbb_cccc_ddddn);
    cpu = run(`bb246000 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU64(DATA, 0x1111_1111_2222_2222n);
      c.setGpr(2, 0x1111_1111n);
      c.setGpr(3, 0x2222_2222n);
      c.setGpr(4, 0x3333_3333n);
      c.setGpr(5, 0x4444_4444n);
    });
    expect(cpu.cc).toBe(0);
    expect(cpu.storage.readU64(DATA)).toBe(0x3333_3333_4444_4444n);
  });

  it('CLCL pads the shorter operand and leaves the registers at the first unequal byte', () => {
    const cpu = run(`0f24 ${END}`, (c) => {
      c.storage.load(DATA, new Uint8Array([1, 2, 3, 0x40, 0x41]));
      c.storage.load(DATA + 0x100, new Uint8Array([1, 2, 3]));
      c.setGpr(2, BigInt(DATA));
      c.setGpr(3, 5n);
      c.setGpr(4, BigInt(DATA + 0x100));
      c.setGpr(5, 0x4000_0003n); // pad 0x40, length 3
    });
    expect(cpu.cc).toBe(2);
    expect(cpu.getGpr(2)).toBe(BigInt(DATA + 4));
    expect(cpu.getGpr(3)).toBe(1n);
  });

  it('TS sets the byte to ones and the CC from its leftmost bit', () => {
    const cpu = run(`93006000 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU8(DATA, 0x80);
    });
    expect(cpu.cc).toBe(1);
    expect(cpu.storage.readU8(DATA)).toBe(0xff);
  });

  it('CLM compares the masked bytes and leaves the CC alone when its operand is not addressable', () => {
    const equal = run(`bd5e6000 ${END}`, (c) => {
      c.setGpr(5, 0x1122_3344n);
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU32(DATA, 0x1122_3300);
    });
    expect(equal.cc).toBe(0);
    const faulting = run(`bd5e6000 ${END}`, (c) => {
      c.setGpr(5, 0x1122_3344n);
      c.setGpr(6, 0x10_0000n);
      c.cc = 2;
    });
    expect(programCode(faulting)).toBe(0x05);
    expect(faulting.storage.readU8(0x152) & 0x30).toBe(0x20);
  });
});
