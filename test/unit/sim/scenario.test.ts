import { describe, expect, it } from 'vitest';
import { machineFromScenario, parseScenario, ScenarioError } from '../../../src/engine/sim/scenario';

function problems(text: string): string[] {
  try {
    machineFromScenario(parseScenario(text, 'bad.json'), 'bad.json');
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('scenario files', () => {
  it('fills in the default CEC and runs scripted input at its virtual time', () => {
    const scenario = parseScenario('{"version":1,"name":"x","input":[{"at":"2ms","line":"ping"}]}');
    expect(scenario.cec.cpus).toBe(2);
    const machine = machineFromScenario(scenario, 'x.json');
    machine.advance(1_999_999);
    expect(machine.console('hmc').text()).not.toContain('ping');
    machine.advance(1);
    expect(machine.console('hmc').text()).toContain('ping\n');
  });

  it('names line and column of a JSON syntax error', () => {
    expect(problems('{\n  "version": 1,\n  "name": "x",,\n}')[0]).toMatch(
      /^bad\.json: 3:15: invalid JSON: Expected double-quoted property name/,
    );
  });

  it('names the path and what was expected for schema errors', () => {
    expect(problems('{"version":2,"name":"x"}')).toEqual([
      'bad.json: at version: expected 1 (the only scenario format version so far)',
    ]);
    expect(problems('{"version":1,"name":"x","cec":{"cpus":0}}')[0]).toMatch(/^bad\.json: at cec\.cpus: /);
    expect(problems('{"version":1,"name":"x","input":[{"at":"soon","line":"a"}]}')).toEqual([
      'bad.json: at input.0.at: expected a duration such as "250ms", "2s" or "10us"',
    ]);
    expect(problems('{"version":1,"name":"x","colour":"red"}')[0]).toMatch(/colour/);
  });

  it('rejects input for a console the machine does not have', () => {
    expect(problems('{"version":1,"name":"x","input":[{"at":"1ms","console":"tty9","line":"a"}]}')).toEqual([
      "bad.json: at input.0.console: no console 'tty9' (expected one of: hmc)",
    ]);
  });

  it('attaches the 3278 displays it names, by device number and model', () => {
    const machine = machineFromScenario(
      parseScenario('{"version":1,"name":"x","displays":[{"devno":"0009"},{"devno":"00a1","model":4}]}'),
      'x.json',
    );
    expect([...machine.displays().keys()]).toEqual([0x0009, 0x00a1]);
    expect(machine.displays().get(0x00a1)?.model).toBe(4);
    expect(machine.displays().get(0x0009)?.model).toBe(2);
  });

  it('rejects a malformed or repeated display device number and an unknown model', () => {
    expect(problems('{"version":1,"name":"x","displays":[{"devno":"9"}]}')).toEqual([
      'bad.json: at displays.0.devno: expected a device number of four hex digits, e.g. "0009"',
    ]);
    expect(problems('{"version":1,"name":"x","displays":[{"devno":"0009"},{"devno":"0009"}]}')).toEqual([
      'bad.json: at displays.1.devno: device 0009 is defined twice',
    ]);
    expect(problems('{"version":1,"name":"x","displays":[{"devno":"0009","model":7}]}')[0]).toMatch(
      /^bad\.json: at displays\.0\.model: /,
    );
  });
});
