import { Display3278, type Display3278Options } from '../../../src/engine/io/display3270/display-3278';
import { type StreamPart, record } from '../../../src/engine/io/display3270/outbound-builder';
import { screenLines } from '../../../src/engine/io/display3270/screen-render';

export const RESTORE = 0xc3;
export const at = (row: number, col: number, cols = 80): number => row * cols + col;

/** A display after one Erase/Write of `parts` with keyboard restore and reset MDT. */
export function written(parts: StreamPart[], options: Display3278Options = {}): Display3278 {
  const display = new Display3278(options);
  const { status } = display.applyRecord(record('erase-write', RESTORE, parts));
  if (status.kind !== 'ok') throw new Error(`setup write failed: ${status.kind}`);
  return display;
}

/** One row of the screen as a person sees it, trailing blanks removed. */
export function row(display: Display3278, n: number): string {
  return screenLines(display.buffer)[n].trimEnd();
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
