import { MainStorage } from '../../../../src/engine/arch/main-storage';
import type { CcwCommand, DeviceContext } from '../../../../src/engine/io/channel/ccw-device';
import type { VirtioCcwDevice } from '../../../../src/engine/io/virtio/virtio-ccw-device';

/**
 * Test side of virtio-ccw without a channel subsystem: commands go straight to `execute`, the
 * context records the interruptions a device asks for, and `DriverQueue` lays out a split ring in
 * guest storage the way a driver does.
 */
export interface RecordingContext extends DeviceContext {
  readonly unsolicitedCalls: number[];
  readonly adapterCalls: number[];
}

export function recordingContext(storage = new MainStorage(1 << 20)): RecordingContext {
  const unsolicitedCalls: number[] = [];
  const adapterCalls: number[] = [];
  return {
    devno: 0x0100,
    storage,
    unsolicited: (status) => unsolicitedCalls.push(status),
    now: () => 0,
    after: () => {},
    adapterInterruption: (isc) => adapterCalls.push(isc),
    unsolicitedCalls,
    adapterCalls,
  };
}

export function command(code: number, data: Uint8Array | number[] = [], count?: number): CcwCommand {
  const bytes = data instanceof Uint8Array ? data : Uint8Array.from(data);
  return { code, count: count ?? bytes.length, data: bytes, first: true, chained: false };
}

/** A big-endian byte image of fields: [value, bytes] pairs. */
export function be(...fields: [number | bigint, number][]): Uint8Array {
  const out: number[] = [];
  for (const [value, size] of fields) {
    const v = BigInt(value);
    for (let i = size - 1; i >= 0; i--) out.push(Number((v >> BigInt(8 * i)) & 0xffn));
  }
  return Uint8Array.from(out);
}

export function le32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
}

export function readLe32(b: Uint8Array, o = 0): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

export const UNIT_CHECK_DONE = 0x0e;
export const DONE = 0x0c;

/** The sense byte 0 a SENSE returns now (0x80 after a command reject). */
export function senseByte(device: VirtioCcwDevice): number {
  return device.execute(command(0x04, [], 32)).data?.[0] ?? -1;
}

/** Fields of a revision >= 1 SET_VQ payload. */
export function vqInfo(desc: number, index: number, size: number, avail: number, used: number): Uint8Array {
  return be([desc, 8], [0, 4], [index, 2], [size, 2], [avail, 8], [used, 8]);
}

/** A driver's view of one split ring in guest storage, little-endian (virtio 1.x) or big-endian (legacy). */
export class DriverQueue {
  private availIndex = 0;

  constructor(
    readonly storage: MainStorage,
    readonly size: number,
    readonly desc: number,
    readonly avail: number,
    readonly used: number,
    readonly littleEndian = true,
  ) {}

  /** The legacy contiguous layout at `base` with 4096 alignment. */
  static legacy(storage: MainStorage, base: number, size: number): DriverQueue {
    const avail = base + 16 * size;
    const used = Math.ceil((avail + 6 + 2 * size) / 4096) * 4096;
    return new DriverQueue(storage, size, base, avail, used, false);
  }

  private put(a: number, v: number, bytes: number): void {
    for (let i = 0; i < bytes; i++) {
      const shift = this.littleEndian ? 8 * i : 8 * (bytes - 1 - i);
      this.storage.writeU8(a + i, Number((BigInt(v) >> BigInt(shift)) & 0xffn));
    }
  }

  private get(a: number, bytes: number): number {
    let v = 0;
    for (let i = 0; i < bytes; i++) {
      const b = this.storage.readU8(a + i);
      v += b * 2 ** (this.littleEndian ? 8 * i : 8 * (bytes - 1 - i));
    }
    return v;
  }

  /** Writes descriptor `i` of the table at `table` (default: the ring's own). */
  descriptor(i: number, address: number, length: number, flags: number, next = 0, table = this.desc): void {
    const d = table + 16 * i;
    this.put(d, address, 8);
    this.put(d + 8, length, 4);
    this.put(d + 12, flags, 2);
    this.put(d + 14, next, 2);
  }

  /** Makes chain `head` available. */
  offer(head: number): void {
    this.put(this.avail + 4 + 2 * (this.availIndex % this.size), head, 2);
    this.availIndex = (this.availIndex + 1) & 0xffff;
    this.put(this.avail + 2, this.availIndex, 2);
  }

  /** Sets the available ring's flags (1 = NO_INTERRUPT). */
  availFlags(flags: number): void {
    this.put(this.avail, flags, 2);
  }

  /** Moves avail.idx without ring entries (to break the rules). */
  forceAvailIndex(index: number): void {
    this.availIndex = index;
    this.put(this.avail + 2, index, 2);
  }

  usedIndex(): number {
    return this.get(this.used + 2, 2);
  }

  usedElement(i: number): { id: number; len: number } {
    const e = this.used + 4 + 8 * (i % this.size);
    return { id: this.get(e, 4), len: this.get(e + 4, 4) };
  }
}

export const F_NEXT = 1;
export const F_WRITE = 2;
export const F_INDIRECT = 4;

/** Where `initialize` puts the classic indicators and the adapter areas. */
export const QUEUE_INDICATOR = 0x9000;
export const CONFIG_INDICATOR = 0x9008;
export const SUMMARY_INDICATOR = 0x9010;
export const ADAPTER_INDICATORS = 0x9018;

export interface InitOptions {
  readonly revision?: number;
  readonly notification?: 'classic' | 'adapter';
  readonly features0?: number;
}

/**
 * The driver initialization sequence of §9.3 by direct commands; every step must end in channel
 * end + device end. Queues in `queues` are set up by their position.
 */
export function initialize(device: VirtioCcwDevice, queues: DriverQueue[], options: InitOptions = {}): void {
  const revision = options.revision ?? 1;
  const ok = (c: CcwCommand) => {
    const outcome = device.execute(c);
    if (outcome.status !== DONE) throw new Error(`command ${c.code.toString(16)} ended ${outcome.status}`);
    return outcome;
  };
  ok(command(0x83, be([revision, 2], [0, 2])));
  ok(command(0x33));
  ok(command(0x31, [1]));
  ok(command(0x31, [3]));
  const f0 = readLe32(ok(command(0x12, [0, 0, 0, 0, 0])).data!);
  const f1 = readLe32(ok(command(0x12, [0, 0, 0, 0, 1])).data!);
  ok(command(0x11, [...le32(options.features0 ?? f0), 0]));
  ok(command(0x11, [...le32(f1), 1]));
  ok(command(0x31, [11]));
  queues.forEach((q, index) => {
    if (q.littleEndian) ok(command(0x13, vqInfo(q.desc, index, q.size, q.avail, q.used)));
    else ok(command(0x13, be([q.desc, 8], [4096, 4], [index, 2], [q.size, 2])));
  });
  if (options.notification === 'adapter') {
    ok(command(0x73, be([SUMMARY_INDICATOR, 8], [ADAPTER_INDICATORS, 8], [0, 8], [3, 1])));
  } else {
    ok(command(0x43, be([QUEUE_INDICATOR, 8])));
  }
  ok(command(0x53, be([CONFIG_INDICATOR, 8])));
  ok(command(0x31, [15]));
}
