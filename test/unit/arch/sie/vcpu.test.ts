import { describe, expect, it } from 'vitest';
import { Cpu } from '../../../../src/engine/arch/cpu';
import {
  ECA_ADAPTER_INTERRUPTIONS,
  ECA_EXTERNAL_ASSIST,
  ECA_IO_ASSIST,
  ECA_SIGP_ASSIST,
  ICPT_EXTERNAL_INTERRUPTION,
  ICPT_EXTERNAL_REQUEST,
  ICPT_INSTRUCTION,
  ICPT_INSTRUCTION_AND_PROGRAM,
  ICPT_IO_INSTRUCTION,
  ICPT_IO_INTERRUPTION,
  ICPT_IO_REQUEST,
  ICPT_OPERATION_EXCEPTION,
  ICPT_PROGRAM,
  ICPT_STOP,
  ICPT_VALIDITY,
  ICPT_WAIT,
  ICTL_ISKE,
  ICTL_LPSW,
  ICTL_OPERATION_EXCEPTION,
  ICTL_PREFIX,
  ICTL_PRIVILEGED_OPERATION,
  ICTL_PROGRAM_INTERRUPTIONS,
  ICTL_RRBE,
  ICTL_SSKE,
  ICTL_SSM,
  VALIDITY_GUEST_CHECK_STOP,
  VALIDITY_PREFIX_OUTSIDE,
} from '../../../../src/engine/arch/sie/interception';
import { GuestPageNotResident } from '../../../../src/engine/arch/sie/guest-storage';
import { GUEST_BASE, GUEST_CODE, GUEST_EXT_WAIT, GUEST_IO_WAIT, GUEST_PGM_WAIT, guest } from './guest';

/** A disabled-wait PSW constant with address 0 (the guest's "done"). */
const DONE = `         DS    0D
DONE     DC    X'0002000180000000',AD(0)`;

const SERVICE_SIGNAL = { code: 0x2401, subclassMask: 0x0200, parameter: 0x1234_5678 };

describe('instruction interceptions (4, 64, 12)', () => {
  it('DIAGNOSE ends the run with code 4, IPA/IPB, the PSW past it; resuming continues after it', () => {
    const g = guest(`         DIAG  1,2,X'500'
         LPSWE DONE
${DONE}`);
    const e = g.vcpu.run(1000);
    expect(e).toMatchObject({
      kind: 'interception',
      code: ICPT_INSTRUCTION,
      ipa: 0x8312,
      ipb: 0x0500_0000,
      ilc: 4,
    });
    expect(g.vcpu.cpu.ia).toBe(GUEST_CODE + 2 + 4);
    expect(g.vcpu.run(1000)).toMatchObject({ code: ICPT_WAIT, detail: 'disabled wait' });
    expect(g.vcpu.cpu.ia).toBe(0);
  });

  it('SIGP, SERVC, SCK and the channel I/O instructions always intercept', () => {
    const g = guest(`         SIGP  1,2,X'12'
         SERVC 3,4
         SCK   CLOCK
         SSCH  ORB
         STCRW CRW
         LPSWE DONE
${DONE}
CLOCK    DC    D'0'
ORB      DC    3F'0'
CRW      DC    F'0'`);
    const seen = [1, 2, 3, 4, 5].map(() => g.vcpu.run(1000));
    expect(seen.map((e) => [e.code, e.ipa >>> 8 === 0xb2 ? e.ipa : e.ipa >>> 8])).toEqual([
      [4, 0xae],
      [4, 0xb220],
      [4, 0xb204],
      [4, 0xb233],
      [4, 0xb239],
    ]);
    expect(seen[1].ipb).toBe(0x0034_0000);
    expect(g.vcpu.run(1000).code).toBe(ICPT_WAIT);
  });

  it('with the I/O assist the channel I/O instructions intercept as I/O instructions (64)', () => {
    const g = guest(`         SSCH  ORB
${DONE}
ORB      DC    3F'0'`);
    g.vcpu.executionControls = ECA_IO_ASSIST;
    expect(g.vcpu.run(100)).toMatchObject({ code: ICPT_IO_INSTRUCTION, ipa: 0xb233 });
  });

  it('LPSW(E) and SSM run natively unless the interception controls say so', () => {
    const source = `         SSM   MASK
         LPSWE DONE
${DONE}
MASK     DC    X'00'`;
    const native = guest(source);
    expect(native.vcpu.run(100).code).toBe(ICPT_WAIT);
    const controlled = guest(source);
    controlled.vcpu.interceptionControls = ICTL_SSM | ICTL_LPSW;
    expect(controlled.vcpu.run(100)).toMatchObject({ code: ICPT_INSTRUCTION, ipa: 0x8000 });
    expect(controlled.vcpu.run(100)).toMatchObject({ code: ICPT_INSTRUCTION, ipa: 0xb2b2 });
    expect(controlled.vcpu.counts.instruction).toBe(2);
  });

  it('ISKE/SSKE/RRBE work on the guest keys natively, and intercept when the SD says', () => {
    const source = `         LHI   1,X'30'
         LGHI  2,X'5000'
         SSKE  1,2
         ISKE  3,2
         RRBE  0,2
         LPSWE DONE
${DONE}`;
    const g = guest(source);
    expect(g.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(g.vcpu.cpu.ia).toBe(0);
    expect(g.storage.main.getKey(0x5000)).toBe(0x30);
    expect(g.vcpu.cpu.gl[3] & 0xff).toBe(0x30);
    // The host frame under it keeps the host's own key.
    expect(g.host.getKey(GUEST_BASE + 0x5000)).toBe(0);
    for (const [bit, ipa] of [
      [ICTL_SSKE, 0xb22b],
      [ICTL_ISKE, 0xb229],
      [ICTL_RRBE, 0xb22a],
    ]) {
      const c = guest(source);
      c.vcpu.interceptionControls = bit;
      const e = c.vcpu.run(100);
      expect([e.code, e.ipa]).toEqual([ICPT_INSTRUCTION, ipa]);
    }
  });

  it('an intercepted instruction whose operand is misaligned is instruction-and-program (12) when programs are intercepted', () => {
    const source = `         LPSWE ODD
${DONE}
         DC    X'00'
ODD      DC    XL16'00'`;
    const g = guest(source);
    g.vcpu.interceptionControls = ICTL_LPSW | ICTL_PROGRAM_INTERRUPTIONS;
    expect(g.vcpu.run(100)).toMatchObject({
      code: ICPT_INSTRUCTION_AND_PROGRAM,
      ipa: 0xb2b2,
      programCode: 6,
    });
    // Without program interception the guest takes its own specification exception.
    const h = guest(source);
    h.vcpu.interceptionControls = ICTL_LPSW;
    expect(h.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(h.vcpu.cpu.ia).toBe(GUEST_PGM_WAIT);
    expect(h.storage.main.readU16(0x8e)).toBe(6);
  });

  it('SPX runs natively and moves the guest prefix; with the prefix control it intercepts', () => {
    const source = `         SPX   NEWPFX
         STPX  SEEN
         LPSWE DONE
${DONE}
NEWPFX   DC    A(X'10000')
SEEN     DC    F'0'`;
    const g = guest(source);
    // The new prefix area needs the disabled-wait PSW for LPSWE DONE only: no interruption occurs.
    expect(g.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(g.vcpu.cpu.prefix).toBe(0x10000);
    const c = guest(source);
    c.vcpu.interceptionControls = ICTL_PREFIX;
    expect(c.vcpu.run(100)).toMatchObject({ code: ICPT_INSTRUCTION, ipa: 0xb210 });
    expect(c.vcpu.cpu.prefix).toBe(0);
  });
});

describe('program interruptions (8, 44)', () => {
  const DIVIDE = `         LHI   3,7
         LHI   5,0
         DR    2,5
         LPSWE DONE
${DONE}`;

  it('a program interruption the SD does not intercept is delivered into the guest low core', () => {
    const g = guest(DIVIDE);
    expect(g.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(g.vcpu.cpu.ia).toBe(GUEST_PGM_WAIT);
    expect(g.storage.main.readU16(0x8e)).toBe(0x09);
    expect(g.storage.main.readU16(0x8c)).toBe(2);
    expect(g.vcpu.counts['program-interruption']).toBeUndefined();
  });

  it('intercepted (8): the guest low core is untouched until the host reflects it', () => {
    const g = guest(DIVIDE);
    g.vcpu.interceptionControls = ICTL_PROGRAM_INTERRUPTIONS;
    const e = g.vcpu.run(100);
    expect(e).toMatchObject({ code: ICPT_PROGRAM, programCode: 0x09, ilc: 2, ipa: 0x1d25 });
    expect(g.storage.main.readU16(0x8e)).toBe(0);
    g.vcpu.reflectProgramInterruption(e);
    expect(g.storage.main.readU16(0x8e)).toBe(0x09);
    expect(g.storage.main.readU32(0x15c)).toBe(GUEST_CODE + 2 + 4 + 4 + 2);
    expect(g.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(g.vcpu.cpu.ia).toBe(GUEST_PGM_WAIT);
  });

  it('an operation exception intercepts as 44 under its control, else the guest takes 0x01', () => {
    const source = `         DC    X'0000'
${DONE}`;
    const g = guest(source);
    g.vcpu.interceptionControls = ICTL_OPERATION_EXCEPTION;
    expect(g.vcpu.run(100)).toMatchObject({ code: ICPT_OPERATION_EXCEPTION, programCode: 1, ipa: 0 });
    const h = guest(source);
    expect(h.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(h.storage.main.readU16(0x8e)).toBe(1);
  });

  it("a privileged instruction in the guest's problem state is its own 0x02, intercepted only under its control", () => {
    const source = `         LPSWE PROBLEM
         DS    0D
PROBLEM  DC    X'0001000180000000',AD(USER)
USER     DIAG  0,0,0`;
    const g = guest(source);
    expect(g.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(g.storage.main.readU16(0x8e)).toBe(0x02);
    const h = guest(source);
    h.vcpu.interceptionControls = ICTL_PRIVILEGED_OPERATION;
    expect(h.vcpu.run(100)).toMatchObject({ code: ICPT_PROGRAM, programCode: 0x02, ipa: 0x8300 });
  });
});

describe('interruptions the host makes pending (16, 20, 24, 60)', () => {
  /** Enables CR0 service signals, then external interruptions, then spins. */
  const ENABLE_EXT = `         LCTLG 0,0,CR0
         STOSM SAVE,X'01'
SPIN     J     SPIN
         DS    0D
CR0      DC    X'00000000000002E0'
SAVE     DC    X'00'`;

  it('without the assist, an external request waits until the guest is enabled, then exits 16', () => {
    const g = guest(ENABLE_EXT);
    g.vcpu.requestExternal(SERVICE_SIGNAL);
    const e = g.vcpu.run(1000);
    expect(e).toMatchObject({ code: ICPT_EXTERNAL_REQUEST, external: SERVICE_SIGNAL });
    // Exactly when STOSM enabled it: the PSW points after STOSM, at the loop.
    expect(g.vcpu.cpu.ia).toBe(GUEST_CODE + 2 + 6 + 4);
    expect(g.vcpu.deliverExternal()).toBe(true);
    expect(g.vcpu.run(1000).code).toBe(ICPT_WAIT);
    expect(g.vcpu.cpu.ia).toBe(GUEST_EXT_WAIT);
    expect(g.storage.main.readU16(0x86)).toBe(0x2401);
    expect(g.storage.main.readU32(0x80)).toBe(0x1234_5678);
  });

  it('with the external assist it is presented natively, without an exit', () => {
    const g = guest(ENABLE_EXT);
    g.vcpu.executionControls = ECA_EXTERNAL_ASSIST;
    g.vcpu.requestExternal(SERVICE_SIGNAL);
    expect(g.vcpu.run(1000).code).toBe(ICPT_WAIT);
    expect(g.vcpu.cpu.ia).toBe(GUEST_EXT_WAIT);
    expect(g.vcpu.counts).toEqual({ 'wait-state': 1 });
  });

  it('with the assist but not the SIGP assist, an emergency signal exits 20', () => {
    const g = guest(ENABLE_EXT.replace('00000000000002E0', '00000000000042E0'));
    g.vcpu.executionControls = ECA_EXTERNAL_ASSIST;
    const signal = { code: 0x1201, subclassMask: 0x4000, cpuAddress: 1 };
    g.vcpu.requestExternal(signal);
    expect(g.vcpu.run(1000)).toMatchObject({ code: ICPT_EXTERNAL_INTERRUPTION, external: signal });
    const h = guest(ENABLE_EXT.replace('00000000000002E0', '00000000000042E0'));
    h.vcpu.executionControls = ECA_EXTERNAL_ASSIST | ECA_SIGP_ASSIST;
    h.vcpu.requestExternal(signal);
    expect(h.vcpu.run(1000).code).toBe(ICPT_WAIT);
    expect(h.storage.main.readU16(0x84)).toBe(1);
  });

  /** CR6 enables ISC 3, then an enabled wait for I/O. */
  const WAIT_IO = `         LCTLG 6,6,CR6
         LPSWE IOWAIT
         DS    0D
IOWAIT   DC    X'0202000180000000',AD(0)
CR6      DC    X'0000000010000000'`;
  const SUBCHANNEL = { subsystemId: 0x0001_0004, parameter: 0xcafe, idWord: 3 << 27 };

  it('an I/O interruption for an enabled wait exits 24 without the assist, and is taken once delivered', () => {
    const g = guest(WAIT_IO);
    g.vcpu.requestIo(SUBCHANNEL);
    expect(g.vcpu.run(1000)).toMatchObject({ code: ICPT_IO_REQUEST, io: SUBCHANNEL });
    expect(g.vcpu.deliverIo()).toBe(true);
    expect(g.vcpu.run(1000).code).toBe(ICPT_WAIT);
    expect(g.vcpu.cpu.ia).toBe(GUEST_IO_WAIT);
    expect(g.storage.main.readU32(0xb8)).toBe(0x0001_0004);
  });

  it('with the I/O assist subchannel interruptions are native; adapter ones exit 60 without AIV', () => {
    const g = guest(WAIT_IO);
    g.vcpu.executionControls = ECA_IO_ASSIST;
    g.vcpu.requestIo(SUBCHANNEL);
    expect(g.vcpu.run(1000).code).toBe(ICPT_WAIT);
    expect(g.vcpu.cpu.ia).toBe(GUEST_IO_WAIT);
    const adapter = { subsystemId: 0, parameter: 0, idWord: (0x8000_0000 | (3 << 27)) >>> 0 };
    const h = guest(WAIT_IO);
    h.vcpu.executionControls = ECA_IO_ASSIST;
    h.vcpu.requestIo(adapter);
    expect(h.vcpu.run(1000)).toMatchObject({ code: ICPT_IO_INTERRUPTION, io: adapter });
    const k = guest(WAIT_IO);
    k.vcpu.executionControls = ECA_IO_ASSIST | ECA_ADAPTER_INTERRUPTIONS;
    k.vcpu.requestIo(adapter);
    expect(k.vcpu.run(1000).code).toBe(ICPT_WAIT);
    expect(k.vcpu.cpu.ia).toBe(GUEST_IO_WAIT);
  });

  it('an enabled wait with nothing pending intercepts as a wait (28)', () => {
    const g = guest(WAIT_IO);
    expect(g.vcpu.run(1000)).toMatchObject({ code: ICPT_WAIT, detail: 'enabled wait' });
  });
});

describe('stop, validity, budget', () => {
  it('a stop request ends the next run at once (40)', () => {
    const g = guest(`SPIN     J     SPIN`);
    g.vcpu.requestStop();
    expect(g.vcpu.run(1000).code).toBe(ICPT_STOP);
    expect(g.vcpu.run(1000).kind).toBe('budget');
    expect(g.vcpu.cpu.instructionCount).toBe(1000);
  });

  it('a prefix outside guest storage is a validity interception (32) with its reason in IPB', () => {
    const g = guest(`SPIN     J     SPIN`);
    g.vcpu.cpu.setPrefix(0x200000);
    expect(g.vcpu.run(10)).toMatchObject({
      code: ICPT_VALIDITY,
      validityReason: VALIDITY_PREFIX_OUTSIDE,
      ipb: VALIDITY_PREFIX_OUTSIDE << 16,
    });
  });

  it('a guest check-stop is a validity interception; the host CPU is unaffected', () => {
    const g = guest(`         DC    X'0000'`);
    g.storage.main.writeU64(0x1d0, 0xffff_ffff_ffff_ffffn);
    const host = new Cpu({ address: 0, storage: g.host });
    expect(g.vcpu.run(10)).toMatchObject({ code: ICPT_VALIDITY, validityReason: VALIDITY_GUEST_CHECK_STOP });
    expect(host.state).toBe('stopped');
    expect(host.checkStopReason).toBe('');
  });
});

describe('guest pages that are not resident', () => {
  it('a load from a missing page exits with its guest address; once resident the instruction re-runs', () => {
    const g = guest(
      `         LG    4,0(,5)
         LPSWE DONE
${DONE}`,
      [0x30],
    );
    g.vcpu.cpu.gl[5] = 0x30008;
    const e = g.vcpu.run(100);
    expect(e).toMatchObject({ kind: 'page-not-resident', guestAddress: 0x30000 });
    expect(g.vcpu.cpu.ia).toBe(GUEST_CODE + 2);
    // The pager brings the page in at some free host frame with the guest's data in it.
    g.host.writeU64(0x300000 + 8, 0x0123_4567_89ab_cdefn);
    g.pager.resident.set(0x30, 0x300);
    expect(g.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(g.vcpu.cpu.getGpr(4)).toBe(0x0123_4567_89ab_cdefn);
    expect(g.vcpu.counts).toEqual({ 'page-not-resident': 1, 'wait-state': 1 });
  });

  it('an MVC into a missing page stores nothing before the exit, and completes after', () => {
    const g = guest(
      `         MVC   0(8,6),SRC
         LPSWE DONE
${DONE}
SRC      DC    C'ABCDEFGH'`,
      [0x41],
    );
    g.vcpu.cpu.gl[6] = 0x40ffc; // four bytes in frame 0x40, four in the missing 0x41
    expect(g.vcpu.run(100)).toMatchObject({ kind: 'page-not-resident', guestAddress: 0x41000 });
    expect(g.storage.main.read(0x40ffc, 4)).toEqual(new Uint8Array(4));
    g.pager.resident.set(0x41, 0x301);
    expect(g.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(Buffer.from(g.storage.main.read(0x40ffc, 8)).toString('latin1')).toBe(
      '\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8',
    );
  });

  it('a paged-out frame is asked for again; host code reading it gets an Error, not a crash', () => {
    const g = guest(`         LG    4,0(,5)
         LPSWE DONE
${DONE}`);
    g.vcpu.cpu.gl[5] = 0x50000;
    g.storage.main.readU8(0x50000);
    g.pager.resident.delete(0x50);
    g.storage.pageOut(0x50);
    expect(() => g.storage.main.readU8(0x50000)).toThrow(GuestPageNotResident);
    expect(g.vcpu.run(100)).toMatchObject({ kind: 'page-not-resident', guestAddress: 0x50000 });
  });

  it('a missing prefix page exits before anything runs; SPX to a missing area is nullified', () => {
    const g = guest(`         SPX   NEWPFX
         LPSWE DONE
${DONE}
NEWPFX   DC    A(X'60000')`);
    g.pager.resident.delete(0x61);
    expect(g.vcpu.run(100)).toMatchObject({ kind: 'page-not-resident', guestAddress: 0x61000 });
    expect(g.vcpu.cpu.prefix).toBe(0);
    expect(g.vcpu.cpu.ia).toBe(GUEST_CODE + 2);
    g.pager.resident.set(0x61, 0x361);
    expect(g.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(g.vcpu.cpu.prefix).toBe(0x60000);
  });
});

describe('isolation', () => {
  it('the guest cannot reach host storage outside its mapping: addressing exception in the guest', () => {
    const g = guest(`         MVI   0(7),X'EE'
         LPSWE DONE
${DONE}`);
    g.vcpu.cpu.gl[7] = 0x100000; // guest size: one past the end
    g.host.writeU8(2 << 20, 0x11); // the host byte right after the guest's range
    expect(g.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(g.vcpu.cpu.ia).toBe(GUEST_PGM_WAIT);
    expect(g.storage.main.readU16(0x8e)).toBe(0x05);
    expect(g.host.readU8(2 << 20)).toBe(0x11);
    expect(g.host.readU8(GUEST_BASE - 1)).toBe(0);
  });

  it("guest stores land in the host frames the pager named, and the host CPU's own run is untouched", () => {
    const g = guest(`         MVI   X'100'(0),X'EE'
         LPSWE DONE
${DONE}`);
    const host = new Cpu({ address: 0, storage: g.host });
    g.host.load(0x2000, Uint8Array.from([0xa7, 0xf4, 0x00, 0x00])); // J * at host 0x2000
    host.setPsw(0x0000_0001_8000_0000n, 0x2000n);
    host.start();
    expect(g.vcpu.run(100).code).toBe(ICPT_WAIT);
    expect(g.host.readU8(GUEST_BASE + 0x100)).toBe(0xee);
    expect(host.run(500)).toBe('limit');
    expect(host.state).toBe('operating');
  });
});

describe('counters', () => {
  it('counts every exit by its name', () => {
    const g = guest(`         DIAG  0,0,X'44'
         DIAG  0,0,X'44'
         SIGP  0,0,0
         LPSWE DONE
${DONE}`);
    while (g.vcpu.run(100).code !== ICPT_WAIT) {
      /* resume after each interception */
    }
    g.vcpu.requestStop();
    g.vcpu.run(100);
    expect(g.vcpu.counts).toEqual({ instruction: 3, 'wait-state': 1, 'stop-request': 1 });
  });
});
