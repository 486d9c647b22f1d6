import type { DefForm, GuestView } from '../../api/machine-api';

/** Where the pointer or the caret is: a line of the input, or of one rendered form. */
export type LineFocus =
  | { readonly pane: 'input' | DefForm; readonly line: number }
  /** A spec item named by a translation note. */
  | { readonly pane: 'item'; readonly key: string };

export interface HighlightedLines {
  readonly input: ReadonlySet<number>;
  readonly outputs: Readonly<Partial<Record<DefForm, ReadonlySet<number>>>>;
}

export const NO_HIGHLIGHT: HighlightedLines = { input: new Set(), outputs: {} };

/**
 * The lines to light up for a focused line: the spec items (keys) on that line, then every line of
 * the input and of each form those items came from or produced (rows join on the item key).
 */
export function highlightFor(
  focus: LineFocus | undefined,
  views: Readonly<Partial<Record<DefForm, GuestView>>>,
): HighlightedLines {
  if (!focus) return NO_HIGHLIGHT;
  const keys = new Set<string>(focus.pane === 'item' ? [focus.key] : []);
  for (const view of Object.values(views)) {
    if (!view) continue;
    for (const row of view.rows) {
      if (focus.pane === 'item') continue;
      const lines = focus.pane === 'input' ? row.sourceLines : focus.pane === view.to ? row.outputLines : [];
      if (lines.includes(focus.line)) keys.add(row.key);
    }
  }
  const input = new Set<number>();
  const outputs: Partial<Record<DefForm, Set<number>>> = {};
  for (const [form, view] of Object.entries(views) as [DefForm, GuestView | undefined][]) {
    if (!view) continue;
    const lines = new Set<number>();
    for (const row of view.rows) {
      if (!keys.has(row.key)) continue;
      for (const l of row.sourceLines) input.add(l);
      for (const l of row.outputLines) lines.add(l);
    }
    outputs[form] = lines;
  }
  // the focused line itself stays lit even when it holds no item (a blank line, `</devices>`)
  if (focus.pane === 'input') input.add(focus.line);
  else if (focus.pane !== 'item') {
    const lines = outputs[focus.pane] ?? new Set<number>();
    lines.add(focus.line);
    outputs[focus.pane] = lines;
  }
  return { input, outputs };
}
