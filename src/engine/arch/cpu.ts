import type { AddressTranslator } from './address-translation';
import type { ChannelSubsystemPort } from './channel-port';
import * as addressTranslationModule from './address-translation';
import * as blockCompilerModule from './block-compiler';
import { CodeCache, type CodePage, type Handler } from './code-cache';
import { DynamicAddressTranslator } from './dat/dynamic-address-translator';
import * as decodeModule from './decode';
import type { ArchitectureMode } from './esa390';
import * as esa390Module from './esa390';
import type {
  ExternalCondition,
  InterruptionClass,
  InterruptionEvent,
  IoInterruptionSource,
} from './interruptions';
import * as interruptionsModule from './interruptions';
import * as lowCoreModule from './low-core';
import type { MainStorage } from './main-storage';
import * as mainStorageModule from './main-storage';
import * as programInterruptionModule from './program-interruption';
import * as pswModule from './psw';
import * as todClockModule from './tod-clock';
import { CpuTimers } from './cpu-timers';
import { SignalConditions } from './signal-conditions';
import type { ServiceCallPort } from './service-call';
import type { CpuConfiguration } from './sigp';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const { ACCESS_FETCH, ACCESS_INSTRUCTION, ACCESS_STORE } = addressTranslationModule;
const { compileBlock, HOT_THRESHOLD } = blockCompilerModule;
const { decodeAndRun, decodeEsa390, decodeInstruction } = decodeModule;
const { ESA390_PSW_SLOTS, esa390PswInvalid, esa390Word0, esa390Word1, IPL_PSW_ADDRESS } = esa390Module;
const { PSW_SLOTS } = interruptionsModule;
const { TOD_BASE_US } = todClockModule;
const {
  LC_EXT_CODE,
  LC_EXT_CPU_ADDRESS,
  LC_EXT_PARAMETER,
  LC_IO_ID_WORD,
  LC_IO_PARAMETER,
  LC_PGM_CODE,
  LC_PGM_ILC,
  LC_SUBSYSTEM_ID,
  LC_SVC_CODE,
  LC_SVC_ILC,
  PREFIX_AREA_SIZE,
  PREFIX_MASK,
} = lowCoreModule;
const { AddressingException, FRAME_SIZE, KEY_CHANGE, KEY_REFERENCE } = mainStorageModule;
const {
  PGM_ADDRESSING,
  PGM_PROTECTION,
  PGM_SPECIFICATION,
  PROGRAM_INTERRUPTION,
  programCodeNullifies,
  RUN_EXIT,
} = programInterruptionModule;
const {
  AMODE_24,
  AMODE_31,
  AMODE_64,
  amodeOf,
  PSW_CC,
  PSW_CC_SHIFT,
  PSW_DAT,
  PSW_EXT,
  PSW_IO,
  PSW_KEY,
  PSW_KEY_SHIFT,
  PSW_PROBLEM,
  PSW_SHORT_BIT,
  PSW_W1_BA,
  PSW_WAIT,
  pswInvalid,
  pswToHex,
} = pswModule;

/** Why `run` returned. */
export type StopReason = 'wait' | 'limit' | 'check-stop' | 'stopped';
/** The CPU's operator-visible state; the wait state is a PSW bit on an operating CPU. */
export type CpuState = 'stopped' | 'operating' | 'check-stop';

/**
 * DIAGNOSE (83): the host's hypercall hook. Return false for an unsupported function code
 * (specification exception); it may set registers, the CC, or raise program exceptions.
 */
export type DiagnoseHook = (cpu: Cpu, r1: number, r3: number, address: number) => boolean;

/**
 * A source of external interruption conditions (clock comparator, CPU timer, SCLP, SIGP), polled
 * when the CPU looks at interruptions (run start, after PSW/CR changes, in an enabled wait).
 */
export interface ExternalSource {
  /** Whether a condition enabled by CR0 bits 32-63 `cr0` is pending. */
  pending(cpu: Cpu, cr0: number): boolean;
  /** Removes (or, for conditions that persist, just reports) a condition enabled by `cr0`, or null. */
  take(cpu: Cpu, cr0: number): ExternalCondition | null;
}

export interface CpuOptions {
  /** The CPU address (STAP, SIGP). */
  readonly address: number;
  readonly storage: MainStorage;
  /** The decoders for this CPU's code pages and EX targets, per mode (a SIE guest's add its interceptions). */
  readonly decoders?: Decoders;
  /** Virtual time in ns, for STCK/STCKE. Defaults to a clock standing at 0. */
  readonly todNs?: () => number;
  readonly diagnose?: DiagnoseHook;
  readonly onInterruption?: (e: InterruptionEvent) => void;
}

const TWO32 = 0x1_0000_0000;

const EMPTY_FRAME = new Uint8Array(FRAME_SIZE);
/**
 * Page base of an empty operand cache: far enough below 0 that `address - base` is beyond a page
 * for every address (-1 would make addresses 0-4094 hit the stale frame one byte off).
 */
const NO_PAGE = -2 * FRAME_SIZE;

/** Most instructions per call of the hot loop. */
const INNER_RUN = 8192;

const codeCaches = new WeakMap<MainStorage, CodeCache>();

/**
 * Told about a program interruption before it is delivered (code, ILC; the PSW already points where
 * the old PSW would): returning true takes it away from the CPU, which then stops (SIE interception).
 */
export type ProgramInterception = (code: number, ilc: number) => boolean;

/** A decoder: (first halfword, bytes 2-5, fields, index) → handler. */
export type Decoder = (hw: number, w: number, f: Int32Array, k: number) => Handler;

/** The decoder of each architectural mode. */
export interface Decoders {
  readonly z: Decoder;
  readonly esa390: Decoder;
}

/** One decoded-instruction cache per main storage, shared by all CPUs attached to it. */
export function codeCacheOf(storage: MainStorage): CodeCache {
  let cache = codeCaches.get(storage);
  if (cache === undefined) {
    cache = new CodeCache(storage, decodeAndRun);
    codeCaches.set(storage, cache);
  }
  return cache;
}

/**
 * One z/Architecture CPU. The state that handlers touch is public for speed (gh/gl, cc, ...); tools use
 * the BigInt accessors. Run with a budget: `run(n)` executes up to n instructions and says why it stopped.
 */
export class Cpu {
  readonly address: number;
  readonly storage: MainStorage;
  readonly code: CodeCache;
  todNs: () => number;
  diagnose: DiagnoseHook | null;
  onInterruption: ((e: InterruptionEvent) => void) | null;
  translator: AddressTranslator | null = null;
  ioSource: IoInterruptionSource | null = null;
  programInterception: ProgramInterception | null = null;
  /** The channel subsystem the I/O instructions talk to (none: every subchannel is not operational). */
  channel: ChannelSubsystemPort | null = null;
  /** The SCLP behind SERVICE CALL (installed by the Machine); null: SERVC answers CC 3. */
  serviceCall: ServiceCallPort | null = null;
  readonly externalSources: ExternalSource[] = [];
  /** The CPUs SIGP can address (installed by the Machine); null: this CPU alone. */
  configuration: CpuConfiguration | null = null;
  /** Emergency signals and the external call pending here (raised by other CPUs' SIGP). */
  readonly signals = new SignalConditions();
  /** TOD-clock setting, clock comparator and CPU timer. */
  readonly timers: CpuTimers = new CpuTimers(this);

  /** General registers: bits 0-31 and bits 32-63 of each, as int32. */
  readonly gh = new Int32Array(16);
  readonly gl = new Int32Array(16);
  /** Floating-point registers, as the GPRs: high and low 32-bit halves of each 64-bit FPR. */
  readonly fh = new Int32Array(16);
  readonly fl = new Int32Array(16);
  /** Control registers, same split. */
  readonly crh = new Int32Array(16);
  readonly crl = new Int32Array(16);
  /** Access registers (kept, not interpreted). */
  readonly ar = new Int32Array(16);

  /** PSW bits 0-31 with the CC field kept at zero (the CC lives in `cc`). */
  w0 = 0;
  /** PSW bits 32-63. */
  w1 = 0;
  /** Instruction address (PSW bits 64-127). */
  ia = 0;
  cc = 0;
  /** AMODE_24 | AMODE_31 | AMODE_64 (derived from the PSW). */
  amode = AMODE_24;
  /** PSW key (derived). */
  key = 0;
  /** Problem state (derived). */
  problem = false;
  /** DAT on and a translator installed (derived). */
  dat = false;
  /** CR0 low-address protection (derived). */
  lowAddressProtection = false;
  prefix = 0;
  state: CpuState = 'stopped';
  checkStopReason = '';
  instructionCount = 0;

  /** Nonzero: the run loop leaves the inner loop after this instruction to look at interruptions. */
  attention = 0;
  /** Address of the instruction being executed (for program interruptions). */
  iaCur = 0;
  /** Set by a compiled block: instructions it completed; on a fault, the faulting address (else -1). */
  blockDone = 0;
  blockFault = -1;
  /** Use compiled blocks (false: the plain interpreter only). */
  compileBlocks = true;
  pendingProgramCode = 0;
  /** The pending program exception is recognized early (PSW load, fetch): ILC 0, IA not advanced. */
  pendingEarly = false;
  /** Set by EX while its target runs. */
  executing = false;
  readonly exFields = new Int32Array(4);
  /** Address after the EX whose target is running (SVC under EX returns there). */
  exNext = 0;
  /** The decoder, for EX targets: (first halfword, bytes 2-5, fields, index) → handler. */
  decode: Decoder = decodeInstruction;
  private readonly decoders: Decoders;
  /** ESA/390 architectural mode (8-byte PSWs, no z-only rows); false: z/Architecture. See esa390.ts. */
  esa390 = false;
  /** Scratch for 64-bit operand reads: high and low halves of the last `rd64`. */
  vh = 0;
  vl = 0;
  /** The code page the instruction address is in, and its logical base; -1 forces a new lookup. */
  curPage: CodePage | null = null;
  curBase = -1;
  private readonly externalQueue: ExternalCondition[] = [];
  /** Instructions credited by `creditInstructions`, not yet in the count. */
  private credited = 0;
  private lastTodHi = 0;
  private lastTodLo = 0;

  constructor(options: CpuOptions) {
    this.address = options.address;
    this.storage = options.storage;
    this.code = codeCacheOf(options.storage);
    this.decoders = options.decoders ?? { z: decodeInstruction, esa390: decodeEsa390 };
    this.decode = this.decoders.z;
    this.todNs = options.todNs ?? (() => 0);
    this.diagnose = options.diagnose ?? null;
    this.onInterruption = options.onInterruption ?? null;
    this.translator = new DynamicAddressTranslator(this);
    this.externalSources.push(this.signals, this.timers);
    this.initialReset();
  }

  /** Initial CPU reset (§3.7): PSW, prefix, CRs as after power-on; the CPU is left stopped. */
  initialReset(): void {
    this.gh.fill(0);
    this.gl.fill(0);
    this.fh.fill(0);
    this.fl.fill(0);
    this.crh.fill(0);
    this.crl.fill(0);
    this.ar.fill(0);
    this.crl[0] = 0x0000_00e0;
    this.crl[14] = 0xc200_0000 | 0;
    this.prefix = 0;
    this.translator?.purge();
    this.setPswWords(0, 0, 0);
    this.state = 'stopped';
    this.checkStopReason = '';
    this.signals.clear();
    this.timers.reset();
  }

  // ---- tools / debugger view (BigInt allowed here) ----

  getGpr(r: number): bigint {
    return (BigInt(this.gh[r] >>> 0) << 32n) | BigInt(this.gl[r] >>> 0);
  }

  setGpr(r: number, v: bigint): void {
    const u = BigInt.asUintN(64, v);
    this.gh[r] = Number(u >> 32n) | 0;
    this.gl[r] = Number(u & 0xffff_ffffn) | 0;
  }

  getCr(r: number): bigint {
    return (BigInt(this.crh[r] >>> 0) << 32n) | BigInt(this.crl[r] >>> 0);
  }

  setCr(r: number, v: bigint): void {
    const u = BigInt.asUintN(64, v);
    this.crh[r] = Number(u >> 32n) | 0;
    this.crl[r] = Number(u & 0xffff_ffffn) | 0;
    this.controlRegistersChanged();
  }

  getPsw(): { mask: bigint; address: bigint } {
    const w0 = this.pswW0();
    return {
      mask: (BigInt(w0 >>> 0) << 32n) | BigInt(this.w1 >>> 0),
      address: BigInt(this.ia),
    };
  }

  /** Loads a 16-byte PSW as the operator would; no validity check (an invalid one fails on the first fetch). */
  setPsw(mask: bigint, address: bigint): void {
    const m = BigInt.asUintN(64, mask);
    this.setPswWords(Number(m >> 32n) | 0, Number(m & 0xffff_ffffn) | 0, Number(BigInt.asUintN(64, address)));
  }

  pswHex(): string {
    return pswToHex(this.pswW0(), this.w1, this.ia);
  }

  /** PSW bits 0-31 including the CC. */
  pswW0(): number {
    return this.w0 | (this.cc << PSW_CC_SHIFT);
  }

  get waiting(): boolean {
    return (this.w0 & PSW_WAIT) !== 0;
  }

  /** Wait bit on with I/O and external interruptions disabled: the guest has halted. */
  get disabledWait(): boolean {
    return (this.w0 & PSW_WAIT) !== 0 && (this.w0 & (PSW_IO | PSW_EXT)) === 0;
  }

  /** Sets the PSW from its words; the CC is taken from bits 18-19. Derived fields follow. */
  setPswWords(w0: number, w1: number, address: number): void {
    this.cc = (w0 & PSW_CC) >>> PSW_CC_SHIFT;
    this.w0 = w0 & ~PSW_CC;
    this.w1 = w1 | 0;
    this.ia = address;
    this.pswChanged();
  }

  /** Recomputes what the CPU derives from the PSW and asks the run loop to look at interruptions. */
  pswChanged(): void {
    const w0 = this.w0;
    this.amode = amodeOf(w0, this.w1);
    this.key = (w0 & PSW_KEY) >>> PSW_KEY_SHIFT;
    this.problem = (w0 & PSW_PROBLEM) !== 0;
    this.dat = (w0 & PSW_DAT) !== 0 && this.translator !== null;
    this.curBase = -1;
    this.invalidateOperandCache();
    this.attention = 1;
  }

  /** Loads a PSW from an instruction or interruption; an invalid PSW is a specification exception recognized early. */
  loadPsw(w0: number, w1: number, address: number): void {
    this.setPswWords(w0, w1, address);
    if (pswInvalid(this.w0, this.w1, address) !== null) this.programException(PGM_SPECIFICATION, true);
  }

  /**
   * Loads an 8-byte PSW (LPSW): in z/Architecture mode bit 12 must be one and bit 31 becomes EA;
   * in ESA/390 mode it is the PSW itself (§3.2). Invalid: specification exception recognized early.
   */
  loadShortPsw(word0: number, word1: number): void {
    if (!this.setShortPsw(word0, word1)) this.programException(PGM_SPECIFICATION, true);
  }

  /** Sets the PSW from its 8-byte form; false when that PSW is invalid in the current mode. */
  private setShortPsw(word0: number, word1: number): boolean {
    this.setPswWords(word0 & ~PSW_SHORT_BIT, word1 & PSW_W1_BA, word1 & 0x7fff_ffff);
    if (this.esa390) return esa390PswInvalid(word0, word1) === null;
    return (word0 & PSW_SHORT_BIT) !== 0 && pswInvalid(this.w0, this.w1, this.ia) === null;
  }

  get architecture(): ArchitectureMode {
    return this.esa390 ? 'esa390' : 'z/architecture';
  }

  /**
   * Switches the architectural mode (IPL's system reset → ESA/390, SIGP set architecture §10.2).
   * The PSW keeps its fields and 31-bit address (a 64-bit PSW leaving z/Architecture loses EA and
   * the address bits above 31); decoding starts afresh for the new rules; the TLB is purged.
   * All CPUs of a configuration switch together, since they share the code cache.
   */
  setArchitecture(mode: ArchitectureMode): void {
    const esa = mode === 'esa390';
    if (esa === this.esa390) return;
    this.esa390 = esa;
    this.decode = esa ? this.decoders.esa390 : this.decoders.z;
    this.code.resetDecoding();
    if (esa && this.amode === AMODE_64) this.setPswWords(this.pswW0() & ~1, this.w1, this.ia % 0x8000_0000);
    this.purgeTlb();
  }

  /**
   * The end of a CCW IPL (§10.2 step 3): loads the 8-byte PSW at absolute 0 and starts the CPU.
   * An invalid IPL PSW is a specification exception recognized early, as for LPSW.
   */
  loadIplPsw(): void {
    const s = this.storage;
    this.state = 'operating';
    this.timers.stateChanged();
    if (!this.setShortPsw(s.readS32(IPL_PSW_ADDRESS), s.readS32(IPL_PSW_ADDRESS + 4))) {
      this.pendingProgramCode = PGM_SPECIFICATION;
      this.pendingEarly = true;
      this.deliverProgram();
    }
  }

  /** Purges this CPU's TLB and forgets the translated code and operand pages. */
  purgeTlb(): void {
    this.translator?.purge();
    this.invalidateFetch();
  }

  controlRegistersChanged(): void {
    this.lowAddressProtection = (this.crl[0] & 0x1000_0000) !== 0;
    this.invalidateOperandCache();
    this.attention = 1;
  }

  /** Forgets the code page of the instruction address (after a TLB purge or a translation change). */
  invalidateFetch(): void {
    this.curBase = -1;
    this.invalidateOperandCache();
    this.attention = 1;
  }

  /** Changes only the addressing mode (SAM24/31/64, BSM): the code page stays valid. */
  setAddressingMode(mode: number): void {
    this.w0 = (this.w0 & ~1) | (mode === AMODE_64 ? 1 : 0);
    this.w1 = mode === AMODE_24 ? 0 : 0x8000_0000 | 0;
    this.amode = mode;
  }

  /** Sets the prefix (SPX, SIGP set prefix); the architecture purges the TLB with it (§3.4). */
  setPrefix(value: number): void {
    this.prefix = (value & PREFIX_MASK) >>> 0;
    this.curBase = -1;
    this.invalidateOperandCache();
    this.translator?.purge();
  }

  /** Asks the run loop to leave its inner loop (new external source, operator action). */
  requestAttention(): void {
    this.attention = 1;
  }

  // ---- operator actions ----

  start(): void {
    if (this.state === 'stopped') this.state = 'operating';
    this.timers.stateChanged();
  }

  stop(): void {
    if (this.state === 'operating') this.state = 'stopped';
    this.timers.stateChanged();
  }

  /** Restart interruption (the operator's RESTART key): old PSW to 0x120, new from 0x1A0; the CPU operates. */
  restartInterruption(): void {
    if (this.state === 'check-stop') return;
    this.state = 'operating';
    this.timers.stateChanged();
    this.interrupt('restart', 0);
  }

  /** Queues an external interruption condition; presented when PSW bit 7 and its CR0 subclass bit allow. */
  raiseExternal(condition: ExternalCondition): void {
    this.externalQueue.push(condition);
    this.attention = 1;
  }

  /**
   * Counts `n` instructions run on this CPU's behalf outside its own dispatch (a guest's under the
   * SIE instruction), so that its count, and the virtual time and run budgets that follow it, include
   * them. Ends the current inner run, which adds them before the next instruction.
   */
  creditInstructions(n: number): void {
    this.credited += n;
    this.attention = 1;
  }

  // ---- the run loop ----

  /** Executes up to `maxInstructions`; says why it stopped. A guest fault never escapes as a host error. */
  run(maxInstructions: number): StopReason {
    const target = this.instructionCount + Math.max(0, Math.floor(maxInstructions));
    for (;;) {
      if (this.state !== 'operating') return this.state === 'stopped' ? 'stopped' : 'check-stop';
      if (this.attention !== 0) {
        this.attention = 0;
        this.presentInterruptions();
        if (this.state !== 'operating') continue;
      }
      if ((this.w0 & PSW_WAIT) !== 0) {
        // An enabled wait ends with the first interruption that becomes pending (§3.5).
        if ((this.w0 & (PSW_IO | PSW_EXT)) !== 0 && this.hasPendingInterruption()) {
          this.presentInterruptions();
          continue;
        }
        return 'wait';
      }
      if (this.instructionCount >= target) return 'limit';
      try {
        // Short inner runs: the hot loop is then optimized as a whole function (with feedback for
        // its exit), not only through on-stack replacement of one long-running call.
        this.runInner(Math.min(target, this.instructionCount + INNER_RUN));
      } catch (e) {
        this.recover(e);
      }
      if (this.credited !== 0) {
        this.instructionCount += this.credited;
        this.credited = 0;
      }
    }
  }

  /**
   * The hot loop: dispatch decoded instructions until the budget is spent or attention is asked.
   * The instruction address and count live in locals; a throwing handler leaves them in the catch.
   */
  private runInner(target: number): void {
    let ia = this.ia;
    let n = this.instructionCount;
    if (this.curBase < 0 || this.curPage === null) {
      try {
        this.enterPage(ia);
      } catch (e) {
        this.iaCur = ia;
        throw e;
      }
    }
    let page = this.curPage as CodePage;
    let handlers = page.handlers;
    let fields = page.fields;
    let blocks = page.blocks;
    let heat = page.heat;
    let base = this.curBase;
    const compile = this.compileBlocks;
    try {
      while (n < target) {
        let off = ia - base;
        if (off < 0 || off >= FRAME_SIZE || (off & 1) !== 0) {
          this.enterPage(ia);
          page = this.curPage as CodePage;
          handlers = page.handlers;
          fields = page.fields;
          blocks = page.blocks;
          heat = page.heat;
          base = this.curBase;
          off = ia - base;
        }
        const slot = off >> 1;
        const block = blocks[slot];
        // The count so far is kept current for the virtual clock (`todNs`) that timing instructions
        // read; a compiled block brings it up to date before each handler it calls.
        this.instructionCount = n;
        if (block !== null && compile && target - n >= block.length) {
          ia = block.run(this, fields, base, target - n);
          n += this.blockDone;
        } else {
          n++;
          ia = handlers[slot](this, fields, off << 1, ia);
          if (compile && ++heat[slot] === HOT_THRESHOLD) {
            const b = compileBlock(page, slot, this, base);
            if (b !== null) page.addBlock(b);
          }
        }
        if (this.attention !== 0) break;
      }
    } catch (e) {
      if (this.blockFault >= 0) {
        this.iaCur = this.blockFault;
        n += this.blockDone + 1;
        this.blockFault = -1;
      } else this.iaCur = ia;
      this.instructionCount = n;
      throw e;
    }
    this.ia = ia;
    this.instructionCount = n;
  }

  /** Looks up the code page of instruction address `ia`, applying translation, prefixing and key checks. */
  private enterPage(ia: number): void {
    this.iaCur = ia;
    this.ia = ia;
    this.curBase = -1;
    if ((ia & 1) !== 0) this.programException(PGM_SPECIFICATION, true);
    const a = this.absolute(ia, ACCESS_INSTRUCTION, true);
    const frame = Math.floor(a / FRAME_SIZE);
    this.curPage = this.code.page(frame);
    this.curBase = ia - (ia & (FRAME_SIZE - 1));
  }

  /** Turns whatever a handler threw into an architected event; a host error check-stops the CPU. */
  private recover(e: unknown): void {
    if (e === PROGRAM_INTERRUPTION) {
      this.deliverProgram();
      return;
    }
    if (e instanceof AddressingException) {
      this.pendingProgramCode = PGM_ADDRESSING;
      this.deliverProgram();
      return;
    }
    if (e === RUN_EXIT) {
      this.executing = false;
      this.ia = this.iaCur;
      this.state = 'stopped';
      return;
    }
    this.state = 'check-stop';
    this.checkStopReason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }

  /** Raises a program interruption from inside an instruction (never returns). */
  programException(code: number, early = false): never {
    this.pendingProgramCode = code;
    this.pendingEarly = early;
    throw PROGRAM_INTERRUPTION;
  }

  /** Length in bytes of the instruction at `iaCur` (EX's when under EX). */
  private currentLength(): number {
    const page = this.curPage;
    const off = this.iaCur - this.curBase;
    if (page !== null && this.curBase >= 0 && off >= 0 && off < FRAME_SIZE) return page.lengths[off >>> 1];
    return 0;
  }

  private deliverProgram(): void {
    const code = this.pendingProgramCode;
    const early = this.pendingEarly;
    this.pendingEarly = false;
    this.executing = false;
    let ilen = 0;
    if (!early) {
      // An exception on fetching the instruction leaves its length unknown: the ILC is then
      // arbitrarily 1 (PoP, "ILC on instruction-fetching exceptions"), and the address advances by
      // it only for a suppressing exception (translation specification, addressing of a table).
      ilen = this.currentLength() || 2;
      this.ia = programCodeNullifies(code) ? this.iaCur : this.wrapAddress(this.iaCur + ilen);
    }
    if (this.programInterception?.(code, ilen) === true) {
      this.state = 'stopped';
      return;
    }
    this.writeReal16(LC_PGM_ILC, ilen);
    this.writeReal16(LC_PGM_CODE, code);
    this.interrupt('program', code);
  }

  /** Supervisor call: old PSW points after the SVC (`next`). */
  supervisorCall(code: number, next: number, ilen: number): number {
    this.ia = next;
    this.writeReal16(LC_SVC_ILC, ilen);
    this.writeReal16(LC_SVC_CODE, code);
    this.interrupt('svc', code);
    return this.ia;
  }

  /** Stores the current PSW at the class's old slot and loads its new PSW (§3.5). */
  interrupt(cls: InterruptionClass, code: number): void {
    const slots = this.esa390 ? ESA390_PSW_SLOTS[cls] : PSW_SLOTS[cls];
    const oldPsw = this.pswHex();
    this.storePswReal(slots.old);
    this.onInterruption?.({ class: cls, code, oldPsw });
    if (!this.loadPswReal(slots.new)) {
      if (cls === 'program') {
        this.state = 'check-stop';
        this.checkStopReason = `invalid program new PSW ${this.pswHex()}`;
        return;
      }
      this.pendingProgramCode = PGM_SPECIFICATION;
      this.pendingEarly = true;
      this.deliverProgram();
    }
  }

  /** Presents the highest-priority enabled asynchronous interruption, if any: external, then I/O. */
  private presentInterruptions(): void {
    const w0 = this.w0;
    if ((w0 & PSW_EXT) !== 0) {
      const cr0 = this.crl[0];
      let cond: ExternalCondition | null = null;
      const q = this.externalQueue;
      for (let i = 0; i < q.length; i++) {
        if ((q[i].subclassMask & cr0) !== 0) {
          cond = q[i];
          q.splice(i, 1);
          break;
        }
      }
      for (let i = 0; cond === null && i < this.externalSources.length; i++) {
        cond = this.externalSources[i].take(this, cr0);
      }
      if (cond !== null) {
        this.writeReal16(LC_EXT_CODE, cond.code);
        this.writeReal16(LC_EXT_CPU_ADDRESS, cond.cpuAddress ?? 0);
        if (cond.parameter !== undefined) this.writeReal32(LC_EXT_PARAMETER, cond.parameter);
        this.interrupt('external', cond.code);
        return;
      }
    }
    if ((w0 & PSW_IO) !== 0 && this.ioSource !== null) {
      const iscMask = this.crl[6] >>> 24;
      if (iscMask !== 0 && this.ioSource.pending(iscMask)) {
        const io = this.ioSource.take(iscMask);
        if (io !== null) {
          this.writeReal32(LC_SUBSYSTEM_ID, io.subsystemId);
          this.writeReal32(LC_IO_PARAMETER, io.parameter);
          this.writeReal32(LC_IO_ID_WORD, io.idWord);
          this.interrupt('io', io.subsystemId);
        }
      }
    }
  }

  /** Whether an enabled asynchronous interruption is waiting (for the Machine's idle decisions). */
  hasPendingInterruption(): boolean {
    if ((this.w0 & PSW_EXT) !== 0) {
      const cr0 = this.crl[0];
      if (this.externalQueue.some((c) => (c.subclassMask & cr0) !== 0)) return true;
      if (this.externalSources.some((s) => s.pending(this, cr0))) return true;
    }
    if ((this.w0 & PSW_IO) !== 0 && this.ioSource !== null) {
      const iscMask = this.crl[6] >>> 24;
      if (iscMask !== 0 && this.ioSource.pending(iscMask)) return true;
    }
    return false;
  }

  // ---- addresses ----

  /** Effective address D(X,B) truncated to the addressing mode (§1.4); X or B = 0 means none. */
  ea(x: number, b: number, d: number): number {
    const gl = this.gl;
    if (this.amode !== AMODE_64) {
      let a = d;
      if (x !== 0) a += gl[x];
      if (b !== 0) a += gl[b];
      return this.amode === AMODE_31 ? a & 0x7fff_ffff : a & 0xff_ffff;
    }
    const gh = this.gh;
    let hi = 0;
    let lo = d;
    if (x !== 0) {
      hi += gh[x];
      lo += gl[x] >>> 0;
    }
    if (b !== 0) {
      hi += gh[b];
      lo += gl[b] >>> 0;
    }
    if (hi === 0 && lo >= 0 && lo < TWO32) return lo;
    return this.wide(hi, lo);
  }

  /** hi·2^32 + lo modulo 2^64 as a number (exact below 2^53). */
  wide(hi: number, lo: number): number {
    const carry = Math.floor(lo / TWO32);
    return ((hi + carry) >>> 0) * TWO32 + (lo - carry * TWO32);
  }

  /** An address from register r (branch targets): the whole register in 64-bit mode. */
  regAddress(r: number): number {
    if (this.amode === AMODE_64) return (this.gh[r] >>> 0) * TWO32 + (this.gl[r] >>> 0);
    return this.amode === AMODE_31 ? this.gl[r] & 0x7fff_ffff : this.gl[r] & 0xff_ffff;
  }

  /** Wraps an address computed by addition to the addressing mode. */
  wrapAddress(a: number): number {
    if (this.amode === AMODE_64) {
      if (a >= 0 && a < 2 ** 64) return a;
      return ((a % 2 ** 64) + 2 ** 64) % 2 ** 64;
    }
    return this.amode === AMODE_31 ? a & 0x7fff_ffff : a & 0xff_ffff;
  }

  /** Relative branch target: instruction address + 2 × RI, wrapped. */
  relative(ia: number, ri: number): number {
    const t = ia + ri * 2;
    if (this.amode === AMODE_64) return t >= 0 ? t : t + 2 ** 64;
    return this.amode === AMODE_31 ? t & 0x7fff_ffff : t & 0xff_ffff;
  }

  /** Real → absolute (prefixing, §3.4). */
  realToAbsolute(r: number): number {
    if (r < PREFIX_AREA_SIZE) return r + this.prefix;
    if (r >= this.prefix && r < this.prefix + PREFIX_AREA_SIZE) return r - this.prefix;
    return r;
  }

  /**
   * Logical → absolute for one access (translation, prefixing, addressing, key-controlled protection,
   * low-address protection, reference and change bits). The access must not cross a 4 KiB boundary.
   */
  absolute(a: number, access: number, early = false): number {
    const real = this.dat ? (this.translator as AddressTranslator).translate(this, a, access) : a;
    return this.realAbsolute(real, a, access, early);
  }

  /**
   * Real → absolute for one access by this CPU: prefixing, addressing, low-address protection of the
   * `logical` (effective) address, key-controlled protection, reference and change bits. Used alone by
   * the instructions that take real addresses (LURA, STURA, ...), with `logical` = `real`.
   */
  realAbsolute(real: number, logical: number, access: number, early = false): number {
    let a = real;
    if (a < PREFIX_AREA_SIZE) a += this.prefix;
    else if (a >= this.prefix && a < this.prefix + PREFIX_AREA_SIZE) a -= this.prefix;
    const st = this.storage;
    if (a >= st.size) this.programException(PGM_ADDRESSING, early);
    const frame = a < TWO32 ? a >>> 12 : Math.floor(a / FRAME_SIZE);
    // A SIE guest's frame must be resident before any access is made (nothing half-done).
    if (st.frameSource !== null) st.frameForRead(frame);
    const keys = st.keys;
    const k = keys[frame];
    if (access === ACCESS_STORE) {
      if (this.lowAddressProtection && logical < 4608 && (logical < 512 || logical >= 4096)) {
        this.programException(PGM_PROTECTION);
      }
      if (this.key !== 0 && k >>> 4 !== this.key) this.programException(PGM_PROTECTION);
      if ((k & 6) !== 6) keys[frame] = k | KEY_REFERENCE | KEY_CHANGE;
    } else {
      if (this.key !== 0 && (k & 8) !== 0 && k >>> 4 !== this.key)
        this.programException(PGM_PROTECTION, early);
      if ((k & 4) === 0) keys[frame] = k | KEY_REFERENCE;
    }
    return a;
  }

  // ---- operand access (logical addresses, already wrapped by `ea`) ----

  /*
   * Operand access goes through a one-page cache per direction: the logical page last fetched from
   * (or stored into) and its frame's bytes. A hit skips translation, prefixing and the key checks,
   * whose outcome cannot differ within the page until something changes: the PSW (key, DAT),
   * the prefix, a translation (invalidateFetch), or storage state counted by `storage.epoch`
   * (keys set or reset, frames allocated, frames becoming code). Stores are cached only into frames
   * without decoded instructions and outside the low-address-protected pages.
   */
  // Public for the compiled blocks' inline accesses (block-templates.ts) and MVC's fast path.
  rdBase = NO_PAGE;
  rdFrame: Uint8Array = EMPTY_FRAME;
  rdEpoch = -1;
  wrBase = NO_PAGE;
  wrFrame: Uint8Array = EMPTY_FRAME;
  wrEpoch = -1;
  /** Absolute frame numbers of the cached pages. */
  rdIndex = 0;
  wrIndex = 0;

  /** Forgets the operand-page caches. */
  invalidateOperandCache(): void {
    this.rdBase = NO_PAGE;
    this.wrBase = NO_PAGE;
  }

  /** Translates for a fetch of bytes in one page and remembers the page. */
  fetchPage(a: number): Uint8Array {
    const p = this.absolute(a, ACCESS_FETCH);
    const st = this.storage;
    const index = Math.floor(p / FRAME_SIZE);
    const frame = st.frameForRead(index);
    this.rdIndex = index;
    this.rdBase = a - (a & 0xfff);
    this.rdFrame = frame;
    this.rdEpoch = st.epoch;
    return frame;
  }

  /** Translates for a store into one page; remembers the page when that is safe. */
  storePage(a: number): Uint8Array {
    const p = this.absolute(a, ACCESS_STORE);
    const st = this.storage;
    const index = Math.floor(p / FRAME_SIZE);
    const frame = st.frameForWrite(index);
    if (st.codeFrames[index] === 0 && !(this.lowAddressProtection && a < 0x2000)) {
      this.wrBase = a - (a & 0xfff);
      this.wrIndex = index;
      this.wrFrame = frame;
      this.wrEpoch = st.epoch;
    } else this.wrBase = NO_PAGE;
    return frame;
  }

  rd8(a: number): number {
    const off = a - this.rdBase;
    if (off >= 0 && off < 4096 && this.rdEpoch === this.storage.epoch) return this.rdFrame[off];
    return this.storage.readU8(this.absolute(a, ACCESS_FETCH));
  }

  rdU16(a: number): number {
    let off = a - this.rdBase;
    let f = this.rdFrame;
    if (!(off >= 0 && off <= 4094 && this.rdEpoch === this.storage.epoch)) {
      if ((a & 0xfff) > 0xffe) return (this.rd8(a) << 8) | this.rd8(this.wrapAddress(a + 1));
      f = this.fetchPage(a);
      off = a & 0xfff;
    }
    return (f[off] << 8) | f[off + 1];
  }

  rdS32(a: number): number {
    let off = a - this.rdBase;
    let f = this.rdFrame;
    if (!(off >= 0 && off <= 4092 && this.rdEpoch === this.storage.epoch)) {
      if ((a & 0xfff) > 0xffc) {
        let v = 0;
        for (let i = 0; i < 4; i++) v = (v << 8) | this.rd8(this.wrapAddress(a + i));
        return v;
      }
      f = this.fetchPage(a);
      off = a & 0xfff;
    }
    return (f[off] << 24) | (f[off + 1] << 16) | (f[off + 2] << 8) | f[off + 3];
  }

  /** Reads a doubleword into `vh`/`vl`. */
  rd64(a: number): void {
    let off = a - this.rdBase;
    let f = this.rdFrame;
    if (!(off >= 0 && off <= 4088 && this.rdEpoch === this.storage.epoch)) {
      if ((a & 0xfff) > 0xff8) {
        this.vh = this.rdS32(a);
        this.vl = this.rdS32(this.wrapAddress(a + 4));
        return;
      }
      f = this.fetchPage(a);
      off = a & 0xfff;
    }
    this.vh = (f[off] << 24) | (f[off + 1] << 16) | (f[off + 2] << 8) | f[off + 3];
    this.vl = (f[off + 4] << 24) | (f[off + 5] << 16) | (f[off + 6] << 8) | f[off + 7];
  }

  /** A doubleword operand as a BigInt, for the few instructions that compute on 64-bit values (timers, SIE). */
  rdBig64(a: number): bigint {
    this.rd64(a);
    return (BigInt(this.vh >>> 0) << 32n) | BigInt(this.vl >>> 0);
  }

  /** Stores a BigInt doubleword operand (modulo 2^64). */
  wrBig64(a: number, v: bigint): void {
    const u = BigInt.asUintN(64, v);
    this.wr64(a, Number(u >> 32n) | 0, Number(u & 0xffff_ffffn) | 0);
  }

  wr8(a: number, v: number): void {
    const off = a - this.wrBase;
    if (off >= 0 && off < 4096 && this.wrEpoch === this.storage.epoch) {
      this.wrFrame[off] = v;
      return;
    }
    this.storage.writeU8(this.absolute(a, ACCESS_STORE), v & 0xff);
  }

  wr16(a: number, v: number): void {
    const off = a - this.wrBase;
    if (off >= 0 && off <= 4094 && this.wrEpoch === this.storage.epoch) {
      const f = this.wrFrame;
      f[off] = v >>> 8;
      f[off + 1] = v;
      return;
    }
    if ((a & 0xfff) <= 0xffe) {
      this.storePage(a);
      this.storage.writeU16(this.absolute(a, ACCESS_STORE), v & 0xffff);
      return;
    }
    this.checkStore(a, 2);
    this.wr8(a, v >>> 8);
    this.wr8(this.wrapAddress(a + 1), v);
  }

  wr32(a: number, v: number): void {
    const off = a - this.wrBase;
    if (off >= 0 && off <= 4092 && this.wrEpoch === this.storage.epoch) {
      const f = this.wrFrame;
      f[off] = v >>> 24;
      f[off + 1] = v >>> 16;
      f[off + 2] = v >>> 8;
      f[off + 3] = v;
      return;
    }
    if ((a & 0xfff) <= 0xffc) {
      this.storePage(a);
      this.storage.writeU32(this.absolute(a, ACCESS_STORE), v);
      return;
    }
    this.checkStore(a, 4);
    for (let i = 0; i < 4; i++) this.wr8(this.wrapAddress(a + i), v >>> (24 - 8 * i));
  }

  wr64(a: number, hi: number, lo: number): void {
    const off = a - this.wrBase;
    if (off >= 0 && off <= 4088 && this.wrEpoch === this.storage.epoch) {
      const f = this.wrFrame;
      f[off] = hi >>> 24;
      f[off + 1] = hi >>> 16;
      f[off + 2] = hi >>> 8;
      f[off + 3] = hi;
      f[off + 4] = lo >>> 24;
      f[off + 5] = lo >>> 16;
      f[off + 6] = lo >>> 8;
      f[off + 7] = lo;
      return;
    }
    if ((a & 0xfff) <= 0xff8) {
      this.storePage(a);
      const p = this.absolute(a, ACCESS_STORE);
      this.storage.writeU32(p, hi);
      this.storage.writeU32(p + 4, lo);
      return;
    }
    this.checkStore(a, 8);
    this.wr32(a, hi);
    this.wr32(this.wrapAddress(a + 4), lo);
  }

  /** Checks that every byte of a store is accessible before any byte is stored (suppression). */
  checkStore(a: number, length: number): void {
    this.absolute(a, ACCESS_STORE);
    const last = this.wrapAddress(a + length - 1);
    if ((last & ~0xfff) !== (a & ~0xfff) || last < a) this.absolute(last, ACCESS_STORE);
  }

  /** Checks that every byte of a fetch is accessible. */
  checkFetch(a: number, length: number): void {
    this.absolute(a, ACCESS_FETCH);
    const last = this.wrapAddress(a + length - 1);
    if ((last & ~0xfff) !== (a & ~0xfff) || last < a) this.absolute(last, ACCESS_FETCH);
  }

  /** Instruction bytes (EX target, page-crossing instructions): fetch access with instruction checks. */
  ifetch8(a: number): number {
    return this.storage.readU8(this.absolute(this.wrapAddress(a), ACCESS_INSTRUCTION));
  }

  // ---- real-address access to the prefix area (interruptions, STFL, STPX) ----

  writeReal16(r: number, v: number): void {
    this.storage.writeU16(this.realToAbsolute(r), v & 0xffff);
  }

  writeReal32(r: number, v: number): void {
    this.storage.writeU32(this.realToAbsolute(r), v);
  }

  /** Stores the current PSW at real `r`: 16 bytes, or 8 in ESA/390 mode. */
  private storePswReal(r: number): void {
    const a = this.realToAbsolute(r);
    const s = this.storage;
    if (this.esa390) {
      s.writeU32(a, esa390Word0(this.pswW0()));
      s.writeU32(a + 4, esa390Word1(this.w1, this.ia));
      return;
    }
    const hi = Math.floor(this.ia / TWO32);
    s.writeU32(a, this.pswW0());
    s.writeU32(a + 4, this.w1);
    s.writeU32(a + 8, hi);
    s.writeU32(a + 12, this.ia - hi * TWO32);
  }

  /** Loads the PSW at real `r` (a new-PSW slot): 16 bytes, or 8 in ESA/390 mode; false when invalid. */
  private loadPswReal(r: number): boolean {
    const a = this.realToAbsolute(r);
    const s = this.storage;
    if (this.esa390) return this.setShortPsw(s.readS32(a), s.readS32(a + 4));
    const ia = s.readU32(a + 8) * TWO32 + s.readU32(a + 12);
    this.setPswWords(s.readS32(a), s.readS32(a + 4), ia);
    return pswInvalid(this.w0, this.w1, ia) === null;
  }

  // ---- time ----

  /**
   * The TOD clock (§5.1) from virtual time, made unique and increasing per CPU (bit 63 steps when two
   * reads would be equal). Result in `vh`/`vl`.
   */
  readTod(): void {
    const ns = this.todNs();
    const us = TOD_BASE_US + Math.floor(ns / 1000);
    const frac = Math.floor(((ns % 1000) * 4096) / 1000);
    let hi = Math.floor(us / 0x10_0000);
    let lo = (us - hi * 0x10_0000) * 4096 + frac + (this.timers.todOffsetLo >>> 0);
    // Plus the SCK offset (§5.1), carrying from the low word.
    const carry = lo >= TWO32 ? 1 : 0;
    hi = (hi + this.timers.todOffsetHi + carry) >>> 0;
    lo = (lo - carry * TWO32) >>> 0;
    const lastHi = this.lastTodHi >>> 0;
    const lastLo = this.lastTodLo >>> 0;
    if (hi < lastHi || (hi === lastHi && lo <= lastLo)) {
      hi = lastHi;
      lo = lastLo + 1;
      if (lo > 0xffff_ffff) {
        lo = 0;
        hi = (hi + 1) >>> 0;
      }
    }
    this.lastTodHi = hi | 0;
    this.lastTodLo = lo | 0;
    this.vh = hi | 0;
    this.vl = lo | 0;
  }
}
