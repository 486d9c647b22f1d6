import { useEffect, useRef } from 'react';
import { labActions } from '../actions/lab-actions';
import { HMC_CONSOLE } from '../../api/machine-api';
import { LineModeTerminal } from '../console/line-mode-terminal';
import { useLab, useLabSession } from '../lab-session-context';

/** The console dock: for now the HMC "Operating System Messages" console of the CEC. */
export function ConsoleDock() {
  const title = useLab((s) => s.consoles[HMC_CONSOLE]?.title ?? 'Operating System Messages');
  return (
    <section className="lab-dock" aria-label="Consoles">
      <div className="dock-tabs">
        <span className="dock-tab selected">HMC · {title}</span>
        <span className="muted dock-hint">Type a line and press Enter · ↑ ↓ recall</span>
      </div>
      <ConsoleTerminal consoleId={HMC_CONSOLE} />
    </section>
  );
}

/** One line-mode console in xterm.js, fed from the store's mirror of its stream. */
function ConsoleTerminal({ consoleId }: { consoleId: string }) {
  const session = useLabSession();
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const input = labActions.consoleInput;
    const view = new LineModeTerminal(element, (line) => {
      if (input.enabled(session.store.getState())) void input.perform(session, { consoleId, line });
      else session.notify(`${consoleId}: the machine is not running; the line was not sent`);
    });
    view.sync(session.store.getState().consoles[consoleId]);
    const unsubscribe = session.store.subscribe((state, previous) => {
      if (state.consoles[consoleId] !== previous.consoles[consoleId]) view.sync(state.consoles[consoleId]);
    });
    return () => {
      unsubscribe();
      view.dispose();
    };
  }, [session, consoleId]);

  return <div className="terminal-host" ref={host} data-console={consoleId} />;
}
