import type { CommandResult } from '../../api/machine-api';
import { callMachine, type LabAction, machineIsLive } from './lab-action';

export interface ConsoleLine {
  readonly consoleId: string;
  readonly line: string;
}

/** A line typed on a line-mode console; the engine echoes it into the console's stream itself. */
export const actionConsoleInput: LabAction<ConsoleLine> = {
  id: 'console-input',
  label: 'Send',
  hint: 'Send the typed line to the console',
  enabled: machineIsLive,
  perform: async (session, { consoleId, line }) => {
    const result = await callMachine<CommandResult>(session, 'console-input', () =>
      session.api.consoleInput(consoleId, line),
    );
    if (result && !result.ok) session.notify(`${consoleId}: ${result.errors.join('; ')}`);
  },
};
