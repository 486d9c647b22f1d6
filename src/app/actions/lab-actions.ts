import { actionConsoleInput } from './action-console-input';
import { actionDisplay3270Key } from './action-display3270-key';
import { actionLoadScenario } from './action-load-scenario';
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
  display3270Key: actionDisplay3270Key,
  restartMachine: actionRestartMachine,
  loadScenario: actionLoadScenario,
} as const;
