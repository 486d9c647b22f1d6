import { z } from 'zod';
import { cecConfigSchema } from './cec-config';
import { parseDuration } from './duration';
import { HMC_CONSOLE } from './console-ids';
import { hex4 } from './display-registry';
import { Display3278 } from '../io/display3270/display-3278';
import { Machine } from './machine';

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

/** A device number as the operator writes it: four hex digits, e.g. "0009". */
const devnoSchema = z
  .string()
  .regex(/^[0-9A-Fa-f]{4}$/, { message: 'expected a device number of four hex digits, e.g. "0009"' })
  .transform((text) => Number.parseInt(text, 16));

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
    input: z
      .array(
        z
          .object({
            at: durationSchema,
            console: z.string().default(HMC_CONSOLE),
            line: z.string(),
          })
          .strict(),
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

/** Builds the machine a scenario describes, with its scripted input scheduled in virtual time. */
export function machineFromScenario(scenario: Scenario, file: string, seedOverride?: number): Machine {
  const machine = new Machine({ seed: seedOverride ?? scenario.seed ?? 1, cec: scenario.cec });
  const known = machine.consoleIds();
  const problems = scenario.input.flatMap((entry, i) =>
    known.includes(entry.console)
      ? []
      : [`at input.${i}.console: no console '${entry.console}' (expected one of: ${known.join(', ')})`],
  );
  const seen = new Set<number>();
  scenario.displays.forEach(({ devno }, i) => {
    if (seen.has(devno)) problems.push(`at displays.${i}.devno: device ${hex4(devno)} is defined twice`);
    seen.add(devno);
  });
  if (problems.length > 0) throw new ScenarioError(file, problems);
  for (const { devno, model } of scenario.displays) machine.addDisplay(devno, new Display3278({ model }));
  for (const entry of scenario.input) {
    const target = machine.console(entry.console);
    machine.after(parseDuration(entry.at), `input ${entry.console}`, () => target.input(entry.line));
  }
  return machine;
}
