import { extendedOpcodePlace, FORMAT_FIELDS, instructionLength } from '../arch/instruction-formats';
import type { InstructionDef } from '../arch/instruction-table';

/**
 * Instruction bytes from an instruction-table row and its field values, placed by the format layouts
 * (reference/domain-architecture.md §1.3). A 20-bit displacement given as D1/D2 is split into DL/DH.
 */
function setBits(bytes: Uint8Array, first: number, last: number, value: number): void {
  let v = value;
  for (let bit = last; bit >= first; bit--) {
    const mask = 0x80 >>> (bit & 7);
    if (v & 1) bytes[bit >>> 3] |= mask;
    else bytes[bit >>> 3] &= ~mask;
    v = Math.floor(v / 2);
  }
}

function getBits(bytes: Uint8Array, first: number, last: number): number {
  let v = 0;
  for (let bit = first; bit <= last; bit++) v = v * 2 + ((bytes[bit >>> 3] >>> (7 - (bit & 7))) & 1);
  return v;
}

/** Width in bits of a field of the row's format; long displacements report 20. */
export function fieldWidth(def: InstructionDef, name: string): number {
  const fields = FORMAT_FIELDS[def.format];
  const f = fields.find((x) => x.name === name);
  if (f) return f.last - f.first + 1;
  if (/^D\d$/.test(name) && fields.some((x) => x.name === `DL${name[1]}`)) return 20;
  return 0;
}

export function hasLongDisplacement(def: InstructionDef): boolean {
  return FORMAT_FIELDS[def.format].some((x) => x.name.startsWith('DL'));
}

export function encodeInstruction(def: InstructionDef, values: Readonly<Record<string, number>>): Uint8Array {
  const bytes = new Uint8Array(instructionLength(def.op1));
  bytes[0] = def.op1;
  const place = extendedOpcodePlace(def.op1);
  if (place === 'byte1') bytes[1] = def.op2;
  else if (place === 'nibble1') bytes[1] = def.op2 & 0xf;
  else if (place === 'byte5') bytes[5] = def.op2;
  for (const f of FORMAT_FIELDS[def.format]) {
    const long = /^D([LH])(\d)$/.exec(f.name);
    let v: number;
    if (long) {
      const d = values[`D${long[2]}`] ?? 0;
      const u = d < 0 ? d + 0x100000 : d;
      v = long[1] === 'L' ? u & 0xfff : (u >>> 12) & 0xff;
    } else {
      v = values[f.name] ?? 0;
    }
    const width = f.last - f.first + 1;
    const modulus = 2 ** width;
    setBits(bytes, f.first, f.last, ((v % modulus) + modulus) % modulus);
  }
  return bytes;
}

/** Field values of an instruction's bytes (the inverse of encodeInstruction); D is signed for DL/DH. */
export function decodeFields(def: InstructionDef, bytes: Uint8Array): Record<string, number> {
  const values: Record<string, number> = {};
  const fields = FORMAT_FIELDS[def.format];
  for (const f of fields) {
    values[f.name] = getBits(bytes, f.first, f.last);
  }
  for (const n of ['1', '2']) {
    if (`DL${n}` in values) {
      const u = values[`DH${n}`] * 4096 + values[`DL${n}`];
      values[`D${n}`] = u >= 0x80000 ? u - 0x100000 : u;
    }
  }
  return values;
}
