import { describe, expect, it } from 'vitest';
import { CODE, END, programCode, programOldAddress, run, succeeded, u64 } from './program';

describe('binary arithmetic', () => {
  it('AR sets CC 0/1/2 by the sign of the sum and keeps bits 0-31', () => {
    const cases: [bigint, bigint, number, bigint][] = [
      [1n, -1n, 0, 0n],
      [1n, -3n, 1, 0xffff_fffen],
      [5n, 7n, 2, 12n],
    ];
    for (const [a, b, cc, result] of cases) {
      const cpu = run(`1a23 ${END}`, (c) => {
        c.setGpr(2, 0xabcd_0000_0000_0000n | BigInt.asUintN(32, a));
        c.setGpr(3, b);
      });
      expect(succeeded(cpu)).toBe(true);
      expect(cpu.cc).toBe(cc);
      expect(cpu.getGpr(2)).toBe(0xabcd_0000_0000_0000n | result);
    }
  });

  it('AR overflow gives CC 3 without an interruption when the program mask is off', () => {
    const cpu = run(`1a23 ${END}`, (c) => {
      c.setGpr(2, 0x7fff_ffffn);
      c.setGpr(3, 1n);
    });
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.cc).toBe(3);
    expect(cpu.getGpr(2)).toBe(0x8000_0000n);
  });

  it('AR overflow with PSW bit 20 on raises 0x08 after storing the result (completion)', () => {
    const cpu = run(`1a23 ${END}`, (c) => {
      c.setPsw(0x0000_0801_8000_0000n, BigInt(CODE));
      c.setGpr(2, 0x7fff_ffffn);
      c.setGpr(3, 1n);
    });
    expect(programCode(cpu)).toBe(0x08);
    expect(cpu.getGpr(2)).toBe(0x8000_0000n);
    expect(programOldAddress(cpu)).toBe(CODE + 2);
    expect(cpu.storage.readU16(0x8c)).toBe(2);
  });

  it('AGR adds 64 bits with carry between the halves and detects overflow', () => {
    let cpu = run(`b9080023 ${END}`, (c) => {
      c.setGpr(2, 0xffff_ffffn);
      c.setGpr(3, 1n);
    });
    expect(cpu.getGpr(2)).toBe(0x1_0000_0000n);
    expect(cpu.cc).toBe(2);
    cpu = run(`b9080023 ${END}`, (c) => {
      c.setGpr(2, 0x7fff_ffff_ffff_ffffn);
      c.setGpr(3, 1n);
    });
    expect(cpu.cc).toBe(3);
    expect(cpu.getGpr(2)).toBe(0x8000_0000_0000_0000n);
  });

  it('AHI adds a sign-extended immediate', () => {
    const cpu = run(`a72affff ${END}`, (c) => c.setGpr(2, 0n));
    expect(cpu.getGpr(2)).toBe(0xffff_ffffn);
    expect(cpu.cc).toBe(1);
  });

  it('ALR and SLR set the logical CCs (carry / borrow)', () => {
    const alr = (a: bigint, b: bigint) =>
      run(`1e23 ${END}`, (c) => {
        c.setGpr(2, a);
        c.setGpr(3, b);
      }).cc;
    expect(alr(0n, 0n)).toBe(0);
    expect(alr(1n, 2n)).toBe(1);
    expect(alr(0xffff_ffffn, 1n)).toBe(2);
    expect(alr(0xffff_ffffn, 2n)).toBe(3);
    const slr = (a: bigint, b: bigint) =>
      run(`1f23 ${END}`, (c) => {
        c.setGpr(2, a);
        c.setGpr(3, b);
      }).cc;
    expect(slr(1n, 2n)).toBe(1);
    expect(slr(2n, 2n)).toBe(2);
    expect(slr(3n, 2n)).toBe(3);
  });

  it('ALCGR adds the carry of the previous logical operation (128-bit add idiom)', () => {
    // ALGR r4,r5 (carry out) ; ALCGR r2,r3
    const cpu = run(`b90a0045 b9880023 ${END}`, (c) => {
      c.setGpr(4, 0xffff_ffff_ffff_ffffn);
      c.setGpr(5, 1n);
      c.setGpr(2, 1n);
      c.setGpr(3, 2n);
    });
    expect(cpu.getGpr(4)).toBe(0n);
    expect(cpu.getGpr(2)).toBe(4n);
  });

  it('SLBGR subtracts the borrow', () => {
    // SLGR r4,r5 (borrow: 0 - 1) ; SLBGR r2,r3
    const cpu = run(`b90b0045 b9890023 ${END}`, (c) => {
      c.setGpr(4, 0n);
      c.setGpr(5, 1n);
      c.setGpr(2, 10n);
      c.setGpr(3, 3n);
    });
    expect(cpu.getGpr(4)).toBe(0xffff_ffff_ffff_ffffn);
    expect(cpu.getGpr(2)).toBe(6n);
  });

  it('MR multiplies into the even/odd pair', () => {
    const cpu = run(`1c25 ${END}`, (c) => {
      c.setGpr(3, -7n);
      c.setGpr(5, 0x1000_0000n);
    });
    const product = u64(-7n * 0x1000_0000n);
    expect(cpu.getGpr(2) & 0xffff_ffffn).toBe(product >> 32n);
    expect(cpu.getGpr(3) & 0xffff_ffffn).toBe(product & 0xffff_ffffn);
  });

  it('MR with an odd R1 is a specification exception', () => {
    const cpu = run(`1c35 ${END}`);
    expect(programCode(cpu)).toBe(0x06);
  });

  it('MLGR gives the 128-bit unsigned product', () => {
    const a = 0xffff_ffff_ffff_ffffn;
    const b = 0xfedc_ba98_7654_3210n;
    const cpu = run(`b9860025 ${END}`, (c) => {
      c.setGpr(3, a);
      c.setGpr(5, b);
    });
    const p = a * b;
    expect(cpu.getGpr(2)).toBe(p >> 64n);
    expect(cpu.getGpr(3)).toBe(p & 0xffff_ffff_ffff_ffffn);
  });

  it('MSGR keeps the low 64 bits of the product', () => {
    const a = 0x1234_5678_9abc_def0n;
    const b = -3n;
    const cpu = run(`b90c0023 ${END}`, (c) => {
      c.setGpr(2, a);
      c.setGpr(3, b);
    });
    expect(cpu.getGpr(2)).toBe(u64(a * b));
  });

  it('DR divides the pair: remainder in R1, quotient in R1+1 (signs of C)', () => {
    const cpu = run(`1d25 ${END}`, (c) => {
      c.setGpr(2, 0xffff_ffffn);
      c.setGpr(3, 0xffff_fff9n); // dividend -7
      c.setGpr(5, 2n);
    });
    expect(cpu.getGpr(3) & 0xffff_ffffn).toBe(0xffff_fffdn); // -3
    expect(cpu.getGpr(2) & 0xffff_ffffn).toBe(0xffff_ffffn); // -1
  });

  it('DR by zero and quotient overflow raise 0x09 and leave the registers', () => {
    let cpu = run(`1d25 ${END}`, (c) => {
      c.setGpr(3, 100n);
      c.setGpr(5, 0n);
    });
    expect(programCode(cpu)).toBe(0x09);
    expect(cpu.getGpr(3)).toBe(100n);
    cpu = run(`1d25 ${END}`, (c) => {
      c.setGpr(2, 1n);
      c.setGpr(3, 0n);
      c.setGpr(5, 1n);
    });
    expect(programCode(cpu)).toBe(0x09);
    expect(programOldAddress(cpu)).toBe(CODE + 2);
  });

  it('DLGR divides 128 by 64 bits unsigned, and 0x09 when the quotient does not fit', () => {
    const high = 0x1234n;
    const low = 0x5678_9abc_def0_1234n;
    const d = 0xffff_0000_1111n;
    const cpu = run(`b9870025 ${END}`, (c) => {
      c.setGpr(2, high);
      c.setGpr(3, low);
      c.setGpr(5, d);
    });
    const dividend = (high << 64n) | low;
    expect(cpu.getGpr(3)).toBe(dividend / d);
    expect(cpu.getGpr(2)).toBe(dividend % d);
    const bad = run(`b9870025 ${END}`, (c) => {
      c.setGpr(2, 5n);
      c.setGpr(5, 5n);
    });
    expect(programCode(bad)).toBe(0x09);
  });

  it('DSGR divides R1+1 by a signed 64-bit value, small and large', () => {
    for (const [a, b] of [
      [-100n, 7n],
      [0x7fff_ffff_ffff_fff1n, -0x1_0000_0001n],
    ]) {
      const cpu = run(`b90d0025 ${END}`, (c) => {
        c.setGpr(3, a);
        c.setGpr(5, b);
      });
      expect(cpu.getGpr(3)).toBe(u64(a / b));
      expect(cpu.getGpr(2)).toBe(u64(a % b));
    }
    const overflow = run(`b90d0025 ${END}`, (c) => {
      c.setGpr(3, 0x8000_0000_0000_0000n);
      c.setGpr(5, -1n);
    });
    expect(programCode(overflow)).toBe(0x09);
  });

  it('an odd R1 pair is a specification exception even when the operand is not addressable (DSG, D)', () => {
    // DSG 1,0(6) and D 1,0(6) with R6 beyond the 1 MiB of storage: 0x06 ranks before 0x05.
    const setup = (c: Parameters<NonNullable<Parameters<typeof run>[1]>>[0]) => c.setGpr(6, 0x20_0000n);
    expect(programCode(run(`e3106000000d ${END}`, setup))).toBe(0x06);
    expect(programCode(run(`5d106000 ${END}`, setup))).toBe(0x06);
    expect(programCode(run(`e3206000000d ${END}`, setup))).toBe(0x05);
  });
});
