import { describe, expect, it } from 'vitest';
import type { Cpu } from '../../../../src/engine/arch/cpu';
import { programCode, programOldAddress, succeeded } from '../program';
import {
  DAT_64,
  DATA_REAL,
  DATA_VIRTUAL,
  ilc,
  labelOf,
  PAGE_INVALID,
  PAGE_PROTECT,
  PAGE_TABLE,
  program,
  runDat,
  SEGMENT_TABLE,
  setPte,
  teid,
} from './dat-fixture';

/** A load from the address in R2 (given as a doubleword literal), at label AT. */
const dword = (v: bigint) => `=XL8'${v.toString(16).padStart(16, '0')}'`;
const loadFrom = (address: bigint) =>
  program(`         LG    2,${dword(address)}
AT       L     1,0(,2)`);
const storeTo = (address: bigint) =>
  program(`         LG    2,${dword(address)}
AT       ST    1,0(,2)`);

/** Expects a nullified program interruption at AT with the TEID. */
function expectNullified(cpu: Cpu, source: string, code: number, expectedTeid: bigint): void {
  expect(programCode(cpu)).toBe(code);
  expect(programOldAddress(cpu)).toBe(labelOf(source, 'AT'));
  expect(ilc(cpu)).toBe(4);
  expect(teid(cpu)).toBe(expectedTeid);
}

const TEID_FETCH = 0x800n;
const TEID_STORE = 0x400n;
const TEID_DAT_PROTECTION = 0x4n;

describe('DAT: segment and page tables', () => {
  it('maps a virtual page to the frame its page-table entry names', () => {
    const cpu = runDat(loadFrom(BigInt(DATA_VIRTUAL + 0x124)), (c) => {
      c.storage.writeU32(DATA_VIRTUAL + 0x124, 0xdead_beef);
      c.storage.writeU32(DATA_REAL + 0x124, 0x1234_5678);
    });
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.gl[1]).toBe(0x1234_5678);
  });

  it('a fetch through an invalid page-table entry is a page-translation exception (0x11) that nullifies', () => {
    const src = loadFrom(0x70010n);
    const cpu = runDat(src, (c) => setPte(c.storage, 0x70000, 0x70000n | PAGE_INVALID));
    expectNullified(cpu, src, 0x11, 0x70000n | TEID_FETCH);
  });

  it('a store through an invalid page-table entry says "store" in the TEID', () => {
    const src = storeTo(0x70ffcn);
    const cpu = runDat(src, (c) => setPte(c.storage, 0x70000, PAGE_INVALID));
    expectNullified(cpu, src, 0x11, 0x70000n | TEID_STORE);
  });

  it('an invalid segment-table entry is a segment-translation exception (0x10)', () => {
    const src = loadFrom(0x18_0000n);
    const cpu = runDat(src);
    expectNullified(cpu, src, 0x10, 0x18_0000n | TEID_FETCH);
  });

  it('an address beyond the segment-table length is a segment-translation exception (0x10)', () => {
    // TL 0: one 4 KiB segment table of 512 entries covers 512 MiB.
    const src = loadFrom(0x2000_0000n);
    const cpu = runDat(src);
    expectNullified(cpu, src, 0x10, 0x2000_0000n | TEID_FETCH);
  });

  it('an address beyond 2 GiB under a segment-table ASCE is an ASCE-type exception (0x38)', () => {
    const src = loadFrom(0x8000_0000n);
    const cpu = runDat(src);
    expectNullified(cpu, src, 0x38, 0x8000_0000n | TEID_FETCH);
  });

  it('bit 52 of a page-table entry is a translation-specification exception (0x12): suppressed, no TEID', () => {
    const src = loadFrom(BigInt(DATA_VIRTUAL));
    const cpu = runDat(src, (c) => {
      setPte(c.storage, DATA_VIRTUAL, BigInt(DATA_REAL) | 0x800n);
      c.storage.writeU64(0xa8, 0x5555n);
    });
    expect(programCode(cpu)).toBe(0x12);
    expect(programOldAddress(cpu)).toBe(labelOf(src, 'AT') + 4);
    expect(ilc(cpu)).toBe(4);
    expect(teid(cpu)).toBe(0x5555n);
  });

  it('a segment-table entry with a nonzero table type is a translation-specification exception', () => {
    const cpu = runDat(loadFrom(BigInt(DATA_VIRTUAL)), (c) =>
      c.storage.writeU64(SEGMENT_TABLE, BigInt(PAGE_TABLE) | 0x4n),
    );
    expect(programCode(cpu)).toBe(0x12);
  });

  it('a common segment in a private space is a translation-specification exception', () => {
    const cpu = runDat(loadFrom(BigInt(DATA_VIRTUAL)), (c) => {
      c.storage.writeU64(SEGMENT_TABLE, BigInt(PAGE_TABLE) | 0x10n);
      c.setCr(1, BigInt(SEGMENT_TABLE) | 0x100n);
    });
    expect(programCode(cpu)).toBe(0x12);
  });

  it('a page table outside storage is an addressing exception', () => {
    const cpu = runDat(loadFrom(BigInt(DATA_VIRTUAL)), (c) =>
      c.storage.writeU64(SEGMENT_TABLE, 0x2000_0000n),
    );
    expect(programCode(cpu)).toBe(0x05);
  });

  it('a page frame beyond storage is an addressing exception', () => {
    const cpu = runDat(loadFrom(BigInt(DATA_VIRTUAL)), (c) => setPte(c.storage, DATA_VIRTUAL, 0x4000_0000n));
    expect(programCode(cpu)).toBe(0x05);
  });

  it('a page-protected page can be fetched; a store is a protection exception (0x04) with TEID bit 61', () => {
    const src = program(`         LG    2,${dword(BigInt(DATA_VIRTUAL))}
         L     3,0(,2)
AT       ST    1,8(,2)`);
    const cpu = runDat(src, (c) => {
      setPte(c.storage, DATA_VIRTUAL, BigInt(DATA_REAL) | PAGE_PROTECT);
      c.storage.writeU32(DATA_REAL, 77);
    });
    expect(cpu.gl[3]).toBe(77);
    expect(programCode(cpu)).toBe(0x04);
    expect(programOldAddress(cpu)).toBe(labelOf(src, 'AT') + 4);
    expect(teid(cpu)).toBe(BigInt(DATA_VIRTUAL) | TEID_STORE | TEID_DAT_PROTECTION);
    expect(cpu.storage.readU32(DATA_REAL + 8)).toBe(0);
  });

  it('the segment protection bit protects every page of the segment', () => {
    const cpu = runDat(storeTo(0x3_0000n), (c) =>
      c.storage.writeU64(SEGMENT_TABLE, BigInt(PAGE_TABLE) | 0x200n),
    );
    expect(programCode(cpu)).toBe(0x04);
    expect(teid(cpu)).toBe(0x3_0000n | TEID_STORE | TEID_DAT_PROTECTION);
  });

  it('a real-space ASCE translates every address to itself', () => {
    const cpu = runDat(loadFrom(BigInt(DATA_VIRTUAL)), (c) => {
      c.setCr(1, 0x20n);
      c.storage.writeU32(DATA_VIRTUAL, 0xabcd);
    });
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.gl[1]).toBe(0xabcd);
  });

  it('an instruction fetch from an invalid page nullifies with ILC 1 and the target page in the TEID', () => {
    const src = program(`         LG    2,=AD(X'40000')
         BR    2`);
    const cpu = runDat(src, (c) => setPte(c.storage, 0x40000, PAGE_INVALID));
    expect(programCode(cpu)).toBe(0x11);
    expect(programOldAddress(cpu)).toBe(0x40000);
    expect(ilc(cpu)).toBe(2);
    expect(teid(cpu)).toBe(0x40000n | TEID_FETCH);
  });

  it('key-controlled protection applies to the frame, after translation', () => {
    const cpu = runDat(storeTo(BigInt(DATA_VIRTUAL)), (c) => {
      c.storage.setKey(DATA_REAL, 0x30);
      c.setPsw(DAT_64 | 0x0050_0000_0000_0000n, c.getPsw().address);
    });
    expect(programCode(cpu)).toBe(0x04);
  });
});

/**
 * Region tables: ASCE → region-first (0x20000) → region-second (0x21000) → region-third (0x22000)
 * → the fixture's segment table. Entry 0 of each is valid with TF 0 and TL 0.
 */
const R1T = 0x20000;
const R2T = 0x21000;
const R3T = 0x22000;
function regionTables(c: Cpu, designation: 1 | 2 | 3): void {
  const st = c.storage;
  st.writeU64(R1T, BigInt(R2T) | 0xcn);
  st.writeU64(R2T, BigInt(R3T) | 0x8n);
  st.writeU64(R3T, BigInt(SEGMENT_TABLE) | 0x4n);
  const top = designation === 3 ? R1T : designation === 2 ? R2T : R3T;
  c.setCr(1, BigInt(top) | BigInt(designation << 2));
}

describe('DAT: region tables', () => {
  for (const dt of [1, 2, 3] as const) {
    it(`walks from a designation type ${dt} ASCE down to the page`, () => {
      const cpu = runDat(loadFrom(BigInt(DATA_VIRTUAL)), (c) => {
        regionTables(c, dt);
        c.storage.writeU32(DATA_REAL, 4242);
      });
      expect(succeeded(cpu)).toBe(true);
      expect(cpu.gl[1]).toBe(4242);
    });
  }

  const cases: [string, 1 | 2 | 3, bigint, (c: Cpu) => void, number][] = [
    // Entry 1 of each table, for an address in another region than the program's.
    ['an invalid region-first entry', 3, 1n << 53n, (c) => c.storage.writeU64(R1T + 8, 0xcn | 0x20n), 0x39],
    ['an invalid region-second entry', 3, 1n << 42n, (c) => c.storage.writeU64(R2T + 8, 0x8n | 0x20n), 0x3a],
    ['an invalid region-third entry', 3, 1n << 31n, (c) => c.storage.writeU64(R3T + 8, 0x4n | 0x20n), 0x3b],
    ['a region-first index beyond the ASCE table length', 3, 1n << 63n, () => {}, 0x39],
    ['a region-second index beyond the ASCE table length', 2, 1n << 51n, () => {}, 0x3a],
    ['a region-third index beyond the ASCE table length', 1, 1n << 40n, () => {}, 0x3b],
    [
      'a region-second index below the region-first entry table offset',
      3,
      1n << 53n,
      (c) => c.storage.writeU64(R1T + 8, BigInt(R2T) | 0xcn | 0x40n),
      0x3a,
    ],
    ['a region-third index beyond the region-second entry table length', 3, 1n << 40n, () => {}, 0x3b],
    ['a segment index beyond the region-third entry table length', 1, 0x2000_0000n, () => {}, 0x10],
    ['a region-first index under a region-second ASCE', 2, 1n << 53n, () => {}, 0x38],
    ['a region-second index under a region-third ASCE', 1, 1n << 42n, () => {}, 0x38],
  ];
  for (const [what, dt, address, patch, code] of cases) {
    it(`${what} is exception 0x${code.toString(16)}, with the TEID`, () => {
      const src = loadFrom(address + 0x10n);
      const cpu = runDat(src, (c) => {
        regionTables(c, dt);
        patch(c);
      });
      expectNullified(cpu, src, code, address | TEID_FETCH);
    });
  }

  it('a region entry whose table type does not match its level is a translation-specification exception', () => {
    const cpu = runDat(loadFrom(BigInt(DATA_VIRTUAL)), (c) => {
      regionTables(c, 3);
      c.storage.writeU64(R2T, BigInt(R3T) | 0xcn);
    });
    expect(programCode(cpu)).toBe(0x12);
  });
});

describe('DAT: address-space control', () => {
  /** A second space: segment table 0x12000, page table 0x13000, DATA_VIRTUAL → 0x70000. */
  function secondSpace(c: Cpu, cr: number): void {
    const st = c.storage;
    for (let s = 0; s < 512; s++) st.writeU64(0x12000 + s * 8, 0x20n);
    st.writeU64(0x12000, 0x13000n);
    for (let p = 0; p < 256; p++) st.writeU64(0x13000 + p * 8, BigInt(p * 4096));
    st.writeU64(0x13000 + (DATA_VIRTUAL >>> 12) * 8, 0x70000n);
    st.writeU32(0x70000, 7);
    st.writeU32(DATA_REAL, 6);
    c.setCr(cr, 0x12000n);
  }

  it('secondary mode fetches instructions through CR1 and data through CR7', () => {
    // No literal: the code page is invalid in the secondary space.
    const src = program(`         LHI   2,5
         SLLG  2,2,16
         L     1,0(,2)`);
    const cpu = runDat(src, (c) => {
      secondSpace(c, 7);
      c.setPsw(DAT_64 | 0x0000_8000_0000_0000n, c.getPsw().address);
      c.storage.writeU64(0x13000 + 2 * 8, 0x400n);
    });
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.gl[1]).toBe(7);
  });

  it('home mode uses CR13 for instructions and data', () => {
    const cpu = runDat(loadFrom(BigInt(DATA_VIRTUAL)), (c) => {
      secondSpace(c, 13);
      c.setCr(1, 0x20n);
      c.setPsw(DAT_64 | 0x0000_c000_0000_0000n, c.getPsw().address);
    });
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.gl[1]).toBe(7);
  });

  for (const [mode, cr, asc, id] of [
    ['secondary', 7, 0x8000n, 2n],
    ['home', 13, 0xc000n, 3n],
  ] as const) {
    it(`a ${mode}-space exception names the ${mode} ASCE in TEID bits 62-63`, () => {
      const src = loadFrom(0x70000n);
      const cpu = runDat(src, (c) => {
        secondSpace(c, cr);
        c.storage.writeU64(0x13000 + 0x70 * 8, 0x400n);
        c.setPsw(DAT_64 | (asc << 32n), c.getPsw().address);
      });
      expectNullified(cpu, src, 0x11, 0x70000n | TEID_FETCH | id);
    });
  }
});
