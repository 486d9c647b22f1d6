import { describe, expect, it } from 'vitest';
import type { Cpu } from '../../../src/engine/arch/cpu';
import { assemble, formatErrors } from '../../../src/engine/asm/assembler';
import { cecConfigSchema } from '../../../src/engine/sim/cec-config';
import { Machine } from '../../../src/engine/sim/machine';

/** 100 MIPS: one instruction is 10 ns of virtual time, 40.96 TOD units. */
const machine = (cpus = 1) =>
  new Machine({ seed: 3, cec: cecConfigSchema.parse({ cpus, storageMiB: 4, mips: 100 }) });

/** Low core and the common tail: external new PSW → EXT, program new PSW → disabled wait 0xDEA0. */
function program(body: string, handler: string): string {
  return `
T        START 0
         ORG   T+X'1B0'
         DC    X'0000000180000000',AD(EXT)
         ORG   T+X'1D0'
         DC    X'0002000180000000',AD(X'DEA0')
         ORG   T+X'2000'
GO       BASR  12,0
         USING *,12
${body}
EXT      BASR  12,0
         USING *,12
${handler}
         LPSWE DONE
FAIL     BASR  12,0
         USING *,12
         LPSWE BAD
         DS    0D
DONE     DC    X'0002000180000000',AD(0)
BAD      DC    X'0002000180000000',AD(X'BAD')
EWAIT    DC    X'0102000180000000',AD(0)
CKCON    DC    X'00000000000008E0'
CPTON    DC    X'00000000000004E0'
DELTA    DC    X'0000000000032000'
SLICE    DC    X'000000000001E000'
NOW      DS    D
CKC      DS    D
SEEN     DS    D
TIMER    DS    D
         LTORG
         END
`;
}

function boot(m: Machine, source: string, cpu = 0): Cpu {
  const r = assemble(source);
  if (!r.ok) throw new Error(formatErrors(r.errors, 'test.s'));
  m.storage.load(r.origin, r.bytes);
  const c = m.cpus[cpu];
  c.setPsw(0x0000_0001_8000_0000n, 0x2000n);
  c.start();
  return c;
}

const symbol = (source: string, name: string): number => {
  const r = assemble(source);
  const s = r.symbols.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no symbol ${name}`);
  return s.value;
};

const u64 = (m: Machine, a: number): bigint => m.storage.readU64(a);

/** Virtual times (cpu clock, ns) at which the CPU took external interruptions. */
function externalTimes(cpu: Cpu): { code: number; ns: number }[] {
  const seen: { code: number; ns: number }[] = [];
  cpu.onInterruption = (e) => {
    if (e.class === 'external') seen.push({ code: e.code, ns: cpu.todNs() });
  };
  return seen;
}

describe('clock comparator', () => {
  const CKC_PROGRAM = program(
    `
         STCK  NOW
         LG    2,NOW
         ALG   2,DELTA                  50 us of TOD units
         STG   2,CKC
         SCKC  CKC
         LCTLG 0,0,CKCON                subclass 0x0800
         LPSWE EWAIT`,
    `
         STCK  SEEN
         CLC   X'86'(2,0),=X'1004'
         JNE   FAIL`,
  );

  it('wakes an enabled wait with code 0x1004 when TOD passes the comparator (50 us later)', () => {
    const m = machine();
    const cpu = boot(m, CKC_PROGRAM);
    const seen = externalTimes(cpu);
    m.advance(1_000_000);
    expect(cpu.disabledWait).toBe(true);
    expect(cpu.ia).toBe(0);
    const now = u64(m, symbol(CKC_PROGRAM, 'NOW'));
    const ckc = u64(m, symbol(CKC_PROGRAM, 'CKC'));
    expect(ckc - now).toBe(0x32000n);
    // Taken at the first instant TOD > CKC: STCK in the handler is one or two instructions later.
    const late = u64(m, symbol(CKC_PROGRAM, 'SEEN')) - ckc;
    expect(late > 0n && late <= 2n * 41n).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0].code).toBe(0x1004);
    // STCK ran at instruction 2 (20 ns): due 50 us after that.
    expect(seen[0].ns).toBeGreaterThanOrEqual(50_010);
    expect(seen[0].ns).toBeLessThanOrEqual(50_030);
    // The wait used no instructions: the wake-up is an event, not polling.
    expect(cpu.instructionCount).toBeLessThan(20);
  });

  it('wakes at the same virtual time when the wait spans many machine slices and events', () => {
    const m = machine();
    const cpu = boot(m, CKC_PROGRAM);
    const seen = externalTimes(cpu);
    for (let i = 0; i < 100; i++) m.advance(777);
    expect(seen.map((s) => s.ns)).toEqual(
      (() => {
        const m2 = machine();
        const c2 = boot(m2, CKC_PROGRAM);
        const s2 = externalTimes(c2);
        m2.advance(1_000_000);
        return s2.map((s) => s.ns);
      })(),
    );
  });

  it('interrupts a running (not waiting) CPU at the instruction where it becomes due', () => {
    const source = program(
      `
         STCK  NOW
         LG    2,NOW
         ALG   2,DELTA
         STG   2,CKC
         SCKC  CKC
         LCTLG 0,0,CKCON
         STOSM TIMER,X'01'              enable external
LOOP     J     LOOP`,
      `
         STCK  SEEN`,
    );
    const m = machine();
    const cpu = boot(m, source);
    const seen = externalTimes(cpu);
    m.advance(200_000);
    expect(cpu.ia).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0].ns).toBeGreaterThanOrEqual(50_010);
    expect(seen[0].ns).toBeLessThanOrEqual(50_040);
    // It spun until then: about 5000 instructions at 10 ns.
    expect(cpu.instructionCount).toBeGreaterThan(4_990);
    expect(cpu.instructionCount).toBeLessThan(5_020);
  });

  it('STCKC stores what SCKC set; the condition stays pending until a larger value is set', () => {
    const m = machine();
    const cpu = m.cpus[0];
    cpu.start();
    cpu.timers.setClockComparator(0n);
    expect(cpu.timers.pending(cpu, 0x0800)).toBe(true);
    expect(cpu.timers.take(cpu, 0x0800)?.code).toBe(0x1004);
    expect(cpu.timers.pending(cpu, 0x0800)).toBe(true);
    expect(cpu.timers.pending(cpu, 0x0000)).toBe(false);
    cpu.timers.setClockComparator(0xffff_ffff_ffff_ffffn);
    expect(cpu.timers.pending(cpu, 0x0800)).toBe(false);
  });
});

describe('CPU timer', () => {
  it('counts down in the wait state and interrupts with 0x1005 when it goes negative (30 us)', () => {
    const source = program(
      `
         SPT   SLICE                    30 us
         LCTLG 0,0,CPTON                subclass 0x0400
         LPSWE EWAIT`,
      `
         STPT  TIMER
         CLC   X'86'(2,0),=X'1005'
         JNE   FAIL`,
    );
    const m = machine();
    const cpu = boot(m, source);
    const seen = externalTimes(cpu);
    m.advance(1_000_000);
    expect(cpu.ia).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0].ns).toBeGreaterThanOrEqual(30_010);
    expect(seen[0].ns).toBeLessThanOrEqual(30_030);
    const timer = BigInt.asIntN(64, u64(m, symbol(source, 'TIMER')));
    expect(timer < 0n && timer >= -2n * 41n).toBe(true);
  });

  it('decrements while the CPU executes: 1000 instructions at 10 ns = 40960 units', () => {
    const m = machine();
    // SPT at 0x3000 from 0x3100 ; BRCT loop of 1000 (LHI + 2×499... ) ; STPT 0x3108
    const source = `
P        START X'2000'
         BASR  12,0
         USING *,12
         SPT   START
         LHI   3,997
LOOP     BRCT  3,LOOP
         STPT  LEFT
         LPSWE DONE
         DS    0D
DONE     DC    X'0002000180000000',AD(0)
START    DC    X'0000000100000000'
LEFT     DS    D
         END
`;
    const cpu = boot(m, source);
    m.advance(100_000);
    expect(cpu.ia).toBe(0);
    // SPT … STPT: the LHI, 997 BRCTs and the STPT itself begin after SPT: 999 instructions.
    const left = u64(m, symbol(source, 'LEFT'));
    expect(0x1_0000_0000n - left).toBe(BigInt(Math.floor((999 * 10 * 512) / 125)));
  });

  it('holds its value while the CPU is stopped', () => {
    const m = machine();
    const cpu = m.cpus[0];
    cpu.setPsw(0x0102_0001_8000_0000n, 0n); // an enabled wait: time passes, nothing runs
    cpu.start();
    cpu.timers.setCpuTimer(1_000_000n);
    m.advance(10_000);
    const running = cpu.timers.cpuTimer();
    expect(running).toBe(1_000_000n - 40_960n);
    cpu.stop();
    m.advance(10_000);
    expect(cpu.timers.cpuTimer()).toBe(running);
    cpu.start();
    m.advance(10_000);
    expect(cpu.timers.cpuTimer()).toBe(running - 40_960n);
  });
});

describe('SCK', () => {
  it('sets the TOD clock: STCK continues from the value set', () => {
    const source = `
P        START X'2000'
         BASR  12,0
         USING *,12
         SCK   SET
         STCK  READ
         LPSWE DONE
         DS    0D
DONE     DC    X'0002000180000000',AD(0)
SET      DC    X'C000000000000000'
READ     DS    D
         END
`;
    const m = machine();
    const cpu = boot(m, source);
    m.advance(10_000);
    expect(cpu.ia).toBe(0);
    const read = u64(m, symbol(source, 'READ'));
    expect(read - 0xc000_0000_0000_0000n).toBe(41n);
    expect(cpu.timers.tod() >= read).toBe(true);
  });

  it('the timing instructions need a doubleword-aligned operand', () => {
    const source = `
P        START X'2000'
         BASR  12,0
         USING *,12
         SCKC  ODD
         LPSWE DONE
         DS    0D
DONE     DC    X'0002000180000000',AD(0)
         DC    X'00'
ODD      DC    X'0000000000000000'
         END
`;
    const m = machine();
    m.storage.load(0x1d0, Uint8Array.from([0, 2, 0, 1, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xde, 0xa0]));
    const cpu = boot(m, source);
    m.advance(10_000);
    expect(cpu.ia).toBe(0xdea0);
    expect(m.storage.readU16(0x8e)).toBe(0x06);
  });
});
