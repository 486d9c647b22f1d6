import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xterm/xterm/css/xterm.css';
import './app/lab.css';
import { labActions } from './app/actions/lab-actions';
import { LabSession } from './app/lab-session';
import { LabSessionProvider } from './app/lab-session-context';
import { LabPage } from './app/views/lab-page';

// The session (worker, store, snapshot pump) lives outside React so StrictMode's double effects
// never start a second machine.
const session = new LabSession();
// `?scenario=NAME` opens the page on a scenario from public/scenarios/ instead of the bare CEC.
const scenario = new URLSearchParams(window.location.search).get('scenario');
if (scenario) void labActions.loadScenario.perform(session, scenario);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <LabSessionProvider value={session}>
      <LabPage />
    </LabSessionProvider>
  </StrictMode>,
);
