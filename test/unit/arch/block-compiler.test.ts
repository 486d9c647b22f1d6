import { describe, expect, it } from 'vitest';
import { HOT_THRESHOLD } from '../../../src/engine/arch/block-compiler';
import type { Cpu } from '../../../src/engine/arch/cpu';
import { boot, CODE, DATA } from './program';

/**
 * Runs a program to its stop with and without compiled blocks; both must agree on everything.
 * `clocked`: the CPU's virtual clock advances 1 ns per instruction (as the Machine's does, by count).
 */
function both(code: string, setup: (c: Cpu) => void, budget = 1_000_000, clocked = false) {
  const results = [false, true].map((compiled) => {
    let counted: Cpu | null = null;
    const options = clocked ? { todNs: () => counted?.instructionCount ?? 0 } : {};
    const cpu = boot(code, setup, options);
    counted = cpu;
    cpu.compileBlocks = compiled;
    // small run() slices, as the Machine does
    for (let i = 0; i < 10_000 && cpu.run(997) === 'limit' && cpu.instructionCount < budget; i++);
    return {
      psw: cpu.pswHex(),
      count: cpu.instructionCount,
      regs: Array.from({ length: 16 }, (_, r) => cpu.getGpr(r)),
      data: [...cpu.storage.read(DATA, 64)],
      pgm: [...cpu.storage.read(0x8c, 4)],
      old: [...cpu.storage.read(0x150, 16)],
    };
  });
  expect(results[1]).toEqual(results[0]);
  return results[1];
}

const LOOPS = 5 * HOT_THRESHOLD;

describe('compiled blocks agree with the interpreter', () => {
  it('AGR + BRCTG', () => {
    const r = both('b9080023 a747fffe b2b20300', (c) => {
      c.setGpr(3, 3n);
      c.setGpr(4, BigInt(LOOPS));
    });
    expect(r.regs[2]).toBe(BigInt(3 * LOOPS));
  });

  it('BRASL / BR / BRCTG (a call in a loop)', () => {
    // loop: BRASL R14,fn ; BRCTG R4,loop ; END ; fn: AGHI R2,1 ; BR R14
    const r = both('c0e500000007 a747fffd b2b20300 a72b0001 07fe', (c) => c.setGpr(4, BigInt(LOOPS)));
    expect(r.regs[2]).toBe(BigInt(LOOPS));
  });

  it('the gcc loop SRLG XGR AGR AGHI BRCTG', () => {
    both('eb120003000c b9820031 b9080023 a72b0007 a747fff7 b2b20300', (c) => {
      c.setGpr(2, 0x1234_5678_9abcn);
      c.setGpr(4, BigInt(LOOPS));
    });
  });

  it('LG / AG / STG and MVC loops', () => {
    both('e31060000004 e31060080008 e31060100024 a747fff7 b2b20300', (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU64(DATA + 8, 5n);
      c.setGpr(4, BigInt(LOOPS));
    });
    both('d20f70008000 a72a0001 a747fffb b2b20300', (c) => {
      c.setGpr(7, BigInt(DATA));
      c.setGpr(8, BigInt(DATA + 0x20));
      c.storage.writeU32(DATA + 0x20, 0xc1c2c3c4);
      c.setGpr(4, BigInt(LOOPS));
    });
  });

  it('a clock read inside a hot block sees the instructions before it (STCK)', () => {
    // loop: STCK 0(R7) ; LG R5,0(R7) ; AGR R3,R5 ; BRCT R4,loop — STCK is a handler call in the block
    const r = both(
      'b2057000 e35070000004 b9080035 a746fff9 b2b20300',
      (c) => {
        c.setGpr(7, BigInt(DATA));
        c.setGpr(4, BigInt(LOOPS));
      },
      1_000_000,
      true,
    );
    expect(r.psw.endsWith('0000000000000000')).toBe(true);
    expect(r.regs[3]).not.toBe(0n);
  });

  it('a program exception in the middle of a hot block reports the right instruction and count', () => {
    // loop: AHI R2,-1 ; LR R5,R2 ; DR R6,R5 (divide by zero when R2 reaches 0) ; J loop
    const r = both('a72affff 1852 1d65 a7f4fffc', (c) => {
      c.setGpr(2, BigInt(LOOPS));
      c.setGpr(7, 100n);
    });
    expect(r.pgm).toEqual([0, 2, 0, 9]);
    expect(r.old.slice(12)).toEqual([0, 0, (CODE + 8) >> 8, (CODE + 8) & 0xff]);
  });

  it('a store into a hot loop is seen at the next block boundary', () => {
    // loop: AHI R2,1 ; CHI R2,LOOPS ; JNE +8 ; MVI (into the AHI immediate) ; BRCTG R4,loop
    const code = `a72a0001 a72e${LOOPS.toString(16).padStart(4, '0')} a7740004 92051003 a747fff8 b2b20300`;
    const r = both(code, (c) => {
      c.setGpr(1, BigInt(CODE));
      c.setGpr(4, BigInt(2 * LOOPS));
    });
    expect(r.regs[2]).toBe(BigInt(LOOPS + 5 * LOOPS));
  });
});
