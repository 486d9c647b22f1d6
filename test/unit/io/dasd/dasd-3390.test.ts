import { describe, expect, it } from 'vitest';
import { CkdVolume } from '../../../../src/engine/io/dasd/ckd-volume';
import { Dasd3390 } from '../../../../src/engine/io/dasd/dasd-3390';
import { bytes, channelProgram, count, defineExtent, locate, searchId, seek, sense } from './dasd-helpers';

/** A 3390-3 with cylinder 5 head 2 holding R1 (key "K1", data "ALPHA") and R2 (data "BETA"). */
function volumeWithRecords(): CkdVolume {
  const volume = new CkdVolume(3, 'TEST01');
  volume.formatTrack(5, 2, [{ key: bytes('K1'), data: bytes('ALPHA') }, { data: bytes('BETA') }]);
  return volume;
}

const CE_DE = 0x0c;
const UNIT_CHECK = 0x0e;

describe('3390 classic read commands', () => {
  it('SEEK, SEARCH ID EQUAL (status modifier on the match), READ DATA reads the record', () => {
    const device = new Dasd3390(volumeWithRecords());
    const out = channelProgram(device, [seek(5, 2), searchId(5, 2, 2), [0x08], [0x06, 100]]);
    expect(out.map((o) => o.status)).toEqual([CE_DE, CE_DE, CE_DE, CE_DE | 0x40, CE_DE]);
    expect(out[4].data).toEqual(bytes('BETA'));
  });

  it('SEARCH ID EQUAL that does not match ends without status modifier so the TIC loops', () => {
    const device = new Dasd3390(volumeWithRecords());
    const out = channelProgram(device, [seek(5, 2), searchId(5, 2, 9)]);
    expect(out[1].status).toBe(CE_DE);
  });

  it('a SEARCH/TIC loop for a missing record ends in no record found after the index passes twice', () => {
    const device = new Dasd3390(volumeWithRecords());
    device.execute({
      code: 0x07,
      count: 6,
      data: Uint8Array.of(0, 0, 0, 5, 0, 2),
      first: true,
      chained: true,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const o = device.execute({
        code: 0x31,
        count: 5,
        data: Uint8Array.of(0, 5, 0, 2, 9),
        first: false,
        chained: true,
      });
      statuses.push(o.status);
      if (o.status & 0x02) break;
    }
    // R0, R1, R2, then the index: R0, R1, R2 again, then the second index pass
    expect(statuses).toEqual([CE_DE, CE_DE, CE_DE, CE_DE, CE_DE, CE_DE, UNIT_CHECK]);
    expect(sense(device)[1]).toBe(0x08);
  });

  it('SEARCH ID HIGH and EQUAL OR HIGH compare the CCHHR', () => {
    const device = new Dasd3390(volumeWithRecords());
    expect(channelProgram(device, [seek(5, 2), [0x51, [0, 5, 0, 2, 0]]])[1].status).toBe(CE_DE); // R0 = arg
    expect(channelProgram(device, [seek(5, 2), [0x71, [0, 5, 0, 2, 0]]])[1].status).toBe(CE_DE | 0x40);
  });

  it('READ COUNT skips record 0 and returns the 8-byte count field', () => {
    const device = new Dasd3390(volumeWithRecords());
    const out = channelProgram(device, [seek(5, 2), [0x12, 8], [0x12, 8]]);
    expect([...out[1].data!]).toEqual(count(5, 2, 1, 2, 5));
    expect([...out[2].data!]).toEqual(count(5, 2, 2, 0, 4));
  });

  it('READ KEY AND DATA and READ COUNT KEY DATA return key and data', () => {
    const device = new Dasd3390(volumeWithRecords());
    const out = channelProgram(device, [seek(5, 2), [0x0e, 7]]);
    expect(out[1].data).toEqual(bytes('K1ALPHA'));
    const ckd = channelProgram(device, [seek(5, 2), [0x1e, 15]])[1].data!;
    expect([...ckd]).toEqual([...count(5, 2, 1, 2, 5), ...bytes('K1ALPHA')]);
  });

  it('READ RECORD 0 returns the standard R0 and READ HOME ADDRESS the CCHH', () => {
    const device = new Dasd3390(volumeWithRecords());
    const r0 = channelProgram(device, [seek(5, 2), [0x16, 16]])[1].data!;
    expect([...r0]).toEqual([...count(5, 2, 0, 0, 8), 0, 0, 0, 0, 0, 0, 0, 0]);
    expect([...channelProgram(device, [seek(5, 2), [0x1a, 5]])[1].data!]).toEqual([0, 0, 5, 0, 2]);
  });

  it('non-multitrack reads past the last record of a track go round the track again', () => {
    const device = new Dasd3390(volumeWithRecords());
    const out = channelProgram(device, [seek(5, 2), [0x06, 9], [0x06, 9], [0x06, 9]]);
    expect(out.map((o) => o.data)).toEqual([undefined, bytes('ALPHA'), bytes('BETA'), bytes('ALPHA')]);
  });

  it('a multitrack READ COUNT runs on to the next head and stops at the end of the cylinder', () => {
    const volume = volumeWithRecords();
    volume.formatTrack(5, 3, [{ data: bytes('NEXT') }]);
    const device = new Dasd3390(volume);
    const out = channelProgram(device, [seek(5, 2), [0x92, 8], [0x92, 8], [0x92, 8]]);
    expect([...out[3].data!]).toEqual(count(5, 3, 1, 0, 4));
    const end = channelProgram(device, [seek(5, 14), [0x92, 8]]);
    expect(end[1].status).toBe(UNIT_CHECK);
    expect(sense(device)[1]).toBe(0x20);
  });

  it('READ IPL reads the data of record 1 on cylinder 0 head 0', () => {
    const volume = new CkdVolume(1);
    volume.formatTrack(0, 0, [{ data: bytes('IPL RECORD') }, { data: bytes('NEXT') }]);
    const device = new Dasd3390(volume);
    const out = channelProgram(device, [
      [0x02, 24],
      [0x06, 4],
    ]);
    expect(out[0].data).toEqual(bytes('IPL RECORD'));
    expect(out[1].data).toEqual(bytes('NEXT'));
  });

  it('READ IPL on an empty volume is no record found', () => {
    const device = new Dasd3390(new CkdVolume(1));
    expect(channelProgram(device, [[0x02, 24]])[0].status).toBe(UNIT_CHECK);
    expect(sense(device)[1]).toBe(0x08);
  });
});

describe('3390 writes', () => {
  it('WRITE DATA after a matching search updates the record in place', () => {
    const volume = volumeWithRecords();
    const device = new Dasd3390(volume);
    const out = channelProgram(device, [seek(5, 2), searchId(5, 2, 2), [0x08], [0x05, bytes('GAMA')]]);
    expect(out.at(-1)!.status).toBe(CE_DE);
    expect(volume.readTrack(5, 2)[2].data).toEqual(bytes('GAMA'));
  });

  it('WRITE KEY AND DATA rewrites the key too', () => {
    const volume = volumeWithRecords();
    const device = new Dasd3390(volume);
    channelProgram(device, [seek(5, 2), searchId(5, 2, 1), [0x08], [0x0d, bytes('K9OMEGA')]]);
    expect(volume.readTrack(5, 2)[1].key).toEqual(bytes('K9'));
    expect(volume.readTrack(5, 2)[1].data).toEqual(bytes('OMEGA'));
  });

  it('WRITE DATA without a search before it is an invalid sequence', () => {
    const device = new Dasd3390(volumeWithRecords());
    expect(channelProgram(device, [seek(5, 2), [0x05, bytes('GAMA')]])[1].status).toBe(UNIT_CHECK);
    const s = sense(device);
    expect(s[0]).toBe(0x80);
    expect(s[7]).toBe(0x02);
  });

  it('WRITE CKD after a search writes the next record and erases the rest of the track', () => {
    const volume = volumeWithRecords();
    const device = new Dasd3390(volume);
    channelProgram(device, [
      seek(5, 2),
      searchId(5, 2, 1),
      [0x08],
      [0x1d, [...count(5, 2, 2, 0, 3), ...bytes('NEW')]],
      [0x1d, [...count(5, 2, 3, 0, 2), ...bytes('R3')]],
    ]);
    expect(volume.readTrack(5, 2).map((r) => r.rec)).toEqual([0, 1, 2, 3]);
    expect(volume.readTrack(5, 2)[2].data).toEqual(bytes('NEW'));
  });

  it('WRITE R0 after a seek formats the track', () => {
    const volume = volumeWithRecords();
    const device = new Dasd3390(volume);
    const out = channelProgram(device, [
      [0x1f, [0xc0]],
      seek(5, 2),
      [0x15, [...count(5, 2, 0, 0, 8), 0, 0, 0, 0, 0, 0, 0, 0]],
      [0x1d, [...count(5, 2, 1, 0, 4), ...bytes('ONLY')]],
    ]);
    expect(out.map((o) => o.status)).toEqual([CE_DE, CE_DE, CE_DE, CE_DE]);
    expect(volume.readTrack(5, 2).map((r) => r.rec)).toEqual([0, 1]);
  });

  it('WRITE R0 needs a file mask that permits all writes', () => {
    const device = new Dasd3390(volumeWithRecords());
    const out = channelProgram(device, [
      seek(5, 2),
      [0x15, [...count(5, 2, 0, 0, 8), 0, 0, 0, 0, 0, 0, 0, 0]],
    ]);
    expect(out[1].status).toBe(UNIT_CHECK);
    expect(sense(device)[0]).toBe(0x80);
  });

  it('a record that does not fit on the track is invalid track format', () => {
    const volume = volumeWithRecords();
    const device = new Dasd3390(volume);
    const big = new Uint8Array(8 + 56_664);
    big.set(count(5, 2, 3, 0, 56_664));
    const out = channelProgram(device, [seek(5, 2), searchId(5, 2, 2), [0x08], [0x1d, big]]);
    expect(out.at(-1)!.status).toBe(UNIT_CHECK);
    expect(sense(device)[1]).toBe(0x40);
    expect(volume.readTrack(5, 2)).toHaveLength(3);
  });
});

describe('3390 Define Extent and Locate Record', () => {
  it('DEFINE EXTENT + LOCATE RECORD (read data, count 2) + two multitrack READ DATA', () => {
    const device = new Dasd3390(volumeWithRecords());
    const out = channelProgram(device, [
      defineExtent(0x00, [5, 0], [5, 14]),
      locate(0, 0x06, 2, 5, 2, 1),
      [0x86, 5],
      [0x86, 4],
    ]);
    expect(out.map((o) => o.status)).toEqual([CE_DE, CE_DE, CE_DE, CE_DE]);
    expect(out[2].data).toEqual(bytes('ALPHA'));
    expect(out[3].data).toEqual(bytes('BETA'));
  });

  it('a domain read runs across tracks (and cylinders) within the extent', () => {
    const volume = volumeWithRecords();
    volume.formatTrack(6, 0, [{ data: bytes('CYL6') }]);
    for (let h = 3; h < 15; h++) volume.formatTrack(5, h, []);
    const device = new Dasd3390(volume);
    const out = channelProgram(device, [
      defineExtent(0, [5, 0], [6, 14]),
      locate(0, 0x06, 2, 5, 2, 2),
      [0x86, 4],
      [0x86, 4],
    ]);
    expect(out[3].data).toEqual(bytes('CYL6'));
  });

  it('LOCATE RECORD format write, then WRITE CKD records R1..R3', () => {
    const volume = new CkdVolume(1);
    const device = new Dasd3390(volume);
    const out = channelProgram(device, [
      defineExtent(0xc0, [10, 0], [10, 14]),
      locate(0, 0x03, 3, 10, 4, 0),
      [0x1d, [...count(10, 4, 1, 0, 1), 0xc1]],
      [0x1d, [...count(10, 4, 2, 0, 1), 0xc2]],
      [0x1d, [...count(10, 4, 3, 0, 1), 0xc3]],
    ]);
    expect(out.every((o) => o.status === CE_DE)).toBe(true);
    expect(volume.readTrack(10, 4).map((r) => r.data[0] ?? 0)).toEqual([0, 0xc1, 0xc2, 0xc3]);
  });

  it('LOCATE RECORD write data updates the located record', () => {
    const volume = volumeWithRecords();
    const device = new Dasd3390(volume);
    channelProgram(device, [
      defineExtent(0x80, [5, 0], [5, 14]),
      locate(0, 0x01, 1, 5, 2, 2),
      [0x05, bytes('BETO')],
    ]);
    expect(volume.readTrack(5, 2)[2].data).toEqual(bytes('BETO'));
  });

  it('a command of another kind inside the domain is an invalid sequence', () => {
    const device = new Dasd3390(volumeWithRecords());
    const out = channelProgram(device, [
      defineExtent(0, [5, 0], [5, 14]),
      locate(0, 0x06, 2, 5, 2, 1),
      seek(5, 2),
    ]);
    expect(out[2].status).toBe(UNIT_CHECK);
    expect([...sense(device).subarray(0, 8)]).toEqual([0x80, 0, 0, 0, 0, 5, 2, 0x02]);
  });

  it('LOCATE RECORD without DEFINE EXTENT is an invalid sequence', () => {
    const device = new Dasd3390(volumeWithRecords());
    expect(channelProgram(device, [locate(0, 0x06, 1, 5, 2, 1)])[0].status).toBe(UNIT_CHECK);
    expect(sense(device)[7]).toBe(0x02);
  });

  it('LOCATE RECORD for a record that is not there is no record found', () => {
    const device = new Dasd3390(volumeWithRecords());
    const out = channelProgram(device, [defineExtent(0, [5, 0], [5, 14]), locate(0, 0x06, 1, 5, 2, 7)]);
    expect(out[1].status).toBe(UNIT_CHECK);
    expect(sense(device)[1]).toBe(0x08);
  });

  it('a second DEFINE EXTENT in one channel program is rejected', () => {
    const device = new Dasd3390(volumeWithRecords());
    const out = channelProgram(device, [defineExtent(0, [5, 0], [5, 14]), defineExtent(0, [5, 0], [5, 14])]);
    expect(out[1].status).toBe(UNIT_CHECK);
  });

  it('a seek outside the defined extent is file protected', () => {
    const device = new Dasd3390(volumeWithRecords());
    const out = channelProgram(device, [defineExtent(0, [5, 0], [5, 14]), seek(6, 0)]);
    expect(out[1].status).toBe(UNIT_CHECK);
    expect(sense(device)[1]).toBe(0x04);
  });

  it('a Locate Record outside the defined extent is file protected', () => {
    const device = new Dasd3390(volumeWithRecords());
    const out = channelProgram(device, [defineExtent(0, [5, 3], [5, 14]), locate(0, 0x06, 1, 5, 2, 1)]);
    expect(out[1].status).toBe(UNIT_CHECK);
    expect(sense(device)[1]).toBe(0x04);
  });

  it('an extent that ends before it begins or lies beyond the device is an invalid parameter', () => {
    const device = new Dasd3390(volumeWithRecords());
    expect(channelProgram(device, [defineExtent(0, [5, 3], [5, 2])])[0].status).toBe(UNIT_CHECK);
    expect(sense(device)[7]).toBe(0x04);
    expect(channelProgram(device, [defineExtent(0, [0, 0], [3339, 0])])[0].status).toBe(UNIT_CHECK);
  });

  it('the inhibit-all-writes file mask rejects writes', () => {
    const volume = volumeWithRecords();
    const device = new Dasd3390(volume);
    const out = channelProgram(device, [
      defineExtent(0x40, [5, 0], [5, 14]),
      seek(5, 2),
      searchId(5, 2, 1),
      [0x08],
      [0x05, bytes('XXXXX')],
    ]);
    expect(out.at(-1)!.status).toBe(UNIT_CHECK);
    expect(volume.readTrack(5, 2)[1].data).toEqual(bytes('ALPHA'));
  });

  it('seek control "inhibit seek" in the file mask makes SEEK file protected', () => {
    const device = new Dasd3390(volumeWithRecords());
    const out = channelProgram(device, [[0x1f, [0x18]], seek(5, 2)]);
    expect(out[1].status).toBe(UNIT_CHECK);
    expect(sense(device)[1]).toBe(0x04);
  });
});

describe('3390 control and identification', () => {
  it('a seek beyond the last cylinder is a command reject (invalid parameter)', () => {
    const device = new Dasd3390(new CkdVolume(1));
    expect(channelProgram(device, [seek(1113, 0)])[0].status).toBe(UNIT_CHECK);
    const s = sense(device);
    expect(s[0]).toBe(0x80);
    expect(s[7]).toBe(0x04);
  });

  it('SEEK HEAD keeps the cylinder; SEEK CYLINDER moves both', () => {
    const device = new Dasd3390(volumeWithRecords());
    channelProgram(device, [seek(5, 0), [0x1b, [0, 0, 0, 0, 0, 2]], [0x1a, 5]]);
    expect([
      ...channelProgram(device, [
        [0x1b, [0, 0, 0, 9, 0, 2]],
        [0x1a, 5],
      ])[1].data!,
    ]).toEqual([0, 0, 5, 0, 2]);
    expect([
      ...channelProgram(device, [
        [0x0b, [0, 0, 0, 9, 0, 1]],
        [0x1a, 5],
      ])[1].data!,
    ]).toEqual([0, 0, 9, 0, 1]);
  });

  it('NOP completes; an unknown command is a command reject (invalid command)', () => {
    const device = new Dasd3390(new CkdVolume(1));
    expect(channelProgram(device, [[0x03]])[0].status).toBe(CE_DE);
    expect(channelProgram(device, [[0xee]])[0].status).toBe(UNIT_CHECK);
    expect(sense(device)[7]).toBe(0x01);
  });

  it('SENSE returns 32 bytes and clears them', () => {
    const device = new Dasd3390(new CkdVolume(1));
    channelProgram(device, [seek(2000, 0)]);
    expect(sense(device)).toHaveLength(32);
    expect(sense(device)[0]).toBe(0);
  });

  it('SENSE ID reports a 3390 on a 3990-E9 with the Read Configuration Data CIW', () => {
    const id = new Dasd3390(new CkdVolume(3)).senseId();
    expect([...id.subarray(0, 12)]).toEqual([
      0xff, 0x39, 0x90, 0xe9, 0x33, 0x90, 0x0a, 0, 0x40, 0xfa, 0x01, 0x00,
    ]);
  });

  it('READ DEVICE CHARACTERISTICS carries the real 3390 values', () => {
    const rdc = channelProgram(new Dasd3390(new CkdVolume(9)), [[0x64, 64]])[0].data!;
    expect(rdc).toHaveLength(64);
    const u16 = (at: number) => (rdc[at] << 8) | rdc[at + 1];
    expect(u16(0)).toBe(0x3990);
    expect(u16(3)).toBe(0x3390);
    expect(rdc[5]).toBe(0x0c);
    expect(u16(12)).toBe(10017);
    expect(u16(14)).toBe(15);
    expect(rdc[16]).toBe(224);
    expect(u16(18)).toBe(58786);
    expect(rdc[22]).toBe(2);
    expect([...rdc.subarray(23, 28)]).toEqual([34, 19, 9, 6, 116]);
    expect(u16(44)).toBe(57326);
  });

  it('READ CONFIGURATION DATA returns 256 bytes with the device NED first', () => {
    const rcd = channelProgram(new Dasd3390(new CkdVolume(3)), [[0xfa, 256]])[0].data!;
    expect(rcd).toHaveLength(256);
    expect(rcd[0]).toBe(0xc4);
    // "3390" in EBCDIC at bytes 6-9
    expect([...rcd.subarray(6, 10)]).toEqual([0xf3, 0xf3, 0xf9, 0xf0]);
  });
});
