import { describe, expect, it } from 'vitest';
import { assemble, formatErrors } from '../../../../src/engine/asm/assembler';
import { HMC_CONSOLE } from '../../../../src/engine/sim/console-ids';
import { Machine } from '../../../../src/engine/sim/machine';

/**
 * A bare-metal z/Architecture program on a whole Machine: it enables the service signal (CR0 bit
 * 54), registers for line-mode messages with WRITE EVENT MASK, writes "HELLO FROM SCLP" with WRITE
 * EVENT DATA (an MDB with GO and MTO objects), takes each service signal in an enabled wait, checks
 * the code, parameter and response codes, then reads a line the operator typed on the HMC console
 * and ends in a disabled wait whose address says what happened (0 = success).
 */
const SOURCE = `
LOW      START 0
         ORG   LOW+X'2000'
BEGIN    BASR  12,0
         USING *,12
         LHI   4,0
         LCTLG 0,0,CR0VAL                 service signal only
         LA    2,MASK
         L     1,=X'00780005'                   WRITE EVENT MASK
         SERVC 1,2
         JNZ   FAIL1
         BRAS  14,SIGNAL
         CLC   MASK+6(2),=X'0020'
         JNE   FAIL2
         LA    2,MSG
         L     1,=X'00760005'                   WRITE EVENT DATA
         SERVC 1,2
         JNZ   FAIL1
         BRAS  14,SIGNAL
         CLC   MSG+6(2),=X'0020'
         JNE   FAIL3
         TM    MSG+11,X'80'                     event buffer accepted
         JNO   FAIL3
* Wait for the operator: a signal with event pending, no SCCB.
         BRAS  14,ATTN
         LA    2,READ
         L     1,=X'00770005'                   READ EVENT DATA
         SERVC 1,2
         JNZ   FAIL1
         BRAS  14,SIGNAL
         CLC   READ+6(2),=X'0010'
         JNE   FAIL4
         CLI   READ+10,X'1A'                    ASCII console data
         JNE   FAIL4
         CLC   READ+14(3),=X'676F0D'            "go" and CR
         JNE   FAIL4
         LPSWE DONE
* Enabled wait for the signal of the SCCB in R2; back by R14.
SIGNAL   LPSWE WAITPSW
EXTH     CLC   X'86'(2,0),=X'2401'
         JNE   FAIL5
         LTR   4,4                       waiting for input?
         JNZ   EXTATTN
         CL    2,X'80'                   parameter = SCCB
         JNE   FAIL5
         BR    14
EXTATTN  CLC   X'80'(4,0),=X'00000001'          event pending, no SCCB
         JNE   FAIL5
         BR    14
ATTN     LR    3,14
         LHI   4,1
         BRAS  14,SIGNAL
         LHI   4,0
         BR    3
FAIL1    LPSWE BAD1
FAIL2    LPSWE BAD2
FAIL3    LPSWE BAD3
FAIL4    LPSWE BAD4
FAIL5    LPSWE BAD5
         DS    0D
DONE     DC    X'0002000180000000',AD(0)
WAITPSW  DC    X'0102000180000000',AD(0)
BAD1     DC    X'0002000180000000',AD(X'BAD1')
BAD2     DC    X'0002000180000000',AD(X'BAD2')
BAD3     DC    X'0002000180000000',AD(X'BAD3')
BAD4     DC    X'0002000180000000',AD(X'BAD4')
BAD5     DC    X'0002000180000000',AD(X'BAD5')
CR0VAL   DC    X'0000000000000200'
         LTORG
         ORG   LOW+X'2800'
MASK     DC    AL2(28),X'00',XL3'00',H'0'
         DC    H'0',H'4'
         DC    X'00000040'               cp receive: ASCII
         DC    X'40000000'                      cp send: messages
         DC    F'0',F'0'
         DS    0D
MSG      DC    H'59',X'00',XL3'00',H'0'         SCCB header
         DC    H'51',X'02',X'00',H'0'           event buffer: message
         DC    H'45',H'1',X'D4C4C240',FL4'1'    MDB header
         DC    H'8',H'1',FL4'0'                 GO
         DC    H'25',H'4',X'1000',X'00',XL3'00' MTO
         DC    C'HELLO FROM SCLP'
         DS    0D
READ     DC    AL2(256),X'00',XL3'80',H'0'
         DC    XL248'00'
         ORG   LOW+X'1B0'
         DC    X'0000000180000000',AD(EXTH)     external new PSW
         DC    X'0002000180000000',AD(X'DEA0')  program new
         END
`;

function boot(): { machine: Machine; read: number } {
  const machine = new Machine({
    seed: 1,
    cec: { name: 'ZVLAB1', cpus: 1, storageMiB: 1, mips: 10 },
  });
  const r = assemble(SOURCE);
  if (!r.ok) throw new Error(formatErrors(r.errors, 'sclp.s'));
  machine.storage.load(r.origin, r.bytes);
  const cpu = machine.cpus[0];
  cpu.setPsw(0x0000_0001_8000_0000n, 0x2000n);
  cpu.start();
  const read = r.symbols.find((symbol) => symbol.name === 'READ')!.value;
  return { machine, read };
}

describe('SCLP console from a bare-metal program', () => {
  it('writes HELLO FROM SCLP to the HMC console, reads an operator line, and ends in disabled wait 0', () => {
    const { machine, read } = boot();
    const cpu = machine.cpus[0];
    machine.advance(1_000_000);
    expect(machine.console(HMC_CONSOLE).text()).toContain('HELLO FROM SCLP\n');
    // Now in an enabled wait for the operator.
    expect(cpu.waiting).toBe(true);
    expect(cpu.disabledWait).toBe(false);
    machine.console(HMC_CONSOLE).input('go');
    machine.advance(1_000_000);
    expect(cpu.disabledWait).toBe(true);
    expect(cpu.ia.toString(16)).toBe('0');
    expect(machine.sclp.pendingInput).toBe(0);
    // The variable-length response shortened the SCCB to what was stored: header + the "go\r" buffer.
    expect(machine.storage.readU16(read)).toBe(8 + 6 + 3);
    expect(machine.storage.readU8(read + 5)).toBe(0);
  });
});
