import { FRAME_SIZE, KEY_CHANGE, KEY_REFERENCE, type MainStorage } from '../../arch/main-storage';
import { CCW_IDA, type Ccw } from './ccw';
import type { Orb } from './orb';
import { SCH_PROGRAM_CHECK, SCH_PROTECTION_CHECK } from './scsw';

/**
 * The channel's view of main storage (reference/domain-architecture.md §6.4): absolute addresses,
 * the ORB key for key-controlled protection, reference and change bits, and the data areas of CCWs
 * with or without indirect data addressing (format-1 IDAWs: 31-bit, 2 KiB blocks; format-2 IDAWs:
 * 64-bit, 4 KiB blocks or 2 KiB with the ORB T bit).
 */

/** A channel-detected error: ends the channel program with this subchannel status. Never leaves the channel. */
export class ChannelCheck {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {}
}

/** A piece of a CCW's data area, in transfer order. Backward pieces run from `address` downwards. */
export interface Segment {
  readonly address: number;
  readonly length: number;
  readonly backward: boolean;
}

export class ChannelStorage {
  constructor(
    readonly storage: MainStorage,
    readonly key: number,
  ) {}

  private frameFor(address: number, store: boolean): number {
    if (!(address >= 0 && address < this.storage.size)) {
      throw new ChannelCheck(SCH_PROGRAM_CHECK, `address ${address.toString(16)} beyond storage`);
    }
    const frame = Math.floor(address / FRAME_SIZE);
    const st = this.storage;
    if (store ? !st.storeAllowed(frame, this.key) : !st.fetchAllowed(frame, this.key)) {
      throw new ChannelCheck(SCH_PROTECTION_CHECK, `key ${this.key} may not access ${address.toString(16)}`);
    }
    st.keys[frame] |= store ? KEY_REFERENCE | KEY_CHANGE : KEY_REFERENCE;
    return frame;
  }

  /** A word in one frame (CCWs and IDAWs are aligned, so they never cross one). */
  fetchWord(address: number): number {
    this.frameFor(address, false);
    this.frameFor(address + 3, false);
    return this.storage.readU32(address);
  }

  /** Fetches `length` bytes of the segments (write and control data). */
  gather(segments: readonly Segment[], length: number): Uint8Array {
    const out = new Uint8Array(length);
    let done = 0;
    for (const s of segments) {
      if (done === length) break;
      const n = Math.min(s.length, length - done);
      if (s.backward) {
        for (let i = 0; i < n; i++) {
          this.frameFor(s.address - i, false);
          out[done + i] = this.storage.readU8(s.address - i);
        }
      } else {
        // One key check per frame, then the bytes of that frame at once.
        for (let i = 0; i < n; ) {
          const a = s.address + i;
          const k = Math.min(n - i, FRAME_SIZE - (a % FRAME_SIZE));
          this.frameFor(a, false);
          out.set(this.storage.read(a, k), done + i);
          i += k;
        }
      }
      done += n;
    }
    return out;
  }

  /** Stores `data[from, from + n)` into one segment (read data). Bytes before a failing frame stay stored. */
  scatter(segment: Segment, data: Uint8Array, from: number, n: number): void {
    if (segment.backward) {
      for (let i = 0; i < n; i++) {
        this.frameFor(segment.address - i, true);
        this.storage.writeU8(segment.address - i, data[from + i]);
      }
      return;
    }
    for (let i = 0; i < n; ) {
      const a = segment.address + i;
      const k = Math.min(n - i, FRAME_SIZE - (a % FRAME_SIZE));
      this.frameFor(a, true);
      this.storage.write(a, data.subarray(from + i, from + i + k));
      i += k;
    }
  }

  /**
   * The data area of one CCW as segments covering its count. Without IDA: one piece at the CCW's
   * address. With IDA the address designates a list of IDAWs; the first may point anywhere, every
   * further one must start a block (end one, reading backward).
   */
  dataArea(ccw: Ccw, orb: Orb, backward: boolean): Segment[] {
    if ((ccw.flags & CCW_IDA) === 0) return [{ address: ccw.address, length: ccw.count, backward }];
    const wide = orb.format2Idaws;
    const block = wide && !orb.idaw2k ? 4096 : 2048;
    const size = wide ? 8 : 4;
    if (ccw.address % size !== 0) {
      throw new ChannelCheck(SCH_PROGRAM_CHECK, `IDAW list ${ccw.address.toString(16)} not aligned`);
    }
    const segments: Segment[] = [];
    let left = ccw.count;
    let at = ccw.address;
    while (left > 0) {
      const address = wide ? this.fetchWideIdaw(at) : this.fetchIdaw(at);
      const offset = address % block;
      if (segments.length > 0 && offset !== (backward ? block - 1 : 0)) {
        throw new ChannelCheck(SCH_PROGRAM_CHECK, `IDAW ${address.toString(16)} not on a block boundary`);
      }
      const length = Math.min(left, backward ? offset + 1 : block - offset);
      segments.push({ address, length, backward });
      left -= length;
      at += size;
    }
    return segments;
  }

  private fetchIdaw(at: number): number {
    const idaw = this.fetchWord(at);
    if (idaw >= 0x8000_0000) throw new ChannelCheck(SCH_PROGRAM_CHECK, `IDAW ${idaw.toString(16)} bit 0 set`);
    return idaw;
  }

  private fetchWideIdaw(at: number): number {
    const hi = this.fetchWord(at);
    const lo = this.fetchWord(at + 4);
    const address = hi * 0x1_0000_0000 + lo;
    if (address >= this.storage.size) {
      throw new ChannelCheck(SCH_PROGRAM_CHECK, `IDAW ${address.toString(16)} beyond storage`);
    }
    return address;
  }
}
