import type { CkdRecord } from './ckd-record';
import { COUNT_LENGTH, decodeCount, encodeCount } from './ckd-record';
import { CkdVolume, trackProblem } from './ckd-volume';
import { MODELS_3390, type Model3390 } from './geometry-3390';

/**
 * The zvlab CKD volume image (extension .ckd): a 32-byte header and then only the tracks that were
 * written, so an almost empty 3390-9 is a few hundred bytes. All numbers are big-endian.
 *
 *   header   0  8  magic "ZVLABCKD" (ASCII)
 *            8  2  format version (1)
 *           10  1  3390 model: 1, 2, 3 or 9
 *           11  1  0
 *           12  4  cylinders (must be the model's)
 *           16  2  tracks per cylinder (15)
 *           18  6  volume serial, ASCII, blank padded
 *           24  4  number of track entries that follow
 *           28  4  0
 *   track    0  2  cylinder
 *            2  2  head
 *            4  2  number of records n (record 0 included, so n >= 1)
 *            6  …  n records, each its 8-byte count field CCHHRKDD, then KL key bytes and DD data bytes
 *
 * Tracks appear in ascending cylinder/head order, each at most once; a track not listed reads as a
 * freshly formatted one (home address and a standard record 0). Nothing follows the last track.
 */
export const IMAGE_MAGIC = 'ZVLABCKD';
export const IMAGE_VERSION = 1;
const HEADER_LENGTH = 32;
const TRACK_HEADER_LENGTH = 6;

/** A problem with an image file, naming the byte offset where it was found. */
export class VolumeImageError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(`volume image, byte ${offset}: ${message}`);
    this.name = 'VolumeImageError';
  }
}

export function exportVolume(volume: CkdVolume): Uint8Array {
  const tracks = volume.writtenTracks();
  let length = HEADER_LENGTH;
  for (const t of tracks) {
    length += TRACK_HEADER_LENGTH;
    for (const r of t.records) length += COUNT_LENGTH + r.key.length + r.data.length;
  }
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) out[i] = IMAGE_MAGIC.charCodeAt(i);
  view.setUint16(8, IMAGE_VERSION);
  out[10] = volume.model;
  view.setUint32(12, volume.cylinders);
  view.setUint16(16, volume.heads);
  const volser = volume.volser.padEnd(6, ' ');
  for (let i = 0; i < 6; i++) out[18 + i] = volser.charCodeAt(i) & 0x7f;
  view.setUint32(24, tracks.length);
  let at = HEADER_LENGTH;
  for (const t of tracks) {
    view.setUint16(at, t.cyl);
    view.setUint16(at + 2, t.head);
    view.setUint16(at + 4, t.records.length);
    at += TRACK_HEADER_LENGTH;
    for (const r of t.records) {
      out.set(encodeCount(r), at);
      out.set(r.key, at + COUNT_LENGTH);
      out.set(r.data, at + COUNT_LENGTH + r.key.length);
      at += COUNT_LENGTH + r.key.length + r.data.length;
    }
  }
  return out;
}

/** Reads an image; throws VolumeImageError naming the offset of the first problem. */
export function importVolume(image: Uint8Array): CkdVolume {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const need = (at: number, bytes: number, what: string) => {
    if (at + bytes > image.length) throw new VolumeImageError(at, `the file ends inside ${what}`);
  };
  need(0, HEADER_LENGTH, 'the header');
  const magic = String.fromCharCode(...image.subarray(0, 8));
  if (magic !== IMAGE_MAGIC)
    throw new VolumeImageError(0, `not a zvlab CKD image (magic "${IMAGE_MAGIC}" expected)`);
  const version = view.getUint16(8);
  if (version !== IMAGE_VERSION) throw new VolumeImageError(8, `format version ${version} (expected 1)`);
  const model = image[10];
  if (!(model in MODELS_3390)) throw new VolumeImageError(10, `3390 model ${model} (expected 1, 2, 3 or 9)`);
  const geometry = MODELS_3390[model as Model3390];
  if (view.getUint32(12) !== geometry.cylinders) {
    throw new VolumeImageError(
      12,
      `${view.getUint32(12)} cylinders, a 3390-${model} has ${geometry.cylinders}`,
    );
  }
  if (view.getUint16(16) !== 15)
    throw new VolumeImageError(16, `${view.getUint16(16)} tracks per cylinder (expected 15)`);
  const volser = String.fromCharCode(...image.subarray(18, 24)).trimEnd();
  const volume = new CkdVolume(model as Model3390, volser);
  const trackCount = view.getUint32(24);
  let at = HEADER_LENGTH;
  let previous = -1;
  for (let t = 0; t < trackCount; t++) {
    need(at, TRACK_HEADER_LENGTH, `the header of track entry ${t}`);
    const cyl = view.getUint16(at);
    const head = view.getUint16(at + 2);
    const count = view.getUint16(at + 4);
    if (cyl >= geometry.cylinders || head >= 15) {
      throw new VolumeImageError(at, `track ${cyl}/${head} is outside the volume`);
    }
    const index = cyl * 15 + head;
    if (index <= previous) throw new VolumeImageError(at, `track ${cyl}/${head} is out of order or repeated`);
    previous = index;
    const trackAt = at;
    at += TRACK_HEADER_LENGTH;
    const records: CkdRecord[] = [];
    for (let r = 0; r < count; r++) {
      need(at, COUNT_LENGTH, `a count field of track ${cyl}/${head}`);
      const c = decodeCount(image, at);
      need(at + COUNT_LENGTH, c.keyLength + c.dataLength, `record ${c.rec} of track ${cyl}/${head}`);
      const keyAt = at + COUNT_LENGTH;
      const dataAt = keyAt + c.keyLength;
      records.push({
        cyl: c.cyl,
        head: c.head,
        rec: c.rec,
        key: image.slice(keyAt, dataAt),
        data: image.slice(dataAt, dataAt + c.dataLength),
      });
      at = dataAt + c.dataLength;
    }
    const problem = trackProblem(records);
    if (problem) throw new VolumeImageError(trackAt, `track ${cyl}/${head}: ${problem}`);
    volume.writeTrack(cyl, head, records);
  }
  if (at !== image.length) throw new VolumeImageError(at, `${image.length - at} bytes after the last track`);
  volume.version = 0;
  return volume;
}
