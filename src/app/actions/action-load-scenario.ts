import type { CommandResult } from '../../api/machine-api';
import { callMachine, type LabAction } from './lab-action';

/** Scenario names are file names under public/scenarios/: nothing that could leave that folder. */
const SCENARIO_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Loads a scenario shipped with the page (public/scenarios/NAME.json) as a new machine. The page
 * opened with `?scenario=NAME` does this at start.
 */
export const actionLoadScenario: LabAction<string> = {
  id: 'load-scenario',
  label: 'Load scenario',
  hint: 'Replace the machine with one from a scenario file (paused)',
  enabled: () => true,
  perform: async (session, name) => {
    if (!SCENARIO_NAME.test(name)) {
      session.notify(`load-scenario: "${name}" is not a scenario name (letters, digits and '-')`);
      return;
    }
    const file = `${name}.json`;
    let text: string;
    try {
      const response = await fetch(`scenarios/${file}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } catch (error) {
      session.notify(`load-scenario: ${file} could not be fetched (${String(error)})`);
      return;
    }
    const result = await callMachine<CommandResult>(session, 'load-scenario', () =>
      session.api.loadScenario(text, file),
    );
    if (result && !result.ok) session.notify(result.errors.join('; '));
  },
};
