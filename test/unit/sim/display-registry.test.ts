import { describe, expect, it } from 'vitest';
import { Display3278 } from '../../../src/engine/io/display3270/display-3278';
import { record, sf, text } from '../../../src/engine/io/display3270/outbound-builder';
import { DEFAULT_CEC } from '../../../src/engine/sim/cec-config';
import { Machine } from '../../../src/engine/sim/machine';

function machineWithDisplays() {
  const machine = new Machine({ seed: 1, cec: DEFAULT_CEC });
  const a = new Display3278();
  const b = new Display3278({ model: 4 });
  machine.addDisplay(0x0020, b);
  machine.addDisplay(0x0009, a);
  return { machine, a, b };
}

describe('the machine registry of 3270 displays', () => {
  it('keeps the very objects it was given, keyed and ordered by device number', () => {
    const { machine, a, b } = machineWithDisplays();
    expect([...machine.displays().keys()]).toEqual([0x0009, 0x0020]);
    expect(machine.displays().get(0x0009)).toBe(a);
    expect(machine.displays().get(0x0020)).toBe(b);
  });

  it('refuses a second display on a device number and a number beyond FFFF', () => {
    const { machine } = machineWithDisplays();
    expect(() => machine.addDisplay(0x0009, new Display3278())).toThrow(/0009 already has a display/);
    expect(() => machine.addDisplay(0x10000, new Display3278())).toThrow(/0000 to FFFF/);
  });

  it('sends every screen in the first snapshot and then only the screens that changed', () => {
    const { machine, a } = machineWithDisplays();
    const first = machine.snapshot(0);
    expect(first.displays.map((d) => d.devno)).toEqual([0x0009, 0x0020]);
    expect(first.displays[1].screen.model).toBe(4);
    expect(machine.snapshot(first.version).displays).toEqual([]);

    a.applyRecord(record('erase-write', 0xc3, [sf(0x60), text('HELLO')]));
    const second = machine.snapshot(first.version);
    expect(second.version).toBeGreaterThan(first.version);
    expect(second.displays).toHaveLength(1);
    expect(second.displays[0].devno).toBe(0x0009);
    expect(second.displays[0].screen.lines[0]).toMatch(/^ HELLO/);
    expect(second.displays[0].screen.fields[0]).toMatchObject({ protected: true, text: expect.any(String) });
    expect(machine.snapshot(second.version).displays).toEqual([]);
    // A reader that is behind still gets the screen.
    expect(machine.snapshot(first.version).displays).toHaveLength(1);
  });

  it('counts an operator key as a change', () => {
    const { machine, a } = machineWithDisplays();
    const first = machine.snapshot(0);
    a.type('Z');
    const next = machine.snapshot(first.version);
    expect(next.displays.map((d) => d.screen.lines[0][0])).toEqual(['Z']);
    expect(next.displays[0].screen.cursor.address).toBe(1);
  });
});
