import { describe, expect, it } from 'vitest';
import { assemble, formatErrors } from '../../../src/engine/asm/assembler';
import { CkdVolume } from '../../../src/engine/io/dasd/ckd-volume';
import { Dasd3390 } from '../../../src/engine/io/dasd/dasd-3390';
import { iplVolume } from '../../../src/engine/io/dasd/ipl-volume';
import { cecConfigSchema } from '../../../src/engine/sim/cec-config';
import { ccwIpl } from '../../../src/engine/sim/ccw-ipl';
import { Machine } from '../../../src/engine/sim/machine';

function machine(): Machine {
  return new Machine({ seed: 1, cec: cecConfigSchema.parse({ cpus: 2, storageMiB: 16 }) });
}

function hmc(m: Machine): string {
  return m.console('hmc').readSince(0).text;
}

/**
 * An IPL program: the IPL record reads the program to X'1000'; it checks that it runs in ESA/390
 * mode with the IPL device's SID at X'B8', then loads a disabled-wait PSW whose address is 0 on
 * success (X'BAD' otherwise).
 */
const PROGRAM = `
IPLTEST  START 0
         DC    X'00080000',A(X'80000000'+GO)
         CCW   X'06',GO,X'20',END-GO
         CCW   X'03',0,X'20',1
         ORG   IPLTEST+X'1000'
GO       BASR  12,0
         USING *,12
         CLC   X'B8'(4,0),=X'00010000'    SID of subchannel 0
         JNE   BAD
         CLC   X'BC'(4,0),=F'0'
         JNE   BAD
         LPSW  OK
BAD      LPSW  NOTOK
         DS    0D
OK       DC    X'000A0000',X'00000000'
NOTOK    DC    X'000A0000',X'00000BAD'
         LTORG
END      EQU   *
         END
`;

describe('CCW IPL from a 3390', () => {
  it('reads the IPL record, chains to the program, stores the SID and starts CPU 0 in ESA/390 mode', () => {
    const r = assemble(PROGRAM);
    if (!r.ok) throw new Error(formatErrors(r.errors, 'ipl.s'));
    const m = machine();
    m.attachDevice(0x0a80, new Dasd3390(iplVolume(r.bytes, 3, 'IPLT01')));
    expect(ccwIpl(m, 0x0a80)).toBe(true);
    expect(m.cpus[0].state).toBe('stopped'); // until the channel program ends
    m.advance(1_000_000);
    const cpu = m.cpus[0];
    expect(cpu.architecture).toBe('esa390');
    expect(cpu.state).toBe('operating');
    expect(cpu.waiting).toBe(true);
    expect(cpu.pswHex().slice(-8)).toBe('00000000'); // disabled wait at 0: every check passed
    expect(m.cpus[1].state).toBe('stopped');
    expect(hmc(m)).toMatch(/ZVL011I IPL from device 0A80 complete/);
  });

  it('an IPL from a volume without an IPL record fails with no record found and leaves the CPUs stopped', () => {
    const m = machine();
    m.attachDevice(0x0a80, new Dasd3390(new CkdVolume(3)));
    ccwIpl(m, 0x0a80);
    m.advance(1_000_000);
    expect(m.cpus.map((c) => c.state)).toEqual(['stopped', 'stopped']);
    expect(hmc(m)).toMatch(/ZVL012E IPL from device 0A80 failed: device status 0E, subchannel status 00/);
  });

  it('an IPL from a device that does not exist says so', () => {
    const m = machine();
    expect(ccwIpl(m, 0x0123)).toBe(false);
    expect(hmc(m)).toMatch(/ZVL013E IPL from device 0123 failed: no such device/);
  });

  it('IPL resets a running machine first: a z/Architecture CPU goes back to ESA/390', () => {
    const r = assemble(PROGRAM);
    const m = machine();
    m.attachDevice(0x0a80, new Dasd3390(iplVolume(r.bytes, 3, 'IPLT01')));
    m.cpus[1].setArchitecture('z/architecture');
    m.cpus[1].start();
    ccwIpl(m, 0x0a80);
    expect(m.cpus[1].state).toBe('stopped');
    expect(m.cpus[1].architecture).toBe('esa390');
  });
});
