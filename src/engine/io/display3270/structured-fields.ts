import { COLOR, HIGHLIGHT } from './data-stream-codes';
import { type DeviceStatus, OK, operationCheck } from './device-status';
import { alternateSize, type DisplayModel } from './screen-models';

/**
 * Write Structured Field (CCW 0x11, SNA 0xF3): a list of structured fields, each `length (2 bytes,
 * counting itself; 0 = the rest), ID, data`. Supported: Read Partition Query / Query List (the
 * device answers with its query replies), Erase/Reset, Set Reply Mode and Outbound 3270DS.
 * Layouts of the query replies as x3270 sends them (seen from s3270); the values are this display's.
 */

export const SF_ID = {
  readPartition: 0x01,
  eraseReset: 0x03,
  setReplyMode: 0x09,
  outbound3270DS: 0x40,
} as const;

const READ_PARTITION_QUERY = 0x02;
const READ_PARTITION_QUERY_LIST = 0x03;
const QUERY_REPLY = 0x81;
export const QCODE = {
  summary: 0x80,
  usableArea: 0x81,
  alphanumericPartitions: 0x84,
  color: 0x86,
  highlighting: 0x87,
  replyModes: 0x88,
  implicitPartition: 0xa6,
} as const;

/** Field, extended field, character (what Read Buffer / Read Modified send). */
export type ReplyMode = 0 | 1 | 2;

/** What structured fields act on; the display implements it. */
export interface StructuredFieldTarget {
  readonly model: DisplayModel;
  /** Erases to the default size, or to the alternate size when `alternate`. */
  eraseScreen(alternate: boolean): void;
  /** Runs an outbound command given by its SNA code, with its data from the WCC on. */
  outbound(code: number, data: Uint8Array): DeviceStatus;
  replyMode: ReplyMode;
  /** Character attribute types listed in Set Reply Mode (character mode). */
  replyCharacterTypes: readonly number[];
  /** Hands an inbound record (AID 0x88 + query replies) to the next read. */
  queueInbound(record: Uint8Array): void;
}

export function applyStructuredFields(target: StructuredFieldTarget, data: Uint8Array): DeviceStatus {
  let i = 0;
  while (i < data.length) {
    if (i + 3 > data.length) return operationCheck('structured field header truncated', i);
    const declared = (data[i] << 8) | data[i + 1];
    const length = declared === 0 ? data.length - i : declared;
    if (length < 3 || i + length > data.length)
      return operationCheck(`structured field length ${declared}`, i);
    const body = data.subarray(i + 3, i + length);
    const status = applyStructuredField(target, data[i + 2], body, i);
    if (status.kind !== 'ok') return status;
    i += length;
  }
  return OK;
}

function applyStructuredField(
  target: StructuredFieldTarget,
  id: number,
  body: Uint8Array,
  at: number,
): DeviceStatus {
  switch (id) {
    case SF_ID.readPartition:
      if (body.length < 2 || body[0] !== 0xff)
        return operationCheck('Read Partition: only Query to partition FF', at);
      if (body[1] !== READ_PARTITION_QUERY && body[1] !== READ_PARTITION_QUERY_LIST) {
        return operationCheck(`Read Partition type 0x${body[1].toString(16)} is not supported`, at);
      }
      target.queueInbound(queryReply(target.model));
      return OK;
    case SF_ID.eraseReset:
      // Flag 0x80 selects the alternate size; also resets the reply mode.
      target.eraseScreen(body.length > 0 && (body[0] & 0x80) !== 0);
      target.replyMode = 0;
      target.replyCharacterTypes = [];
      return OK;
    case SF_ID.setReplyMode:
      if (body.length < 2 || body[1] > 2) return operationCheck('Set Reply Mode: bad mode', at);
      target.replyMode = body[1] as ReplyMode;
      target.replyCharacterTypes = body[1] === 2 ? Array.from(body.subarray(2)) : [];
      return OK;
    case SF_ID.outbound3270DS: {
      if (body.length < 2) return operationCheck('Outbound 3270DS: no command', at);
      if (![0xf1, 0xf5, 0x7e, 0x6f].includes(body[1])) {
        return operationCheck(`Outbound 3270DS command 0x${body[1].toString(16)}`, at);
      }
      return target.outbound(body[1], body.subarray(2));
    }
    default:
      return operationCheck(`structured field 0x${id.toString(16).padStart(2, '0')} is not supported`, at);
  }
}

function replyField(qcode: number, bytes: number[]): number[] {
  const length = bytes.length + 4;
  return [length >> 8, length & 0xff, QUERY_REPLY, qcode, ...bytes];
}

const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];

/** AID 0x88 and the query replies: what this 3278/3279 supports and its screen sizes. */
export function queryReply(model: DisplayModel): Uint8Array {
  const alt = alternateSize(model);
  const cells = alt.rows * alt.columns;
  const colors = [
    COLOR.blue,
    COLOR.red,
    COLOR.pink,
    COLOR.green,
    COLOR.turquoise,
    COLOR.yellow,
    COLOR.neutralWhite,
  ];
  const highlights = [HIGHLIGHT.blink, HIGHLIGHT.reverse, HIGHLIGHT.underscore, HIGHLIGHT.intensify];
  return Uint8Array.from([
    0x88,
    ...replyField(QCODE.summary, Object.values(QCODE)),
    // Usable area: 12/14-bit addressing, the largest (alternate) size, cell size as x3270 reports it.
    ...replyField(QCODE.usableArea, [
      0x01,
      0x00,
      ...u16(alt.columns),
      ...u16(alt.rows),
      0x01,
      0x00,
      0x0a,
      0x02,
      0xe5,
      0x00,
      0x02,
      0x00,
      0x6f,
      0x09,
      0x0c,
      ...u16(cells),
    ]),
    ...replyField(QCODE.alphanumericPartitions, [0x00, ...u16(cells), 0x00]),
    // Colour: default is green; each colour value maps to itself.
    ...replyField(QCODE.color, [
      0x00,
      colors.length + 1,
      0x00,
      COLOR.green,
      ...colors.flatMap((c) => [c, c]),
    ]),
    ...replyField(QCODE.highlighting, [
      highlights.length + 1,
      0x00,
      HIGHLIGHT.normal,
      ...highlights.flatMap((h) => [h, h]),
    ]),
    ...replyField(QCODE.replyModes, [0x00, 0x01, 0x02]),
    // Implicit partition: default 24×80 and the alternate size.
    ...replyField(QCODE.implicitPartition, [
      0x00,
      0x00,
      0x0b,
      0x01,
      0x00,
      ...u16(80),
      ...u16(24),
      ...u16(alt.columns),
      ...u16(alt.rows),
    ]),
  ]);
}
