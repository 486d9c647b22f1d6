import type { CcwOutcome } from '../../../../src/engine/io/channel/ccw-device';
import type { Dasd3390 } from '../../../../src/engine/io/dasd/dasd-3390';

/** One CCW as a test writes it: command code, write data or read count. */
export type Step = [code: number, dataOrCount?: number[] | Uint8Array | number];

/**
 * Runs a channel program on the device the way the channel hands it over: one command at a time,
 * `first` on the first, stopping at a unit check, skipping one CCW after status modifier, and taking
 * a TIC step ([0x08]) back to the step before it (the SEARCH / TIC *-8 loop).
 */
export function channelProgram(device: Dasd3390, steps: readonly Step[]): CcwOutcome[] {
  const outcomes: CcwOutcome[] = [];
  for (let i = 0; i < steps.length && outcomes.length < 100; i++) {
    const [code, arg] = steps[i];
    if (code === 0x08) {
      i -= 2;
      continue;
    }
    const data = typeof arg === 'number' || arg === undefined ? new Uint8Array(0) : Uint8Array.from(arg);
    const count = typeof arg === 'number' ? arg : data.length;
    const outcome = device.execute({ code, count, data, first: i === 0, chained: i < steps.length - 1 });
    outcomes.push(outcome);
    if (outcome.status & 0x02) break;
    if (outcome.status & 0x40) i++;
  }
  return outcomes;
}

export const seek = (cyl: number, head: number): Step => [
  0x07,
  [0, 0, cyl >> 8, cyl & 0xff, head >> 8, head & 0xff],
];
export const searchId = (cyl: number, head: number, rec: number): Step => [
  0x31,
  [cyl >> 8, cyl & 0xff, head >> 8, head & 0xff, rec],
];
export const tic: Step = [0x08];
export function count(
  cyl: number,
  head: number,
  rec: number,
  keyLength: number,
  dataLength: number,
): number[] {
  return [cyl >> 8, cyl & 0xff, head >> 8, head & 0xff, rec, keyLength, dataLength >> 8, dataLength & 0xff];
}
export function defineExtent(mask: number, begin: [number, number], end: [number, number]): Step {
  const d = new Array(16).fill(0);
  d[0] = mask;
  d[1] = 0xc0;
  d[8] = begin[0] >> 8;
  d[9] = begin[0] & 0xff;
  d[11] = begin[1];
  d[12] = end[0] >> 8;
  d[13] = end[0] & 0xff;
  d[15] = end[1];
  return [0x63, d];
}
export function locate(
  orientation: number,
  operation: number,
  n: number,
  cyl: number,
  head: number,
  rec: number,
): Step {
  const d = new Array(16).fill(0);
  d[0] = (orientation << 6) | operation;
  d[3] = n;
  d[4] = cyl >> 8;
  d[5] = cyl & 0xff;
  d[7] = head;
  d[8] = cyl >> 8;
  d[9] = cyl & 0xff;
  d[11] = head;
  d[12] = rec;
  return [0x47, d];
}

/** The sense bytes the device holds now (reading them clears them). */
export function sense(device: Dasd3390): Uint8Array {
  return device.execute({ code: 0x04, count: 32, data: new Uint8Array(0), first: true, chained: false })
    .data!;
}

export const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
