import { parseArgs } from 'node:util';
import { assemble, formatErrors } from '../../engine/asm/assembler';
import { CkdVolume } from '../../engine/io/dasd/ckd-volume';
import type { Model3390 } from '../../engine/io/dasd/geometry-3390';
import { IplImageError, iplVolume } from '../../engine/io/dasd/ipl-volume';
import { exportVolume, importVolume, VolumeImageError } from '../../engine/io/dasd/volume-image';
import { type CliCommand, type CliIo, UsageError } from '../cli-command';
import { readBinary, writeBinary } from './binary-files';

/**
 * `zvlab dasd`: 3390 volume image files (.ckd, the format in src/engine/io/dasd/volume-image.ts):
 * make an empty volume, make an IPL volume from an assembler source, or list what a volume holds.
 */
export const dasdCommand: CliCommand = {
  name: 'dasd',
  summary: 'make and inspect 3390 volume images (.ckd): empty, IPL-able from assembler source',
  usage: `zvlab dasd create -o OUT.ckd [--model M] [--volser SER]
       zvlab dasd ipl SRC -o OUT.ckd [--model M] [--volser SER]
       zvlab dasd info IMAGE.ckd [--json]

  create        an empty, formatted 3390 (only written tracks take space in the file)
  ipl SRC       assemble SRC (origin 0) into an IPL volume: bytes 0-23 are record 1 of cylinder 0
                head 0 (IPL PSW and two CCWs), the image from the first CCW's data address on is
                record 2, the VOL1 label record 3
  info          model, volume serial and every written track with its records (CCHHR KL DL)
  --model M     3390 model: 1, 2, 3 or 9 (default 3)
  --volser SER  volume serial, 1-6 of A-Z 0-9 $ # @ (default ZVLAB1)`,

  run(args, io) {
    const [action, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        model: { type: 'string', default: '3' },
        volser: { type: 'string', default: 'ZVLAB1' },
        json: { type: 'boolean', default: false },
      },
    });
    switch (action) {
      case 'create': {
        if (positionals.length !== 0) throw new UsageError('dasd create takes no source file');
        const volume = new CkdVolume(parseModel(values.model!), parseVolser(values.volser!));
        writeBinary(io, requireOutput(values.output), exportVolume(volume));
        return 0;
      }
      case 'ipl':
        return makeIplVolume(io, positionals, values);
      case 'info':
        return info(io, positionals, values.json!);
      default:
        throw new UsageError(`expected create, ipl or info, got '${action ?? ''}'`);
    }
  },
};

function makeIplVolume(
  io: CliIo,
  positionals: string[],
  values: { output?: string; model?: string; volser?: string },
): number {
  if (positionals.length !== 1) throw new UsageError('dasd ipl takes exactly one source file');
  const output = requireOutput(values.output);
  const model = parseModel(values.model!);
  const volser = parseVolser(values.volser!);
  const file = positionals[0];
  const result = assemble(io.readFile(file));
  if (!result.ok) {
    io.err(formatErrors(result.errors, file));
    io.err(`zvlab dasd: ${result.errors.length} error(s); nothing written\n`);
    return 1;
  }
  try {
    writeBinary(io, output, exportVolume(iplVolume(result.bytes, model, volser)));
  } catch (error) {
    if (!(error instanceof IplImageError)) throw error;
    io.err(`zvlab dasd: ${file}: ${error.message}\n`);
    return 1;
  }
  return 0;
}

function info(io: CliIo, positionals: string[], json: boolean): number {
  if (positionals.length !== 1) throw new UsageError('dasd info takes exactly one image file');
  let volume: CkdVolume;
  try {
    volume = importVolume(readBinary(io, positionals[0]));
  } catch (error) {
    if (!(error instanceof VolumeImageError)) throw error;
    io.err(`zvlab dasd: ${positionals[0]}: ${error.message}\n`);
    return 1;
  }
  const tracks = volume.writtenTracks().map((t) => ({
    cyl: t.cyl,
    head: t.head,
    records: t.records.map((r) => ({
      cyl: r.cyl,
      head: r.head,
      rec: r.rec,
      kl: r.key.length,
      dl: r.data.length,
    })),
  }));
  if (json) {
    io.out(
      `${JSON.stringify({ model: volume.model, cylinders: volume.cylinders, volser: volume.volser, tracks })}\n`,
    );
    return 0;
  }
  const lines = [
    `3390-${volume.model} ${volume.volser || '(no volser)'}: ${volume.cylinders} cylinders, ${tracks.length} written track(s)`,
  ];
  for (const t of tracks) {
    lines.push(`  track ${t.cyl}/${t.head}:`);
    for (const r of t.records)
      lines.push(`    R${r.rec}  CCHHR ${r.cyl}/${r.head}/${r.rec}  KL ${r.kl}  DL ${r.dl}`);
  }
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

function requireOutput(output: string | undefined): string {
  if (output === undefined) throw new UsageError('give -o OUT.ckd');
  return output;
}

function parseModel(text: string): Model3390 {
  if (text === '1' || text === '2' || text === '3' || text === '9') return Number(text) as Model3390;
  throw new UsageError(`--model: expected 1, 2, 3 or 9, got '${text}'`);
}

function parseVolser(text: string): string {
  if (/^[A-Z0-9$#@]{1,6}$/.test(text)) return text;
  throw new UsageError(`--volser: expected 1-6 of A-Z 0-9 $ # @, got '${text}'`);
}
