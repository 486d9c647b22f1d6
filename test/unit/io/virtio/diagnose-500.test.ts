import { describe, expect, it } from 'vitest';
import type { CcwDevice } from '../../../../src/engine/io/channel/ccw-device';
import { virtioNotifyHook } from '../../../../src/engine/io/virtio/diagnose-500';
import { END, programCode, run } from '../../arch/program';

/** A device that records its notifications and answers a cookie. */
function notifiedDevice(calls: number[]): CcwDevice {
  return {
    kind: 'test',
    senseId: () => new Uint8Array(8),
    execute: () => ({ status: 0x0c }),
    notify: (queue) => {
      calls.push(queue);
      return 7;
    },
  };
}

// LGHI 1,3 / LLILH 2,1 / OILL 2,5 / LGHI 3,2 / DIAG 2,4,0x500 / END
const NOTIFY = `a7190003 a52e0001 a52b0005 a7390002 83240500 ${END}`;

describe('DIAGNOSE 0x500 subcode 3', () => {
  it('hands GR3 to the notify of the device on the subchannel in GR2 and returns its result in GR2', () => {
    const calls: number[] = [];
    const device = notifiedDevice(calls);
    const numbers: number[] = [];
    const hook = virtioNotifyHook((n) => {
      numbers.push(n);
      return n === 5 ? device : undefined;
    });
    const cpu = run(NOTIFY, undefined, { diagnose: hook });
    expect(programCode(cpu)).toBe(-1);
    expect(numbers).toEqual([5]);
    expect(calls).toEqual([2]);
    expect(cpu.getGpr(2)).toBe(7n);
  });

  it('answers -EINVAL in GR2 for a subchannel without a device or a SID outside subchannel set 0', () => {
    const cpu = run(NOTIFY, undefined, { diagnose: virtioNotifyHook(() => undefined) });
    expect(cpu.getGpr(2)).toBe(-22n & 0xffff_ffff_ffff_ffffn);
    const looked: number[] = [];
    const hook = virtioNotifyHook((n) => {
      looked.push(n);
      return undefined;
    });
    // LGHI 1,3 / LLILH 2,3 (SID 0x00030005: subchannel set 1) / OILL 2,5 / LGHI 3,0 / DIAG
    const other = run(`a7190003 a52e0003 a52b0005 a7390000 83240500 ${END}`, undefined, { diagnose: hook });
    expect(other.getGpr(2)).toBe(-22n & 0xffff_ffff_ffff_ffffn);
    expect(looked).toEqual([]);
  });

  it('other subcodes and other DIAGNOSE codes are specification exceptions', () => {
    const hook = virtioNotifyHook(() => undefined);
    expect(programCode(run(`a7190004 83240500 ${END}`, undefined, { diagnose: hook }))).toBe(6);
    expect(programCode(run(`a7190003 83240044 ${END}`, undefined, { diagnose: hook }))).toBe(6);
  });
});
