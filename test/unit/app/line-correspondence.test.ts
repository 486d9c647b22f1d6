import { describe, expect, it } from 'vitest';
import type { GuestView } from '../../../src/api/machine-api';
import { highlightFor } from '../../../src/app/guest-definition/line-correspondence';

function view(to: GuestView['to'], rows: GuestView['rows']): GuestView {
  return { to, rows } as GuestView;
}

const views = {
  qemu: view('qemu', [
    { key: 'name', sourceLines: [1], outputLines: [2] },
    { key: 'storage', sourceLines: [1], outputLines: [4] },
    { key: 'dev:7', sourceLines: [10], outputLines: [12, 13] },
  ]),
  xml: view('xml', [
    { key: 'name', sourceLines: [1], outputLines: [2] },
    { key: 'storage', sourceLines: [1], outputLines: [3] },
    { key: 'dev:7', sourceLines: [10], outputLines: [19, 20, 21] },
  ]),
};

describe('line correspondence', () => {
  it('an input line lights every line its items produced in each form', () => {
    const h = highlightFor({ pane: 'input', line: 1 }, views);
    expect([...h.input]).toEqual([1]);
    expect([...(h.outputs.qemu ?? [])].sort()).toEqual([2, 4]);
    expect([...(h.outputs.xml ?? [])].sort()).toEqual([2, 3]);
  });

  it('an output line lights its source line and its twins in the other form', () => {
    const h = highlightFor({ pane: 'qemu', line: 13 }, views);
    expect([...h.input]).toEqual([10]);
    expect([...(h.outputs.qemu ?? [])]).toEqual([12, 13]);
    expect([...(h.outputs.xml ?? [])]).toEqual([19, 20, 21]);
  });

  it('a note lights the item it is about', () => {
    const h = highlightFor({ pane: 'item', key: 'storage' }, views);
    expect([...h.input]).toEqual([1]);
    expect([...(h.outputs.xml ?? [])]).toEqual([3]);
  });
});
