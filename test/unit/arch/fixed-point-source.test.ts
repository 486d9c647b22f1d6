import { describe, expect, it } from 'vitest';
import {
  addCc32,
  addCc64,
  addHigh64,
  carry32,
  cc32,
  cc64,
  compareCc32,
  compareCc64,
  compareLogicalCc32,
  compareLogicalCc64,
  logicalCc,
  shiftLeftHigh64,
  shiftLeftLow64,
  shiftRightLogicalHigh64,
  shiftRightLogicalLow64,
  subCc32,
  subCc64,
  subHigh64,
} from '../../../src/engine/arch/execute/fixed-point';
import { FIXED_POINT_SOURCE } from '../../../src/engine/arch/execute/fixed-point-source';
import { SeededRng } from '../../../src/engine/sim/seeded-rng';

/*
 * Each source twin (what compiled blocks write in) against its function (what the handlers call):
 * the same value for edge operands and for random ones, with the operands passed as names and, where
 * the blocks pass them so, as numeric constants.
 */

const WORD_EDGES = [0, 1, -1, 2, 0x7fff_ffff, -0x8000_0000, 0x4000_0000, -0x4000_0001, 0xffff | 0, 0x8000];

/** Each helper, and what kind of value each of its operands takes. */
type Kind = 'word' | 'shift' | 'carry' | 'flag';
// biome-ignore lint/suspicious/noExplicitAny: helpers of several signatures, called with generated operands
type Helper = (...operands: any[]) => number;
const OPERANDS: Record<keyof typeof FIXED_POINT_SOURCE, [Helper, Kind[]]> = {
  cc32: [cc32, ['word']],
  cc64: [cc64, ['word', 'word']],
  addCc32: [addCc32, ['word', 'word', 'word']],
  subCc32: [subCc32, ['word', 'word', 'word']],
  addHigh64: [addHigh64, ['word', 'word', 'word', 'word']],
  subHigh64: [subHigh64, ['word', 'word', 'word', 'word']],
  addCc64: [addCc64, ['word', 'word', 'word', 'word']],
  subCc64: [subCc64, ['word', 'word', 'word', 'word']],
  carry32: [carry32, ['word', 'word', 'carry']],
  logicalCc: [logicalCc, ['flag', 'carry']],
  compareCc32: [compareCc32, ['word', 'word']],
  compareLogicalCc32: [compareLogicalCc32, ['word', 'word']],
  compareCc64: [compareCc64, ['word', 'word', 'word', 'word']],
  compareLogicalCc64: [compareLogicalCc64, ['word', 'word', 'word', 'word']],
  shiftLeftHigh64: [shiftLeftHigh64, ['word', 'word', 'shift']],
  shiftLeftLow64: [shiftLeftLow64, ['word', 'shift']],
  shiftRightLogicalHigh64: [shiftRightLogicalHigh64, ['word', 'shift']],
  shiftRightLogicalLow64: [shiftRightLogicalLow64, ['word', 'word', 'shift']],
};

function value(kind: Kind, rng: SeededRng): number | boolean {
  if (kind === 'shift') return rng.nextInt(64);
  if (kind === 'carry') return rng.nextInt(2);
  if (kind === 'flag') return rng.nextInt(2) === 1;
  if (rng.nextInt(3) === 0) return WORD_EDGES[rng.nextInt(WORD_EDGES.length)];
  return (rng.nextInt(0x1_0000) * 0x1_0000 + rng.nextInt(0x1_0000)) | 0;
}

describe('the compiled tier writes in the same fixed-point rules the handlers call', () => {
  for (const [name, [helper, kinds]] of Object.entries(OPERANDS) as [
    keyof typeof FIXED_POINT_SOURCE,
    [Helper, Kind[]],
  ][]) {
    it(name, () => {
      const source = FIXED_POINT_SOURCE[name] as (...operands: string[]) => string;
      const names = kinds.map((_, i) => `x${i}`);
      const viaNames = new Function(...names, `return ${source(...names)};`);
      const rng = new SeededRng(name.length * 131 + name.charCodeAt(0));
      for (let trial = 0; trial < 4000; trial++) {
        const operands = kinds.map((kind) => value(kind, rng));
        const expected = helper(...operands);
        expect(viaNames(...operands), `${name}(${operands.join(', ')})`).toBe(expected);
        // Blocks also pass numbers as constants (immediates, the shift count): the same value.
        const literal = source(...operands.map(String));
        expect(new Function(`return ${literal};`)(), literal).toBe(expected);
      }
    });
  }

  it('covers every twin', () => {
    expect(Object.keys(OPERANDS).sort()).toEqual(Object.keys(FIXED_POINT_SOURCE).sort());
  });
});
