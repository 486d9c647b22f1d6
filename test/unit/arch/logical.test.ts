import { describe, expect, it } from 'vitest';
import { CODE, DATA, END, programCode, run } from './program';

describe('logical, test under mask and shifts', () => {
  it('SLA keeps the sign and sets CC 3 when a bit unlike the sign is shifted out', () => {
    let cpu = run(`8b200003 ${END}`, (c) => c.setGpr(2, 0x1000_0001n));
    expect(cpu.cc).toBe(3);
    expect(cpu.getGpr(2)).toBe(0x0000_0008n);
    cpu = run(`8b200003 ${END}`, (c) => c.setGpr(2, 0xffff_fff0n));
    expect(cpu.cc).toBe(1);
    expect(cpu.getGpr(2)).toBe(0xffff_ff80n);
  });

  it('SLA of -1 by 31 keeps CC 1, by 32 or more shifts out a supplied zero: overflow, CC 3', () => {
    let cpu = run(`8b20001f ${END}`, (c) => c.setGpr(2, 0xffff_ffffn));
    expect(cpu.cc).toBe(1);
    expect(cpu.getGpr(2)).toBe(0x8000_0000n);
    cpu = run(`8b200020 ${END}`, (c) => c.setGpr(2, 0xffff_ffffn));
    expect(cpu.cc).toBe(3);
    expect(cpu.getGpr(2)).toBe(0x8000_0000n);
    cpu = run(`8b20003f ${END}`, (c) => c.setGpr(2, 0n));
    expect(cpu.cc).toBe(0);
  });

  it('SLA overflow with the program mask raises 0x08', () => {
    const cpu = run(`8b200003 ${END}`, (c) => {
      c.setPsw(0x0000_0801_8000_0000n, BigInt(CODE));
      c.setGpr(2, 0x4000_0000n);
    });
    expect(programCode(cpu)).toBe(0x08);
  });

  it('SLAG shifts R3 into R1 with the 64-bit overflow rule', () => {
    const cpu = run(`eb230001000b ${END}`, (c) => c.setGpr(3, 0x4000_0000_0000_0000n));
    expect(cpu.cc).toBe(3);
    expect(cpu.getGpr(2)).toBe(0n);
  });

  it('SRDA shifts the pair right arithmetically with a CC', () => {
    const cpu = run(`8e200004 ${END}`, (c) => {
      c.setGpr(2, 0xffff_ffffn);
      c.setGpr(3, 0x0000_0010n);
    });
    expect(cpu.getGpr(2) & 0xffff_ffffn).toBe(0xffff_ffffn);
    expect(cpu.getGpr(3) & 0xffff_ffffn).toBe(0xf000_0001n);
    expect(cpu.cc).toBe(1);
  });

  it('RLLG rotates 64 bits; SRAG by 63 gives the sign; SLL 4', () => {
    let cpu = run(`eb230008001c ${END}`, (c) => c.setGpr(3, 0x1234_5678_9abc_def0n));
    expect(cpu.getGpr(2)).toBe(0x3456_789a_bcde_f012n);
    cpu = run(`eb23003f000a ${END}`, (c) => c.setGpr(3, 0x8000_0000_0000_0000n));
    expect(cpu.getGpr(2)).toBe(0xffff_ffff_ffff_ffffn);
    expect(cpu.cc).toBe(1);
    cpu = run(`89200004 ${END}`, (c) => c.setGpr(2, 0x1_8765_4321n));
    expect(cpu.getGpr(2)).toBe(0x1_7654_3210n);
  });

  it('TM gives CC 0 all zero, 1 mixed, 3 all ones', () => {
    const tm = (byte: number) =>
      run(`91816000 ${END}`, (c) => {
        c.setGpr(6, BigInt(DATA));
        c.storage.writeU8(DATA, byte);
      }).cc;
    expect(tm(0x00)).toBe(0);
    expect(tm(0x80)).toBe(1);
    expect(tm(0x81)).toBe(3);
  });

  it('TMLL tells mixed-with-leftmost-one (CC 2) from mixed-with-leftmost-zero (CC 1)', () => {
    const tmll = (v: bigint) => run(`a7218001 ${END}`, (c) => c.setGpr(2, v)).cc;
    expect(tmll(0x0000n)).toBe(0);
    expect(tmll(0x0001n)).toBe(1);
    expect(tmll(0x8000n)).toBe(2);
    expect(tmll(0x8001n)).toBe(3);
  });

  it('NILL ANDs bits 48-63 only, CC from that piece', () => {
    const cpu = run(`a527ff00 ${END}`, (c) => c.setGpr(2, 0xffff_ffff_ffff_00ffn));
    expect(cpu.getGpr(2)).toBe(0xffff_ffff_ffff_0000n);
    expect(cpu.cc).toBe(0);
  });

  it('XC of a field with itself clears it', () => {
    const cpu = run(`d70760006000 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU32(DATA, 0xdead_beef);
      c.storage.writeU32(DATA + 4, 0x1234_5678);
    });
    expect(cpu.storage.readU32(DATA)).toBe(0);
    expect(cpu.storage.readU32(DATA + 4)).toBe(0);
    expect(cpu.cc).toBe(0);
  });

  it('XGR of a register with itself gives zero and CC 0', () => {
    const cpu = run(`b9820022 ${END}`, (c) => c.setGpr(2, 0x5555n));
    expect(cpu.getGpr(2)).toBe(0n);
    expect(cpu.cc).toBe(0);
  });
});
