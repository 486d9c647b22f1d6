// Drives s3270 through its stdin/stdout scripting interface: one action per line; each answer is
// zero or more "data: " lines, a status line, then "ok" or "error".
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

export interface S3270Answer {
  readonly ok: boolean;
  readonly data: string[];
  readonly status: string;
}

export class S3270 {
  private readonly child: ChildProcessWithoutNullStreams;
  private pending = '';
  private readonly waiters: ((line: string) => void)[] = [];
  private readonly lines: string[] = [];

  constructor(args: string[]) {
    this.child = spawn('s3270', args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (text: string) => {
      this.pending += text;
      let newline = this.pending.indexOf('\n');
      while (newline >= 0) {
        const line = this.pending.slice(0, newline);
        this.pending = this.pending.slice(newline + 1);
        const waiter = this.waiters.shift();
        if (waiter) waiter(line);
        else this.lines.push(line);
        newline = this.pending.indexOf('\n');
      }
    });
    this.child.stderr.on('data', (text: Buffer) => process.stderr.write(`s3270: ${text}`));
  }

  private nextLine(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async action(text: string): Promise<S3270Answer> {
    this.child.stdin.write(`${text}\n`);
    const data: string[] = [];
    let status = '';
    for (;;) {
      const line = await this.nextLine();
      if (line === 'ok' || line === 'error') return { ok: line === 'ok', data, status };
      if (line.startsWith('data: ')) data.push(line.slice(6));
      else if (line === 'data:') data.push('');
      else status = line;
    }
  }

  async quit(): Promise<void> {
    this.child.stdin.write('Quit\n');
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.on('exit', () => resolve());
    });
  }
}
