/** One `zvlab` sub-command: its name, a one-line summary, its usage text, and what it does. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly readFile: (path: string) => string;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Returns the process exit code: 0 success, 1 failure of the input, 2 bad usage. */
  run(args: string[], io: CliIo): number;
}

export class UsageError extends Error {
  override name = 'UsageError';
}
