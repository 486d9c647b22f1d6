/**
 * The subchannel-status word (reference/domain-architecture.md §6.5): the first 12 bytes of the IRB
 * that TSCH stores and of the SCHIB that STSCH stores. Word 0 bits 16-31 are kept as one 16-bit
 * control value: function control | activity control | status control.
 */

/** Function control. */
export const FC_START = 0x4000;
export const FC_HALT = 0x2000;
export const FC_CLEAR = 0x1000;
export const FC_MASK = 0x7000;

/** Activity control. */
export const AC_RESUME_PENDING = 0x0800;
export const AC_START_PENDING = 0x0400;
export const AC_HALT_PENDING = 0x0200;
export const AC_CLEAR_PENDING = 0x0100;
export const AC_SUBCHANNEL_ACTIVE = 0x0080;
export const AC_DEVICE_ACTIVE = 0x0040;
export const AC_SUSPENDED = 0x0020;
export const AC_MASK = 0x0fe0;

/** Status control. */
export const SC_ALERT = 0x10;
export const SC_INTERMEDIATE = 0x08;
export const SC_PRIMARY = 0x04;
export const SC_SECONDARY = 0x02;
export const SC_PENDING = 0x01;
export const SC_MASK = 0x1f;

/** Subchannel status (word 2, bits 8-15). */
export const SCH_PCI = 0x80;
export const SCH_INCORRECT_LENGTH = 0x40;
export const SCH_PROGRAM_CHECK = 0x20;
export const SCH_PROTECTION_CHECK = 0x10;
export const SCH_CHANNEL_DATA_CHECK = 0x08;
export const SCH_CHANNEL_CONTROL_CHECK = 0x04;
export const SCH_INTERFACE_CONTROL_CHECK = 0x02;
export const SCH_CHAINING_CHECK = 0x01;

/** Word 0 bits 0-15 as kept by the subchannel (the ORB copies and the Z bit). */
export const SCSW_SUSPEND_CONTROL = 0x0800_0000;
export const SCSW_FORMAT1 = 0x0080_0000;
export const SCSW_PREFETCH = 0x0040_0000;
export const SCSW_INITIAL_STATUS = 0x0020_0000;
export const SCSW_ADDRESS_LIMIT = 0x0010_0000;
export const SCSW_SUPPRESS_SUSPENDED = 0x0008_0000;
export const SCSW_ZERO_CC = 0x0004_0000;

/** The twelve bytes of an SCSW. */
export interface ScswImage {
  /** Word 0 bits 0-15 (key, flags), positioned as in the word. */
  readonly flags: number;
  /** Word 0 bits 16-31: function, activity and status control. */
  readonly control: number;
  readonly cpa: number;
  readonly deviceStatus: number;
  readonly subchannelStatus: number;
  readonly residual: number;
}

export function writeScsw(out: Uint8Array, offset: number, s: ScswImage): void {
  putWord(out, offset, (s.flags & 0xffff_0000) | (s.control & 0xffff));
  putWord(out, offset + 4, s.cpa);
  putWord(out, offset + 8, (s.deviceStatus << 24) | (s.subchannelStatus << 16) | (s.residual & 0xffff));
}

export function putWord(out: Uint8Array, offset: number, v: number): void {
  out[offset] = v >>> 24;
  out[offset + 1] = v >>> 16;
  out[offset + 2] = v >>> 8;
  out[offset + 3] = v;
}

export function getWord(b: Uint8Array, offset: number): number {
  return ((b[offset] << 24) | (b[offset + 1] << 16) | (b[offset + 2] << 8) | b[offset + 3]) >>> 0;
}
