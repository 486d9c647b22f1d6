import { encodeEbcdic } from '../ebcdic-037';
import { CkdVolume } from './ckd-volume';
import { MAX_RECORD_3390, type Model3390 } from './geometry-3390';

/**
 * Builds an IPL-able volume from one program image assembled at address 0, the way the 3390
 * conventions of reference/domain-architecture.md §7.2 and §10.2 lay it out on cylinder 0 head 0:
 *
 *   R1 (IPL1) = image bytes 0-23: the 8-byte ESA/390 IPL PSW and two format-0 CCWs;
 *   R2 (IPL2) = the image from the data address of the first CCW on: what that CCW reads;
 *   R3 (VOL1) = the volume label, "VOL1" and the volume serial in EBCDIC (80 bytes).
 *
 * The implicit READ IPL reads R1 to absolute 0 and chains to the CCW at 8, which reads R2 to where
 * the program was assembled to run. The image itself says where that is, so no second source of
 * truth is needed.
 */
export const IPL1_LENGTH = 24;
const VOL1_LENGTH = 80;

export class IplImageError extends Error {
  constructor(message: string) {
    super(`IPL image: ${message}`);
    this.name = 'IplImageError';
  }
}

export function iplVolume(image: Uint8Array, model: Model3390, volser: string): CkdVolume {
  if (image.length <= IPL1_LENGTH) {
    throw new IplImageError(`${image.length} bytes: nothing after the 24-byte IPL record`);
  }
  const command = image[8];
  const loadAddress = (image[9] << 16) | (image[10] << 8) | image[11];
  if (command !== 0x06 && command !== 0x02) {
    throw new IplImageError(
      `the first IPL CCW (byte 8) is command X'${command.toString(16).padStart(2, '0').toUpperCase()}', ` +
        `expected a READ DATA (X'06') of the program`,
    );
  }
  if (loadAddress < IPL1_LENGTH || loadAddress >= image.length) {
    throw new IplImageError(`the first IPL CCW reads to ${hex(loadAddress)}, outside the program image`);
  }
  const program = image.slice(loadAddress);
  if (program.length > MAX_RECORD_3390) {
    throw new IplImageError(
      `the program is ${program.length} bytes, more than one 3390 record (${MAX_RECORD_3390})`,
    );
  }
  if (!/^[A-Z0-9$#@]{1,6}$/.test(volser)) {
    throw new IplImageError(`volume serial '${volser}': 1-6 letters, digits, $, # or @ expected`);
  }
  const label = new Uint8Array(VOL1_LENGTH).fill(0x40);
  label.set(encodeEbcdic(`VOL1${volser.padEnd(6, ' ')}`), 0);
  const volume = new CkdVolume(model, volser);
  volume.formatTrack(0, 0, [{ data: image.slice(0, IPL1_LENGTH) }, { data: program }, { data: label }]);
  return volume;
}

function hex(value: number): string {
  return `X'${value.toString(16).toUpperCase()}'`;
}
