import { useLab } from '../lab-session-context';
import { formatCount, formatCpuAddress, formatPsw } from '../machine-figures';

/** Every CPU of the CEC: state, current PSW and instructions executed, as the snapshot reports them. */
export function CpuTable() {
  const cpus = useLab((s) => s.cpus);
  if (cpus.length === 0) return null;
  return (
    <div className="card card-wide">
      <h3>CPUs</h3>
      <table className="cpu-table" data-testid="cpu-table">
        <thead>
          <tr>
            <th>CPU</th>
            <th>State</th>
            <th>PSW</th>
            <th className="number">Instructions</th>
          </tr>
        </thead>
        <tbody>
          {cpus.map((cpu) => (
            <tr key={cpu.address}>
              <td>{formatCpuAddress(cpu.address)}</td>
              <td>
                <span className={`cpu-state cpu-state-${cpu.state}`}>{cpu.state}</span>
              </td>
              <td className="psw">{formatPsw(cpu.psw)}</td>
              <td className="number">{formatCount(cpu.instructions)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
