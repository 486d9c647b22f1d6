import { describe, expect, it } from 'vitest';
import { machineFromScenario, parseScenario, ScenarioError } from '../../../src/engine/sim/scenario';

const scenario = (virtio: string, extra = '') =>
  parseScenario(`{"version":1,"name":"v","virtio":${virtio}${extra}}`, 'v.json');

describe('scenario virtio devices', () => {
  it('attaches a blank virtio-blk disk and a virtio console whose line console takes scripted input', () => {
    const machine = machineFromScenario(
      scenario(
        '[{"type":"blk","devno":"0100","sectors":64},{"type":"console","devno":"0101"}]',
        ',"input":[{"at":"1ms","console":"virtio-0101","line":"hi"}]',
      ),
      'v.json',
    );
    const blk = machine.channel.byDevno(0x0100)?.device;
    expect(blk?.kind).toBe('virtio-blk');
    expect([...(blk?.senseId() ?? [])].slice(0, 4)).toEqual([0xff, 0x38, 0x32, 2]);
    expect(machine.channel.byDevno(0x0101)?.device.kind).toBe('virtio-console');
    machine.advance(2_000_000);
    expect(machine.console('virtio-0101').text()).toBe('hi\n');
  });

  it('rejects an unknown device type and a device number used twice', () => {
    expect(() => scenario('[{"type":"net","devno":"0100"}]')).toThrow(/at virtio\.0\.type/);
    let error: unknown;
    try {
      machineFromScenario(
        scenario('[{"type":"console","devno":"0009"}]', ',"displays":[{"devno":"0009"}]'),
        'v.json',
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).toBe('v.json: at virtio.0.devno: device 0009 is defined twice');
  });
});
