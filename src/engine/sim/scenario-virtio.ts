import { z } from 'zod';
import { RawImage } from '../io/virtio/disk-image';
import { virtioConsoleId } from './console-ids';
import type { Machine } from './machine';
import { devnoSchema } from './scenario-devices';
import { attachVirtioBlk, attachVirtioConsole } from './virtio-attach';

/** A scenario's virtio-ccw device (reference/domain-architecture.md §9): a blank raw disk or a console. */
export const virtioSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('blk'),
      devno: devnoSchema,
      /** Capacity in 512-byte sectors of the blank in-memory raw image (at most 64 MiB). */
      sectors: z.number().int().min(1).max(131_072).default(2048),
      readOnly: z.boolean().default(false),
      serial: z.string().max(20).optional(),
    })
    .strict(),
  z.object({ type: z.literal('console'), devno: devnoSchema }).strict(),
]);

export type ScenarioVirtio = z.infer<typeof virtioSchema>;

/** The line consoles the virtio consoles will add (scripted input may name them). */
export function virtioConsoleIds(entries: readonly ScenarioVirtio[]): string[] {
  return entries.flatMap((v) => (v.type === 'console' ? [virtioConsoleId(v.devno)] : []));
}

export function attachScenarioVirtio(machine: Machine, entries: readonly ScenarioVirtio[]): void {
  for (const v of entries) {
    if (v.type === 'console') attachVirtioConsole(machine, v.devno);
    else
      attachVirtioBlk(machine, v.devno, new RawImage(v.sectors * 512), {
        readOnly: v.readOnly,
        serial: v.serial,
      });
  }
}
