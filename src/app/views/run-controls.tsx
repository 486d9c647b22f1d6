import { SPEEDS } from '../../api/machine-api';
import { labActions } from '../actions/lab-actions';
import { useLab, useLabSession } from '../lab-session-context';
import { formatAchievedRatio, formatVirtualTime } from '../machine-figures';
import { ActionButton } from './action-button';

export function RunControls() {
  const session = useLabSession();
  const run = useLab((s) => s.run);
  const live = useLab((s) => s.connection === 'live');
  const virtualNs = useLab((s) => s.virtualNs);
  const setSpeed = labActions.setSpeed;

  return (
    <div className="run-controls">
      <div className="button-group">
        <ActionButton action={labActions.run} primary />
        <ActionButton action={labActions.pause} />
        <ActionButton action={labActions.step} />
      </div>
      <fieldset className="speed" title={setSpeed.hint} disabled={!live}>
        <legend>Speed</legend>
        {SPEEDS.map((speed) => (
          <button
            key={speed}
            type="button"
            className={speed === run.speed ? 'selected' : undefined}
            aria-pressed={speed === run.speed}
            data-speed={speed}
            onClick={() => void setSpeed.perform(session, speed)}
          >
            {speed}
          </button>
        ))}
      </fieldset>
      <div className="readout" title="Virtual time since power-on reset">
        <span className="readout-label">Virtual time</span>
        <output className="readout-value readout-time" data-testid="virtual-time">
          {formatVirtualTime(virtualNs)}
        </output>
      </div>
      <div className="readout" title="Virtual time advanced per wall time over the last second">
        <span className="readout-label">Achieved</span>
        <output className="readout-value" data-testid="achieved-ratio">
          {formatAchievedRatio(run.achievedRatio)}
        </output>
      </div>
      <div className={`run-state run-state-${live ? run.state : 'offline'}`} data-testid="run-state">
        {live ? run.state : 'offline'}
      </div>
    </div>
  );
}
