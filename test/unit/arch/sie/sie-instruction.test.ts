import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../../src/engine/asm/assembler';
import { Cpu } from '../../../../src/engine/arch/cpu';
import { MainStorage } from '../../../../src/engine/arch/main-storage';
import { SIE_SLICE } from '../../../../src/engine/arch/sie/sie-instruction';

const HOST_PROGRAM = readFileSync(new URL('./programs/sie-host.s', import.meta.url), 'utf8');

/** Loads an assembled host program into 4 MiB and runs it until it stops or waits. */
function runHost(source: string, limit = 100_000): Cpu {
  const r = assemble(source);
  expect(r.errors).toEqual([]);
  const storage = new MainStorage(4 << 20);
  storage.load(r.origin, r.bytes);
  const cpu = new Cpu({ address: 0, storage });
  cpu.setPsw(0x0000_0001_8000_0000n, BigInt(r.origin));
  cpu.start();
  cpu.run(limit);
  return cpu;
}

describe('SIE instruction (B214)', () => {
  it('a bare-metal host SIEs into a guest, sees DIAGNOSE (4) then the guest wait (28), ends in wait 0', () => {
    const cpu = runHost(HOST_PROGRAM);
    expect(cpu.disabledWait).toBe(true);
    expect(cpu.ia).toBe(0);
  });
});

/** Host: R1 → SD; `SIE 0(1)`, then LPSWE of a disabled wait at 0x300 (so the host stops after SIE). */
const SD = 0x8000;
const MSO = 0x100000;

function hostWithGuest(guestBody: string, sd: (s: MainStorage) => void = () => {}): Cpu {
  const storage = new MainStorage(4 << 20);
  storage.load(0x2000, Uint8Array.from([0xb2, 0x14, 0x10, 0x00, 0xb2, 0xb2, 0x03, 0x00]));
  storage.writeU64(0x300, 0x0002_0001_8000_0000n);
  storage.writeU64(0x308, 0n);
  const g = assemble(
    `G        START X'2000'\n         BASR  12,0\n         USING *,12\n${guestBody}\n         END\n`,
  );
  expect(g.errors).toEqual([]);
  storage.load(MSO + g.origin, g.bytes);
  storage.writeU64(SD + 0x80, BigInt(MSO));
  storage.writeU64(SD + 0x88, BigInt(MSO + 0xfffff));
  storage.writeU64(SD + 0x90, 0x0000_0001_8000_0000n);
  storage.writeU64(SD + 0x98, 0x2000n);
  sd(storage);
  const cpu = new Cpu({ address: 0, storage });
  cpu.setPsw(0x0000_0001_8000_0000n, 0x2000n);
  cpu.gl[1] = SD;
  cpu.start();
  // The guest's instructions count as the host CPU's: a budget for the host and one guest slice.
  cpu.run(100 + SIE_SLICE);
  return cpu;
}

const icpt = (cpu: Cpu) => cpu.storage.readU8(SD + 0x50);

describe('SIE state description', () => {
  it('guest GR14/15 come from the SD, GR0-13 and FPRs from the host registers, and go back', () => {
    const cpu = hostWithGuest(
      `         AGR   3,14
         AGR   3,15
         LDR   2,4
         DIAG  0,0,0`,
      (s) => {
        s.writeU64(SD + 0xa0, 5n);
        s.writeU64(SD + 0xa8, 6n);
        s.writeU64(SD + 0x100, 0x0004_0000n); // guest CR0 AFP-register control, for LDR
      },
    );
    // GR3 held 0 in the host before SIE; R12 (the guest's base) now shows through too.
    expect(icpt(cpu)).toBe(4);
    expect(cpu.getGpr(3)).toBe(11n);
    expect(cpu.getGpr(12)).toBe(0x2002n);
    expect(cpu.storage.readU64(SD + 0xa0)).toBe(5n);
  });

  it('a program interruption the SD intercepts stores code and ILC at 0xCE/0xCC', () => {
    const cpu = hostWithGuest(`         DC    X'0000'`, (s) => s.writeU32(SD + 0x48, 0x8000_0000));
    expect(icpt(cpu)).toBe(44);
    expect(cpu.storage.readU16(SD + 0xce)).toBe(1);
    expect(cpu.storage.readU16(SD + 0xcc)).toBe(2);
  });

  it('intervention requests: stop gives 40; an external request exits 16 once the guest enables', () => {
    expect(icpt(hostWithGuest(`SPIN     J     SPIN`, (s) => s.writeU8(SD, 0x04)))).toBe(40);
    const cpu = hostWithGuest(
      `         STOSM SAVE,X'01'
SPIN     J     SPIN
SAVE     DC    X'00'`,
      (s) => s.writeU8(SD, 0x01),
    );
    expect(icpt(cpu)).toBe(16);
    expect(cpu.storage.readU64(SD + 0x98)).toBe(0x2006n);
  });

  it('a guest that keeps running ends SIE with code 0 after the slice; the host resumes it', () => {
    const cpu = hostWithGuest(`SPIN     J     SPIN`);
    expect(icpt(cpu)).toBe(0);
    expect(cpu.ia).toBe(0);
    // SIE, LPSWE and the guest's slice (BASR, then J): the host's count includes the guest's.
    expect(cpu.instructionCount).toBe(2 + SIE_SLICE);
    expect(cpu.storage.readU64(SD + 0x98)).toBe(0x2002n);
  });

  it('a nested SIE in the guest is an instruction interception for the host', () => {
    const cpu = hostWithGuest(`         SIE   0(1)`);
    expect(icpt(cpu)).toBe(4);
    expect(cpu.storage.readU16(SD + 0x56)).toBe(0xb214);
  });

  it('bad SDs: extent below origin or beyond host storage is a validity interception (32)', () => {
    const below = hostWithGuest(`SPIN     J     SPIN`, (s) => s.writeU64(SD + 0x88, 0n));
    expect(icpt(below)).toBe(32);
    expect(below.storage.readU16(SD + 0x58)).toBe(0x0003);
    const beyond = hostWithGuest(`SPIN     J     SPIN`, (s) => s.writeU64(SD + 0x88, 0x7fff_ffffn));
    expect(icpt(beyond)).toBe(32);
    expect(beyond.storage.readU16(SD + 0x58)).toBe(0x0005);
    const prefix = hostWithGuest(`SPIN     J     SPIN`, (s) => s.writeU32(SD + 0x04, 0x0020_0000));
    expect(icpt(prefix)).toBe(32);
    expect(prefix.storage.readU16(SD + 0x58)).toBe(0x0002);
  });

  it('a misaligned SD is the host its own specification exception; in problem state SIE is privileged', () => {
    const storage = new MainStorage(1 << 20);
    storage.load(0x2000, Uint8Array.from([0xb2, 0x14, 0x10, 0x04]));
    storage.writeU64(0x1d0, 0x0002_0001_8000_0000n);
    storage.writeU64(0x1d8, 0xdea0n);
    const cpu = new Cpu({ address: 0, storage });
    cpu.setPsw(0x0000_0001_8000_0000n, 0x2000n);
    cpu.start();
    cpu.run(10);
    expect(storage.readU16(0x8e)).toBe(0x06);
    cpu.setPsw(0x0001_0001_8000_0000n, 0x2000n);
    cpu.run(10);
    expect(storage.readU16(0x8e)).toBe(0x02);
  });
});
