import { Terminal } from '@xterm/xterm';
import type { DisplaySnapshot, Named3270Key } from '../../api/machine-api';
import { type KeyBindings, meaningOf } from './key-bindings';
import { screenToAnsi } from './screen-ansi';

/** What the terminal asks the machine to do: press a named key, or type one character. */
export type Display3270Input =
  | { readonly kind: 'key'; readonly key: Named3270Key }
  | { readonly kind: 'type'; readonly char: string };

/**
 * One 3270 display drawn in xterm.js. The terminal is only a canvas: it never echoes or edits. Key
 * strokes go to the machine as 3270 keys (the display model decides what they do), and the screen
 * comes back in the next snapshot and is redrawn whole. Pasted text is typed character by
 * character, a line break becoming New Line.
 */
export const DISPLAY_THEME = {
  background: '#000000',
  foreground: '#50e860',
  cursor: '#f4e850',
  cursorAccent: '#000000',
  selectionBackground: '#33475c',
};

export class Display3270Terminal {
  readonly terminal: Terminal;
  private readonly element: HTMLDivElement;
  private shown: DisplaySnapshot | undefined;

  constructor(
    host: HTMLElement,
    private readonly devno: number,
    private readonly bindings: () => KeyBindings,
    private readonly onInput: (input: Display3270Input) => void,
  ) {
    this.terminal = new Terminal({
      fontFamily: 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 14,
      lineHeight: 1.1,
      cols: 80,
      rows: 25,
      scrollback: 0,
      cursorBlink: false,
      cursorStyle: 'block',
      theme: DISPLAY_THEME,
      allowProposedApi: false,
    });
    this.element = document.createElement('div');
    this.element.className = 'display3270-terminal';
    host.append(this.element);
    this.terminal.attachCustomKeyEventHandler((event) => this.keyEvent(event));
    this.terminal.onData((data) => this.pasted(data));
    this.terminal.open(this.element);
  }

  /** Redraws when the store holds a newer screen. */
  sync(display: DisplaySnapshot | undefined): void {
    if (display === this.shown) return;
    this.shown = display;
    if (!display) {
      this.terminal.reset();
      return;
    }
    const { screen } = display;
    if (this.terminal.cols !== screen.columns || this.terminal.rows !== screen.rows + 1) {
      this.terminal.resize(screen.columns, screen.rows + 1);
    }
    this.terminal.write(screenToAnsi(screen, this.devno));
  }

  focus(): void {
    this.terminal.focus();
  }

  dispose(): void {
    this.element.remove();
    // See LineModeTerminal.dispose: xterm.js 5.5 must not be disposed before its first viewport sync.
    setTimeout(() => this.terminal.dispose(), 0);
  }

  /** Keys with a 3270 meaning never reach xterm.js (which would turn them into terminal input). */
  private keyEvent(event: KeyboardEvent): boolean {
    if (event.isComposing) return true;
    const meaning = meaningOf(event, this.bindings());
    if (!meaning) return true;
    if (event.type === 'keydown') {
      event.preventDefault();
      this.onInput(meaning);
    }
    return false;
  }

  /** Text that reached xterm.js as input (a paste, a composed character): typed in order. */
  private pasted(data: string): void {
    if (data.startsWith('\x1b')) return;
    let previous = '';
    for (const char of data) {
      if (char === '\r' || (char === '\n' && previous !== '\r'))
        this.onInput({ kind: 'key', key: 'Newline' });
      else if (char >= ' ' && char !== '\x7f') this.onInput({ kind: 'type', char });
      previous = char;
    }
  }
}
