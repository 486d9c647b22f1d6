import type { LabSession } from '../lab-session';
import type { LabState } from '../lab-store';

/**
 * A page command (STYLE.md: one file per user action): its name, its label and tooltip for the
 * control that triggers it, when it is available, and what it does. `perform` never throws; a
 * failure becomes the session's notice line.
 */
export interface LabAction<Arg = void> {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly enabled: (state: LabState) => boolean;
  readonly perform: (session: LabSession, arg: Arg) => Promise<void>;
}

export function machineIsLive(state: LabState): boolean {
  return state.connection === 'live';
}

/** Runs one worker call for an action, turning a rejected promise into the notice line. */
export async function callMachine<T>(
  session: LabSession,
  actionId: string,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    const result = await call();
    session.notify(undefined);
    return result;
  } catch (error) {
    session.notify(`${actionId}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
