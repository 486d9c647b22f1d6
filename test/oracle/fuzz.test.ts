/**
 * Random-instruction differential fuzzer: every case of test/fixtures/fuzz/cases.json runs on zvlab,
 * interpreted and as a compiled block, and must leave the registers, the CC and the buffer as
 * qemu-s390x left them (expected.json, from scripts/regen-fuzz.sh), or trap with the same signal at
 * the same instruction.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyDiff,
  bufferBytes,
  byteDiff,
  FUZZ_FIXTURES,
  type FuzzCase,
  type FuzzResult,
  loadCases,
  loadGolden,
} from './fuzz-cases';
import { FuzzMachine, type ZvlabOutcome } from './fuzz-runner';

const { cases } = loadCases();
const golden = loadGolden();

/** What differs between zvlab's outcome and qemu's, as short lines ('' when they agree). */
function differences(c: FuzzCase, want: FuzzResult, got: ZvlabOutcome): string[] {
  const out: string[] = [];
  const wantRegs = [...c.regs];
  for (const [r, v] of want.regs) wantRegs[r] = v;
  const wantTrap = want.trap === null ? 'none' : JSON.stringify(want.trap);
  const gotTrap = got.trap === null ? 'none' : JSON.stringify(got.trap);
  if (wantTrap !== gotTrap)
    out.push(`trap: qemu ${wantTrap}, zvlab ${gotTrap} (code 0x${got.programCode.toString(16)})`);
  wantRegs.forEach((v, r) => {
    if (got.regs[r] !== v) out.push(`r${r}: qemu ${v}, zvlab ${got.regs[r]}`);
  });
  if (got.cc !== want.cc) out.push(`cc: qemu ${want.cc}, zvlab ${got.cc}`);
  const init = bufferBytes(c);
  const wantBuffer = applyDiff(init, want.buffer);
  const bad = byteDiff(wantBuffer, got.buffer);
  if (bad.length > 0)
    out.push(
      `buffer: qemu ${JSON.stringify(want.buffer)}, zvlab ${JSON.stringify(byteDiff(init, got.buffer))}`,
    );
  return out;
}

describe('differential fuzzer (random instructions, goldens from qemu-s390x)', () => {
  it('has goldens for exactly the committed cases', () => {
    const sha = createHash('sha256')
      .update(readFileSync(new URL('cases.json', FUZZ_FIXTURES)))
      .digest('hex');
    expect(golden.casesSha256, 'expected.json is stale: run scripts/regen-fuzz.sh').toBe(sha);
    expect(golden.results.map((r) => r.id)).toEqual(cases.map((c) => c.id));
  });

  for (const compiled of [false, true]) {
    it(`every case agrees with qemu-s390x (${compiled ? 'compiled blocks' : 'interpreter'})`, () => {
      const machine = new FuzzMachine(compiled);
      const failures: string[] = [];
      cases.forEach((c, i) => {
        const want = golden.results[i];
        const diff = differences(c, want, machine.run(c, want.at));
        if (diff.length > 0) failures.push(`${c.id} ${c.text}\n    ${diff.join('\n    ')}`);
      });
      if (compiled)
        expect(machine.compiledCases, 'cases run as compiled blocks').toBeGreaterThan(cases.length * 0.9);
      const shown = failures.slice(0, 20).join('\n');
      const more = failures.length > 20 ? `\n... and ${failures.length - 20} more` : '';
      expect(failures, `${failures.length} of ${cases.length} cases differ:\n${shown}${more}`).toEqual([]);
    });
  }
});
