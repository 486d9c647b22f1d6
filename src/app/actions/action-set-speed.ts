import type { Speed } from '../../api/machine-api';
import { callMachine, type LabAction, machineIsLive } from './lab-action';

export const actionSetSpeed: LabAction<Speed> = {
  id: 'set-speed',
  label: 'Speed',
  hint: 'Virtual time per wall time: 1x real time, 10x, or as fast as this computer goes',
  enabled: machineIsLive,
  perform: async (session, speed) => {
    const run = await callMachine(session, 'set-speed', () => session.api.setSpeed(speed));
    if (run) session.applyRunStatus(run);
  },
};
