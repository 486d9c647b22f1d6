/**
 * The pure helpers of fixed-point.ts (condition codes, carries, 64-bit words of sums and shifts) as
 * JS source, for the compiled tier (block-templates.ts) to write into its blocks. Calling the
 * functions from generated code was a third slower: the calls, inlined by V8 all the same, carried
 * the type feedback the interpreter had left in them (AGR + BRCTG 590 MIPS called, 920 written in).
 *
 * Each twin gives the value of its function for the same operands, as one parenthesized
 * expression; operands are JS names or numeric constants (they may be repeated). The test
 * fixed-point-source.test.ts holds every twin to its function on edge and random values.
 */
type Source = (...operands: string[]) => string;

export const FIXED_POINT_SOURCE = {
  cc32: (r) => `(${r} === 0 ? 0 : ${r} < 0 ? 1 : 2)`,
  cc64: (hi, lo) => `(${hi} < 0 ? 1 : (${hi} | ${lo}) === 0 ? 0 : 2)`,
  addCc32: (a, b, r) => `(((${a} ^ ${r}) & (${b} ^ ${r})) < 0 ? 3 : ${r} === 0 ? 0 : ${r} < 0 ? 1 : 2)`,
  subCc32: (a, b, r) => `(((${a} ^ ${b}) & (${a} ^ ${r})) < 0 ? 3 : ${r} === 0 ? 0 : ${r} < 0 ? 1 : 2)`,
  addHigh64: (ah, al, bh, l) => `((${ah} + ${bh} + (${l} >>> 0 < ${al} >>> 0 ? 1 : 0)) | 0)`,
  subHigh64: (ah, al, bh, bl) => `((${ah} - ${bh} - (${al} >>> 0 < ${bl} >>> 0 ? 1 : 0)) | 0)`,
  addCc64: (ah, bh, hi, lo) =>
    `(((${ah} ^ ${hi}) & (${bh} ^ ${hi})) < 0 ? 3 : ${hi} < 0 ? 1 : (${hi} | ${lo}) === 0 ? 0 : 2)`,
  subCc64: (ah, bh, hi, lo) =>
    `(((${ah} ^ ${bh}) & (${ah} ^ ${hi})) < 0 ? 3 : ${hi} < 0 ? 1 : (${hi} | ${lo}) === 0 ? 0 : 2)`,
  carry32: (a, b, carryIn) => `((${a} >>> 0) + (${b} >>> 0) + ${carryIn} > 0xffffffff ? 1 : 0)`,
  logicalCc: (nonzero, carry) => `((${nonzero} ? 1 : 0) | (${carry} << 1))`,
  compareCc32: (a, b) => `(${a} === ${b} ? 0 : ${a} < ${b} ? 1 : 2)`,
  compareLogicalCc32: (a, b) => `(${a} === ${b} ? 0 : ${a} >>> 0 < ${b} >>> 0 ? 1 : 2)`,
  compareCc64: (ah, al, bh, bl) =>
    `(${ah} !== ${bh} ? (${ah} < ${bh} ? 1 : 2) : ${al} === ${bl} ? 0 : ${al} >>> 0 < ${bl} >>> 0 ? 1 : 2)`,
  compareLogicalCc64: (ah, al, bh, bl) =>
    `(${ah} !== ${bh} ? (${ah} >>> 0 < ${bh} >>> 0 ? 1 : 2) : ${al} === ${bl} ? 0 : ${al} >>> 0 < ${bl} >>> 0 ? 1 : 2)`,
  shiftLeftHigh64: (hi, lo, n) =>
    `(${n} === 0 ? ${hi} : ${n} < 32 ? (${hi} << ${n}) | (${lo} >>> (32 - ${n})) : ${lo} << (${n} - 32))`,
  shiftLeftLow64: (lo, n) => `(${n} < 32 ? ${lo} << ${n} : 0)`,
  shiftRightLogicalHigh64: (hi, n) => `(${n} < 32 ? (${hi} >>> ${n}) | 0 : 0)`,
  shiftRightLogicalLow64: (hi, lo, n) =>
    `(${n} === 0 ? ${lo} : ${n} < 32 ? (${lo} >>> ${n}) | (${hi} << (32 - ${n})) : (${hi} >>> (${n} - 32)) | 0)`,
} satisfies Record<string, Source>;
