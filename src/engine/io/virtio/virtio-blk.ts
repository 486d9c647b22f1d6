import { ConfigSpace } from './config-space';
import type { DiskImage } from './disk-image';
import { type SplitVirtqueue, VirtqueueError } from './split-virtqueue';
import type { VirtioDeviceModel } from './virtio-device-model';

/*
 * virtio-blk (device id 2, reference/domain-architecture.md §9.6): one request queue; a request is
 * a 16-byte header { type, reserved, sector } the device reads, data buffers, and a status byte the
 * device writes last. Sectors are 512 bytes whatever the block size.
 */

export const VIRTIO_ID_BLOCK = 2;
export const SECTOR_SIZE = 512;

export const BLK_T_IN = 0;
export const BLK_T_OUT = 1;
export const BLK_T_FLUSH = 4;
export const BLK_T_GET_ID = 8;
export const BLK_S_OK = 0;
export const BLK_S_IOERR = 1;
export const BLK_S_UNSUPP = 2;

/** Feature bits (word 0). */
export const BLK_F_SEG_MAX = 1 << 2;
export const BLK_F_RO = 1 << 5;
export const BLK_F_BLK_SIZE = 1 << 6;
export const BLK_F_FLUSH = 1 << 9;

const QUEUE_SIZE = 128;
const HEADER_SIZE = 16;
/** GET_ID answers a 20-byte serial, NUL-padded (not terminated when all 20 are used). */
const ID_BYTES = 20;
/** capacity(8) size_max(4) seg_max(4) geometry(4) blk_size(4). */
const CONFIG_SIZE = 24;

export interface VirtioBlkOptions {
  readonly readOnly?: boolean;
  /** The GET_ID serial (at most 20 ASCII characters used). */
  readonly serial?: string;
}

export class VirtioBlk implements VirtioDeviceModel {
  readonly deviceId = VIRTIO_ID_BLOCK;
  readonly kind = 'virtio-blk';
  readonly features: number;
  readonly queueSizes = [QUEUE_SIZE];
  readonly readOnly: boolean;
  private readonly serial: Uint8Array;
  /** Requests completed, by type, for the page and the tests. */
  readonly counts = { read: 0, write: 0, flush: 0, getId: 0, errors: 0 };

  constructor(
    readonly image: DiskImage,
    options: VirtioBlkOptions = {},
  ) {
    this.readOnly = options.readOnly ?? false;
    this.features = BLK_F_SEG_MAX | BLK_F_BLK_SIZE | BLK_F_FLUSH | (this.readOnly ? BLK_F_RO : 0);
    this.serial = new Uint8Array(ID_BYTES);
    const text = options.serial ?? 'ZVLAB-VIRTIO-BLK';
    for (let i = 0; i < Math.min(text.length, ID_BYTES); i++) this.serial[i] = text.charCodeAt(i) & 0x7f;
  }

  /** Capacity in 512-byte sectors (a partial last sector is not addressable). */
  get capacity(): number {
    return Math.floor(this.image.sizeBytes / SECTOR_SIZE);
  }

  readConfig(littleEndian: boolean): Uint8Array {
    return new ConfigSpace(CONFIG_SIZE, littleEndian)
      .u64(0, this.capacity)
      .u32(12, QUEUE_SIZE - 2)
      .u32(20, SECTOR_SIZE).bytes;
  }

  /** The block configuration has no driver-writable field that matters here (writeback is not offered). */
  writeConfig(): void {}

  reset(): void {}

  process(_queue: number, vq: SplitVirtqueue): void {
    for (let chain = vq.pop(); chain !== null; chain = vq.pop()) {
      if (chain.readableLength < HEADER_SIZE || chain.writableLength < 1) {
        throw new VirtqueueError('virtio-blk request without header or status byte');
      }
      const header = ConfigSpace.of(chain.read(0, HEADER_SIZE), vq.littleEndian);
      const type = header.readU32(0);
      const sector = header.readU64(8);
      const dataIn = chain.writableLength - 1;
      let written = 0;
      let status: number;
      switch (type) {
        case BLK_T_IN: {
          const data = this.inRange(sector, dataIn) ? this.image.read(sector * SECTOR_SIZE, dataIn) : null;
          if (data === null) {
            status = BLK_S_IOERR;
            break;
          }
          written = chain.write(0, data);
          status = BLK_S_OK;
          this.counts.read++;
          break;
        }
        case BLK_T_OUT: {
          const length = chain.readableLength - HEADER_SIZE;
          const ok =
            !this.readOnly &&
            this.inRange(sector, length) &&
            this.image.write(sector * SECTOR_SIZE, chain.read(HEADER_SIZE, length));
          status = ok ? BLK_S_OK : BLK_S_IOERR;
          if (ok) this.counts.write++;
          break;
        }
        case BLK_T_FLUSH:
          // The image is in memory: every completed write is already where a flush would put it.
          status = BLK_S_OK;
          this.counts.flush++;
          break;
        case BLK_T_GET_ID:
          written = chain.write(0, this.serial.subarray(0, Math.min(ID_BYTES, dataIn)));
          status = BLK_S_OK;
          this.counts.getId++;
          break;
        default:
          status = BLK_S_UNSUPP;
      }
      if (status !== BLK_S_OK) this.counts.errors++;
      chain.write(chain.writableLength - 1, Uint8Array.of(status));
      vq.push(chain.head, written + 1);
    }
  }

  /** Whole sectors, all within the capacity (QEMU's sector-range check). */
  private inRange(sector: number, length: number): boolean {
    return length % SECTOR_SIZE === 0 && sector + length / SECTOR_SIZE <= this.capacity;
  }
}
