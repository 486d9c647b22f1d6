import type { Display3270KeyResult } from '../../api/machine-api';
import type { Display3270Input } from '../display3270/display-terminal';
import { callMachine, type LabAction, machineIsLive } from './lab-action';

export interface Display3270Keystroke {
  readonly devno: number;
  readonly input: Display3270Input;
}

/**
 * One key on a 3270 display. A key the display refuses (locked keyboard, protected field) is not a
 * failure: the display shows it in its operator information area, as a real 3278 does.
 */
export const actionDisplay3270Key: LabAction<Display3270Keystroke> = {
  id: 'display3270-key',
  label: 'Key',
  hint: 'Press a key on the 3270 display',
  enabled: machineIsLive,
  perform: async (session, { devno, input }) => {
    const key = input.kind === 'key' ? input.key : input.char;
    const result = await callMachine<Display3270KeyResult>(session, 'display3270-key', () =>
      session.api.display3270Key(devno, key),
    );
    if (result && !result.ok) session.notify(result.errors.join('; '));
  },
};
