import { describe, expect, it } from 'vitest';
import { assemble, formatErrors } from '../../../../src/engine/asm/assembler';
import { DEFAULT_CEC } from '../../../../src/engine/sim/cec-config';
import { Machine } from '../../../../src/engine/sim/machine';
import { TestDevice } from './channel-harness';

/**
 * A bare-metal program that does what an operating system's I/O start-up does: STSCH scan for device
 * 0190, MSCH to enable it on ISC 3, SSCH a two-CCW channel program, an enabled wait for the I/O
 * interruption, TSCH, and checks of the interruption code and the IRB. Disabled wait at 0 is success;
 * any other wait address names the failed step.
 */
const SOURCE = `
IOTEST   START X'2000'
         BALR  12,0
         USING *,12
         MVC   X'1F0'(16,0),IONEW     I/O new PSW
         L     1,=X'00010000'         SID of subchannel 0
SCAN     STSCH SCHIB
         JO    NODEV                  CC 3: no more subchannels
         CLC   SCHIB+6(2),=X'0190'
         JE    FOUND
         AHI   1,1
         J     SCAN
FOUND    ST    1,SID
         MVC   SCHIB(4),=X'0000ABCD'  interruption parameter
         NI    SCHIB+4,X'C7'
         OI    SCHIB+4,X'18'          ISC 3
         OI    SCHIB+5,X'80'          enabled
         MSCH  SCHIB
         JNZ   FAILMSCH
         LCTL  6,6,CR6                ISC 3 only
         SSCH  ORB
         JNZ   FAILSSCH
         LPSWE WAITIO                 enabled wait for I/O
IOINT    CLC   X'B8'(4,0),SID         SID and parameter
         JNE   FAILSID
         CLC   X'BC'(4,0),ORB
         JNE   FAILSID
         L     1,SID
         TSCH  IRB
         JNZ   FAILTSCH
         CLC   IRB+8(4),=X'0C000000'  CE DE, residual 0
         JNE   FAILIRB
         CLC   IRB+2(2),=X'4007'      start, primary+secondary
         JNE   FAILIRB
         CLC   BUF(4),=X'A0A1A2A3'    the data the device read
         JNE   FAILDATA
         TSCH  IRB                    no more status: CC 1
         JNL   FAILTSCH
         LPSWE DONE
NODEV    LPSWE PNODEV
FAILMSCH LPSWE PMSCH
FAILSSCH LPSWE PSSCH
FAILSID  LPSWE PSID
FAILTSCH LPSWE PTSCH
FAILIRB  LPSWE PIRB
FAILDATA LPSWE PDATA
         DS    0D
IONEW    DC    X'0000000180000000',AD(IOINT)
WAITIO   DC    X'0202000180000000',AD(0)
DONE     DC    X'0002000180000000',AD(0)
PNODEV   DC    X'0002000180000000',AD(X'E01')
PMSCH    DC    X'0002000180000000',AD(X'E02')
PSSCH    DC    X'0002000180000000',AD(X'E03')
PSID     DC    X'0002000180000000',AD(X'E04')
PTSCH    DC    X'0002000180000000',AD(X'E05')
PIRB     DC    X'0002000180000000',AD(X'E06')
PDATA    DC    X'0002000180000000',AD(X'E07')
CCWS     DC    X'03400001',A(0)       NOP, command-chained
         DC    X'02200004',A(BUF)     READ 4 bytes, SLI
ORB      DC    X'0000ABCD',X'0080FF00',A(CCWS)
CR6      DC    X'10000000'
SID      DS    F
SCHIB    DS    XL52
IRB      DS    XL64
BUF      DC    F'0'
         END
`;

describe('bare-metal I/O program', () => {
  it('scans, enables, starts, waits for the interruption, tests and checks the IRB', () => {
    const r = assemble(SOURCE);
    expect(formatErrors(r.errors, 'io.s')).toBe('');
    const m = new Machine({ seed: 1, cec: { ...DEFAULT_CEC, cpus: 1, storageMiB: 1 } });
    m.attachDevice(0x0009, new TestDevice());
    const dev = new TestDevice();
    m.attachDevice(0x0190, dev);
    m.storage.load(r.origin, r.bytes);
    const cpu = m.cpus[0];
    cpu.setPsw(0x0000_0001_8000_0000n, BigInt(r.origin));
    cpu.start();
    m.advance(1_000_000);
    expect(cpu.disabledWait).toBe(true);
    expect(cpu.ia.toString(16)).toBe('0');
    expect(dev.commands.map((c) => c.code)).toEqual([0x03, 0x02]);
  });
});
