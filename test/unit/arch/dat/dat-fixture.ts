import { assemble, formatErrors } from '../../../../src/engine/asm/assembler';
import type { Cpu } from '../../../../src/engine/arch/cpu';
import type { MainStorage } from '../../../../src/engine/arch/main-storage';
import { boot, CODE } from '../program';

/**
 * DAT test machines: the 1 MiB machine of program.ts with one segment table (TL 0, 512 entries) at
 * SEGMENT_TABLE whose entry 0 points at a page table at PAGE_TABLE mapping every page of the first
 * megabyte to itself, except the virtual page DATA_VIRTUAL, which maps to DATA_REAL. Every other
 * segment is invalid. CR1 holds the segment-table ASCE; the PSW has DAT on, 64-bit mode.
 */
export const SEGMENT_TABLE = 0x10000;
export const PAGE_TABLE = 0x11000;
export const DATA_VIRTUAL = 0x50000;
export const DATA_REAL = 0x60000;
export const ASCE = BigInt(SEGMENT_TABLE);
export const DAT_64 = 0x0400_0001_8000_0000n;

export const SEGMENT_INVALID = 0x20n;
export const PAGE_INVALID = 0x400n;
export const PAGE_PROTECT = 0x200n;

/** Absolute address of the page-table entry of a virtual address in the first megabyte. */
export function pteOf(virtual: number): number {
  return PAGE_TABLE + ((virtual >>> 12) & 0xff) * 8;
}

export function setPte(storage: MainStorage, virtual: number, value: bigint): void {
  storage.writeU64(pteOf(virtual), value);
}

export function buildIdentityTables(storage: MainStorage): void {
  for (let s = 0; s < 512; s++) storage.writeU64(SEGMENT_TABLE + s * 8, SEGMENT_INVALID);
  storage.writeU64(SEGMENT_TABLE, BigInt(PAGE_TABLE));
  for (let p = 0; p < 256; p++) storage.writeU64(PAGE_TABLE + p * 8, BigInt(p * 4096));
  setPte(storage, DATA_VIRTUAL, BigInt(DATA_REAL));
}

function assembledOk(source: string) {
  const r = assemble(source);
  if (!r.ok) throw new Error(formatErrors(r.errors, 'test.s'));
  if (r.origin !== CODE) throw new Error(`the source must START at X'${CODE.toString(16)}'`);
  return r;
}

/** Object code of an assembler source that starts at CODE, as hex for program.ts's `boot`. */
export function assembled(source: string): string {
  return Buffer.from(assembledOk(source).bytes).toString('hex');
}

/** The address of a label in an assembler source. */
export function labelOf(source: string, name: string): number {
  const s = assembledOk(source).symbols.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no label ${name}`);
  return s.value;
}

/**
 * A test program: START at CODE, R12 the base, `body`, then the success wait at label DONE (where
 * `runDat` stops, leaving the CC as the body left it) and the literals.
 */
export function program(body: string): string {
  return `T        START X'${CODE.toString(16)}'
         BASR  12,0
         USING *,12
${body}
DONE     LPSWE 768
         LTORG
         END
`;
}

/** A CPU with the identity tables, DAT on, at the source's first instruction; `setup` runs last. */
export function bootDat(source: string, setup?: (cpu: Cpu) => void): Cpu {
  return boot(assembled(source), (cpu) => {
    buildIdentityTables(cpu.storage);
    cpu.setCr(1, ASCE);
    cpu.setPsw(DAT_64, BigInt(CODE));
    setup?.(cpu);
  });
}

/**
 * Boots as `bootDat` and runs to the first wait, or to the label DONE if the source has one (left
 * unexecuted), at most 100 000 instructions.
 */
export function runDat(source: string, setup?: (cpu: Cpu) => void): Cpu {
  const cpu = bootDat(source, setup);
  const done = /^DONE /m.test(source) ? labelOf(source, 'DONE') : -1;
  for (let i = 0; i < 100_000 && cpu.ia !== done; i++) {
    if (cpu.run(1) !== 'limit') break;
  }
  return cpu;
}

/** The TEID stored at 0xA8. */
export function teid(cpu: Cpu): bigint {
  return cpu.storage.readU64(0xa8);
}

/** The program ILC halfword at 0x8C (the instruction length in bytes). */
export function ilc(cpu: Cpu): number {
  return cpu.storage.readU16(0x8c);
}
