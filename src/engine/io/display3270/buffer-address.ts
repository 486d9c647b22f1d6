/**
 * 3270 buffer addresses (reference/domain-architecture.md §8.4). Two bytes on the wire: 12-bit
 * addresses carry 6 bits in each byte through the graphic code table below; 14-bit addresses are
 * binary with the two top bits 00; in 16-bit mode (set by the host through a structured field) both
 * bytes are plain binary.
 */

/** The 64 graphic codes for a 6-bit value; also used for WCC and field attribute bytes. */
// biome-ignore format: 16 per row, as in reference §8.4
export const SIX_BIT_CODES: readonly number[] = [
  0x40, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f,
  0x50, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0x5a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f,
  0x60, 0x61, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
  0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f,
];

/** 12/14-bit (the default) or 16-bit addressing. */
export type AddressingMode = 12 | 14 | 16;

/** Decodes a two-byte buffer address. In 12/14-bit mode the top two bits of b1 pick the form. */
export function decodeBufferAddress(b1: number, b2: number, mode: AddressingMode = 12): number {
  if (mode === 16) return ((b1 & 0xff) << 8) | (b2 & 0xff);
  if ((b1 & 0xc0) === 0) return ((b1 & 0x3f) << 8) | (b2 & 0xff);
  return ((b1 & 0x3f) << 6) | (b2 & 0x3f);
}

/**
 * Encodes a buffer address for an inbound record: 12-bit coded while the buffer has at most 4096
 * positions, 14-bit binary above that, 16-bit binary in 16-bit mode.
 */
export function encodeBufferAddress(
  address: number,
  bufferSize: number,
  mode: AddressingMode = 12,
): [number, number] {
  if (mode === 16) return [(address >> 8) & 0xff, address & 0xff];
  if (bufferSize > 4096 || mode === 14) return [(address >> 8) & 0x3f, address & 0xff];
  return [SIX_BIT_CODES[(address >> 6) & 0x3f], SIX_BIT_CODES[address & 0x3f]];
}

/** The graphic code of the low six bits of a byte (field attributes in Read Buffer replies). */
export function encodeSixBits(value: number): number {
  return SIX_BIT_CODES[value & 0x3f];
}
