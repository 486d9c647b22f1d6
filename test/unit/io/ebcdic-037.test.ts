import { describe, expect, it } from 'vitest';
import {
  charToEbcdic,
  decodeEbcdic,
  EBCDIC_SUB,
  ebcdicToChar,
  encodeEbcdic,
} from '../../../src/engine/io/ebcdic-037';

describe('EBCDIC code page 037', () => {
  it('maps the anchor code points of reference §8.8', () => {
    expect(ebcdicToChar(0x40)).toBe(' ');
    expect(ebcdicToChar(0x4b)).toBe('.');
    expect(ebcdicToChar(0x5b)).toBe('$');
    expect(ebcdicToChar(0x6b)).toBe(',');
    expect(ebcdicToChar(0x7d)).toBe("'");
    expect(decodeEbcdic([0x81, 0x89, 0x91, 0x99, 0xa2, 0xa9])).toBe('aijrsz');
    expect(decodeEbcdic([0xc1, 0xc9, 0xd1, 0xd9, 0xe2, 0xe9])).toBe('AIJRSZ');
    expect(decodeEbcdic([0xf0, 0xf9, 0xba, 0xbb])).toBe('09[]');
    expect(ebcdicToChar(0x15)).toBe('\u0085');
    expect(ebcdicToChar(0x25)).toBe('\n');
  });

  it('is a bijection: every byte survives a round trip', () => {
    for (let b = 0; b < 256; b++) expect(charToEbcdic(ebcdicToChar(b))).toBe(b);
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(encodeEbcdic(decodeEbcdic(all))).toEqual(all);
  });

  it('encodes text and substitutes characters CP037 does not have', () => {
    expect(Array.from(encodeEbcdic('Hi 1!'))).toEqual([0xc8, 0x89, 0x40, 0xf1, 0x5a]);
    expect(charToEbcdic('€')).toBe(EBCDIC_SUB);
    expect(charToEbcdic('€', 0x6f)).toBe(0x6f);
    expect(Array.from(encodeEbcdic('a😀b'))).toEqual([0x81, EBCDIC_SUB, 0x82]);
  });
});
