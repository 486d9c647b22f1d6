import { useEffect, useState } from 'react';
import type { DefinitionViews, GuestDefinitionForm } from '../../api/machine-api';
import { useLabSession } from '../lab-session-context';

/** Typing pauses this long before the worker re-translates, so each keystroke does not cost a round trip. */
export const TRANSLATE_DEBOUNCE_MS = 200;

export interface DefinitionState {
  /** The last answer for the current text, or for an earlier one while the next is on its way. */
  readonly views: DefinitionViews | undefined;
  /** The worker failed to answer, or the translator failed (never a mistake in the text). */
  readonly failure: string | undefined;
  readonly pending: boolean;
}

/** Translates `text` through the machine worker, debounced; an answer for older text is dropped. */
export function useDefinitionViews(text: string, form: GuestDefinitionForm | undefined): DefinitionState {
  const session = useLabSession();
  const [state, setState] = useState<DefinitionState>({
    views: undefined,
    failure: undefined,
    pending: true,
  });

  useEffect(() => {
    let current = true;
    setState((s) => (s.pending ? s : { ...s, pending: true }));
    const timer = setTimeout(async () => {
      try {
        const result = await session.api.guestDefinition(text, form);
        if (!current) return;
        setState(
          result.ok
            ? { views: result.views, failure: undefined, pending: false }
            : { views: undefined, failure: result.errors.join('\n'), pending: false },
        );
      } catch (error) {
        if (!current) return;
        const message = error instanceof Error ? error.message : String(error);
        setState((s) => ({ ...s, failure: `the machine worker did not answer: ${message}`, pending: false }));
      }
    }, TRANSLATE_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [session, text, form]);

  return state;
}
