import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { assert, type E2eTest, sleep, waitFor } from './e2e-harness';
import { type LabContext, openLab } from './lab.e2e';

/** The 3270 terminal's visible rows, as the xterm.js DOM renderer draws them. */
async function screenRows(page: Page, devno: string): Promise<string[]> {
  return page
    .locator(`.display3270-screen[data-display="${devno}"] .xterm-rows > div`)
    .evaluateAll((rows) => rows.map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()));
}

async function openDisplay(lab: LabContext, scenario: string, devno: string): Promise<Page> {
  const page = await openLab(lab, () => false, `?scenario=${scenario}`);
  const tab = page.locator(`.dock-tab[data-tab="3270-${devno.toUpperCase()}"]`);
  await tab.waitFor();
  await tab.click();
  await page.locator(`.display3270-screen[data-display="${devno}"] .xterm-rows`).waitFor();
  return page;
}

export const display3270Tests: readonly E2eTest<LabContext>[] = [
  {
    name: 'first light: the IPLed program writes its welcome screen on 3270 0009 and echoes what is typed there',
    run: async (lab) => {
      const page = await openDisplay(lab, 'first-light', '0009');
      try {
        await page.locator('button[data-action="run"]').click();
        // The scenario's own scripted input ends with "IBM Z" at 120 ms of virtual time.
        await waitFor(
          'the welcome screen and the scripted echo',
          () => screenRows(page, '0009'),
          (rows) =>
            rows.some((row) => row.includes('FIRST LIGHT')) &&
            rows.some((row) => row.includes('YOU TYPED: IBM Z')) &&
            !rows[24].includes('X SYSTEM'),
          20_000,
        );
        await page.locator('.display3270-screen .xterm-screen').click();
        await page.keyboard.type('ZVLAB E2E');
        await waitFor(
          'the typed text in the input field',
          () => screenRows(page, '0009'),
          (rows) => rows.some((row) => row.includes('==> ZVLAB E2E')),
        );
        await page.keyboard.press('Enter');
        const rows = await waitFor(
          'the echo of the typed line',
          () => screenRows(page, '0009'),
          (r) => r.some((row) => row.includes('YOU TYPED: ZVLAB E2E')) && !r[24].includes('X SYSTEM'),
          20_000,
        );
        assert(
          !rows.some((row) => row.includes('==> ZVLAB E2E')),
          'the input field is emptied for the next line',
        );
        await page.locator('button[data-action="pause"]').click();
        await page.screenshot({ path: join(lab.results, 'first-light.png') });
      } finally {
        await page.close();
      }
    },
  },
  {
    name: '3270 tab: typing shows on the screen, ENTER locks the keyboard (X SYSTEM), keypad and key settings',
    run: async (lab) => {
      const page = await openDisplay(lab, '3270-keyboard', '0009');
      try {
        await page.locator('.display3270-screen .xterm-screen').click();
        await page.keyboard.type('HELLO 3270');
        await waitFor(
          'the typed text on row 1',
          () => screenRows(page, '0009'),
          (rows) => rows[0] === 'HELLO 3270',
        );
        let rows = await screenRows(page, '0009');
        assert(rows.length === 25, `24 rows and the OIA: ${rows.length}`);
        assert(rows[24].includes('0009') && rows[24].includes('001/011'), `OIA: ${rows[24]}`);
        await page.keyboard.press('Insert');
        await waitFor(
          'the insert mark in the OIA',
          () => screenRows(page, '0009'),
          (r) => r[24][51] === '^',
        );
        await page.keyboard.press('Home');
        await page.keyboard.type('>');
        await waitFor(
          'the inserted character',
          () => screenRows(page, '0009'),
          (r) => r[0] === '>HELLO 3270',
        );
        await page.keyboard.press('Escape');
        await page.locator('.display3270-keypad button[data-key="Enter"]').click();
        rows = await waitFor(
          'X SYSTEM after ENTER',
          () => screenRows(page, '0009'),
          (r) => r[24].includes('X SYSTEM'),
        );
        assert(rows[24][51] !== '^', 'ENTER leaves insert mode');
        await page.keyboard.type('Z');
        await sleep(200);
        assert((await screenRows(page, '0009'))[0] === '>HELLO 3270', 'a locked keyboard takes no input');
        await page.screenshot({ path: join(lab.results, '3270-keypad.png') });

        await page.locator('button[data-action="key-settings"]').click();
        const clear = page.locator('.key-binding[data-binding="Clear"]');
        assert((await clear.textContent())?.includes('Ctrl+L'), 'Clear is bound to Ctrl+L by default');
        await clear.getByRole('button', { name: 'Bind a key to Clear' }).click();
        await page.keyboard.press('Control+K');
        await waitFor(
          'the new binding',
          async () => (await clear.textContent()) ?? '',
          (text) => text.includes('Ctrl+K'),
        );
        const stored = await page.evaluate(() => localStorage.getItem('zvlab.3270.keyBindings') ?? '');
        assert(stored.includes('"Ctrl+K":"Clear"'), `stored bindings: ${stored}`);
        await page.screenshot({ path: join(lab.results, '3270-key-settings.png') });
        await page.locator('button[data-action="reset-bindings"]').click();
        await waitFor(
          'the defaults back',
          async () => (await clear.textContent()) ?? '',
          (text) => !text.includes('Ctrl+K'),
        );
      } finally {
        await page.close();
      }
    },
  },
];
