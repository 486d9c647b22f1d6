/**
 * C semantic oracle: gcc-compiled freestanding functions (test/fixtures/c/*.c, built at -O0, -O2 and
 * -Os by scripts/oracle-c-build.sh) run on zvlab's CPU with the `--call` convention; each result (r2)
 * must equal what qemu-s390x returned for the same function and arguments (expected.json, written by
 * scripts/regen-oracle-c.sh).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseElf, symbolAddress } from '../../src/engine/asm/elf-loader';
import { bareMachine, callFunction } from '../../src/cli/commands/exec-command';
import { C_BINARIES, C_FIXTURES, hex64, loadGolden, loadVectors, vectorsSha256 } from './c-semantics-vectors';

const functions = loadVectors();
const golden = loadGolden();
const MAX_INSTRUCTIONS = 50_000_000;

describe('C semantic oracle (gcc for s390x, goldens from qemu-s390x)', () => {
  it('has goldens for exactly the committed vectors', () => {
    expect(golden.vectorsSha256, 'expected.json is stale: run scripts/regen-oracle-c.sh').toBe(
      vectorsSha256(),
    );
    for (const f of functions) expect(golden.functions[f.name]?.length, f.name).toBe(f.vectors.length);
  });

  for (const binary of C_BINARIES) {
    describe(binary, () => {
      const elf = parseElf(new Uint8Array(readFileSync(new URL(`build/${binary}`, C_FIXTURES))));
      const machine = bareMachine({ elf });
      for (const f of functions) {
        it(`${f.name} returns what it returns under qemu-s390x`, () => {
          const address = symbolAddress(elf, f.name);
          const expected = golden.functions[f.name];
          const failures: string[] = [];
          f.vectors.forEach((args, i) => {
            const run = callFunction(machine, address, args, MAX_INSTRUCTIONS);
            const want = BigInt(expected[i]);
            if (run.stop !== 'return') {
              const why = run.stop === 'check-stop' ? `: ${run.cpu.checkStopReason}` : '';
              const pgm = run.interruptions.map((e) => ` ${e.class} 0x${e.code.toString(16)} at ${e.oldPsw}`);
              failures.push(`${f.name}(${args.map(hex64)}): stopped with ${run.stop}${why}${pgm.join('')}`);
            } else if (run.result !== want) {
              failures.push(
                `${f.name}(${args.map(hex64)}): expected ${hex64(want)}, got ${hex64(run.result)}`,
              );
            }
          });
          const shown = failures.slice(0, 8).join('\n');
          const more = failures.length > 8 ? `\n... and ${failures.length - 8} more` : '';
          expect(
            failures,
            `${failures.length} of ${f.vectors.length} vectors fail:\n${shown}${more}`,
          ).toEqual([]);
        });
      }
    });
  }
});
