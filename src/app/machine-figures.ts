/** How the page writes machine figures, so every view shows them the same way. */

/** Virtual time in seconds with 6 decimals (µs resolution): `12.345678 s`. */
export function formatVirtualTime(virtualNs: number): string {
  return `${(virtualNs / 1e9).toFixed(6)} s`;
}

/** Achieved virtual/wall ratio: `×0.98`, `×10.02`, `×1234` (no decimals once it is large). */
export function formatAchievedRatio(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio <= 0) return '×0.00';
  return `×${ratio < 100 ? ratio.toFixed(2) : Math.round(ratio).toLocaleString('en-US')}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Storage in MiB, or GiB once it is a whole number of them. */
export function formatStorage(mib: number): string {
  return mib >= 1024 && mib % 1024 === 0 ? `${mib / 1024} GiB` : `${mib} MiB`;
}

/** CPU addresses as the HMC shows them: two hex digits. */
export function formatCpuAddress(index: number): string {
  return index.toString(16).toUpperCase().padStart(2, '0');
}

/** A PSW's 32 hex digits in words of 8, as a console display shows it. */
export function formatPsw(hex: string): string {
  return hex.toUpperCase().replace(/(.{8})(?=.)/g, '$1 ');
}
