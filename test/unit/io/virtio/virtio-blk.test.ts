import { describe, expect, it } from 'vitest';
import type { MainStorage } from '../../../../src/engine/arch/main-storage';
import { RawImage } from '../../../../src/engine/io/virtio/disk-image';
import { VirtioBlk, type VirtioBlkOptions } from '../../../../src/engine/io/virtio/virtio-blk';
import { VirtioCcwDevice } from '../../../../src/engine/io/virtio/virtio-ccw-device';
import {
  ADAPTER_INDICATORS,
  CONFIG_INDICATOR,
  DriverQueue,
  F_INDIRECT,
  F_NEXT,
  F_WRITE,
  type InitOptions,
  QUEUE_INDICATOR,
  SUMMARY_INDICATOR,
  initialize,
  recordingContext,
} from './virtio-harness';

const HEADER = 0x20000;
const DATA = 0x21000;
const STATUS = 0x23000;
const INDIRECT_TABLE = 0x24000;

function setup(init: InitOptions = {}, options: VirtioBlkOptions = {}, legacy = false) {
  const context = recordingContext();
  const image = new RawImage(64 * 512);
  const model = new VirtioBlk(image, options);
  const device = new VirtioCcwDevice(model);
  device.attach(context);
  const q = legacy
    ? DriverQueue.legacy(context.storage, 0x10000, 128)
    : new DriverQueue(context.storage, 8, 0x10000, 0x10100, 0x10200);
  initialize(device, [q], { ...init, revision: legacy ? 0 : (init.revision ?? 1) });
  return { context, image, model, device, q, storage: context.storage };
}

function header(storage: MainStorage, type: number, sector: number, littleEndian = true): void {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, type, littleEndian);
  view.setBigUint64(8, BigInt(sector), littleEndian);
  storage.write(HEADER, bytes);
}

/** Descriptors 0-2 (header, data, status) of one request, offered as head 0, then the notify. */
function submit(
  s: ReturnType<typeof setup>,
  type: number,
  sector: number,
  data: { out?: Uint8Array; inLength?: number } = {},
): { status: number; used: { id: number; len: number } } {
  const { q, storage, device } = s;
  header(storage, type, sector, q.littleEndian);
  if (data.out !== undefined) {
    storage.write(DATA, data.out);
    q.descriptor(0, HEADER, 16, F_NEXT, 1);
    q.descriptor(1, DATA, data.out.length, F_NEXT, 2);
  } else if (data.inLength !== undefined) {
    q.descriptor(0, HEADER, 16, F_NEXT, 1);
    q.descriptor(1, DATA, data.inLength, F_NEXT | F_WRITE, 2);
  } else {
    q.descriptor(0, HEADER, 16, F_NEXT, 2);
  }
  q.descriptor(2, STATUS, 1, F_WRITE);
  storage.writeU8(STATUS, 0xee);
  const before = q.usedIndex();
  q.offer(0);
  expect(device.notify(0)).toBe(0);
  expect(q.usedIndex()).toBe(before + 1);
  return { status: storage.readU8(STATUS), used: q.usedElement(before) };
}

const pattern = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);

describe('virtio-blk', () => {
  it('writes two sectors, reads them back, and signals the classic indicator with alert status', () => {
    const s = setup();
    const out = pattern(1024);
    expect(submit(s, 1, 2, { out })).toEqual({ status: 0, used: { id: 0, len: 1 } });
    expect(s.image.bytes.subarray(1024, 2048)).toEqual(out);
    expect(s.storage.readU32(QUEUE_INDICATOR + 4)).toBe(1);
    expect(s.context.unsolicitedCalls).toEqual([0]);
    s.storage.fill(DATA, 1024, 0);
    expect(submit(s, 0, 2, { inLength: 1024 })).toEqual({ status: 0, used: { id: 0, len: 1025 } });
    expect(s.storage.read(DATA, 1024)).toEqual(out);
    expect(s.model.counts).toMatchObject({ read: 1, write: 1, errors: 0 });
  });

  it('answers GET_ID with the 20-byte serial and FLUSH with OK', () => {
    const s = setup({}, { serial: 'DISK-0001' });
    expect(submit(s, 8, 0, { inLength: 20 })).toEqual({ status: 0, used: { id: 0, len: 21 } });
    expect(new TextDecoder().decode(s.storage.read(DATA, 9))).toBe('DISK-0001');
    expect(s.storage.readU8(DATA + 9)).toBe(0);
    expect(submit(s, 4, 0).status).toBe(0);
  });

  it('reports IOERR beyond the capacity and for partial sectors, UNSUPP for an unknown type', () => {
    const s = setup();
    expect(submit(s, 0, 63, { inLength: 512 }).status).toBe(0);
    expect(submit(s, 0, 63, { inLength: 1024 }).status).toBe(1);
    expect(submit(s, 1, 64, { out: pattern(512) }).status).toBe(1);
    expect(submit(s, 1, 0, { out: pattern(100) }).status).toBe(1);
    expect(submit(s, 0, 2 ** 40, { inLength: 512 })).toEqual({ status: 1, used: { id: 0, len: 1 } });
    expect(submit(s, 11, 0).status).toBe(2);
    expect(s.model.counts.errors).toBe(5);
  });

  it('refuses writes to a read-only image with IOERR and offers VIRTIO_BLK_F_RO', () => {
    const s = setup({}, { readOnly: true });
    expect(s.model.features & (1 << 5)).not.toBe(0);
    expect(submit(s, 1, 0, { out: pattern(512) }).status).toBe(1);
    expect(s.image.bytes[0]).toBe(0);
  });

  it('follows an indirect descriptor table', () => {
    const s = setup();
    const { q, storage, device } = s;
    s.image.bytes.set(pattern(512, 9), 5 * 512);
    header(storage, 0, 5);
    q.descriptor(0, HEADER, 16, F_NEXT, 1, INDIRECT_TABLE);
    q.descriptor(1, DATA, 512, F_NEXT | F_WRITE, 2, INDIRECT_TABLE);
    q.descriptor(2, STATUS, 1, F_WRITE, 0, INDIRECT_TABLE);
    q.descriptor(4, INDIRECT_TABLE, 48, F_INDIRECT);
    q.offer(4);
    device.notify(0);
    expect(q.usedElement(0)).toEqual({ id: 4, len: 513 });
    expect(storage.read(DATA, 512)).toEqual(pattern(512, 9));
  });

  it('an indirect descriptor without INDIRECT_DESC negotiated needs a reset, told by the config indicator', () => {
    const s = setup({ features0: 1 << 9 });
    const { q, device, storage } = s;
    q.descriptor(4, INDIRECT_TABLE, 48, F_INDIRECT);
    q.offer(4);
    device.notify(0);
    expect(device.status & 64).toBe(64);
    expect(storage.readU32(CONFIG_INDICATOR + 4)).toBe(1);
    expect(q.usedIndex()).toBe(0);
    expect(s.context.unsolicitedCalls).toEqual([0]);
  });

  it.each([
    ['a descriptor loop', (q: DriverQueue) => q.descriptor(0, HEADER, 16, F_NEXT, 0)],
    ['a next index beyond the table', (q: DriverQueue) => q.descriptor(0, HEADER, 16, F_NEXT, 8)],
    ['a buffer beyond storage', (q: DriverQueue) => q.descriptor(0, 0xfffff8, 16, 0)],
    [
      'a readable descriptor after a writable one',
      (q: DriverQueue) => {
        q.descriptor(0, STATUS, 1, F_WRITE | F_NEXT, 1);
        q.descriptor(1, HEADER, 16, 0);
      },
    ],
    ['a request without a status byte', (q: DriverQueue) => q.descriptor(0, HEADER, 16, 0)],
    [
      'nested indirect tables',
      (q: DriverQueue) => {
        q.descriptor(0, INDIRECT_TABLE, 16, F_INDIRECT, 0, INDIRECT_TABLE);
        q.descriptor(0, INDIRECT_TABLE, 16, F_INDIRECT);
      },
    ],
    ['an indirect table of 20 bytes', (q: DriverQueue) => q.descriptor(0, INDIRECT_TABLE, 20, F_INDIRECT)],
    [
      'an indirect descriptor with NEXT',
      (q: DriverQueue) => q.descriptor(0, INDIRECT_TABLE, 48, F_INDIRECT | F_NEXT),
    ],
  ])('%s sets DEVICE_NEEDS_RESET and later notifications are ignored', (_name, layout) => {
    const s = setup();
    layout(s.q);
    s.q.offer(0);
    s.device.notify(0);
    expect(s.device.status).toBe(15 | 64);
    s.q.descriptor(0, HEADER, 16, F_NEXT, 1);
    s.q.descriptor(1, STATUS, 1, F_WRITE);
    s.q.offer(0);
    s.device.notify(0);
    expect(s.q.usedIndex()).toBe(0);
  });

  it('an available index more than the queue size ahead needs a reset', () => {
    const s = setup();
    s.q.forceAvailIndex(9);
    s.device.notify(0);
    expect(s.device.status & 64).toBe(64);
  });

  it('adapter indicators: bit bit_nr+queue from the left, summary 0x01, one adapter interruption until the summary is cleared', () => {
    const s = setup({ notification: 'adapter' });
    expect(submit(s, 4, 0).status).toBe(0);
    expect(s.storage.readU8(ADAPTER_INDICATORS)).toBe(0x80);
    expect(s.storage.readU8(SUMMARY_INDICATOR)).toBe(1);
    expect(s.context.adapterCalls).toEqual([3]);
    submit(s, 4, 0);
    expect(s.context.adapterCalls).toEqual([3]);
    s.storage.writeU8(SUMMARY_INDICATOR, 0);
    submit(s, 4, 0);
    expect(s.context.adapterCalls).toEqual([3, 3]);
    expect(s.context.unsolicitedCalls).toEqual([]);
  });

  it('NO_INTERRUPT in the available ring suppresses the notification, not the completion', () => {
    const s = setup();
    s.q.availFlags(1);
    expect(submit(s, 4, 0).status).toBe(0);
    expect(s.context.unsolicitedCalls).toEqual([]);
    expect(s.storage.readU32(QUEUE_INDICATOR + 4)).toBe(0);
  });

  it('ignores notifications before DRIVER_OK', () => {
    const s = setup();
    s.device.execute({ code: 0x31, count: 1, data: Uint8Array.of(11), first: true, chained: false });
    s.q.descriptor(0, HEADER, 16, F_NEXT, 1);
    s.q.descriptor(1, STATUS, 1, F_WRITE);
    s.q.offer(0);
    s.device.notify(0);
    expect(s.q.usedIndex()).toBe(0);
  });

  it('a legacy (revision 0) driver uses big-endian rings, header and configuration in the 4096-aligned layout', () => {
    const s = setup({}, {}, true);
    expect(s.q.used).toBe(0x11000);
    const out = pattern(512, 3);
    expect(submit(s, 1, 7, { out })).toEqual({ status: 0, used: { id: 0, len: 1 } });
    expect(s.image.bytes.subarray(7 * 512, 8 * 512)).toEqual(out);
    expect(s.storage.read(0x11002, 2)).toEqual(Uint8Array.of(0, 1));
  });
});
