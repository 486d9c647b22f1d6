import { describe, expect, it } from 'vitest';
import { Cpu } from '../../../../src/engine/arch/cpu';
import { programCode, succeeded } from '../program';
import {
  bootDat,
  DAT_64,
  DATA_REAL,
  DATA_VIRTUAL,
  labelOf,
  PAGE_INVALID,
  PAGE_TABLE,
  program,
  pteOf,
  runDat,
  SEGMENT_TABLE,
} from './dat-fixture';

const dword = (v: bigint) => `=XL8'${v.toString(16).padStart(16, '0')}'`;
const OTHER_REAL = 0x70000;

/** Frames DATA_REAL and OTHER_REAL hold 1 and 2; R2 = DATA_VIRTUAL, R7 = its PTE's address, R8 = a PTE for OTHER_REAL. */
const prologue = `         LG    2,${dword(BigInt(DATA_VIRTUAL))}
         LG    7,${dword(BigInt(pteOf(DATA_VIRTUAL)))}
         LG    8,${dword(BigInt(OTHER_REAL))}`;
function frames(c: Cpu): void {
  c.storage.writeU32(DATA_REAL, 1);
  c.storage.writeU32(OTHER_REAL, 2);
}

describe('TLB purges', () => {
  it('a page-table entry changed without a purge may keep its old mapping; PTLB makes the new one visible', () => {
    const cpu = runDat(
      program(`${prologue}
         L     3,0(,2)
         STG   8,0(,7)          remap the page, no purge
         LPSWE CONT             forgets the page caches
         DS    0D
CONT     DC    XL8'0400000180000000',AD(NEXT)
NEXT     L     4,0(,2)
         PTLB
         L     5,0(,2)`),
      frames,
    );
    expect(succeeded(cpu)).toBe(true);
    expect([cpu.gl[3], cpu.gl[4], cpu.gl[5]]).toEqual([1, 1, 2]);
  });

  it('IPTE invalidates the entry and the translation made from it', () => {
    const src = program(`${prologue}
         L     3,0(,2)
         LG    9,${dword(BigInt(PAGE_TABLE))}
         IPTE  9,2
AT       L     4,0(,2)`);
    const cpu = runDat(src, frames);
    expect(cpu.gl[3]).toBe(1);
    expect(programCode(cpu)).toBe(0x11);
    expect(cpu.storage.readU32(0x15c)).toBe(labelOf(src, 'AT'));
  });

  it('SPX purges the TLB', () => {
    const cpu = runDat(
      program(`${prologue}
         L     3,0(,2)
         STG   8,0(,7)
         SPX   PREFIX
         L     4,0(,2)
         LTORG
PREFIX   DC    F'0'`),
      frames,
    );
    expect([cpu.gl[3], cpu.gl[4]]).toEqual([1, 2]);
  });

  it('entries are tagged by the ASCE: LCTLG of another CR1 uses the other tables, and back again', () => {
    // A second segment table at 0x12000 sharing the page table except for DATA_VIRTUAL.
    const cpu = runDat(
      program(`${prologue}
         L     3,0(,2)
         LCTLG 1,1,SPACE2
         L     4,0(,2)
         LCTLG 1,1,SPACE1
         L     5,0(,2)
         LTORG
SPACE1   DC    AD(X'10000')
SPACE2   DC    AD(X'12000')`),
      (c) => {
        frames(c);
        const st = c.storage;
        for (let s = 0; s < 512; s++) st.writeU64(0x12000 + s * 8, st.readU64(SEGMENT_TABLE + s * 8));
        st.writeU64(0x12000, 0x13000n);
        for (let p = 0; p < 256; p++) st.writeU64(0x13000 + p * 8, st.readU64(PAGE_TABLE + p * 8));
        st.writeU64(0x13000 + (DATA_VIRTUAL >>> 12) * 8, BigInt(OTHER_REAL));
      },
    );
    expect([cpu.gl[3], cpu.gl[4], cpu.gl[5]]).toEqual([1, 2, 1]);
  });

  it('a CPU reset purges the TLB', () => {
    const cpu = runDat(program(`${prologue}\n         L     3,0(,2)`), frames);
    cpu.storage.writeU64(pteOf(DATA_VIRTUAL), BigInt(OTHER_REAL));
    cpu.initialReset();
    cpu.setCr(1, BigInt(SEGMENT_TABLE));
    expect(cpu.storage.readU32(cpu.absolute(DATA_VIRTUAL, 0))).toBe(0); // DAT off after reset
    cpu.setPsw(DAT_64, 0n);
    expect(cpu.storage.readU32(cpu.absolute(DATA_VIRTUAL, 0))).toBe(2);
  });
});

describe('IPTE on a multiprocessor', () => {
  /** CPU 1 loads DATA_VIRTUAL at FIRST (filling its TLB) and again at SECOND; each ends in the wait. */
  const reader = program(`         LG    2,${dword(BigInt(DATA_VIRTUAL))}
FIRST    L     3,0(,2)
         LPSWE 768
SECOND   L     4,0(,2)`);

  function twoCpus(cpu0Program: string) {
    const cpu0 = bootDat(cpu0Program, frames);
    const cpu1 = new Cpu({ address: 1, storage: cpu0.storage });
    cpu1.setCr(1, BigInt(SEGMENT_TABLE));
    cpu1.setPsw(DAT_64, BigInt(labelOf(reader, 'T')));
    cpu1.start();
    return { cpu0, cpu1 };
  }

  function runSecond(cpu1: Cpu): void {
    cpu1.setPsw(DAT_64, BigInt(labelOf(reader, 'SECOND')));
    cpu1.run(100);
  }

  it("another CPU's cached translation survives a plain store into the page table", () => {
    const { cpu0, cpu1 } = twoCpus(
      program(`         LG    7,${dword(BigInt(pteOf(DATA_VIRTUAL)))}
         LG    8,${dword(BigInt(OTHER_REAL))}
         STG   8,0(,7)`),
    );
    // Both programs live at CODE: load CPU 1's reader there after CPU 0 is done.
    cpu0.run(1000);
    expect(succeeded(cpu0)).toBe(true);
    cpu0.storage.writeU64(pteOf(DATA_VIRTUAL), BigInt(DATA_REAL));
    cpu0.storage.load(0x2000, readerBytes());
    cpu1.run(100);
    expect(cpu1.gl[3]).toBe(1);
    cpu0.storage.writeU64(pteOf(DATA_VIRTUAL), BigInt(OTHER_REAL));
    runSecond(cpu1);
    expect(cpu1.gl[4]).toBe(1);
  });

  it('IPTE on one CPU purges the translation cached by another', () => {
    const { cpu0, cpu1 } = twoCpus(
      program(`         LG    9,${dword(BigInt(PAGE_TABLE))}
         LG    2,${dword(BigInt(DATA_VIRTUAL))}
         IPTE  9,2`),
    );
    const cpu0Code = cpu0.storage.read(0x2000, 0x100);
    cpu0.storage.load(0x2000, readerBytes());
    cpu1.run(100);
    expect(cpu1.gl[3]).toBe(1);
    cpu0.storage.load(0x2000, cpu0Code);
    cpu0.run(1000);
    expect(succeeded(cpu0)).toBe(true);
    expect(cpu0.storage.readU64(pteOf(DATA_VIRTUAL))).toBe(BigInt(DATA_REAL) | PAGE_INVALID);
    cpu0.storage.load(0x2000, readerBytes());
    runSecond(cpu1);
    expect(programCode(cpu1)).toBe(0x11);
  });

  function readerBytes(): Uint8Array {
    const cpu = bootDat(reader);
    return cpu.storage.read(0x2000, 0x100);
  }
});

describe('PSW changes and the page caches', () => {
  it('STOSM, STNSM, SSM and LPSWE switch DAT on and off between loads of the same address', () => {
    const src = `T        START X'2000'
         BASR  12,0
         USING *,12
         LG    2,=XL8'0000000000050000'
         L     3,0(,2)          DAT off: real 0x50000
         STOSM MASK,X'04'
         L     10,16            page 0 first
         L     4,0(,2)          DAT on: frame 0x60000
         STNSM MASK,X'FB'
         L     5,0(,2)
         SSM   DATON
         L     6,0(,2)
         LPSWE DATOFF
NEXT     L     7,0(,2)
         LPSWE 768
MASK     DC    X'00'
DATON    DC    X'04'
         DS    0D
DATOFF   DC    XL8'0000000180000000',AD(NEXT)
         LTORG
         END
`;
    for (const compiled of [true, false]) {
      const cpu = runDat(src, (c) => {
        c.compileBlocks = compiled;
        c.setPsw(0x0000_0001_8000_0000n, c.getPsw().address);
        c.storage.writeU32(DATA_VIRTUAL, 5);
        c.storage.writeU32(DATA_REAL, 6);
        c.storage.writeU32(16, 0x1616);
      });
      expect(succeeded(cpu)).toBe(true);
      expect([cpu.gl[3], cpu.gl[4], cpu.gl[10], cpu.gl[5], cpu.gl[6], cpu.gl[7]]).toEqual([
        5, 6, 0x1616, 5, 6, 5,
      ]);
      expect(cpu.storage.readU8(labelOf(src, 'MASK'))).toBe(0x04);
    }
  });

  it('SPKA: a page stored into under key 0 is checked again under the new key', () => {
    const src = program(`         LG    2,${dword(BigInt(DATA_VIRTUAL))}
         ST    1,0(,2)
         SPKA  X'30'
AT       ST    1,4(,2)`);
    const cpu = runDat(src, (c) => c.storage.setKey(DATA_REAL, 0x40));
    expect(programCode(cpu)).toBe(0x04);
    expect(cpu.storage.readU32(0x15c)).toBe(labelOf(src, 'AT') + 4);
  });

  it('code runs on at the same virtual address when DAT maps it elsewhere', () => {
    // The page after the code maps to a frame holding different instructions.
    const src = `T        START X'2000'
         BASR  12,0
         USING *,12
         STOSM MASK,X'04'
         J     PAGE2
MASK     DC    X'00'
         ORG   T+X'1000'
PAGE2    LHI   1,1          runs only without DAT
         LPSWE 768
         END
`;
    const cpu = runDat(src, (c) => {
      c.setPsw(0x0000_0001_8000_0000n, c.getPsw().address);
      // Frame 0x70000: LHI 1,2 ; LPSWE 768
      c.storage.load(0x70000, Uint8Array.from([0xa7, 0x18, 0x00, 0x02, 0xb2, 0xb2, 0x03, 0x00]));
      c.storage.writeU64(pteOf(0x3000), 0x70000n);
    });
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.gl[1]).toBe(2);
  });
});
