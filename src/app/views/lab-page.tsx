import { ConsoleDock } from './console-dock';
import { MachineOverview } from './machine-overview';
import { MachineTree } from './machine-tree';
import { NoticeLine } from './notice-line';
import { RunControls } from './run-controls';
import { WorkerBanner } from './worker-banner';

/** The lab's regions: run controls on top, the machine tree, the main view, the console dock. */
export function LabPage() {
  return (
    <div className="lab">
      <header className="lab-top">
        <div className="brand">
          <span className="brand-mark">zvlab</span>
          <span className="brand-sub">IBM Z lab</span>
        </div>
        <RunControls />
      </header>
      <WorkerBanner />
      <NoticeLine />
      <nav className="lab-tree" aria-label="Machine">
        <MachineTree />
      </nav>
      <main className="lab-main">
        <MachineOverview />
      </main>
      <ConsoleDock />
    </div>
  );
}
