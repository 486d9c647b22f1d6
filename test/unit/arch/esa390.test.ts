import { describe, expect, it } from 'vitest';
import { Cpu } from '../../../src/engine/arch/cpu';
import { MainStorage } from '../../../src/engine/arch/main-storage';
import { assemble, formatErrors } from '../../../src/engine/asm/assembler';

/** Assembles `source` (origin 0, so it lays out its own low core) into a fresh 1 MiB CPU, in ESA/390 mode after IPL. */
function ipl(source: string): Cpu {
  const r = assemble(source);
  if (!r.ok) throw new Error(formatErrors(r.errors, 'test.s'));
  const storage = new MainStorage(1 << 20);
  storage.load(r.origin, r.bytes);
  const cpu = new Cpu({ address: 0, storage });
  cpu.setArchitecture('esa390');
  cpu.loadIplPsw();
  return cpu;
}

/** ESA/390 low core for the small programs: SVC new PSW → 0x400, program new PSW → disabled wait 0xDEA0. */
const LOW_CORE = `
IPL      START 0
         DC    X'00080000',X'80000200'     IPL PSW
         ORG   IPL+X'60'
         DC    X'00080000',X'80000400'     SVC new PSW
         DC    X'000A0000',X'0000DEA0'     program new
         ORG   IPL+X'1D0'
         DC    X'0002000180000000',AD(X'DEA0')   z program new
         ORG   IPL+X'200'
BEGIN    BASR  12,0
         USING *,12
`;

const TAIL = `
         LPSWE DONE
FAIL     LPSWE BAD
         DS    0D
DONE     DC    X'0002000180000000',AD(0)
BAD      DC    X'0002000180000000',AD(X'BAD')
         LTORG
         ORG   IPL+X'400'
SVCH     AHI   2,1
         LPSW  X'20'                       8-byte SVC old PSW
         END
`;

describe('ESA/390 mode after IPL', () => {
  it('takes an SVC with 8-byte PSWs, switches to z/Architecture with SIGP 0x12 and ends in a disabled wait 0', () => {
    const cpu = ipl(`${LOW_CORE}
         LHI   2,7
         SVC   5
BACK     CHI   2,8                         the SVC handler ran
         JNE   FAIL
         LA    4,BACK
         O     4,=X'80000000'
         C     4,X'24'                     old PSW: 31-bit, BACK
         JNE   FAIL
         CLC   X'20'(4,0),=X'00080000'     bit 12 one
         JNE   FAIL
         LHI   1,1
         SIGP  1,0,X'12'                   to z/Arch
         JNZ   FAIL
         SAM64
         BASR  12,0                        64-bit base: no bit 32
         USING *,12
         LLIHL 5,1                         64-bit code
         AGHI  5,-1
         SRLG  6,5,16
         LHI   7,0
         IILL  7,X'FFFF'
         CGR   6,7
         JNE   FAIL
${TAIL}`);
    expect(cpu.architecture).toBe('esa390');
    expect(cpu.run(1000)).toBe('wait');
    expect(cpu.disabledWait).toBe(true);
    expect(cpu.ia).toBe(0);
    expect(cpu.architecture).toBe('z/architecture');
    expect(cpu.gl[2]).toBe(8);
    expect(cpu.storage.readU16(0x8a)).toBe(5);
  });

  it('a z/Architecture-only instruction is an operation exception in ESA/390 mode', () => {
    const cpu = ipl(`${LOW_CORE}
         LGR   1,2
${TAIL}`);
    expect(cpu.run(100)).toBe('wait');
    expect(cpu.ia).toBe(0xdea0);
    expect(cpu.storage.readU16(0x8e)).toBe(0x01);
    // Program old PSW (8 bytes at 0x28): suppression, so it points after the 4-byte LGR.
    expect(cpu.storage.readU32(0x28)).toBe(0x0008_0000);
    expect(cpu.storage.readU32(0x2c)).toBe((0x8000_0000 | 0x206) >>> 0);
  });

  it('the same z-only instruction runs once the configuration is in z/Architecture mode', () => {
    const cpu = ipl(`${LOW_CORE}
         LHI   2,3
         LHI   1,1
         SIGP  1,0,X'12'
         LGR   1,2
         CHI   1,3
         JNE   FAIL
${TAIL}`);
    expect(cpu.run(100)).toBe('wait');
    expect(cpu.ia).toBe(0);
  });

  it('LPSW of a PSW with bit 12 zero is a specification exception in ESA/390 mode', () => {
    const cpu = ipl(`${LOW_CORE}
         LPSW  ZPSW
         DS    0D
ZPSW     DC    X'00000000',X'80000300'
${TAIL}`);
    expect(cpu.run(100)).toBe('wait');
    expect(cpu.ia).toBe(0xdea0);
    expect(cpu.storage.readU16(0x8e)).toBe(0x06);
    expect(cpu.storage.readU16(0x8c)).toBe(0); // recognized early: ILC 0
  });

  it('an 8-byte PSW with bit 31 (EA) on is invalid in ESA/390 mode', () => {
    const cpu = ipl(`${LOW_CORE}
         LPSW  EAPSW
         DS    0D
EAPSW    DC    X'00080001',X'80000300'
${TAIL}`);
    expect(cpu.run(100)).toBe('wait');
    expect(cpu.storage.readU16(0x8e)).toBe(0x06);
  });

  it('an invalid IPL PSW gives a specification exception through the program new PSW', () => {
    const cpu = ipl(`${LOW_CORE.replace("X'00080000',X'80000200'", "X'00000000',X'80000200'")}
${TAIL}`);
    expect(cpu.state).toBe('operating');
    expect(cpu.run(100)).toBe('wait');
    expect(cpu.ia).toBe(0xdea0);
    expect(cpu.storage.readU16(0x8e)).toBe(0x06);
  });

  it('24-bit addressing: the stored old PSW has bit 32 zero', () => {
    const cpu = ipl(`${LOW_CORE.replace("X'00080000',X'80000200'", "X'00080000',X'00000200'")}
         SVC   1
         LPSWE BAD
${TAIL}`);
    expect(cpu.amode).toBe(0);
    cpu.run(2);
    expect(cpu.storage.readU32(0x24)).toBe(0x204);
  });

  it('SIGP set architecture: the mode in effect is an invalid parameter (CC 1, status 0x100)', () => {
    const cpu = ipl(`${LOW_CORE}
         LHI   1,0
         SIGP  1,0,X'12'
         JNM   FAIL                         CC 1
         LR    3,1
         LHI   1,1
         SIGP  1,0,X'12'
         BASR  12,0
         USING *,12
${TAIL}`);
    expect(cpu.run(100)).toBe('wait');
    expect(cpu.ia).toBe(0);
    expect(cpu.gl[3]).toBe(0x100);
  });

  it('SIGP set architecture code 0 from z/Architecture: 8-byte PSWs again, 31-bit address kept', () => {
    const storage = new MainStorage(1 << 20);
    // LHI 1,0 ; SIGP 1,0,X'12' ; SVC 9  at 0x2000; ESA SVC new PSW = disabled wait 0x5C0.
    storage.load(0x2000, Uint8Array.from([0xa7, 0x18, 0, 0, 0xae, 0x10, 0, 0x12, 0x0a, 0x09]));
    storage.load(0x60, Uint8Array.from([0, 0x0a, 0, 0, 0, 0, 0x05, 0xc0]));
    const cpu = new Cpu({ address: 0, storage });
    cpu.setPsw(0x0000_0000_8000_0000n, 0x2000n);
    cpu.start();
    expect(cpu.run(10)).toBe('wait');
    expect(cpu.architecture).toBe('esa390');
    expect(cpu.ia).toBe(0x5c0);
    expect(storage.readU32(0x20)).toBe(0x0008_0000);
    expect(storage.readU32(0x24)).toBe((0x8000_200a | 0) >>> 0);
  });

  it('EPSW in ESA/390 mode extracts the 8-byte PSW: bit 12 one, then mode bit and updated address', () => {
    const cpu = ipl(`${LOW_CORE}
         EPSW  2,3
${TAIL}`);
    cpu.run(2);
    expect(cpu.gl[2]).toBe(0x0008_0000);
    expect(cpu.gl[3] >>> 0).toBe(0x8000_0206);
  });
});
