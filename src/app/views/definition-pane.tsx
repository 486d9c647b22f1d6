import { useRef } from 'react';
import type { DefForm, GuestView } from '../../api/machine-api';
import { useFollowLines } from '../guest-definition/follow-lines';
import type { LineFocus } from '../guest-definition/line-correspondence';

export const FORM_TITLES: Record<DefForm, string> = {
  directory: 'z/VM user directory',
  qemu: 'QEMU command line',
  xml: 'libvirt domain XML',
  json: 'Neutral spec (JSON)',
};

interface DefinitionPaneProps {
  readonly view: GuestView;
  readonly highlighted: ReadonlySet<number> | undefined;
  readonly onFocus: (focus: LineFocus | undefined) => void;
  /** The highlight comes from elsewhere: scroll the lit lines into view. */
  readonly follow: boolean;
}

const LINE_PX = 20;
const PAD_PX = 8;

/** One rendered form with line numbers, then the translation notes: rules applied, what has no twin. */
export function DefinitionPane({ view, highlighted, onFocus, follow }: DefinitionPaneProps) {
  const lines = view.rendered.text.replace(/\n$/, '').split('\n');
  const scroller = useRef<HTMLDivElement>(null);
  useFollowLines(scroller, highlighted, follow, (line) => PAD_PX + (line - 1) * LINE_PX, LINE_PX);
  return (
    <section className="gdef-pane" data-form={view.to} aria-label={FORM_TITLES[view.to]}>
      <h3 className="gdef-pane-title">{FORM_TITLES[view.to]}</h3>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: hover only mirrors the highlight, nothing to activate */}
      <div
        className="gdef-output"
        ref={scroller}
        onMouseMove={(e) => {
          const line = Number((e.target as HTMLElement).closest<HTMLElement>('.gdef-line')?.dataset.line);
          if (line > 0) onFocus({ pane: view.to, line });
        }}
        onMouseLeave={() => onFocus(undefined)}
      >
        {lines.map((text, i) => {
          const line = i + 1;
          return (
            <div key={line} className={`gdef-line ${highlighted?.has(line) ? 'lit' : ''}`} data-line={line}>
              <span className="gdef-number">{line}</span>
              <span className="gdef-content">{text || ' '}</span>
            </div>
          );
        })}
      </div>
      {view.notes.length > 0 && (
        <ul className="gdef-notes" aria-label={`Translation notes: ${FORM_TITLES[view.to]}`}>
          {view.notes.map((note, i) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: notes have no id; the list is rebuilt whole
              key={i}
              className={`gdef-note ${note.kind}`}
              onMouseEnter={() => onFocus({ pane: 'item', key: note.key })}
              onMouseLeave={() => onFocus(undefined)}
            >
              <span className="gdef-note-kind">{note.kind === 'rule' ? 'rule' : 'no twin'}</span> {note.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
