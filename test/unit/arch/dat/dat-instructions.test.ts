import { describe, expect, it } from 'vitest';
import { programCode, programOldAddress, succeeded } from '../program';
import {
  DAT_64,
  DATA_REAL,
  DATA_VIRTUAL,
  labelOf,
  PAGE_INVALID,
  PAGE_PROTECT,
  program,
  pteOf,
  runDat,
  SEGMENT_TABLE,
  setPte,
} from './dat-fixture';

const dword = (v: bigint) => `=XL8'${v.toString(16).padStart(16, '0')}'`;
const DAT_31 = 0x0400_0000_8000_0000n;
const NO_DAT_64 = 0x0000_0001_8000_0000n;

/** LRA (or LRAG) of the address in R2 into R4, whose high half starts as 0x11111111. */
function lra(address: bigint, op = 'LRA') {
  return program(`         LG    2,${dword(address)}
         ${op.padEnd(5)} 4,0(,2)`);
}
const preset = (c: { gh: Int32Array }) => {
  c.gh[4] = 0x1111_1111;
};

describe('LRA and LRAG', () => {
  it('CC 0: the real address, all 64 bits in the 64-bit mode', () => {
    const cpu = runDat(lra(BigInt(DATA_VIRTUAL + 0x123)), preset);
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.cc).toBe(0);
    expect(cpu.getGpr(4)).toBe(BigInt(DATA_REAL + 0x123));
  });

  it('CC 0 in the 31-bit mode replaces bits 32-63 only', () => {
    const cpu = runDat(lra(BigInt(DATA_VIRTUAL + 8)), (c) => {
      preset(c);
      c.setPsw(DAT_31, c.getPsw().address);
    });
    expect(cpu.cc).toBe(0);
    expect(cpu.getGpr(4)).toBe(0x1111_1111_0000_0000n | BigInt(DATA_REAL + 8));
  });

  it('translates with DAT off as well', () => {
    const cpu = runDat(lra(BigInt(DATA_VIRTUAL)), (c) => c.setPsw(NO_DAT_64, c.getPsw().address));
    expect(cpu.cc).toBe(0);
    expect(cpu.gl[4]).toBe(DATA_REAL);
  });

  it('CC 1: an invalid segment-table entry gives the entry address', () => {
    const cpu = runDat(lra(0x18_0000n), preset);
    expect(cpu.cc).toBe(1);
    expect(cpu.getGpr(4)).toBe(BigInt(SEGMENT_TABLE + 8));
  });

  it('CC 2: an invalid page-table entry gives the entry address', () => {
    const cpu = runDat(lra(0x7_0000n), (c) => setPte(c.storage, 0x70000, PAGE_INVALID));
    expect(cpu.cc).toBe(2);
    expect(cpu.getGpr(4)).toBe(BigInt(pteOf(0x70000)));
  });

  it('CC 3: segment-table length, with the code in bits 48-63 and bit 32 on, bits 0-31 unchanged', () => {
    const cpu = runDat(lra(0x2000_0000n), preset);
    expect(cpu.cc).toBe(3);
    expect(cpu.getGpr(4)).toBe(0x1111_1111_8000_0010n);
  });

  it('CC 3 for an ASCE-type exception through LRAG', () => {
    const cpu = runDat(lra(0x1_0000_0000n, 'LRAG'), preset);
    expect(cpu.cc).toBe(3);
    expect(cpu.getGpr(4)).toBe(0x1111_1111_8000_0038n);
  });

  it('a frame above 2 GiB: LRAG gives it, LRA in the 31-bit mode is a special-operation exception', () => {
    const big = runDat(lra(BigInt(DATA_VIRTUAL), 'LRAG'), (c) =>
      setPte(c.storage, DATA_VIRTUAL, 0x1_0000_0000n),
    );
    expect(big.cc).toBe(0);
    expect(big.getGpr(4)).toBe(0x1_0000_0000n);
    const cpu = runDat(lra(BigInt(DATA_VIRTUAL)), (c) => {
      setPte(c.storage, DATA_VIRTUAL, 0x1_0000_0000n);
      c.setPsw(DAT_31, c.getPsw().address);
    });
    expect(programCode(cpu)).toBe(0x13);
  });

  it('a translation-specification condition is a program interruption, not a CC', () => {
    const cpu = runDat(lra(BigInt(DATA_VIRTUAL)), (c) => setPte(c.storage, DATA_VIRTUAL, 0x800n));
    expect(programCode(cpu)).toBe(0x12);
  });

  it('is privileged', () => {
    const cpu = runDat(lra(BigInt(DATA_VIRTUAL)), (c) =>
      c.setPsw(DAT_64 | 0x0001_0000_0000_0000n, c.getPsw().address),
    );
    expect(programCode(cpu)).toBe(0x02);
  });
});

describe('TPROT', () => {
  /** TPROT of the address in R2 with access key `key`. */
  const tprot = (address: number, key: number) =>
    program(`         LG    2,${dword(BigInt(address))}
         TPROT 0(2),X'${(key << 4).toString(16)}'`);

  it('CC 0 with key 0, or a key matching the frame', () => {
    expect(runDat(tprot(DATA_VIRTUAL, 0)).cc).toBe(0);
    expect(runDat(tprot(DATA_VIRTUAL, 3), (c) => c.storage.setKey(DATA_REAL, 0x30)).cc).toBe(0);
  });

  it('CC 1 when only fetching is allowed: another key on a frame without fetch protection', () => {
    expect(runDat(tprot(DATA_VIRTUAL, 4), (c) => c.storage.setKey(DATA_REAL, 0x30)).cc).toBe(1);
  });

  it('CC 2 when the frame is fetch-protected', () => {
    expect(runDat(tprot(DATA_VIRTUAL, 4), (c) => c.storage.setKey(DATA_REAL, 0x38)).cc).toBe(2);
  });

  it('CC 1 for a DAT-protected page even with key 0', () => {
    const cpu = runDat(tprot(DATA_VIRTUAL, 0), (c) =>
      setPte(c.storage, DATA_VIRTUAL, BigInt(DATA_REAL) | PAGE_PROTECT),
    );
    expect(cpu.cc).toBe(1);
  });

  it('CC 3 when the translation is not available', () => {
    expect(runDat(tprot(0x70000, 0), (c) => setPte(c.storage, 0x70000, PAGE_INVALID)).cc).toBe(3);
    expect(runDat(tprot(0x18_0000, 0)).cc).toBe(3);
    expect(runDat(tprot(0x8000_0000, 0)).cc).toBe(3);
  });

  it('with DAT off tests the real address; beyond storage is an addressing exception', () => {
    const off = (c: Parameters<NonNullable<Parameters<typeof runDat>[1]>>[0]) =>
      c.setPsw(NO_DAT_64, c.getPsw().address);
    expect(
      runDat(tprot(DATA_VIRTUAL, 4), (c) => {
        off(c);
        c.storage.setKey(DATA_VIRTUAL, 0x38);
      }).cc,
    ).toBe(2);
    expect(programCode(runDat(tprot(0x20_0000, 0), off))).toBe(0x05);
  });
});

describe('LURA, LURAG, STURA, STURG', () => {
  it('load and store real addresses, untranslated, with DAT on', () => {
    const src = program(`         LG    2,${dword(BigInt(DATA_VIRTUAL))}
         LURA  4,2
         LURAG 5,2
         LG    6,${dword(0x0102_0304_0506_0708n)}
         LA    3,8(,2)
         STURG 6,3
         STURA 6,2`);
    const cpu = runDat(src, (c) => {
      c.storage.writeU64(DATA_VIRTUAL, 0xaaaa_bbbb_cccc_ddddn);
      c.storage.writeU64(DATA_REAL, 0x1111_2222_3333_4444n);
      c.gh[4] = 0x7777_7777;
    });
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.getGpr(4)).toBe(0x7777_7777_aaaa_bbbbn);
    expect(cpu.getGpr(5)).toBe(0xaaaa_bbbb_cccc_ddddn);
    expect(cpu.storage.readU64(DATA_VIRTUAL + 8)).toBe(0x0102_0304_0506_0708n);
    expect(cpu.storage.readU32(DATA_VIRTUAL)).toBe(0x0506_0708);
    expect(cpu.storage.readU64(DATA_REAL)).toBe(0x1111_2222_3333_4444n);
  });

  it('apply prefixing to the real address', () => {
    const src = program(`         LHI   2,X'10'
         LURA  4,2`);
    const cpu = runDat(src, (c) => {
      c.storage.load(0x40000, c.storage.read(0, 0x2000));
      c.storage.writeU32(0x40010, 0x5151_5151);
      c.setPrefix(0x40000);
    });
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.gl[4]).toBe(0x5151_5151);
  });

  it('require word or doubleword alignment', () => {
    const src = (op: string) =>
      program(`         LG    2,${dword(BigInt(DATA_VIRTUAL + 4))}
         ${op.padEnd(5)} 4,2`);
    expect(programCode(runDat(src('LURAG')))).toBe(0x06);
    expect(programCode(runDat(src('STURG')))).toBe(0x06);
    expect(succeeded(runDat(src('LURA')))).toBe(true);
    const odd = program(`         LG    2,${dword(BigInt(DATA_VIRTUAL + 2))}
         STURA 4,2`);
    expect(programCode(runDat(odd))).toBe(0x06);
  });

  it('key-controlled protection applies with the PSW key', () => {
    const store = program(`         LG    2,${dword(BigInt(DATA_REAL))}
AT       STURA 4,2`);
    const keyed = (c: Parameters<NonNullable<Parameters<typeof runDat>[1]>>[0]) => {
      c.storage.setKey(DATA_REAL, 0x48);
      c.setPsw(DAT_64 | 0x0030_0000_0000_0000n, c.getPsw().address);
    };
    const cpu = runDat(store, keyed);
    expect(programCode(cpu)).toBe(0x04);
    expect(programOldAddress(cpu)).toBe(labelOf(store, 'AT') + 4);
    const fetch = program(`         LG    2,${dword(BigInt(DATA_REAL))}
         LURA  4,2`);
    expect(programCode(runDat(fetch, keyed))).toBe(0x04);
  });

  it('STURA into the low core is refused under low-address protection', () => {
    const src = program(`         LHI   2,X'200'
         LHI   3,X'100'
         STURA 4,2
         STURA 4,3`);
    const cpu = runDat(src, (c) => c.setCr(0, 0x1000_0000n));
    expect(programCode(cpu)).toBe(0x04);
    expect(cpu.storage.readU32(0x200)).toBe(0);
  });
});

describe('PTLB and IPTE rows', () => {
  it('are privileged', () => {
    const problem = (c: Parameters<NonNullable<Parameters<typeof runDat>[1]>>[0]) =>
      c.setPsw(DAT_64 | 0x0001_0000_0000_0000n, c.getPsw().address);
    expect(programCode(runDat(program('         PTLB'), problem))).toBe(0x02);
    expect(programCode(runDat(program('         IPTE  2,3'), problem))).toBe(0x02);
  });

  it('IPTE sets the invalid bit of the designated page-table entry', () => {
    const src = program(`         LG    2,${dword(0x11000n)}
         LG    3,${dword(BigInt(DATA_VIRTUAL + 0x321))}
         IPTE  2,3`);
    const cpu = runDat(src);
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.storage.readU64(pteOf(DATA_VIRTUAL))).toBe(BigInt(DATA_REAL) | PAGE_INVALID);
  });

  it('IPTE of an entry beyond storage is an addressing exception', () => {
    const src = program(`         LG    2,${dword(0x4000_0000n)}
         IPTE  2,3`);
    expect(programCode(runDat(src))).toBe(0x05);
  });
});
