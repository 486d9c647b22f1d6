/**
 * z/Architecture instruction formats and where their fields sit (reference/domain-architecture.md §1.3).
 * Bit positions are inclusive, numbered from 0 at the leftmost bit of the instruction, as in the
 * Principles of Operation. The decoder, assembler and disassembler all read these layouts.
 */
export type FormatName =
  | 'E'
  | 'I'
  | 'RR'
  | 'RRE'
  | 'RRF-a'
  | 'RRF-c'
  | 'RRD'
  | 'RX-a'
  | 'RX-b'
  | 'RXE'
  | 'RXY-a'
  | 'RS-a'
  | 'RS-b'
  | 'RSY-a'
  | 'RSY-b'
  | 'RSI'
  | 'RI-a'
  | 'RI-b'
  | 'RI-c'
  | 'RIL-a'
  | 'RIL-b'
  | 'RIL-c'
  | 'SI'
  | 'SIY'
  | 'SIL'
  | 'S'
  | 'SS-a'
  | 'SS-b'
  | 'SS-c'
  | 'SS-d'
  | 'SSE';

/** A field of an instruction: its name and inclusive bit range. */
export interface Field {
  readonly name: string;
  readonly first: number;
  readonly last: number;
}

const f = (name: string, first: number, last: number): Field => ({ name, first, last });

/** Fields other than the opcode bits, per format. DH/DL together form the signed 20-bit displacement. */
export const FORMAT_FIELDS: Readonly<Record<FormatName, readonly Field[]>> = {
  E: [],
  I: [f('I1', 8, 15)],
  RR: [f('R1', 8, 11), f('R2', 12, 15)],
  RRE: [f('R1', 24, 27), f('R2', 28, 31)],
  'RRF-a': [f('R3', 16, 19), f('M4', 20, 23), f('R1', 24, 27), f('R2', 28, 31)],
  'RRF-c': [f('M3', 16, 19), f('M4', 20, 23), f('R1', 24, 27), f('R2', 28, 31)],
  RRD: [f('R1', 16, 19), f('R3', 24, 27), f('R2', 28, 31)],
  'RX-a': [f('R1', 8, 11), f('X2', 12, 15), f('B2', 16, 19), f('D2', 20, 31)],
  'RX-b': [f('M1', 8, 11), f('X2', 12, 15), f('B2', 16, 19), f('D2', 20, 31)],
  RXE: [f('R1', 8, 11), f('X2', 12, 15), f('B2', 16, 19), f('D2', 20, 31), f('M3', 32, 35)],
  'RXY-a': [f('R1', 8, 11), f('X2', 12, 15), f('B2', 16, 19), f('DL2', 20, 31), f('DH2', 32, 39)],
  'RS-a': [f('R1', 8, 11), f('R3', 12, 15), f('B2', 16, 19), f('D2', 20, 31)],
  'RS-b': [f('R1', 8, 11), f('M3', 12, 15), f('B2', 16, 19), f('D2', 20, 31)],
  'RSY-a': [f('R1', 8, 11), f('R3', 12, 15), f('B2', 16, 19), f('DL2', 20, 31), f('DH2', 32, 39)],
  'RSY-b': [f('R1', 8, 11), f('M3', 12, 15), f('B2', 16, 19), f('DL2', 20, 31), f('DH2', 32, 39)],
  RSI: [f('R1', 8, 11), f('R3', 12, 15), f('RI2', 16, 31)],
  'RI-a': [f('R1', 8, 11), f('I2', 16, 31)],
  'RI-b': [f('R1', 8, 11), f('RI2', 16, 31)],
  'RI-c': [f('M1', 8, 11), f('RI2', 16, 31)],
  'RIL-a': [f('R1', 8, 11), f('I2', 16, 47)],
  'RIL-b': [f('R1', 8, 11), f('RI2', 16, 47)],
  'RIL-c': [f('M1', 8, 11), f('RI2', 16, 47)],
  SI: [f('I2', 8, 15), f('B1', 16, 19), f('D1', 20, 31)],
  SIY: [f('I2', 8, 15), f('B1', 16, 19), f('DL1', 20, 31), f('DH1', 32, 39)],
  SIL: [f('B1', 16, 19), f('D1', 20, 31), f('I2', 32, 47)],
  S: [f('B2', 16, 19), f('D2', 20, 31)],
  'SS-a': [f('L', 8, 15), f('B1', 16, 19), f('D1', 20, 31), f('B2', 32, 35), f('D2', 36, 47)],
  'SS-b': [
    f('L1', 8, 11),
    f('L2', 12, 15),
    f('B1', 16, 19),
    f('D1', 20, 31),
    f('B2', 32, 35),
    f('D2', 36, 47),
  ],
  'SS-c': [
    f('L1', 8, 11),
    f('I3', 12, 15),
    f('B1', 16, 19),
    f('D1', 20, 31),
    f('B2', 32, 35),
    f('D2', 36, 47),
  ],
  'SS-d': [
    f('R1', 8, 11),
    f('R3', 12, 15),
    f('B1', 16, 19),
    f('D1', 20, 31),
    f('B2', 32, 35),
    f('D2', 36, 47),
  ],
  SSE: [f('B1', 16, 19), f('D1', 20, 31), f('B2', 32, 35), f('D2', 36, 47)],
};

/** Instruction length in bytes from the first opcode byte (bits 0-1; §1.1). */
export function instructionLength(firstByte: number): 2 | 4 | 6 {
  const top = firstByte >>> 6;
  return top === 0 ? 2 : top === 3 ? 6 : 4;
}

/** Where the extended opcode of a first byte sits (§1.2): none, byte 1, the low nibble of byte 1, or byte 5. */
export type ExtendedOpcodePlace = 'none' | 'byte1' | 'nibble1' | 'byte5';

export function extendedOpcodePlace(firstByte: number): ExtendedOpcodePlace {
  switch (firstByte) {
    case 0x01:
    case 0xb2:
    case 0xb3:
    case 0xb9:
    case 0xe5:
      return 'byte1';
    case 0xa5:
    case 0xa7:
    case 0xc0:
    case 0xc2:
    case 0xc4:
    case 0xc6:
    case 0xc8:
    case 0xcc:
      return 'nibble1';
    case 0xe3:
    case 0xe7:
    case 0xeb:
    case 0xec:
    case 0xed:
      return 'byte5';
    default:
      return 'none';
  }
}
