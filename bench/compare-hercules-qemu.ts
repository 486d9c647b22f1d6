/**
 * Runs the benchmark loops (bench/loops/) in Hercules (Debian's `hercules`, z/Arch mode, images
 * loaded with `loadcore`, count patched with `r`, started with the restart key), in qemu-s390x
 * (Linux user-mode ELF variants that end with exit(0)) and in zvlab, and prints MIPS and the
 * zvlab/Hercules and zvlab/qemu ratios. Slow; not part of `npm test`.
 *   node --import tsx bench/compare-hercules-qemu.ts [--seconds S] [--repeat N] [--only NAME]
 *
 * Measuring: each outside run is timed from the host's side (Hercules: from the log line of the
 * restart key to the log line of the disabled wait; qemu: process start to exit), so it carries a
 * fixed overhead (log latency, process and translation start-up). Two runs with different
 * iteration counts are made and MIPS = Δinstructions / Δseconds, which cancels that overhead.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type BenchLoop,
  benchLoops,
  calibrate,
  LOAD_ADDRESS,
  median,
  patchedImage,
  runZvlab,
} from './zvlab-loops';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    repeat: { type: 'string', default: '5' },
    only: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const repeat = Math.max(1, Number(values.repeat));
const work = mkdtempSync(join(tmpdir(), 'zvlab-compare-'));
const root = new URL('..', import.meta.url).pathname;

/** Instructions one run executes: the loop plus the fixed set-up and ending (same image on all three). */
function instructionsOf(loop: BenchLoop, iterations: number): number {
  return runZvlab(loop, 3).instructions - 3 * loop.perIteration + iterations * loop.perIteration;
}

// ---- Hercules ----

const HERCULES_CONFIG = `CPUSERIAL 000001
CPUMODEL  2064
MAINSIZE  16
NUMCPU    1
ARCHMODE  z/Arch
PANRATE   SLOW
000E 1403 /dev/null
`;

/** Low core for Hercules: the z/Architecture restart new PSW (0x1A0) enters the loop in 64-bit mode. */
function herculesBoot(): Uint8Array {
  const boot = new Uint8Array(0x200);
  const view = new DataView(boot.buffer);
  view.setBigUint64(0x1a0, 0x0000_0001_8000_0000n);
  view.setBigUint64(0x1a8, BigInt(LOAD_ADDRESS));
  return boot;
}

/** One Hercules run: seconds from "Restart key depressed" to "Disabled wait state" as the log shows them. */
function herculesRun(loop: BenchLoop, iterations: number): Promise<number> {
  const dir = mkdtempSync(join(work, 'herc-'));
  writeFileSync(join(dir, 'zvlab.cnf'), HERCULES_CONFIG);
  writeFileSync(join(dir, 'boot.bin'), herculesBoot());
  writeFileSync(join(dir, 'loop.bin'), patchedImage(loop, iterations));
  writeFileSync(
    join(dir, 'zvlab.rc'),
    `loadcore boot.bin 0\nloadcore loop.bin ${LOAD_ADDRESS.toString(16)}\nrestart\n`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn('hercules', ['-f', 'zvlab.cnf', '-d'], {
      cwd: dir,
      env: { ...process.env, HERCULES_RC: 'zvlab.rc' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let t0 = 0;
    let t1 = 0;
    let done = false;
    let log = '';
    const timer = setTimeout(
      () => finish(new Error('Hercules did not reach the wait within 600 s')),
      600_000,
    );
    const finish = (result: number | Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      if (result instanceof Error) reject(new Error(`${result.message}\n${log.slice(-2000)}`));
      else resolve(result);
    };
    // One line buffer per stream, so that partial lines of stdout and stderr never mix.
    const onData = (stream: { buffered: string }) => (chunk: Buffer) => {
      const now = performance.now();
      stream.buffered += chunk.toString('latin1');
      log += chunk.toString('latin1');
      let nl = stream.buffered.indexOf('\n');
      while (nl >= 0 && !done) {
        const line = stream.buffered.slice(0, nl);
        stream.buffered = stream.buffered.slice(nl + 1);
        if (line.includes('HHCPN038I')) t0 = now;
        if (line.includes('HHCCP011I')) {
          if (t0 === 0) return finish(new Error('wait before the restart'));
          t1 = now;
        }
        // The wait PSW follows on the next line; address 0 means the loop ran to its end.
        if (t1 !== 0 && line.includes('PSW=')) {
          if (!line.includes('PSW=00020001 80000000 0000000000000000')) {
            return finish(new Error(`unexpected wait PSW: ${line.trim()}`));
          }
          return finish((t1 - t0) / 1000);
        }
        nl = stream.buffered.indexOf('\n');
      }
    };
    child.stdout.on('data', onData({ buffered: '' }));
    child.stderr.on('data', onData({ buffered: '' }));
    child.on('error', (e) => finish(e));
  });
}

// ---- qemu-s390x ----

function qemuBuild(iterations: number): string {
  const dir = mkdtempSync(join(work, 'qemu-'));
  execFileSync('bash', [join(root, 'bench/build-loops.sh'), '--linux', dir], {
    env: { ...process.env, ITERATIONS: String(iterations) },
  });
  return dir;
}

function qemuRun(dir: string, loop: BenchLoop): number {
  const t0 = performance.now();
  execFileSync('qemu-s390x', [join(dir, `${loop.name}.elf`)]);
  return (performance.now() - t0) / 1000;
}

// ---- the comparison ----

interface Figures {
  readonly zvlab: number;
  readonly hercules: number;
  readonly qemu: number;
  /** Medians of the ratios of each round (runs minutes apart can differ by 2x on a shared host). */
  readonly herculesRatio: number;
  readonly qemuRatio: number;
}

/** The large iteration count of a pair: aims at --seconds from the time of one small run. */
async function largeCount(
  run: (iterations: number) => Promise<number> | number,
  small: number,
): Promise<number> {
  const t = await run(small);
  return Math.max(small * 4, Math.round((seconds * small) / Math.max(t, 1e-6)));
}

/**
 * One MIPS sample from a pair of runs (a small and a large iteration count): the difference
 * cancels the fixed start-up cost. NaN when the small run took longer (a machine too busy to tell).
 */
async function pairSample(
  loop: BenchLoop,
  run: (iterations: number) => Promise<number> | number,
  small: number,
  large: number,
): Promise<number> {
  const t1 = await run(small);
  const t2 = await run(large);
  return t2 > t1 ? (instructionsOf(loop, large) - instructionsOf(loop, small)) / (t2 - t1) / 1e6 : Number.NaN;
}

/** Median of the samples that are numbers (NaN when none is). */
function medianOf(samples: readonly number[]): number {
  const finite = samples.filter(Number.isFinite);
  return finite.length === 0 ? Number.NaN : median(finite);
}

/** A failed measurement is reported and shown as n/a (NaN) rather than ending the comparison. */
function failed(what: string, loop: BenchLoop): (error: Error) => number {
  return (error) => {
    process.stderr.write(`${what} failed on ${loop.name}: ${error.message.split('\n')[0]}\n`);
    return Number.NaN;
  };
}

const loops = benchLoops().filter((l) => values.only === undefined || l.name === values.only);
const results: { loop: BenchLoop; f: Figures }[] = [];
const qemuDirs = new Map<number, string>();
const qemuRunOf = (loop: BenchLoop) => (iterations: number) => {
  let dir = qemuDirs.get(iterations);
  if (dir === undefined) {
    dir = qemuBuild(iterations);
    qemuDirs.set(iterations, dir);
  }
  return qemuRun(dir, loop);
};
try {
  for (const loop of loops) {
    // The three take turns, --repeat rounds of one zvlab run and one Hercules and one qemu pair,
    // so a machine whose speed drifts (shared hosts) drifts under all of them alike; each round
    // also gives a same-window zvlab/Hercules ratio, whose median is printed.
    const n = calibrate(loop, seconds);
    runZvlab(loop, n);
    const small = loop.name.startsWith('mvc') ? 2_000_000 : 20_000_000;
    const herculesOf = (i: number) => herculesRun(loop, i);
    const qemuOf = qemuRunOf(loop);
    const herculesLarge = await largeCount(herculesOf, small).catch(failed('Hercules', loop));
    const qemuLarge = await largeCount(qemuOf, small).catch(failed('qemu-s390x', loop));
    const zs: number[] = [];
    const hs: number[] = [];
    const qs: number[] = [];
    for (let r = 0; r < repeat; r++) {
      zs.push(runZvlab(loop, n).mips);
      hs.push(
        Number.isNaN(herculesLarge)
          ? Number.NaN
          : await pairSample(loop, herculesOf, small, herculesLarge).catch(failed('Hercules', loop)),
      );
      qs.push(
        Number.isNaN(qemuLarge)
          ? Number.NaN
          : await pairSample(loop, qemuOf, small, qemuLarge).catch(failed('qemu-s390x', loop)),
      );
    }
    const figures = {
      zvlab: medianOf(zs),
      hercules: medianOf(hs),
      qemu: medianOf(qs),
      herculesRatio: medianOf(zs.map((z, r) => z / hs[r])),
      qemuRatio: medianOf(zs.map((z, r) => z / qs[r])),
    };
    results.push({ loop, f: figures });
    process.stderr.write(
      `${loop.title}: zvlab ${zs.map((z) => z.toFixed(0)).join('/')}, Hercules ${hs.map((h) => h.toFixed(0)).join('/')}, qemu ${qs.map((q) => q.toFixed(0)).join('/')} MIPS\n`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const herculesVersion = `Hercules ${execFileSync('dpkg-query', ['-W', 'hercules'], { encoding: 'utf8' }).trim().split('\t')[1]}`;
const qemuVersion = execFileSync('qemu-s390x', ['--version'], { encoding: 'utf8' }).split('\n')[0];
console.log(`zvlab (node ${process.version}) vs ${herculesVersion} vs ${qemuVersion}; MIPS, DAT off`);
const width = Math.max(...results.map((r) => r.loop.title.length), 4);
const f = (n: number) => n.toFixed(1).padStart(9);
const ratio = (n: number) => n.toFixed(3).padStart(14);
console.log(
  `${'loop'.padEnd(width)}  ${'zvlab'.padStart(9)}  ${'Hercules'.padStart(9)}  ${'qemu'.padStart(9)}  ${'zvlab/Hercules'.padStart(14)}  ${'zvlab/qemu'.padStart(14)}`,
);
for (const { loop, f: x } of results) {
  console.log(
    `${loop.title.padEnd(width)}  ${f(x.zvlab)}  ${f(x.hercules)}  ${f(x.qemu)}  ${ratio(x.herculesRatio)}  ${ratio(x.qemuRatio)}`,
  );
}
