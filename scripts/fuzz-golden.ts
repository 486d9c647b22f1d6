/**
 * Writes test/fixtures/fuzz/expected.json: runs every case of cases.json under qemu-s390x (the
 * oracle). The cases become one static s390x ELF (GNU as + ld, no libc): a harness loads each case's
 * buffer, CC and program mask (SPM) and registers (LMG), runs its instruction bytes, and writes the
 * registers, the CC (IPM) and the buffer to stdout with the write system call. A program
 * interruption arrives as SIGILL/SIGFPE/SIGSEGV; the handler (on an alternate stack, as the case
 * owns R15) records the signal, its si_code, the CC and registers from the signal context and the
 * PSW address, and resumes the harness. Called by regen-fuzz.sh.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseElf, symbolAddress } from '../src/engine/asm/elf-loader';
import {
  BUFFER_ADDRESS,
  BUFFER_SIZE,
  bufferBytes,
  byteDiff,
  bytesOfHex,
  type FuzzResult,
  FUZZ_FIXTURES,
  instructionAt,
  loadCases,
  SIGSEGV,
  TEXT_ADDRESS,
} from '../test/oracle/fuzz-cases';

/** One output record: status (8: signal, si_code, CC, 0, trap offset), 16 registers, the buffer. */
const RECORD = 8 + 128 + BUFFER_SIZE;

const HARNESS = `
        .section .fuzzbuf,"aw",@nobits
        .balign 4096
fuzzbuf: .space ${BUFFER_SIZE}

        .bss
        .balign 8
sv_r1:  .space 8
sv_ipm: .space 8
cur:    .space 8
out:    .space ${RECORD}
        .balign 4096
altstack: .space 65536

        .data
        .balign 8
# struct sigaction: handler, SA_SIGINFO | SA_RESTORER | SA_ONSTACK, restorer, empty mask
act:    .quad handler, 0x0c000004, restorer, 0
# stack_t for sigaltstack
ss:     .quad altstack
        .long 0, 0
        .quad 65536

        .text
        .globl _start
_start: larl %r2,ss
        lghi %r3,0
        svc 186                         # sigaltstack
        lghi %r2,4                      # SIGILL
        larl %r3,act
        lghi %r4,0
        lghi %r5,8
        svc 174                         # rt_sigaction
        lghi %r2,8                      # SIGFPE
        svc 174
        lghi %r2,11                     # SIGSEGV
        svc 174
        larl %r10,cases
        stgrl %r10,cur
next:   lgrl %r10,cur
        lg %r2,0(%r10)                  # the case's entry (LMG, its code, JG case_done)
        ltgr %r2,%r2
        jz done
        lg %r1,8(%r10)                  # its initial state: registers, SPM word, buffer
        larl %r4,fuzzbuf
        mvc 0(256,%r4),136(%r1)
        mvc 256(256,%r4),392(%r1)
        l %r3,132(%r1)
        spm %r3
        br %r2
case_done:
        sam64
        stgrl %r1,sv_r1
        ipm %r1
        stgrl %r1,sv_ipm
        larl %r1,out
        stmg %r0,%r15,8(%r1)
        lghi %r0,0
        spm %r0
        lgrl %r0,sv_r1
        stg %r0,16(%r1)
        lgrl %r0,sv_ipm
        srl %r0,28
        nill %r0,3
        xc 0(8,%r1),0(%r1)
        stc %r0,2(%r1)
        j emit
resume: sam64
        lghi %r0,0
        spm %r0
emit:   larl %r1,out
        larl %r4,fuzzbuf
        mvc 136(256,%r1),0(%r4)
        mvc 392(256,%r1),256(%r4)
        lghi %r2,1
        lgr %r3,%r1
        lghi %r4,${RECORD}
        svc 4                           # write(1, out, RECORD)
        lgrl %r10,cur
        aghi %r10,24
        stgrl %r10,cur
        j next
done:   lghi %r2,0
        svc 1                           # exit(0)

# handler(signal, siginfo, ucontext): the ucontext's _sigregs start at 40 (PSW mask, address, GPRs)
handler:
        larl %r1,out
        stc %r2,0(%r1)
        l %r0,8(%r3)                    # si_code
        stc %r0,1(%r1)
        lg %r0,40(%r4)
        srlg %r0,%r0,44                 # PSW bits 18-19: the CC
        nill %r0,3
        stc %r0,2(%r1)
        mvi 3(%r1),0
        lg %r0,48(%r4)
        lgrl %r5,cur
        sg %r0,16(%r5)                  # PSW address relative to the case's first instruction
        st %r0,4(%r1)
        mvc 8(128,%r1),56(%r4)
        larl %r0,resume
        stg %r0,48(%r4)
        br %r14
restorer:
        svc 173                         # rt_sigreturn
`;

const { cases } = loadCases();
const lines: string[] = [HARNESS];
cases.forEach((c, i) => {
  const code = [...bytesOfHex(c.code)].map((b) => `0x${b.toString(16)}`).join(',');
  const sam = c.mode === 64 ? '' : ` sam${c.mode};`;
  lines.push(`snip_${i}:${sam} lmg %r0,%r15,0(%r1)`, `code_${i}: .byte ${code}`, '        jg case_done');
});
lines.push('        .section .rodata', '        .balign 8', 'cases:');
cases.forEach((_, i) => {
  lines.push(`        .quad snip_${i}, init_${i}, code_${i}`);
});
lines.push('        .quad 0, 0, 0');
cases.forEach((c, i) => {
  const spm = ((c.cc << 28) | (c.pm << 24)) >>> 0;
  const buf = bufferBytes(c);
  const quads: string[] = [];
  for (let j = 0; j < BUFFER_SIZE; j += 8)
    quads.push(`0x${Buffer.from(buf.subarray(j, j + 8)).toString('hex')}`);
  lines.push(`init_${i}: .quad ${c.regs.map((r) => `0x${r}`).join(',')}`, `        .quad ${spm}`);
  for (let j = 0; j < quads.length; j += 8) lines.push(`        .quad ${quads.slice(j, j + 8).join(',')}`);
});
lines.push('        .section .note.GNU-stack,"",@progbits', '');

const tmp = mkdtempSync(join(tmpdir(), 'zvlab-fuzz-'));
try {
  writeFileSync(join(tmp, 'fuzz.s'), lines.join('\n'));
  execFileSync('s390x-linux-gnu-as', ['-m64', '-march=z10', '-o', join(tmp, 'fuzz.o'), join(tmp, 'fuzz.s')]);
  execFileSync('s390x-linux-gnu-ld', [
    '-static',
    '--build-id=none',
    '-z',
    'max-page-size=4096',
    `-Ttext-segment=0x${TEXT_ADDRESS.toString(16)}`,
    `--section-start=.fuzzbuf=0x${BUFFER_ADDRESS.toString(16)}`,
    '-o',
    join(tmp, 'fuzz.elf'),
    join(tmp, 'fuzz.o'),
  ]);
  const elf = parseElf(new Uint8Array(readFileSync(join(tmp, 'fuzz.elf'))));
  if (symbolAddress(elf, 'fuzzbuf') !== BUFFER_ADDRESS)
    throw new Error('fuzz-golden: the buffer is not at BUFFER_ADDRESS');
  const output = execFileSync('qemu-s390x', [join(tmp, 'fuzz.elf')], {
    maxBuffer: 1 << 28,
    timeout: 600_000,
  });
  if (output.length !== cases.length * RECORD) {
    throw new Error(
      `fuzz-golden: qemu-s390x wrote ${output.length / RECORD} records for ${cases.length} cases`,
    );
  }
  const results: FuzzResult[] = cases.map((c, i) => {
    const at = symbolAddress(elf, `code_${i}`);
    const rec = output.subarray(i * RECORD, (i + 1) * RECORD);
    const regs: [number, string][] = [];
    for (let r = 0; r < 16; r++) {
      const v = rec.subarray(8 + r * 8, 16 + r * 8).toString('hex');
      if (v !== c.regs[r]) regs.push([r, v]);
    }
    const signal = rec[0];
    const trap =
      signal === 0
        ? null
        : {
            signal,
            code: rec[1],
            instruction: trappingInstruction(c.code, signal, rec.readInt32BE(4), c.id),
          };
    const buffer = byteDiff(bufferBytes(c), new Uint8Array(rec.subarray(136, 136 + BUFFER_SIZE)));
    return { id: c.id, at, regs, cc: rec[2], buffer, trap };
  });
  const qemu = execFileSync('qemu-s390x', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  const casesSha256 = createHash('sha256')
    .update(readFileSync(new URL('cases.json', FUZZ_FIXTURES)))
    .digest('hex');
  const body = results.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  writeFileSync(
    new URL('expected.json', FUZZ_FIXTURES),
    `{\n  "generator": "scripts/regen-fuzz.sh",\n  "oracle": ${JSON.stringify(qemu)},\n  "casesSha256": "${casesSha256}",\n  "results": [\n${body}\n  ]\n}\n`,
  );
  const traps = results.filter((r) => r.trap !== null).length;
  console.log(`fuzz-golden: ${results.length} cases under qemu-s390x, ${traps} trapped`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/**
 * The index of the instruction a trap came from. For SIGILL and SIGFPE the PSW points after it;
 * for SIGSEGV (an access exception, restarted by Linux) at it.
 */
function trappingInstruction(hex: string, signal: number, offset: number, id: string): number {
  const i = instructionAt(hex, offset, signal === SIGSEGV);
  if (i < 0)
    throw new Error(
      `fuzz-golden: ${id}: signal ${signal} with the PSW at offset ${offset}, not an instruction boundary`,
    );
  return i;
}
