import type { LabAction } from '../actions/lab-action';
import { useLab, useLabSession } from '../lab-session-context';

/** A button that triggers one registered action without an argument, disabled when the action is unavailable. */
export function ActionButton({ action, primary = false }: { action: LabAction; primary?: boolean }) {
  const session = useLabSession();
  const enabled = useLab(action.enabled);
  return (
    <button
      type="button"
      className={primary ? 'primary' : undefined}
      title={action.hint}
      disabled={!enabled}
      data-action={action.id}
      onClick={() => void action.perform(session)}
    >
      {action.label}
    </button>
  );
}
