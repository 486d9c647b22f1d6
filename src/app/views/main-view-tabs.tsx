/** The views the main area can show; the machine overview is the default. */
export type MainView = 'machine' | 'definition';

const TABS: readonly { id: MainView; label: string; hint: string }[] = [
  { id: 'machine', label: 'Machine', hint: 'The CEC: configuration, clock, run state, CPUs' },
  {
    id: 'definition',
    label: 'Guest definition',
    hint: 'Write a guest as a z/VM directory entry, a QEMU command line or libvirt XML and see the others',
  },
];

export function MainViewTabs({ view, onSelect }: { view: MainView; onSelect: (view: MainView) => void }) {
  return (
    <div className="main-tabs" role="tablist" aria-label="Main view">
      {TABS.map((tab) => (
        <button
          type="button"
          role="tab"
          key={tab.id}
          aria-selected={view === tab.id}
          className={view === tab.id ? 'selected' : ''}
          title={tab.hint}
          data-view={tab.id}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
