import type { CkdRecord } from './ckd-record';
import { withCylinder } from './ckd-record';
import type { CkdTrackStore } from './ckd-volume';

/**
 * A z/VM-style minidisk (reference/domain-architecture.md §7.4): `cylinders` contiguous cylinders of a
 * real volume starting at `startCylinder`, seen by the guest as a small volume whose cylinder 0 is the
 * real cylinder `startCylinder`. Count fields on the real volume carry real cylinder numbers (as when
 * CP translates WRITE CKD), so the cylinder is added on the way in and taken off on the way out.
 * The device model checks every cylinder against `cylinders`, exactly as against a real volume's end.
 */
export class Minidisk implements CkdTrackStore {
  constructor(
    readonly volume: CkdTrackStore,
    readonly startCylinder: number,
    readonly cylinders: number,
  ) {
    if (
      !Number.isInteger(startCylinder) ||
      startCylinder < 0 ||
      !Number.isInteger(cylinders) ||
      cylinders < 1
    ) {
      throw new RangeError(`minidisk: bad extent start ${startCylinder}, ${cylinders} cylinders`);
    }
    if (startCylinder + cylinders > volume.cylinders) {
      throw new RangeError(
        `minidisk: cylinders ${startCylinder}-${startCylinder + cylinders - 1} are beyond the volume's ` +
          `${volume.cylinders} cylinders`,
      );
    }
  }

  get model() {
    return this.volume.model;
  }

  get heads(): number {
    return this.volume.heads;
  }

  readTrack(cyl: number, head: number): readonly CkdRecord[] {
    return this.volume
      .readTrack(this.real(cyl), head)
      .map((r) => withCylinder(r, r.cyl - this.startCylinder));
  }

  writeTrack(cyl: number, head: number, records: readonly CkdRecord[]): void {
    this.volume.writeTrack(
      this.real(cyl),
      head,
      records.map((r) => withCylinder(r, r.cyl + this.startCylinder)),
    );
  }

  private real(cyl: number): number {
    if (!Number.isInteger(cyl) || cyl < 0 || cyl >= this.cylinders) {
      throw new RangeError(`cylinder ${cyl} is outside the minidisk (0-${this.cylinders - 1})`);
    }
    return cyl + this.startCylinder;
  }
}
