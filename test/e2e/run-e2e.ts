/**
 * End-to-end suite: serves the built page with `vite preview` on 127.0.0.1, drives Debian's Chromium
 * through playwright-core, and fails on any console error, page error or request that leaves the
 * preview server. Builds first only when dist/ is missing or E2E_BUILD=1 (.ci/run builds before).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { runTests } from './e2e-harness';
import { display3270Tests } from './display3270.e2e';
import { type LabContext, labTests } from './lab.e2e';

const ROOT = resolve(import.meta.dirname, '../..');
const RESULTS = join(ROOT, 'test-results');

async function main(): Promise<number> {
  if (process.env.E2E_BUILD === '1' || !existsSync(join(ROOT, 'dist/index.html'))) {
    console.log('e2e: building (npm run build)');
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  mkdirSync(RESULTS, { recursive: true });

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}/`;
  const preview = spawn(
    join(ROOT, 'node_modules/.bin/vite'),
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let previewLog = '';
  preview.stdout?.on('data', (chunk) => {
    previewLog += chunk;
  });
  preview.stderr?.on('data', (chunk) => {
    previewLog += chunk;
  });
  const profile = mkdtempSync(join(tmpdir(), 'zvlab-e2e-chromium-'));
  try {
    await waitForServer(baseUrl, preview, () => previewLog);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1360, height: 860 },
    });
    try {
      const lab: LabContext = { context, baseUrl, results: RESULTS, problems: [], page: undefined };
      const { passed, failed } = await runTests([...labTests, ...display3270Tests], lab, () =>
        lab.problems.splice(0),
      );
      // Anything reported after the last test ended still fails the run.
      await lab.page?.waitForTimeout(200);
      const late = lab.problems.splice(0);
      for (const problem of late) console.log(`FAIL  after the last test: ${problem}`);
      console.log(`E2E: ${passed} passed, ${failed + (late.length > 0 ? 1 : 0)} failed`);
      return failed === 0 && late.length === 0 ? 0 : 1;
    } finally {
      await context.close();
    }
  } finally {
    stop(preview);
    rmSync(profile, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}):\n${log()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer at ${url} within 30 s:\n${log()}`);
}

function stop(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    console.log('E2E: 0 passed, 1 failed');
    process.exitCode = 1;
  },
);
