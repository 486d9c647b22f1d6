import { type AddressingMode, encodeBufferAddress, encodeSixBits } from './buffer-address';
import { isShortReadAid, ORDER } from './data-stream-codes';
import { isModified } from './field-attribute';
import { CHARSET, type ScreenBuffer } from './screen-buffer';

/**
 * Inbound records (reference/domain-architecture.md §8.6): what Read Buffer and Read Modified
 * return, in field reply mode. Characters written with Graphic Escape go inbound behind a GE.
 */

/** Read Buffer: AID, cursor address, then every position; a field attribute as SF + coded byte. */
export function readBufferReply(
  buffer: ScreenBuffer,
  aid: number,
  cursor: number,
  mode: AddressingMode,
): Uint8Array {
  const out: number[] = [aid, ...encodeBufferAddress(cursor, buffer.size, mode)];
  for (let a = 0; a < buffer.size; a++) {
    if (buffer.isField[a]) {
      out.push(ORDER.startField, encodeSixBits(buffer.attribute[a]));
    } else {
      if (buffer.charset[a] === CHARSET.graphicEscape) out.push(ORDER.graphicEscape);
      out.push(buffer.chars[a]);
    }
  }
  return Uint8Array.from(out);
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
): Uint8Array {
  if (isShortReadAid(aid) && !all) return Uint8Array.of(aid);
  const out: number[] = [aid, ...encodeBufferAddress(cursor, buffer.size, mode)];
  const pushData = (a: number): void => {
    if (buffer.chars[a] === 0) return;
    if (buffer.charset[a] === CHARSET.graphicEscape) out.push(ORDER.graphicEscape);
    out.push(buffer.chars[a]);
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
