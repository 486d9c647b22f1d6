import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src/engine/asm/assembler';
import { hexOf } from './asm-helpers';

describe('literals and LTORG', () => {
  it('places literals at END, doubleword aligned, once per distinct text', () => {
    expect(hexOf(" USING *,12\n L 1,=F'5'\n L 2,=F'5'\n BR 14\n END")).toBe(
      '5810c010' + '5820c010' + '07fe' + '000000000000' + '00000005',
    );
  });

  it('LTORG closes a pool; a later use of the same literal starts a new one', () => {
    expect(hexOf(" USING *,12\n L 1,=F'1'\n LTORG\n L 2,=F'1'\n END")).toBe(
      '5810c008' + '00000000' + '00000001' + '5820c010' + '00000001',
    );
  });

  it('orders a pool by alignment: doublewords, fullwords, halfwords, then the rest', () => {
    const r = assemble(" USING *,12\n MVC 0(1,1),=C'A'\n LH 1,=H'2'\n L 1,=F'3'\n LG 1,=FD'4'\n LTORG");
    const pool = r.listing
      .filter((l) => l.lineNo === undefined)
      .map((l) => `${l.address}:${l.source.trim()}`);
    expect(pool).toEqual(["24:=FD'4'", "32:=F'3'", "36:=H'2'", "38:=C'A'"]);
  });

  it('gives C literals their length as the implied length of an SS instruction', () => {
    expect(hexOf(" USING *,12\n CLC 0(2,1),=C'AB'\nX DS CL3\n MVC X,=C'XYZ'")).toBe(
      'd5011000c010' + '000000' + '00' + 'd202c006c012' + 'c1c2' + 'e7e8e9',
    );
  });

  it('evaluates * in a literal as the location of the instruction that uses it', () => {
    expect(hexOf(' USING *,12\n L 1,=A(*)\n L 2,=A(*)\n L 3,=A(X)\nX DS 0H')).toBe(
      '5810c010' + '5820c014' + '5830c018' + '00000000' + '00000000' + '00000004' + '0000000c',
    );
  });

  it('reports a bad literal where it is written', () => {
    expect(hexOf(" USING *,12\n L 1,=Q'1'")).toBe(
      'src.s:2:7: error: expected a constant type (C, X, B, F, H, FD, A, AD, Y, P, Z, E or D)\n',
    );
  });
});
