import { callMachine, type LabAction, machineIsLive } from './lab-action';

export const actionPause: LabAction = {
  id: 'pause',
  label: 'Pause',
  hint: 'Stop the machine clock; Step then advances it one event at a time',
  enabled: (state) => machineIsLive(state) && state.run.state === 'running',
  perform: async (session) => {
    const run = await callMachine(session, 'pause', () => session.api.pause());
    if (run) session.applyRunStatus(run);
  },
};
