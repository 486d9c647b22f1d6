/**
 * EBCDIC code page 037 (US/Canada), the code page of DC C'...' constants. cp037 maps all 256 byte
 * values one-to-one onto Latin-1, so one table read both ways converts text.
 */
const EBCDIC_TO_LATIN1_HEX =
  '000102039c09867f978d8e0b0c0d0e0f101112139d8508871819928f1c1d1e1f' +
  '80818283840a171b88898a8b8c050607909116939495960498999a9b14159e1a' +
  '20a0e2e4e0e1e3e5e7f1a22e3c282b7c26e9eaebe8edeeefecdf21242a293bac' +
  '2d2fc2c4c0c1c3c5c7d1a62c255f3e3ff8c9cacbc8cdcecfcc603a2340273d22' +
  'd8616263646566676869abbbf0fdfeb1b06a6b6c6d6e6f707172aabae6b8c6a4' +
  'b57e737475767778797aa1bfd0dddeae5ea3a5b7a9a7b6bcbdbe5b5dafa8b4d7' +
  '7b414243444546474849adf4f6f2f3f57d4a4b4c4d4e4f505152b9fbfcf9faff' +
  '5cf7535455565758595ab2d4d6d2d3d530313233343536373839b3dbdcd9da9f';

const TO_LATIN1 = new Uint8Array(256);
const TO_EBCDIC = new Uint8Array(256);
for (let e = 0; e < 256; e++) {
  const l = Number.parseInt(EBCDIC_TO_LATIN1_HEX.slice(e * 2, e * 2 + 2), 16);
  TO_LATIN1[e] = l;
  TO_EBCDIC[l] = e;
}

/** The EBCDIC byte of a character, or -1 when the character is outside Latin-1. */
export function ebcdicOf(ch: string): number {
  const code = ch.charCodeAt(0);
  return code < 256 ? TO_EBCDIC[code] : -1;
}

/** The character of an EBCDIC byte. */
export function charOfEbcdic(byte: number): string {
  return String.fromCharCode(TO_LATIN1[byte & 0xff]);
}

/** The EBCDIC blank, the pad byte of C constants. */
export const EBCDIC_BLANK = 0x40;
