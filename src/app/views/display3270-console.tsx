import { useEffect, useRef, useState } from 'react';
import { labActions } from '../actions/lab-actions';
import { type Display3270Input, Display3270Terminal } from '../display3270/display-terminal';
import { useKeyBindings } from '../display3270/use-key-bindings';
import { useLabSession } from '../lab-session-context';
import { Display3270Keypad } from './display3270-keypad';
import { KeyBindingsPanel } from './key-bindings-panel';

/** One 3270 display: the screen in xterm.js, the keypad below it, and the key settings. */
export function Display3270Console({ devno }: { devno: number }) {
  const session = useLabSession();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<Display3270Terminal | undefined>(undefined);
  const { bindings, change, reset } = useKeyBindings();
  const current = useRef(bindings);
  current.current = bindings;
  const [settings, setSettings] = useState(false);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const send = (input: Display3270Input) => {
      const action = labActions.display3270Key;
      if (action.enabled(session.store.getState())) void action.perform(session, { devno, input });
    };
    const terminal = new Display3270Terminal(element, devno, () => current.current, send);
    view.current = terminal;
    terminal.sync(session.store.getState().displays[devno]);
    const unsubscribe = session.store.subscribe((state, previous) => {
      if (state.displays[devno] !== previous.displays[devno]) terminal.sync(state.displays[devno]);
    });
    terminal.focus();
    return () => {
      unsubscribe();
      view.current = undefined;
      terminal.dispose();
    };
  }, [session, devno]);

  const pressKey = (input: Display3270Input) => {
    const action = labActions.display3270Key;
    if (action.enabled(session.store.getState())) void action.perform(session, { devno, input });
    view.current?.focus();
  };

  return (
    <div className="display3270">
      <div className="display3270-screen" ref={host} data-display={devno.toString(16).padStart(4, '0')} />
      <div className="display3270-controls">
        <Display3270Keypad onKey={(key) => pressKey({ kind: 'key', key })} />
        <button
          type="button"
          className="display3270-settings-toggle"
          data-action="key-settings"
          aria-expanded={settings}
          onClick={() => setSettings(!settings)}
        >
          Keys…
        </button>
      </div>
      {settings && <KeyBindingsPanel bindings={bindings} onChange={change} onReset={reset} />}
    </div>
  );
}
