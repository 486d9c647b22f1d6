import type { MainStorage } from '../../arch/main-storage';
import type { DeviceContext } from '../channel/ccw-device';

/*
 * Host-to-guest notification (reference/domain-architecture.md §9.4). Both styles set bits in guest
 * storage that the driver reads and clears, then interrupt: a classic indicator doubleword with an
 * unsolicited (alert) I/O interruption on the subchannel, or adapter ("thin") indicators with a
 * summary byte and an adapter interruption on an ISC.
 */

/** Where the device signals used buffers; a configuration change always uses the classic style. */
export interface QueueIndicators {
  signal(queue: number, context: DeviceContext): void;
}

/** SET_IND / SET_CONF_IND: bit `1 << n` of a big-endian doubleword, then alert status. */
export class ClassicIndicator implements QueueIndicators {
  constructor(readonly address: number) {}

  signal(bit: number, context: DeviceContext): void {
    const { storage } = context;
    // Bit n counts from the least significant end: the low word holds bits 0-31.
    const word = bit < 32 ? this.address + 4 : this.address;
    storage.writeU32(word, (storage.readU32(word) | (1 << (bit & 31))) >>> 0);
    context.unsolicited(0);
  }
}

/**
 * SET_IND_ADAPTER: bit `bitNr + queue` of the indicator area, counted from the most significant
 * bit of its first byte; the summary byte becomes 0x01, and only a summary that was 0 raises an
 * adapter interruption (the driver has not yet seen the earlier one).
 */
export class AdapterIndicators implements QueueIndicators {
  constructor(
    readonly summary: number,
    readonly indicator: number,
    readonly bitNr: number,
    readonly isc: number,
  ) {}

  /** The indicator area and summary lie in storage for every queue of a device with `queues` queues. */
  fits(storage: MainStorage, queues: number): boolean {
    const lastByte = this.indicator + Math.floor((this.bitNr + Math.max(queues, 1) - 1) / 8);
    return this.summary < storage.size && lastByte < storage.size;
  }

  signal(queue: number, context: DeviceContext): void {
    const { storage } = context;
    const bit = this.bitNr + queue;
    const byte = this.indicator + Math.floor(bit / 8);
    storage.writeU8(byte, storage.readU8(byte) | (0x80 >>> (bit % 8)));
    const before = storage.readU8(this.summary);
    storage.writeU8(this.summary, before | 0x01);
    if (before === 0) context.adapterInterruption(this.isc);
  }
}
