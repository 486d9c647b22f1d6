import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenText } from '../../../src/engine/io/display3270/screen-render';
import type { Machine } from '../../../src/engine/sim/machine';
import { machineFromScenario, parseScenario, ScenarioError } from '../../../src/engine/sim/scenario';

const DIR = join(__dirname, '../../../public/scenarios');
const FILE = join(DIR, 'first-light.json');
const readScenarioFile = (name: string) => readFileSync(join(DIR, name), 'utf8');

function firstLight(): Machine {
  return machineFromScenario(
    parseScenario(readFileSync(FILE, 'utf8'), FILE),
    FILE,
    undefined,
    readScenarioFile,
  );
}

function screen(m: Machine): string {
  return screenText(m.displays().get(0x0009)!.buffer)
    .split('\n')
    .map((row) => row.trimEnd())
    .join('\n');
}

describe('first light: IPL from the 3390 at 0A80, welcome and echo on the 3270 at 0009', () => {
  it('the welcome screen is up before any input, the CPU in z/Architecture waiting for ENTER', () => {
    const m = firstLight();
    m.advance(40_000_000);
    expect(screen(m)).toContain('ZVLAB FIRST LIGHT - IPL FROM THE 3390 AT 0A80');
    expect(screen(m)).toContain('TYPE SOMETHING AND PRESS ENTER:');
    expect(screen(m)).not.toContain('YOU TYPED');
    const cpu = m.cpus[0];
    expect(cpu.architecture).toBe('z/architecture');
    expect(cpu.waiting).toBe(true);
    expect(cpu.pswHex().slice(0, 4)).toBe('0202'); // enabled for I/O, wait
    const display = m.displays().get(0x0009)!;
    expect(display.cursor).toBe(4 * 80 + 5); // in the input field
    expect(display.keyboardLocked).toBe(false);
  });

  it('echoes what the operator typed after ENTER, then waits for the next line', () => {
    const m = firstLight();
    m.advance(100_000_000);
    const rows = screen(m).split('\n');
    expect(rows[10]).toBe(' YOU TYPED: HELLO');
    expect(rows[4]).toBe(' ==>'); // the input field emptied for the next line
    m.advance(100_000_000);
    expect(screen(m).split('\n')[10]).toBe(' YOU TYPED: IBM Z');
    expect(m.displays().get(0x0009)!.keyboardLocked).toBe(false);
  });

  it('the same scenario and seed give the same machine, instruction for instruction', () => {
    const a = firstLight();
    const b = firstLight();
    a.advance(200_000_000);
    b.advance(200_000_000);
    expect(a.snapshot(0)).toEqual(b.snapshot(0));
  });

  it('a scenario whose IPL program does not assemble names the file, line and column', () => {
    const scenario = parseScenario(readFileSync(FILE, 'utf8'), FILE);
    const broken = (name: string) => (name === 'first-light.asm' ? ' NOSUCH 1,2\n' : readScenarioFile(name));
    expect(() => machineFromScenario(scenario, FILE, undefined, broken)).toThrow(ScenarioError);
    expect(() => machineFromScenario(scenario, FILE, undefined, broken)).toThrow(
      /at dasd\.0\.iplProgram: \nfirst-light\.asm:1:2: error/,
    );
  });

  it('a scenario that IPLs from a device it does not have is rejected', () => {
    const text = readFileSync(FILE, 'utf8').replace('"ipl": "0A80"', '"ipl": "0A81"');
    expect(() => machineFromScenario(parseScenario(text, FILE), FILE, undefined, readScenarioFile)).toThrow(
      /at ipl: no DASD at device 0A81/,
    );
  });

  it('3270 input for a display the scenario does not have is rejected', () => {
    const text = readFileSync(FILE, 'utf8').replace(
      '"display": "0009", "keys": "HELLO"',
      '"display": "0010", "keys": "HELLO"',
    );
    expect(() => machineFromScenario(parseScenario(text, FILE), FILE, undefined, readScenarioFile)).toThrow(
      /at input\.0\.display: no 3270 display at device 0010/,
    );
  });

  it('without a way to read files the scenario says which file it needs', () => {
    expect(() => machineFromScenario(parseScenario(readFileSync(FILE, 'utf8'), FILE), FILE)).toThrow(
      /needs the file 'first-light\.asm'/,
    );
  });
});
