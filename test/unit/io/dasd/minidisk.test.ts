import { describe, expect, it } from 'vitest';
import { CkdVolume } from '../../../../src/engine/io/dasd/ckd-volume';
import { Dasd3390 } from '../../../../src/engine/io/dasd/dasd-3390';
import { Minidisk } from '../../../../src/engine/io/dasd/minidisk';
import { bytes, channelProgram, count, defineExtent, locate, searchId, seek, sense } from './dasd-helpers';

const CE_DE = 0x0c;
const UNIT_CHECK = 0x0e;

/** Real volume 3390-3 with a minidisk at cylinders 100-109 (MDISK 191 3390 100 10 …). */
function setup() {
  const volume = new CkdVolume(3, 'VMUSR1');
  const minidisk = new Minidisk(volume, 100, 10);
  return { volume, minidisk, device: new Dasd3390(minidisk) };
}

describe('minidisks: an extent of a real volume', () => {
  it("the guest's cylinder 0 is the real start cylinder; count fields carry real cylinders on the volume", () => {
    const { volume, device } = setup();
    const out = channelProgram(device, [
      [0x1f, [0xc0]],
      seek(0, 1),
      [0x15, [...count(0, 1, 0, 0, 8), 0, 0, 0, 0, 0, 0, 0, 0]],
      [0x1d, [...count(0, 1, 1, 0, 4), ...bytes('MINI')]],
    ]);
    expect(out.every((o) => o.status === CE_DE)).toBe(true);
    const real = volume.readTrack(100, 1);
    expect(real.map((r) => [r.cyl, r.rec])).toEqual([
      [100, 0],
      [100, 1],
    ]);
    expect(real[1].data).toEqual(bytes('MINI'));
    // and the guest reads its own numbering back
    const read = channelProgram(device, [seek(0, 1), [0x1e, 12]]);
    expect([...read[1].data!]).toEqual([...count(0, 1, 1, 0, 4), ...bytes('MINI')]);
    const found = channelProgram(device, [seek(0, 1), searchId(0, 1, 1), [0x08], [0x06, 4]]);
    expect(found.at(-1)!.data).toEqual(bytes('MINI'));
  });

  it('a seek to the first cylinder beyond the minidisk is rejected like the end of a real volume', () => {
    const { device } = setup();
    expect(channelProgram(device, [seek(10, 0)])[0].status).toBe(UNIT_CHECK);
    const s = sense(device);
    expect(s[0]).toBe(0x80);
    expect(s[7]).toBe(0x04);
    expect(channelProgram(device, [seek(9, 14)])[0].status).toBe(CE_DE);
  });

  it('a Define Extent reaching beyond the minidisk is rejected', () => {
    const { device } = setup();
    expect(channelProgram(device, [defineExtent(0, [0, 0], [10, 0])])[0].status).toBe(UNIT_CHECK);
    expect(channelProgram(device, [defineExtent(0, [0, 0], [9, 14])])[0].status).toBe(CE_DE);
  });

  it('a Locate Record beyond the minidisk is rejected and nothing of the real volume is read', () => {
    const { volume, device } = setup();
    volume.formatTrack(110, 0, [{ data: bytes('NEIGHBOUR') }]);
    const out = channelProgram(device, [defineExtent(0, [0, 0], [9, 14]), locate(0, 0x06, 1, 10, 0, 1)]);
    expect(out[1].status).toBe(UNIT_CHECK);
  });

  it('a multitrack read does not run off the end of the minidisk', () => {
    const { device } = setup();
    const out = channelProgram(device, [
      defineExtent(0, [9, 14], [9, 14]),
      locate(0, 0x06, 2, 9, 14, 0),
      [0x86, 8],
      [0x86, 8],
    ]);
    expect(out.at(-1)!.status).toBe(UNIT_CHECK);
    expect(sense(device)[1]).toBe(0x04);
  });

  it('Read Device Characteristics reports the minidisk size', () => {
    const { device } = setup();
    const rdc = channelProgram(device, [[0x64, 64]])[0].data!;
    expect((rdc[12] << 8) | rdc[13]).toBe(10);
  });

  it('a minidisk beyond the real volume cannot be defined', () => {
    expect(() => new Minidisk(new CkdVolume(1), 1100, 20)).toThrow(/beyond the volume/);
  });
});
