/**
 * The one event queue of the machine, ordered by virtual time (ns) and, for equal times, by the order
 * in which events were scheduled, so that a run is the same bit for bit whatever the host does.
 */
export interface ScheduledEvent {
  readonly at: number;
  readonly seq: number;
  readonly label: string;
  readonly fire: () => void;
}

export class EventQueue {
  private heap: ScheduledEvent[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Virtual time of the earliest event, or Infinity when the queue is empty. */
  peekTime(): number {
    return this.heap.length > 0 ? this.heap[0].at : Number.POSITIVE_INFINITY;
  }

  schedule(at: number, label: string, fire: () => void): ScheduledEvent {
    const event: ScheduledEvent = { at, seq: this.nextSeq++, label, fire };
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(event, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = event;
    return event;
  }

  /** Removes and returns the earliest event. */
  pop(): ScheduledEvent | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && before(heap[right], heap[left]) ? right : left;
        if (!before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
