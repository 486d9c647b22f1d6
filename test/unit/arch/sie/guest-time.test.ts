import { describe, expect, it } from 'vitest';
import { ICPT_INSTRUCTION, ICPT_WAIT } from '../../../../src/engine/arch/sie/interception';
import { GUEST_EXT_WAIT, guest } from './guest';

const DONE = `         DS    0D
DONE     DC    X'0002000180000000',AD(0)`;

/** One second in TOD-clock units (bit 51 = 1 µs). */
const SECOND = 4096n * 1_000_000n;

describe('guest time under SIE', () => {
  it('the guest CPU timer runs while the guest runs and holds between runs', () => {
    // Host virtual time: what the host did itself plus 1 µs per guest instruction.
    let hostNs = 0;
    const clock = { count: () => 0 };
    const g = guest(
      `         SPT   START
         LHI   1,100
LOOP     BRCT  1,LOOP
         STPT  SEEN
         DIAG  0,0,0
         LPSWE DONE
${DONE}
START    DC    FD'1000000000'
SEEN     DC    FD'0'`,
      [],
      () => hostNs + clock.count() * 1000,
    );
    clock.count = () => g.vcpu.cpu.instructionCount;
    expect(g.vcpu.run(1000).code).toBe(ICPT_INSTRUCTION);
    const seen = g.storage.main.readU64(0x2038);
    // 102 instructions after SPT at 1 µs each: 102 µs of TOD units off the timer.
    expect(1_000_000_000n - seen).toBe(102n * 4096n);
    const held = g.vcpu.cpuTimer;
    hostNs += 1_000_000; // the host works for 1 ms; the guest is not dispatched meanwhile
    expect(g.vcpu.cpuTimer).toBe(held);
    expect(g.vcpu.saveState().cpuTimer).toBe(held);
  });

  it('a guest clock comparator in the past is the guest’s own external interruption (0x1004)', () => {
    const g = guest(`         SCKC  PAST
         LCTLG 0,0,CR0
         STOSM SAVE,X'01'
SPIN     J     SPIN
         DS    0D
PAST     DC    FD'0'
CR0      DC    X'0000000000000800'
SAVE     DC    X'00'`);
    expect(g.vcpu.run(1000).code).toBe(ICPT_WAIT);
    expect(g.vcpu.cpu.ia).toBe(GUEST_EXT_WAIT);
    expect(g.storage.main.readU16(0x86)).toBe(0x1004);
    expect(g.vcpu.counts).toEqual({ 'wait-state': 1 });
  });

  it("the guest's TOD clock is the host's plus the epoch difference", () => {
    const source = `         STCK  SEEN
         LPSWE DONE
${DONE}
SEEN     DC    FD'0'`;
    const plain = guest(source, [], () => 5_000_000);
    const shifted = guest(source, [], () => 5_000_000);
    shifted.vcpu.epoch = 3n * SECOND;
    expect(plain.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(shifted.vcpu.run(100).code).toBe(ICPT_WAIT);
    const at = (g: typeof plain) => g.storage.main.readU64(0x2020);
    expect(at(shifted) - at(plain)).toBe(3n * SECOND);
  });
});

describe('a guest IPLed in ESA/390 mode', () => {
  it('intercepts DIAGNOSE as in z/Architecture mode; a z-only LPSWE is its own operation exception', () => {
    const g = guest(`         DIAG  0,0,X'8'
         LPSWE 0`);
    const s = g.storage.main;
    s.writeU32(0, 0x0008_0000); // ESA/390 IPL PSW: bit 12 on, 31-bit, at the program
    s.writeU32(4, (0x8000_0000 | 0x2000) >>> 0);
    s.writeU32(0x68, 0x000a_0000); // ESA/390 program new PSW: disabled wait at 0xDEA0
    s.writeU32(0x6c, 0x0000_dea0);
    g.vcpu.cpu.setArchitecture('esa390');
    g.vcpu.cpu.loadIplPsw();
    expect(g.vcpu.run(100)).toMatchObject({ code: ICPT_INSTRUCTION, ipa: 0x8300, ipb: 0x0008_0000 });
    expect(g.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(g.vcpu.cpu.ia).toBe(0xdea0);
    expect(s.readU16(0x8e)).toBe(0x01);
  });
});
