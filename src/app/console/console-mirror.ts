import type { ConsoleDelta } from '../../api/machine-api';

/**
 * The page's copy of one line-mode console stream. `text` keeps the newest characters only;
 * `dropped` counts those let go from the front, so `dropped + text.length` is every character ever
 * appended. A terminal remembers that total and writes only what lies past it. `epoch` changes when
 * the stream restarts (the engine truncated it, or a new machine), telling the terminal to clear.
 */
export interface ConsoleMirror {
  readonly id: string;
  readonly title: string;
  readonly version: number;
  readonly text: string;
  readonly dropped: number;
  readonly epoch: number;
}

/** What the page keeps per console; the terminal's scrollback holds the rest. */
export const MIRROR_CHARS = 128 * 1024;

let epochCounter = 0;

function emptyMirror(id: string, title: string): ConsoleMirror {
  return { id, title, version: 0, text: '', dropped: 0, epoch: ++epochCounter };
}

export function appendDelta(mirror: ConsoleMirror | undefined, delta: ConsoleDelta): ConsoleMirror {
  // A truncated delta means the page fell behind the engine's retention: start the stream over.
  const base = mirror === undefined || delta.truncated ? emptyMirror(delta.id, delta.title) : mirror;
  let text = base.text + delta.text;
  let dropped = base.dropped;
  if (text.length > MIRROR_CHARS) {
    const cut = text.length - MIRROR_CHARS;
    text = text.slice(cut);
    dropped += cut;
  }
  return { ...base, title: delta.title, version: delta.version, text, dropped };
}

/** Total characters ever appended to the stream in this epoch. */
export function appendedTotal(mirror: ConsoleMirror): number {
  return mirror.dropped + mirror.text.length;
}
