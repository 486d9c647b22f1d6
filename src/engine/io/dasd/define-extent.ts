import { commandReject, type DasdError, MSG_COUNT_TOO_SMALL, MSG_INVALID_PARAMETER } from './dasd-sense';

/**
 * DEFINE EXTENT (X'63') and the file mask (reference/domain-architecture.md §7.3). The extent bounds
 * every later seek, search and multitrack step of the channel program; the file mask limits what it
 * may write and how it may move the access mechanism.
 */
export const DEFINE_EXTENT_LENGTH = 16;

/** File-mask write control (bits 0-1). */
const WRITE_CONTROL = 0xc0;
const INHIBIT_ALL_WRITES = 0x40;
const UPDATE_ONLY = 0x80;
const PERMIT_ALL_WRITES = 0xc0;
/** File-mask seek control (bits 3-4): 00 all seeks, 08 Seek Cylinder and Seek Head, 10 Seek Head only, 18 none and no multitrack. */
const SEEK_CONTROL = 0x18;
export const SEEK_CYLINDER_AND_HEAD_ONLY = 0x08;
export const INHIBIT_SEEK_AND_MULTITRACK = 0x18;
/** Bit 2 is reserved. */
const RESERVED = 0x20;

/** What a write changes: a record's key/data in place, records from a point on, or record 0. */
export type WriteKind = 'update' | 'format' | 'record0';

/** Whether the file mask's write control lets a write of this kind through. */
export function writePermitted(mask: number, kind: WriteKind): boolean {
  switch (mask & WRITE_CONTROL) {
    case INHIBIT_ALL_WRITES:
      return false;
    case UPDATE_ONLY:
      return kind === 'update';
    case PERMIT_ALL_WRITES:
      return true;
    default: // 00: everything but Write Home Address and Write Record 0
      return kind !== 'record0';
  }
}

export function seekControl(mask: number): number {
  return mask & SEEK_CONTROL;
}

/** Tracks as cylinder * heads + head, inclusive at both ends. */
export interface Extent {
  readonly firstTrack: number;
  readonly lastTrack: number;
}

export interface DefineExtent {
  readonly mask: number;
  readonly extent: Extent;
}

/**
 * Parses the 16 bytes: byte 0 file mask, byte 1 global attributes and bytes 2-3 block size (accepted
 * and not used: this device always behaves as an ECKD 3390), bytes 8-11 begin CCHH, 12-15 end CCHH.
 */
export function parseDefineExtent(
  data: Uint8Array,
  cylinders: number,
  heads: number,
): DefineExtent | DasdError {
  if (data.length < DEFINE_EXTENT_LENGTH) {
    return commandReject(MSG_COUNT_TOO_SMALL, `Define Extent needs 16 bytes, got ${data.length}`);
  }
  const mask = data[0];
  if (mask & RESERVED) return commandReject(MSG_INVALID_PARAMETER, 'Define Extent: reserved file-mask bit');
  const beginCyl = (data[8] << 8) | data[9];
  const beginHead = (data[10] << 8) | data[11];
  const endCyl = (data[12] << 8) | data[13];
  const endHead = (data[14] << 8) | data[15];
  if (beginCyl >= cylinders || endCyl >= cylinders || beginHead >= heads || endHead >= heads) {
    return commandReject(
      MSG_INVALID_PARAMETER,
      `Define Extent ${beginCyl}/${beginHead}-${endCyl}/${endHead} is outside the device`,
    );
  }
  const firstTrack = beginCyl * heads + beginHead;
  const lastTrack = endCyl * heads + endHead;
  if (firstTrack > lastTrack) {
    return commandReject(MSG_INVALID_PARAMETER, 'Define Extent: the extent ends before it begins');
  }
  return { mask, extent: { firstTrack, lastTrack } };
}
