/**
 * Prints every failing (binary, function) of the C semantic oracle on zvlab's CPU, with the first
 * failing vector and, for runs that stopped early, the interruption and the instruction bytes it
 * points at. For the CPU's author: `node --import tsx scripts/oracle-c-report.ts`.
 */
import { readFileSync } from 'node:fs';
import { bareMachine, callFunction } from '../src/cli/commands/exec-command';
import { parseElf, symbolAddress } from '../src/engine/asm/elf-loader';
import { C_BINARIES, C_FIXTURES, hex64, loadGolden, loadVectors } from '../test/oracle/c-semantics-vectors';

const functions = loadVectors();
const golden = loadGolden();
let pass = 0;
let fail = 0;
for (const binary of C_BINARIES) {
  const elf = parseElf(new Uint8Array(readFileSync(new URL(`build/${binary}`, C_FIXTURES))));
  const machine = bareMachine({ elf });
  for (const f of functions) {
    const address = symbolAddress(elf, f.name);
    let bad = 0;
    let first = '';
    f.vectors.forEach((args, i) => {
      const run = callFunction(machine, address, args, 50_000_000);
      const want = BigInt(golden.functions[f.name][i]);
      if (run.stop === 'return' && run.result === want) {
        pass++;
        return;
      }
      fail++;
      bad++;
      if (first !== '') return;
      const call = `${f.name}(${args.map((a) => hex64(a).replace(/^0x0*(?=.)/, '0x')).join(', ')})`;
      if (run.stop === 'return') first = `${call}: expected ${hex64(want)}, got ${hex64(run.result)}`;
      else {
        const notes = run.interruptions.map((e) => {
          const at = Number(BigInt(`0x${e.oldPsw.slice(16)}`));
          const bytes = [...machine.storage.read(Math.max(0, at - 6), 6)].map((b) =>
            b.toString(16).padStart(2, '0'),
          );
          return `${e.class} 0x${e.code.toString(16)} old PSW ${e.oldPsw} (6 bytes before: ${bytes.join('')})`;
        });
        const cs = run.stop === 'check-stop' ? ` (${run.cpu.checkStopReason})` : '';
        first = `${call}: stopped with ${run.stop}${cs}; ${notes.join('; ')}`;
      }
    });
    if (bad > 0) console.log(`${binary} ${f.name}: ${bad}/${f.vectors.length} fail; first: ${first}`);
  }
}
console.log(`C oracle on zvlab: ${pass} passed, ${fail} failed (${pass + fail} calls)`);
