import { z } from 'zod';

/**
 * The central electronic complex (CEC) as configured at power-on: how many CPUs and how much
 * storage. The CPU and storage issues give these numbers their machines; the LPAR issue cuts them up.
 */
export const cecConfigSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Z0-9$#@]{1,8}$/, 'a CEC name of 1-8 characters A-Z 0-9 $ # @')
      .default('ZVLAB1'),
    cpus: z.number().int().min(1).max(16).default(2),
    storageMiB: z.number().int().min(1).max(16384).default(256),
    /** Nominal speed of each CPU in millions of instructions per virtual second. */
    mips: z.number().int().min(1).max(100_000).default(1000),
  })
  .strict();

export type CecConfig = z.infer<typeof cecConfigSchema>;

export const DEFAULT_CEC: CecConfig = cecConfigSchema.parse({});
