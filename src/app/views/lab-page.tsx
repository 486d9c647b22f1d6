import { lazy, Suspense, useState } from 'react';
import { ConsoleDock } from './console-dock';
import { MachineOverview } from './machine-overview';
import { MachineTree } from './machine-tree';
import { type MainView, MainViewTabs } from './main-view-tabs';
import { NoticeLine } from './notice-line';
import { RunControls } from './run-controls';
import { WorkerBanner } from './worker-banner';

// Loaded on first use: most visits never open it, and it keeps the initial bundle small.
const GuestDefinitionView = lazy(() => import('./guest-definition-view'));

/** The lab's regions: run controls on top, the machine tree, the main view, the console dock. */
export function LabPage() {
  const [view, setView] = useState<MainView>('machine');
  return (
    <div className={`lab lab-view-${view}`}>
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
        <MachineTree onOpenDefinitions={() => setView('definition')} />
      </nav>
      <main className="lab-main">
        <MainViewTabs view={view} onSelect={setView} />
        <div className="main-view">
          {view === 'machine' ? (
            <MachineOverview />
          ) : (
            <Suspense fallback={<p className="muted">Loading the guest definition view…</p>}>
              <GuestDefinitionView />
            </Suspense>
          )}
        </div>
      </main>
      <ConsoleDock />
    </div>
  );
}
