/**
 * Main storage: byte-addressable absolute storage of a configured size, big-endian, sparse.
 * 4 KiB frames are allocated on first write; a frame never written reads as zeros, so an ELF loader
 * may put segments anywhere in a large configuration without paying for the holes.
 *
 * Each frame also carries a storage key (reference/domain-architecture.md §4.6): ACC (0xF0),
 * F fetch-protect (0x08), R reference (0x04), C change (0x02). Key checks are made by the accessor
 * (CPU or channel) through `fetchAllowed`/`storeAllowed`; this class only keeps the keys.
 *
 * Addresses are JS numbers (exact below 2^53). 64-bit values travel as two 32-bit halves.
 */
export const FRAME_SHIFT = 12;
export const FRAME_SIZE = 1 << FRAME_SHIFT;
const FRAME_MASK = FRAME_SIZE - 1;

export const KEY_ACC = 0xf0;
export const KEY_FETCH_PROTECT = 0x08;
export const KEY_REFERENCE = 0x04;
export const KEY_CHANGE = 0x02;

/** An access beyond the configured storage size: program interruption 0x05 for a CPU, a program check for a channel. */
export class AddressingException extends Error {
  constructor(readonly address: number) {
    super(`addressing exception at ${address.toString(16)}`);
    this.name = 'AddressingException';
  }
}

/** Told about every store into a frame marked as holding decoded instructions (absolute address, length). */
export type CodeWriteListener = (address: number, length: number) => void;

/**
 * Supplies the frames of a storage that does not own its bytes (a SIE guest's view of host frames,
 * arch/sie/guest-storage.ts). Asked on the first access to a frame; it returns the bytes the frame
 * aliases, or throws to end the access (a guest page that is not resident).
 */
export interface FrameSource {
  frame(index: number): Uint8Array;
}

const ZERO_FRAME = new Uint8Array(FRAME_SIZE);
/** Frames are carved from 64 KiB segments, so moves between nearby frames are one copyWithin. */
const SEGMENT_SHIFT = 16;
const FRAMES_PER_SEGMENT = 1 << (SEGMENT_SHIFT - FRAME_SHIFT);
const SEGMENT_FRAME_SHIFT = SEGMENT_SHIFT - FRAME_SHIFT;

export class MainStorage {
  readonly size: number;
  readonly frameCount: number;
  /** Storage key per 4 KiB frame. */
  readonly keys: Uint8Array;
  /** Nonzero for frames that hold decoded instructions; stores into them tell `codeListener`. */
  readonly codeFrames: Uint8Array;
  codeListener: CodeWriteListener | null = null;
  /** Where frames come from when this storage aliases another's (null: it allocates its own). */
  frameSource: FrameSource | null = null;
  /**
   * Counts changes that invalidate what accessors cache about a frame: keys set or reset, frames
   * allocated, frames becoming code. CPUs compare it before using their one-page access caches.
   */
  epoch = 0;
  private readonly frames: (Uint8Array | undefined)[];
  private readonly segments: (Uint8Array | undefined)[];
  /** Largest address + 1 for which a 32-bit fast path is valid (size clipped to 2^32). */
  private readonly fastLimit: number;

  constructor(sizeBytes: number) {
    if (!Number.isInteger(sizeBytes) || sizeBytes <= 0 || sizeBytes % FRAME_SIZE !== 0) {
      throw new RangeError(`storage size must be a positive multiple of ${FRAME_SIZE}, got ${sizeBytes}`);
    }
    this.size = sizeBytes;
    this.frameCount = sizeBytes / FRAME_SIZE;
    this.frames = new Array(this.frameCount);
    this.segments = new Array(Math.ceil(this.frameCount / FRAMES_PER_SEGMENT));
    this.keys = new Uint8Array(this.frameCount);
    this.codeFrames = new Uint8Array(this.frameCount);
    this.fastLimit = Math.min(sizeBytes, 0x1_0000_0000);
  }

  /** Frames allocated so far (for the snapshot and the tests of sparseness). */
  get allocatedFrames(): number {
    let n = 0;
    for (const f of this.frames) if (f !== undefined) n++;
    return n;
  }

  /** The frame's bytes for reading: a shared zero frame when never written. */
  frameForRead(frame: number): Uint8Array {
    return this.frames[frame] ?? this.sourced(frame) ?? ZERO_FRAME;
  }

  /** The frame's bytes for writing, allocated on first use. */
  frameForWrite(frame: number): Uint8Array {
    let f = this.frames[frame] ?? this.sourced(frame);
    if (f === undefined) {
      const index = Math.floor(frame / FRAMES_PER_SEGMENT);
      let segment = this.segments[index];
      if (segment === undefined) {
        const frames = Math.min(FRAMES_PER_SEGMENT, this.frameCount - index * FRAMES_PER_SEGMENT);
        segment = new Uint8Array(frames * FRAME_SIZE);
        this.segments[index] = segment;
      }
      const start = (frame - index * FRAMES_PER_SEGMENT) * FRAME_SIZE;
      f = segment.subarray(start, start + FRAME_SIZE);
      this.frames[frame] = f;
      this.epoch++;
    }
    return f;
  }

  /** A frame not in the table yet: taken from the frame source (and kept), or undefined without one. */
  private sourced(frame: number): Uint8Array | undefined {
    const source = this.frameSource;
    if (source === null) return undefined;
    const f = source.frame(frame);
    this.frames[frame] = f;
    this.epoch++;
    return f;
  }

  /** Forgets a frame taken from the frame source, with its decoded instructions; the next access asks again. */
  dropFrame(frame: number): void {
    if (this.frames[frame] === undefined) return;
    this.frames[frame] = undefined;
    this.epoch++;
    if (this.codeFrames[frame] !== 0) this.codeListener?.(frame * FRAME_SIZE, FRAME_SIZE);
  }

  /**
   * MVC within storage, by frame numbers and offsets, for frames already checked: left to right, so a
   * destination one byte above the source propagates the first byte (§2.2).
   */
  moveFrames(dframe: number, dof: number, sframe: number, so: number, n: number): void {
    const d = this.frameForWrite(dframe);
    if (this.frameSource === null && sframe >>> SEGMENT_FRAME_SHIFT === dframe >>> SEGMENT_FRAME_SHIFT) {
      // Both frames are views of one segment of this storage: copyWithin over it (no view is created).
      const segment = this.segments[dframe >>> SEGMENT_FRAME_SHIFT] as Uint8Array;
      const dst = ((dframe & (FRAMES_PER_SEGMENT - 1)) << FRAME_SHIFT) + dof;
      const src = ((sframe & (FRAMES_PER_SEGMENT - 1)) << FRAME_SHIFT) + so;
      if (dst > src && dst < src + n) for (let i = 0; i < n; i++) segment[dst + i] = segment[src + i];
      else segment.copyWithin(dst, src, src + n);
      return;
    }
    const s = this.frameForRead(sframe);
    if (d === s) {
      if (dof > so && dof < so + n) for (let i = 0; i < n; i++) d[dof + i] = d[so + i];
      else d.copyWithin(dof, so, so + n);
    } else if (n <= 16) for (let i = 0; i < n; i++) d[dof + i] = s[so + i];
    else d.set(s.subarray(so, so + n), dof);
  }

  check(address: number, length: number): void {
    if (!(address >= 0 && address + length <= this.size)) throw new AddressingException(address);
  }

  // ---- bulk access (loaders, channel programs, the debugger) ----

  load(address: number, bytes: Uint8Array): void {
    this.write(address, bytes);
  }

  write(address: number, bytes: Uint8Array): void {
    this.check(address, bytes.length);
    let done = 0;
    while (done < bytes.length) {
      const a = address + done;
      const frame = Math.floor(a / FRAME_SIZE);
      const off = a - frame * FRAME_SIZE;
      const n = Math.min(FRAME_SIZE - off, bytes.length - done);
      this.frameForWrite(frame).set(bytes.subarray(done, done + n), off);
      if (this.codeFrames[frame] !== 0) this.codeListener?.(a, n);
      done += n;
    }
  }

  read(address: number, length: number): Uint8Array {
    this.check(address, length);
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const a = address + done;
      const frame = Math.floor(a / FRAME_SIZE);
      const off = a - frame * FRAME_SIZE;
      const n = Math.min(FRAME_SIZE - off, length - done);
      const f = this.frames[frame] ?? this.sourced(frame);
      if (f !== undefined) out.set(f.subarray(off, off + n), done);
      done += n;
    }
    return out;
  }

  /** Fills [address, address+length) with one byte value. */
  fill(address: number, length: number, value: number): void {
    this.check(address, length);
    for (let i = 0; i < length; i++) this.writeU8(address + i, value);
  }

  // ---- scalar access, big-endian, no allocation on reads ----

  readU8(a: number): number {
    if (!(a >= 0 && a < this.size)) throw new AddressingException(a);
    const frame = Math.floor(a / FRAME_SIZE);
    const f = this.frames[frame] ?? this.sourced(frame);
    return f === undefined ? 0 : f[a & FRAME_MASK];
  }

  writeU8(a: number, v: number): void {
    if (!(a >= 0 && a < this.size)) throw new AddressingException(a);
    const frame = Math.floor(a / FRAME_SIZE);
    this.frameForWrite(frame)[a & FRAME_MASK] = v;
    if (this.codeFrames[frame] !== 0) this.codeListener?.(a, 1);
  }

  readU16(a: number): number {
    const o = a & FRAME_MASK;
    if (o <= FRAME_SIZE - 2 && a >= 0 && a + 2 <= this.fastLimit) {
      const f = this.frames[a >>> FRAME_SHIFT];
      if (f !== undefined) return (f[o] << 8) | f[o + 1];
    }
    return (this.readU8(a) << 8) | this.readU8(a + 1);
  }

  writeU16(a: number, v: number): void {
    const o = a & FRAME_MASK;
    if (o <= FRAME_SIZE - 2 && a >= 0 && a + 2 <= this.fastLimit) {
      const frame = a >>> FRAME_SHIFT;
      const f = this.frames[frame] ?? this.frameForWrite(frame);
      f[o] = v >>> 8;
      f[o + 1] = v;
      if (this.codeFrames[frame] !== 0) this.codeListener?.(a, 2);
      return;
    }
    this.check(a, 2);
    this.writeU8(a, v >>> 8);
    this.writeU8(a + 1, v);
  }

  /** 32-bit big-endian word as a signed int32 (what a register half holds). */
  readS32(a: number): number {
    const o = a & FRAME_MASK;
    if (o <= FRAME_SIZE - 4 && a >= 0 && a + 4 <= this.fastLimit) {
      const f = this.frames[a >>> FRAME_SHIFT];
      if (f !== undefined) return (f[o] << 24) | (f[o + 1] << 16) | (f[o + 2] << 8) | f[o + 3];
    }
    this.check(a, 4);
    return (
      (this.readU8(a) << 24) | (this.readU8(a + 1) << 16) | (this.readU8(a + 2) << 8) | this.readU8(a + 3)
    );
  }

  readU32(a: number): number {
    return this.readS32(a) >>> 0;
  }

  writeU32(a: number, v: number): void {
    const o = a & FRAME_MASK;
    if (o <= FRAME_SIZE - 4 && a >= 0 && a + 4 <= this.fastLimit) {
      const frame = a >>> FRAME_SHIFT;
      const f = this.frames[frame] ?? this.frameForWrite(frame);
      f[o] = v >>> 24;
      f[o + 1] = v >>> 16;
      f[o + 2] = v >>> 8;
      f[o + 3] = v;
      if (this.codeFrames[frame] !== 0) this.codeListener?.(a, 4);
      return;
    }
    this.check(a, 4);
    this.writeU8(a, v >>> 24);
    this.writeU8(a + 1, v >>> 16);
    this.writeU8(a + 2, v >>> 8);
    this.writeU8(a + 3, v);
  }

  /** A doubleword as a BigInt: for tools and tests, never the CPU's hot path. */
  readU64(a: number): bigint {
    return (BigInt(this.readU32(a)) << 32n) | BigInt(this.readU32(a + 4));
  }

  writeU64(a: number, v: bigint): void {
    this.writeU32(a, Number((v >> 32n) & 0xffffffffn));
    this.writeU32(a + 4, Number(v & 0xffffffffn));
  }

  /**
   * Copies n bytes left to right, one byte at a time in effect: a destination one byte past the source
   * propagates a byte (the MVC idiom, §2.2). Each range must lie within one frame and be in bounds.
   */
  copyForward(d: number, s: number, n: number): void {
    const sframe = Math.floor(s / FRAME_SIZE);
    const dframe = Math.floor(d / FRAME_SIZE);
    const dst = this.frameForWrite(dframe);
    const segIndex = Math.floor(sframe / FRAMES_PER_SEGMENT);
    const src = this.frames[sframe] ?? this.sourced(sframe);
    const seg = this.segments[segIndex];
    if (src === undefined) {
      dst.fill(0, d - dframe * FRAME_SIZE, d - dframe * FRAME_SIZE + n);
    } else if (seg !== undefined && segIndex === Math.floor(dframe / FRAMES_PER_SEGMENT)) {
      const base = segIndex * FRAMES_PER_SEGMENT * FRAME_SIZE;
      const so = s - base;
      const dof = d - base;
      if (dof > so && dof < so + n) {
        for (let i = 0; i < n; i++) seg[dof + i] = seg[so + i];
      } else seg.copyWithin(dof, so, so + n);
    } else {
      const so = s - sframe * FRAME_SIZE;
      const dof = d - dframe * FRAME_SIZE;
      if (n <= 16) for (let i = 0; i < n; i++) dst[dof + i] = src[so + i];
      else dst.set(src.subarray(so, so + n), dof);
    }
    if (this.codeFrames[dframe] !== 0) this.codeListener?.(d, n);
  }

  // ---- storage keys (§4.6) ----

  getKey(address: number): number {
    this.check(address, 1);
    return this.keys[Math.floor(address / FRAME_SIZE)];
  }

  setKey(address: number, key: number): void {
    this.check(address, 1);
    this.keys[Math.floor(address / FRAME_SIZE)] = key & 0xfe;
    this.epoch++;
  }

  /** Key-controlled protection for a fetch with access key `key` (0-15): K = 0, K = ACC, or F = 0. */
  fetchAllowed(frame: number, key: number): boolean {
    const k = this.keys[frame];
    return key === 0 || (k & KEY_FETCH_PROTECT) === 0 || k >>> 4 === key;
  }

  /** Key-controlled protection for a store: K = 0 or K = ACC. */
  storeAllowed(frame: number, key: number): boolean {
    return key === 0 || this.keys[frame] >>> 4 === key;
  }
}
