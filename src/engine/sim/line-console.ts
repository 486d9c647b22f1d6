/**
 * A line-mode console: an append-only, versioned text stream plus an input hook. Readers ask for
 * what is new since the version they have, so a page that falls behind gets one chunk, never a queue.
 * This is the HMC's "Operating System Messages" style of console; the 3270 screen console is a
 * device of the channel subsystem instead.
 */
export interface ConsoleChunk {
  readonly version: number;
  readonly text: string;
}

/** What a reader gets: the text after `since`, or all retained text with `truncated` when it fell behind. */
export interface ConsoleDelta {
  readonly id: string;
  readonly title: string;
  readonly version: number;
  readonly text: string;
  readonly truncated: boolean;
}

const RETAINED_CHARS = 256 * 1024;

export class LineConsole {
  private chunks: ConsoleChunk[] = [];
  private retained = 0;
  private lastVersion = 0;
  private droppedThrough = 0;
  private lineHandler: (line: string) => void = () => {};

  constructor(
    readonly id: string,
    readonly title: string,
    private readonly nextVersion: () => number,
  ) {}

  get version(): number {
    return this.lastVersion;
  }

  write(text: string): void {
    if (text.length === 0) return;
    this.lastVersion = this.nextVersion();
    this.chunks.push({ version: this.lastVersion, text });
    this.retained += text.length;
    while (this.retained > RETAINED_CHARS && this.chunks.length > 1) {
      const dropped = this.chunks.shift()!;
      this.retained -= dropped.text.length;
      this.droppedThrough = dropped.version;
    }
  }

  writeLine(line: string): void {
    this.write(`${line}\n`);
  }

  /** All text written after version `since`. */
  readSince(since: number): ConsoleDelta {
    const chunks = this.chunks;
    let first = chunks.length;
    while (first > 0 && chunks[first - 1].version > since) first--;
    const truncated = since < this.droppedThrough;
    let text = '';
    for (let i = first; i < chunks.length; i++) text += chunks[i].text;
    return { id: this.id, title: this.title, version: this.lastVersion, text, truncated };
  }

  /** Everything retained, for summaries. */
  text(): string {
    return this.readSince(0).text;
  }

  /** What receives a line typed by the operator (the program behind the console). */
  onLine(handler: (line: string) => void): void {
    this.lineHandler = handler;
  }

  /** A line typed by the operator: echoed as typed (line mode), then handed to the program. */
  input(line: string): void {
    this.writeLine(line);
    this.lineHandler(line);
  }
}
