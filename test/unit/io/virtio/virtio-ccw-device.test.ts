import { describe, expect, it } from 'vitest';
import { RawImage } from '../../../../src/engine/io/virtio/disk-image';
import { VirtioBlk } from '../../../../src/engine/io/virtio/virtio-blk';
import { VirtioCcwDevice } from '../../../../src/engine/io/virtio/virtio-ccw-device';
import type { VirtioDeviceModel, VirtioHost } from '../../../../src/engine/io/virtio/virtio-device-model';
import {
  DONE,
  DriverQueue,
  UNIT_CHECK_DONE,
  be,
  command,
  initialize,
  le32,
  readLe32,
  recordingContext,
  senseByte,
  vqInfo,
} from './virtio-harness';

function blkDevice(sizeBytes = 64 * 512) {
  const context = recordingContext();
  const model = new VirtioBlk(new RawImage(sizeBytes));
  const device = new VirtioCcwDevice(model);
  device.attach(context);
  return { context, model, device };
}

const setRev = (revision: number, extra: number[] = []) =>
  command(0x83, [...be([revision, 2], [extra.length, 2]), ...extra]);
const readFeat = (index: number) => command(0x12, [0, 0, 0, 0, index]);
const writeFeat = (index: number, bits: number) => command(0x11, [...le32(bits), index]);

describe('virtio-ccw transport commands', () => {
  it('SENSE ID names control unit 3832 with the virtio device id as its model', () => {
    const { device } = blkDevice();
    expect([...device.senseId()]).toEqual([0xff, 0x38, 0x32, 0x02, 0, 0, 0, 0]);
  });

  it('NOP completes; an unknown command is a command reject that SENSE reports once', () => {
    const { device } = blkDevice();
    expect(device.execute(command(0x03)).status).toBe(DONE);
    expect(device.execute(command(0x02, [], 8)).status).toBe(UNIT_CHECK_DONE);
    expect(senseByte(device)).toBe(0x80);
    expect(senseByte(device)).toBe(0);
  });

  it('SET_VIRTIO_REV accepts revisions 0-2 and rejects 3, a short payload and a configured device', () => {
    for (const revision of [0, 1, 2]) {
      const { device } = blkDevice();
      expect(device.execute(setRev(revision)).status).toBe(DONE);
      expect(device.revision).toBe(revision);
    }
    const { device } = blkDevice();
    expect(device.execute(setRev(3)).status).toBe(UNIT_CHECK_DONE);
    expect(device.execute(command(0x83, [0, 1])).status).toBe(UNIT_CHECK_DONE);
    expect(device.execute(command(0x83, be([1, 2], [4, 2]))).status).toBe(UNIT_CHECK_DONE);
    expect(device.revision).toBe(-1);
    expect(device.execute(setRev(1, [9, 9]))).toEqual({ status: DONE, consumed: 6 });
    device.execute(command(0x31, [1]));
    expect(device.execute(setRev(2)).status).toBe(UNIT_CHECK_DONE);
    expect(device.revision).toBe(1);
    device.execute(command(0x33));
    expect(device.execute(setRev(2)).status).toBe(DONE);
  });

  it('READ_FEAT offers INDIRECT_DESC and the blk bits in word 0, VERSION_1 in word 1 only from revision 1', () => {
    const legacy = blkDevice().device;
    legacy.execute(setRev(0));
    const w0 = readLe32(legacy.execute(readFeat(0)).data!);
    expect(w0 & (1 << 28)).not.toBe(0);
    expect(w0 & ((1 << 2) | (1 << 6) | (1 << 9))).toBe((1 << 2) | (1 << 6) | (1 << 9));
    expect([...legacy.execute(readFeat(1)).data!]).toEqual([0, 0, 0, 0, 1]);
    const modern = blkDevice().device;
    modern.execute(setRev(1));
    expect([...modern.execute(readFeat(1)).data!]).toEqual([1, 0, 0, 0, 1]);
    expect(readLe32(modern.execute(readFeat(7)).data!)).toBe(0);
    expect(modern.execute(command(0x12, [0, 0, 0, 0])).status).toBe(UNIT_CHECK_DONE);
  });

  it('WRITE_FEAT records words 0 and 1 and is refused once FEATURES_OK is set', () => {
    const { device } = blkDevice();
    device.execute(setRev(1));
    expect(device.execute(writeFeat(0, 1 << 28))).toEqual({ status: DONE, consumed: 5 });
    expect(device.execute(writeFeat(1, 1)).status).toBe(DONE);
    expect(device.execute(writeFeat(2, 0xffff)).status).toBe(DONE);
    expect(device.acceptedFeatures).toEqual([1 << 28, 1]);
    expect(device.execute(command(0x11, [1, 2, 3])).status).toBe(UNIT_CHECK_DONE);
    device.execute(command(0x31, [1 | 2 | 8]));
    expect(device.execute(writeFeat(0, 0)).status).toBe(UNIT_CHECK_DONE);
    expect(device.acceptedFeatures).toEqual([1 << 28, 1]);
  });

  it('FEATURES_OK is refused without VERSION_1 at revision 1 and for a bit never offered', () => {
    const { device } = blkDevice();
    device.execute(setRev(1));
    device.execute(command(0x31, [3]));
    expect(device.execute(command(0x31, [11])).status).toBe(UNIT_CHECK_DONE);
    expect(device.status).toBe(3);
    device.execute(writeFeat(1, 1));
    device.execute(writeFeat(0, 1 << 20));
    expect(device.execute(command(0x31, [11])).status).toBe(UNIT_CHECK_DONE);
    device.execute(writeFeat(0, 1 << 9));
    expect(device.execute(command(0x31, [11])).status).toBe(DONE);
    expect(device.status).toBe(11);
  });

  it('a legacy driver reaches FEATURES_OK without VERSION_1', () => {
    const { device } = blkDevice();
    device.execute(command(0x31, [3]));
    expect(device.execute(command(0x31, [11])).status).toBe(DONE);
  });

  it('READ_CONF gives the capacity little-endian at revision 1 and big-endian for a legacy driver', () => {
    const modern = blkDevice(100 * 512).device;
    modern.execute(setRev(1));
    const config = modern.execute(command(0x22, [], 24)).data!;
    expect([...config.subarray(0, 8)]).toEqual([100, 0, 0, 0, 0, 0, 0, 0]);
    expect(readLe32(config, 20)).toBe(512);
    expect(modern.execute(command(0x22, [], 8)).data!.length).toBe(8);
    expect(modern.execute(command(0x22, [], 64)).data!.length).toBe(24);
    const legacy = blkDevice(100 * 512).device;
    expect([...legacy.execute(command(0x22, [], 8)).data!]).toEqual([0, 0, 0, 0, 0, 0, 0, 100]);
  });

  it('WRITE_CONF consumes at most the configuration size', () => {
    const { device } = blkDevice();
    expect(device.execute(command(0x21, new Uint8Array(40)))).toEqual({ status: DONE, consumed: 24 });
    expect(device.execute(command(0x21, new Uint8Array(4)))).toEqual({ status: DONE, consumed: 4 });
  });

  it('READ_STATUS needs revision 2', () => {
    const { device } = blkDevice();
    device.execute(setRev(1));
    expect(device.execute(command(0x72, [], 1)).status).toBe(UNIT_CHECK_DONE);
    device.execute(command(0x33));
    device.execute(setRev(2));
    device.execute(command(0x31, [3]));
    expect(device.execute(command(0x72, [], 1))).toEqual({ status: DONE, data: Uint8Array.of(3) });
  });

  it('READ_VQ_CONF answers the maximum size, 0 for a queue the device lacks, and rejects index 1024', () => {
    const { device } = blkDevice();
    expect([...device.execute(command(0x32, [0, 0, 0, 0])).data!]).toEqual([0, 0, 0, 128]);
    expect([...device.execute(command(0x32, [0, 5, 0, 0])).data!]).toEqual([0, 5, 0, 0]);
    expect(device.execute(command(0x32, [4, 0, 0, 0])).status).toBe(UNIT_CHECK_DONE);
    expect(device.execute(command(0x32, [0, 0])).status).toBe(UNIT_CHECK_DONE);
    expect(device.inspectsReadBuffer(0x32) && device.inspectsReadBuffer(0x12)).toBe(true);
    expect(device.inspectsReadBuffer(0x22)).toBe(false);
  });

  it('SET_VQ (revision 1) checks index, size, alignment and storage bounds', () => {
    const { device } = blkDevice();
    device.execute(setRev(1));
    const good = vqInfo(0x10000, 0, 64, 0x11000, 0x12000);
    expect(device.execute(command(0x13, good))).toEqual({ status: DONE, consumed: 32 });
    const bad = [
      vqInfo(0x10000, 1, 64, 0x11000, 0x12000),
      vqInfo(0x10000, 0, 48, 0x11000, 0x12000),
      vqInfo(0x10000, 0, 256, 0x11000, 0x12000),
      vqInfo(0x10008, 0, 64, 0x11000, 0x12000),
      vqInfo(0x10000, 0, 64, 0x11001, 0x12000),
      vqInfo(0x10000, 0, 64, 0x11000, 0x12002),
      vqInfo(0x10000, 0, 64, 0x11000, 0xfffff0),
      vqInfo(0x10000, 0, 64, 0x11000, 2 ** 60),
      good.subarray(0, 16),
    ];
    for (const payload of bad) expect(device.execute(command(0x13, payload)).status).toBe(UNIT_CHECK_DONE);
    expect(device.execute(command(0x13, vqInfo(0, 0, 0, 0, 0))).status).toBe(DONE);
  });

  it('SET_VQ (legacy) wants alignment 4096 and at least the maximum size', () => {
    const { device } = blkDevice();
    const legacy = (align: number, size: number) =>
      command(0x13, be([0x10000, 8], [align, 4], [0, 2], [size, 2]));
    expect(device.execute(legacy(4096, 128))).toEqual({ status: DONE, consumed: 16 });
    expect(device.execute(legacy(2048, 128)).status).toBe(UNIT_CHECK_DONE);
    expect(device.execute(legacy(4096, 64)).status).toBe(UNIT_CHECK_DONE);
  });

  it('SET_IND and SET_IND_ADAPTER exclude each other; addresses and the ISC are checked', () => {
    const classic = blkDevice().device;
    expect(classic.execute(command(0x43, be([0x9000, 8]))).status).toBe(DONE);
    expect(classic.execute(command(0x73, be([0x9010, 8], [0x9018, 8], [0, 8], [3, 1]))).status).toBe(
      UNIT_CHECK_DONE,
    );
    expect(classic.execute(command(0x43, be([0xffffc, 8]))).status).toBe(UNIT_CHECK_DONE);
    expect(classic.execute(command(0x43, [0, 0, 0]))).toMatchObject({ status: UNIT_CHECK_DONE });
    expect(classic.execute(command(0x53, be([0x9008, 8])))).toEqual({ status: DONE, consumed: 8 });
    expect(classic.execute(command(0x53, be([1 << 20, 8]))).status).toBe(UNIT_CHECK_DONE);
    const thin = blkDevice().device;
    expect(thin.execute(command(0x73, be([0x9010, 8], [0x9018, 8], [0, 8], [8, 1]))).status).toBe(
      UNIT_CHECK_DONE,
    );
    expect(thin.execute(command(0x73, be([0x9010, 8], [1 << 20, 8], [0, 8], [3, 1]))).status).toBe(
      UNIT_CHECK_DONE,
    );
    expect(thin.execute(command(0x73, be([0x9010, 8], [0x9018, 8], [0, 8], [3, 1])))).toEqual({
      status: DONE,
      consumed: 25,
    });
    expect(thin.execute(command(0x43, be([0x9000, 8]))).status).toBe(UNIT_CHECK_DONE);
  });

  it('VDEV_RESET and WRITE_STATUS 0 forget status, features and queues', () => {
    const { device, context } = blkDevice();
    const q = new DriverQueue(context.storage, 8, 0x10000, 0x10100, 0x10200);
    initialize(device, [q]);
    expect(device.status).toBe(15);
    device.execute(command(0x33));
    expect(device.status).toBe(0);
    expect(device.acceptedFeatures).toEqual([0, 0]);
    expect(device.notify(0)).toBe(0);
    initialize(device, [q]);
    device.execute(command(0x31, [0]));
    expect(device.status).toBe(0);
    expect(device.revision).toBe(1);
  });

  it('DIAGNOSE notify answers -EINVAL for a queue the device does not have', () => {
    const { device } = blkDevice();
    expect(device.notify(1)).toBe(-22);
    expect(device.notify(0)).toBe(0);
  });
});

describe('the device-model interface', () => {
  /** A model with a configuration that changes on its own, like a balloon's target. */
  class TargetModel implements VirtioDeviceModel {
    readonly deviceId = 5;
    readonly kind = 'test-balloon';
    readonly features = 0;
    readonly queueSizes = [8];
    target = 0;
    host: VirtioHost | null = null;
    attach(host: VirtioHost): void {
      this.host = host;
    }
    readConfig(littleEndian: boolean): Uint8Array {
      return Uint8Array.of(...(littleEndian ? le32(this.target) : le32(this.target).reverse()));
    }
    writeConfig(): void {}
    process(): void {}
    reset(): void {}
    setTarget(pages: number): void {
      this.target = pages;
      this.host?.configChanged();
    }
  }

  it('a configuration change reaches a ready driver through the SET_CONF_IND indicator', () => {
    const context = recordingContext();
    const model = new TargetModel();
    const device = new VirtioCcwDevice(model);
    device.attach(context);
    device.execute(setRev(1));
    device.execute(command(0x53, be([0x9008, 8])));
    model.setTarget(10);
    expect(context.unsolicitedCalls).toEqual([]);
    initialize(device, [new DriverQueue(context.storage, 8, 0x10000, 0x10100, 0x10200)]);
    model.setTarget(256);
    expect(context.storage.readU32(0x900c)).toBe(1);
    expect(context.unsolicitedCalls).toEqual([0]);
    expect(readLe32(device.execute(command(0x22, [], 4)).data!)).toBe(256);
  });
});
