import { describe, expect, it } from 'vitest';
import { Cpu } from '../../../src/engine/arch/cpu';
import { CODE, DATA, END, hex, programCode, programOldAddress, run, SVC_WAIT, succeeded } from './program';

describe('branch, linkage and execute', () => {
  it('BRCTG counts a loop down to zero', () => {
    // LGHI R2,0 ; loop: AHI R2,3 ; BRCTG R4,loop
    const cpu = run(`a7290000 a72a0003 a747fffe ${END}`, (c) => c.setGpr(4, 10n));
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.getGpr(2)).toBe(30n);
    expect(cpu.getGpr(4)).toBe(0n);
  });

  it('BRC follows the mask: JE taken on CC 0, JNE not', () => {
    // CR R2,R3 ; JE +8 (skip LGHI R5,1) ; LGHI R5,1 ; LGHI R6,1
    const code = `1923 a7840004 a7590001 a7690001 ${END}`;
    const cpu = run(code, (c) => {
      c.setGpr(2, 4n);
      c.setGpr(3, 4n);
    });
    expect(cpu.getGpr(5)).toBe(0n);
    expect(cpu.getGpr(6)).toBe(1n);
  });

  it('BCR 15,0 and NOPR do not branch', () => {
    const cpu = run(`07f0 0707 ${END}`);
    expect(succeeded(cpu)).toBe(true);
  });

  it('BASR links the 64-bit return address; BR returns', () => {
    // BASR R14,R6 ; END ; (at +6) LGHI R2,5 ; BR R14
    const cpu = run(`0de6 ${END} a7290005 07fe`, (c) => c.setGpr(6, BigInt(CODE + 6)));
    expect(cpu.getGpr(2)).toBe(5n);
    expect(cpu.getGpr(14)).toBe(BigInt(CODE + 2));
    expect(succeeded(cpu)).toBe(true);
  });

  it('BAL in 24-bit mode links ILC, CC and program mask with the address', () => {
    const cpu = run(`45e06000 ${END}`, (c) => {
      c.setPsw(0x0000_2200_0000_0000n, BigInt(CODE)); // CC 2, program mask 2, 24-bit
      c.setGpr(6, BigInt(CODE + 4));
    });
    expect(cpu.getGpr(14) & 0xffff_ffffn).toBe(
      BigInt((0x80000000 | 0x20000000 | 0x02000000 | (CODE + 4)) >>> 0),
    );
  });

  it('BXLE steps an index until it passes the limit', () => {
    // LGHI R2,0 ; loop: AHI R7,1 ; BXLE R2,R4,loop(R0 via R6)
    const cpu = run(`a7290000 a77a0001 87246000 ${END}`, (c) => {
      c.setGpr(4, 2n); // increment
      c.setGpr(5, 10n); // limit
      c.setGpr(6, BigInt(CODE + 4));
    });
    expect(cpu.getGpr(7)).toBe(6n);
    expect(cpu.getGpr(2)).toBe(12n);
  });

  it('EX ORs R1 bits 56-63 into the target MVC length', () => {
    // EX R1,0(R4) with the target MVC 0(1,R6),0(R7) placed after END
    const cpu = run(`44104000 ${END}`, (c) => {
      c.storage.load(CODE + 0x100, hex('d20060007000'));
      c.setGpr(4, BigInt(CODE + 0x100));
      c.setGpr(1, 3n);
      c.setGpr(6, BigInt(DATA));
      c.setGpr(7, BigInt(DATA + 0x100));
      c.storage.writeU32(DATA + 0x100, 0x0102_0304);
    });
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.storage.readU32(DATA)).toBe(0x0102_0304);
  });

  it('EX of an EX is an execute exception with EX as the failing instruction', () => {
    const cpu = run(`44004000 ${END}`, (c) => {
      c.storage.load(CODE + 0x100, hex('44000000'));
      c.setGpr(4, BigInt(CODE + 0x100));
    });
    expect(programCode(cpu)).toBe(0x03);
    expect(programOldAddress(cpu)).toBe(CODE + 4);
    expect(cpu.storage.readU16(0x8c)).toBe(4);
  });

  it('an exception in an EX target reports EX and its ILC', () => {
    // target: DR R3,R5 (odd R1 → 0x06)
    const cpu = run(`44004000 ${END}`, (c) => {
      c.storage.load(CODE + 0x100, hex('1d35'));
      c.setGpr(4, BigInt(CODE + 0x100));
    });
    expect(programCode(cpu)).toBe(0x06);
    expect(programOldAddress(cpu)).toBe(CODE + 4);
  });

  it('SVC stores the code, ILC 2 and the old PSW pointing after it', () => {
    const cpu = run(`0a4d ${END}`);
    expect(cpu.ia).toBe(SVC_WAIT);
    expect(cpu.storage.readU16(0x8a)).toBe(77);
    expect(cpu.storage.readU16(0x88)).toBe(2);
    expect(cpu.storage.readU32(0x14c)).toBe(CODE + 2);
  });

  it('IPM puts CC and program mask in bits 34-39', () => {
    const cpu = run(`1923 b2220020 ${END}`, (c) => {
      c.setPsw(0x0000_0c01_8000_0000n, BigInt(CODE));
      c.setGpr(2, 1n);
      c.setGpr(3, 2n);
      c.setGpr(2, 0xffff_ffff_ffff_ffffn);
    });
    expect(cpu.getGpr(2)).toBe(0xffff_ffff_1cff_ffffn);
  });

  it('SAM31 and TAM switch and report the addressing mode', () => {
    const cpu = run(`010d 010b ${END}`);
    expect(cpu.cc).toBe(1);
    expect(cpu.getPsw().mask).toBe(0x0000_0000_8000_0000n | (1n << 44n));
  });

  it('BRASL calls and BR returns (gcc call idiom)', () => {
    // BRASL R14,+10 ; END ; pad ; LGHI R3,9 ; BR R14
    const cpu = run(`c0e500000005 ${END} a7390009 07fe`);
    expect(cpu.getGpr(3)).toBe(9n);
    expect(succeeded(cpu)).toBe(true);
  });

  it('a branch to an odd address is a specification exception', () => {
    const cpu = run(`07f6 ${END}`, (c) => c.setGpr(6, BigInt(CODE + 0x101)));
    expect(programCode(cpu)).toBe(0x06);
  });

  it('never crashes on arbitrary bytes: every outcome is architected', () => {
    let seed = 12345;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 24;
    };
    for (let round = 0; round < 200; round++) {
      const bytes = new Uint8Array(64).map(() => next());
      const cpu = run('');
      cpu.storage.load(CODE, bytes);
      cpu.setPsw(0x0000_0001_8000_0000n, BigInt(CODE));
      expect(() => cpu.run(200)).not.toThrow();
      expect(cpu.state).not.toBe('check-stop');
    }
    expect(Cpu).toBeDefined();
  });
});
