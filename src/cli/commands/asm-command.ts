import { parseArgs } from 'node:util';
import { assemble, formatErrors, LEVELS } from '../../engine/asm/assembler';
import { formatListing } from '../../engine/asm/listing';
import { type CliCommand, UsageError } from '../cli-command';
import { parseHexAddress, writeBinary } from './binary-files';

export const asmCommand: CliCommand = {
  name: 'asm',
  summary: 'assemble HLASM-style source into object bytes (with a listing on request)',
  usage: `zvlab asm SRC [-o OUT.bin] [--listing] [--origin HEX]

  SRC            assembler source (HLASM style; GNU %rN registers accepted)
  -o OUT.bin     write the object bytes, from the origin, to OUT.bin
  --listing      print the listing (location, object code, source) and the symbol table
  --origin HEX   origin when the source has no START (default 0)
  --machine M    reject instructions newer than M (${LEVELS.join(', ')})
  --esa          reject z/Architecture-only instructions (code for ESA/390 mode)

  On any error nothing is written; errors are printed as SRC:LINE:COL: error: ... (exit 1).`,

  run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        listing: { type: 'boolean', default: false },
        origin: { type: 'string' },
        machine: { type: 'string' },
        esa: { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new UsageError('asm takes exactly one source file');
    if (values.output === undefined && !values.listing)
      throw new UsageError('give -o OUT.bin, --listing or both');
    let origin = 0;
    if (values.origin !== undefined) {
      const o = parseHexAddress(values.origin);
      if (o === undefined) throw new UsageError(`--origin: expected a hex address, got '${values.origin}'`);
      origin = o;
    }
    const machine = LEVELS.find((l) => l === values.machine);
    if (values.machine !== undefined && machine === undefined) {
      throw new UsageError(`--machine: expected one of ${LEVELS.join(', ')}, got '${values.machine}'`);
    }
    const file = positionals[0];
    const result = assemble(io.readFile(file), { origin, machine, mode: values.esa ? 'esa390' : 'z' });
    if (!result.ok) {
      io.err(formatErrors(result.errors, file));
      io.err(`zvlab asm: ${result.errors.length} error(s); nothing written\n`);
      return 1;
    }
    if (values.output !== undefined) writeBinary(io, values.output, result.bytes);
    if (values.listing) io.out(formatListing(result));
    return 0;
  },
};
