/**
 * `npm run bench`: zvlab's interpreter speed in MIPS on the loops of bench/loops/, with DAT off and
 * with DAT on (identity-mapped 4 KiB pages around the loop image, so the TLB and the CPU's page
 * caches are what is measured). Each loop gets a calibration run, a warm-up run, then five timed runs
 * of about --seconds each (default 0.5); the tables show the median, the minimum and the maximum.
 *   node --import tsx bench/run-bench.ts [--seconds S] [--json]
 */
import { parseArgs } from 'node:util';
import { benchLoops, calibrate, median, runZvlab } from './zvlab-loops';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '0.5' }, json: { type: 'boolean', default: false } },
});
const seconds = Number(values.seconds);
if (!(seconds > 0)) throw new Error(`--seconds: expected a positive number, got '${values.seconds}'`);

interface Row {
  loop: string;
  instructions: number;
  median: number;
  min: number;
  max: number;
}

function measure(dat: boolean): Row[] {
  const rows: Row[] = [];
  for (const loop of benchLoops()) {
    const iterations = calibrate(loop, seconds, dat);
    runZvlab(loop, iterations, dat); // warm-up
    const runs = Array.from({ length: 5 }, () => runZvlab(loop, iterations, dat));
    const mips = runs.map((r) => r.mips);
    rows.push({
      loop: loop.title,
      instructions: runs[0].instructions,
      median: median(mips),
      min: Math.min(...mips),
      max: Math.max(...mips),
    });
    if (!values.json) process.stderr.write('.');
  }
  return rows;
}

const datOff = measure(false);
const datOn = measure(true);
if (!values.json) process.stderr.write('\n');

if (values.json) {
  console.log(JSON.stringify({ node: process.version, datOff, datOn }, null, 2));
} else {
  const width = Math.max(...datOff.map((r) => r.loop.length), 4);
  const f = (n: number) => n.toFixed(1).padStart(8);
  const table = (title: string, rows: Row[]) => {
    console.log(`zvlab CPU, node ${process.version}, ${title} (median of 5 runs after a warm-up)`);
    console.log(
      `${'loop'.padEnd(width)}  ${'instructions'.padStart(13)}  ${'MIPS'.padStart(8)}  ${'min'.padStart(8)}  ${'max'.padStart(8)}`,
    );
    for (const r of rows) {
      console.log(
        `${r.loop.padEnd(width)}  ${String(r.instructions).padStart(13)}  ${f(r.median)}  ${f(r.min)}  ${f(r.max)}`,
      );
    }
  };
  table('DAT off', datOff);
  console.log('');
  table('DAT on, identity-mapped 4 KiB pages', datOn);
}
