import { useLab } from '../lab-session-context';
import { formatCpuAddress, formatStorage } from '../machine-figures';

/** The machine: the CEC, its CPUs (with their state) and its storage. Only what the snapshot reports. */
export function MachineTree({ onOpenDefinitions }: { onOpenDefinitions: () => void }) {
  const cec = useLab((s) => s.cec);
  const dead = useLab((s) => s.connection === 'dead');
  const cpus = useLab((s) => s.cpus);
  return (
    <div className="tree">
      <h2 className="panel-title">Machine</h2>
      {cec === undefined ? (
        <p className="muted">{dead ? 'No machine: its worker stopped.' : 'Waiting for the machine…'}</p>
      ) : (
        <ul className="tree-root" data-testid="machine-tree">
          <li>
            <span className="tree-node tree-cec">
              <span className="tree-kind">CEC</span> {cec.name}
            </span>
            <ul>
              <li>
                <span className="tree-node">
                  <span className="tree-kind">CPUs</span> {cec.cpus}
                </span>
                <ul>
                  {cpus.map((cpu) => (
                    <li key={cpu.address}>
                      <span className="tree-node tree-leaf">
                        CPU {formatCpuAddress(cpu.address)}{' '}
                        <span className={`cpu-state cpu-state-${cpu.state}`}>{cpu.state}</span>
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
              <li>
                <span className="tree-node tree-leaf">
                  <span className="tree-kind">Storage</span> {formatStorage(cec.storageMiB)}
                </span>
              </li>
            </ul>
          </li>
        </ul>
      )}
      <h2 className="panel-title tree-section">Guests</h2>
      <button
        type="button"
        className="tree-link"
        data-testid="open-guest-definition"
        onClick={onOpenDefinitions}
      >
        Guest definition…
      </button>
      <p className="muted tree-later">
        LPARs and guests will appear here once PR/SM and the hypervisors run.
      </p>
    </div>
  );
}
