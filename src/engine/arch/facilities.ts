/**
 * The facility list stored by STFL (word at real 0xC8) and STFLE (reference/domain-architecture.md
 * §2.4, §4.6): bit 0 N3 instructions, 1 z/Architecture installed, 2 z/Architecture active,
 * 7 STFLE, 18 long displacement (every RXY/RSY/SIY row takes the signed 20-bit displacement).
 * EDAT (bit 8), extended immediate (21) and later facilities stay off until implemented.
 */
export const FACILITY_WORD_0 = 0x8000_0000 | 0x4000_0000 | 0x2000_0000 | 0x0100_0000 | 0x0000_2000 | 0;
export const FACILITY_WORD_1 = 0;
