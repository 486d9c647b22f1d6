import type { DiskImage } from './disk-image';

/*
 * Reading a qcow2 image (QEMU's docs/interop/qcow2.txt): a big-endian header, an L1 table of
 * pointers to L2 tables, and L2 entries that point to the host cluster of each guest cluster.
 * Refcounts are not needed for reading. The file is never modified: guest writes go to an
 * in-memory overlay of whole clusters (copy on first write), as if the image were opened with a
 * temporary snapshot. Compressed clusters need zlib inflation, which the engine does not carry:
 * reading one fails, and the device reports IOERR.
 */

const QCOW_MAGIC = 0x514649fb;
/** Incompatible feature bit 0: the image was not closed cleanly; harmless for reading. */
const INCOMPAT_DIRTY = 1;
/** Bits 9-55 of an L1 or L2 entry: the host offset. */
const OFFSET_HIGH_MASK = 0x00ff_ffff;
const OFFSET_LOW_MASK = 0xffff_fe00;
/** L2 entry bit 62: compressed cluster. */
const L2_COMPRESSED_HIGH = 0x4000_0000;
/** L2 entry bit 0 (version 3): the cluster reads as zeros. */
const L2_ZERO_LOW = 1;

/** A qcow2 file this reader cannot use: the message says what and why (for the person who gave it). */
export class Qcow2FormatError extends Error {
  constructor(message: string) {
    super(`qcow2: ${message}`);
    this.name = 'Qcow2FormatError';
  }
}

export class Qcow2Image implements DiskImage {
  readonly format = 'qcow2';
  readonly sizeBytes: number;
  readonly version: number;
  readonly clusterSize: number;
  private readonly view: DataView;
  private readonly clusterBits: number;
  private readonly l2Bits: number;
  private readonly l1Offset: number;
  private readonly l1Size: number;
  /** Guest clusters the guest has written: cluster index → contents. */
  private readonly overlay = new Map<number, Uint8Array>();

  constructor(private readonly file: Uint8Array) {
    if (file.length < 72) throw new Qcow2FormatError(`file of ${file.length} bytes is shorter than a header`);
    this.view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    if (this.view.getUint32(0) !== QCOW_MAGIC) throw new Qcow2FormatError('no QFI\\xfb magic');
    this.version = this.view.getUint32(4);
    if (this.version !== 2 && this.version !== 3)
      throw new Qcow2FormatError(`version ${this.version} (2 or 3 expected)`);
    if (this.u64(8) !== 0) throw new Qcow2FormatError('backing files are not supported');
    this.clusterBits = this.view.getUint32(20);
    if (this.clusterBits < 9 || this.clusterBits > 21) {
      throw new Qcow2FormatError(`cluster_bits ${this.clusterBits} (9-21 expected)`);
    }
    this.clusterSize = 2 ** this.clusterBits;
    this.l2Bits = this.clusterBits - 3;
    this.sizeBytes = this.u64(24);
    if (this.view.getUint32(32) !== 0) throw new Qcow2FormatError('encrypted images are not supported');
    this.l1Size = this.view.getUint32(36);
    this.l1Offset = this.u64(40);
    if (this.version === 3) {
      if (file.length < 104) throw new Qcow2FormatError('version 3 header is truncated');
      const incompatible = this.u64(72);
      if (incompatible > INCOMPAT_DIRTY) {
        throw new Qcow2FormatError(`incompatible features 0x${incompatible.toString(16)} are not supported`);
      }
    }
    const needed = Math.ceil(this.sizeBytes / 2 ** (this.clusterBits + this.l2Bits));
    if (this.l1Size < needed)
      throw new Qcow2FormatError(`L1 table of ${this.l1Size} entries, ${needed} needed`);
    if (this.l1Offset + 8 * this.l1Size > file.length)
      throw new Qcow2FormatError('L1 table beyond the end of the file');
  }

  read(offset: number, length: number): Uint8Array | null {
    const out = new Uint8Array(length);
    for (let done = 0; done < length; ) {
      const at = offset + done;
      const cluster = Math.floor(at / this.clusterSize);
      const within = at - cluster * this.clusterSize;
      const n = Math.min(this.clusterSize - within, length - done);
      const contents = this.cluster(cluster);
      if (contents === null) return null;
      out.set(contents.subarray(within, within + n), done);
      done += n;
    }
    return out;
  }

  write(offset: number, bytes: Uint8Array): boolean {
    for (let done = 0; done < bytes.length; ) {
      const at = offset + done;
      const cluster = Math.floor(at / this.clusterSize);
      const within = at - cluster * this.clusterSize;
      const n = Math.min(this.clusterSize - within, bytes.length - done);
      let contents = this.overlay.get(cluster);
      if (contents === undefined) {
        const original = this.cluster(cluster);
        if (original === null) return false;
        contents = original.slice();
        this.overlay.set(cluster, contents);
      }
      contents.set(bytes.subarray(done, done + n), within);
      done += n;
    }
    return true;
  }

  /** Guest clusters written since the image was opened. */
  get overlaidClusters(): number {
    return this.overlay.size;
  }

  /** The contents of guest cluster `index` (a view, not to be modified), or null when unreadable. */
  private cluster(index: number): Uint8Array | null {
    const written = this.overlay.get(index);
    if (written !== undefined) return written;
    const l2Entries = 2 ** this.l2Bits;
    const l1Index = Math.floor(index / l2Entries);
    const l2Table = this.entryOffset(this.l1Offset + 8 * l1Index);
    if (l2Table === 0) return new Uint8Array(this.clusterSize);
    const l2Entry = l2Table + 8 * (index % l2Entries);
    if (l2Entry + 8 > this.file.length) return null;
    const high = this.view.getUint32(l2Entry);
    const low = this.view.getUint32(l2Entry + 4);
    if ((high & L2_COMPRESSED_HIGH) !== 0) return null;
    const host = this.entryOffset(l2Entry);
    if (host === 0 || (this.version === 3 && (low & L2_ZERO_LOW) !== 0))
      return new Uint8Array(this.clusterSize);
    if (host + this.clusterSize > this.file.length) return null;
    return this.file.subarray(host, host + this.clusterSize);
  }

  /** The host offset in bits 9-55 of the L1 or L2 entry at `at`. */
  private entryOffset(at: number): number {
    const high = this.view.getUint32(at) & OFFSET_HIGH_MASK;
    const low = this.view.getUint32(at + 4) & OFFSET_LOW_MASK;
    return high * 0x1_0000_0000 + (low >>> 0);
  }

  private u64(at: number): number {
    return this.view.getUint32(at) * 0x1_0000_0000 + this.view.getUint32(at + 4);
  }
}
