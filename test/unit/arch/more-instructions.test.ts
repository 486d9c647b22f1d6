import { describe, expect, it } from 'vitest';
import { CODE, DATA, END, hex, programCode, run, succeeded } from './program';

describe('more rows: modes, wrap, long moves, linkage', () => {
  it('a 24-bit operand address beyond the configured storage is an addressing exception', () => {
    const c = run(`d20360007000 ${END}`, (x) => {
      x.setPsw(0x0000_0000_0000_0000n, BigInt(CODE)); // 24-bit
      x.setGpr(6, 0xf_fffe_ffffn); // bits 40-63: 0xFEFFFF, beyond 1 MiB
      x.setGpr(7, BigInt(DATA));
    });
    expect(programCode(c)).toBe(0x05);
  });

  it('EA computation in 24-bit mode ignores the high register bits', () => {
    const cpu = run(`d20360007000 ${END}`, (x) => {
      x.setPsw(0x0000_0000_0000_0000n, BigInt(CODE));
      x.setGpr(6, 0xffff_ffff_ff00_9000n);
      x.setGpr(7, BigInt(DATA));
      x.storage.writeU32(DATA, 0x1122_3344);
    });
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.storage.readU32(0x9000)).toBe(0x1122_3344);
  });

  it('MVCLE stops after a CPU-determined amount with CC 3 and the program loops to completion', () => {
    // MVCLE R2,R4,0 ; BRC 1,*-4 (JO back while CC 3)
    const cpu = run(`a8240000 a714fffe ${END}`, (c) => {
      c.storage.load(0x20000, new Uint8Array(10_000).fill(0x77));
      c.setGpr(2, 0x40000n);
      c.setGpr(3, 10_000n);
      c.setGpr(4, 0x20000n);
      c.setGpr(5, 10_000n);
    });
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.cc).toBe(0);
    expect(cpu.storage.read(0x40000 + 9_999, 1)[0]).toBe(0x77);
    expect(cpu.getGpr(3)).toBe(0n);
  });

  it('CLCLE finds the first difference', () => {
    const cpu = run(`a9240000 a714fffe ${END}`, (c) => {
      c.storage.load(0x20000, new Uint8Array(6000).fill(1));
      c.storage.load(0x30000, new Uint8Array(6000).fill(1));
      c.storage.writeU8(0x30000 + 5000, 2);
      c.setGpr(2, 0x20000n);
      c.setGpr(3, 6000n);
      c.setGpr(4, 0x30000n);
      c.setGpr(5, 6000n);
    });
    expect(cpu.cc).toBe(1);
    expect(cpu.getGpr(2)).toBe(BigInt(0x20000 + 5000));
  });

  it('BASSM links with the mode and BSM returns, switching 64 → 31 → 64', () => {
    // BASSM R14,R6 (to 31-bit code at +0x100: TAM ; BSM 0,R14) ; after return: END
    const cpu = run(`0ce6 ${END}`, (c) => {
      c.storage.load(CODE + 0x100, hex('010b 0b0e'));
      c.setGpr(6, BigInt(0x8000_0000 + CODE + 0x100));
    });
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.getGpr(14)).toBe(BigInt(CODE + 2 + 1));
    expect(cpu.cc).toBe(1); // TAM in 31-bit mode
    expect(cpu.amode).toBe(3);
  });

  it('BXH and BRXLE loop on index registers', () => {
    // LHI R2,10 ; loop: AHI R7,1 ; BXH R2,R4,loop(R6) with R4 = -1 increment, R5 = 5 limit
    const cpu = run(
      `a7280000a7280000 a728000a a77a0001 86246000 ${END}`.replace('a7280000a7280000 ', ''),
      (c) => {
        c.setGpr(4, -1n);
        c.setGpr(5, 5n);
        c.setGpr(6, BigInt(CODE + 4));
      },
    );
    expect(cpu.getGpr(7)).toBe(5n);
  });

  it('BCTGR decrements 64 bits (borrowing from the high half) and branches while nonzero', () => {
    // BCTGR R2,R6 (to the END) ; LGHI R7,1 ; END
    const cpu = run(`b9460026 a7790001 ${END}`, (c) => {
      c.setGpr(2, 0x1_0000_0000n);
      c.setGpr(6, BigInt(CODE + 8));
    });
    expect(cpu.getGpr(2)).toBe(0xffff_ffffn);
    expect(cpu.getGpr(7)).toBe(0n);
  });

  it('SPKA sets the PSW key; IPK reads it into R2 bits 56-59', () => {
    const cpu = run(`b20a0030 b20b0000 ${END}`, (c) => c.setGpr(2, 0xffn));
    expect(cpu.key).toBe(3);
    expect(cpu.getGpr(2)).toBe(0x30n);
  });

  it('SPKA in the problem state without PSW-key-mask authority is a privileged operation', () => {
    const cpu = run(`b20a0030 ${END}`, (c) => c.setPsw(0x0001_0001_8000_0000n, BigInt(CODE)));
    expect(programCode(cpu)).toBe(0x02);
  });

  it('EPSW gives the PSW words; STNSM stores and ANDs the system mask', () => {
    let cpu = run(`b98d0023 ${END}`, (c) => c.setPsw(0x0300_2001_8000_0000n, BigInt(CODE)));
    expect(cpu.getGpr(2)).toBe(0x0300_2001n);
    expect(cpu.getGpr(3)).toBe(0x8000_0000n);
    cpu = run(`acfc6000 ${END}`, (c) => {
      c.setPsw(0x0300_0001_8000_0000n, BigInt(CODE));
      c.setGpr(6, BigInt(DATA));
    });
    expect(cpu.storage.readU8(DATA)).toBe(0x03);
    expect(cpu.getPsw().mask >> 56n).toBe(0n);
  });

  it('LCTL and STCTL move bits 32-63 of control registers', () => {
    const cpu = run(`b7016000 b6016008 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU64(DATA, 0x0000_00e0_1234_5678n);
    });
    expect(cpu.getCr(0)).toBe(0xe0n);
    expect(cpu.getCr(1)).toBe(0x1234_5678n);
    expect(cpu.storage.readU64(DATA + 8)).toBe(0x0000_00e0_1234_5678n);
  });

  it('STCKE stores the epoch index and the TOD clock; STFLE the facility doubleword', () => {
    const cpu = run(`b2786000 b2b06010 ${END}`, (c) => c.setGpr(6, BigInt(DATA)), { todNs: () => 5 });
    expect(cpu.storage.readU8(DATA)).toBe(0);
    expect(cpu.storage.readU32(DATA + 1)).toBeGreaterThan(0);
    expect(cpu.storage.readU32(DATA + 0x10) >>> 29).toBe(7);
    expect(cpu.cc).toBe(0);
  });

  it('ICM with mask 0 sets CC 0; CLM compares the selected bytes', () => {
    let cpu = run(`bf206000 ${END}`, (c) => c.setGpr(6, BigInt(DATA)));
    expect(cpu.cc).toBe(0);
    cpu = run(`bd2a6000 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.setGpr(2, 0x4100_4200n);
      c.storage.load(DATA, new Uint8Array([0x41, 0x43]));
    });
    expect(cpu.cc).toBe(1);
  });

  it('MVN moves numeric digits only; SRDL/SLDL shift the pair', () => {
    let cpu = run(`d10160007000 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.setGpr(7, BigInt(DATA + 0x10));
      c.storage.load(DATA, new Uint8Array([0xf0, 0xf0]));
      c.storage.load(DATA + 0x10, new Uint8Array([0x12, 0x34]));
    });
    expect([...cpu.storage.read(DATA, 2)]).toEqual([0xf2, 0xf4]);
    cpu = run(`8c200021 ${END}`, (c) => {
      c.setGpr(2, 0x8000_0001n);
      c.setGpr(3, 0n);
    });
    expect(cpu.getGpr(2) & 0xffff_ffffn).toBe(0n);
    expect(cpu.getGpr(3) & 0xffff_ffffn).toBe(0x4000_0000n);
  });

  it('SPM sets the CC and program mask from R1; LNR and LTGR set their CCs', () => {
    let cpu = run(`0420 ${END}`, (c) => c.setGpr(2, 0x2f00_0000n));
    expect(cpu.cc).toBe(2);
    expect((cpu.getPsw().mask >> 40n) & 0xfn).toBe(0xfn);
    cpu = run(`1123 ${END}`, (c) => c.setGpr(3, 5n));
    expect(cpu.getGpr(2)).toBe(0xffff_fffbn);
    expect(cpu.cc).toBe(1);
    cpu = run(`b9020023 ${END}`, (c) => c.setGpr(3, 0x1_0000_0000n));
    expect(cpu.cc).toBe(2);
  });

  it('DL and M on storage operands; MLG 128-bit', () => {
    let cpu = run(`e32060000097 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU32(DATA, 10);
      c.setGpr(2, 1n);
      c.setGpr(3, 5n); // dividend 0x1_0000_0005
    });
    expect(cpu.getGpr(3) & 0xffff_ffffn).toBe(0x1_0000_0005n / 10n);
    expect(cpu.getGpr(2) & 0xffff_ffffn).toBe(0x1_0000_0005n % 10n);
    cpu = run(`e32060000086 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU64(DATA, 0xffff_ffff_ffff_ffffn);
      c.setGpr(3, 2n);
    });
    expect(cpu.getGpr(2)).toBe(1n);
    expect(cpu.getGpr(3)).toBe(0xffff_ffff_ffff_fffen);
  });
});
