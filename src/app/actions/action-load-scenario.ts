import type { CommandResult, ScenarioFilesResult } from '../../api/machine-api';
import { callMachine, type LabAction } from './lab-action';

/** Scenario names are file names under public/scenarios/: nothing that could leave that folder. */
const SCENARIO_NAME = /^[a-z0-9][a-z0-9-]*$/;
/** Files a scenario names: plain names beside it, e.g. first-light.asm. */
const SCENARIO_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

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
    // Files the scenario names (an IPL program's source) live beside it in public/scenarios/.
    const needed = await callMachine<ScenarioFilesResult>(session, 'load-scenario', () =>
      session.api.scenarioFiles(text, file),
    );
    if (!needed) return;
    if (!needed.ok) {
      session.notify(needed.errors.join('; '));
      return;
    }
    const files: Record<string, string> = {};
    for (const name of needed.files) {
      if (!SCENARIO_FILE.test(name)) {
        session.notify(`load-scenario: ${file} names "${name}", which is not a file beside it`);
        return;
      }
      try {
        const response = await fetch(`scenarios/${name}`);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        files[name] = await response.text();
      } catch (error) {
        session.notify(`load-scenario: ${name} could not be fetched (${String(error)})`);
        return;
      }
    }
    const result = await callMachine<CommandResult>(session, 'load-scenario', () =>
      session.api.loadScenario(text, file, files),
    );
    if (result && !result.ok) session.notify(result.errors.join('; '));
  },
};
