import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MainStorage } from '../../../src/engine/arch/main-storage';
import { ElfError, loadElf, parseElf, symbolAddress } from '../../../src/engine/asm/elf-loader';

// tiny.elf is built from tiny.s by build-tiny-elf.sh (GNU as/ld for s390x).
const tiny = new Uint8Array(readFileSync(new URL('./fixtures/tiny.elf', import.meta.url)));

function patched(edit: (bytes: Uint8Array, view: DataView) => void): Uint8Array {
  const copy = tiny.slice();
  edit(copy, new DataView(copy.buffer));
  return copy;
}

describe('ELF loader', () => {
  it('reads the entry point and the PT_LOAD segments of a static s390x executable', () => {
    const elf = parseElf(tiny);
    expect(elf.entry).toBe(0x10000);
    expect(elf.segments.map((s) => [s.vaddr, s.fileBytes.length, s.memSize])).toEqual([
      [0xf000, 0x1028, 0x1028],
      [0x20000, 0x18, 0x2018],
    ]);
    expect(elf.segments[0].flags).toBe(5); // R E
    expect(elf.segments[1].flags).toBe(6); // RW
    expect(elf.lowAddress).toBe(0xf000);
    expect(elf.highAddress).toBe(0x22018);
  });

  it('reads the symbol table: names, values, sizes and types', () => {
    const elf = parseElf(tiny);
    expect(elf.symbols.get('_start')).toEqual({
      name: '_start',
      value: 0x10000,
      size: 38,
      type: 'func',
      global: true,
    });
    expect(elf.symbols.get('answer')).toMatchObject({ value: 0x20000, size: 8, type: 'object' });
    expect(elf.symbols.get('scratch')).toMatchObject({ value: 0x20018, size: 8192 });
    expect(elf.symbols.get('waitpsw')).toMatchObject({ value: 0x20008, global: false });
    expect(symbolAddress(elf, 'answer')).toBe(0x20000);
    expect(() => symbolAddress(elf, 'answe')).toThrow(/no symbol 'answe'.*similar: answer/);
  });

  it('loads the file bytes and zero-fills .bss up to the memory size', () => {
    const storage = new MainStorage(1 << 20);
    storage.load(0x20018, new Uint8Array(8192).fill(0xaa)); // stale bytes where .bss goes
    loadElf(parseElf(tiny), storage);
    // _start begins with LARL %r1,answer: C0 10 and a halfword offset of 0x10000/2.
    expect([...storage.read(0x10000, 6)]).toEqual([0xc0, 0x10, 0x00, 0x00, 0x80, 0x00]);
    expect([...storage.read(0x20000, 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0x15]);
    expect(storage.read(0x20018, 8192).every((b) => b === 0)).toBe(true);
  });

  it('refuses a segment that does not fit in storage', () => {
    expect(() => loadElf(parseElf(tiny), new MainStorage(0x20000))).toThrow(
      /segment at 0x20000 \(8216 bytes\) does not fit in 131072 bytes of storage/,
    );
  });

  it('rejects files that are not static s390x ELF64 executables, saying why', () => {
    const cases: [string, Uint8Array][] = [
      ['not an ELF file', new TextEncoder().encode('#!/bin/sh\necho hello\n')],
      ['not ELFCLASS64', patched((b) => (b[4] = 1))],
      ['not big-endian', patched((b) => (b[5] = 1))],
      ['ELF version 0 is not 1', patched((b) => (b[6] = 0))],
      ['not ET_EXEC', patched((_, v) => v.setUint16(16, 1))],
      ['machine 62 is not EM_S390', patched((_, v) => v.setUint16(18, 62))],
      ['no program headers', patched((_, v) => v.setUint16(56, 0))],
      ['program header size 32 is not 56', patched((_, v) => v.setUint16(54, 32))],
      ['extend past the end of the file', tiny.slice(0, 0x1800)],
      ['file size 99999 exceeds memory size', patched((_, v) => v.setBigUint64(64 + 32, 99999n))],
      ['file too short', tiny.slice(0, 40)],
    ];
    for (const [message, bytes] of cases) {
      expect(() => parseElf(bytes), message).toThrow(ElfError);
      expect(() => parseElf(bytes), message).toThrow(message);
    }
  });

  it('rejects overlapping segments', () => {
    const bytes = patched((_, v) => v.setBigUint64(64 + 56 + 16, 0x10000n));
    expect(() => parseElf(bytes)).toThrow(/overlap/);
  });
});
