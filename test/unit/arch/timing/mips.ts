/**
 * Quick local MIPS measurement of the CPU loop (not a test, not the official `npm run bench`):
 *   node --import tsx test/unit/arch/timing/mips.ts [iterations] [--interpret] [--only=N]
 * Each loop runs to a disabled wait (LPSWE of a wait PSW); the figure is instructions per second of
 * this process's CPU time, best of three. --interpret disables the compiled-block tier.
 */
import { Cpu } from '../../../../src/engine/arch/cpu';
import { MainStorage } from '../../../../src/engine/arch/main-storage';

const hex = (s: string): Uint8Array =>
  new Uint8Array(
    s
      .replace(/\s+/g, '')
      .match(/../g)!
      .map((b) => parseInt(b, 16)),
  );
const LPSWE_R9 = 'b2b29000';
const BR_R14 = '07fe';

interface Loop {
  name: string;
  code: string;
  perIteration: number;
  setup?: (cpu: Cpu) => void;
}

const loops: Loop[] = [
  { name: 'AGR+BRCTG', code: `b9080023 a747fffe ${LPSWE_R9}`, perIteration: 2 },
  { name: 'AR+BRCT', code: `1a23 a746ffff ${LPSWE_R9}`, perIteration: 2 },
  {
    name: 'AHI+BCT',
    code: `a72a0001 46405000 ${LPSWE_R9}`,
    perIteration: 2,
    setup: (c) => c.setGpr(5, 0x10000n),
  },
  { name: 'BRASL/BR+BRCTG', code: `c0e500000007 a747fffd ${LPSWE_R9} ${BR_R14}`, perIteration: 3 },
  {
    name: 'SRLG XGR AGR AGHI BRCTG',
    code: `eb120003000c b9820031 b9080023 a72b0007 a747fff7 ${LPSWE_R9}`,
    perIteration: 5,
  },
  {
    name: 'LG/AG/STG+BRCTG',
    code: `e31060000004 e31060080008 e31060100024 a747fff7 ${LPSWE_R9}`,
    perIteration: 4,
    setup: (c) => c.setGpr(6, 0x20000n),
  },
  {
    name: 'MVC 256+BRCTG',
    code: `d2ff70008000 a747fffd ${LPSWE_R9}`,
    perIteration: 2,
    setup: (c) => {
      c.setGpr(7, 0x30000n);
      c.setGpr(8, 0x31000n);
    },
  },
];

function measure(loop: Loop, iterations: number): number {
  const storage = new MainStorage(16 << 20);
  storage.load(0x10000, hex(loop.code));
  storage.load(0x8000, hex('0002000180000000 0000000000000000'));
  storage.load(0x31000, new Uint8Array(256).fill(7));
  const cpu = new Cpu({ address: 0, storage });
  cpu.setGpr(9, 0x8000n);
  cpu.setGpr(4, BigInt(iterations));
  loop.setup?.(cpu);
  cpu.setPsw(0x0000_0001_8000_0000n, 0x10000n);
  cpu.start();
  cpu.compileBlocks = !interpretOnly;
  // CPU time of this process, not wall time: the box is shared and busy.
  const t0 = process.cpuUsage();
  let reason = cpu.run(1_000_000);
  while (reason === 'limit') reason = cpu.run(1_000_000);
  const used = process.cpuUsage(t0);
  const ms = (used.user + used.system) / 1000;
  if (reason !== 'wait' || !cpu.disabledWait)
    throw new Error(`${loop.name}: stopped with ${reason} ${cpu.pswHex()}`);
  return cpu.instructionCount / ms / 1000;
}

const iterations = Number(process.argv[2] ?? 10_000_000);
const interpretOnly = process.argv.includes('--interpret');
/** --only=N runs loop N alone (a fresh process per loop keeps the JIT's feedback per loop). */
const only = process.argv.find((a) => a.startsWith('--only='));
for (const loop of only === undefined ? loops : [loops[Number(only.slice(7))]]) {
  measure(loop, Math.floor(iterations / 20)); // warm-up
  const n = loop.name.startsWith('MVC') ? Math.floor(iterations / 4) : iterations;
  const mips = Math.max(measure(loop, n), measure(loop, n), measure(loop, n));
  console.log(`${loop.name.padEnd(26)} ${mips.toFixed(1).padStart(7)} MIPS`);
}
