import { useEffect, useState } from 'react';
import type { Named3270Key } from '../../api/machine-api';
import { bind, chordOf, chordsByKey, type KeyBindings, unbind } from '../display3270/key-bindings';

/**
 * The 3270 key settings: each 3270 key with the PC keys that press it. "+" waits for the next key
 * stroke and binds it (taking it from another 3270 key if it had it); "×" removes a binding.
 */
export function KeyBindingsPanel({
  bindings,
  onChange,
  onReset,
}: {
  bindings: KeyBindings;
  onChange: (next: KeyBindings) => void;
  onReset: () => void;
}) {
  const [capturing, setCapturing] = useState<Named3270Key | undefined>(undefined);

  useEffect(() => {
    if (!capturing) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const chord = chordOf(event);
      if (!chord) return;
      event.preventDefault();
      event.stopPropagation();
      onChange(bind(bindings, chord, capturing));
      setCapturing(undefined);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [capturing, bindings, onChange]);

  return (
    <section className="key-bindings" aria-label="3270 key bindings">
      <div className="key-bindings-head">
        <span>3270 key ← PC keys</span>
        <button type="button" data-action="reset-bindings" onClick={onReset}>
          Reset to defaults
        </button>
      </div>
      <div className="key-bindings-grid">
        {chordsByKey(bindings).map(([key, chords]) => (
          <div className="key-binding" key={key} data-binding={key}>
            <span className="key-binding-name">{key}</span>
            {chords.map((chord) => (
              <span className="key-chord" key={chord}>
                {chord}
                <button
                  type="button"
                  aria-label={`Remove ${chord}`}
                  onClick={() => onChange(unbind(bindings, chord))}
                >
                  ×
                </button>
              </span>
            ))}
            <button
              type="button"
              className="key-add"
              aria-label={`Bind a key to ${key}`}
              onClick={() => setCapturing(key)}
            >
              {capturing === key ? 'press a key…' : '+'}
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
