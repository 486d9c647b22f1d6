import { DescriptorChain, type Segment } from './descriptor-chain';
import type { RingMemory } from './ring-memory';

/*
 * A split virtqueue in guest storage (reference/domain-architecture.md §9.5): descriptor table
 * (16 bytes each: addr, len, flags, next), available ring (flags, idx, ring[N]) written by the
 * driver, used ring (flags, idx, {id, len}[N]) written by the device.
 */

const DESC_F_NEXT = 1;
const DESC_F_WRITE = 2;
const DESC_F_INDIRECT = 4;
const DESC_SIZE = 16;
/** Available-ring flag: the driver does not want an interruption for used buffers. */
const AVAIL_F_NO_INTERRUPT = 1;

/** The driver broke a ring rule; the transport answers with DEVICE_NEEDS_RESET (virtio 1.x §2.1.2). */
export class VirtqueueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VirtqueueError';
  }
}

/** Where the three parts of a queue are (guest absolute addresses) and its size. */
export interface QueueLayout {
  readonly size: number;
  readonly desc: number;
  readonly avail: number;
  readonly used: number;
}

/** The legacy (revision 0) layout: one area, the used ring at the next `align` boundary (§9.5). */
export function legacyLayout(queue: number, size: number, align: number): QueueLayout {
  const avail = queue + DESC_SIZE * size;
  const used = Math.ceil((avail + 6 + 2 * size) / align) * align;
  return { size, desc: queue, avail, used };
}

/** Bytes of each part, for the range checks of SET_VQ. */
export function layoutFits(layout: QueueLayout, storageSize: number): boolean {
  const { size, desc, avail, used } = layout;
  return (
    desc + DESC_SIZE * size <= storageSize &&
    avail + 6 + 2 * size <= storageSize &&
    used + 6 + 8 * size <= storageSize
  );
}

export class SplitVirtqueue {
  /** Free-running index of the next available-ring entry to take (mod 2^16). */
  private lastAvail = 0;
  /** The device's copy of used.idx (mod 2^16); only the device writes that field. */
  private usedIndex = 0;
  /** Used elements added since `takePushed` last looked: whether the driver needs a notification. */
  private pushed = 0;

  constructor(
    readonly memory: RingMemory,
    readonly layout: QueueLayout,
    /** VIRTIO_F_INDIRECT_DESC was negotiated. */
    private readonly indirectAllowed: boolean,
  ) {}

  get littleEndian(): boolean {
    return this.memory.littleEndian;
  }

  /** The next available request, or null when the driver has made none available. */
  pop(): DescriptorChain | null {
    const { avail, size } = this.layout;
    const availIndex = this.memory.u16(avail + 2);
    if (availIndex === this.lastAvail) return null;
    if (((availIndex - this.lastAvail) & 0xffff) > size) {
      throw new VirtqueueError(
        `available index ${availIndex} ran more than ${size} ahead of ${this.lastAvail}`,
      );
    }
    const head = this.memory.u16(avail + 4 + 2 * (this.lastAvail % size));
    this.lastAvail = (this.lastAvail + 1) & 0xffff;
    return this.walk(head);
  }

  /** Returns request `head` to the driver with `written` bytes written into its writable buffers. */
  push(head: number, written: number): void {
    const { used, size } = this.layout;
    const element = used + 4 + 8 * (this.usedIndex % size);
    this.memory.setU32(element, head);
    this.memory.setU32(element + 4, written);
    // The element is complete before the index that publishes it moves (§9.5 device loop).
    this.usedIndex = (this.usedIndex + 1) & 0xffff;
    this.memory.setU16(used + 2, this.usedIndex);
    this.pushed++;
  }

  /** Whether used buffers were added since the last call and the driver wants to hear about them. */
  takeNotification(): boolean {
    const any = this.pushed > 0;
    this.pushed = 0;
    return any && (this.memory.u16(this.layout.avail) & AVAIL_F_NO_INTERRUPT) === 0;
  }

  /**
   * Follows a chain from `head`: NEXT links within the table, an INDIRECT head descriptor switching
   * to a table of its own (QEMU's rule: indirect only at the head, never nested, never with NEXT).
   * A chain longer than its table is a loop.
   */
  private walk(head: number): DescriptorChain {
    const { memory } = this;
    const storageSize = memory.storage.size;
    let table = this.layout.desc;
    let tableSize = this.layout.size;
    if (head >= tableSize)
      throw new VirtqueueError(`head descriptor ${head} beyond the queue size ${tableSize}`);
    const readable: Segment[] = [];
    const writable: Segment[] = [];
    let index = head;
    let count = 0;
    let indirect = false;
    for (;;) {
      const d = table + DESC_SIZE * index;
      const address = memory.address(d);
      const length = memory.u32(d + 8);
      const flags = memory.u16(d + 12);
      if ((flags & DESC_F_INDIRECT) !== 0) {
        if (!this.indirectAllowed) throw new VirtqueueError('indirect descriptor without INDIRECT_DESC');
        if (indirect || count > 0) throw new VirtqueueError('indirect descriptor inside a chain');
        if ((flags & DESC_F_NEXT) !== 0) throw new VirtqueueError('indirect descriptor with NEXT');
        if (length === 0 || length % DESC_SIZE !== 0) {
          throw new VirtqueueError(`indirect table length ${length} is not a multiple of ${DESC_SIZE}`);
        }
        if (address + length > storageSize) throw new VirtqueueError('indirect table beyond storage');
        table = address;
        tableSize = length / DESC_SIZE;
        index = 0;
        indirect = true;
        continue;
      }
      if (++count > tableSize) throw new VirtqueueError('descriptor chain loops');
      if (address + length > storageSize) throw new VirtqueueError('descriptor buffer beyond storage');
      if ((flags & DESC_F_WRITE) !== 0) writable.push({ address, length });
      else if (writable.length > 0)
        throw new VirtqueueError('device-readable descriptor after a writable one');
      else readable.push({ address, length });
      if ((flags & DESC_F_NEXT) === 0) break;
      index = memory.u16(d + 14);
      if (index >= tableSize)
        throw new VirtqueueError(`next descriptor ${index} beyond the table (${tableSize})`);
    }
    return new DescriptorChain(head, memory.storage, readable, writable);
  }
}
