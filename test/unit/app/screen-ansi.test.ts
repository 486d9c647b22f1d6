import { describe, expect, it } from 'vitest';
import { oiaText, runStyle, screenToAnsi } from '../../../src/app/display3270/screen-ansi';
import { Display3278 } from '../../../src/engine/io/display3270/display-3278';
import { ic, record, sa, sba, sf, sfe, text } from '../../../src/engine/io/display3270/outbound-builder';
import { screenView } from '../../../src/engine/io/display3270/screen-render';

/** A screen with a protected intensified title, a hidden password field, a yellow reverse field and a blinking pink word. */
function sample(): Display3278 {
  const display = new Display3278();
  const { status } = display.applyRecord(
    record('erase-write', 0xc3, [
      sf(0x68),
      text('TITLE'),
      sf(0x60),
      sba(80),
      sf(0x4c),
      text('SECRET'),
      sf(0x60),
      sba(160),
      sfe([0xc0, 0x40], [0x42, 0xf6], [0x41, 0xf2]),
      ic(),
      text('YELLOW'),
      sf(0x60),
      sba(240),
      sf(0x60),
      sa(0x42, 0xf3),
      sa(0x41, 0xf1),
      text('PINK'),
    ]),
  );
  if (status.kind !== 'ok') throw new Error(status.kind);
  return display;
}

/** What the ANSI output leaves on screen: the text of each row, escapes removed. */
function visibleRows(ansi: string): string[] {
  const rows: string[] = [];
  for (const part of ansi
    .split(/\x1b\[(\d+);1H/)
    .slice(1)
    .entries()) {
    if (part[0] % 2 === 0) continue;
    rows.push(part[1].replace(/\x1b\[\d+;\d+H.*$/, '').replace(/\x1b\[[0-9;?]* ?[a-zA-Z]/g, ''));
  }
  return rows;
}

describe('3270 screen to ANSI', () => {
  it('draws every row full width and the OIA below them', () => {
    const ansi = screenToAnsi(screenView(sample()), 9);
    const rows = visibleRows(ansi);
    expect(rows).toHaveLength(25);
    expect(rows[0]).toBe(` TITLE${' '.repeat(74)}`);
    expect(rows.every((row) => row.length === 80)).toBe(true);
    expect(rows[24]).toContain('0009');
  });

  it('never shows the contents of a non-display field', () => {
    const ansi = screenToAnsi(screenView(sample()), 9);
    expect(ansi).not.toContain('SECRET');
    expect(visibleRows(ansi)[1].trim()).toBe('');
  });

  it('draws an intensified protected field bright white, an unprotected normal one green', () => {
    const view = screenView(sample());
    expect(runStyle(view.runs[0][0])).toBe('\x1b[0;38;2;255;255;255;1m');
    const unformattedGreen = runStyle({
      column: 0,
      length: 1,
      foreground: 'green',
      background: 'default',
      highlight: 'default',
      intensified: false,
    });
    expect(unformattedGreen).toBe('\x1b[0;38;2;80;232;96m');
  });

  it('maps extended colour and highlighting: yellow reverse, pink blink, underscore, background', () => {
    const view = screenView(sample());
    const yellow = view.runs[2].find((run) => run.foreground === 'yellow');
    expect(yellow && runStyle(yellow)).toBe('\x1b[0;38;2;244;232;80;7m');
    const pink = view.runs[3].find((run) => run.foreground === 'pink');
    expect(pink && runStyle(pink)).toBe('\x1b[0;38;2;240;128;220;5m');
    expect(
      runStyle({
        column: 0,
        length: 1,
        foreground: 'turquoise',
        background: 'blue',
        highlight: 'underscore',
        intensified: false,
      }),
    ).toBe('\x1b[0;38;2;64;224;208;48;2;120;144;240;4m');
  });

  it('puts the cursor at the screen cursor, a bar in insert mode', () => {
    const display = sample();
    let ansi = screenToAnsi(screenView(display), 9);
    expect(ansi.endsWith('\x1b[2 q\x1b[3;2H\x1b[?25h')).toBe(true);
    display.toggleInsert();
    ansi = screenToAnsi(screenView(display), 9);
    expect(ansi.endsWith('\x1b[6 q\x1b[3;2H\x1b[?25h')).toBe(true);
  });

  it('shows X SYSTEM while the keyboard is locked, the operator error, insert and the cursor in the OIA', () => {
    const display = sample();
    let oia = oiaText(screenView(display), 0x0a9);
    expect(oia).toHaveLength(80);
    expect(oia.startsWith('4A')).toBe(true);
    expect(oia).toContain('00A9');
    expect(oia.trimEnd().endsWith('003/002')).toBe(true);
    expect(oia).not.toContain('X');
    display.cursor = 1;
    display.type('Z');
    expect(oiaText(screenView(display), 9).slice(8, 14)).toBe('X PROT');
    display.reset();
    display.cursor = 161;
    display.toggleInsert();
    expect(oiaText(screenView(display), 9)[51]).toBe('^');
    display.enter();
    oia = oiaText(screenView(display), 9);
    expect(oia.slice(8, 16)).toBe('X SYSTEM');
    expect(oia[51]).toBe(' ');
  });
});
