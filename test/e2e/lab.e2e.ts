import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { assert, type E2eTest, sleep, waitFor } from './e2e-harness';

export interface LabContext {
  readonly context: BrowserContext;
  readonly baseUrl: string;
  readonly results: string;
  /** Console errors, page errors and stray requests seen since the last test ended. */
  readonly problems: string[];
  /** The lab page the tests share, opened by the first test. */
  page: Page | undefined;
}

/** Opens the lab in a new tab that reports every console error, page error and off-site request. */
export async function openLab(
  lab: LabContext,
  allowError: (text: string) => boolean = () => false,
  query = '',
): Promise<Page> {
  const page = await lab.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowError(message.text())) {
      lab.problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => lab.problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (!allowError(request.url())) lab.problems.push(`request failed: ${request.url()}`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(lab.baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      lab.problems.push(`request outside the preview server: ${url}`);
    }
  });
  await page.goto(lab.baseUrl + query);
  return page;
}

function labPage(lab: LabContext): Page {
  assert(lab.page, 'the lab page was not opened (the first test failed)');
  return lab.page;
}

async function virtualSeconds(page: Page): Promise<number> {
  const text = await page.locator('[data-testid="virtual-time"]').textContent();
  const match = /^(\d+\.\d{6}) s$/.exec(text ?? '');
  assert(match, `virtual time is not formatted like "12.345678 s": ${JSON.stringify(text)}`);
  return Number(match[1]);
}

async function runState(page: Page): Promise<string> {
  return (await page.locator('[data-testid="run-state"]').textContent()) ?? '';
}

/** The HMC terminal's visible rows, as the xterm.js DOM renderer draws them. */
async function consoleRows(page: Page): Promise<string[]> {
  return page
    .locator('.terminal-host[data-console="hmc"] .xterm-rows > div')
    .evaluateAll((rows) => rows.map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()));
}

/** A clipboard paste into the HMC terminal, as the browser delivers one (xterm turns LF into CR). */
async function paste(page: Page, text: string): Promise<void> {
  await page.locator('.terminal-host[data-console="hmc"] .xterm-helper-textarea').evaluate((area, pasted) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', pasted);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, text);
}

async function click(page: Page, action: string): Promise<void> {
  await page.locator(`button[data-action="${action}"]`).click();
}

/** The line numbers lit in one output pane of the Guest definition view. */
async function litLines(page: Page, form: string): Promise<number[]> {
  return page
    .locator(`.gdef-pane[data-form="${form}"] .gdef-line.lit`)
    .evaluateAll((rows) => rows.map((row) => Number((row as HTMLElement).dataset.line)));
}

/** The line numbers lit in the editor's gutter. */
async function litInputLines(page: Page): Promise<number[]> {
  return page
    .locator('.gdef-gutter-line.lit')
    .evaluateAll((rows) => rows.map((row) => Number((row.textContent ?? '').replace(/\D/g, ''))));
}

async function paneText(page: Page, form: string): Promise<string> {
  return (await page.locator(`.gdef-pane[data-form="${form}"] .gdef-output`).textContent()) ?? '';
}

export const labTests: readonly E2eTest<LabContext>[] = [
  {
    name: 'the page loads: machine tree, overview, HMC console, no console errors',
    run: async (lab) => {
      const page = await openLab(lab);
      lab.page = page;
      await page.locator('[data-testid="machine-tree"]').getByText('ZVLAB1').waitFor();
      await page.locator('[data-testid="machine-tree"]').getByText('CPU 01').waitFor();
      const cpuRows = page.locator('[data-testid="cpu-table"] tbody tr');
      await cpuRows.nth(1).waitFor();
      assert((await cpuRows.count()) === 2, "the CPU table should list the CEC's two CPUs");
      await page.getByText('LPARs and guests will appear here').waitFor();
      await waitFor(
        'the power-on message in the HMC console',
        () => consoleRows(page),
        (rows) => rows.some((row) => row.startsWith('ZVL001I CEC ZVLAB1 power-on reset complete')),
      );
      assert((await runState(page)) === 'paused', 'the machine should start paused');
      assert((await virtualSeconds(page)) === 0, 'virtual time should start at 0');
    },
  },
  {
    name: 'Run makes virtual time advance',
    run: async (lab) => {
      const page = labPage(lab);
      const before = await virtualSeconds(page);
      await click(page, 'run');
      await waitFor(
        'run state "running"',
        () => runState(page),
        (s) => s === 'running',
      );
      await waitFor(
        'virtual time to advance',
        () => virtualSeconds(page),
        (t) => t > before + 0.05,
      );
    },
  },
  {
    name: 'Pause stops virtual time (stable across 300 ms)',
    run: async (lab) => {
      const page = labPage(lab);
      await click(page, 'pause');
      await waitFor(
        'run state "paused"',
        () => runState(page),
        (s) => s === 'paused',
      );
      // Let the last in-flight snapshot land before sampling.
      await sleep(100);
      const first = await virtualSeconds(page);
      await sleep(300);
      const second = await virtualSeconds(page);
      assert(first === second, `virtual time moved while paused: ${first} -> ${second}`);
      assert(first > 0, 'virtual time should be above 0 after running');
    },
  },
  {
    name: 'Step advances virtual time while paused',
    run: async (lab) => {
      const page = labPage(lab);
      const before = await virtualSeconds(page);
      await click(page, 'step');
      const after = await waitFor(
        'a step to advance the clock',
        () => virtualSeconds(page),
        (t) => t > before,
      );
      await sleep(200);
      assert((await virtualSeconds(page)) === after, 'the clock kept moving after one step');
      assert((await runState(page)) === 'paused', 'the machine should still be paused after Step');
    },
  },
  {
    name: 'the speed selector switches the machine to 10x and max and back',
    run: async (lab) => {
      const page = labPage(lab);
      const speedFigure = page.locator('.card', { hasText: 'Run state' }).locator('dd').nth(2);
      for (const speed of ['10x', 'max', '1x']) {
        await page.locator(`.speed button[data-speed="${speed}"]`).click();
        await waitFor(
          `the ${speed} button to be selected`,
          () => page.locator(`.speed button[data-speed="${speed}"]`).getAttribute('aria-pressed'),
          (pressed) => pressed === 'true',
        );
        // The overview shows the speed the worker reports, so this is a round trip to the machine.
        await waitFor(
          `the machine to report ${speed}`,
          () => speedFigure.textContent(),
          (t) => t === speed,
        );
        if (speed === 'max') {
          const before = await virtualSeconds(page);
          await click(page, 'run');
          await waitFor(
            'the clock to run at max',
            () => virtualSeconds(page),
            (t) => t > before + 1,
          );
          await waitFor(
            'an achieved ratio above zero',
            () => page.locator('[data-testid="achieved-ratio"]').textContent(),
            (text) => /^×[\d,.]+$/.test(text ?? '') && text !== '×0.00',
          );
          await click(page, 'pause');
          await waitFor(
            'run state "paused"',
            () => runState(page),
            (s) => s === 'paused',
          );
        }
      }
    },
  },
  {
    name: 'typing "hello zvlab" + Enter in the HMC console shows it once, echoed by the machine',
    run: async (lab) => {
      const page = labPage(lab);
      await click(page, 'run');
      await page.locator('.terminal-host[data-console="hmc"] .xterm-screen').click();
      await page.keyboard.type('hello zvlaX');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('b');
      await waitFor(
        'the line being edited after the prompt',
        () => consoleRows(page),
        (rows) => rows.includes('==> hello zvlab'),
      );
      await page.keyboard.press('Enter');
      const rows = await waitFor(
        'the echoed line',
        () => consoleRows(page),
        (r) => r.includes('hello zvlab') && r.includes('==>'),
      );
      const echoes = rows.filter((row) => row.includes('hello zvlab'));
      assert(echoes.length === 1, `expected the line once, found: ${JSON.stringify(echoes)}`);
      assert(echoes[0] === 'hello zvlab', `the echo should be the line itself: ${JSON.stringify(echoes[0])}`);
      await sleep(400);
      await page.screenshot({ path: join(lab.results, 'lab.png') });
    },
  },
  {
    name: 'console output that arrives while a line is typed, and a line that wraps, are drawn once',
    run: async (lab) => {
      const page = labPage(lab);
      await page.locator('.terminal-host[data-console="hmc"] .xterm-screen').click();
      // A paste of two lines: the first is sent, its echo arrives while the second is still being edited.
      await paste(page, 'first pasted\nsecond pasted');
      const rows = await waitFor(
        'the first line echoed above the second, still being edited',
        () => consoleRows(page),
        (r) => r.includes('first pasted') && r[r.indexOf('first pasted') + 1] === '==> second pasted',
      );
      assert(rows.filter((row) => row.includes('pasted')).length === 2, `rows: ${JSON.stringify(rows)}`);
      await page.keyboard.press('Control+U');
      const long = `LONG ${'0123456789'.repeat(24)}`;
      await page.keyboard.insertText(long);
      await page.keyboard.press('Enter');
      const after = await waitFor(
        'the long line echoed and a fresh prompt',
        () => consoleRows(page),
        (r) => r.join('').includes(long) && r.filter((row) => row.startsWith('==>')).length === 1,
      );
      const prompt = after.findIndex((row) => row.startsWith('==>'));
      assert(after[prompt] === '==>', `the prompt line should be empty: ${JSON.stringify(after[prompt])}`);
      assert(
        after.slice(prompt + 1).every((row) => row === ''),
        `rows after the prompt: ${JSON.stringify(after)}`,
      );
      assert(after.join('').split(long).length === 2, 'the long line should appear exactly once');
      assert(!after.some((row) => row.includes('second pasted')), 'Ctrl+U should have cleared the line');
    },
  },
  {
    name: 'the Guest definition view translates the seed directory entry into QEMU and libvirt XML',
    run: async (lab) => {
      const page = labPage(lab);
      await page.locator('.main-tabs button[data-view="definition"]').click();
      await page.locator('[data-testid="guest-definition"]').waitFor();
      await page.locator('button[data-example="seed-directory"]').click();
      await waitFor(
        'the QEMU pane to hold the minidisks as virtio-blk-ccw devices',
        () => paneText(page, 'qemu'),
        (t) => t.includes('-device virtio-blk-ccw') && t.includes('-name LINUX01'),
      );
      const xml = await waitFor(
        'the XML pane to hold the domain',
        () => paneText(page, 'xml'),
        (t) => t.includes("<domain type='kvm'>") && t.includes('<name>LINUX01</name>'),
      );
      assert(xml.includes("devno='0x0191'"), 'MDISK 191 should become the disk at ccw devno 0x0191');
      assert((await page.locator('.gdef-pane').count()) === 2, 'the directory input shows the two KVM forms');
      const status = await page.locator('[data-testid="definition-status"]').textContent();
      assert(status === 'valid', `the seed entry should be valid: ${JSON.stringify(status)}`);
      const notes = await page.locator('.gdef-pane[data-form="qemu"] .gdef-note').allTextContents();
      assert(
        notes.some((n) => n.includes('SPOOL 000C 2540') && n.includes('no KVM twin')),
        `the QEMU notes should say the reader has no KVM twin: ${JSON.stringify(notes)}`,
      );
    },
  },
  {
    name: 'an unknown statement is marked inline at its line with the DIRECTXA message',
    run: async (lab) => {
      const page = labPage(lab);
      const editor = page.locator('[data-testid="definition-editor"] textarea');
      const seed = await editor.inputValue();
      await editor.fill(`${seed.trimEnd()}\nFOOBAR 1 2\n`);
      const inline = page.locator('[data-testid="inline-diagnostic"][data-line="11"]');
      await inline.waitFor();
      const message = await inline.textContent();
      assert(message?.includes('HCPDIR751E UNKNOWN STATEMENT - FOOBAR'), `inline message: ${message}`);
      assert(
        (await page.locator('.gdef-gutter-line.error').allTextContents()).join() === '✖11',
        'the gutter should mark line 11, and only it',
      );
      await waitFor(
        'the status to count the error',
        () => page.locator('[data-testid="definition-status"]').textContent(),
        (t) => t === '1 error',
      );
      const listed = await page.locator('[data-testid="definition-diagnostics"]').textContent();
      assert(listed?.startsWith('11:1 HCPDIR751E'), `the list should name line 11 column 1: ${listed}`);
    },
  },
  {
    name: 'hovering a line highlights the lines it produced in each form, and back',
    run: async (lab) => {
      const page = labPage(lab);
      const editor = page.locator('[data-testid="definition-editor"] textarea');
      // line 10 of the seed: MDISK 200 3390 050 100 TWOBIT MR (8 px padding, 20 px lines)
      await editor.hover({ position: { x: 60, y: 8 + 9 * 20 + 10 } });
      await waitFor(
        'the QEMU lines of the 0200 disk to light up',
        () => litLines(page, 'qemu'),
        (lines) => lines.join() === '12,13',
      );
      const xmlLines = await litLines(page, 'xml');
      assert(xmlLines.length >= 5, `the XML <disk> of 0200 should light up: ${xmlLines}`);
      const xml = page.locator('.gdef-pane[data-form="xml"] .gdef-line.lit');
      assert((await xml.first().textContent())?.includes('<disk'), 'the lit XML should start at its <disk>');
      // and back: the virtio-net device in the QEMU pane lights the SPECIAL statement (line 8)
      await page.locator('.gdef-pane[data-form="qemu"] .gdef-line[data-line="9"]').hover();
      await waitFor(
        'the SPECIAL statement to light up in the editor',
        () => litInputLines(page),
        (lines) => lines.join() === '8',
      );
      const xmlNic = await litLines(page, 'xml');
      assert(xmlNic.length > 0, 'the <interface> should light up in the XML pane too');
      await sleep(150);
      await page.screenshot({ path: join(lab.results, 'guest-definition.png') });
      await page.mouse.move(0, 0);
      await page.locator('.main-tabs button[data-view="machine"]').click();
      await page.locator('[data-testid="cpu-table"]').waitFor();
    },
  },
  {
    name: 'a worker that dies shows the error banner, and Restart starts a new machine',
    run: async (lab) => {
      const crash = 'e2e: simulated machine worker crash';
      const page = await openLab(lab, (text) => text.includes(crash) || text.includes('machine.worker'));
      try {
        await page.route('**/machine.worker-*.js', (route) =>
          route.fulfill({
            contentType: 'text/javascript',
            body: `throw new Error(${JSON.stringify(crash)});`,
          }),
        );
        await page.reload();
        const banner = page.locator('[data-testid="worker-banner"]');
        await banner.waitFor();
        assert((await banner.textContent())?.includes(crash), 'the banner should say why the worker stopped');
        assert((await runState(page)) === 'offline', 'the run state should read offline');
        await page.screenshot({ path: join(lab.results, 'worker-died.png') });
        await page.unroute('**/machine.worker-*.js');
        await banner.getByRole('button', { name: 'Restart' }).click();
        await banner.waitFor({ state: 'detached' });
        await page.locator('[data-testid="machine-tree"]').getByText('ZVLAB1').waitFor();
        await waitFor(
          'the new machine to answer',
          () => runState(page),
          (s) => s === 'paused',
        );
      } finally {
        await page.close();
      }
    },
  },
];
