/**
 * Regenerates test/fixtures/encodings/encodings.json, the golden encodings of every instruction-table
 * row: several operand combinations per instruction (registers 0, 1, 7, 15; displacements 0, 1,
 * 0xFFF and, for 20-bit fields, negative and extreme; masks; immediates at their edges; relative
 * targets both ways), assembled by GNU as for s390x at the row's machine level. zvlab's assembler
 * and disassembler are checked against the file by test/oracle/encodings.test.ts, which needs no tools.
 *
 *   node --import tsx scripts/oracle-encodings.ts          (needs binutils-s390x-linux-gnu)
 *   node --import tsx scripts/oracle-encodings.ts --check  (exit 1 if the committed file is stale)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMAT_FIELDS, instructionLength } from '../src/engine/arch/instruction-formats';
import { INSTRUCTIONS, type InstructionDef } from '../src/engine/arch/instruction-table';
import { type OperandSpec, operandSpecs, REGISTER_PREFIX } from '../src/engine/asm/operand-syntax';

const AS = 's390x-linux-gnu-as';
const OBJCOPY = 's390x-linux-gnu-objcopy';
const OBJDUMP = 's390x-linux-gnu-objdump';
const OUT = 'test/fixtures/encodings/encodings.json';

/** binutils' .machine names for the table's levels (esa390 = g5). */
const MACHINE: Readonly<Record<string, string>> = {
  esa390: 'g5',
  z900: 'z900',
  z990: 'z990',
  'z9-109': 'z9-109',
};

/** Instructions GNU as has no mnemonic for: fed to it as .insn with the same fields. */
const INSN_FORMAT: Readonly<Record<string, string>> = { SERVC: 'rre' };

const REGS = [0, 1, 7, 15];
const PAIRS = [0, 2, 6, 14];
const MASKS = [0, 1, 8, 15];

function width(def: InstructionDef, field: string): number {
  const f = FORMAT_FIELDS[def.format].find((x) => x.name === field);
  return f ? f.last - f.first + 1 : 0;
}

function isLong(def: InstructionDef): boolean {
  return FORMAT_FIELDS[def.format].some((x) => x.name.startsWith('DL'));
}

function immediates(def: InstructionDef, spec: Extract<OperandSpec, { kind: 'imm' }>): number[] {
  const w = width(def, spec.field);
  if (spec.signed) return [0, 1, -1, -(2 ** (w - 1)), 2 ** (w - 1) - 1];
  return [0, 1, 2 ** (w - 1), 2 ** w - 1];
}

function relatives(def: InstructionDef, spec: Extract<OperandSpec, { kind: 'rel' }>): string[] {
  const w = width(def, spec.field);
  const max = (2 ** (w - 1) - 1) * 2;
  const min = -(2 ** (w - 1)) * 2;
  return ['.', '.+2', '.-2', `.+${max}`, `.${min}`];
}

function displacements(def: InstructionDef): number[] {
  return isLong(def) ? [0, 1, 0xfff, -1, 0x1000, -0x80000, 0x7ffff] : [0, 1, 0xfff];
}

const r = (n: number) => `%r${n}`;

/** Values for one operand in variant k (variants walk each operand's edge values). */
function operandText(def: InstructionDef, spec: OperandSpec, k: number, position: number): string {
  const pick = <T>(xs: readonly T[]) => xs[(k + position) % xs.length];
  switch (spec.kind) {
    case 'reg':
      return `${REGISTER_PREFIX[spec.bank]}${pick(spec.pair ? PAIRS : REGS)}`;
    case 'mask':
      return `${pick(MASKS)}`;
    case 'imm':
      return `${immediates(def, spec)[k % immediates(def, spec).length]}`;
    case 'rel':
      return relatives(def, spec)[k % relatives(def, spec).length];
    case 'addr': {
      const ds = displacements(def);
      const d = ds[k % ds.length];
      const b = REGS[(k + position + 1) % REGS.length];
      if (spec.length) {
        const max = 2 ** width(def, spec.length);
        const l = [1, max, 2, max - 1][k % 4];
        return `${d}(${l},${b === 0 ? '0' : r(b)})`;
      }
      if (spec.index) {
        const x = REGS[(k + position) % REGS.length];
        if (x !== 0) return `${d}(${r(x)},${b === 0 ? '0' : r(b)})`;
      }
      return b === 0 ? `${d}` : `${d}(${r(b)})`;
    }
  }
}

function variantCount(def: InstructionDef, specs: OperandSpec[]): number {
  let n = specs.length === 0 ? 1 : 4;
  for (const s of specs) {
    if (s.kind === 'imm') n = Math.max(n, immediates(def, s).length);
    if (s.kind === 'rel') n = Math.max(n, relatives(def, s).length);
    if (s.kind === 'addr') n = Math.max(n, displacements(def).length);
  }
  return n;
}

interface GoldenLine {
  readonly mnemonic: string;
  /** The source line given to GNU as (zvlab assembles the same text). */
  readonly text: string;
  readonly hex: string;
  /** Offset of the instruction in the assembled file, and what GNU objdump prints for it there. */
  readonly address: number;
  readonly objdump: string;
}

/** objdump -d lines as 'mnemonic operands', symbol annotations dropped, in address order. */
function objdumpLines(object: string): string[] {
  const text = execFileSync(OBJDUMP, ['-d', '--no-show-raw-insn', object], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return text
    .split('\n')
    .filter((l) => /^\s+[0-9a-f]+:\t/.test(l))
    .map((l) =>
      l
        .split('\t')
        .slice(1)
        .join(' ')
        .replace(/\s+<[^>]*>$/, '')
        .trim(),
    );
}

function linesFor(def: InstructionDef): { text: string; gas: string; machine: string }[] {
  const specs = operandSpecs(def);
  const out: { text: string; gas: string; machine: string }[] = [];
  const seen = new Set<string>();
  const variants = variantCount(def, specs);
  for (let k = 0; k < variants; k++) {
    // Optional operands: left out in even variants, given in odd ones.
    const used = specs.filter((s) => !s.optional || k % 2 === 1);
    const ops = used.map((s, position) => operandText(def, s, k, position));
    const text = `${def.mnemonic.toLowerCase()}${ops.length ? ` ${ops.join(',')}` : ''}`;
    if (seen.has(text)) continue;
    seen.add(text);
    const insn = INSN_FORMAT[def.mnemonic];
    const opcode = `0x${def.op1.toString(16)}${def.op2.toString(16).padStart(2, '0')}0000`;
    const gas = insn ? `.insn ${insn},${opcode},${ops.join(',')}` : text;
    // 20-bit displacements outside 0..4095 need the z990 long-displacement facility.
    const needsLong =
      isLong(def) && ops.some((o) => /(^|,)-?\d+\(|^-?\d+$/.test(o) && /-|4096|524287/.test(o));
    const level = needsLong && (def.level === 'esa390' || def.level === 'z900') ? 'z990' : def.level;
    // The optional operands of SSKE and IPTE came with later machines (z10, z196).
    const withOptional = used.some((s) => s.optional);
    out.push({ text, gas, machine: withOptional ? 'z196' : MACHINE[level] });
  }
  return out;
}

function main(): void {
  const all = INSTRUCTIONS.flatMap((def) => linesFor(def).map((l) => ({ def, ...l })));
  const source = all.map((l) => `.machine "${l.machine}"\n ${l.gas}\n`).join('');
  const dir = mkdtempSync(join(tmpdir(), 'zvlab-oracle-'));
  try {
    writeFileSync(join(dir, 'all.s'), source);
    execFileSync(AS, ['-m64', '-mzarch', '-o', join(dir, 'all.o'), join(dir, 'all.s')], { stdio: 'inherit' });
    execFileSync(OBJCOPY, ['-O', 'binary', '-j', '.text', join(dir, 'all.o'), join(dir, 'all.bin')]);
    const bytes = readFileSync(join(dir, 'all.bin'));
    const dumped = objdumpLines(join(dir, 'all.o'));
    if (dumped.length !== all.length)
      throw new Error(`objdump printed ${dumped.length} lines for ${all.length}`);
    const golden: GoldenLine[] = [];
    let at = 0;
    for (const l of all) {
      const n = instructionLength(bytes[at]);
      if (n !== instructionLength(l.def.op1)) throw new Error(`${l.text}: length ${n} at offset ${at}`);
      golden.push({
        mnemonic: l.def.mnemonic,
        text: l.text,
        hex: bytes.subarray(at, at + n).toString('hex'),
        address: at,
        objdump: dumped[golden.length],
      });
      at += n;
    }
    if (at !== bytes.length) throw new Error(`${bytes.length - at} bytes left over`);
    const version = execFileSync(AS, ['--version'], { encoding: 'utf8' }).split('\n')[0];
    const file = {
      generatedBy: 'node --import tsx scripts/oracle-encodings.ts',
      assembler: `${version} (-m64 -mzarch, .machine per row level)`,
      instructions: new Set(golden.map((g) => g.mnemonic)).size,
      lines: golden,
    };
    const json = `${JSON.stringify(file, null, 1)}\n`;
    if (process.argv.includes('--check')) {
      const current = readFileSync(OUT, 'utf8');
      if (current !== json) {
        console.error(`${OUT} is stale: run node --import tsx scripts/oracle-encodings.ts`);
        process.exitCode = 1;
      } else {
        console.log(`${OUT} is current (${golden.length} lines)`);
      }
      return;
    }
    writeFileSync(OUT, json);
    console.log(`${OUT}: ${golden.length} lines, ${file.instructions} instructions`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
