import { type AddressingMode, encodeBufferAddress, encodeSixBits } from './buffer-address';
import { ATTRIBUTE_TYPE, isShortReadAid, ORDER } from './data-stream-codes';
import { isModified } from './field-attribute';
import { CHARSET, type ScreenBuffer } from './screen-buffer';
import type { ReplyMode } from './structured-fields';

/**
 * Inbound records (reference/domain-architecture.md §8.6): what Read Buffer and Read Modified
 * return. In field reply mode attributes go as SF; in extended-field mode as SFE with their
 * extended attributes; in character mode also SA orders wherever a character's attributes (of the
 * types the host asked for in Set Reply Mode) change. Characters written with Graphic Escape go
 * behind a GE. Pair and SA order as x3270 sends them: foreground, background, highlighting, set.
 */

export interface ReplyFormat {
  readonly mode: ReplyMode;
  /** Character attribute types reported by SA in character mode. */
  readonly characterTypes: readonly number[];
}

export const FIELD_REPLY: ReplyFormat = { mode: 0, characterTypes: [] };

const ATTRIBUTE_ORDER = [
  ATTRIBUTE_TYPE.foreground,
  ATTRIBUTE_TYPE.background,
  ATTRIBUTE_TYPE.highlighting,
  ATTRIBUTE_TYPE.characterSet,
] as const;

/** The value of one extended attribute type at a position (character set as its SA/SFE value). */
function attributeValue(buffer: ScreenBuffer, a: number, type: number): number {
  switch (type) {
    case ATTRIBUTE_TYPE.foreground:
      return buffer.foreground[a];
    case ATTRIBUTE_TYPE.highlighting:
      return buffer.highlight[a];
    case ATTRIBUTE_TYPE.background:
      return buffer.background[a];
    default:
      return buffer.charset[a] === CHARSET.aplAttribute ? 0xf1 : 0;
  }
}

class InboundRecord {
  readonly out: number[] = [];
  private readonly current = new Map<number, number>();

  constructor(
    private readonly buffer: ScreenBuffer,
    private readonly reply: ReplyFormat,
  ) {}

  fieldAttribute(a: number): void {
    const coded = encodeSixBits(this.buffer.attribute[a]);
    if (this.reply.mode === 0) {
      this.out.push(ORDER.startField, coded);
      return;
    }
    const pairs: number[] = [ATTRIBUTE_TYPE.fieldAttribute, coded];
    for (const type of ATTRIBUTE_ORDER) {
      const value = attributeValue(this.buffer, a, type);
      if (value !== 0) pairs.push(type, value);
    }
    this.out.push(ORDER.startFieldExtended, pairs.length / 2, ...pairs);
  }

  character(a: number): void {
    if (this.reply.mode === 2) {
      for (const type of ATTRIBUTE_ORDER) {
        if (!this.reply.characterTypes.includes(type)) continue;
        const value = attributeValue(this.buffer, a, type);
        if ((this.current.get(type) ?? 0) === value) continue;
        this.current.set(type, value);
        this.out.push(ORDER.setAttribute, type, value);
      }
    }
    if (this.buffer.charset[a] === CHARSET.graphicEscape) this.out.push(ORDER.graphicEscape);
    this.out.push(this.buffer.chars[a]);
  }
}

/** Read Buffer: AID, cursor address, then every position, attributes included. */
export function readBufferReply(
  buffer: ScreenBuffer,
  aid: number,
  cursor: number,
  mode: AddressingMode,
  reply: ReplyFormat = FIELD_REPLY,
): Uint8Array {
  const record = new InboundRecord(buffer, reply);
  record.out.push(aid, ...encodeBufferAddress(cursor, buffer.size, mode));
  for (let a = 0; a < buffer.size; a++) {
    if (buffer.isField[a]) record.fieldAttribute(a);
    else record.character(a);
  }
  return Uint8Array.from(record.out);
}

/**
 * Read Modified (and Read Modified All, `all`): after CLEAR or a PA key a short read (the AID
 * alone) unless `all`; otherwise AID, cursor address, and for every field whose MDT is on an SBA to
 * its first data position followed by its data with nulls left out. An unformatted screen sends
 * all its non-null characters after the cursor address, without SBA.
 */
export function readModifiedReply(
  buffer: ScreenBuffer,
  aid: number,
  cursor: number,
  mode: AddressingMode,
  all: boolean,
  reply: ReplyFormat = FIELD_REPLY,
): Uint8Array {
  if (isShortReadAid(aid) && !all) return Uint8Array.of(aid);
  const record = new InboundRecord(buffer, reply);
  const out = record.out;
  out.push(aid, ...encodeBufferAddress(cursor, buffer.size, mode));
  const pushData = (a: number): void => {
    if (buffer.chars[a] !== 0) record.character(a);
  };
  const first = firstFieldAttribute(buffer);
  if (first < 0) {
    for (let a = 0; a < buffer.size; a++) pushData(a);
    return Uint8Array.from(out);
  }
  // Fields in buffer order, starting with the first attribute; the last one may wrap past the end.
  let fa = first;
  do {
    const end = buffer.fieldEnd(fa);
    if (isModified(buffer.attribute[fa])) {
      const start = buffer.next(fa);
      out.push(ORDER.setBufferAddress, ...encodeBufferAddress(start, buffer.size, mode));
      for (let a = start; a !== end; a = buffer.next(a)) pushData(a);
    }
    fa = end;
  } while (fa !== first);
  return Uint8Array.from(out);
}

function firstFieldAttribute(buffer: ScreenBuffer): number {
  for (let a = 0; a < buffer.size; a++) if (buffer.isField[a]) return a;
  return -1;
}
