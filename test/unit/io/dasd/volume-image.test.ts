import { describe, expect, it } from 'vitest';
import { CkdVolume } from '../../../../src/engine/io/dasd/ckd-volume';
import { recordsPerTrack } from '../../../../src/engine/io/dasd/geometry-3390';
import { IplImageError, iplVolume } from '../../../../src/engine/io/dasd/ipl-volume';
import { exportVolume, importVolume, VolumeImageError } from '../../../../src/engine/io/dasd/volume-image';
import { bytes } from './dasd-helpers';

describe('3390 geometry', () => {
  it('records per track follow the 3390 capacity formula', () => {
    const table = [56_664, 27_998, 18_452, 8192, 4096, 2048, 1024, 800, 512, 80].map((dl) =>
      recordsPerTrack(0, dl),
    );
    expect(table).toEqual([1, 2, 3, 6, 12, 21, 33, 39, 49, 78]);
  });

  it('a track takes exactly as many records as the formula says', () => {
    const volume = new CkdVolume(1);
    const fits = Array.from({ length: 12 }, () => ({ data: new Uint8Array(4096) }));
    expect(() => volume.formatTrack(1, 1, fits)).not.toThrow();
    expect(() => volume.formatTrack(1, 2, [...fits, { data: new Uint8Array(4096) }])).toThrow(/capacity/);
  });

  it('tracks never written read as formatted (standard R0) and take no space', () => {
    const volume = new CkdVolume(9);
    expect(volume.readTrack(10_000, 14)).toHaveLength(1);
    expect(volume.writtenTracks()).toHaveLength(0);
  });
});

describe('volume image file', () => {
  it('export then import gives the same tracks, and only written tracks take space', () => {
    const volume = new CkdVolume(9, 'BIGVOL');
    volume.formatTrack(0, 0, [{ data: bytes('IPL') }]);
    volume.formatTrack(9000, 7, [{ key: bytes('KEY'), data: bytes('DATA') }, { data: new Uint8Array(1000) }]);
    const image = exportVolume(volume);
    expect(image.length).toBeLessThan(1200);
    const back = importVolume(image);
    expect(back.model).toBe(9);
    expect(back.volser).toBe('BIGVOL');
    expect(back.writtenTracks()).toEqual(volume.writtenTracks());
  });

  it('a truncated or foreign file names the byte where it went wrong', () => {
    const image = exportVolume(iplVolume(new Uint8Array(64).fill(6, 8, 9).fill(0x20, 11, 12), 1, 'X'));
    expect(() => importVolume(image.slice(0, image.length - 3))).toThrow(VolumeImageError);
    expect(() => importVolume(image.slice(0, image.length - 3))).toThrow(/ends inside record/);
    const foreign = image.slice();
    foreign[0] = 0x43;
    expect(() => importVolume(foreign)).toThrow(/byte 0: not a zvlab CKD image/);
    const badModel = image.slice();
    badModel[10] = 4;
    expect(() => importVolume(badModel)).toThrow(/byte 10/);
  });
});

describe('IPL volume', () => {
  /** An image: PSW, CCW1 = READ DATA to X'20' (32 bytes, SLI), CCW2 unused, then the program at X'20'. */
  function image(): Uint8Array {
    const out = new Uint8Array(0x40);
    out.set([0x00, 0x08, 0, 0, 0x80, 0, 0, 0x20], 0);
    out.set([0x06, 0, 0, 0x20, 0x20, 0, 0, 0x20], 8);
    out.fill(0xaa, 0x20);
    return out;
  }

  it('lays out IPL1, the program and VOL1 on cylinder 0 head 0', () => {
    const volume = iplVolume(image(), 3, 'FIRST1');
    const track = volume.readTrack(0, 0);
    expect(track.map((r) => r.rec)).toEqual([0, 1, 2, 3]);
    expect(track[1].data).toHaveLength(24);
    expect(track[2].data).toEqual(new Uint8Array(0x20).fill(0xaa));
    expect([...track[3].data.subarray(0, 10)]).toEqual([
      0xe5, 0xd6, 0xd3, 0xf1, 0xc6, 0xc9, 0xd9, 0xe2, 0xe3, 0xf1,
    ]);
  });

  it('refuses an image whose first CCW is not a read of the program', () => {
    const bad = image();
    bad[8] = 0x03;
    expect(() => iplVolume(bad, 3, 'A')).toThrow(IplImageError);
    const outside = image();
    outside[11] = 0x80;
    expect(() => iplVolume(outside, 3, 'A')).toThrow(/outside the program image/);
  });
});
