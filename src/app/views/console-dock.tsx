import { type ReactNode, useEffect, useRef, useState } from 'react';
import { labActions } from '../actions/lab-actions';
import { HMC_CONSOLE } from '../../api/machine-api';
import { LineModeTerminal } from '../console/line-mode-terminal';
import { useLab, useLabSession } from '../lab-session-context';
import { Display3270Console } from './display3270-console';

/**
 * Which console the dock shows: the HMC line console, another line console of the machine (a
 * virtio console, the CCW trace) by id, or a 3270 display by device number.
 */
type DockTab =
  | { readonly kind: 'hmc' }
  | { readonly kind: 'line'; readonly id: string }
  | { readonly kind: '3270'; readonly devno: number };

const HINTS: Record<DockTab['kind'], string> = {
  hmc: 'Type a line and press Enter · ↑ ↓ recall',
  line: 'Type a line and press Enter · ↑ ↓ recall',
  '3270':
    'Enter = ENTER · F1–F12 = PF1–12 · Shift+F = PF13–24 · Esc = RESET · Ctrl+L = CLEAR · End = ERASE EOF',
};

function devnoText(devno: number): string {
  return devno.toString(16).toUpperCase().padStart(4, '0');
}

/** The console dock: the HMC "Operating System Messages" console, the other line consoles, one tab per 3270 display. */
export function ConsoleDock() {
  const title = useLab((s) => s.consoles[HMC_CONSOLE]?.title ?? 'Operating System Messages');
  const devnosKey = useLab((s) => Object.keys(s.displays).join(','));
  const devnos = devnosKey === '' ? [] : devnosKey.split(',').map(Number);
  const lineKey = useLab((s) =>
    Object.keys(s.consoles)
      .filter((id) => id !== HMC_CONSOLE)
      .join('\n'),
  );
  const lineIds = lineKey === '' ? [] : lineKey.split('\n');
  const lineTitles = useLab((s) => lineIds.map((id) => s.consoles[id]?.title ?? id).join('\n')).split('\n');
  const [tab, setTab] = useState<DockTab>({ kind: 'hmc' });
  // A display or console that went away (another machine was loaded) leaves its tab.
  const gone =
    (tab.kind === '3270' && !devnos.includes(tab.devno)) ||
    (tab.kind === 'line' && !lineIds.includes(tab.id));
  const shown: DockTab = gone ? { kind: 'hmc' } : tab;
  return (
    <section className={`lab-dock dock-${shown.kind}`} aria-label="Consoles">
      <div className="dock-tabs">
        <div className="dock-tab-list" role="tablist">
          <DockTabButton selected={shown.kind === 'hmc'} name="hmc" onSelect={() => setTab({ kind: 'hmc' })}>
            HMC · {title}
          </DockTabButton>
          {lineIds.map((id, i) => (
            <DockTabButton
              key={id}
              selected={shown.kind === 'line' && shown.id === id}
              name={`line-${id}`}
              onSelect={() => setTab({ kind: 'line', id })}
            >
              {lineTitles[i]}
            </DockTabButton>
          ))}
          {devnos.map((devno) => (
            <DockTabButton
              key={devno}
              selected={shown.kind === '3270' && shown.devno === devno}
              name={`3270-${devnoText(devno)}`}
              onSelect={() => setTab({ kind: '3270', devno })}
            >
              3270 · {devnoText(devno)}
            </DockTabButton>
          ))}
        </div>
        <span className="muted dock-hint">{HINTS[shown.kind]}</span>
      </div>
      <ConsoleTerminal consoleId={HMC_CONSOLE} hidden={shown.kind !== 'hmc'} />
      {lineIds.map((id) => (
        <ConsoleTerminal key={id} consoleId={id} hidden={shown.kind !== 'line' || shown.id !== id} />
      ))}
      {shown.kind === '3270' && <Display3270Console key={shown.devno} devno={shown.devno} />}
    </section>
  );
}

/** One line-mode console in xterm.js, fed from the store's mirror of its stream. */
function ConsoleTerminal({ consoleId, hidden }: { consoleId: string; hidden: boolean }) {
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

  return <div className="terminal-host" ref={host} data-console={consoleId} hidden={hidden} />;
}

/** One tab of the dock; `name` is its data-tab (the e2e tests find tabs by it). */
function DockTabButton(props: {
  selected: boolean;
  name: string;
  onSelect: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={props.selected}
      className={`dock-tab ${props.selected ? 'selected' : ''}`}
      data-tab={props.name}
      onClick={props.onSelect}
    >
      {props.children}
    </button>
  );
}
