import { describe, expect, it } from 'vitest';
import { DATA, END, programCode, run } from './program';

// Instructions the C semantic oracle found missing or wrong (gcc -march=z900 emits them).
describe('instructions gcc -march=z900 emits beyond the first subset', () => {
  it('ALGFR adds bits 32-63 of R2 zero-extended, with the logical CC', () => {
    const cpu = run(`b91a0023 ${END}`, (c) => {
      c.setGpr(2, 0xffff_ffff_ffff_ffffn);
      c.setGpr(3, 0xdead_beef_0000_0001n);
    });
    expect(cpu.getGpr(2)).toBe(0n);
    expect(cpu.cc).toBe(2); // zero, carry
  });

  it('SLGFR subtracts bits 32-63 of R2 zero-extended; a borrow gives CC 1', () => {
    const cpu = run(`b91b0023 ${END}`, (c) => {
      c.setGpr(2, 0n);
      c.setGpr(3, 0xffff_ffff_0000_0001n);
    });
    expect(cpu.getGpr(2)).toBe(0xffff_ffff_ffff_ffffn);
    expect(cpu.cc).toBe(1);
  });

  it('LRVGR reverses the eight bytes of R2', () => {
    const cpu = run(`b90f0023 ${END}`, (c) => c.setGpr(3, 0x0102_0304_0506_0708n));
    expect(cpu.getGpr(2)).toBe(0x0807_0605_0403_0201n);
  });

  it('STD and LD move 64 bits through an FPR; LE loads bits 0-31 only', () => {
    // LD f2,0(r6); STD f2,8(r6); LE f2,16(r6); STD f2,24(r6)
    const cpu = run(`68206000 60206008 78206010 60206018 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU64(DATA, 0x1122_3344_5566_7788n);
      c.storage.writeU32(DATA + 16, 0xaabb_ccdd);
    });
    expect(cpu.storage.readU64(DATA + 8)).toBe(0x1122_3344_5566_7788n);
    expect(cpu.storage.readU64(DATA + 24)).toBe(0xaabb_ccdd_5566_7788n);
  });

  it('an FPR other than 0, 2, 4, 6 without the AFP-register control is a data exception with DXC 1', () => {
    const cpu = run(`68106000 ${END}`, (c) => c.setGpr(6, BigInt(DATA)));
    expect(programCode(cpu)).toBe(0x07);
    expect(cpu.storage.readU8(0x93)).toBe(1);
  });

  it('with CR0 bit 45 set, all sixteen FPRs can be used', () => {
    const cpu = run(`68f06000 60f06008 ${END}`, (c) => {
      c.setCr(0, c.getCr(0) | (1n << 18n));
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU64(DATA, 0x0123_4567_89ab_cdefn);
    });
    expect(cpu.storage.readU64(DATA + 8)).toBe(0x0123_4567_89ab_cdefn);
  });

  it('MVCLE takes its pad from the low byte of a 64-bit address above 2^53', () => {
    // MVCLE r2,r4,0(r7) with r7 = -1: pad 0xFF; r3 = 4 bytes to fill, r5 = 0 source bytes
    const cpu = run(`a8247000 ${END}`, (c) => {
      c.setGpr(2, BigInt(DATA));
      c.setGpr(3, 4n);
      c.setGpr(4, BigInt(DATA + 0x100));
      c.setGpr(5, 0n);
      c.setGpr(7, 0xffff_ffff_ffff_ffffn);
    });
    expect(cpu.storage.readU32(DATA)).toBe(0xffff_ffff);
  });

  it('SPKA takes its key from the low byte of a 64-bit address above 2^53', () => {
    // SPKA X'30'(r7) with r7 = 0xFFFF_FFFF_FFFF_FF00: address ...FF30, key 3
    const cpu = run(`b20a7030 ${END}`, (c) => c.setGpr(7, 0xffff_ffff_ffff_ff00n));
    expect(cpu.key).toBe(3);
  });
});
