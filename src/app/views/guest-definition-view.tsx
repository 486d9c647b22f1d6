import { useState } from 'react';
import type { DefForm, DefinitionViews, GuestDefinitionForm, GuestView } from '../../api/machine-api';
import { DEFINITION_EXAMPLES } from '../guest-definition/definition-examples';
import { highlightFor, type LineFocus } from '../guest-definition/line-correspondence';
import { useDefinitionViews } from '../guest-definition/use-definition-views';
import './guest-definition.css';
import { DefinitionEditor } from './definition-editor';
import { DefinitionPane, FORM_TITLES } from './definition-pane';

type FormChoice = 'auto' | GuestDefinitionForm;
const FORM_CHOICES: readonly FormChoice[] = ['auto', 'directory', 'qemu', 'xml'];
const INPUT_FORMS: readonly DefForm[] = ['directory', 'qemu', 'xml'];

/**
 * Guest definition (issue 5): write a guest in one language — z/VM user directory, QEMU command line
 * or libvirt domain XML — and read it in the others, line against line, with the rules that
 * translated it and what has no twin. Parsing and translation run in the machine worker.
 */
export default function GuestDefinitionView() {
  const [text, setText] = useState(DEFINITION_EXAMPLES[0].text);
  const [choice, setChoice] = useState<FormChoice>('auto');
  const [hover, setHover] = useState<LineFocus | undefined>();
  const [caret, setCaret] = useState<number | undefined>();
  const [guestIndex, setGuestIndex] = useState(0);
  const { views, failure, pending } = useDefinitionViews(text, choice === 'auto' ? undefined : choice);

  const parsed = views?.parsed;
  const guests = views?.guests ?? [];
  const guest = guests[Math.min(guestIndex, guests.length - 1)];
  const outputs = INPUT_FORMS.filter((f) => f !== parsed?.form);
  const shown: Partial<Record<DefForm, GuestView>> = {};
  for (const f of outputs) if (guest) shown[f] = guest.views[f];
  const focus = hover ?? (caret === undefined ? undefined : { pane: 'input' as const, line: caret });
  const highlighted = highlightFor(focus, shown);

  const onCaretLine = (line: number) => {
    setCaret(line);
    const owner = guestOwning(views, line);
    if (owner !== undefined) setGuestIndex(owner);
  };
  const load = (example: string) => {
    setText(example);
    setCaret(undefined);
    setGuestIndex(0);
  };
  const errors = parsed?.diagnostics.filter((d) => d.severity === 'error').length ?? 0;
  const warnings = (parsed?.diagnostics.length ?? 0) - errors;

  return (
    <section className="gdef" aria-labelledby="gdef-title" data-testid="guest-definition">
      <div className="gdef-toolbar">
        <h2 className="panel-title" id="gdef-title">
          Guest definition
        </h2>
        <label className="gdef-form">
          Input form{' '}
          <select
            value={choice}
            onChange={(e) => setChoice(e.target.value as FormChoice)}
            data-testid="definition-form"
          >
            {FORM_CHOICES.map((c) => (
              <option key={c} value={c}>
                {c === 'auto'
                  ? `Detect${choice === 'auto' && parsed ? ` (${FORM_TITLES[parsed.form]})` : ''}`
                  : FORM_TITLES[c]}
              </option>
            ))}
          </select>
        </label>
        <div className="gdef-examples">
          <span className="muted">Examples</span>
          {DEFINITION_EXAMPLES.map((ex) => (
            <button
              type="button"
              key={ex.id}
              title={ex.hint}
              data-example={ex.id}
              onClick={() => load(ex.text)}
            >
              {ex.label}
            </button>
          ))}
        </div>
      </div>
      <div className="gdef-body">
        <div className="gdef-input">
          <div className="gdef-input-title">
            <h3 className="gdef-pane-title">Input{parsed ? ` — ${FORM_TITLES[parsed.form]}` : ''}</h3>
            <span
              className={`gdef-status ${errors ? 'error' : warnings ? 'warning' : 'ok'}`}
              data-testid="definition-status"
            >
              {pending ? 'translating…' : statusText(errors, warnings)}
            </span>
          </div>
          <DefinitionEditor
            text={text}
            onChange={setText}
            diagnostics={parsed?.diagnostics ?? []}
            highlighted={highlighted.input}
            onHoverLine={(line) => setHover(line === undefined ? undefined : { pane: 'input', line })}
            onCaretLine={onCaretLine}
            follow={focus !== undefined && focus.pane !== 'input'}
          />
          {parsed && parsed.diagnostics.length > 0 && (
            <ul className="gdef-diagnostics" data-testid="definition-diagnostics">
              {parsed.diagnostics.map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: diagnostics have no id; the list is rebuilt whole
                <li key={i} className={d.severity}>
                  <span className="gdef-where">
                    {d.line}:{d.column}
                  </span>{' '}
                  {d.message}
                  {d.related?.map((r) => (
                    <div key={`${r.line}:${r.column}`} className="gdef-related">
                      <span className="gdef-where">
                        {r.line}:{r.column}
                      </span>{' '}
                      {r.note}
                    </div>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="gdef-outputs">
          {guests.length > 1 && (
            <fieldset className="gdef-guests">
              <legend className="muted">Guest</legend>
              {guests.map((g, i) => (
                <button
                  type="button"
                  // biome-ignore lint/suspicious/noArrayIndexKey: two entries may share a (mistyped) userid
                  key={`${g.guest.name}-${i}`}
                  className={guest === g ? 'selected' : ''}
                  aria-pressed={guest === g}
                  onClick={() => setGuestIndex(i)}
                >
                  {g.guest.name || `guest ${i + 1}`}
                </button>
              ))}
            </fieldset>
          )}
          {failure && <p className="gdef-failure">{failure}</p>}
          {guest ? (
            <div className="gdef-panes">
              {outputs.map((f) => (
                <DefinitionPane
                  key={f}
                  view={guest.views[f]}
                  highlighted={highlighted.outputs[f]}
                  onFocus={setHover}
                  follow={focus !== undefined && focus.pane !== f}
                />
              ))}
            </div>
          ) : (
            !failure &&
            !pending && <p className="muted">No guest to translate yet: fix the errors marked on the left.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function statusText(errors: number, warnings: number): string {
  if (errors === 0 && warnings === 0) return 'valid';
  const parts = [];
  if (errors) parts.push(`${errors} error${errors > 1 ? 's' : ''}`);
  if (warnings) parts.push(`${warnings} warning${warnings > 1 ? 's' : ''}`);
  return parts.join(', ');
}

/** Which guest's entry holds an input line (a directory with several USER entries). */
function guestOwning(views: DefinitionViews | undefined, line: number): number | undefined {
  const index = views?.guests.findIndex(({ guest }) =>
    Object.values(guest.sources).some((spans) => spans.some((s) => s.line <= line && line <= s.endLine)),
  );
  return index === undefined || index < 0 ? undefined : index;
}
