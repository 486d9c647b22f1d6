import { useLab } from '../lab-session-context';
import { formatCount, formatCpuAddress, formatStorage } from '../machine-figures';

/** The machine as configured: the CEC, its CPUs and its storage. Only what the snapshot reports. */
export function MachineTree() {
  const cec = useLab((s) => s.cec);
  const dead = useLab((s) => s.connection === 'dead');
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
                  {Array.from({ length: cec.cpus }, (_, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: CPU addresses are the indexes
                    <li key={i}>
                      <span className="tree-node tree-leaf">
                        CPU {formatCpuAddress(i)} <span className="muted">{formatCount(cec.mips)} MIPS</span>
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
      <p className="muted tree-later">
        LPARs and guests will appear here once PR/SM and the hypervisors run.
      </p>
    </div>
  );
}
