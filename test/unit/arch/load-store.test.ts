import { describe, expect, it } from 'vitest';
import { CODE, DATA, END, programCode, programOldAddress, run, succeeded } from './program';

describe('loads, stores and moves', () => {
  it('MVC moves L+1 bytes', () => {
    const cpu = run(`d20360007000 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.setGpr(7, BigInt(DATA + 0x1000));
      c.storage.writeU32(DATA + 0x1000, 0xc1c2c3c4);
    });
    expect(cpu.storage.readU32(DATA)).toBe(0xc1c2c3c4);
  });

  it('MVC one byte past its source propagates the byte (MVC 1(7,R6),0(R6))', () => {
    const cpu = run(`d20660016000 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU8(DATA, 0x40);
    });
    expect([...cpu.storage.read(DATA, 8)]).toEqual(new Array(8).fill(0x40));
  });

  it('MVC across a frame boundary and into untouched storage', () => {
    const cpu = run(`d2ff60007000 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA + 0xf80));
      c.setGpr(7, BigInt(0x20000 + 0xfc0));
      c.storage.load(
        0x20000 + 0xfc0,
        new Uint8Array(256).map((_, i) => i),
      );
    });
    expect([...cpu.storage.read(DATA + 0xf80, 256)]).toEqual([...new Uint8Array(256).map((_, i) => i)]);
  });

  it('MVCL pads, updates the registers and gives CC 2 when the first operand is longer', () => {
    const cpu = run(`0e24 ${END}`, (c) => {
      c.storage.load(DATA + 0x100, new Uint8Array([9, 8, 7]));
      c.setGpr(2, BigInt(DATA));
      c.setGpr(3, 6n);
      c.setGpr(4, BigInt(DATA + 0x100));
      c.setGpr(5, 0x5b00_0003n);
    });
    expect(cpu.cc).toBe(2);
    expect([...cpu.storage.read(DATA, 6)]).toEqual([9, 8, 7, 0x5b, 0x5b, 0x5b]);
    expect(cpu.getGpr(2)).toBe(BigInt(DATA + 6));
    expect(cpu.getGpr(3)).toBe(0n);
    expect(cpu.getGpr(5)).toBe(0x5b00_0000n);
  });

  it('MVCL with destructive overlap sets CC 3 and moves nothing', () => {
    const cpu = run(`0e24 ${END}`, (c) => {
      c.storage.load(DATA, new Uint8Array([1, 2, 3, 4]));
      c.setGpr(2, BigInt(DATA + 1));
      c.setGpr(3, 3n);
      c.setGpr(4, BigInt(DATA));
      c.setGpr(5, 3n);
    });
    expect(cpu.cc).toBe(3);
    expect([...cpu.storage.read(DATA, 4)]).toEqual([1, 2, 3, 4]);
  });

  it('MVCL with an odd register is a specification exception', () => {
    expect(programCode(run(`0e34 ${END}`))).toBe(0x06);
  });

  it('MVCLE moves with the pad from the address and CC 0 for equal lengths', () => {
    const cpu = run(`a8240040 ${END}`, (c) => {
      c.storage.load(DATA + 0x100, new Uint8Array([1, 2]));
      c.setGpr(2, BigInt(DATA));
      c.setGpr(3, 4n);
      c.setGpr(4, BigInt(DATA + 0x100));
      c.setGpr(5, 2n);
    });
    expect(cpu.cc).toBe(2);
    expect([...cpu.storage.read(DATA, 4)]).toEqual([1, 2, 0x40, 0x40]);
  });

  it('LM and STMG wrap from R15 to R0', () => {
    const cpu = run(`ebe160000024 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.setGpr(14, 14n);
      c.setGpr(15, 15n);
      c.setGpr(0, 100n);
      c.setGpr(1, 101n);
    });
    expect(cpu.storage.readU64(DATA)).toBe(14n);
    expect(cpu.storage.readU64(DATA + 8)).toBe(15n);
    expect(cpu.storage.readU64(DATA + 16)).toBe(100n);
    expect(cpu.storage.readU64(DATA + 24)).toBe(101n);
  });

  it('ICM inserts the selected bytes and sets the CC from them', () => {
    const cpu = run(`bf256000 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.setGpr(2, 0x1111_1111n);
      c.storage.load(DATA, new Uint8Array([0x80, 0x22]));
    });
    expect(cpu.getGpr(2)).toBe(0x1180_1122n);
    expect(cpu.cc).toBe(1);
  });

  it('LA writes the whole register in 64-bit mode and bits 33-63 in 31-bit mode', () => {
    let cpu = run(`41234004 ${END}`, (c) => {
      c.setGpr(2, 0xffff_ffff_ffff_ffffn);
      c.setGpr(3, 0x1_0000_0000n);
      c.setGpr(4, 0x10n);
    });
    expect(cpu.getGpr(2)).toBe(0x1_0000_0014n);
    cpu = run(`41234004 ${END}`, (c) => {
      c.setPsw(0x0000_0000_8000_0000n, BigInt(CODE));
      c.setGpr(2, 0xaaaa_aaaa_ffff_ffffn);
      c.setGpr(3, 0xffff_fff0n);
      c.setGpr(4, 0x10n);
    });
    expect(cpu.getGpr(2)).toBe(0xaaaa_aaaa_0000_0004n);
  });

  it('LA adds exactly in 64-bit mode, beyond 2^53 (gcc uses it for arithmetic)', () => {
    const cpu = run(`41234004 ${END}`, (c) => {
      c.setGpr(3, 0x2468_acf1_3579_bde0n);
      c.setGpr(4, 0x1234_5678_9abc_def0n);
    });
    expect(cpu.getGpr(2)).toBe(0x369d_0369_d036_9cd4n);
  });

  it('LCGR of the most negative number overflows (CC 3); LPR makes positive', () => {
    let cpu = run(`b9030023 ${END}`, (c) => c.setGpr(3, 0x8000_0000_0000_0000n));
    expect(cpu.cc).toBe(3);
    cpu = run(`1023 ${END}`, (c) => c.setGpr(3, 0xffff_fffbn));
    expect(cpu.getGpr(2)).toBe(5n);
    expect(cpu.cc).toBe(2);
  });

  it('LGFR sign-extends, LRV byte-reverses, LLIHL loads one halfword alone', () => {
    let cpu = run(`b9140023 ${END}`, (c) => c.setGpr(3, 0x8000_0000n));
    expect(cpu.getGpr(2)).toBe(0xffff_ffff_8000_0000n);
    cpu = run(`e3206000001e ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU32(DATA, 0x1122_3344);
    });
    expect(cpu.getGpr(2)).toBe(0x4433_2211n);
    cpu = run(`a52d1234 ${END}`, (c) => c.setGpr(2, -1n));
    expect(cpu.getGpr(2)).toBe(0x1234_0000_0000n);
  });

  it('a store beyond the configured storage is an addressing exception (suppressed)', () => {
    const cpu = run(`925a6000 ${END}`, (c) => c.setGpr(6, 0x10_0000n));
    expect(programCode(cpu)).toBe(0x05);
    expect(programOldAddress(cpu)).toBe(CODE + 4);
  });

  it('MVI stores the immediate byte', () => {
    const cpu = run(`925a6000 ${END}`, (c) => c.setGpr(6, BigInt(DATA)));
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.storage.readU8(DATA)).toBe(0x5a);
  });

  it('a store into the next instruction is seen when it runs (decoded-code invalidation)', () => {
    // MVI 7(R1),X'07' turns the following LGHI R2,1 (a7290001) into LGHI R2,7
    const cpu = run(`92071007 a7290001 ${END}`, (c) => {
      c.setGpr(1, BigInt(CODE));
    });
    expect(cpu.getGpr(2)).toBe(7n);
  });

  it('LARL below address 0 in the 64-bit mode wraps to the top of the 64-bit space exactly', () => {
    // LARL R1,*-0x2002 at 0x2000: 0x2000 - 0x2002 = -2.
    const cpu = run(`c010ffffefff ${END}`);
    expect(cpu.getGpr(1)).toBe(0xffff_ffff_ffff_fffen);
  });

  it('LARL in the 31-bit mode wraps within 31 bits and leaves bits 0-31 unchanged', () => {
    const cpu = run(`c010ffffefff ${END}`, (c) => {
      c.setPsw(0x0000_0000_8000_0000n, BigInt(CODE));
      c.setGpr(1, 0xaaaa_aaaa_0000_0000n);
    });
    expect(cpu.getGpr(1)).toBe(0xaaaa_aaaa_7fff_fffen);
  });
});
