import { SENSE_COMMAND_REJECT } from '../channel/ccw-device';

/**
 * 3390 sense data on a 3990 control unit: 32 bytes (reference/domain-architecture.md §7.3; layout as
 * in the 3990 Storage Control Reference and Hercules' ckddasd). Byte 0 holds the common unit-check
 * reasons, byte 1 the DASD ones, byte 7 the format (high nibble) and message (low nibble), bytes 5-6
 * and 29-31 the position of the access mechanism.
 */
export const SENSE_LENGTH_3390 = 32;

/** Sense byte 1. */
export const SENSE1_INVALID_TRACK_FORMAT = 0x40;
export const SENSE1_END_OF_CYLINDER = 0x20;
export const SENSE1_NO_RECORD_FOUND = 0x08;
export const SENSE1_FILE_PROTECTED = 0x04;

/** Format 0 (program or system check) messages, sense byte 7 low nibble, with command reject. */
export const MSG_INVALID_COMMAND = 0x1;
export const MSG_INVALID_SEQUENCE = 0x2;
export const MSG_COUNT_TOO_SMALL = 0x3;
export const MSG_INVALID_PARAMETER = 0x4;

/** Why a command ended in unit check: the sense bytes 0, 1 and 7 that say so. */
export interface DasdError {
  readonly byte0: number;
  readonly byte1: number;
  readonly message: number;
  /** For traces and tests: what went wrong, in words. */
  readonly reason: string;
}

export function commandReject(message: number, reason: string): DasdError {
  return { byte0: SENSE_COMMAND_REJECT, byte1: 0, message, reason };
}

export function fileProtected(reason: string): DasdError {
  return { byte0: 0, byte1: SENSE1_FILE_PROTECTED, message: 0, reason };
}

export function noRecordFound(reason: string): DasdError {
  return { byte0: 0, byte1: SENSE1_NO_RECORD_FOUND, message: 0, reason };
}

export function endOfCylinder(reason: string): DasdError {
  return { byte0: 0, byte1: SENSE1_END_OF_CYLINDER, message: 0, reason };
}

export function invalidTrackFormat(reason: string): DasdError {
  return { byte0: 0, byte1: SENSE1_INVALID_TRACK_FORMAT, message: 0, reason };
}

/**
 * The 32 sense bytes for an error (or none) at a position. Bytes 5-6 carry the cylinder's low byte
 * and its high nibble with the head, or X'FFFF' on volumes of more than 4095 cylinders; byte 27
 * stays 0 because a 3390 reports 32-byte (not 24-byte compatibility) sense.
 */
export function buildSense(
  error: DasdError | undefined,
  cyl: number,
  head: number,
  cylinders: number,
): Uint8Array {
  const sense = new Uint8Array(SENSE_LENGTH_3390);
  if (error) {
    sense[0] = error.byte0;
    sense[1] = error.byte1;
    sense[7] = error.message;
  }
  if (cylinders > 4095) {
    sense[5] = 0xff;
    sense[6] = 0xff;
  } else {
    sense[5] = cyl & 0xff;
    sense[6] = ((cyl >>> 8) << 4) | (head & 0x0f);
  }
  sense[29] = cyl >>> 8;
  sense[30] = cyl & 0xff;
  sense[31] = head & 0xff;
  return sense;
}
