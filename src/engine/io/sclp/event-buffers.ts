import { decodeEbcdic, encodeEbcdic } from '../ebcdic-037';
import { EVENT_HEADER_LENGTH, EVENT_TYPE } from './sccb-codes';

/**
 * The console event buffers of the SCLP event facility (§10.1): ASCII console data (type 0x1A),
 * line-mode messages (type 0x02: an MDB with GO and MTO objects, as Linux's sclp_rw.c writes them)
 * and operator commands (type 0x01: GDS vectors, as Linux's sclp_tty.c reads them).
 */

/** "MDB " in EBCDIC: the tag of a message data block header. */
const MDB_TAG = 0xd4c4_c240;
/** MDB header: be16 length, be16 type (1), be32 tag, be32 revision code. */
const MDB_HEADER_LENGTH = 12;
/** MDB object types. */
const MTO_TYPE = 4;
/** MTO: be16 length, be16 type, be16 line-type flags, u8 alarm, u8 reserved[3], then the text. */
const MTO_TEXT_OFFSET = 10;
/** Object header: be16 length, be16 type. */
const OBJECT_HEADER_LENGTH = 4;

/** The text of ASCII console data: line ends as "\n" (guests send "\r\n", or "\r" alone). */
export function asciiText(data: Uint8Array): string {
  let text = '';
  for (let i = 0; i < data.length; i++) {
    const byte = data[i];
    if (byte === 0x0d) {
      if (data[i + 1] !== 0x0a) text += '\n';
      continue;
    }
    text += byte === 0x0a || byte === 0x09 || (byte >= 0x20 && byte < 0x7f) ? String.fromCharCode(byte) : '.';
  }
  return text;
}

/**
 * The lines of a line-mode message: one per MTO (message text object), EBCDIC decoded. Undefined
 * when the MDB is malformed (wrong tag, lengths that do not add up): an event buffer syntax error.
 */
export function messageLines(buffer: Uint8Array): string[] | undefined {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const mdb = EVENT_HEADER_LENGTH;
  if (buffer.length < mdb + MDB_HEADER_LENGTH) return undefined;
  const mdbLength = view.getUint16(mdb);
  if (view.getUint32(mdb + 4) !== MDB_TAG) return undefined;
  if (mdbLength < MDB_HEADER_LENGTH || mdb + mdbLength > buffer.length) return undefined;
  const lines: string[] = [];
  let at = mdb + MDB_HEADER_LENGTH;
  const end = mdb + mdbLength;
  while (at < end) {
    if (end - at < OBJECT_HEADER_LENGTH) return undefined;
    const length = view.getUint16(at);
    if (length < OBJECT_HEADER_LENGTH || at + length > end) return undefined;
    if (view.getUint16(at + 2) === MTO_TYPE) {
      const text = buffer.subarray(at + Math.min(MTO_TEXT_OFFSET, length), at + length);
      lines.push(
        decodeEbcdic(text)
          .replace(/\u00a0/g, ' ')
          .trimEnd(),
      );
    }
    at += length;
  }
  return lines;
}

/** GDS identifiers of an operator command: message unit, self-defining text message. */
const GDS_MESSAGE_UNIT = 0x1310;
const GDS_SELF_DEFINING_TEXT = 0x1311;
/** Subvector keys: text command, then the text itself. */
const KEY_TEXT_COMMAND = 0x30;
const KEY_TEXT = 0x01;
/** Subvectors have one-byte lengths: the text is cut to what fits. */
const MAX_COMMAND_TEXT = 255 - 2 - 2;

/** An operator command event buffer (type 0x01): the command as EBCDIC inside GDS vectors. */
export function operatorCommandBuffer(line: string): Uint8Array {
  const text = encodeEbcdic(line.slice(0, MAX_COMMAND_TEXT));
  const textSub = text.length + 2;
  const commandSub = textSub + 2;
  const selfDefining = commandSub + 4;
  const messageUnit = selfDefining + 4;
  const length = EVENT_HEADER_LENGTH + messageUnit;
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setUint16(0, length);
  out[2] = EVENT_TYPE.operatorCommand;
  let at = EVENT_HEADER_LENGTH;
  view.setUint16(at, messageUnit);
  view.setUint16(at + 2, GDS_MESSAGE_UNIT);
  at += 4;
  view.setUint16(at, selfDefining);
  view.setUint16(at + 2, GDS_SELF_DEFINING_TEXT);
  at += 4;
  out[at] = commandSub;
  out[at + 1] = KEY_TEXT_COMMAND;
  at += 2;
  out[at] = textSub;
  out[at + 1] = KEY_TEXT;
  out.set(text, at + 2);
  return out;
}

/** An ASCII console data event buffer (type 0x1A): the line and a carriage return, as typed. */
export function asciiInputBuffer(line: string): Uint8Array {
  const bytes = Array.from(`${line}\r`, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x80 ? code : 0x3f;
  });
  const out = new Uint8Array(EVENT_HEADER_LENGTH + bytes.length);
  new DataView(out.buffer).setUint16(0, out.length);
  out[2] = EVENT_TYPE.asciiConsoleData;
  out.set(bytes, EVENT_HEADER_LENGTH);
  return out;
}
