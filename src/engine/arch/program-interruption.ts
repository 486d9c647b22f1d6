/** Program interruption codes stored at 0x8E (reference/domain-architecture.md §3.6). */
export const PGM_OPERATION = 0x01;
export const PGM_PRIVILEGED_OPERATION = 0x02;
export const PGM_EXECUTE = 0x03;
export const PGM_PROTECTION = 0x04;
export const PGM_ADDRESSING = 0x05;
export const PGM_SPECIFICATION = 0x06;
export const PGM_DATA = 0x07;
export const PGM_FIXED_POINT_OVERFLOW = 0x08;
export const PGM_FIXED_POINT_DIVIDE = 0x09;
export const PGM_DECIMAL_OVERFLOW = 0x0a;
export const PGM_DECIMAL_DIVIDE = 0x0b;
export const PGM_SEGMENT_TRANSLATION = 0x10;
export const PGM_PAGE_TRANSLATION = 0x11;
export const PGM_TRANSLATION_SPECIFICATION = 0x12;
export const PGM_SPECIAL_OPERATION = 0x13;
export const PGM_OPERAND = 0x15;
export const PGM_ASCE_TYPE = 0x38;
export const PGM_REGION_FIRST = 0x39;
export const PGM_REGION_SECOND = 0x3a;
export const PGM_REGION_THIRD = 0x3b;

/**
 * Nullifying exceptions leave the old PSW pointing at the failing instruction; all others
 * (suppression, completion) point past it. The rule of §3.5: the translation family and the
 * trace-table exception nullify.
 */
export function programCodeNullifies(code: number): boolean {
  const c = code & 0x7f;
  return c === 0x10 || c === 0x11 || c === 0x16 || (c >= 0x38 && c <= 0x3b) || (c >= 0x20 && c <= 0x2f);
}

/**
 * Thrown (one shared object, no allocation) by a handler to raise a program interruption; the code
 * is left in `Cpu.pendingProgramCode`. The run loop catches it and performs the interruption.
 */
export const PROGRAM_INTERRUPTION: { readonly kind: 'program-interruption' } = Object.freeze({
  kind: 'program-interruption',
});

/**
 * Thrown (one shared object) by a handler or a storage access to leave `Cpu.run` at once without an
 * interruption: the instruction at `iaCur` is nullified (the PSW points at it again) and the CPU
 * stops. SIE (arch/sie) uses it for interceptions and for guest pages that are not resident.
 */
export const RUN_EXIT: { readonly kind: 'run-exit' } = Object.freeze({ kind: 'run-exit' });
