import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src/engine/asm/assembler';
import { hexOf } from './asm-helpers';

describe('DC constants', () => {
  it('C is EBCDIC (cp037), padded with blanks or truncated to an explicit length', () => {
    expect(hexOf(" DC C'Hello, 1'")).toBe('c885939396' + '6b40f1');
    expect(hexOf(" DC CL4'AB',CL2'ABC'")).toBe('c1c24040c1c2');
    expect(hexOf(" DC C'It''s && @'")).toBe('c9a37da2405040' + '7c');
  });

  it('X and B pad on the left and truncate on the left', () => {
    expect(hexOf(" DC X'ABC',XL3'1',XL1'1234'")).toBe('0abc00000134');
    expect(hexOf(" DC B'101',BL2'1',B'111100001'")).toBe('05' + '0001' + '01e1');
  });

  it('F, H and FD are signed binary, aligned unless a length is given', () => {
    expect(hexOf(" DC X'01'\n DC F'-1'")).toBe('01000000ffffffff');
    expect(hexOf(" DC X'01'\n DC H'258'")).toBe('01000102');
    expect(hexOf(" DC X'01'\n DC FL3'-2'")).toBe('01fffffe');
    expect(hexOf(" DC X'01'\n DC FD'-2'")).toBe(`01${'00'.repeat(7)}fffffffffffffffe`);
  });

  it('A, AD and Y hold expressions; * is the address of each constant', () => {
    expect(hexOf("X DC A(X+4,*)\n DC AL2(X),Y(L'X)\n DC AD(1)")).toBe(
      '00000004' + '00000004' + '0000' + '0004' + '00000000' + '0000000000000001',
    );
  });

  it('P and Z are packed and zoned decimal with sign C or D', () => {
    expect(hexOf(" DC P'+123',P'-1',PL3'45'")).toBe('123c1d00045c');
    expect(hexOf(" DC Z'123',Z'-45',ZL3'7'")).toBe('f1f2c3f4d5f0f0c7');
  });

  it('E and D are hexadecimal floating point', () => {
    expect(hexOf(" DC E'1',E'100',D'-0.5'")).toBe('41100000' + '42640000' + 'c080000000000000');
  });

  it('repeats operands by the duplication factor, all nominal values each time', () => {
    expect(hexOf(" DC 2F'1,2',3X'AA',(1+1)H'7'")).toBe(
      '00000001000000020000000100000002aaaaaa' + '00' + '00070007',
    );
  });

  it('duplication factor 0 only aligns and names the next field', () => {
    const r = assemble(" DC X'01'\nW DC 0F\n DC X'02'");
    expect(Buffer.from(r.bytes).toString('hex')).toBe('0100000002');
    expect(r.symbols.find((s) => s.name === 'W')).toMatchObject({ value: 4, length: 4 });
  });

  it("gives a label the length of its first operand element (L')", () => {
    expect(hexOf("A DC CL7'X',F'1'\nB DS 3CL5\n DC AL1(L'A,L'B)")).toBe(
      `e7${'40'.repeat(6)}` + '00' + '00000001' + '00'.repeat(15) + '0705',
    );
  });
});

describe('DS, ORG, EQU, START, DSECT', () => {
  it('DS reserves zeroed bytes and aligns like DC', () => {
    expect(hexOf(" DC X'FF'\n DS F\n DS CL3\n DC X'EE'")).toBe('ff000000' + '00000000' + '000000' + 'ee');
  });

  it('ORG moves the location counter, and ORG without operand returns to the high-water mark', () => {
    expect(hexOf(" DC X'01'\n ORG *+3\n DC X'02'\n ORG *-2\n DC X'03'\n ORG\n DC X'04'")).toBe(
      '010000030204',
    );
  });

  it('EQU defines absolute and relocatable symbols, forward references included', () => {
    const r = assemble('A EQU B+1\nB EQU 5\nC EQU *\n DC AL1(A,C+2)');
    expect(Buffer.from(r.bytes).toString('hex')).toBe('0602');
    expect(r.symbols.find((s) => s.name === 'A')).toMatchObject({ value: 6, sect: 0 });
    expect(r.symbols.find((s) => s.name === 'C')).toMatchObject({ value: 0, sect: 1 });
  });

  it('START sets the origin; the object bytes start there', () => {
    const r = assemble("PROG START X'2000'\nHERE DC A(HERE)");
    expect(r.origin).toBe(0x2000);
    expect(Buffer.from(r.bytes).toString('hex')).toBe('00002000');
  });

  it('a DSECT maps storage without generating bytes', () => {
    expect(
      hexOf(
        "ORB DSECT\nPARM DS F\nFLAGS DS XL4\nCPA DS A\nMAIN CSECT\n USING ORB,5\n L 1,CPA\n MVI FLAGS,X'80'\n LA 2,CPA-ORB",
      ),
    ).toBe('58105008' + '92805004' + '41200008');
  });

  it('statements after END are not assembled', () => {
    expect(hexOf(" DC X'01'\n END\n DC X'02'")).toBe('01');
  });

  it('continues a statement with a character in column 72', () => {
    const first = `LONG     DC    C'${'A'.repeat(54)}`;
    expect(first.length).toBe(71);
    expect(hexOf(`${first}X\n               BB'`)).toBe(`${'c1'.repeat(54)}c2c2`);
  });

  it('accepts GNU data directives', () => {
    expect(hexOf(' .short 0xa7f4\n .byte 1,2\n .long 3')).toBe('a7f40102' + '00000003');
  });

  it('CNOP pads with NOPR to a byte offset from a word or doubleword boundary', () => {
    expect(hexOf(" DC X'01'\n CNOP 0,8\n DC X'02'\n CNOP 2,4\n DC X'03'")).toBe(
      '0100070007000700' + '020003',
    );
  });

  it('CCW/CCW0 and CCW1 build doubleword-aligned channel command words', () => {
    expect(hexOf(" DC X'01'\n CCW X'02',BUF,X'20',80\n CCW1 X'03',BUF,X'40',L'BUF\nBUF DS CL80")).toBe(
      `01${'00'.repeat(7)}0200001820000050` + `0340005000000018${'00'.repeat(80)}`,
    );
  });

  it('END names the entry point', () => {
    expect(assemble("S START X'100'\nGO LR 1,2\n END GO").entry).toBe(0x100);
  });
});
