/**
 * A rendered form and its line map: which output lines each spec item produced. Together with
 * `GuestSpec.sources` (which input lines each item came from) this lets the page highlight a line
 * of one form and its twins in another.
 */
export interface LineMapEntry {
  key: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

export interface RenderedText {
  text: string;
  lineMap: LineMapEntry[];
  /** Keys of spec items this form cannot express (translation explains why). */
  unrendered: string[];
}

export class LineWriter {
  private readonly lines: string[] = [];
  private readonly map: LineMapEntry[] = [];
  readonly unrendered: string[] = [];

  /** Appends lines produced by the given items (none for structural lines such as `</devices>`). */
  emit(keys: string | readonly string[], ...lines: string[]): void {
    const start = this.lines.length + 1;
    this.lines.push(...lines);
    const end = this.lines.length;
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      this.mark(key, start, end);
    }
  }

  /** Adds output lines already written (from `fromLine` on) to an item's map. */
  mark(key: string, startLine: number, endLine: number): void {
    if (endLine < startLine) return;
    const last = this.map.find(
      (m) => m.key === key && m.endLine + 1 >= startLine && m.startLine <= startLine,
    );
    if (last) last.endLine = Math.max(last.endLine, endLine);
    else this.map.push({ key, startLine, endLine });
  }

  get lineCount(): number {
    return this.lines.length;
  }

  result(trailingNewline = true): RenderedText {
    return {
      text: this.lines.join('\n') + (trailingNewline ? '\n' : ''),
      lineMap: this.map,
      unrendered: this.unrendered,
    };
  }
}

/** Output lines produced by an item. */
export function outputLinesOf(rendered: RenderedText, key: string): number[] {
  const lines: number[] = [];
  for (const m of rendered.lineMap) {
    if (m.key !== key) continue;
    for (let l = m.startLine; l <= m.endLine; l++) lines.push(l);
  }
  return lines;
}
