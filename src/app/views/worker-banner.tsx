import { labActions } from '../actions/lab-actions';
import { useLab, useLabSession } from '../lab-session-context';

/** Shown when the machine worker died: what happened, and a way to start a new one. */
export function WorkerBanner() {
  const session = useLabSession();
  const error = useLab((s) => (s.connection === 'dead' ? s.workerError : undefined));
  if (error === undefined) return null;
  const restart = labActions.restartMachine;
  return (
    <div className="banner banner-error" role="alert" data-testid="worker-banner">
      <span>
        <strong>The machine worker stopped.</strong> {error}
      </span>
      <button type="button" title={restart.hint} onClick={() => void restart.perform(session)}>
        {restart.label}
      </button>
    </div>
  );
}
