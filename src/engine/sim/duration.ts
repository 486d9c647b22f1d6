/** Virtual durations as people write them ("250ms", "2s", "1.5us", "100ns") converted to nanoseconds. */
const UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9 };

export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ns|us|µs|ms|s|m)\s*$/.exec(text);
  if (!match) {
    throw new RangeError(
      `invalid duration '${text}': expected a number and a unit (ns, us, ms, s, m), e.g. 250ms`,
    );
  }
  return Math.round(Number(match[1]) * UNITS[match[2]]);
}

/** A virtual time in ns shown as seconds with microsecond digits, e.g. "1.250000 s". */
export function formatVirtualTime(ns: number): string {
  const micros = Math.floor(ns / 1000);
  const seconds = Math.floor(micros / 1e6);
  return `${seconds}.${String(micros % 1e6).padStart(6, '0')} s`;
}
