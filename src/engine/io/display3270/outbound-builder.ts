import { encodeEbcdic } from '../ebcdic-037';
import { SIX_BIT_CODES } from './buffer-address';
import { type Command3270, ccwCode, ORDER, snaCode } from './data-stream-codes';

/**
 * Builds outbound 3270 records from readable parts, for tests, fixtures and host programs written
 * in TypeScript: `record('erase-write', WCC.keyboardRestore, sba(0), sf(0x20), text('HELLO'))`.
 */
export type StreamPart = number | readonly number[] | Uint8Array;

/** An address form: 12-bit coded, 14-bit binary, or 16-bit binary. */
export type AddressForm = 12 | 14 | 16;

export function address(value: number, form: AddressForm = 12): number[] {
  if (form === 16) return [(value >> 8) & 0xff, value & 0xff];
  if (form === 14) return [(value >> 8) & 0x3f, value & 0xff];
  return [SIX_BIT_CODES[(value >> 6) & 0x3f], SIX_BIT_CODES[value & 0x3f]];
}

export const sf = (fa: number): number[] => [ORDER.startField, fa];
export const sfe = (...pairs: [number, number][]): number[] => [
  ORDER.startFieldExtended,
  pairs.length,
  ...pairs.flat(),
];
export const mf = (...pairs: [number, number][]): number[] => [
  ORDER.modifyField,
  pairs.length,
  ...pairs.flat(),
];
export const sba = (value: number, form: AddressForm = 12): number[] => [
  ORDER.setBufferAddress,
  ...address(value, form),
];
export const sa = (type: number, value: number): number[] => [ORDER.setAttribute, type, value];
export const ic = (): number[] => [ORDER.insertCursor];
export const pt = (): number[] => [ORDER.programTab];
export const eua = (value: number, form: AddressForm = 12): number[] => [
  ORDER.eraseUnprotectedToAddress,
  ...address(value, form),
];
/** Repeat to Address; `char` is a one-character string (CP037) or an EBCDIC byte; `apl` puts GE first. */
export const ra = (
  value: number,
  char: string | number,
  options: { form?: AddressForm; apl?: boolean } = {},
) => [
  ORDER.repeatToAddress,
  ...address(value, options.form ?? 12),
  ...(options.apl ? [ORDER.graphicEscape] : []),
  typeof char === 'number' ? char : encodeEbcdic(char)[0],
];
export const ge = (byte: number): number[] => [ORDER.graphicEscape, byte];
export const text = (value: string): number[] => Array.from(encodeEbcdic(value));

/** A whole record: command code (SNA code set unless `ccw`), WCC, then the parts. */
export function record(
  command: Command3270,
  wcc: number | undefined,
  parts: readonly StreamPart[],
  codeSet: 'sna' | 'ccw' = 'sna',
): Uint8Array {
  const bytes: number[] = [codeSet === 'ccw' ? ccwCode(command) : snaCode(command)];
  if (wcc !== undefined) bytes.push(wcc);
  for (const part of parts) {
    if (typeof part === 'number') bytes.push(part);
    else bytes.push(...part);
  }
  return Uint8Array.from(bytes);
}

/** One structured field for Write Structured Field: 2-byte length (counting itself), ID, data. */
export function structuredField(id: number, data: readonly number[]): number[] {
  const length = data.length + 3;
  return [(length >> 8) & 0xff, length & 0xff, id, ...data];
}
