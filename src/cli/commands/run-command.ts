import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { screenText } from '../../engine/io/display3270/screen-render';
import { DEFAULT_CEC } from '../../engine/sim/cec-config';
import { formatVirtualTime, parseDuration } from '../../engine/sim/duration';
import { hex4 } from '../../engine/sim/display-registry';
import { Machine } from '../../engine/sim/machine';
import { machineFromScenario, parseScenario, ScenarioError } from '../../engine/sim/scenario';
import { type CliCommand, UsageError } from '../cli-command';

const DEFAULT_FOR = '1s';

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a machine (from a scenario file) for a span of virtual time and print a summary',
  usage: `zvlab run [SCENARIO.json] [--seed N] [--for DURATION] [--trace DEVNO]... [--json] [--wall]

  SCENARIO.json   a scenario file (version 1); without one, the default CEC
  --seed N        seed of the machine's random numbers (overrides the scenario's)
  --for DURATION  virtual time to run, e.g. 250ms, 2s, 10us (default ${DEFAULT_FOR})
  --trace DEVNO   trace the channel programs of a device (hex, e.g. 0009) to the ccwtrace console
  --json          print one JSON object; identical run to run for the same inputs and seed
  --wall          include the wall-clock time the run took (not deterministic)`,

  run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        seed: { type: 'string' },
        for: { type: 'string', default: DEFAULT_FOR },
        json: { type: 'boolean', default: false },
        wall: { type: 'boolean', default: false },
        trace: { type: 'string', multiple: true, default: [] },
      },
    });
    if (positionals.length > 1) throw new UsageError('run takes at most one scenario file');
    const seed = values.seed === undefined ? undefined : parseSeed(values.seed);
    let span: number;
    try {
      span = parseDuration(values.for!);
    } catch (error) {
      throw new UsageError(`--for: ${(error as Error).message}`);
    }

    const file = positionals[0];
    let machine: Machine;
    let scenarioName = 'default';
    if (file === undefined) {
      machine = new Machine({ seed: seed ?? 1, cec: DEFAULT_CEC });
    } else {
      try {
        const scenario = parseScenario(io.readFile(file), file);
        scenarioName = scenario.name;
        // Files the scenario names (an IPL program's source) are relative to the scenario file.
        machine = machineFromScenario(scenario, file, seed, (name) => io.readFile(join(dirname(file), name)));
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        io.err(`${error.message}\n`);
        return 1;
      }
    }

    for (const text of values.trace!) {
      const devno = /^[0-9A-Fa-f]{1,4}$/.test(text) ? Number.parseInt(text, 16) : -1;
      if (devno < 0)
        throw new UsageError(`--trace: expected a device number of 1-4 hex digits, got '${text}'`);
      if (!machine.traceDevice(devno, true)) {
        io.err(`--trace: no device ${hex4(devno)} in this machine\n`);
        return 1;
      }
    }

    const wallStart = values.wall ? performance.now() : 0;
    machine.advance(span);
    const wallMs = values.wall ? performance.now() - wallStart : undefined;

    const snapshot = machine.snapshot(0);
    const consoles = Object.fromEntries(snapshot.consoles.map((c) => [c.id, c.text]));
    const displays = [...machine.displays()].map(([devno, display]) => ({
      devno: hex4(devno),
      // Rows without their trailing blanks: what a reader of the output wants to see.
      text: screenText(display.buffer)
        .split('\n')
        .map((row) => row.trimEnd())
        .join('\n'),
    }));
    if (values.json) {
      const summary = {
        scenario: scenarioName,
        cec: machine.summary(),
        virtualNs: snapshot.virtualNs,
        eventsProcessed: snapshot.eventsProcessed,
        eventsPending: snapshot.eventsPending,
        consoles,
        displays: Object.fromEntries(displays.map((d) => [d.devno, d.text])),
        ...(wallMs === undefined ? {} : { wallMs: Math.round(wallMs * 1000) / 1000 }),
      };
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    }
    const cec = machine.summary();
    const lines = [
      `scenario ${scenarioName}: CEC ${cec.name}, ${cec.cpus} CPU(s), ${cec.storageMiB} MiB, seed ${cec.seed}`,
      `virtual time ${formatVirtualTime(snapshot.virtualNs)}; events processed ${snapshot.eventsProcessed}, pending ${snapshot.eventsPending}`,
    ];
    if (wallMs !== undefined) lines.push(`wall time ${wallMs.toFixed(3)} ms`);
    for (const c of snapshot.consoles) {
      lines.push(`--- console ${c.id} (${c.title}) ---`, c.text.replace(/\n$/, ''));
    }
    for (const d of displays) lines.push(`--- 3270 ${d.devno} ---`, d.text.replace(/\n$/, ''));
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};

function parseSeed(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 0xffff_ffff) {
    throw new UsageError(`--seed: expected an integer from 0 to 4294967295, got '${text}'`);
  }
  return Number(text);
}
