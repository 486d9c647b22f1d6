import { describe, expect, it } from 'vitest';
import { HOT_THRESHOLD } from '../../../src/engine/arch/block-compiler';
import { Cpu } from '../../../src/engine/arch/cpu';
import { MainStorage } from '../../../src/engine/arch/main-storage';
import { SeededRng } from '../../../src/engine/sim/seeded-rng';
import { assemble } from '../../../src/engine/asm/assembler';

/*
 * Every instruction the compiled tier inlines from a template (block-templates.ts) against the plain
 * interpreter: the instruction sits in a loop run well past the compile threshold, with random
 * register contents (edge values mixed in), in 24-, 31- and 64-bit mode, with and without the
 * fixed-point-overflow mask. Both runs must end with the same registers, CC, PSW, storage,
 * instruction count and interruption codes.
 */

const CODE = 0x2000;
const DATA = 0x6000;
const ITERATIONS = 2 * HOT_THRESHOLD + 7;

/** Operand patterns by mnemonic: R = a random register 1-8, data operands based on R10 (DATA). */
const FORMS: Record<string, string> = {
  LR: 'R,R',
  LGR: 'R,R',
  LGFR: 'R,R',
  LLGFR: 'R,R',
  LHI: 'R,I16',
  LGHI: 'R,I16',
  LTR: 'R,R',
  LTGR: 'R,R',
  L: 'R,W(0,10)',
  LG: 'R,D(0,10)',
  ST: 'R,W(0,10)',
  STG: 'R,D(0,10)',
  MVC: 'M(16,10),M(10)',
  AR: 'R,R',
  AHI: 'R,I16',
  A: 'R,W(0,10)',
  SR: 'R,R',
  AGR: 'R,R',
  AGFR: 'R,R',
  AGHI: 'R,I16',
  AG: 'R,D(0,10)',
  SGR: 'R,R',
  ALR: 'R,R',
  SLR: 'R,R',
  ALGR: 'R,R',
  SLGR: 'R,R',
  CR: 'R,R',
  CHI: 'R,I16',
  CGR: 'R,R',
  CGHI: 'R,I16',
  CLR: 'R,R',
  CLGR: 'R,R',
  NR: 'R,R',
  OR: 'R,R',
  XR: 'R,R',
  NGR: 'R,R',
  OGR: 'R,R',
  XGR: 'R,R',
  SLLG: 'R,R,S',
  SRLG: 'R,R,S',
};

const EDGES = [
  0n,
  1n,
  -1n,
  0x7fff_ffffn,
  -0x8000_0000n,
  0x7fff_ffff_ffff_ffffn,
  -0x8000_0000_0000_0000n,
  0xffff_ffffn,
];

function operands(form: string, rng: SeededRng): string {
  const reg = () => String(1 + rng.nextInt(8));
  return form
    .split(',')
    .map((part) => {
      if (part === 'R') return reg();
      if (part === 'I16') return String(rng.nextInt(65536) - 32768);
      if (part === 'S') return `${rng.nextInt(64)}(${rng.nextInt(2) === 0 ? 0 : reg()})`;
      if (part === 'W(0') return `${4 * rng.nextInt(16)}(0`;
      if (part === 'D(0') return `${8 * rng.nextInt(8)}(0`;
      if (part === 'M(16') return `${rng.nextInt(32)}(16`;
      if (part === 'M(10)') return `${rng.nextInt(32)}(10)`;
      return part;
    })
    .join(',');
}

interface Outcome {
  readonly psw: string;
  readonly count: number;
  readonly regs: bigint[];
  readonly data: number[];
  readonly lowCore: number[];
}

function run(program: Uint8Array, regs: bigint[], mask: bigint, compiled: boolean, slice = 997): Outcome {
  const storage = new MainStorage(1 << 20);
  storage.load(CODE, program);
  // Disabled-wait PSWs: success at 0x300 (taken by the program's end), program new PSW → wait at 0xdea0.
  const waitPsw = (address: number) => {
    const b = new Uint8Array(16);
    const v = new DataView(b.buffer);
    v.setUint32(0, 0x0002_0001);
    v.setUint32(4, 0x8000_0000);
    v.setUint32(12, address);
    return b;
  };
  storage.load(0x300, waitPsw(0));
  storage.load(0x1d0, waitPsw(0xdea0));
  const data = new Uint8Array(256);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + 11) & 0xff;
  storage.load(DATA, data);
  const cpu = new Cpu({ address: 0, storage });
  cpu.compileBlocks = compiled;
  cpu.setPsw(mask, BigInt(CODE));
  cpu.start();
  for (const [r, v] of regs.entries()) cpu.setGpr(r, v);
  for (let i = 0; i < 100_000; i++) {
    const before = cpu.instructionCount;
    if (cpu.run(slice) !== 'limit') break;
    // A budget is exact: compiled blocks never run past it.
    if (cpu.instructionCount - before !== slice)
      throw new Error(`ran ${cpu.instructionCount - before} of ${slice}`);
  }
  return {
    psw: cpu.pswHex(),
    count: cpu.instructionCount,
    regs: Array.from({ length: 16 }, (_, r) => cpu.getGpr(r)),
    data: [...storage.read(DATA, 256)],
    lowCore: [...storage.read(0x8c, 4), ...storage.read(0x150, 16)],
  };
}

const MODES: [string, bigint][] = [
  ['64-bit', 0x0000_0001_8000_0000n],
  ['31-bit', 0x0000_0000_8000_0000n],
  ['24-bit', 0x0000_0000_0000_0000n],
  ['64-bit, overflow interruptions on', 0x0000_0801_8000_0000n],
];

describe('compiled templates agree with the interpreter', () => {
  for (const [mnemonic, form] of Object.entries(FORMS)) {
    it(mnemonic, () => {
      const rng = new SeededRng(mnemonic.length * 7919 + mnemonic.charCodeAt(0));
      for (let trial = 0; trial < 12; trial++) {
        const [modeName, mask] = MODES[trial % MODES.length];
        const body = Array.from({ length: 3 }, () => `         ${mnemonic} ${operands(form, rng)}`).join(
          '\n',
        );
        const source = ['LOOP     DS 0H', body, '         BRCT 9,LOOP', '         LPSWE 768'].join('\n');
        const asm = assemble(source, { origin: CODE });
        expect(asm.errors).toEqual([]);
        const regs = Array.from({ length: 16 }, () =>
          rng.nextInt(3) === 0
            ? EDGES[rng.nextInt(EDGES.length)]
            : BigInt(rng.nextInt(0x1_0000)) * BigInt(rng.nextInt(0x10000) + 1) - 0x7000_0000n,
        );
        regs[9] = BigInt(ITERATIONS);
        regs[10] = BigInt(DATA);
        regs[0] = 0n;
        const interpreted = run(asm.bytes, regs, mask, false);
        const compiled = run(asm.bytes, regs, mask, true);
        expect(compiled, `${modeName}\n${source}`).toEqual(interpreted);
      }
    });
  }

  /**
   * Branch shapes: loops closed by each branch row, calls and returns, both ways of conditions.
   * `NAME:` starts a line with a label; the programs end with the success wait.
   */
  const BRANCH_PROGRAMS: Record<string, string> = {
    'BCT through a base register': 'BASR 12,0; LOOP: AHI 2,1; BCT 9,0(12)',
    BCTR: 'BASR 12,0; LOOP: AGHI 2,3; BCTR 9,12',
    BCTG: 'LARL 12,LOOP; LOOP: AGHI 2,3; BCTG 9,0(12)',
    BRCTG: 'LOOP: AR 2,3; BRCTG 9,LOOP',
    'BRASL / BR': 'LOOP: BRASL 14,FN; BRCT 9,LOOP; LPSWE 768; FN: AGHI 2,1; BR 14',
    'BRAS / BCR 15': 'LOOP: BRAS 14,FN; BRCT 9,LOOP; LPSWE 768; FN: AHI 2,1; BCR 15,14',
    'BASR / BR': 'LARL 15,FN; LOOP: BASR 14,15; BRCT 9,LOOP; LPSWE 768; FN: AHI 2,1; BR 14',
    'BAS / BR': 'LARL 12,LOOP; LOOP: BAS 14,FN-LOOP(12); BRCT 9,LOOP; LPSWE 768; FN: AHI 2,1; BR 14',
    'BRC both ways': 'LOOP: AHI 2,1; TML 2,1; BRC 8,EVEN; AHI 3,5; EVEN: BRCT 9,LOOP',
    'BC both ways': 'LARL 12,EVEN; LOOP: AHI 2,1; CHI 2,40; BC 4,0(12); AHI 3,5; EVEN: BRCT 9,LOOP',
    'BCR conditional, not taken then taken':
      'LARL 12,OUT; LOOP: AHI 2,1; CHI 2,60; BCR 8,12; BRCT 9,LOOP; OUT: LPSWE 768',
    'BCR 0 and BASR to register 0': 'LOOP: BCR 0,14; BASR 13,0; AHI 2,1; BRCT 9,LOOP',
    // Registers live in the block's locals: handler calls (LA, MSR, NILL) must see the templates'
    // writes and the templates theirs; L's address through an index register takes the slow path.
    'handler calls and index registers amid templates':
      'LARL 12,LOOP; LOOP: AHI 2,1; LA 4,0(2,2); AGR 3,4; MSR 3,2; NILL 4,14; AHI 4,2; L 5,0(4,12); XR 3,5; BRCT 9,LOOP',
    'an indirect target that changes after the block was built':
      'LARL 12,A; LOOP: AHI 2,1; CHI 2,50; BRC 4,GO; LARL 12,B; GO: BCR 15,12; A: BRCT 9,LOOP; LPSWE 768; B: AHI 3,100; BRCT 9,LOOP',
  };
  const toSource = (program: string): string =>
    `${program}; LPSWE 768`
      .split(';')
      .map((piece) => piece.trim())
      .map((piece) => {
        const label = /^([A-Z]+): (.*)$/.exec(piece);
        return label ? `${label[1]} ${label[2]}` : ` ${piece}`;
      })
      .join('\n');
  for (const [name, program] of Object.entries(BRANCH_PROGRAMS)) {
    it(`branches: ${name}`, () => {
      const source = toSource(program);
      const asm = assemble(source, { origin: CODE });
      expect(asm.errors, source).toEqual([]);
      for (const [, mask] of MODES) {
        const regs = Array.from({ length: 16 }, () => 0n);
        regs[9] = BigInt(ITERATIONS);
        regs[3] = 7n;
        const interpreted = run(asm.bytes, regs, mask, false);
        expect(interpreted.psw.endsWith('0000000000000000'), source).toBe(true);
        // Budgets that end inside unrolled iterations, and ones that allow many of them.
        for (const slice of [13, 997])
          expect(run(asm.bytes, regs, mask, true, slice), source).toEqual(interpreted);
      }
    });
  }

  it('an access exception after a CC was set: the program old PSW has the CC the block computed', () => {
    // The 64th iteration's L addresses 1 MiB, beyond storage, long after the loop was compiled.
    const source = toSource('LOOP: AHI 2,1; CHI 2,50; LGR 4,2; SLLG 4,4,14; L 5,0(0,4); BRCT 9,LOOP');
    const asm = assemble(source, { origin: CODE });
    expect(asm.errors, source).toEqual([]);
    for (const [, mask] of MODES) {
      const regs = Array.from({ length: 16 }, () => 0n);
      regs[9] = BigInt(ITERATIONS);
      const interpreted = run(asm.bytes, regs, mask, false);
      expect(interpreted.psw.endsWith('000000000000dea0'), source).toBe(true);
      expect(interpreted.lowCore.slice(0, 4)).toEqual([0, 4, 0, 5]);
      for (const slice of [13, 997])
        expect(run(asm.bytes, regs, mask, true, slice), source).toEqual(interpreted);
    }
  });

  it('covers every template', async () => {
    const { templateFor } = await import('../../../src/engine/arch/block-templates');
    const { INSTRUCTIONS } = await import('../../../src/engine/arch/instruction-table');
    const BRANCHES = [
      'BRC',
      'BRCL',
      'BRCT',
      'BRCTG',
      'BRAS',
      'BRASL',
      'BCR',
      'BC',
      'BCT',
      'BCTR',
      'BCTG',
      'BASR',
      'BAS',
    ];
    const templated = INSTRUCTIONS.map((row) => row.mnemonic).filter((m) => templateFor(m) !== undefined);
    expect(templated.filter((m) => !(m in FORMS) && !BRANCHES.includes(m))).toEqual([]);
  });
});
