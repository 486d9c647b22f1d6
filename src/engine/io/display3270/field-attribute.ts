/**
 * The field attribute byte (reference/domain-architecture.md §8.5): only the low six bits count.
 * It occupies a buffer position of its own and shows as a blank.
 */
export const FA = {
  protected: 0x20,
  numeric: 0x10,
  displayMask: 0x0c,
  modified: 0x01,
} as const;

export type FieldIntensity = 'normal' | 'intensified' | 'hidden';

export function isProtected(fa: number): boolean {
  return (fa & FA.protected) !== 0;
}

export function isNumeric(fa: number): boolean {
  return (fa & FA.numeric) !== 0;
}

/** Protected + numeric = auto-skip: the cursor jumps over the field. */
export function isAutoSkip(fa: number): boolean {
  return (fa & (FA.protected | FA.numeric)) === (FA.protected | FA.numeric);
}

export function isModified(fa: number): boolean {
  return (fa & FA.modified) !== 0;
}

/** Display bits: 00/04 normal, 08 intensified, 0C non-display. 04 and 08 are pen-detectable. */
export function intensityOf(fa: number): FieldIntensity {
  switch (fa & FA.displayMask) {
    case 0x08:
      return 'intensified';
    case 0x0c:
      return 'hidden';
    default:
      return 'normal';
  }
}

export function isDetectable(fa: number): boolean {
  const display = fa & FA.displayMask;
  return display === 0x04 || display === 0x08;
}
