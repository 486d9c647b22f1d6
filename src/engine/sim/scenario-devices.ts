import { z } from 'zod';
import { assemble, formatErrors } from '../asm/assembler';
import { CkdVolume } from '../io/dasd/ckd-volume';
import { Dasd3390 } from '../io/dasd/dasd-3390';
import { IplImageError, iplVolume } from '../io/dasd/ipl-volume';
import { isNamed3270Key, NAMED_3270_KEYS, press3270Key } from '../io/display3270/operator-keys';
import { hex4 } from './display-registry';
import type { Machine } from './machine';

/**
 * The scenario parts that describe DASD, the IPL and scripted 3270 keys (scenario.ts composes them).
 * Files a scenario names (an assembler source for an IPL volume) are read through a `ScenarioFiles`
 * callback the host gives, relative to the scenario file: the CLI reads the disk, the page fetches.
 */

/** A device number as the operator writes it: four hex digits, e.g. "0009". */
export const devnoSchema = z
  .string()
  .regex(/^[0-9A-Fa-f]{4}$/, { message: 'expected a device number of four hex digits, e.g. "0009"' })
  .transform((text) => Number.parseInt(text, 16));

/**
 * A 3390 volume. With `iplProgram` its content is built when the scenario loads: the assembler source
 * (zvlab assembler, origin 0) becomes an IPL volume (src/engine/io/dasd/ipl-volume.ts); without it
 * the volume is freshly formatted and empty.
 */
export const dasdSchema = z
  .object({
    devno: devnoSchema,
    model: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(9)]).default(3),
    volser: z
      .string()
      .regex(/^[A-Z0-9$#@]{1,6}$/, { message: 'expected a volume serial of 1-6 letters, digits, $, # or @' })
      .default('ZVLAB1'),
    iplProgram: z.string().min(1).optional(),
  })
  .strict();

const aidNames = NAMED_3270_KEYS.filter((k) => k === 'Enter' || k === 'Clear' || /^P[FA]\d+$/.test(k));

/** Keys typed on a 3270 at a virtual time, then optionally an AID key such as "Enter" or "PF3". */
export const displayInputSchema = z
  .object({
    at: z.string(),
    display: devnoSchema,
    keys: z.string().default(''),
    aid: z
      .string()
      .transform((name) => aidNames.find((k) => k.toLowerCase() === name.toLowerCase()) ?? name)
      .refine((name) => isNamed3270Key(name), {
        message: `expected an AID key: ${aidNames.join(', ')}`,
      })
      .optional(),
  })
  .strict();

export type DasdSpec = z.infer<typeof dasdSchema>;
export type DisplayInput = z.infer<typeof displayInputSchema>;

/** Reads a file a scenario names, relative to the scenario; throws when it cannot. */
export type ScenarioFiles = (name: string) => string;

/** The files a scenario's devices need, for hosts that must fetch them before loading. */
export function scenarioFileNames(dasd: readonly DasdSpec[]): string[] {
  return dasd.flatMap((d) => (d.iplProgram === undefined ? [] : [d.iplProgram]));
}

/** Builds and attaches every volume; problems are reported as `at dasd.N...: message`. */
export function attachDasd(
  machine: Machine,
  dasd: readonly DasdSpec[],
  files: ScenarioFiles | undefined,
  problems: string[],
): void {
  dasd.forEach((spec, i) => {
    const volume = buildVolume(spec, files, (message) =>
      problems.push(`at dasd.${i}.iplProgram: ${message}`),
    );
    if (volume) machine.attachDevice(spec.devno, new Dasd3390(volume));
  });
}

function buildVolume(spec: DasdSpec, files: ScenarioFiles | undefined, problem: (message: string) => void) {
  if (spec.iplProgram === undefined) return new CkdVolume(spec.model, spec.volser);
  if (!files) {
    problem(`the scenario needs the file '${spec.iplProgram}' but this host gave no way to read files`);
    return undefined;
  }
  let source: string;
  try {
    source = files(spec.iplProgram);
  } catch (error) {
    problem(`cannot read '${spec.iplProgram}': ${(error as Error).message}`);
    return undefined;
  }
  const assembled = assemble(source);
  if (!assembled.ok) {
    problem(`\n${formatErrors(assembled.errors, spec.iplProgram).trimEnd()}`);
    return undefined;
  }
  try {
    return iplVolume(assembled.bytes, spec.model, spec.volser);
  } catch (error) {
    if (!(error instanceof IplImageError)) throw error;
    problem(`${spec.iplProgram}: ${error.message}`);
    return undefined;
  }
}

/**
 * Schedules typed keys and an AID on a 3270 at a virtual time. Keys the display refuses (a locked
 * keyboard, a protected position) are refused as for an operator: the script does not stop.
 */
export function scheduleDisplayInput(
  machine: Machine,
  entry: DisplayInput,
  atNs: number,
  index: number,
  problems: string[],
): void {
  const display = machine.displays().get(entry.display);
  if (!display) {
    problems.push(`at input.${index}.display: no 3270 display at device ${hex4(entry.display)}`);
    return;
  }
  machine.after(atNs, `input 3270 ${hex4(entry.display)}`, () => {
    for (const char of entry.keys) press3270Key(display, char);
    if (entry.aid !== undefined) press3270Key(display, entry.aid);
  });
}
