/**
 * The operation-request block (reference/domain-architecture.md §6.3), the SSCH operand: word 0 the
 * interruption parameter, word 1 the controls, word 2 the channel-program address.
 */
export interface Orb {
  readonly intparm: number;
  /** Storage key for every access of the channel program. */
  readonly key: number;
  /** S: CCW suspend flags are honoured. */
  readonly suspend: boolean;
  /** F: format-1 CCWs. */
  readonly format1: boolean;
  /** P: prefetch allowed (kept for the SCSW; this channel fetches one CCW at a time). */
  readonly prefetch: boolean;
  /** I: initial-status interruption. */
  readonly initialStatus: boolean;
  /** A: address-limit checking (kept for the SCSW; no limit is configured). */
  readonly addressLimit: boolean;
  /** U: suppress the intermediate interruption on suspension. */
  readonly suppressSuspended: boolean;
  /** H: format-2 (64-bit) IDAWs. */
  readonly format2Idaws: boolean;
  /** T: format-2 IDAWs cover 2 KiB blocks instead of 4 KiB. */
  readonly idaw2k: boolean;
  readonly lpm: number;
  /** L: no incorrect length for immediate commands (format 1). */
  readonly suppressImmediateIl: boolean;
  readonly cpa: number;
}

/** ORB word 1 bits that must be zero: bit 13, MIDAW (bit 25, the facility is not installed), bits 26-30. */
const ORB_RESERVED = 0x0004_0000 | 0x0000_0040 | 0x0000_003e;

/** Decodes a 12-byte ORB, or null when reserved bits or CPA bit 0 are set (operand exception). */
export function decodeOrb(b: Uint8Array): Orb | null {
  const w = (i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
  const w1 = w(4);
  const cpa = w(8);
  if ((w1 & ORB_RESERVED) !== 0 || cpa >= 0x8000_0000) return null;
  return {
    intparm: w(0),
    key: w1 >>> 28,
    suspend: (w1 & 0x0800_0000) !== 0,
    format1: (w1 & 0x0080_0000) !== 0,
    prefetch: (w1 & 0x0040_0000) !== 0,
    initialStatus: (w1 & 0x0020_0000) !== 0,
    addressLimit: (w1 & 0x0010_0000) !== 0,
    suppressSuspended: (w1 & 0x0008_0000) !== 0,
    format2Idaws: (w1 & 0x0002_0000) !== 0,
    idaw2k: (w1 & 0x0001_0000) !== 0,
    lpm: (w1 >>> 8) & 0xff,
    suppressImmediateIl: (w1 & 0x80) !== 0,
    cpa,
  };
}
