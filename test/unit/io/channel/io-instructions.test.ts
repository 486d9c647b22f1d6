import { describe, expect, it } from 'vitest';
import { Cpu } from '../../../../src/engine/arch/cpu';
import { DEV_ATTENTION, DEV_DONE } from '../../../../src/engine/io/channel/ccw-device';
import { hex } from '../../arch/program';
import { Harness, TestDevice } from './channel-harness';

/**
 * The I/O instructions on a CPU wired to a channel subsystem: GR1 the SID, GR2 the operand address.
 * Each snippet ends in LPSWE of the success wait PSW at 0x300; program interruptions wait at 0xDEA0.
 */
const CODE = 0x2000;
const OPERAND = 0x8000;
const PROGRAM = 0x1000;
const END = 'b2b20300';
const PGM_WAIT = 0xdea0;
const IO_WAIT = 0xd100;
const WAIT_64 = '0002000180000000';
const ia = (a: number) => a.toString(16).padStart(16, '0');

const SSCH = 'b2332000';
const STSCH = 'b2342000';
const MSCH = 'b2322000';
const TSCH = 'b2352000';
const TPI = 'b2362000';
const HSCH = 'b2310000';
const CSCH = 'b2300000';
const RSCH = 'b2380000';
const XSCH = 'b2760000';
const STCRW = 'b2392000';
const SCHM = 'b23c0000';

function rig(devices = 1) {
  const h = new Harness();
  const devs: TestDevice[] = [];
  for (let i = 0; i < devices; i++) devs.push(h.device(0x0190 + i));
  const st = h.storage;
  st.load(0x300, hex(WAIT_64 + ia(0)));
  st.load(0x1d0, hex(WAIT_64 + ia(PGM_WAIT)));
  st.load(0x1f0, hex(WAIT_64 + ia(IO_WAIT)));
  const cpu = new Cpu({ address: 0, storage: st });
  cpu.channel = h.css;
  cpu.ioSource = h.css;
  cpu.start();
  return { h, cpu, dev: devs[0], devs };
}

/**
 * Runs `code` from CODE with GR1 = `sid`, GR2 = OPERAND up to its final END (left unexecuted, so the
 * CC is the code's); returns the program interruption code or -1.
 */
function exec(cpu: Cpu, code: string, sid = 0x0001_0000, psw = 0x0000_0001_8000_0000n): number {
  cpu.storage.load(CODE, hex(code + END));
  const endAt = CODE + code.length / 2;
  cpu.gl[1] = sid;
  cpu.gl[2] = OPERAND;
  cpu.setPsw(psw, BigInt(CODE));
  for (let i = 0; i < 1000 && !cpu.disabledWait && cpu.ia !== endAt; i++) cpu.run(1);
  return cpu.ia === PGM_WAIT ? cpu.storage.readU16(0x8e) : -1;
}

function orb(cpu: Cpu, cpa: number, controls = 0x0080_ff00, intparm = 0xcafe_0001): void {
  cpu.storage.writeU32(OPERAND, intparm);
  cpu.storage.writeU32(OPERAND + 4, controls);
  cpu.storage.writeU32(OPERAND + 8, cpa);
}

function nop(h: Harness): void {
  h.ccw1(PROGRAM, 0x03, 0x00, 1, 0);
}

describe('STSCH and MSCH', () => {
  it('STSCH stores the SCHIB of an attached device: devno valid, enabled, paths, CC 0', () => {
    const { cpu } = rig();
    expect(exec(cpu, STSCH)).toBe(-1);
    expect(cpu.cc).toBe(0);
    const st = cpu.storage;
    expect(st.readU32(OPERAND + 4)).toBe(0x1881_0190); // ISC 3, E, V, devno 0190
    expect(st.readU32(OPERAND + 8)).toBe(0x8000_0080); // LPM, PIM
    expect(st.readU32(OPERAND + 12) & 0xffff).toBe(0xff80); // POM, PAM
  });

  it('STSCH beyond the last subchannel is CC 3 and stores nothing; a gap below it stores an empty SCHIB', () => {
    const { h, cpu } = rig();
    h.css.attach(0x0300, new TestDevice(), 5);
    cpu.storage.writeU32(OPERAND + 4, 0xffff_ffff);
    expect(exec(cpu, STSCH, 0x0001_0006)).toBe(-1);
    expect(cpu.cc).toBe(3);
    expect(cpu.storage.readU32(OPERAND + 4)).toBe(0xffff_ffff);
    expect(exec(cpu, STSCH, 0x0001_0003)).toBe(-1);
    expect(cpu.cc).toBe(0);
    expect(cpu.storage.readU32(OPERAND + 4)).toBe(0);
    expect(exec(cpu, STSCH, 0x0001_0005)).toBe(-1);
    expect(cpu.storage.readU16(OPERAND + 6)).toBe(0x0300);
    // subchannel set 1 does not exist
    expect(exec(cpu, STSCH, 0x0003_0000)).toBe(-1);
    expect(cpu.cc).toBe(3);
  });

  it('a SID without bit 15, or with CSSID bits, is an operand exception', () => {
    const { cpu } = rig();
    expect(exec(cpu, STSCH, 0x0000_0000)).toBe(0x15);
    expect(exec(cpu, SSCH, 0x0101_0000)).toBe(0x15);
    expect(exec(cpu, TSCH, 0x0009_0000)).toBe(0x15);
    expect(exec(cpu, HSCH, 0x0000_0001)).toBe(0x15);
  });

  it('a misaligned operand is a specification exception; the problem state a privileged-operation exception', () => {
    const { cpu } = rig();
    expect(exec(cpu, 'b2342002')).toBe(0x06);
    expect(exec(cpu, 'b2362002')).toBe(0x06);
    expect(exec(cpu, STSCH, 0x0001_0000, 0x0001_0001_8000_0000n)).toBe(0x02);
  });

  it('MSCH sets the interruption parameter, ISC, enable bit and LPM; reserved bits are an operand exception', () => {
    const { h, cpu } = rig();
    exec(cpu, STSCH);
    const st = cpu.storage;
    st.writeU32(OPERAND, 0x1111_2222);
    st.writeU32(OPERAND + 4, 0x3080_0190 | 0); // ISC 6
    st.writeU8(OPERAND + 8, 0xff);
    expect(exec(cpu, MSCH)).toBe(-1);
    expect(cpu.cc).toBe(0);
    const sch = h.css.subchannel(0)!;
    expect([sch.intparm, sch.isc, sch.enabled, sch.lpm]).toEqual([0x1111_2222, 6, true, 0xff]);
    st.writeU32(OPERAND + 4, 0x3180_0190); // bit 7 reserved
    expect(exec(cpu, MSCH)).toBe(0x15);
    st.writeU32(OPERAND + 4, 0x3000_0190);
    st.writeU32(OPERAND + 24, 0x8000_0000);
    expect(exec(cpu, MSCH)).toBe(0x15);
    expect(sch.enabled).toBe(true);
  });

  it('MSCH is CC 2 while a start function runs, CC 1 while status is pending, CC 3 without a device', () => {
    const { h, cpu } = rig();
    nop(h);
    orb(cpu, PROGRAM);
    exec(cpu, SSCH);
    exec(cpu, STSCH);
    exec(cpu, MSCH);
    expect(cpu.cc).toBe(2);
    h.run();
    exec(cpu, MSCH);
    expect(cpu.cc).toBe(1);
    exec(cpu, MSCH, 0x0001_0009);
    expect(cpu.cc).toBe(3);
  });
});

describe('SSCH and TSCH', () => {
  it('SSCH CC 0, CC 2 while busy, CC 1 once status is pending; TSCH CC 0 stores the IRB, then CC 1', () => {
    const { h, cpu, dev } = rig();
    nop(h);
    orb(cpu, PROGRAM);
    exec(cpu, SSCH);
    expect(cpu.cc).toBe(0);
    exec(cpu, SSCH);
    expect(cpu.cc).toBe(2);
    h.run();
    expect(dev.commands).toHaveLength(1);
    exec(cpu, SSCH);
    expect(cpu.cc).toBe(1);
    cpu.storage.fill(OPERAND, 64, 0xee);
    exec(cpu, TSCH);
    expect(cpu.cc).toBe(0);
    const st = cpu.storage;
    expect(st.readU32(OPERAND) & 0xffff).toBe(0x4007);
    expect(st.readU32(OPERAND + 4)).toBe(PROGRAM + 8);
    expect(st.readU32(OPERAND + 8)).toBe(0x0c00_0000);
    expect(st.readU32(OPERAND + 12)).toBe(0x0080_0000); // ESW: LPUM
    expect(st.read(OPERAND + 32, 32)).toEqual(new Uint8Array(32));
    exec(cpu, TSCH);
    expect(cpu.cc).toBe(1);
    expect(st.readU32(OPERAND) & 0xffff).toBe(0);
    exec(cpu, TSCH, 0x0001_0040);
    expect(cpu.cc).toBe(3);
  });

  it('SSCH on a disabled subchannel or with an ORB LPM of no available path is CC 3', () => {
    const { h, cpu } = rig();
    nop(h);
    orb(cpu, PROGRAM, 0x0080_0100);
    exec(cpu, SSCH);
    expect(cpu.cc).toBe(3);
    h.css.subchannel(0)!.enabled = false;
    orb(cpu, PROGRAM);
    exec(cpu, SSCH);
    expect(cpu.cc).toBe(3);
  });

  it('an ORB with reserved bits, MIDAW or CPA bit 0 is an operand exception', () => {
    for (const [controls, cpa] of [
      [0x0084_ff00, PROGRAM],
      [0x0080_ff40, PROGRAM],
      [0x0080_ff02, PROGRAM],
      [0x0080_ff00, 0x8000_1000],
    ]) {
      const { cpu } = rig();
      orb(cpu, cpa, controls);
      expect(exec(cpu, SSCH)).toBe(0x15);
    }
  });

  it('SSCH puts the ORB interruption parameter into the subchannel', () => {
    const { h, cpu } = rig();
    nop(h);
    orb(cpu, PROGRAM, 0x0080_ff00, 0x5555_aaaa);
    exec(cpu, SSCH);
    exec(cpu, STSCH);
    expect(cpu.storage.readU32(OPERAND)).toBe(0x5555_aaaa);
  });

  it('TSCH into a protected IRB area is a protection exception and the status stays pending', () => {
    const { h, cpu } = rig();
    nop(h);
    orb(cpu, PROGRAM);
    exec(cpu, SSCH);
    h.run();
    cpu.storage.setKey(OPERAND, 0x50);
    expect(exec(cpu, TSCH, 0x0001_0000, 0x0000_0001_8000_0000n | (0x3n << 52n))).toBe(0x04);
    expect(h.css.subchannel(0)!.statusPending).toBe(true);
  });
});

describe('I/O interruptions and TPI', () => {
  it('an enabled CPU takes the I/O interruption: old PSW at 0x170, SID, parameter and ISC at 0xB8', () => {
    const { h, cpu } = rig();
    nop(h);
    orb(cpu, PROGRAM);
    exec(cpu, SSCH);
    h.run();
    cpu.crl[6] = 0x1000_0000; // ISC 3
    // enabled wait for I/O
    cpu.setPsw(0x0202_0001_8000_0000n, 0x2222n);
    cpu.run(10);
    expect(cpu.ia).toBe(IO_WAIT);
    const st = cpu.storage;
    expect(st.readU32(0xb8)).toBe(0x0001_0000);
    expect(st.readU32(0xbc)).toBe(0xcafe_0001);
    expect(st.readU32(0xc0)).toBe(3 << 27);
    expect(st.readU32(0x17c)).toBe(0x2222);
    // presenting does not clear status pending
    expect(h.css.subchannel(0)!.statusPending).toBe(true);
  });

  it('a CR6 mask without the ISC keeps the interruption pending', () => {
    const { h, cpu } = rig();
    nop(h);
    orb(cpu, PROGRAM);
    exec(cpu, SSCH);
    h.run();
    cpu.crl[6] = 0x2000_0000; // ISC 2 only
    cpu.setPsw(0x0202_0001_8000_0000n, 0x2222n);
    expect(cpu.run(10)).toBe('wait');
    expect(cpu.ia).toBe(0x2222);
    expect(h.css.pending(0x10)).toBe(true);
  });

  it('TPI CC 0 with nothing enabled; CC 1 stores SID and parameter and dequeues', () => {
    const { h, cpu } = rig();
    nop(h);
    orb(cpu, PROGRAM);
    exec(cpu, SSCH);
    h.run();
    cpu.crl[6] = 0x8000_0000;
    exec(cpu, TPI);
    expect(cpu.cc).toBe(0);
    cpu.crl[6] = 0x1000_0000;
    exec(cpu, TPI);
    expect(cpu.cc).toBe(1);
    expect(cpu.storage.readU32(OPERAND)).toBe(0x0001_0000);
    expect(cpu.storage.readU32(OPERAND + 4)).toBe(0xcafe_0001);
    exec(cpu, TPI);
    expect(cpu.cc).toBe(0);
    // still status pending: TSCH clears it
    exec(cpu, TSCH);
    expect(cpu.cc).toBe(0);
  });

  it('TPI with a zero operand address stores three words at real 0xB8', () => {
    const { h, cpu } = rig();
    nop(h);
    orb(cpu, PROGRAM);
    exec(cpu, SSCH);
    h.run();
    cpu.crl[6] = 0xff00_0000;
    exec(cpu, 'b2360000');
    expect(cpu.cc).toBe(1);
    expect([cpu.storage.readU32(0xb8), cpu.storage.readU32(0xbc), cpu.storage.readU32(0xc0)]).toEqual([
      0x0001_0000,
      0xcafe_0001,
      3 << 27,
    ]);
  });

  it('interruptions come in ISC priority order', () => {
    const { h, cpu } = rig(2);
    h.css.subchannel(0)!.isc = 5;
    h.css.subchannel(1)!.isc = 1;
    nop(h);
    orb(cpu, PROGRAM);
    exec(cpu, SSCH);
    exec(cpu, SSCH, 0x0001_0001);
    h.run();
    cpu.crl[6] = 0xff00_0000;
    exec(cpu, TPI);
    expect(cpu.storage.readU32(OPERAND)).toBe(0x0001_0001);
    exec(cpu, TPI);
    expect(cpu.storage.readU32(OPERAND)).toBe(0x0001_0000);
  });

  it('attention is unsolicited alert status when idle, deferred while busy, dropped while disabled', () => {
    const { h, cpu, dev } = rig();
    dev.context!.unsolicited(DEV_ATTENTION);
    exec(cpu, TSCH);
    expect(cpu.cc).toBe(0);
    expect(cpu.storage.readU32(OPERAND) & 0xffff).toBe(0x0011);
    expect(cpu.storage.readU32(OPERAND + 8)).toBe(0x8000_0000);
    // busy: presented after the start function's status is cleared
    dev.reply = () => ({ status: DEV_DONE, latencyNs: 20_000 });
    nop(h);
    orb(cpu, PROGRAM);
    exec(cpu, SSCH);
    dev.context!.unsolicited(DEV_ATTENTION);
    h.run();
    exec(cpu, TSCH);
    expect(cpu.storage.readU32(OPERAND + 8)).toBe(0x0c00_0000);
    exec(cpu, TSCH);
    expect(cpu.cc).toBe(0);
    expect(cpu.storage.readU32(OPERAND + 8)).toBe(0x8000_0000);
    h.css.subchannel(0)!.enabled = false;
    dev.context!.unsolicited(DEV_ATTENTION);
    exec(cpu, TSCH);
    expect(cpu.cc).toBe(1);
  });
});

describe('HSCH, CSCH, RSCH, XSCH', () => {
  it('HSCH ends a running program: halt pending (CC 2 meanwhile), then status with the halt function', () => {
    const { h, cpu, dev } = rig();
    dev.reply = () => ({ status: DEV_DONE, latencyNs: 100_000 });
    nop(h);
    orb(cpu, PROGRAM);
    exec(cpu, SSCH);
    h.run(10_000);
    exec(cpu, HSCH);
    expect(cpu.cc).toBe(0);
    exec(cpu, HSCH);
    expect(cpu.cc).toBe(2);
    h.run();
    exec(cpu, HSCH);
    expect(cpu.cc).toBe(1);
    exec(cpu, TSCH);
    expect(cpu.storage.readU32(OPERAND) & 0xffff).toBe(0x6007);
    expect(cpu.storage.readU32(OPERAND + 8)).toBe(0x0400_0000);
    expect(dev.resets).toBe(1);
    exec(cpu, SSCH);
    expect(cpu.cc).toBe(0);
  });

  it('HSCH on an idle subchannel makes status pending alone', () => {
    const { h, cpu } = rig();
    exec(cpu, HSCH);
    expect(cpu.cc).toBe(0);
    h.run();
    exec(cpu, TSCH);
    expect(cpu.storage.readU32(OPERAND) & 0xffff).toBe(0x2001);
    exec(cpu, HSCH, 0x0001_0009);
    expect(cpu.cc).toBe(3);
  });

  it('CSCH always succeeds: the status is withdrawn and clear status follows', () => {
    const { h, cpu } = rig();
    nop(h);
    orb(cpu, PROGRAM);
    exec(cpu, SSCH);
    h.run();
    exec(cpu, CSCH);
    expect(cpu.cc).toBe(0);
    expect(h.css.pending(0xff)).toBe(false);
    h.run();
    exec(cpu, TSCH);
    expect(cpu.cc).toBe(0);
    expect(cpu.storage.readU32(OPERAND) & 0xffff).toBe(0x1001);
    exec(cpu, CSCH, 0x0001_0009);
    expect(cpu.cc).toBe(3);
  });

  it('XSCH cancels a start that is still pending (CC 0) and is not applicable otherwise (CC 2)', () => {
    const { h, cpu, dev } = rig();
    nop(h);
    orb(cpu, PROGRAM);
    exec(cpu, XSCH);
    expect(cpu.cc).toBe(2);
    exec(cpu, SSCH);
    exec(cpu, XSCH);
    expect(cpu.cc).toBe(0);
    h.run();
    expect(dev.commands).toHaveLength(0);
    expect(h.css.pending(0xff)).toBe(false);
    exec(cpu, SSCH);
    h.run();
    exec(cpu, XSCH);
    expect(cpu.cc).toBe(1);
  });

  it('RSCH: CC 2 without a suspendable start function, CC 1 while the suspension status is pending', () => {
    const { h, cpu, dev } = rig();
    exec(cpu, RSCH);
    expect(cpu.cc).toBe(2);
    h.ccw1(PROGRAM, 0x03, 0x02, 1, 0);
    orb(cpu, PROGRAM, 0x0880_ff00);
    exec(cpu, SSCH);
    h.run();
    exec(cpu, RSCH);
    expect(cpu.cc).toBe(1);
    exec(cpu, TSCH);
    exec(cpu, RSCH);
    expect(cpu.cc).toBe(0);
    h.run();
    expect(dev.commands).toHaveLength(1);
  });
});

describe('STCRW and SCHM', () => {
  it('STCRW stores zeros with CC 1 when no report is pending; a device attached later is reported', () => {
    const { h, cpu } = rig();
    cpu.storage.writeU32(OPERAND, 0xffff_ffff);
    exec(cpu, STCRW);
    expect(cpu.cc).toBe(1);
    expect(cpu.storage.readU32(OPERAND)).toBe(0);
    h.css.attach(0x0200, new TestDevice());
    exec(cpu, STCRW);
    expect(cpu.cc).toBe(0);
    expect(cpu.storage.readU32(OPERAND)).toBe(0x0304_0001);
  });

  it('SCHM with reserved GR1 bits or an unaligned origin is an operand exception; updates count starts', () => {
    const { h, cpu } = rig();
    expect(exec(cpu, SCHM, 0x0000_0100)).toBe(0x15);
    expect(exec(cpu, `a7286004${SCHM}`, 0x0000_0002)).toBe(0x15);
    expect(exec(cpu, `a7286000${SCHM}`, 0x0000_0002)).toBe(-1);
    const sch = h.css.subchannel(0)!;
    sch.measurementMode = 2;
    sch.mbi = 1;
    nop(h);
    orb(cpu, PROGRAM);
    exec(cpu, SSCH);
    expect(cpu.storage.readU16(0x6020)).toBe(1);
  });
});

describe('without a channel subsystem', () => {
  it('every subchannel is not operational', () => {
    const { cpu } = rig();
    cpu.channel = null;
    exec(cpu, STSCH);
    expect(cpu.cc).toBe(3);
    exec(cpu, HSCH);
    expect(cpu.cc).toBe(3);
  });
});
