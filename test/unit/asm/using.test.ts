import { describe, expect, it } from 'vitest';
import { hexOf } from './asm-helpers';

describe('USING and base-displacement resolution', () => {
  it('resolves an implicit address against the USING base register', () => {
    expect(hexOf("PROG START X'1000'\n BALR 12,0\n USING *,12\n L 1,WORD\nWORD DC F'9'")).toBe(
      '05c0' + '5810c006' + '0000' + '00000009',
    );
  });

  it('takes the register giving the smallest displacement, then the highest register', () => {
    expect(hexOf(' USING *,10\n USING X,11\n USING X,12\n DS XL100\nX DS F\n L 1,X\n L 2,X+4')).toBe(
      `${'00'.repeat(100)}00000000` + '5810c000' + '5820c004',
    );
  });

  it('covers 4096 bytes per register of a multi-register USING', () => {
    expect(hexOf(' USING *,11,12\n DS XL4100\nX DS F\n L 1,X')).toBe(`${'00'.repeat(4104)}5810c004`);
  });

  it("DROP ends a register's USING", () => {
    expect(hexOf(' USING *,12\nX DS F\n DROP 12\n L 1,X')).toBe(
      "src.s:4:6: error: expected an address covered by a USING: no base register reaches X'000000'\n",
    );
  });

  it('resolves an address with an index register: L 1,X(4)', () => {
    expect(hexOf(' USING *,12\nX DS F\n L 1,X(4)')).toBe('00000000' + '5814c000');
  });

  it('takes explicit D(X,B), D(,B) and GNU D(%rB)', () => {
    expect(hexOf(' L 1,8(2,3)\n L 1,8(,3)\n L 1,8(%r3)\n L 1,8(3)\n l %r1,8(%r2,%r3)')).toBe(
      '58123008' + '58103008' + '58103008' + '58130008' + '58123008',
    );
  });

  it('uses an absolute address below 4096 with base 0', () => {
    expect(hexOf(" L 1,X'100'\n MVC 0(8),200\nPSA EQU 0\n ST 1,PSA+16")).toBe(
      '58100100' + 'd20700000' + '0c8' + '50100010',
    );
  });

  it('resolves long displacements, negative ones too, for RXY instructions', () => {
    expect(hexOf('X DS F\n USING *,12\n DS XL8192\n LG 1,X\n LAY 2,*')).toBe(
      `00000000${'00'.repeat(8192)}` + 'e310cffcff04' + 'e320c0060271',
    );
  });

  it('resolves the operands of a DSECT through its USING', () => {
    expect(hexOf('REC DSECT\nA DS F\nB DS CL8\nCODE CSECT\n USING REC,7\n MVC B,0(1)\n ST 1,A')).toBe(
      'd2077004' + '1000' + '50107000',
    );
  });
});
