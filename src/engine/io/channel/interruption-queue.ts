import type { IoInterruption } from '../../arch/interruptions';
import type { Subchannel } from './subchannel';

/**
 * Pending I/O interruption requests, one FIFO per interruption subclass (reference/domain-architecture.md
 * §6.7). ISC 0 has the highest priority. An entry is a status-pending subchannel or an adapter (thin)
 * interruption of an ISC (at most one pending per ISC, as the adapter indicators carry the detail).
 */

type Entry = Subchannel | 'adapter';

/** Interruption-identification word bit 0: an adapter interruption. */
const ADAPTER_ID = 0x8000_0000;

export class InterruptionQueue {
  private readonly queues: Entry[][] = [[], [], [], [], [], [], [], []];

  /** Queues a status-pending subchannel on its ISC (once). */
  add(sch: Subchannel): void {
    if (sch.queued) return;
    sch.queued = true;
    this.queues[sch.isc].push(sch);
  }

  /** Makes an adapter interruption pending on `isc`; false when one already was. */
  addAdapter(isc: number): boolean {
    const q = this.queues[isc & 7];
    if (q.includes('adapter')) return false;
    q.push('adapter');
    return true;
  }

  /** Withdraws a subchannel's request (TSCH, CSCH, HSCH replacing intermediate status). */
  remove(sch: Subchannel): void {
    if (!sch.queued) return;
    sch.queued = false;
    for (const q of this.queues) {
      const i = q.indexOf(sch);
      if (i >= 0) q.splice(i, 1);
    }
  }

  /** Whether a request is queued on an ISC enabled in `iscMask` (0x80 = ISC 0). */
  pending(iscMask: number): boolean {
    for (let isc = 0; isc < 8; isc++) {
      if ((iscMask & (0x80 >>> isc)) !== 0 && this.queues[isc].length > 0) return true;
    }
    return false;
  }

  /** Dequeues the highest-priority request enabled in `iscMask`. */
  take(iscMask: number): IoInterruption | null {
    for (let isc = 0; isc < 8; isc++) {
      const q = this.queues[isc];
      if ((iscMask & (0x80 >>> isc)) === 0 || q.length === 0) continue;
      const entry = q.shift() as Entry;
      if (entry === 'adapter') return { subsystemId: 0, parameter: 0, idWord: ADAPTER_ID | (isc << 27) };
      entry.queued = false;
      return { subsystemId: 0x0001_0000 | entry.number, parameter: entry.intparm, idWord: isc << 27 };
    }
    return null;
  }

  /** Forgets every request (system reset). */
  reset(): void {
    for (const q of this.queues) {
      for (const entry of q) if (entry !== 'adapter') entry.queued = false;
      q.length = 0;
    }
  }
}
