import type { MainStorage } from '../main-storage';
import * as programInterruptionModule from '../program-interruption';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call.
const {
  PGM_ADDRESSING,
  PGM_ASCE_TYPE,
  PGM_PAGE_TRANSLATION,
  PGM_REGION_FIRST,
  PGM_REGION_SECOND,
  PGM_REGION_THIRD,
  PGM_SEGMENT_TRANSLATION,
  PGM_TRANSLATION_SPECIFICATION,
} = programInterruptionModule;

const TWO32 = 0x1_0000_0000;

/** ASCE low-word bits (reference/domain-architecture.md §4.2). */
export const ASCE_PRIVATE = 0x100;
export const ASCE_REAL_SPACE = 0x20;
/** Designation types (ASCE bits 60-61), also the region-table entries' table types. */
const DT_REGION_FIRST = 3;
const DT_REGION_SECOND = 2;
const DT_REGION_THIRD = 1;

/** Table-entry low-word bits (§4.4). */
const ENTRY_INVALID = 0x20;
const SEGMENT_COMMON = 0x10;
const SEGMENT_PROTECT = 0x200;
const PAGE_RESERVED = 0x800;
export const PAGE_INVALID = 0x400;
const PAGE_PROTECT = 0x200;

/** What a successful (or failed) walk found; one reused object per caller, so nothing is allocated. */
export class WalkResult {
  /** Real address of the translated byte (valid when the walk returned 0). */
  real = 0;
  /**
   * Absolute address of the last table entry fetched: the page-table entry after a successful walk
   * (the TLB keys IPTE purges on it); after an invalid-bit exception, the invalid entry (LRA's CC 1
   * and CC 2 results); -1 when the walk stopped on a length check or the ASCE itself.
   */
  entry = -1;
  /** DAT protection: the segment or page entry has its P bit on. */
  protect = false;
}

/**
 * The z/Architecture table walk (reference/domain-architecture.md §4.3-4.4) for a logical address
 * under the ASCE `asceHi:asceLo`, with 4 KiB pages. Returns 0 and fills `out`, or the program
 * interruption code of the translation exception (0x10, 0x11, 0x12, 0x38-0x3B, or 0x05 for a table
 * outside storage). Tables are fetched from absolute storage; nothing is cached here.
 *
 * The order of checks follows the architecture (as KVM's guest walk does): the ASCE type against the
 * address's high indexes, the top table's length, then per entry: invalid bit, table type, and the
 * next table's offset and length against the next index.
 */
export function walkTables(
  storage: MainStorage,
  asceHi: number,
  asceLo: number,
  address: number,
  out: WalkResult,
): number {
  out.entry = -1;
  out.protect = false;
  const hi = address < TWO32 ? 0 : Math.floor(address / TWO32) >>> 0;
  const lo = address < TWO32 ? address : address - Math.floor(address / TWO32) * TWO32;
  if ((asceLo & ASCE_REAL_SPACE) !== 0) {
    out.real = address;
    return 0;
  }
  const rfx = hi >>> 21;
  const rsx = (hi >>> 10) & 0x7ff;
  const rtx = ((hi & 0x3ff) << 1) | (lo >>> 31);
  const sx = (lo >>> 20) & 0x7ff;
  const px = (lo >>> 12) & 0xff;
  const dt = (asceLo >>> 2) & 3;
  const tl = asceLo & 3;
  let origin = tableOrigin(asceHi, asceLo);
  let index: number;
  switch (dt) {
    case DT_REGION_FIRST:
      if (rfx >>> 9 > tl) return PGM_REGION_FIRST;
      index = rfx;
      break;
    case DT_REGION_SECOND:
      if (rfx !== 0) return PGM_ASCE_TYPE;
      if (rsx >>> 9 > tl) return PGM_REGION_SECOND;
      index = rsx;
      break;
    case DT_REGION_THIRD:
      if (rfx !== 0 || rsx !== 0) return PGM_ASCE_TYPE;
      if (rtx >>> 9 > tl) return PGM_REGION_THIRD;
      index = rtx;
      break;
    default:
      if (rfx !== 0 || rsx !== 0 || rtx !== 0) return PGM_ASCE_TYPE;
      if (sx >>> 9 > tl) return PGM_SEGMENT_TRANSLATION;
      index = sx;
  }
  // Region levels, from the designated one down to the region-third table. Each entry gives the
  // next table's origin and the offset/length that bound the next index.
  for (let level = dt; level > 0; level--) {
    const at = origin + index * 8;
    if (at + 8 > storage.size) return PGM_ADDRESSING;
    const eh = storage.readS32(at);
    const el = storage.readS32(at + 4);
    const own =
      level === DT_REGION_FIRST
        ? PGM_REGION_FIRST
        : level === DT_REGION_SECOND
          ? PGM_REGION_SECOND
          : PGM_REGION_THIRD;
    if ((el & ENTRY_INVALID) !== 0) {
      out.entry = at;
      return own;
    }
    if (((el >>> 2) & 3) !== level) return PGM_TRANSLATION_SPECIFICATION;
    const next = level === DT_REGION_FIRST ? rsx : level === DT_REGION_SECOND ? rtx : sx;
    const top = next >>> 9;
    if (top < ((el >>> 6) & 3) || top > (el & 3)) {
      return level === DT_REGION_FIRST
        ? PGM_REGION_SECOND
        : level === DT_REGION_SECOND
          ? PGM_REGION_THIRD
          : PGM_SEGMENT_TRANSLATION;
    }
    origin = tableOrigin(eh, el);
    index = next;
  }
  // Segment-table entry (format control 0: EDAT-1 is not installed, so bit 53 is not looked at).
  const sAt = origin + index * 8;
  if (sAt + 8 > storage.size) return PGM_ADDRESSING;
  const sh = storage.readS32(sAt);
  const sl = storage.readS32(sAt + 4);
  if ((sl & ENTRY_INVALID) !== 0) {
    out.entry = sAt;
    return PGM_SEGMENT_TRANSLATION;
  }
  if ((sl & 0xc) !== 0) return PGM_TRANSLATION_SPECIFICATION;
  // A common segment in a private space is a translation-specification exception.
  if ((sl & SEGMENT_COMMON) !== 0 && (asceLo & ASCE_PRIVATE) !== 0) return PGM_TRANSLATION_SPECIFICATION;
  // Page-table entry: the page table is 256 entries at a 2 KiB-aligned origin (no length check).
  const pAt = (sh >>> 0) * TWO32 + ((sl & ~0x7ff) >>> 0) + px * 8;
  if (pAt + 8 > storage.size) return PGM_ADDRESSING;
  const ph = storage.readS32(pAt);
  const pl = storage.readS32(pAt + 4);
  out.entry = pAt;
  if ((pl & PAGE_INVALID) !== 0) return PGM_PAGE_TRANSLATION;
  if ((pl & PAGE_RESERVED) !== 0) return PGM_TRANSLATION_SPECIFICATION;
  out.protect = ((sl | pl) & (SEGMENT_PROTECT | PAGE_PROTECT)) !== 0;
  out.real = tableOrigin(ph, pl) + (lo & 0xfff);
  return 0;
}

/** Bits 0-51 of a 64-bit entry as an address (a 4 KiB-aligned origin or page frame). */
function tableOrigin(h: number, l: number): number {
  return (h >>> 0) * TWO32 + ((l & ~0xfff) >>> 0);
}
