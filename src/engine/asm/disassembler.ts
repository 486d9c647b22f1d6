import { extendedOpcodePlace, instructionLength } from '../arch/instruction-formats';
import { INSTRUCTIONS, type InstructionDef } from '../arch/instruction-table';
import { decodeFields, fieldWidth } from './encoder';
import { branchMnemonicFor } from './extended-mnemonics';
import { type OperandSpec, operandSpecs, REGISTER_PREFIX } from './operand-syntax';

/**
 * The disassembler, driven by the instruction table: GNU objdump's operand syntax (%rN, %cN,
 * D(X,B) with X or B left out when 0), extended branch mnemonics as objdump prints them, relative
 * targets as absolute addresses, unknown opcodes as .short/.long. Its output reassembles to the
 * same bytes with zvlab's assembler at the same origin.
 */
export interface DisassembledLine {
  readonly address: number;
  readonly bytes: readonly number[];
  readonly mnemonic: string;
  readonly operands: string;
}

const BY_OPCODE = new Map<number, InstructionDef>();
for (const d of INSTRUCTIONS) BY_OPCODE.set(d.op1 * 256 + Math.max(d.op2, 0), d);

function lookup(bytes: Uint8Array, at: number): InstructionDef | undefined {
  const op1 = bytes[at];
  switch (extendedOpcodePlace(op1)) {
    case 'none':
      return BY_OPCODE.get(op1 * 256);
    case 'byte1':
      return BY_OPCODE.get(op1 * 256 + bytes[at + 1]);
    case 'nibble1':
      return BY_OPCODE.get(op1 * 256 + (bytes[at + 1] & 0xf));
    default:
      return at + 5 < bytes.length ? BY_OPCODE.get(op1 * 256 + bytes[at + 5]) : undefined;
  }
}

const hex = (n: number) => (n < 0 ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`);

function addressText(spec: Extract<OperandSpec, { kind: 'addr' }>, v: Record<string, number>): string {
  const d = v[spec.disp];
  const b = v[spec.base];
  const reg = (n: number) => `%r${n}`;
  if (spec.length) return `${d}(${v[spec.length] + 1},${reg(b)})`;
  const x = spec.index ? v[spec.index] : 0;
  if (x !== 0) return `${d}(${reg(x)},${reg(b)})`;
  return b === 0 ? `${d}` : `${d}(${reg(b)})`;
}

function operandText(
  spec: OperandSpec,
  v: Record<string, number>,
  address: number,
  width: (f: string) => number,
): string {
  switch (spec.kind) {
    case 'reg':
      return `${REGISTER_PREFIX[spec.bank]}${v[spec.field]}`;
    case 'mask':
      return `${v[spec.field]}`;
    case 'imm': {
      const raw = v[spec.field];
      const w = width(spec.field);
      return `${spec.signed && raw >= 2 ** (w - 1) ? raw - 2 ** w : raw}`;
    }
    case 'rel': {
      const raw = v[spec.field];
      const w = width(spec.field);
      const ri = raw >= 2 ** (w - 1) ? raw - 2 ** w : raw;
      return hex(address + ri * 2);
    }
    case 'addr':
      return addressText(spec, v);
  }
}

function fieldOf(spec: OperandSpec): string[] {
  switch (spec.kind) {
    case 'addr':
      return [
        spec.disp,
        spec.base,
        ...(spec.index ? [spec.index] : []),
        ...(spec.length ? [spec.length] : []),
      ];
    default:
      return [spec.field];
  }
}

/** Disassemble bytes loaded at baseAddress. */
export function disassemble(bytes: Uint8Array, baseAddress = 0): DisassembledLine[] {
  const out: DisassembledLine[] = [];
  let at = 0;
  while (at < bytes.length) {
    const address = baseAddress + at;
    const length = instructionLength(bytes[at]);
    if (at + length > bytes.length) {
      for (; at < bytes.length; at++) {
        out.push({
          address: baseAddress + at,
          bytes: [bytes[at]],
          mnemonic: '.byte',
          operands: hex(bytes[at]),
        });
      }
      break;
    }
    const slice = bytes.subarray(at, at + length);
    const def = lookup(bytes, at);
    if (!def) {
      const word = (from: number, n: number) =>
        [...slice.subarray(from, from + n)].reduce((a, b) => a * 256 + b, 0);
      if (length === 2)
        out.push({ address, bytes: [...slice], mnemonic: '.short', operands: hex(word(0, 2)) });
      else {
        out.push({ address, bytes: [...slice.subarray(0, 4)], mnemonic: '.long', operands: hex(word(0, 4)) });
        if (length === 6)
          out.push({
            address: address + 4,
            bytes: [...slice.subarray(4)],
            mnemonic: '.short',
            operands: hex(word(4, 2)),
          });
      }
      at += length;
      continue;
    }
    const v = decodeFields(def, slice);
    let specs = operandSpecs(def);
    let mnemonic = def.mnemonic.toLowerCase();
    const extended =
      specs[0]?.kind === 'mask' && def.operands.startsWith('M1')
        ? branchMnemonicFor(def.mnemonic, v[specs[0].field])
        : undefined;
    if (extended) {
      mnemonic = extended;
      specs = specs.slice(1);
    }
    // Optional operands are printed up to the last one that is not zero.
    let last = specs.length;
    while (last > 0 && specs[last - 1].optional && fieldOf(specs[last - 1]).every((f) => (v[f] ?? 0) === 0))
      last--;
    const width = (f: string) => fieldWidth(def, f);
    const operands = specs
      .slice(0, last)
      .map((s) => operandText(s, v, address, width))
      .join(',');
    out.push({ address, bytes: [...slice], mnemonic, operands });
    at += length;
  }
  return out;
}

/** The one instruction at the start of bytes (for a trace line): `mnemonic operands`, or .short/.long. */
export function disassembleInstruction(bytes: Uint8Array, address: number): string {
  const n = Math.min(bytes.length, instructionLength(bytes[0] ?? 0));
  const [first] = disassemble(bytes.subarray(0, n), address);
  return first ? `${first.mnemonic} ${first.operands}`.trimEnd() : '';
}

/** One line per instruction: `address: hex bytes  mnemonic operands`. */
export function formatDisassembly(lines: readonly DisassembledLine[]): string {
  return lines
    .map((l) => {
      const addr = l.address.toString(16).padStart(8, '0');
      const bytes = l.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
      return `${addr}:  ${bytes.padEnd(17)}  ${l.operands ? `${l.mnemonic.padEnd(7)} ${l.operands}` : l.mnemonic}\n`;
    })
    .join('');
}
