/**
 * The storage behind a virtio-blk device: a byte-addressed image of a fixed size. Reads and writes
 * come from the guest already range-checked against `sizeBytes`; a failure the image itself finds
 * (a qcow2 cluster kind it cannot read) is `null`/`false`, which the device reports as IOERR.
 */
export interface DiskImage {
  /** "raw" or "qcow2", for the page. */
  readonly format: string;
  readonly sizeBytes: number;
  read(offset: number, length: number): Uint8Array | null;
  write(offset: number, bytes: Uint8Array): boolean;
}

/** A raw image: the bytes themselves, in memory. */
export class RawImage implements DiskImage {
  readonly format = 'raw';
  readonly bytes: Uint8Array;

  /** A zero-filled image of `sizeBytes`, or the given bytes (kept, not copied). */
  constructor(source: number | Uint8Array) {
    this.bytes = typeof source === 'number' ? new Uint8Array(source) : source;
  }

  get sizeBytes(): number {
    return this.bytes.length;
  }

  read(offset: number, length: number): Uint8Array {
    return this.bytes.slice(offset, offset + length);
  }

  write(offset: number, bytes: Uint8Array): boolean {
    this.bytes.set(bytes, offset);
    return true;
  }
}
