import type { ReactNode } from 'react';
import { useLab } from '../lab-session-context';
import { CpuTable } from './cpu-table';
import { formatAchievedRatio, formatCount, formatStorage, formatVirtualTime } from '../machine-figures';

/** The main view for now: the machine's configuration, clock and run state, all from snapshots. */
export function MachineOverview() {
  const cec = useLab((s) => s.cec);
  const virtualNs = useLab((s) => s.virtualNs);
  const processed = useLab((s) => s.eventsProcessed);
  const pending = useLab((s) => s.eventsPending);
  const version = useLab((s) => s.version);
  const run = useLab((s) => s.run);
  const connection = useLab((s) => s.connection);

  return (
    <section className="overview" aria-labelledby="overview-title">
      <h2 className="panel-title" id="overview-title">
        Machine overview{cec ? ` — CEC ${cec.name}` : ''}
      </h2>
      <div className="cards">
        <Card title="CEC configuration">
          <Figure label="Name" value={cec?.name} />
          <Figure label="CPUs" value={cec?.cpus} />
          <Figure label="Storage" value={cec ? formatStorage(cec.storageMiB) : undefined} />
          <Figure label="MIPS per CPU" value={cec ? formatCount(cec.mips) : undefined} />
          <Figure label="Seed" value={cec?.seed} />
        </Card>
        <Card title="Virtual clock">
          <Figure label="Virtual time" value={formatVirtualTime(virtualNs)} />
          <Figure label="Events processed" value={formatCount(processed)} testId="events-processed" />
          <Figure label="Events pending" value={formatCount(pending)} />
          <Figure label="Snapshot version" value={formatCount(version)} />
        </Card>
        <Card title="Run state">
          <Figure label="Worker" value={connection} />
          <Figure label="State" value={run.state} />
          <Figure label="Speed" value={run.speed} />
          <Figure label="Achieved" value={formatAchievedRatio(run.achievedRatio)} />
        </Card>
      </div>
      <CpuTable />
      <p className="muted">
        Per-CPU detail (registers, storage), LPAR and guest views will open here as those models arrive.
      </p>
    </section>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="card">
      <h3>{title}</h3>
      <dl>{children}</dl>
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value ?? '—'}</dd>
    </>
  );
}
