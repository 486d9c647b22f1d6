import { describe, expect, it } from 'vitest';
import {
  SIGP_CPU_RESET,
  SIGP_EMERGENCY_SIGNAL,
  SIGP_EXTERNAL_CALL,
  SIGP_INITIAL_CPU_RESET,
  SIGP_RESTART,
  SIGP_SENSE,
  SIGP_SENSE_RUNNING_STATUS,
  SIGP_SET_PREFIX,
  SIGP_START,
  SIGP_STOP,
  SIGP_STOP_AND_STORE_STATUS,
  SIGP_STORE_STATUS_AT_ADDRESS,
  signalProcessor,
  sigpConditionCode,
  sigpStatus,
} from '../../../src/engine/arch/sigp';
import { assemble, formatErrors } from '../../../src/engine/asm/assembler';
import { cecConfigSchema } from '../../../src/engine/sim/cec-config';
import { Machine } from '../../../src/engine/sim/machine';

const machine = (cpus = 2) =>
  new Machine({ seed: 1, cec: cecConfigSchema.parse({ cpus, storageMiB: 4, mips: 100 }) });

function load(m: Machine, source: string): void {
  const r = assemble(source);
  if (!r.ok) throw new Error(formatErrors(r.errors, 'test.s'));
  m.storage.load(r.origin, r.bytes);
}

/** [condition code, status or 0] of one order from CPU 0. */
function order(m: Machine, code: number, address: number, parameter = 0): [number, number] {
  const r = signalProcessor(m.cpus[0], code, address, parameter);
  const cc = sigpConditionCode(r);
  return [cc, cc === 1 ? sigpStatus(r) : 0];
}

/**
 * CPU 0 sets CPU 1's prefix to 0x4000 and restarts it (restart new PSW in CPU 1's own low core);
 * CPU 1 sends CPU 0 an external call and waits enabled; CPU 0's handler checks code 0x1202 and
 * the sender at 0x84, calls back, and both handlers end in a disabled wait 0.
 */
const TWO_CPUS = `
MP       START 0
         ORG   MP+X'1B0'
         DC    X'0000000180000000',AD(X0)          CPU 0 external new
         DC    X'0000000000000000',AD(0)
         DC    X'0002000180000000',AD(X'DEA0')     CPU 0 program new
         ORG   MP+X'41A0'
         DC    X'0000000180000000',AD(C1)          CPU 1 restart new
         DC    X'0000000180000000',AD(X1)          CPU 1 external new
         DC    X'0000000000000000',AD(0)
         DC    X'0002000180000000',AD(X'DEA1')     CPU 1 program new
         ORG   MP+X'2000'
C0       BASR  12,0
         USING *,12
         LCTLG 0,0,CR0VAL                   external call subclass
         LHI   3,X'4000'
         LHI   4,1
         SIGP  2,4,X'0D'                           set prefix of CPU 1
         JNZ   FAIL
         SIGP  2,4,X'06'                           restart CPU 1
         JNZ   FAIL
         LPSWE EWAIT
X0       BASR  12,0
         USING *,12
         CLC   X'86'(2,0),=X'1202'
         JNE   FAIL
         CLC   X'84'(2,0),=X'0001'
         JNE   FAIL
         LHI   4,1
         SIGP  2,4,X'02'                    external call to CPU 1
         JNZ   FAIL
         LPSWE DONE
C1       BASR  12,0
         USING *,12
         LCTLG 0,0,CR0VAL
         LHI   4,0
         SIGP  2,4,X'02'                    external call to CPU 0
         JNZ   FAIL
         LPSWE EWAIT
X1       BASR  12,0
         USING *,12
         CLC   X'86'(2,0),=X'1202'                 in CPU 1's low core
         JNE   FAIL
         CLC   X'84'(2,0),=X'0000'
         JNE   FAIL
         LPSWE DONE
FAIL     BASR  12,0
         USING *,12
         LPSWE BAD
         DS    0D
CR0VAL   DC    X'00000000000020E0'
EWAIT    DC    X'0102000180000000',AD(0)
DONE     DC    X'0002000180000000',AD(0)
BAD      DC    X'0002000180000000',AD(X'BAD')
         LTORG
         END
`;

describe('SIGP between CPUs', () => {
  it('CPU 0 sets CPU 1 prefix, restarts it, they exchange external calls, both end in disabled wait 0', () => {
    const m = machine();
    load(m, TWO_CPUS);
    m.cpus[0].setPsw(0x0000_0001_8000_0000n, 0x2000n);
    m.cpus[0].start();
    m.advance(1_000_000);
    for (const cpu of m.cpus) {
      expect(cpu.disabledWait).toBe(true);
      expect(cpu.ia).toBe(0);
    }
    expect(m.cpus[1].prefix).toBe(0x4000);
    expect(m.storage.readU16(0x4086)).toBe(0x1202);
    expect(m.storage.readU16(0x86)).toBe(0x1202);
    expect(m.storage.readU16(0x84)).toBe(1);
  });

  it('is deterministic: the same two-CPU run gives the same instruction counts', () => {
    const counts = () => {
      const m = machine();
      load(m, TWO_CPUS);
      m.cpus[0].setPsw(0x0000_0001_8000_0000n, 0x2000n);
      m.cpus[0].start();
      m.advance(1_000_000);
      return m.cpus.map((c) => c.instructionCount);
    };
    expect(counts()).toEqual(counts());
  });

  it('an address with no CPU is not operational (CC 3)', () => {
    const m = machine();
    expect(order(m, SIGP_SENSE, 2)).toEqual([3, 0]);
    expect(order(m, SIGP_SENSE, 0xffff)).toEqual([3, 0]);
  });

  it('sense: a stopped CPU reports stopped; an operating one is accepted', () => {
    const m = machine();
    expect(order(m, SIGP_SENSE, 1)).toEqual([1, 0x40]);
    m.cpus[1].start();
    expect(order(m, SIGP_SENSE, 1)).toEqual([0, 0]);
  });

  it('external call: one pending per CPU; a second is refused with external call pending', () => {
    const m = machine();
    m.cpus[1].start();
    expect(order(m, SIGP_EXTERNAL_CALL, 1)).toEqual([0, 0]);
    expect(order(m, SIGP_EXTERNAL_CALL, 1)).toEqual([1, 0x80]);
    expect(order(m, SIGP_SENSE, 1)).toEqual([1, 0x80]);
  });

  it('emergency signals are pending per sender and presented with code 0x1201 and the sender', () => {
    const m = machine(3);
    const target = m.cpus[2];
    target.crl[0] = 0x4000;
    signalProcessor(m.cpus[0], SIGP_EMERGENCY_SIGNAL, 2, 0);
    signalProcessor(m.cpus[1], SIGP_EMERGENCY_SIGNAL, 2, 0);
    signalProcessor(m.cpus[1], SIGP_EMERGENCY_SIGNAL, 2, 0);
    expect(target.signals.take(target, 0x4000)).toMatchObject({ code: 0x1201, cpuAddress: 0 });
    expect(target.signals.take(target, 0x4000)).toMatchObject({ code: 0x1201, cpuAddress: 1 });
    expect(target.signals.take(target, 0x4000)).toBeNull();
  });

  it('start and stop change the target state; set prefix needs a stopped CPU', () => {
    const m = machine();
    expect(order(m, SIGP_START, 1)).toEqual([0, 0]);
    expect(m.cpus[1].state).toBe('operating');
    expect(order(m, SIGP_SET_PREFIX, 1, 0x6000)).toEqual([1, 0x200]);
    expect(order(m, SIGP_STOP, 1)).toEqual([0, 0]);
    expect(m.cpus[1].state).toBe('stopped');
    expect(order(m, SIGP_SET_PREFIX, 1, 0x6000)).toEqual([0, 0]);
    expect(m.cpus[1].prefix).toBe(0x6000);
    expect(order(m, SIGP_SET_PREFIX, 1, 0x7fff_e000)).toEqual([1, 0x100]);
  });

  it('sense running status: not running when stopped or waiting', () => {
    const m = machine();
    expect(order(m, SIGP_SENSE_RUNNING_STATUS, 1)).toEqual([1, 0x400]);
    m.cpus[1].start();
    expect(order(m, SIGP_SENSE_RUNNING_STATUS, 1)).toEqual([0, 0]);
    m.cpus[1].setPsw(0x0102_0001_8000_0000n, 0n);
    expect(order(m, SIGP_SENSE_RUNNING_STATUS, 1)).toEqual([1, 0x400]);
  });

  it('an unassigned order code is an invalid order', () => {
    expect(order(machine(), 0x7f, 1)).toEqual([1, 0x02]);
  });

  it('CPU reset stops the target and clears its pending signals; initial CPU reset also resets PSW, prefix and CRs', () => {
    const m = machine();
    const t = m.cpus[1];
    t.start();
    order(m, SIGP_EXTERNAL_CALL, 1);
    t.gl[5] = 55;
    expect(order(m, SIGP_CPU_RESET, 1)).toEqual([0, 0]);
    expect(t.state).toBe('stopped');
    expect(t.signals.externalCallPending).toBe(false);
    t.setPsw(0x0000_0001_8000_0000n, 0x3000n);
    t.setPrefix(0x8000);
    t.crl[6] = 0x1234;
    expect(order(m, SIGP_INITIAL_CPU_RESET, 1)).toEqual([0, 0]);
    expect(t.ia).toBe(0);
    expect(t.prefix).toBe(0);
    expect(t.crl[6]).toBe(0);
    expect(t.crl[0]).toBe(0xe0);
    expect(t.gl[5]).toBe(55);
  });

  it('restart on a stopped CPU starts it through its restart new PSW, old PSW at 0x120', () => {
    const m = machine();
    const t = m.cpus[1];
    m.storage.load(0x1a0, Uint8Array.from([0, 2, 0, 1, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34]));
    t.setPsw(0x0000_0001_8000_0000n, 0x5000n);
    expect(order(m, SIGP_RESTART, 1)).toEqual([0, 0]);
    expect(t.state).toBe('operating');
    expect(t.ia).toBe(0x1234);
    expect(m.storage.readU32(0x12c)).toBe(0x5000);
  });

  it('set architecture needs every other CPU stopped (incorrect state)', () => {
    const m = machine();
    m.cpus[1].start();
    expect(order(m, 0x12, 0, 0)).toEqual([1, 0x200]);
    m.cpus[1].stop();
    expect(order(m, 0x12, 0, 0)).toEqual([0, 0]);
    expect(m.cpus.map((c) => c.architecture)).toEqual(['esa390', 'esa390']);
  });

  it('set architecture code 2 restores the other CPUs\u2019 captured z/Architecture PSWs', () => {
    const m = machine();
    m.cpus[1].setPsw(0x0000_0001_8000_0000n, 0x1_0000_2000n);
    order(m, 0x12, 0, 0);
    expect(m.cpus[1].ia).toBe(0x2000);
    order(m, 0x12, 0, 2);
    expect(m.cpus[1].architecture).toBe('z/architecture');
    expect(m.cpus[1].ia).toBe(0x1_0000_2000);
  });

  it('stop and store status: the target stops and its status lands at real 0x1200 of its prefix area', () => {
    const m = machine();
    const t = m.cpus[1];
    t.setPrefix(0x6000);
    t.setPsw(0x0000_0001_8000_0000n, 0x1_2345_6788n);
    t.start();
    t.setGpr(3, 0x1122_3344_5566_7788n);
    t.setCr(0, 0xe0n);
    t.ar[2] = 0x7777;
    t.fh[4] = 0x4000_0000;
    t.timers.setCpuTimer(0x1000n);
    t.timers.setClockComparator(0xaabb_ccdd_eeff_0011n);
    expect(order(m, SIGP_STOP_AND_STORE_STATUS, 1)).toEqual([0, 0]);
    expect(t.state).toBe('stopped');
    const s = m.storage;
    const a = 0x6000 + 0x1200;
    expect(s.readU64(a + 0x80 + 3 * 8)).toBe(0x1122_3344_5566_7788n); // GPR 3
    expect(s.readU32(a + 4 * 8)).toBe(0x4000_0000); // FPR 4
    expect(s.readU64(a + 0x100)).toBe(0x0000_0001_8000_0000n); // PSW
    expect(s.readU64(a + 0x108)).toBe(0x1_2345_6788n);
    expect(s.readU32(a + 0x118)).toBe(0x6000); // prefix
    expect(s.readU64(a + 0x128)).toBe(0x1000n); // CPU timer (stopped at once: no time passed)
    expect(s.readU64(a + 0x130)).toBe(0x00aa_bbcc_ddee_ff00n); // clock comparator bits 0-55
    expect(s.readU32(a + 0x140 + 2 * 4)).toBe(0x7777); // AR 2
    expect(s.readU64(a + 0x180)).toBe(0xe0n); // CR 0
    expect(s.readU8(0x6000 + 0xa3)).toBe(1); // z/Architecture mode id
  });

  it('store status at address: stopped target, 512-byte-aligned area in storage', () => {
    const m = machine();
    const t = m.cpus[1];
    t.setGpr(15, 0xf0f0n);
    expect(order(m, SIGP_STORE_STATUS_AT_ADDRESS, 1, 0x10000)).toEqual([0, 0]);
    expect(m.storage.readU64(0x10000 + 0x80 + 15 * 8)).toBe(0xf0f0n);
    expect(order(m, SIGP_STORE_STATUS_AT_ADDRESS, 1, 0x10100)).toEqual([1, 0x100]);
    expect(order(m, SIGP_STORE_STATUS_AT_ADDRESS, 1, 0x8000_0000)).toEqual([1, 0x100]);
    t.start();
    expect(order(m, SIGP_STORE_STATUS_AT_ADDRESS, 1, 0x10000)).toEqual([1, 0x200]);
  });

  it('stop and store status in ESA/390 mode uses the ESA/390 save area (PSW at 0x100, GPRs at 0x180)', () => {
    const m = machine();
    order(m, 0x12, 0, 0);
    const t = m.cpus[1];
    t.setPsw(0x0000_0000_8000_0000n, 0x4000n);
    t.gl[7] = 0x77;
    t.start();
    expect(order(m, SIGP_STOP_AND_STORE_STATUS, 1)).toEqual([0, 0]);
    expect(m.storage.readU32(0x100)).toBe(0x0008_0000);
    expect(m.storage.readU32(0x104)).toBe(0x8000_4000);
    expect(m.storage.readU32(0x180 + 7 * 4)).toBe(0x77);
  });
});
