import { describe, expect, it } from 'vitest';
import { MainStorage } from '../../../src/engine/arch/main-storage';
import type { CcwCommand } from '../../../src/engine/io/channel/ccw-device';
import { Display3270Device } from '../../../src/engine/io/display3270/display-ccw-device';

function command(code: number, data: number[] = [], count = data.length): CcwCommand {
  return { code, count, data: Uint8Array.from(data), first: true, chained: false };
}

function attached() {
  const device = new Display3270Device();
  const unsolicited: number[] = [];
  device.attach({
    devno: 0x0009,
    storage: new MainStorage(1 << 20),
    unsolicited: (status) => unsolicited.push(status),
    now: () => 0,
    after: () => {},
    adapterInterruption: () => {},
  });
  return { device, unsolicited };
}

describe('3278 as a channel device', () => {
  it('Erase/Write by CCW code reaches the screen; ENTER is unsolicited attention; Read Modified returns the AID', () => {
    const { device, unsolicited } = attached();
    // WCC restore keyboard, SF unprotected at 0, IC
    expect(device.execute(command(0x05, [0xc3, 0x1d, 0x40, 0x13])).status).toBe(0x0c);
    device.display.typeText('A');
    device.display.enter();
    expect(unsolicited).toEqual([0x80]);
    const read = device.execute(command(0x06, [], 256));
    expect(read.status).toBe(0x0c);
    expect(read.data![0]).toBe(0x7d);
  });

  it('an invalid command is unit check with command-reject sense, read once by SENSE', () => {
    const { device } = attached();
    expect(device.execute(command(0x07)).status).toBe(0x0e);
    expect([...device.execute(command(0x04, [], 1)).data!]).toEqual([0x80]);
    expect([...device.execute(command(0x04, [], 1)).data!]).toEqual([0x00]);
  });

  it('a malformed write is an operation check', () => {
    const { device } = attached();
    expect(device.execute(command(0x01, [0xc3, 0x11])).status).toBe(0x0e); // SBA without its address
    expect([...device.execute(command(0x04, [], 1)).data!]).toEqual([0x01]);
  });

  it('NOP and Select complete; SENSE ID names a 3274-1D and a 3278', () => {
    const { device } = attached();
    expect(device.execute(command(0x03)).status).toBe(0x0c);
    expect(device.execute(command(0x0b)).status).toBe(0x0c);
    expect([...device.senseId().subarray(0, 7)]).toEqual([0xff, 0x32, 0x74, 0x1d, 0x32, 0x78, 0x02]);
  });
});
