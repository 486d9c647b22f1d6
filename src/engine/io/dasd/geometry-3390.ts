/**
 * 3390 geometry and the track-capacity formula (reference/domain-architecture.md §7.1; the values
 * are those of IBM's 3390 and Hercules' dasdtab). Every 3390 model has 15 tracks per cylinder and the
 * same track format; the models differ only in the number of cylinders and the model byte.
 */

export type Model3390 = 1 | 2 | 3 | 9;

export interface Geometry3390 {
  readonly model: Model3390;
  /** Device model byte (SENSE ID byte 6, Read Device Characteristics byte 5). */
  readonly modelByte: number;
  /** Device type code (Read Device Characteristics byte 11). */
  readonly typeCode: number;
  readonly cylinders: number;
}

export const MODELS_3390: Readonly<Record<Model3390, Geometry3390>> = {
  1: { model: 1, modelByte: 0x02, typeCode: 0x26, cylinders: 1113 },
  2: { model: 2, modelByte: 0x06, typeCode: 0x27, cylinders: 2226 },
  3: { model: 3, modelByte: 0x0a, typeCode: 0x24, cylinders: 3339 },
  9: { model: 9, modelByte: 0x0c, typeCode: 0x32, cylinders: 10017 },
};

export const HEADS_3390 = 15;
/** Largest data length of one record on a track (R1, no key). */
export const MAX_RECORD_3390 = 56_664;
/** Largest data length of record 0. */
export const MAX_R0_3390 = 57_326;
/** Physical track length in bytes (1729 cells of 34 bytes). */
export const TRACK_LENGTH_3390 = 58_786;
/** Bytes the home address and a standard record 0 occupy. */
export const HA_R0_LENGTH_3390 = 1428;
export const SECTORS_3390 = 224;
/** Formula-2 factors f1..f6 (Read Device Characteristics bytes 23-27 and 48). */
export const FACTORS_3390 = [34, 19, 9, 6, 116, 6] as const;
/** Rotational position sensing factor (Read Device Characteristics bytes 49-50). */
export const RPS_FACTOR_3390 = 0x7708;

const CELL = 34;

function roundCells(bytes: number): number {
  return Math.ceil(bytes / CELL) * CELL;
}

/**
 * Bytes of track a user record (R1 and up) with this key and data length takes: the count area in
 * cells plus, with a key, the key area; data and key grow by 6 bytes of ECC per 232-byte chunk.
 */
export function recordSpace(keyLength: number, dataLength: number): number {
  const [f1, f2, f3] = FACTORS_3390;
  const d = Math.ceil((dataLength + 6) / 232);
  const countAndData = roundCells(f1 * f2 + dataLength + 6 + 6 * d);
  if (keyLength === 0) return countAndData;
  const k = Math.ceil((keyLength + 6) / 232);
  return countAndData + roundCells(f1 * f3 + keyLength + 6 + 6 * k);
}

/** How many equal records fit on one track (56 664 → 1, 4096 → 12, 80 → 78). */
export function recordsPerTrack(keyLength: number, dataLength: number): number {
  return Math.floor(TRACK_LENGTH_3390 / recordSpace(keyLength, dataLength));
}

/**
 * Whether user records of these sizes fit on one track together. Record 0 does not count: the
 * 3390's track length already excludes the home address and a standard R0.
 */
export function recordsFit(sizes: readonly { keyLength: number; dataLength: number }[]): boolean {
  let used = 0;
  for (const s of sizes) used += recordSpace(s.keyLength, s.dataLength);
  return used <= TRACK_LENGTH_3390;
}
