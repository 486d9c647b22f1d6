import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { appendedTotal, type ConsoleMirror } from './console-mirror';
import { ConsoleLineEditor } from './console-line-editor';

/**
 * A line-mode console drawn in xterm.js. The screen is the console's stream followed by one live
 * line: the stream's unfinished last line (if any) or a prompt, then the operator's input being
 * edited. Complete stream lines are written once and stay; the live line is erased and redrawn on
 * every change. A sent line disappears from the live line and comes back through the stream as the
 * engine's echo, so it appears exactly once.
 */
const PROMPT = '==> ';
const PROMPT_STYLE = '\x1b[38;2;95;211;141m';
const RESET = '\x1b[0m';

export const CONSOLE_THEME = {
  background: '#0a0e12',
  foreground: '#bfe8c9',
  cursor: '#5fd38d',
  cursorAccent: '#0a0e12',
  selectionBackground: '#2b4a38',
};

export class LineModeTerminal {
  readonly terminal: Terminal;
  private readonly fit = new FitAddon();
  private readonly editor = new ConsoleLineEditor();
  private readonly resizeObserver: ResizeObserver;
  private readonly element: HTMLDivElement;
  /** Which stream and how much of it is on screen. */
  private epoch = -1;
  private written = 0;
  /** The stream's last line while it has no '\n' yet: shown in the live line, not written. */
  private tail = '';
  /** Terminal rows the live line occupies; the cursor sits at its end. */
  private liveRows = 0;

  constructor(host: HTMLElement, onLine: (line: string) => void) {
    this.terminal = new Terminal({
      fontFamily: 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      lineHeight: 1.15,
      scrollback: 5000,
      cursorBlink: true,
      theme: CONSOLE_THEME,
      allowProposedApi: false,
    });
    this.terminal.loadAddon(this.fit);
    this.element = document.createElement('div');
    this.element.className = 'line-mode-terminal';
    host.append(this.element);
    this.terminal.open(this.element);
    this.refit();
    this.resizeObserver = new ResizeObserver(() => this.refit());
    this.resizeObserver.observe(this.element);
    this.terminal.onData((data) => {
      const sent = this.editor.feed(data);
      this.redrawLive();
      for (const line of sent) onLine(line);
    });
    this.drawLive();
  }

  /** Brings the screen up to the mirror: appends what is new, or starts over for a new stream. */
  sync(mirror: ConsoleMirror | undefined): void {
    if (mirror === undefined) {
      if (this.epoch !== -1) this.clear(-1);
      return;
    }
    if (mirror.epoch !== this.epoch) this.clear(mirror.epoch);
    const total = appendedTotal(mirror);
    if (total === this.written) return;
    // If the mirror let go of text we never wrote, write what it still has.
    const fresh = mirror.text.slice(Math.max(0, this.written - mirror.dropped));
    this.written = total;
    this.appendStream(fresh);
  }

  focus(): void {
    this.terminal.focus();
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.element.remove();
    // xterm.js 5.5 queues a viewport sync (setTimeout 0) in open(); disposing before it runs makes it
    // throw (React StrictMode mounts, unmounts and remounts at once). Dispose after it instead.
    setTimeout(() => this.terminal.dispose(), 0);
  }

  private appendStream(text: string): void {
    const combined = this.tail + text;
    const lastNewline = combined.lastIndexOf('\n');
    if (lastNewline < 0) {
      this.tail = combined;
      this.redrawLive();
      return;
    }
    this.tail = combined.slice(lastNewline + 1);
    const lines = combined.slice(0, lastNewline + 1).replace(/\r?\n/g, '\r\n');
    this.eraseLive();
    this.terminal.write(lines);
    this.drawLive();
  }

  private clear(epoch: number): void {
    this.terminal.reset();
    this.epoch = epoch;
    this.written = 0;
    this.tail = '';
    this.liveRows = 0;
    this.drawLive();
  }

  private redrawLive(): void {
    this.eraseLive();
    this.drawLive();
  }

  private eraseLive(): void {
    if (this.liveRows === 0) return;
    const up = this.liveRows > 1 ? `\x1b[${this.liveRows - 1}A` : '';
    this.terminal.write(`${up}\r\x1b[J`);
    this.liveRows = 0;
  }

  private drawLive(): void {
    const lead = this.tail === '' ? `${PROMPT_STYLE}${PROMPT}${RESET}` : this.tail;
    const leadWidth = this.tail === '' ? PROMPT.length : this.tail.length;
    this.terminal.write(lead + this.editor.line);
    this.liveRows = rowsFor(leadWidth + this.editor.line.length, this.terminal.cols);
  }

  private refit(): void {
    const { cols } = this.terminal;
    try {
      this.fit.fit();
    } catch {
      return; // not laid out yet (zero size): the next resize fits it
    }
    // xterm reflows wrapped rows on a width change; the live line now wraps at the new width.
    if (this.terminal.cols !== cols && this.liveRows > 0) {
      const leadWidth = this.tail === '' ? PROMPT.length : this.tail.length;
      this.liveRows = rowsFor(leadWidth + this.editor.line.length, this.terminal.cols);
    }
  }
}

function rowsFor(width: number, cols: number): number {
  return Math.max(1, Math.ceil(width / Math.max(1, cols)));
}
