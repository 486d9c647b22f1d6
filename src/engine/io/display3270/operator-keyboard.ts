import { FORMAT_CONTROL } from './data-stream-codes';
import { FA, isAutoSkip, isNumeric, isProtected } from './field-attribute';
import type { ScreenBuffer } from './screen-buffer';

/**
 * The operator's editing keys of a 3278 (what the keyboard does locally, before any AID key sends
 * the screen to the host). Each returns why a key was refused, the way the terminal shows it in
 * its operator information area ("X PROT", "X NUM", "X >" for a full field in insert mode).
 */
export type KeyResult = 'ok' | 'locked' | 'inhibited' | OperatorError;

/**
 * An operator error inhibits input (the terminal shows "X" and the reason) until Reset, or, as
 * x3270 does it, until a cursor-movement key (Tab, Backtab, Home, arrows) or Erase Input.
 */
export type OperatorError = 'protected' | 'numeric' | 'overflow';

/** What the editing keys act on. */
export interface KeyboardTarget {
  readonly buffer: ScreenBuffer;
  cursor: number;
  insertMode: boolean;
  readonly numericLock: boolean;
}

/** EBCDIC bytes a numeric field accepts with the numeric-lock feature: 0–9, '.', '-' and DUP. */
function isNumericAllowed(byte: number): boolean {
  return (
    (byte >= 0xf0 && byte <= 0xf9) || byte === 0x4b || byte === 0x60 || byte === FORMAT_CONTROL.duplicate
  );
}

/** Why the position cannot take input, or undefined when it can. */
function inputRefusal(buffer: ScreenBuffer, address: number): OperatorError | undefined {
  if (!buffer.isFormatted()) return undefined;
  if (buffer.isField[address] || isProtected(buffer.fieldAttributeAt(address))) return 'protected';
  return undefined;
}

/** The address just past the editable stretch at `address`: the next attribute, or the buffer end. */
function editEnd(buffer: ScreenBuffer, address: number): number {
  if (!buffer.isFormatted()) return buffer.size;
  const end = buffer.fieldEnd(address);
  return end > address ? end : end + buffer.size;
}

function setModified(buffer: ScreenBuffer, address: number): void {
  const fa = buffer.fieldAttributeAddress(address);
  if (fa >= 0) buffer.attribute[fa] |= FA.modified;
}

/** Copies one position's character and character attributes to another. */
function moveCell(buffer: ScreenBuffer, from: number, to: number): void {
  buffer.putChar(
    to,
    buffer.chars[from],
    buffer.charset[from],
    buffer.highlight[from],
    buffer.foreground[from],
    buffer.background[from],
  );
}

/** Types one EBCDIC character at the cursor. */
export function typeCharacter(target: KeyboardTarget, byte: number): KeyResult {
  const { buffer } = target;
  const cursor = target.cursor;
  const refusal = inputRefusal(buffer, cursor);
  if (refusal) return refusal;
  if (
    target.numericLock &&
    buffer.isFormatted() &&
    isNumeric(buffer.fieldAttributeAt(cursor)) &&
    !isNumericAllowed(byte)
  ) {
    return 'numeric';
  }
  if (target.insertMode) {
    const end = editEnd(buffer, cursor);
    const last = (end - 1) % buffer.size;
    if (buffer.chars[last] !== 0) return 'overflow';
    for (let a = end - 1; a > cursor; a--) moveCell(buffer, (a - 1) % buffer.size, a % buffer.size);
  }
  buffer.putChar(cursor, byte, 0);
  setModified(buffer, cursor);
  let next = buffer.next(cursor);
  // Past the field's last position the cursor does not rest on the next attribute: an auto-skip
  // attribute sends it on to the next input field, any other to the position after the attribute.
  if (buffer.isField[next]) {
    const input = isAutoSkip(buffer.attribute[next]) ? buffer.nextUnprotectedField(next) : -1;
    next = input >= 0 ? input : buffer.next(next);
  }
  target.cursor = next;
  return 'ok';
}

/** Tab: the first position of the next unprotected field (address 0 on a screen without one). */
export function tab(target: KeyboardTarget): void {
  const { buffer } = target;
  const found = buffer.nextUnprotectedField(target.cursor, buffer.isField[target.cursor] === 1);
  target.cursor = Math.max(found, 0);
}

/** Backtab: the start of the current input field, or else of the previous one. */
export function backtab(target: KeyboardTarget): void {
  const { buffer } = target;
  if (!buffer.isFormatted()) {
    target.cursor = 0;
    return;
  }
  let a = buffer.previous(target.cursor);
  for (let n = 0; n < buffer.size; n++) {
    const data = buffer.next(a);
    if (
      buffer.isField[a] &&
      !isProtected(buffer.attribute[a]) &&
      !buffer.isField[data] &&
      data !== target.cursor
    ) {
      target.cursor = data;
      return;
    }
    a = buffer.previous(a);
  }
}

/** Home: the first position of the first unprotected field, or address 0. */
export function home(target: KeyboardTarget): void {
  const found = target.buffer.nextUnprotectedField(0, true);
  target.cursor = Math.max(found, 0);
}

/** New Line: the first input position at or after the start of the next row. */
export function newLine(target: KeyboardTarget): void {
  const { buffer } = target;
  const row = Math.floor(target.cursor / buffer.columns);
  const start = ((row + 1) * buffer.columns) % buffer.size;
  if (!buffer.isFormatted() || buffer.isUnprotectedData(start)) {
    target.cursor = start;
    return;
  }
  const found = buffer.nextUnprotectedField(start, true);
  target.cursor = Math.max(found, 0);
}

export type CursorDirection = 'up' | 'down' | 'left' | 'right';

/** The arrow keys: move one position, wrapping around the screen. */
export function moveCursor(target: KeyboardTarget, direction: CursorDirection): void {
  const { buffer } = target;
  const size = buffer.size;
  const delta = { up: -buffer.columns, down: buffer.columns, left: -1, right: 1 }[direction];
  target.cursor = (target.cursor + delta + size) % size;
}

/** Erase EOF: nulls from the cursor to the end of the field (of the screen when unformatted). */
export function eraseToEndOfField(target: KeyboardTarget): KeyResult {
  const { buffer } = target;
  const refusal = inputRefusal(buffer, target.cursor);
  if (refusal) return refusal;
  const end = editEnd(buffer, target.cursor);
  for (let a = target.cursor; a < end; a++) buffer.putChar(a % buffer.size, 0, 0);
  setModified(buffer, target.cursor);
  return 'ok';
}

/** Erase Input: nulls every input position, resets the MDTs of input fields, cursor home. */
export function eraseInput(target: KeyboardTarget): void {
  const { buffer } = target;
  for (let a = 0; a < buffer.size; a++) if (buffer.isUnprotectedData(a)) buffer.putChar(a, 0, 0);
  buffer.resetModified(true);
  home(target);
}

/** Delete: removes the character at the cursor, closing up the rest of the field with a null. */
export function deleteCharacter(target: KeyboardTarget): KeyResult {
  const { buffer } = target;
  const refusal = inputRefusal(buffer, target.cursor);
  if (refusal) return refusal;
  const end = editEnd(buffer, target.cursor);
  for (let a = target.cursor; a < end - 1; a++) moveCell(buffer, (a + 1) % buffer.size, a % buffer.size);
  buffer.putChar((end - 1) % buffer.size, 0, 0);
  setModified(buffer, target.cursor);
  return 'ok';
}
