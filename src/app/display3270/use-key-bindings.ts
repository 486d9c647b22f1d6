import { useCallback, useState } from 'react';
import { type KeyBindings, loadBindings, resetBindings, saveBindings } from './key-bindings';

/** The page's 3270 key bindings, kept in localStorage so they survive a reload. */
export function useKeyBindings(): {
  bindings: KeyBindings;
  change: (next: KeyBindings) => void;
  reset: () => void;
} {
  const [bindings, setBindings] = useState(() => loadBindings(localStorage));
  const change = useCallback((next: KeyBindings) => {
    saveBindings(localStorage, next);
    setBindings(next);
  }, []);
  const reset = useCallback(() => setBindings(resetBindings(localStorage)), []);
  return { bindings, change, reset };
}
