import { describe, expect, it } from 'vitest';
import {
  decodeBufferAddress,
  encodeBufferAddress,
  encodeSixBits,
} from '../../../src/engine/io/display3270/buffer-address';

describe('3270 buffer addresses', () => {
  it('decodes 12-bit coded addresses', () => {
    expect(decodeBufferAddress(0x40, 0x40)).toBe(0);
    expect(decodeBufferAddress(0xc1, 0xd6)).toBe(86);
    expect(decodeBufferAddress(0x5d, 0x7f)).toBe(1919);
    // Either graphic code of a 6-bit value decodes the same: only the low six bits count.
    expect(decodeBufferAddress(0x40, 0xc1)).toBe(decodeBufferAddress(0x40, 0x41));
  });

  it('decodes 14-bit binary addresses when the top two bits are zero', () => {
    expect(decodeBufferAddress(0x00, 0x50)).toBe(80);
    expect(decodeBufferAddress(0x0d, 0x6f)).toBe(3439);
    expect(decodeBufferAddress(0x3f, 0xff)).toBe(16383);
  });

  it('decodes 16-bit binary addresses in 16-bit mode', () => {
    expect(decodeBufferAddress(0xc1, 0xd6, 16)).toBe(0xc1d6);
    expect(decodeBufferAddress(0x00, 0x50, 16)).toBe(80);
  });

  it('round-trips every address of every screen size in 12-bit and 16-bit form', () => {
    for (const size of [1920, 2560, 3440, 3564]) {
      for (let a = 0; a < size; a++) {
        const [b1, b2] = encodeBufferAddress(a, size);
        expect(b1 & 0xc0).not.toBe(0);
        expect(decodeBufferAddress(b1, b2)).toBe(a);
        const [h1, h2] = encodeBufferAddress(a, size, 16);
        expect(decodeBufferAddress(h1, h2, 16)).toBe(a);
      }
    }
  });

  it('uses 14-bit form above 4096 positions', () => {
    expect(encodeBufferAddress(5000, 6000)).toEqual([0x13, 0x88]);
    expect(decodeBufferAddress(0x13, 0x88)).toBe(5000);
  });

  it('codes field attribute bytes through the same table', () => {
    expect(encodeSixBits(0x00)).toBe(0x40);
    expect(encodeSixBits(0x20)).toBe(0x60);
    expect(encodeSixBits(0x2c)).toBe(0x6c);
    expect(encodeSixBits(0x3f)).toBe(0x7f);
    expect(encodeSixBits(0xe8)).toBe(0xe8);
  });
});
