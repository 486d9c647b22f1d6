import { callMachine, type LabAction, machineIsLive } from './lab-action';

export const actionStep: LabAction = {
  id: 'step',
  label: 'Step',
  hint: 'While paused: advance to the next pending event (or by 1 µs when none is pending)',
  enabled: (state) => machineIsLive(state) && state.run.state === 'paused',
  perform: async (session) => {
    const run = await callMachine(session, 'step', () => session.api.step());
    if (run) session.applyRunStatus(run);
  },
};
