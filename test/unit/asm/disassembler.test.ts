import { describe, expect, it } from 'vitest';
import { disassemble, disassembleInstruction, formatDisassembly } from '../../../src/engine/asm/disassembler';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/ /g, ''), 'hex'));
const text = (hex: string, base = 0) =>
  disassemble(bytes(hex), base).map((d) => `${d.mnemonic} ${d.operands}`.trim());

describe('disassembler', () => {
  it('prints registers as %rN, control registers as %cN, and D(X,B) leaving out what is 0', () => {
    expect(text('58123004 58102004 58120004 58100004 b70f1000')).toEqual([
      'l %r1,4(%r2,%r3)',
      'l %r1,4(%r2)',
      'l %r1,4(%r2,%r0)',
      'l %r1,4',
      'lctl %c0,%c15,0(%r1)',
    ]);
  });

  it('prints SS lengths as the source writes them (field + 1)', () => {
    expect(text('d2ff10002000 f2f010002000')).toEqual(['mvc 0(256,%r1),0(%r2)', 'pack 0(16,%r1),0(1,%r2)']);
  });

  it('prints signed 20-bit displacements and signed or unsigned immediates per the table', () => {
    expect(text('e3123fffff04 a718ffff a517ffff')).toEqual([
      'lg %r1,-1(%r2,%r3)',
      'lhi %r1,-1',
      'nill %r1,65535',
    ]);
  });

  it('prints relative targets as absolute addresses and branches with extended mnemonics', () => {
    expect(text('a7f40000 a774fffe c0e5 00000010 07fe 0707 47801000', 0x1000)).toEqual([
      'j 0x1000',
      'jne 0x1000',
      'brasl %r14,0x1028',
      'br %r14',
      'nopr %r7',
      'be 0(%r1)',
    ]);
  });

  it('prints optional operands only when they are not zero', () => {
    expect(text('b22b0012 b22b3012 b2210012 b2213412')).toEqual([
      'sske %r1,%r2',
      'sske %r1,%r2,3',
      'ipte %r1,%r2',
      'ipte %r1,%r2,%r3,4',
    ]);
  });

  it('prints unknown opcodes as .short or .long and a trailing odd byte as .byte', () => {
    expect(text('0000 b2ff0000 e30000000000 a7')).toEqual([
      '.short 0x0',
      '.long 0xb2ff0000',
      '.long 0xe3000000',
      '.short 0x0',
      '.byte 0xa7',
    ]);
  });

  it('formats address, bytes, mnemonic and operands like objdump', () => {
    expect(formatDisassembly(disassemble(bytes('1812'), 0x400))).toBe(
      '00000400:  18 12              lr      %r1,%r2\n',
    );
  });

  it('gives one instruction for a trace line', () => {
    expect(disassembleInstruction(bytes('a7f4ffff 0000'), 0x2002)).toBe('j 0x2000');
    expect(disassembleInstruction(bytes('b20d0000'), 0)).toBe('ptlb');
  });
});
