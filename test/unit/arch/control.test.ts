import { describe, expect, it } from 'vitest';
import type { InterruptionEvent } from '../../../src/engine/arch/interruptions';
import {
  boot,
  CODE,
  DATA,
  END,
  hex,
  PGM_WAIT,
  programCode,
  programOldAddress,
  run,
  succeeded,
} from './program';

const PROBLEM_64 = 0x0001_0001_8000_0000n;

describe('control and interruptions', () => {
  it('a privileged instruction in the problem state is a privileged-operation exception (0x02)', () => {
    const cpu = run(`b2106000 ${END}`, (c) => c.setPsw(PROBLEM_64, BigInt(CODE)));
    expect(programCode(cpu)).toBe(0x02);
    expect(programOldAddress(cpu)).toBe(CODE + 4);
    expect(cpu.storage.readU16(0x8c)).toBe(4);
    // the old PSW keeps the problem-state bit
    expect(cpu.storage.readU32(0x150) & 0x0001_0000).toBe(0x0001_0000);
  });

  it('an opcode without a handler is an operation exception (0x01) with its ILC', () => {
    for (const [code, ilc] of [
      ['0000', 2],
      ['b2ff0000', 4],
      ['e30000000001', 6],
    ] as const) {
      const cpu = run(`${code} ${END}`);
      expect(programCode(cpu)).toBe(0x01);
      expect(cpu.storage.readU16(0x8c)).toBe(ilc);
      expect(programOldAddress(cpu)).toBe(CODE + ilc);
    }
  });

  it('a disabled wait stops run() with "wait"', () => {
    const cpu = run(`${END}`);
    expect(cpu.run(10)).toBe('wait');
    expect(cpu.disabledWait).toBe(true);
    expect(cpu.pswHex()).toBe('00020001800000000000000000000000');
  });

  it('run() says "limit" when the budget runs out and counts instructions', () => {
    const cpu = run('');
    cpu.storage.load(CODE, hex('a7f40000')); // J *
    cpu.setPsw(0x0000_0001_8000_0000n, BigInt(CODE));
    const before = cpu.instructionCount;
    expect(cpu.run(1000)).toBe('limit');
    expect(cpu.instructionCount - before).toBe(1000);
  });

  it('a stopped CPU does not run', () => {
    const cpu = run('');
    cpu.stop();
    expect(cpu.run(10)).toBe('stopped');
  });

  it('LPSWE loads a 16-byte PSW; an invalid one is a specification exception with ILC 0', () => {
    let cpu = run(`b2b26000`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.load(DATA, hex('0000200180000000 0000000000003000'));
      c.storage.load(0x3000, hex(END));
    });
    cpu.run(10);
    expect(cpu.ia).toBe(0);
    expect(cpu.disabledWait).toBe(true);
    cpu = run(`b2b26000`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.load(DATA, hex('0000000100000000 0000000000003000')); // EA without BA
    });
    cpu.run(10);
    expect(programCode(cpu)).toBe(0x06);
    expect(cpu.storage.readU16(0x8c)).toBe(0);
  });

  it('LPSW converts a short PSW: bit 12 required, bit 31 EA, bit 32 BA', () => {
    const cpu = boot(`82006000`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.load(DATA, hex('00080000 80003000'));
      c.storage.load(0x3000, hex(`010b ${END}`));
    });
    cpu.run(2);
    expect(cpu.cc).toBe(1); // TAM: 31-bit
    const bad = run(`82006000`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.load(DATA, hex('00000000 80003000'));
    });
    bad.run(3);
    expect(programCode(bad)).toBe(0x06);
  });

  it('SSM and STOSM change the system mask; SSM under CR0 suppression is 0x13', () => {
    let cpu = run(`ad036000 ${END}`, (c) => c.setGpr(6, BigInt(DATA)));
    expect(cpu.storage.readU8(DATA)).toBe(0);
    expect(cpu.getPsw().mask >> 56n).toBe(3n);
    cpu = run(`80006000 ${END}`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.setCr(0, 0x4000_0000n);
    });
    expect(programCode(cpu)).toBe(0x13);
  });

  it('LCTLG and STCTG move control registers', () => {
    const cpu = run(`eb1160000002f eb1160100025 ${END}`.replace('eb1160000002f', 'eb116000002f'), (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU64(DATA, 0x1234_5678_9abc_def0n);
    });
    expect(cpu.getCr(1)).toBe(0x1234_5678_9abc_def0n);
    expect(cpu.storage.readU64(DATA + 16)).toBe(0x1234_5678_9abc_def0n);
  });

  it('SPX relocates the low core: interruptions then use the new prefix area', () => {
    const prefix = 0x40000;
    const cpu = run(`b2106000 b2116008 0a01`, (c) => {
      c.setGpr(6, BigInt(DATA));
      c.storage.writeU32(DATA, prefix);
      c.storage.load(prefix + 0x1c0, hex('0002000180000000 0000000000000600'));
    });
    cpu.run(10);
    expect(cpu.storage.readU32(DATA + 8)).toBe(prefix);
    expect(cpu.ia).toBe(0x600);
    expect(cpu.storage.readU16(prefix + 0x8a)).toBe(1);
    expect(cpu.storage.readU16(0x8a)).toBe(0);
  });

  it('STCK stores the TOD of virtual time, unique and increasing', () => {
    let now = 1_000;
    const cpu = run(`b2056000 b2056008 ${END}`, (c) => c.setGpr(6, BigInt(DATA)), { todNs: () => now });
    const a = cpu.storage.readU64(DATA);
    const b = cpu.storage.readU64(DATA + 8);
    expect(b > a).toBe(true);
    const unixEpochTod = 0x7d91_048b_ca00_0000n;
    const seconds = (a - unixEpochTod) / 4096n / 1_000_000n;
    expect(seconds).toBe(1_767_225_600n); // virtual time 0 is 2026-01-01T00:00:00Z
    now = 2_000_000;
    expect(cpu.cc).toBe(0);
  });

  it('SSKE, ISKE and RRBE manage storage keys with reference and change bits', () => {
    const cpu = run(`b22b0023 925a7000 b2290043 b22a0023 b2290053 ${END}`, (c) => {
      c.setGpr(2, 0x30n);
      c.setGpr(3, BigInt(DATA));
      c.setGpr(7, BigInt(DATA));
    });
    expect(cpu.getGpr(4) & 0xffn).toBe(0x36n);
    expect(cpu.cc).toBe(3);
    expect(cpu.getGpr(5) & 0xffn).toBe(0x32n);
  });

  it('a store with a mismatched PSW key is a protection exception', () => {
    const cpu = run(`b22b0023 925a7000 ${END}`, (c) => {
      c.setPsw(0x0030_0001_8000_0000n, BigInt(CODE)); // key 3
      c.setGpr(2, 0x50n); // frame key 5
      c.setGpr(3, BigInt(DATA));
      c.setGpr(7, BigInt(DATA));
    });
    expect(programCode(cpu)).toBe(0x04);
  });

  it('STAP and STFL store the CPU address and the facility list', () => {
    const cpu = run(`b2126000 b2b10000 ${END}`, (c) => c.setGpr(6, BigInt(DATA)));
    expect(cpu.storage.readU16(DATA)).toBe(0);
    expect(cpu.storage.readU32(0xc8) >>> 29).toBe(7);
  });

  it('DIAG without a host hook is a specification exception; with one it runs the hook', () => {
    expect(programCode(run(`83230500 ${END}`))).toBe(0x06);
    const seen: number[] = [];
    const cpu = run(`83230500 ${END}`, undefined, {
      diagnose: (c, r1, r3, address) => {
        seen.push(r1, r3, address);
        c.cc = 2;
        return true;
      },
    });
    expect(seen).toEqual([2, 3, 0x500]);
    expect(cpu.cc).toBe(2);
    expect(succeeded(cpu)).toBe(true);
  });

  it('restartInterruption stores the old PSW at 0x120 and loads the new from 0x1A0', () => {
    const events: InterruptionEvent[] = [];
    const cpu = run(`a7f40000`, undefined, { onInterruption: (e) => events.push(e) });
    cpu.storage.load(0x1a0, hex('0002000180000000 0000000000000700'));
    cpu.restartInterruption();
    expect(cpu.ia).toBe(0x700);
    expect(cpu.storage.readU32(0x12c)).toBe(CODE);
    expect(events.at(-1)).toEqual({
      class: 'restart',
      code: 0,
      oldPsw: `0000000180000000${CODE.toString(16).padStart(16, '0')}`,
    });
    expect(cpu.run(5)).toBe('wait');
  });

  it('an external interruption is presented when PSW bit 7 and the CR0 subclass allow it', () => {
    const cpu = run('');
    cpu.storage.load(CODE, hex('a7f40000'));
    cpu.storage.load(0x1b0, hex('0002000180000000 0000000000000800'));
    cpu.setPsw(0x0100_0001_8000_0000n, BigInt(CODE));
    cpu.raiseExternal({ code: 0x1004, subclassMask: 0x0800 });
    expect(cpu.run(10)).toBe('limit'); // CR0 bit 52 off: stays pending
    cpu.setCr(0, 0x0800n);
    expect(cpu.run(10)).toBe('wait');
    expect(cpu.ia).toBe(0x800);
    expect(cpu.storage.readU16(0x86)).toBe(0x1004);
  });

  it('a program interruption is logged through onInterruption', () => {
    const events: InterruptionEvent[] = [];
    const cpu = run(`0000 ${END}`, undefined, { onInterruption: (e) => events.push(e) });
    expect(cpu.ia).toBe(PGM_WAIT);
    expect(events).toEqual([
      { class: 'program', code: 1, oldPsw: `0000000180000000${(CODE + 2).toString(16).padStart(16, '0')}` },
    ]);
  });
});
