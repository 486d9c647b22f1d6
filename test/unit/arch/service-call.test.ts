import { describe, expect, it } from 'vitest';
import type { Cpu } from '../../../src/engine/arch/cpu';
import { END, PGM_WAIT, programCode, run, succeeded } from './program';

/** SERVC 1,2 then END: R1 = command word, R2 = SCCB address. */
const SERVC = `b2200012${END}`;

function serviceCall(sccb: number, options: { high?: number; length?: number; prefix?: number } = {}) {
  const calls: [number, number][] = [];
  const cpu = run(SERVC, (c: Cpu) => {
    c.serviceCall = {
      serviceCall: (command, address) => {
        calls.push([command, address]);
        return 0;
      },
    };
    c.gl[1] = 0x0002_0001;
    c.gh[2] = options.high ?? 0;
    c.gl[2] = sccb;
    if (options.prefix !== undefined) {
      // The new prefix area gets a copy of low core (the program new PSW with it).
      c.storage.load(options.prefix, c.storage.read(0, 0x2000));
      c.setPrefix(options.prefix);
    }
    if (sccb + 2 <= c.storage.size) c.storage.writeU16(sccb, options.length ?? 4096);
  });
  return { cpu, calls };
}

describe('SERVC (B220)', () => {
  it('hands a valid SCCB to the SCLP and sets its condition code', () => {
    const { cpu, calls } = serviceCall(0x4000);
    expect(succeeded(cpu)).toBe(true);
    expect(calls).toEqual([[0x0002_0001, 0x4000]]);
    expect(cpu.cc).toBe(0);
  });

  it('answers CC 3 (not operational) when no SCLP is installed', () => {
    const cpu = run(SERVC, (c) => {
      c.gl[2] = 0x4000;
      c.storage.writeU16(0x4000, 16);
    });
    expect(succeeded(cpu)).toBe(true);
    expect(cpu.cc).toBe(3);
  });

  it('is a specification exception for an SCCB not doubleword aligned, at or above 2 GB, or in low core', () => {
    for (const [sccb, high] of [
      [0x4004, 0],
      [0x8000_4000, 0],
      [0x4000, 1],
      [0x1ff8, 0],
      [0, 0],
    ]) {
      const { cpu, calls } = serviceCall(sccb, { high });
      expect(programCode(cpu)).toBe(0x06);
      expect(calls).toEqual([]);
    }
  });

  it("is a specification exception for an SCCB in this CPU's prefix area", () => {
    const { cpu, calls } = serviceCall(0x2_0100, { prefix: 0x2_0000 });
    expect(cpu.ia).toBe(PGM_WAIT);
    // The interruption code is stored in the prefix area.
    expect(cpu.storage.readU16(0x2_0000 + 0x8e)).toBe(0x06);
    expect(calls).toEqual([]);
    // The same address with the prefix elsewhere is fine.
    expect(succeeded(serviceCall(0x2_0100, { prefix: 0x4_0000 }).cpu)).toBe(true);
  });

  it('is a specification exception for a header length below 8, and an addressing exception beyond storage', () => {
    expect(programCode(serviceCall(0x4000, { length: 7 }).cpu)).toBe(0x06);
    expect(programCode(serviceCall(0x20_0000).cpu)).toBe(0x05);
  });

  it('is privileged', () => {
    const cpu = run(SERVC, (c) => {
      c.gl[2] = 0x4000;
      c.setPsw(0x0001_0001_8000_0000n, 0x2000n);
    });
    expect(programCode(cpu)).toBe(0x02);
  });
});
