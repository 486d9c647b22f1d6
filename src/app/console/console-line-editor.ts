/**
 * The operator's input line on a line-mode console: what xterm.js reports as typed (`onData`) is
 * edited here locally and sent whole on Enter, as a line-mode console does. Nothing typed reaches the
 * console stream until it is sent; the engine echoes sent lines into the stream itself.
 */
const MAX_LINE = 256;
const MAX_HISTORY = 50;

/** Control keys as the terminal reports them. */
const ENTER = '\r';
const LINE_FEED = '\n';
const BACKSPACE = '\x7f';
const CTRL_H = '\b';
const CTRL_C = '\x03';
const CTRL_U = '\x15';
const ARROW_UP = ['\x1b[A', '\x1bOA'];
const ARROW_DOWN = ['\x1b[B', '\x1bOB'];

export class ConsoleLineEditor {
  private text = '';
  private readonly history: string[] = [];
  /** Position while browsing history with the arrows; history.length = the line being typed. */
  private recall = 0;
  private draft = '';

  get line(): string {
    return this.text;
  }

  /**
   * Applies what the terminal reports (one key, an escape sequence, or a pasted run of text) and
   * returns the lines completed by Enter, in order.
   */
  feed(data: string): string[] {
    if (data.startsWith('\x1b')) {
      this.arrow(data);
      return [];
    }
    const sent: string[] = [];
    let previous = '';
    for (const ch of data) {
      // Enter is CR; text put in by other paths may end lines with LF or CRLF: one line each.
      if (ch === ENTER || (ch === LINE_FEED && previous !== ENTER)) {
        sent.push(this.take());
      } else if (ch === BACKSPACE || ch === CTRL_H) {
        this.text = this.text.slice(0, -1);
      } else if (ch === CTRL_U || ch === CTRL_C) {
        this.text = '';
      } else if (isPrintable(ch) && this.text.length < MAX_LINE) {
        this.text += ch;
      }
      previous = ch;
    }
    return sent;
  }

  private take(): string {
    const line = this.text;
    if (line.trim() !== '' && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      if (this.history.length > MAX_HISTORY) this.history.shift();
    }
    this.recall = this.history.length;
    this.draft = '';
    this.text = '';
    return line;
  }

  private arrow(sequence: string): void {
    if (ARROW_UP.includes(sequence) && this.recall > 0) {
      if (this.recall === this.history.length) this.draft = this.text;
      this.recall--;
      this.text = this.history[this.recall];
    } else if (ARROW_DOWN.includes(sequence) && this.recall < this.history.length) {
      this.recall++;
      this.text = this.recall === this.history.length ? this.draft : this.history[this.recall];
    }
  }
}

/**
 * Printable ASCII and Latin-1: one terminal column each, so the input line's width is its length,
 * and all of it has an EBCDIC code point on a real console.
 */
function isPrintable(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff);
}
