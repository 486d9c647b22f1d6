import { describe, expect, it } from 'vitest';
import { hasHandler, mnemonicOf } from '../../../src/engine/arch/decode';
import { INSTRUCTIONS } from '../../../src/engine/arch/instruction-table';

const IMPLEMENTED_GROUPS = new Set(['load-store', 'arithmetic', 'logical', 'compare', 'branch']);
const CONTROL_ROWS = new Set([
  'LPSW',
  'LPSWE',
  'SSM',
  'STOSM',
  'STNSM',
  'SPKA',
  'IPK',
  'ISKE',
  'SSKE',
  'RRBE',
  'STCTL',
  'LCTL',
  'STCTG',
  'LCTLG',
  'STPX',
  'SPX',
  'STAP',
  'STIDP',
  'STFL',
  'DIAG',
]);

describe('decode tables', () => {
  it('every row of the load-store, arithmetic, logical, compare and branch groups has a handler', () => {
    const missing = INSTRUCTIONS.filter((r) => IMPLEMENTED_GROUPS.has(r.group) && !hasHandler(r.op1, r.op2));
    expect(missing.map((r) => r.mnemonic)).toEqual([]);
  });

  it('the minimal supervisor control rows have handlers', () => {
    const missing = INSTRUCTIONS.filter((r) => CONTROL_ROWS.has(r.mnemonic) && !hasHandler(r.op1, r.op2));
    expect(missing.map((r) => r.mnemonic)).toEqual([]);
  });

  it('finds the extended opcode in byte 1, the low nibble of byte 1 and byte 5', () => {
    expect(mnemonicOf(0xb908, 0)).toBe('AGR');
    expect(mnemonicOf(0xa747, 0xfffe_0000)).toBe('BRCTG');
    expect(mnemonicOf(0xe310, 0x6000_0004)).toBe('LG');
    expect(mnemonicOf(0xeb12, 0x0003_000c)).toBe('SRLG');
    expect(mnemonicOf(0x1a23, 0)).toBe('AR');
  });
});
