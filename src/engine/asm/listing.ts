import type { AssemblyResult } from './assembler';

/**
 * The assembler listing: location, object bytes in hex (8 bytes a line, longer constants continue
 * on following lines), statement number and source, each error under its statement; then the symbol table (name, value, length
 * attribute, section: ABS for absolute symbols).
 */
const BYTES_PER_LINE = 8;

function hexBytes(bytes: readonly number[]): string {
  let s = '';
  for (let k = 0; k < bytes.length; k++) {
    if (k > 0 && k % 2 === 0) s += ' ';
    s += bytes[k].toString(16).toUpperCase().padStart(2, '0');
  }
  return s;
}

function loc(address: number | undefined): string {
  return address === undefined ? '        ' : address.toString(16).toUpperCase().padStart(8, '0');
}

export function formatListing(result: AssemblyResult): string {
  const lines: string[] = ['LOC       OBJECT CODE           STMT  SOURCE'];
  const errorsByLine = new Map<number, string[]>();
  for (const e of result.errors) {
    errorsByLine.set(e.line, [
      ...(errorsByLine.get(e.line) ?? []),
      `** error at column ${e.col}: ${e.message}`,
    ]);
  }
  for (const l of result.listing) {
    const first = l.bytes.slice(0, BYTES_PER_LINE);
    const stmt = l.lineNo === undefined ? '     ' : String(l.lineNo).padStart(5);
    lines.push(`${loc(l.address)}  ${hexBytes(first).padEnd(20)}  ${stmt}  ${l.source}`.trimEnd());
    for (let k = BYTES_PER_LINE; k < l.bytes.length; k += BYTES_PER_LINE) {
      lines.push(`${loc(l.address! + k)}  ${hexBytes(l.bytes.slice(k, k + BYTES_PER_LINE))}`);
    }
    if (l.lineNo !== undefined) lines.push(...(errorsByLine.get(l.lineNo) ?? []));
  }
  lines.push('', 'SYMBOL                            VALUE     LENGTH  SECT');
  for (const s of result.symbols) {
    const value = (s.value < 0 ? s.value + 2 ** 32 : s.value).toString(16).toUpperCase().padStart(8, '0');
    lines.push(
      `${s.name.padEnd(32)}  ${value}  ${String(s.length).padStart(6)}  ${s.sect === 0 ? 'ABS' : s.sect}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
