import { type AssembleOptions, assemble, formatErrors } from '../../../src/engine/asm/assembler';

/** Object bytes of a source as hex, or its errors as FILE:LINE:COL lines (file 'src.s'). */
export function hexOf(source: string, options: AssembleOptions = {}): string {
  const r = assemble(source, options);
  return r.ok ? Buffer.from(r.bytes).toString('hex') : formatErrors(r.errors, 'src.s');
}

/** Errors of a source as FILE:LINE:COL lines. */
export function errorsOf(source: string): string[] {
  const r = assemble(source);
  return formatErrors(r.errors, 'src.s').trimEnd().split('\n').filter(Boolean);
}
