import type { LabAction } from './lab-action';

/** After the worker died: start a fresh worker and machine (no saved state exists yet to resume from). */
export const actionRestartMachine: LabAction = {
  id: 'restart-machine',
  label: 'Restart',
  hint: 'Start a new machine worker with a freshly powered-on CEC',
  enabled: () => true,
  perform: async (session) => {
    session.restart();
  },
};
