import { isAutoSkip, isProtected } from './field-attribute';
import type { ScreenSize } from './screen-models';

/**
 * Character set of a position. Both APL values show the same glyphs; they differ inbound, where
 * (as x3270 does in field reply mode) only characters written with Graphic Escape are sent with a
 * GE in front.
 */
export const CHARSET = { base: 0, graphicEscape: 1, aplAttribute: 2 } as const;

/**
 * The display's character buffer: per position an EBCDIC character or a field attribute, and the
 * extended attributes (highlighting, foreground, background, character set). At a field attribute
 * position the extended attributes are the field's; at a character position they are the
 * character's own (0 = inherit from the field). Sized for the largest screen of the model; `size`
 * is the part in use (24×80 after Erase/Write, the alternate size after Erase/Write Alternate).
 */
export class ScreenBuffer {
  rows: number;
  columns: number;
  size: number;
  readonly chars: Uint8Array;
  /** 1 where the position holds a field attribute. */
  readonly isField: Uint8Array;
  /** The field attribute byte (low six bits) where `isField` is 1. */
  readonly attribute: Uint8Array;
  readonly highlight: Uint8Array;
  readonly foreground: Uint8Array;
  readonly background: Uint8Array;
  /** One of the CHARSET values: base, APL by Graphic Escape, APL by a character-set attribute. */
  readonly charset: Uint8Array;

  constructor(capacity: number, size: ScreenSize) {
    this.chars = new Uint8Array(capacity);
    this.isField = new Uint8Array(capacity);
    this.attribute = new Uint8Array(capacity);
    this.highlight = new Uint8Array(capacity);
    this.foreground = new Uint8Array(capacity);
    this.background = new Uint8Array(capacity);
    this.charset = new Uint8Array(capacity);
    this.rows = size.rows;
    this.columns = size.columns;
    this.size = size.rows * size.columns;
  }

  /** Nulls every position, removes every field, and switches to `size`. */
  erase(size: ScreenSize): void {
    if (size.rows * size.columns > this.chars.length) throw new RangeError('screen size beyond the buffer');
    for (const array of [
      this.chars,
      this.isField,
      this.attribute,
      this.highlight,
      this.foreground,
      this.background,
      this.charset,
    ]) {
      array.fill(0);
    }
    this.rows = size.rows;
    this.columns = size.columns;
    this.size = size.rows * size.columns;
  }

  next(address: number): number {
    return address + 1 === this.size ? 0 : address + 1;
  }

  previous(address: number): number {
    return address === 0 ? this.size - 1 : address - 1;
  }

  /** Writes a character, replacing a field attribute there if there was one. */
  putChar(
    address: number,
    byte: number,
    charset: number,
    highlight = 0,
    foreground = 0,
    background = 0,
  ): void {
    this.chars[address] = byte;
    this.isField[address] = 0;
    this.attribute[address] = 0;
    this.charset[address] = charset;
    this.highlight[address] = highlight;
    this.foreground[address] = foreground;
    this.background[address] = background;
  }

  /** Writes a field attribute; the field's extended attributes start at their defaults. */
  putField(address: number, fa: number): void {
    this.chars[address] = 0;
    this.isField[address] = 1;
    this.attribute[address] = fa & 0x3f;
    this.charset[address] = 0;
    this.highlight[address] = 0;
    this.foreground[address] = 0;
    this.background[address] = 0;
  }

  /** True when at least one field attribute is in the buffer. */
  isFormatted(): boolean {
    for (let a = 0; a < this.size; a++) if (this.isField[a]) return true;
    return false;
  }

  /** The address of the field attribute governing `address` (itself if it is one), or -1 if unformatted. */
  fieldAttributeAddress(address: number): number {
    let a = address;
    for (let n = 0; n < this.size; n++) {
      if (this.isField[a]) return a;
      a = this.previous(a);
    }
    return -1;
  }

  /** The field attribute governing `address`; an unformatted screen behaves as one unprotected field. */
  fieldAttributeAt(address: number): number {
    const fa = this.fieldAttributeAddress(address);
    return fa < 0 ? 0 : this.attribute[fa];
  }

  /** True for a character position the operator may change (not an attribute, not protected). */
  isUnprotectedData(address: number): boolean {
    if (this.isField[address]) return false;
    return !isProtected(this.fieldAttributeAt(address));
  }

  /**
   * The first data position of the next unprotected field after `from` (a search that starts at
   * `from` itself when `inclusive`), wrapping at most once; -1 when there is none.
   */
  nextUnprotectedField(from: number, inclusive = false): number {
    let a = inclusive ? from : this.next(from);
    for (let n = 0; n < this.size; n++) {
      if (this.isField[a] && !isProtected(this.attribute[a])) {
        const data = this.next(a);
        if (!this.isField[data]) return data;
      }
      a = this.next(a);
    }
    return -1;
  }

  /** The address just past the field that `address` is in: the next field attribute (wrapping). */
  fieldEnd(address: number): number {
    let a = this.next(address);
    for (let n = 0; n < this.size; n++) {
      if (this.isField[a]) return a;
      a = this.next(a);
    }
    return address;
  }

  /** Resets the MDT bit of every field; with `unprotectedOnly` only of unprotected fields. */
  resetModified(unprotectedOnly = false): void {
    for (let a = 0; a < this.size; a++) {
      if (!this.isField[a]) continue;
      if (unprotectedOnly && isProtected(this.attribute[a])) continue;
      this.attribute[a] &= ~0x01;
    }
  }

  /** True when the field attribute at `address` makes the cursor jump over the field. */
  isSkipField(address: number): boolean {
    return this.isField[address] === 1 && isAutoSkip(this.attribute[address]);
  }
}
