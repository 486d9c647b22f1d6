/**
 * Runs one differential-fuzzer case on zvlab's CPU the way the qemu-s390x harness runs it: the
 * buffer at BUFFER_ADDRESS, the instruction bytes at the address they had in the harness ELF, the
 * registers, CC and program mask loaded, problem state, the case's addressing mode. The case ends at an SVC placed
 * after its instructions, or at the first program interruption (mapped to the Linux signal).
 */
import { Cpu } from '../../src/engine/arch/cpu';
import { compileBlock } from '../../src/engine/arch/block-compiler';
import { FRAME_SIZE, MainStorage } from '../../src/engine/arch/main-storage';
import { programCodeNullifies } from '../../src/engine/arch/program-interruption';
import {
  BUFFER_ADDRESS,
  BUFFER_SIZE,
  bufferBytes,
  bytesOfHex,
  type FuzzCase,
  type FuzzTrap,
  instructionAt,
  signalOf,
} from './fuzz-cases';

const STORAGE_SIZE = 4 << 20;
const SVC_WAIT = 0x5c0;
const PGM_WAIT = 0x5e0;
/** A disabled-wait z/Architecture PSW mask (64-bit mode). */
const WAIT_MASK = 0x0002_0001_8000_0000n;
/** SVC 255: the end of every case. */
const END = Uint8Array.from([0x0a, 0xff]);

export interface ZvlabOutcome {
  readonly regs: readonly string[];
  readonly cc: number;
  readonly buffer: Uint8Array;
  readonly trap: FuzzTrap | null;
  /** The program-interruption code when trapped (for messages). */
  readonly programCode: number;
}

/** One machine per execution mode, reused case after case. */
export class FuzzMachine {
  private readonly storage = new MainStorage(STORAGE_SIZE);
  private readonly cpu: Cpu;
  /** Cases that ran as a compiled block (compiled mode; a case trapping at its first instruction cannot). */
  compiledCases = 0;

  /** compiled: every case runs as a compiled block (after one interpreted run decodes it). */
  constructor(private readonly compiled: boolean) {
    this.cpu = new Cpu({ address: 0, storage: this.storage });
    this.cpu.compileBlocks = false;
    const psw = (address: number) => {
      const b = new Uint8Array(16);
      const v = new DataView(b.buffer);
      v.setBigUint64(0, WAIT_MASK);
      v.setBigUint64(8, BigInt(address));
      return b;
    };
    this.storage.load(0x1c0, psw(SVC_WAIT));
    this.storage.load(0x1d0, psw(PGM_WAIT));
  }

  run(c: FuzzCase, at: number): ZvlabOutcome {
    const code = bytesOfHex(c.code);
    this.storage.load(at, code);
    this.storage.load(at + code.length, END);
    if (this.compiled) {
      this.execute(c, at);
      const page = this.cpu.code.page(Math.floor(at / FRAME_SIZE));
      const block = compileBlock(page, (at % FRAME_SIZE) >> 1, this.cpu, at - (at % FRAME_SIZE));
      if (block !== null) {
        page.addBlock(block);
        this.compiledCases++;
      }
      this.cpu.compileBlocks = true;
    }
    const outcome = this.execute(c, at);
    this.cpu.compileBlocks = false;
    return outcome;
  }

  private execute(c: FuzzCase, at: number): ZvlabOutcome {
    const { cpu, storage } = this;
    storage.load(BUFFER_ADDRESS, bufferBytes(c));
    c.regs.forEach((r, i) => {
      cpu.setGpr(i, BigInt(`0x${r}`));
    });
    const amode = c.mode === 64 ? 0x1_8000_0000n : c.mode === 31 ? 0x8000_0000n : 0n;
    const mask = 0x0001_0000_0000_0000n | amode | (BigInt(c.cc) << 44n) | (BigInt(c.pm) << 40n);
    cpu.setPsw(mask, BigInt(at));
    cpu.start();
    for (let i = 0; i < 100 && !cpu.waiting && cpu.state === 'operating'; i++) cpu.run(1000);
    const regs = Array.from({ length: 16 }, (_, r) => cpu.getGpr(r).toString(16).padStart(16, '0'));
    const buffer = storage.read(BUFFER_ADDRESS, BUFFER_SIZE).slice();
    if (cpu.ia === SVC_WAIT) {
      return { regs, cc: (storage.readU32(0x140) >>> 12) & 3, buffer, trap: null, programCode: 0 };
    }
    if (cpu.ia !== PGM_WAIT)
      throw new Error(`${c.id}: zvlab stopped at ${cpu.pswHex()} (${cpu.checkStopReason})`);
    const programCode = storage.readU16(0x8e);
    const old = Number(storage.readU32(0x158)) * 2 ** 32 + storage.readU32(0x15c);
    const signal = signalOf(programCode);
    const instruction = instructionAt(c.code, old - at, programCodeNullifies(programCode));
    const trap =
      signal === null || instruction < 0
        ? { signal: 0, code: programCode, instruction }
        : { ...signal, instruction };
    return { regs, cc: (storage.readU32(0x150) >>> 12) & 3, buffer, trap, programCode };
  }
}
