import { parseArgs } from 'node:util';
import { disassemble, formatDisassembly } from '../../engine/asm/disassembler';
import { type CliCommand, UsageError } from '../cli-command';
import { parseHexAddress, readBinary } from './binary-files';

export const disasmCommand: CliCommand = {
  name: 'disasm',
  summary: 'disassemble a file of z/Architecture machine code',
  usage: `zvlab disasm BIN [--base HEX]

  BIN          raw machine code (e.g. the output of zvlab asm -o)
  --base HEX   address of the first byte (default 0); relative targets print as addresses`,

  run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { base: { type: 'string' } },
    });
    if (positionals.length !== 1) throw new UsageError('disasm takes exactly one file');
    let base = 0;
    if (values.base !== undefined) {
      const b = parseHexAddress(values.base);
      if (b === undefined) throw new UsageError(`--base: expected a hex address, got '${values.base}'`);
      base = b;
    }
    io.out(formatDisassembly(disassemble(readBinary(io, positionals[0]), base)));
    return 0;
  },
};
