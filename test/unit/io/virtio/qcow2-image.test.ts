import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Qcow2FormatError, Qcow2Image } from '../../../../src/engine/io/virtio/qcow2-image';
import { VirtioBlk } from '../../../../src/engine/io/virtio/virtio-blk';
import { VirtioCcwDevice } from '../../../../src/engine/io/virtio/virtio-ccw-device';
import { DriverQueue, F_NEXT, F_WRITE, initialize, recordingContext } from './virtio-harness';

/* Fixtures made by qemu-img (scripts/regen-qcow2.sh) from the raw image `expectedRaw` describes. */
const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/virtio/${name}`));

function expectedRaw(): Uint8Array {
  const bytes = new Uint8Array(256 * 1024);
  for (let s = 0; s < bytes.length / 512; s++) {
    const cluster = Math.floor(s / 8);
    if (cluster > 2 && cluster !== 10) continue;
    for (let i = 0; i < 512; i++) bytes[s * 512 + i] = (s * 31 + i) & 0xff;
  }
  return bytes;
}

describe('qcow2 image reader', () => {
  it.each([
    ['image-v3.qcow2', 3],
    ['image-v2.qcow2', 2],
  ])(
    '%s reads back the raw image qemu-img converted, allocated and unallocated clusters alike',
    (name, version) => {
      const image = new Qcow2Image(fixture(name));
      expect(image.version).toBe(version);
      expect(image.sizeBytes).toBe(256 * 1024);
      expect(image.clusterSize).toBe(4096);
      expect(image.read(0, image.sizeBytes)).toEqual(expectedRaw());
      expect(image.read(3 * 4096 - 100, 300)).toEqual(expectedRaw().subarray(3 * 4096 - 100, 3 * 4096 + 200));
    },
  );

  it('a compressed cluster is unreadable (null), a never-written one reads as zeros', () => {
    const image = new Qcow2Image(fixture('image-v3-compressed.qcow2'));
    expect(image.read(0, 512)).toBeNull();
    expect(image.read(5 * 4096, 4096)).toEqual(new Uint8Array(4096));
    expect(image.write(0, new Uint8Array(1))).toBe(false);
  });

  it('writes land in an overlay of whole clusters and leave the file as it was', () => {
    const file = fixture('image-v3.qcow2');
    const copy = file.slice();
    const image = new Qcow2Image(file);
    expect(image.write(4096 + 10, Uint8Array.of(1, 2, 3))).toBe(true);
    expect(image.write(20 * 4096, Uint8Array.of(9))).toBe(true);
    expect(image.overlaidClusters).toBe(2);
    const expected = expectedRaw();
    expected.set([1, 2, 3], 4096 + 10);
    expected[20 * 4096] = 9;
    expect(image.read(0, image.sizeBytes)).toEqual(expected);
    expect(file).toEqual(copy);
  });

  it.each([
    ['a short file', (b: Uint8Array) => b.subarray(0, 40), /shorter than a header/],
    ['a wrong magic', (b: Uint8Array) => b.fill(0, 0, 1), /magic/],
    ['version 4', (b: Uint8Array) => b.fill(4, 7, 8), /version 4/],
    ['a backing file', (b: Uint8Array) => b.fill(1, 15, 16), /backing/],
    ['encryption', (b: Uint8Array) => b.fill(1, 35, 36), /encrypted/],
    ['cluster_bits 30', (b: Uint8Array) => b.fill(30, 23, 24), /cluster_bits/],
    ['an unknown incompatible feature', (b: Uint8Array) => b.fill(2, 79, 80), /incompatible/],
    ['an L1 table too small for the size', (b: Uint8Array) => b.fill(0, 36, 40), /L1 table of 0/],
  ])('refuses %s with a Qcow2FormatError', (_name, corrupt, message) => {
    const bytes = corrupt(fixture('image-v3.qcow2'));
    expect(() => new Qcow2Image(bytes)).toThrow(Qcow2FormatError);
    expect(() => new Qcow2Image(bytes)).toThrow(message);
  });

  it('backs a virtio-blk device: a read of a compressed cluster ends in IOERR', () => {
    const context = recordingContext();
    const device = new VirtioCcwDevice(new VirtioBlk(new Qcow2Image(fixture('image-v3-compressed.qcow2'))));
    device.attach(context);
    const q = new DriverQueue(context.storage, 8, 0x10000, 0x10100, 0x10200);
    initialize(device, [q]);
    const { storage } = context;
    storage.write(0x20000, new Uint8Array(16));
    q.descriptor(0, 0x20000, 16, F_NEXT, 1);
    q.descriptor(1, 0x21000, 512, F_NEXT | F_WRITE, 2);
    q.descriptor(2, 0x22000, 1, F_WRITE);
    q.offer(0);
    device.notify(0);
    expect(storage.readU8(0x22000)).toBe(1);
    expect(q.usedElement(0)).toEqual({ id: 0, len: 1 });
  });
});
