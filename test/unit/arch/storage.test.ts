import { describe, expect, it } from 'vitest';
import { AddressingException, MainStorage } from '../../../src/engine/arch/main-storage';

describe('main storage', () => {
  it('is sparse: frames are allocated on first write and read as zeros before', () => {
    const s = new MainStorage(1 << 30);
    expect(s.readU32(0x3000_0000)).toBe(0);
    expect(s.allocatedFrames).toBe(0);
    s.writeU32(0x3000_0ffe, 0xdead_beef);
    expect(s.allocatedFrames).toBe(2);
    expect(s.readU32(0x3000_0ffe)).toBe(0xdead_beef);
    expect(s.readU16(0x3000_1000)).toBe(0xbeef);
  });

  it('is big-endian with 64-bit values as two words', () => {
    const s = new MainStorage(1 << 20);
    s.writeU64(0x100, 0x0102_0304_0506_0708n);
    expect([...s.read(0x100, 8)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(s.readU32(0x104)).toBe(0x0506_0708);
    expect(s.readS32(0x100)).toBe(0x0102_0304);
  });

  it('raises an addressing exception beyond the configured size', () => {
    const s = new MainStorage(1 << 20);
    expect(() => s.readU8(1 << 20)).toThrow(AddressingException);
    expect(() => s.writeU32((1 << 20) - 2, 0)).toThrow(AddressingException);
    expect(() => s.load((1 << 20) - 1, new Uint8Array(2))).toThrow(AddressingException);
  });

  it('keeps a key per 4 KiB frame and checks key-controlled protection', () => {
    const s = new MainStorage(1 << 20);
    s.setKey(0x5000, 0x38); // ACC 3, fetch-protected
    expect(s.getKey(0x5fff)).toBe(0x38);
    expect(s.storeAllowed(5, 3)).toBe(true);
    expect(s.storeAllowed(5, 4)).toBe(false);
    expect(s.storeAllowed(5, 0)).toBe(true);
    expect(s.fetchAllowed(5, 4)).toBe(false);
    s.setKey(0x5000, 0x30);
    expect(s.fetchAllowed(5, 4)).toBe(true);
  });

  it('supports sizes above 4 GiB', () => {
    const s = new MainStorage(8 * 2 ** 30);
    s.writeU32(6 * 2 ** 30, 42);
    expect(s.readU32(6 * 2 ** 30)).toBe(42);
    expect(s.readU32(2 * 2 ** 30)).toBe(0);
  });
});
