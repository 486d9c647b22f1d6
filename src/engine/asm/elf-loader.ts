/**
 * ELF loader for static s390x executables (ELF64, big-endian, EM_S390, ET_EXEC), as produced by
 * `s390x-linux-gnu-gcc -static -nostdlib`. It reads the program headers (PT_LOAD segments), the entry
 * point and the symbol table, and copies the segments into main storage (file bytes, then zeros up
 * to the segment's memory size: that is how .bss exists). Only what a bare CPU needs: no dynamic
 * linking, no relocation. Field offsets follow the System V gABI and the s390x psABI.
 */

import type { MainStorage } from '../arch/main-storage';

const EI_CLASS = 4;
const EI_DATA = 5;
const EI_VERSION = 6;
const ELFCLASS64 = 2;
const ELFDATA2MSB = 2;
const ET_EXEC = 2;
const EM_S390 = 22;
const PT_LOAD = 1;
const SHT_SYMTAB = 2;
const ELF64_EHDR_SIZE = 64;
const ELF64_PHDR_SIZE = 56;
const ELF64_SHDR_SIZE = 64;
const ELF64_SYM_SIZE = 24;

/** A file that is not a loadable static s390x executable; the message says what was found. */
export class ElfError extends Error {
  override name = 'ElfError';
}

/** One PT_LOAD program header with its file bytes; `memSize - fileBytes.length` bytes of zeros follow. */
export interface ElfSegment {
  readonly vaddr: number;
  readonly memSize: number;
  readonly fileBytes: Uint8Array;
  /** PF_X = 1, PF_W = 2, PF_R = 4. */
  readonly flags: number;
}

export type ElfSymbolType = 'notype' | 'object' | 'func' | 'section' | 'file' | 'other';

export interface ElfSymbol {
  readonly name: string;
  readonly value: number;
  readonly size: number;
  readonly type: ElfSymbolType;
  readonly global: boolean;
}

export interface ElfExecutable {
  readonly entry: number;
  readonly segments: readonly ElfSegment[];
  /** .symtab by name; for duplicate local names the first global (else first) definition wins. */
  readonly symbols: ReadonlyMap<string, ElfSymbol>;
  /** Lowest and one-past-highest address any segment occupies. */
  readonly lowAddress: number;
  readonly highAddress: number;
}

const SYMBOL_TYPES: readonly ElfSymbolType[] = ['notype', 'object', 'func', 'section', 'file'];

/** Parses a static s390x ELF64 executable; throws ElfError naming the first problem. */
export function parseElf(bytes: Uint8Array): ElfExecutable {
  if (bytes.length < 16 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    throw new ElfError('not an ELF file (the first four bytes are not 7F 45 4C 46)');
  }
  if (bytes[EI_CLASS] !== ELFCLASS64) {
    throw new ElfError(`ELF class ${bytes[EI_CLASS]} is not ELFCLASS64 (2): a 31-bit or foreign file`);
  }
  if (bytes[EI_DATA] !== ELFDATA2MSB) {
    throw new ElfError(`ELF data encoding ${bytes[EI_DATA]} is not big-endian (ELFDATA2MSB = 2)`);
  }
  if (bytes[EI_VERSION] !== 1) throw new ElfError(`ELF version ${bytes[EI_VERSION]} is not 1`);
  if (bytes.length < ELF64_EHDR_SIZE) throw new ElfError('file too short for an ELF64 header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u64 = (offset: number, what: string): number => {
    const v = view.getBigUint64(offset);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ElfError(`${what} 0x${v.toString(16)} is too large`);
    return Number(v);
  };

  const type = view.getUint16(16);
  if (type !== ET_EXEC) {
    throw new ElfError(
      `ELF type ${type} is not ET_EXEC (2): link with -static (no relocatable or PIE files)`,
    );
  }
  const machine = view.getUint16(18);
  if (machine !== EM_S390) throw new ElfError(`ELF machine ${machine} is not EM_S390 (22)`);
  const entry = u64(24, 'entry point');
  const phoff = u64(32, 'program header offset');
  const shoff = u64(40, 'section header offset');
  const phentsize = view.getUint16(54);
  const phnum = view.getUint16(56);
  const shentsize = view.getUint16(58);
  const shnum = view.getUint16(60);

  if (phnum === 0) throw new ElfError('no program headers: nothing to load');
  if (phentsize !== ELF64_PHDR_SIZE) throw new ElfError(`program header size ${phentsize} is not 56`);
  within(bytes, phoff, phnum * phentsize, 'program headers');

  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (view.getUint32(p) !== PT_LOAD) continue;
    const flags = view.getUint32(p + 4);
    const offset = u64(p + 8, `segment ${i} offset`);
    const vaddr = u64(p + 16, `segment ${i} address`);
    const fileSize = u64(p + 32, `segment ${i} file size`);
    const memSize = u64(p + 40, `segment ${i} memory size`);
    if (fileSize > memSize) {
      throw new ElfError(`segment ${i}: file size ${fileSize} exceeds memory size ${memSize}`);
    }
    within(bytes, offset, fileSize, `segment ${i}`);
    segments.push({ vaddr, memSize, fileBytes: bytes.subarray(offset, offset + fileSize), flags });
  }
  if (segments.length === 0) throw new ElfError('no PT_LOAD segment: nothing to load');
  const sorted = [...segments].sort((a, b) => a.vaddr - b.vaddr);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (prev.vaddr + prev.memSize > sorted[i].vaddr) {
      throw new ElfError(
        `segments at 0x${prev.vaddr.toString(16)} and 0x${sorted[i].vaddr.toString(16)} overlap`,
      );
    }
  }

  const symbols = new Map<string, ElfSymbol>();
  if (shoff !== 0 && shnum !== 0) {
    if (shentsize !== ELF64_SHDR_SIZE) throw new ElfError(`section header size ${shentsize} is not 64`);
    within(bytes, shoff, shnum * shentsize, 'section headers');
    for (let i = 0; i < shnum; i++) {
      const s = shoff + i * shentsize;
      if (view.getUint32(s + 4) !== SHT_SYMTAB) continue;
      readSymbols(bytes, view, u64, s, shoff, shnum, symbols);
    }
  }

  return {
    entry,
    segments,
    symbols,
    lowAddress: sorted[0].vaddr,
    highAddress: Math.max(...sorted.map((g) => g.vaddr + g.memSize)),
  };
}

function readSymbols(
  bytes: Uint8Array,
  view: DataView,
  u64: (offset: number, what: string) => number,
  header: number,
  shoff: number,
  shnum: number,
  into: Map<string, ElfSymbol>,
): void {
  const offset = u64(header + 24, '.symtab offset');
  const size = u64(header + 32, '.symtab size');
  const link = view.getUint32(header + 40);
  if (link >= shnum) throw new ElfError(`.symtab links to section ${link}, but there are ${shnum}`);
  within(bytes, offset, size, '.symtab');
  const strHeader = shoff + link * ELF64_SHDR_SIZE;
  const strOffset = u64(strHeader + 24, '.strtab offset');
  const strSize = u64(strHeader + 32, '.strtab size');
  within(bytes, strOffset, strSize, '.strtab');
  const decoder = new TextDecoder();
  for (let e = offset; e + ELF64_SYM_SIZE <= offset + size; e += ELF64_SYM_SIZE) {
    const nameOffset = view.getUint32(e);
    const info = bytes[e + 4];
    const shndx = view.getUint16(e + 6);
    if (nameOffset === 0 || shndx === 0) continue; // unnamed, or undefined (SHN_UNDEF)
    if (nameOffset >= strSize) throw new ElfError(`symbol name offset ${nameOffset} is outside .strtab`);
    let end = strOffset + nameOffset;
    while (end < strOffset + strSize && bytes[end] !== 0) end++;
    const name = decoder.decode(bytes.subarray(strOffset + nameOffset, end));
    const symbol: ElfSymbol = {
      name,
      value: u64(e + 8, `symbol ${name} value`),
      size: u64(e + 16, `symbol ${name} size`),
      type: SYMBOL_TYPES[info & 0xf] ?? 'other',
      global: info >> 4 !== 0,
    };
    const existing = into.get(name);
    if (existing === undefined || (!existing.global && symbol.global)) into.set(name, symbol);
  }
}

function within(bytes: Uint8Array, offset: number, length: number, what: string): void {
  if (offset + length > bytes.length) {
    throw new ElfError(
      `${what} (${length} bytes at file offset ${offset}) extend past the end of the file (${bytes.length} bytes)`,
    );
  }
}

/** Copies every PT_LOAD segment into storage at its virtual address, zero-filling up to its memory size. */
export function loadElf(executable: ElfExecutable, storage: MainStorage): void {
  for (const segment of executable.segments) {
    if (segment.vaddr + segment.memSize > storage.size) {
      throw new ElfError(
        `segment at 0x${segment.vaddr.toString(16)} (${segment.memSize} bytes) does not fit in ${storage.size} bytes of storage`,
      );
    }
    storage.load(segment.vaddr, segment.fileBytes);
    const zeros = segment.memSize - segment.fileBytes.length;
    if (zeros > 0) storage.load(segment.vaddr + segment.fileBytes.length, new Uint8Array(zeros));
  }
}

/** The address of a symbol, or an ElfError listing what is similar. */
export function symbolAddress(executable: ElfExecutable, name: string): number {
  const symbol = executable.symbols.get(name);
  if (symbol === undefined) {
    const near = [...executable.symbols.keys()].filter((n) => n.includes(name) || name.includes(n));
    const hint = near.length > 0 ? ` (similar: ${near.slice(0, 5).join(', ')})` : '';
    throw new ElfError(`no symbol '${name}' in the symbol table${hint}`);
  }
  return symbol.value;
}
