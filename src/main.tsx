import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xterm/xterm/css/xterm.css';
import './app/lab.css';
import { LabSession } from './app/lab-session';
import { LabSessionProvider } from './app/lab-session-context';
import { LabPage } from './app/views/lab-page';

// The session (worker, store, snapshot pump) lives outside React so StrictMode's double effects
// never start a second machine.
const session = new LabSession();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <LabSessionProvider value={session}>
      <LabPage />
    </LabSessionProvider>
  </StrictMode>,
);
