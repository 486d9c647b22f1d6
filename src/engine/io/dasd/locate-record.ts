import { commandReject, type DasdError, MSG_COUNT_TOO_SMALL, MSG_INVALID_PARAMETER } from './dasd-sense';

/**
 * LOCATE RECORD (X'47', reference/domain-architecture.md §7.3): seeks, orients on a record and opens
 * a domain of `count` read or write commands that follow without their own seeks and searches.
 */
export const LOCATE_RECORD_LENGTH = 16;

/** The operations this device supports: write data, format write, read data. */
export const LR_WRITE_DATA = 0x01;
export const LR_FORMAT_WRITE = 0x03;
export const LR_READ_DATA = 0x06;

/** Byte 0 bits 0-1. */
export type LocateOrientation = 'count' | 'home-address' | 'data' | 'index';
const ORIENTATIONS: readonly LocateOrientation[] = ['count', 'home-address', 'data', 'index'];

export interface LocateRecord {
  readonly orientation: LocateOrientation;
  readonly operation: number;
  /** How many commands the domain holds (byte 3). */
  readonly count: number;
  readonly seekCyl: number;
  readonly seekHead: number;
  /** The search argument CCHHR (bytes 8-12). */
  readonly search: Uint8Array;
}

export function parseLocateRecord(data: Uint8Array): LocateRecord | DasdError {
  if (data.length < LOCATE_RECORD_LENGTH) {
    return commandReject(MSG_COUNT_TOO_SMALL, `Locate Record needs 16 bytes, got ${data.length}`);
  }
  const operation = data[0] & 0x3f;
  if (operation !== LR_WRITE_DATA && operation !== LR_FORMAT_WRITE && operation !== LR_READ_DATA) {
    return commandReject(
      MSG_INVALID_PARAMETER,
      `Locate Record operation X'${operation.toString(16).padStart(2, '0').toUpperCase()}' is not supported`,
    );
  }
  if (data[3] === 0) return commandReject(MSG_INVALID_PARAMETER, 'Locate Record with a count of 0');
  return {
    orientation: ORIENTATIONS[data[0] >>> 6],
    operation,
    count: data[3],
    seekCyl: (data[4] << 8) | data[5],
    seekHead: (data[6] << 8) | data[7],
    search: data.slice(8, 13),
  };
}

/** The commands a domain of this operation may hold (multitrack bit as given). */
export function allowedInDomain(operation: number, code: number): boolean {
  switch (operation) {
    case LR_WRITE_DATA:
      return code === 0x05;
    case LR_FORMAT_WRITE:
      return code === 0x1d || code === 0x15;
    default: // LR_READ_DATA: the data, key-and-data, count and count-key-data reads
      return [0x06, 0x0e, 0x12, 0x1e].includes(code & 0x7f);
  }
}
