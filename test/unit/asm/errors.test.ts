import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src/engine/asm/assembler';
import { errorsOf } from './asm-helpers';

describe('assembler errors name the line and column and what was expected', () => {
  it.each([
    [' LR 1', 'src.s:1:5: error: expected R1,R2 for LR, got 1 operand(s)'],
    [' LR 1,2,3', 'src.s:1:9: error: expected R1,R2 for LR, got 3 operand(s)'],
    [' BR', 'src.s:1:4: error: expected R2 for BR, got 0 operand(s)'],
    [' LR 1,16', "src.s:1:7: error: expected a register (0 to 15), got '16'"],
    [' LR 1,%c2', "src.s:1:7: error: expected a general register, got control register '%c2'"],
    [' MR 1,2', "src.s:1:5: error: expected an even register (the first of a register pair), got '1'"],
    [' AHI 1,40000', 'src.s:1:8: error: expected an immediate from -32768 to 32767, got 40000'],
    [' NILL 1,-1', 'src.s:1:9: error: expected an immediate from 0 to 65535, got -1'],
    [' L 1,0(1,2,3)', 'src.s:1:12: error: expected D2(X2,B2)'],
    [' MVC 0(1,1),0(2,2)', 'src.s:1:17: error: expected D2(B2)'],
    [' MVC 0(257,1),0(2)', 'src.s:1:8: error: expected a length from 1 to 256, got 257'],
    [' LA 1,4096', 'src.s:1:7: error: expected a displacement from 0 to 4095, got 4096'],
    [' LA 1,%r2', "src.s:1:7: error: expected a displacement or an address, got register '%r2'"],
    [' L 1,2(,)', 'src.s:1:9: error: expected a base register'],
    [' J *+1', 'src.s:1:4: error: expected a target an even number of bytes away, got 1'],
    [' LHI 1,2+', 'src.s:1:10: error: expected a term, got the end of the expression'],
    [' L 1,NOWHERE', "src.s:1:6: error: expected a defined symbol, got 'NOWHERE'"],
    [' FOO 1', "src.s:1:2: error: expected an instruction or a directive, got 'FOO'"],
    ['1BAD DS F', "src.s:1:1: error: expected a symbol name (a letter, then letters or digits), got '1BAD'"],
    [' DC', 'src.s:1:4: error: expected an operand on DC'],
    [" DC F'abc'", 'src.s:1:7: error: expected a decimal integer in the F constant'],
    [" DC C'abc", 'src.s:1:6: error: expected a closing quote'],
    [" DC X'GG'", 'src.s:1:7: error: expected hex digits in an X constant'],
    [' DS 3', 'src.s:1:6: error: expected a constant type (C, X, B, F, H, FD, A, AD, Y, P, Z, E or D)'],
    [' EQU 5', 'src.s:1:2: error: expected a name field on EQU'],
    [' USING *,0', 'src.s:1:10: error: expected a base register from 1 to 15 (register 0 means no base)'],
    [' DROP 5', "src.s:1:7: error: expected a register with an active USING, got '5'"],
    [' L 1,A+B\nA DS F\nB DS F', 'src.s:1:7: error: expected at most one address in a sum'],
    [' ORG -5', "src.s:1:6: error: expected an address in the current section, at or after X'000000'"],
    [
      ' USING *,12\nX DS F\n DROP 12\n L 1,X',
      "src.s:4:6: error: expected an address covered by a USING: no base register reaches X'000000'",
    ],
    [
      " DC F'1'\nX DC F'1'\nX DC F'2'",
      "src.s:3:1: error: expected a new symbol name: 'X' is already defined on line 2",
    ],
    [
      " DC 100000000X'00'",
      "src.s:1:2: error: expected an object of at most 16 MiB, reached X'05F5E100' bytes",
    ],
    [' EXTRN FOO', "src.s:1:2: error: expected a statement zvlab's assembler supports; EXTRN is not one"],
    [' CNOP 1,4', 'src.s:1:7: error: expected an even byte offset below 4, got 1'],
    [' CCW 1,2,3', 'src.s:1:6: error: expected CCW command,address,flags,count'],
  ])('%j', (source, message) => {
    expect(errorsOf(source)).toEqual([message]);
  });

  it('collects every error of a source, in line order, and produces no bytes', () => {
    const r = assemble(' LR 1,99\n BOGUS\n LR 1,2\n L 1,UNDEF\n');
    expect(r.ok).toBe(false);
    expect(r.bytes.length).toBe(0);
    expect(r.errors.map((e) => `${e.line}:${e.col}`)).toEqual(['1:7', '2:2', '4:6']);
  });

  it('treats the operand field of an instruction without operands, and text after a blank, as remarks', () => {
    expect(errorsOf(' PTLB  purge the TLB\n LR 1,2 copy')).toEqual([]);
  });

  it('never throws on arbitrary input', () => {
    const junk = [
      "'",
      '(',
      ' L (((',
      " DC C'",
      ' MVC =',
      ' L 1,=',
      ' DC (',
      " DC 5(X'1')",
      ' ORG',
      ' USING',
      "\tL\t1,L'",
      '%',
    ];
    for (const source of junk) expect(() => assemble(source)).not.toThrow();
  });
});

describe('errors in the listing', () => {
  it('appear under the statement they belong to', async () => {
    const { formatListing } = await import('../../../src/engine/asm/listing');
    const listing = formatListing(assemble(' LR 1,2\n LR 1,99\n'));
    expect(listing).toContain("** error at column 7: expected a register (0 to 15), got '99'");
    expect(listing.indexOf('** error')).toBeGreaterThan(listing.indexOf(' LR 1,99'));
  });
});

describe('machine level and architecture mode', () => {
  it('rejects an instruction newer than the machine asked for', () => {
    const r = assemble(' LAY 1,0(2)\n STFLE 0(1)\n LG 1,0(2)', { machine: 'z900' });
    expect(r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`)).toEqual([
      '1:2: expected an instruction of z900 or earlier; LAY came with z990',
      '2:2: expected an instruction of z900 or earlier; STFLE came with z9-109',
    ]);
  });

  it('rejects z/Architecture-only instructions in ESA/390 mode', () => {
    const r = assemble(' LGR 1,2\n LR 1,2', { mode: 'esa390' });
    expect(r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`)).toEqual([
      '1:2: expected an ESA/390 instruction; LGR exists only in z/Architecture mode',
    ]);
  });
});
