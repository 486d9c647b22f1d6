import type { MainStorage } from '../../arch/main-storage';

/**
 * Guest storage as a virtio device sees it: virtio 1.x rings and payloads are little-endian, a
 * legacy (revision 0) device uses the guest's own byte order, big-endian on s390 (§9, §9.5).
 * Accesses beyond storage throw `AddressingException`; the transport turns that into the
 * device-needs-reset state, never into a host error.
 */
export class RingMemory {
  constructor(
    readonly storage: MainStorage,
    readonly littleEndian: boolean,
  ) {}

  u16(a: number): number {
    const v = this.storage.readU16(a);
    return this.littleEndian ? ((v & 0xff) << 8) | (v >>> 8) : v;
  }

  setU16(a: number, v: number): void {
    this.storage.writeU16(a, this.littleEndian ? ((v & 0xff) << 8) | ((v >>> 8) & 0xff) : v);
  }

  u32(a: number): number {
    const v = this.storage.readU32(a);
    return this.littleEndian ? swap32(v) : v;
  }

  setU32(a: number, v: number): void {
    this.storage.writeU32(a, this.littleEndian ? swap32(v) : v);
  }

  /**
   * A 64-bit guest address as a number. Values of 2^53 and more cannot be an address in a storage
   * of a JS-sized configuration; they come back as Infinity so that the access check fails.
   */
  address(a: number): number {
    const first = this.u32(a);
    const second = this.u32(a + 4);
    const [high, low] = this.littleEndian ? [second, first] : [first, second];
    return high >= 0x20_0000 ? Number.POSITIVE_INFINITY : high * 0x1_0000_0000 + low;
  }
}

function swap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}
