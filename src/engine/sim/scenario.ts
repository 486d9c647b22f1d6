import { z } from 'zod';
import { cecConfigSchema } from './cec-config';
import { parseDuration } from './duration';
import { HMC_CONSOLE } from './console-ids';
import { hex4 } from './display-registry';
import { Display3278Device } from '../io/display3270/display-3278-device';
import { Machine } from './machine';
import {
  attachDasd,
  dasdSchema,
  devnoSchema,
  displayInputSchema,
  type ScenarioFiles,
  scheduleDisplayInput,
} from './scenario-devices';
import { attachScenarioVirtio, virtioConsoleIds, virtioSchema } from './scenario-virtio';

/**
 * A scenario file: a versioned JSON description of a machine and a script of operator input.
 * Errors name the path inside the file and what was expected.
 */
const durationSchema = z.string().refine(
  (text) => {
    try {
      parseDuration(text);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a duration such as "250ms", "2s" or "10us"' },
);

/** A 3278 display (reference/domain-architecture.md §8.7 models). */
const displaySchema = z
  .object({
    devno: devnoSchema,
    model: z.union([z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).default(2),
  })
  .strict();

export const scenarioSchema = z
  .object({
    version: z.literal(1, { message: 'expected 1 (the only scenario format version so far)' }),
    name: z.string().min(1),
    description: z.string().optional(),
    seed: z.number().int().min(0).max(0xffff_ffff).optional(),
    cec: cecConfigSchema.default(cecConfigSchema.parse({})),
    displays: z.array(displaySchema).default([]),
    dasd: z.array(dasdSchema).default([]),
    virtio: z.array(virtioSchema).default([]),
    /** Device number to IPL from once the machine is built (a CCW IPL, §10.2). */
    ipl: devnoSchema.optional(),
    input: z
      .array(
        z.union([
          z
            .object({
              at: durationSchema,
              console: z.string().default(HMC_CONSOLE),
              line: z.string(),
            })
            .strict(),
          displayInputSchema.extend({ at: durationSchema }),
        ]),
      )
      .default([]),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join('\n'));
    this.name = 'ScenarioError';
  }
}

/** Parses scenario text; throws ScenarioError with `file: line:col` for JSON errors and `path` for schema errors. */
export function parseScenario(text: string, file = 'scenario.json'): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(file, [jsonErrorMessage(text, (error as Error).message)]);
  }
  const result = scenarioSchema.safeParse(raw);
  if (!result.success) {
    throw new ScenarioError(
      file,
      result.error.issues.map((issue) => {
        const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
        return `at ${path}: ${issue.message}`;
      }),
    );
  }
  return result.data;
}

function jsonErrorMessage(text: string, message: string): string {
  const position = /position (\d+)/.exec(message);
  if (!position) return `invalid JSON: ${message}`;
  const offset = Number(position[1]);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  return `${line}:${column}: invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`;
}

/**
 * Builds the machine a scenario describes: its displays and DASD (volumes built from the files the
 * scenario names, read through `files`), the scripted input in virtual time, and last the IPL.
 */
export function machineFromScenario(
  scenario: Scenario,
  file: string,
  seedOverride?: number,
  files?: ScenarioFiles,
): Machine {
  const machine = new Machine({ seed: seedOverride ?? scenario.seed ?? 1, cec: scenario.cec });
  const known = [...machine.consoleIds(), ...virtioConsoleIds(scenario.virtio)];
  const problems: string[] = [];
  scenario.input.forEach((entry, i) => {
    if ('line' in entry && !known.includes(entry.console)) {
      problems.push(
        `at input.${i}.console: no console '${entry.console}' (expected one of: ${known.join(', ')})`,
      );
    }
  });
  const seen = new Set<number>();
  const devices = [
    ...scenario.displays.map(({ devno }, i) => ({ devno, at: `displays.${i}.devno` })),
    ...scenario.dasd.map(({ devno }, i) => ({ devno, at: `dasd.${i}.devno` })),
    ...scenario.virtio.map(({ devno }, i) => ({ devno, at: `virtio.${i}.devno` })),
  ];
  for (const { devno, at } of devices) {
    if (seen.has(devno)) problems.push(`at ${at}: device ${hex4(devno)} is defined twice`);
    seen.add(devno);
  }
  const ipl = scenario.ipl;
  if (ipl !== undefined && !scenario.dasd.some((d) => d.devno === ipl)) {
    problems.push(
      `at ipl: no DASD at device ${hex4(ipl)} (the IPL device must be one of the scenario's dasd)`,
    );
  }
  if (problems.length > 0) throw new ScenarioError(file, problems);
  for (const { devno, model } of scenario.displays) {
    const device = new Display3278Device({ model });
    machine.addDisplay(devno, device.display);
    machine.attachDevice(devno, device);
  }
  attachDasd(machine, scenario.dasd, files, problems);
  attachScenarioVirtio(machine, scenario.virtio);
  scenario.input.forEach((entry, i) => {
    const at = parseDuration(entry.at);
    if ('line' in entry) {
      const target = machine.console(entry.console);
      machine.after(at, `input ${entry.console}`, () => target.input(entry.line));
    } else {
      scheduleDisplayInput(machine, entry, at, i, problems);
    }
  });
  if (problems.length > 0) throw new ScenarioError(file, problems);
  if (ipl !== undefined) machine.ipl(ipl);
  return machine;
}
