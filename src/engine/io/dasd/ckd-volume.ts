import { type CkdRecord, standardR0 } from './ckd-record';
import { HEADS_3390, MAX_R0_3390, MODELS_3390, type Model3390, recordsFit } from './geometry-3390';

/**
 * Where a CKD device reads and writes tracks: a whole volume, or a minidisk (an extent of one).
 * Cylinder numbers here are the ones the guest sees; a track is record 0 followed by the user records.
 */
export interface CkdTrackStore {
  readonly model: Model3390;
  readonly cylinders: number;
  readonly heads: number;
  /** The records of a track, record 0 first. A track never written holds a standard R0 only. */
  readTrack(cyl: number, head: number): readonly CkdRecord[];
  /** Replaces a whole track; the caller has checked that the records fit. */
  writeTrack(cyl: number, head: number, records: readonly CkdRecord[]): void;
}

/** Why a track cannot be written as given. */
export type TrackProblem = 'record 0 missing' | 'record 0 too long' | 'track capacity exceeded';

/** Checks a track image against the 3390 track format (§7.1): R0 first and the records fit. */
export function trackProblem(records: readonly CkdRecord[]): TrackProblem | undefined {
  if (records.length === 0 || records[0].rec !== 0) return 'record 0 missing';
  if (records[0].key.length + records[0].data.length > MAX_R0_3390) return 'record 0 too long';
  const user = records.slice(1).map((r) => ({ keyLength: r.key.length, dataLength: r.data.length }));
  return recordsFit(user) ? undefined : 'track capacity exceeded';
}

/**
 * A 3390 volume (models 1, 2, 3, 9) held as sparse track images: only tracks that were written take
 * memory; every other track reads as a freshly formatted one (home address and standard R0).
 */
export class CkdVolume implements CkdTrackStore {
  readonly model: Model3390;
  readonly cylinders: number;
  readonly heads = HEADS_3390;
  private readonly tracks = new Map<number, readonly CkdRecord[]>();
  /** Counts writes, so a viewer or a saver can tell the volume changed. */
  version = 0;

  constructor(
    model: Model3390,
    /** Volume serial (the VOL1 label's volser), for people: the device does not read it. */
    readonly volser = '',
  ) {
    this.model = model;
    this.cylinders = MODELS_3390[model].cylinders;
  }

  readTrack(cyl: number, head: number): readonly CkdRecord[] {
    return this.tracks.get(this.trackIndex(cyl, head)) ?? [standardR0(cyl, head)];
  }

  writeTrack(cyl: number, head: number, records: readonly CkdRecord[]): void {
    const problem = trackProblem(records);
    if (problem) throw new RangeError(`track ${cyl}/${head}: ${problem}`);
    this.tracks.set(this.trackIndex(cyl, head), records);
    this.version++;
  }

  /**
   * Formats a track with a standard R0 and the given records as R1, R2, … (no keys unless given):
   * what a formatting program's WRITE R0 and WRITE CKD chain leaves behind.
   */
  formatTrack(cyl: number, head: number, records: readonly { key?: Uint8Array; data: Uint8Array }[]): void {
    this.writeTrack(cyl, head, [
      standardR0(cyl, head),
      ...records.map((r, i) => ({ cyl, head, rec: i + 1, key: r.key ?? new Uint8Array(0), data: r.data })),
    ]);
  }

  /** The tracks that were written, in cylinder/head order. */
  writtenTracks(): { cyl: number; head: number; records: readonly CkdRecord[] }[] {
    return [...this.tracks.keys()]
      .sort((a, b) => a - b)
      .map((index) => ({
        cyl: Math.floor(index / this.heads),
        head: index % this.heads,
        records: this.tracks.get(index)!,
      }));
  }

  private trackIndex(cyl: number, head: number): number {
    if (!Number.isInteger(cyl) || cyl < 0 || cyl >= this.cylinders) {
      throw new RangeError(`cylinder ${cyl} is outside the volume (0-${this.cylinders - 1})`);
    }
    if (!Number.isInteger(head) || head < 0 || head >= this.heads) {
      throw new RangeError(`head ${head} is outside the volume (0-${this.heads - 1})`);
    }
    return cyl * this.heads + head;
  }
}
