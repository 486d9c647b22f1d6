import { callMachine, type LabAction, machineIsLive } from './lab-action';

export const actionRun: LabAction = {
  id: 'run',
  label: 'Run',
  hint: 'Start the machine clock at the selected speed',
  enabled: (state) => machineIsLive(state) && state.run.state === 'paused',
  perform: async (session) => {
    const run = await callMachine(session, 'run', () => session.api.run());
    if (run) session.applyRunStatus(run);
  },
};
