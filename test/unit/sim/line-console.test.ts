import { describe, expect, it } from 'vitest';
import { LineConsole } from '../../../src/engine/sim/line-console';

function makeConsole(): LineConsole {
  let v = 0;
  return new LineConsole('t', 'Test', () => ++v);
}

describe('LineConsole', () => {
  it('returns only the text written after a version', () => {
    const c = makeConsole();
    c.writeLine('one');
    const seen = c.version;
    c.writeLine('two');
    c.write('three');
    expect(c.readSince(seen).text).toBe('two\nthree');
    expect(c.readSince(0).text).toBe('one\ntwo\nthree');
    expect(c.readSince(c.version).text).toBe('');
  });

  it('echoes an input line and hands it to the program behind the console', () => {
    const c = makeConsole();
    const received: string[] = [];
    c.onLine((line) => received.push(line));
    c.input('hello zvlab');
    expect(c.text()).toBe('hello zvlab\n');
    expect(received).toEqual(['hello zvlab']);
  });

  it('drops the oldest text past its retention and says the reader fell behind', () => {
    const c = makeConsole();
    const line = 'x'.repeat(1023);
    for (let i = 0; i < 400; i++) c.writeLine(line);
    const all = c.readSince(0);
    expect(all.truncated).toBe(true);
    expect(all.text.length).toBeLessThanOrEqual(256 * 1024);
    expect(c.readSince(c.version - 1).truncated).toBe(false);
  });
});
