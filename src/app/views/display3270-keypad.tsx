import type { Named3270Key } from '../../api/machine-api';

/** The keys a PC keyboard lacks, as buttons: the AID keys and Reset, then PF1–PF24. */
const AID_ROW: readonly [Named3270Key, string][] = [
  ['PA1', 'PA1'],
  ['PA2', 'PA2'],
  ['PA3', 'PA3'],
  ['Clear', 'CLEAR'],
  ['Reset', 'RESET'],
  ['Enter', 'ENTER'],
];

const PF_ROWS: readonly (readonly Named3270Key[])[] = [0, 12].map((first) =>
  Array.from({ length: 12 }, (_, i) => `PF${first + i + 1}` as Named3270Key),
);

export function Display3270Keypad({ onKey }: { onKey: (key: Named3270Key) => void }) {
  return (
    <fieldset className="display3270-keypad" aria-label="3270 keypad">
      <div className="keypad-row">
        {AID_ROW.map(([key, label]) => (
          <button
            type="button"
            key={key}
            className={`keypad-key keypad-${key.toLowerCase()}`}
            data-key={key}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onKey(key)}
          >
            {label}
          </button>
        ))}
      </div>
      {PF_ROWS.map((row) => (
        <div className="keypad-row" key={row[0]}>
          {row.map((key) => (
            <button
              type="button"
              key={key}
              className="keypad-key keypad-pf"
              data-key={key}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onKey(key)}
            >
              {key}
            </button>
          ))}
        </div>
      ))}
    </fieldset>
  );
}
