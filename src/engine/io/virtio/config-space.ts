/**
 * Builds and reads a device configuration space in the negotiated byte order: little-endian for a
 * virtio 1.x driver, big-endian (the guest's order) for a legacy one (§9).
 */
export class ConfigSpace {
  readonly bytes: Uint8Array;
  private readonly view: DataView;

  constructor(
    size: number,
    readonly littleEndian: boolean,
  ) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  static of(bytes: Uint8Array, littleEndian: boolean): ConfigSpace {
    const space = new ConfigSpace(bytes.length, littleEndian);
    space.bytes.set(bytes);
    return space;
  }

  u32(offset: number, value: number): this {
    this.view.setUint32(offset, value >>> 0, this.littleEndian);
    return this;
  }

  /** A 64-bit field from a number below 2^53. */
  u64(offset: number, value: number): this {
    const high = Math.floor(value / 0x1_0000_0000);
    const low = value - high * 0x1_0000_0000;
    this.u32(offset + (this.littleEndian ? 4 : 0), high);
    this.u32(offset + (this.littleEndian ? 0 : 4), low);
    return this;
  }

  readU32(offset: number): number {
    return this.view.getUint32(offset, this.littleEndian);
  }

  /** A 64-bit field as a number; 2^53 and beyond as Infinity (never a valid sector or address). */
  readU64(offset: number): number {
    const high = this.readU32(offset + (this.littleEndian ? 4 : 0));
    const low = this.readU32(offset + (this.littleEndian ? 0 : 4));
    return high >= 0x20_0000 ? Number.POSITIVE_INFINITY : high * 0x1_0000_0000 + low;
  }
}
