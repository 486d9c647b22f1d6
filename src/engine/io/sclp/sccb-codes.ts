/**
 * Code points of the service-call logical processor (SCLP): command words, SCCB response codes and
 * the event facility's event types and masks (reference/domain-architecture.md §10.1, the values
 * QEMU's include/hw/s390x/sclp.h and event-facility.h use).
 */
export const SCLP_COMMAND = {
  readScpInfo: 0x0002_0001,
  readScpInfoForced: 0x0012_0001,
  readCpuInfo: 0x0001_0001,
  writeEventMask: 0x0078_0005,
  writeEventData: 0x0076_0005,
  readEventData: 0x0077_0005,
} as const;

/** Bits of the command word that name the command (the rest select a resource, ignored here). */
export const SCLP_COMMAND_MASK = 0xffff_00ff;

export const SCLP_RESPONSE = {
  normalReadCompletion: 0x0010,
  normalCompletion: 0x0020,
  sccbBoundaryViolation: 0x0100,
  invalidCommand: 0x01f0,
  insufficientSccbLength: 0x0300,
  invalidFunction: 0x40f0,
  noEventBuffersStored: 0x60f0,
  invalidSelectionMask: 0x70f0,
  eventBufferSyntaxError: 0x73f0,
  invalidMaskLength: 0x74f0,
} as const;

/** SCCB header function codes of the event facility. */
export const SCLP_FUNCTION = {
  normalWrite: 0x00,
  unconditionalRead: 0x00,
  selectiveRead: 0x01,
} as const;

/** Header control-mask byte 2: the SCLP may shorten the SCCB length to what it stored. */
export const VARIABLE_LENGTH_RESPONSE = 0x80;

export const EVENT_TYPE = {
  operatorCommand: 0x01,
  message: 0x02,
  asciiConsoleData: 0x1a,
} as const;

/** An event type's bit in a 32-bit event mask: type 1 is the leftmost bit; 0 for types beyond it. */
export function eventMaskBit(type: number): number {
  if (type < 1 || type > 32) return 0;
  return (0x8000_0000 >>> (type - 1)) >>> 0;
}

/** Event buffer flag: the SCLP accepted (processed) the buffer. */
export const EVENT_BUFFER_ACCEPTED = 0x80;

/** Event buffer header: be16 length, u8 type, u8 flags, be16 reserved. */
export const EVENT_HEADER_LENGTH = 6;

/** The 4-byte masks this SCLP supports (mask length 4, as QEMU requires by default). */
export const EVENT_MASK_LENGTH = 4;
