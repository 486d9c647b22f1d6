import { actionConsoleInput } from './action-console-input';
import { actionPause } from './action-pause';
import { actionRestartMachine } from './action-restart-machine';
import { actionRun } from './action-run';
import { actionSetSpeed } from './action-set-speed';
import { actionStep } from './action-step';

/** Every page command, registered by id (a command palette or key bindings can list them from here). */
export const labActions = {
  run: actionRun,
  pause: actionPause,
  step: actionStep,
  setSpeed: actionSetSpeed,
  consoleInput: actionConsoleInput,
  restartMachine: actionRestartMachine,
} as const;
