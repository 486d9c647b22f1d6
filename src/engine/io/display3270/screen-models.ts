/**
 * 3278 display models on a 3274-type control unit (reference/domain-architecture.md §8.7): every
 * model has the 24×80 default size (Erase/Write); Erase/Write Alternate selects the model's own size.
 */
export type DisplayModel = 2 | 3 | 4 | 5;

export interface ScreenSize {
  readonly rows: number;
  readonly columns: number;
}

export const DEFAULT_SIZE: ScreenSize = { rows: 24, columns: 80 };

const ALTERNATE_SIZES: Record<DisplayModel, ScreenSize> = {
  2: { rows: 24, columns: 80 },
  3: { rows: 32, columns: 80 },
  4: { rows: 43, columns: 80 },
  5: { rows: 27, columns: 132 },
};

export function alternateSize(model: DisplayModel): ScreenSize {
  return ALTERNATE_SIZES[model];
}

export function isDisplayModel(value: number): value is DisplayModel {
  return value === 2 || value === 3 || value === 4 || value === 5;
}
