/**
 * The z/Architecture PSW (reference/domain-architecture.md §3.1), kept by the CPU as two 32-bit words
 * for bits 0-63 and a JS number for the instruction address (bits 64-127; exact below 2^53).
 * Masks below are for word 0 (bits 0-31) unless named W1 (bits 32-63).
 */
export const PSW_PER = 0x4000_0000;
export const PSW_DAT = 0x0400_0000;
export const PSW_IO = 0x0200_0000;
export const PSW_EXT = 0x0100_0000;
export const PSW_KEY = 0x00f0_0000;
export const PSW_KEY_SHIFT = 20;
/** Bit 12: must be 1 in an ESA/390 (short) PSW, 0 in a z/Architecture PSW. */
export const PSW_SHORT_BIT = 0x0008_0000;
export const PSW_MCHECK = 0x0004_0000;
export const PSW_WAIT = 0x0002_0000;
export const PSW_PROBLEM = 0x0001_0000;
export const PSW_ASC = 0x0000_c000;
export const PSW_CC = 0x0000_3000;
export const PSW_CC_SHIFT = 12;
export const PSW_PM = 0x0000_0f00;
export const PSW_PM_SHIFT = 8;
/** Program-mask bit 20: fixed-point overflow enables interruption 0x08. */
export const PSW_PM_FIXED_OVERFLOW = 0x0000_0800;
/** Bit 31: extended (64-bit) addressing. */
export const PSW_EA = 0x0000_0001;
/** Bit 32 (word 1): basic (31-bit) addressing. */
export const PSW_W1_BA = 0x8000_0000;
/** Bits of word 0 that may be 1 in a valid z/Architecture PSW (0, 2-4, 12, 24-30 must be 0). */
export const PSW_VALID_W0 = 0x47f7_ff01;

/** Addressing modes as the CPU keeps them: the mask applied to generated addresses. */
export const AMODE_24 = 0;
export const AMODE_31 = 1;
export const AMODE_64 = 3;

export function amodeOf(w0: number, w1: number): number {
  return ((w0 & PSW_EA) << 1) | (w1 >>> 31);
}

/** 32 hex digits of a PSW: mask words then the 64-bit address. */
export function pswToHex(w0: number, w1: number, address: number): string {
  const hi = Math.floor(address / 0x1_0000_0000);
  const lo = address - hi * 0x1_0000_0000;
  return [w0 >>> 0, w1 >>> 0, hi >>> 0, lo >>> 0].map((v) => v.toString(16).padStart(8, '0')).join('');
}

/**
 * Why a PSW is invalid (specification exception, recognized early with ILC 0), or null when valid.
 * EA=1 with BA=0 is invalid; the address must fit the addressing mode.
 */
export function pswInvalid(w0: number, w1: number, address: number): string | null {
  if ((w0 & ~PSW_VALID_W0) !== 0) return 'reserved bit in bits 0-31';
  if ((w1 & ~PSW_W1_BA) !== 0) return 'reserved bit in bits 33-63';
  const mode = amodeOf(w0, w1);
  if (mode === 2) return 'EA without BA';
  if (mode === AMODE_24 && address > 0xff_ffff) return 'address beyond 24-bit mode';
  if (mode === AMODE_31 && address > 0x7fff_ffff) return 'address beyond 31-bit mode';
  return null;
}
