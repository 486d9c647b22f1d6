import { type RefObject, useEffect } from 'react';

/**
 * Scrolls a pane so the first of its lit lines is visible when it is lit from another pane (a line
 * hovered in the QEMU pane shows its twin in the XML pane even when that is far down). `lineTop`
 * gives a line's offset inside the scrolling element.
 */
export function useFollowLines(
  scroller: RefObject<HTMLElement | null>,
  lines: ReadonlySet<number> | undefined,
  follow: boolean,
  lineTop: (line: number) => number,
  linePx: number,
): void {
  const first = lines && lines.size > 0 ? Math.min(...lines) : undefined;
  const last = lines && lines.size > 0 ? Math.max(...lines) : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: lineTop is a pure layout formula
  useEffect(() => {
    const element = scroller.current;
    if (!follow || !element || first === undefined || last === undefined) return;
    const top = lineTop(first);
    const bottom = lineTop(last) + linePx;
    const view = element.scrollTop;
    if (top >= view && bottom <= view + element.clientHeight) return;
    element.scrollTop = Math.max(0, top - linePx);
  }, [scroller, follow, first, last, linePx]);
}
