import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src/engine/asm/assembler';
import { disassemble, formatDisassembly } from '../../../src/engine/asm/disassembler';
import { formatListing } from '../../../src/engine/asm/listing';

const SUMTAB = `* Sum the words of a table: a small program for the listing test.
SUMTAB   START X'2000'
         BALR  12,0               establish addressability
         USING *,12
         LA    2,TABLE            R2 -> first word
         LHI   3,NWORDS           R3 = count
         SR    1,1                R1 = sum
LOOP     A     1,0(,2)
         LA    2,4(,2)
         BRCT  3,LOOP
         ST    1,RESULT
         CL    1,=F'100'
         JNE   FAIL
         LPSWE DONE
FAIL     LPSWE BAD
         DS    0D
DONE     DC    X'0002000000000000',AD(0)
BAD      DC    X'0002000000000000',AD(X'BAD')
TABLE    DC    F'10,20,30,40'
NWORDS   EQU   (*-TABLE)/4
RESULT   DS    F
MSG      DC    C'SUM OK'
         END
`;

describe('a small program', () => {
  const r = assemble(SUMTAB);

  it('assembles without errors from its START origin', () => {
    expect(r.errors).toEqual([]);
    expect(r.origin).toBe(0x2000);
    expect(r.bytes.length).toBe(0x74);
  });

  it('lists location, object code, statement number and source, with the literal pool after END', () => {
    const listing = formatListing(r).split('\n');
    expect(listing[0]).toBe('LOC       OBJECT CODE           STMT  SOURCE');
    expect(listing).toContain(
      '                                    1  * Sum the words of a table: a small program for the listing test.',
    );
    expect(listing).toContain(
      '00002002  4120 C04E                 5           LA    2,TABLE            R2 -> first word',
    );
    expect(listing).toContain('00002014  A736 FFFC                10           BRCT  3,LOOP');
    expect(listing).toContain("00002050  0000 000A 0000 0014      19  TABLE    DC    F'10,20,30,40'");
    expect(listing).toContain('00002058  0000 001E 0000 0028');
    expect(listing).toContain('00000004                           20  NWORDS   EQU   (*-TABLE)/4');
    expect(listing).toContain("00002070  0000 0064                            =F'100'");
  });

  it('has a symbol table with values, length attributes and sections', () => {
    const listing = formatListing(r);
    expect(listing).toContain('LOOP                              0000200C       4  1');
    expect(listing).toContain('MSG                               00002064       6  1');
    expect(listing).toContain('NWORDS                            00000004       1  ABS');
    expect(r.symbols.map((s) => s.name)).toEqual([
      'BAD',
      'DONE',
      'FAIL',
      'LOOP',
      'MSG',
      'NWORDS',
      'RESULT',
      'SUMTAB',
      'TABLE',
    ]);
  });

  it('disassembles back to the same instructions', () => {
    expect(formatDisassembly(disassemble(r.bytes.subarray(0, 0x2c), r.origin))).toBe(
      [
        '00002000:  05 c0              balr    %r12,%r0',
        '00002002:  41 20 c0 4e        la      %r2,78(%r12)',
        '00002006:  a7 38 00 04        lhi     %r3,4',
        '0000200a:  1b 11              sr      %r1,%r1',
        '0000200c:  5a 10 20 00        a       %r1,0(%r2)',
        '00002010:  41 20 20 04        la      %r2,4(%r2)',
        '00002014:  a7 36 ff fc        brct    %r3,0x200c',
        '00002018:  50 10 c0 5e        st      %r1,94(%r12)',
        '0000201c:  55 10 c0 6e        cl      %r1,110(%r12)',
        '00002020:  a7 74 00 04        jne     0x2028',
        '00002024:  b2 b2 c0 2e        lpswe   46(%r12)',
        '00002028:  b2 b2 c0 3e        lpswe   62(%r12)',
        '',
      ].join('\n'),
    );
  });
});

describe('extended mnemonics and GNU habits', () => {
  const hex = (s: string) => Buffer.from(assemble(s).bytes).toString('hex');

  it('encodes branch extended mnemonics with their masks', () => {
    expect(hex(' B 0(,1)\n BR 14\n BE 0(%r1)\n BNER 14\n NOP 0\n NOPR 7\n BHR 14\n BNLR 14')).toBe(
      '47f01000' + '07fe' + '47801000' + '077e' + '47000000' + '0707' + '072e' + '07be',
    );
    expect(
      hex('X J X\n JE X\n JNE X\n JH X\n JL X\n JNH X\n JNL X\n JO X\n JNO X\n JZ X\n JNZ X\n JP X\n JM X'),
    ).toBe(
      [
        'a7f40000',
        'a784fffe',
        'a774fffc',
        'a724fffa',
        'a744fff8',
        'a7d4fff6',
        'a7b4fff4',
        'a714fff2',
        'a7e4fff0',
        'a784ffee',
        'a774ffec',
        'a724ffea',
        'a744ffe8',
      ].join(''),
    );
    expect(hex('X JG X\n BRUL X\n JGNE X\n JAS 14,X\n BRAS 14,X\n BRASL 14,X\n JCT 1,X')).toBe(
      'c0f400000000' +
        'c0f4fffffffd' +
        'c074fffffffa' +
        'a7e5fff7' +
        'a7e5fff5' +
        'c0e5fffffff3' +
        'a716fff0',
    );
  });

  it('accepts %rN, rN, RN and plain numbers for registers, in any case', () => {
    expect(hex(' lr %r1,%r2\n LR r1,R2\n lr 1,2\n Lr R1,2')).toBe('1812181218121812');
  });

  it('accepts label: and . as the location counter, and # comments', () => {
    expect(hex('# a comment\nloop: brct %r1,.\n j loop')).toBe('a7160000' + 'a7f4fffe');
  });
});

describe('robustness', () => {
  it('never throws, and either assembles or reports errors with a line and column', () => {
    const alphabet = fc.constantFrom(..." \tLAMVCDFXR0123456789,()='*+-/%.&:#@$_ABEHJNOPSTUWYZrlx".split(''));
    const line = fc.array(alphabet, { maxLength: 30 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const r = assemble(lines.join('\n'));
        if (r.ok) return true;
        return r.errors.every((e) => e.line >= 1 && e.col >= 1 && e.message.startsWith('expected'));
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
});
