import { type ChangeEvent, type MouseEvent, useMemo, useRef } from 'react';
import type { DefDiagnostic } from '../../api/machine-api';
import { useFollowLines } from '../guest-definition/follow-lines';

/** One editor line is this tall (px); the gutter, the highlights and the messages align on it. */
export const EDITOR_LINE_PX = 20;
const PAD_PX = 8;

interface DefinitionEditorProps {
  readonly text: string;
  readonly onChange: (text: string) => void;
  readonly diagnostics: readonly DefDiagnostic[];
  readonly highlighted: ReadonlySet<number>;
  /** The line under the pointer (undefined when it leaves) or holding the caret. */
  readonly onHoverLine: (line: number | undefined) => void;
  readonly onCaretLine: (line: number) => void;
  /** The highlight comes from an output pane: scroll the lit lines into view. */
  readonly follow: boolean;
}

/**
 * A plain textarea over a backdrop: line numbers and error/warning markers in the gutter, the
 * highlighted lines as bars behind the text, and each diagnostic's message after its line.
 */
export function DefinitionEditor(props: DefinitionEditorProps) {
  const { text, diagnostics, highlighted } = props;
  const lines = useMemo(() => text.split('\n'), [text]);
  const byLine = useMemo(() => {
    const map = new Map<number, DefDiagnostic[]>();
    for (const d of diagnostics) map.set(d.line, [...(map.get(d.line) ?? []), d]);
    return map;
  }, [diagnostics]);
  const widest = lines.reduce((w, l) => Math.max(w, l.length), 0);
  const height = lines.length * EDITOR_LINE_PX + 2 * PAD_PX;
  const scroller = useRef<HTMLDivElement>(null);
  useFollowLines(
    scroller,
    highlighted,
    props.follow,
    (line) => PAD_PX + (line - 1) * EDITOR_LINE_PX,
    EDITOR_LINE_PX,
  );

  const lineAt = (event: MouseEvent<HTMLElement>) => {
    const top = event.currentTarget.getBoundingClientRect().top;
    const line = Math.floor((event.clientY - top - PAD_PX) / EDITOR_LINE_PX) + 1;
    return Math.min(Math.max(line, 1), lines.length);
  };
  const caretLine = (area: HTMLTextAreaElement) =>
    props.onCaretLine(area.value.slice(0, area.selectionStart).split('\n').length);

  return (
    <div className="gdef-editor" data-testid="definition-editor" ref={scroller}>
      <div className="gdef-code" style={{ height }}>
        <ol className="gdef-gutter" aria-hidden="true">
          {lines.map((_, i) => {
            const line = i + 1;
            const found = byLine.get(line);
            const severity = found?.some((d) => d.severity === 'error') ? 'error' : found ? 'warning' : '';
            return (
              <li
                key={line}
                className={`gdef-gutter-line ${severity} ${highlighted.has(line) ? 'lit' : ''}`}
                title={found?.map((d) => d.message).join('\n')}
              >
                <span className="gdef-marker">{severity === 'error' ? '✖' : severity ? '▲' : ''}</span>
                {line}
              </li>
            );
          })}
        </ol>
        <div className="gdef-text" style={{ minWidth: `calc(${widest + 4}ch + 20px)` }}>
          <div className="gdef-backdrop" aria-hidden="true">
            {[...highlighted].map((line) => (
              <div key={line} className="gdef-bar" style={{ top: PAD_PX + (line - 1) * EDITOR_LINE_PX }} />
            ))}
          </div>
          <textarea
            className="gdef-textarea"
            aria-label="Guest definition"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            wrap="off"
            value={text}
            style={{ height }}
            onChange={(e: ChangeEvent<HTMLTextAreaElement>) => props.onChange(e.target.value)}
            onMouseMove={(e) => props.onHoverLine(lineAt(e))}
            onMouseLeave={() => props.onHoverLine(undefined)}
            onSelect={(e) => caretLine(e.currentTarget)}
          />
          <div className="gdef-messages">
            {[...byLine].map(([line, found]) => (
              <div
                key={line}
                className={`gdef-inline ${found.some((d) => d.severity === 'error') ? 'error' : 'warning'}`}
                data-testid="inline-diagnostic"
                data-line={line}
                style={{
                  top: PAD_PX + (line - 1) * EDITOR_LINE_PX,
                  left: `calc(${(lines[line - 1]?.length ?? 0) + 3}ch + 10px)`,
                }}
              >
                {found.map((d) => d.message.split('\n')[0]).join(' · ')}
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
