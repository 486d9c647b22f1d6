import type { Display3278 } from '../io/display3270/display-3278';
import { type ScreenView, screenView } from '../io/display3270/screen-render';

/** One 3270 display as a snapshot carries it: its device number and the whole screen. */
export interface DisplaySnapshot {
  /** The device number, e.g. 0x0009. */
  readonly devno: number;
  readonly screen: ScreenView;
}

interface Entry {
  readonly devno: number;
  readonly display: Display3278;
  /** The display's own version when last seen, and the machine version that change was given. */
  seenVersion: number;
  changedAt: number;
}

/**
 * The machine's 3270 displays by device number: the very objects the channel drives, so that what
 * the page shows is what the guest wrote. A display counts its own changes; the registry turns a
 * change into a machine version the first time a snapshot looks, so a reader gets each screen only
 * when it changed after the version it has.
 */
export class DisplayRegistry {
  private readonly entries: Entry[] = [];

  constructor(private readonly nextVersion: () => number) {}

  /** Registers a display; a device number holds one display. */
  add(devno: number, display: Display3278): void {
    if (!Number.isInteger(devno) || devno < 0 || devno > 0xffff) {
      throw new RangeError(`device number ${devno}: expected 0000 to FFFF`);
    }
    if (this.get(devno)) throw new RangeError(`device ${hex4(devno)} already has a display`);
    this.entries.push({ devno, display, seenVersion: display.version, changedAt: this.nextVersion() });
    this.entries.sort((a, b) => a.devno - b.devno);
  }

  get(devno: number): Display3278 | undefined {
    return this.entries.find((e) => e.devno === devno)?.display;
  }

  /** The displays keyed by device number, in device-number order. */
  all(): ReadonlyMap<number, Display3278> {
    return new Map(this.entries.map((e) => [e.devno, e.display]));
  }

  /** Screens that changed after machine version `since`. */
  changedSince(since: number): DisplaySnapshot[] {
    const changed: DisplaySnapshot[] = [];
    for (const entry of this.entries) {
      if (entry.display.version !== entry.seenVersion) {
        entry.seenVersion = entry.display.version;
        entry.changedAt = this.nextVersion();
      }
      if (entry.changedAt > since) changed.push({ devno: entry.devno, screen: screenView(entry.display) });
    }
    return changed;
  }
}

export function hex4(devno: number): string {
  return devno.toString(16).toUpperCase().padStart(4, '0');
}
