#!/usr/bin/env node
// zvlab: the headless command line over the same engine the page runs in its worker.
import { readFileSync } from 'node:fs';
import { type CliCommand, type CliIo, UsageError } from './cli-command';
import { asmCommand } from './commands/asm-command';
import { dasdCommand } from './commands/dasd-command';
import { defCommand } from './commands/def-command';
import { disasmCommand } from './commands/disasm-command';
import { execCommand } from './commands/exec-command';
import { render3270Command } from './commands/render3270-command';
import { runCommand } from './commands/run-command';

const COMMANDS: readonly CliCommand[] = [
  runCommand,
  execCommand,
  render3270Command,
  asmCommand,
  disasmCommand,
  defCommand,
  dasdCommand,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: zvlab <command> [options]   (from a clone: npm run zvlab -- <command> [options])',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "'zvlab <command> --help' shows a command's options.",
  ].join('\n');
}

export function main(argv: string[], io: CliIo): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${help()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`zvlab: unknown command '${name}'\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${command.usage}\n`);
    return 0;
  }
  try {
    return command.run(rest, io);
  } catch (error) {
    const usage =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (usage) {
      io.err(`zvlab ${name}: ${(error as Error).message}\nusage: ${command.usage}\n`);
      return 2;
    }
    if ((error as { code?: string }).code === 'ENOENT') {
      io.err(`zvlab ${name}: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) {
  process.exitCode = main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path, 'utf8'),
  });
}
