import type { MainStorage } from '../../arch/main-storage';

/** One guest buffer of a descriptor chain: absolute address and length, already range-checked. */
export interface Segment {
  readonly address: number;
  readonly length: number;
}

/**
 * A request as the driver laid it out: the device-readable buffers, then the device-writable ones
 * (virtio 1.x §2.7.4: readable descriptors come first). The device reads its input as one byte
 * stream over `readable` and writes its answer as one stream over `writable`.
 */
export class DescriptorChain {
  readonly readableLength: number;
  readonly writableLength: number;

  constructor(
    /** Index of the head descriptor: what the used ring gives back. */
    readonly head: number,
    private readonly storage: MainStorage,
    readonly readable: readonly Segment[],
    readonly writable: readonly Segment[],
  ) {
    this.readableLength = total(readable);
    this.writableLength = total(writable);
  }

  /** Up to `length` bytes of the readable stream from `offset` (fewer where the stream ends). */
  read(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, Math.min(length, this.readableLength - offset)));
    let skip = offset;
    let done = 0;
    for (const s of this.readable) {
      if (done === out.length) break;
      if (skip >= s.length) {
        skip -= s.length;
        continue;
      }
      const n = Math.min(s.length - skip, out.length - done);
      out.set(this.storage.read(s.address + skip, n), done);
      done += n;
      skip = 0;
    }
    return out;
  }

  /** Writes `bytes` into the writable stream at `offset`; returns how many fitted. */
  write(offset: number, bytes: Uint8Array): number {
    const fit = Math.max(0, Math.min(bytes.length, this.writableLength - offset));
    let skip = offset;
    let done = 0;
    for (const s of this.writable) {
      if (done === fit) break;
      if (skip >= s.length) {
        skip -= s.length;
        continue;
      }
      const n = Math.min(s.length - skip, fit - done);
      this.storage.write(s.address + skip, bytes.subarray(done, done + n));
      done += n;
      skip = 0;
    }
    return fit;
  }
}

function total(segments: readonly Segment[]): number {
  let n = 0;
  for (const s of segments) n += s.length;
  return n;
}
