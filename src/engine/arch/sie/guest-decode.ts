import type { Handler } from '../code-cache';
import type { Cpu, Decoders } from '../cpu';
import { decodeEsa390, decodeInstruction, endBlocksAfter, mnemonicOf } from '../decode';
import { instructionLength } from '../instruction-formats';
import { INSTRUCTIONS, PRIV, ZONLY } from '../instruction-table';
import {
  ECA_IO_ASSIST,
  ICPT_INSTRUCTION,
  ICPT_IO_INSTRUCTION,
  ICTL_ISKE,
  ICTL_LPSW,
  ICTL_PREFIX,
  ICTL_RRBE,
  ICTL_SCKC,
  ICTL_SPT,
  ICTL_SSKE,
  ICTL_SSM,
  ICTL_STCK,
} from './interception';

// Named imports, read at call time: the SIE instruction's group file makes execute/index → sie →
// decode a cycle, so nothing from decode or cpu may be read while these modules initialize.

/**
 * What a guest CPU's sensitive instructions ask of the SIE vCPU running it: the controls, and the
 * interception itself (records the exit and throws RUN_EXIT, so the instruction is not executed).
 */
export interface Interceptor {
  readonly interceptionControls: number;
  readonly executionControls: number;
  /**
   * Ends the run with an instruction interception `code`; `next` is where the guest PSW points after
   * it (past the instruction, or past EX). A nonzero `programCode` makes it instruction-and-program.
   */
  interceptInstruction(c: Cpu, code: number, ia: number, next: number, programCode: number): never;
  /** After the guest set its prefix natively: the new prefix area must be resident, else nullify. */
  prefixChanged(c: Cpu, oldPrefix: number): void;
}

const interceptors = new WeakMap<Cpu, Interceptor>();

export function attachInterceptor(cpu: Cpu, interceptor: Interceptor): void {
  interceptors.set(cpu, interceptor);
}

/**
 * Which guest instructions end SIE (§10.4 and domain-hypervisors.md §4.4): the code to intercept with
 * under the current controls, 0 to execute natively. `align` is the storage operand's alignment the
 * hardware checks before intercepting (0: no storage operand checked).
 */
interface Rule {
  readonly when: (ictl: number, eca: number) => number;
  readonly align: number;
}

const always = (): number => ICPT_INSTRUCTION;
const under = (bit: number) => (ictl: number) => ((ictl & bit) !== 0 ? ICPT_INSTRUCTION : 0);
/** Channel I/O instructions: the host's channel subsystem completes them; with the I/O assist, as code 64. */
const channelIo = (_ictl: number, eca: number): number =>
  (eca & ECA_IO_ASSIST) !== 0 ? ICPT_IO_INSTRUCTION : ICPT_INSTRUCTION;

const RULES: Readonly<Record<string, Rule>> = {
  DIAG: { when: always, align: 0 },
  SIGP: { when: always, align: 0 },
  SERVC: { when: always, align: 0 },
  SCK: { when: always, align: 8 },
  SIE: { when: always, align: 8 },
  LPSW: { when: under(ICTL_LPSW), align: 8 },
  LPSWE: { when: under(ICTL_LPSW), align: 8 },
  SSM: { when: under(ICTL_SSM), align: 0 },
  ISKE: { when: under(ICTL_ISKE), align: 0 },
  SSKE: { when: under(ICTL_SSKE), align: 0 },
  RRBE: { when: under(ICTL_RRBE), align: 0 },
  STCK: { when: under(ICTL_STCK), align: 0 },
  STCKE: { when: under(ICTL_STCK), align: 0 },
  SPT: { when: under(ICTL_SPT), align: 8 },
  STPT: { when: under(ICTL_SPT), align: 8 },
  SCKC: { when: under(ICTL_SCKC), align: 8 },
  STCKC: { when: under(ICTL_SCKC), align: 8 },
  SPX: { when: under(ICTL_PREFIX), align: 4 },
  STPX: { when: under(ICTL_PREFIX), align: 4 },
};

/** Every channel I/O row of the table (SSCH … STCRW): word-aligned operands where they have one. */
const IO_ROWS = new Set(INSTRUCTIONS.filter((r) => r.group === 'io').map((r) => r.mnemonic));

function ruleOf(mnemonic: string): Rule | undefined {
  if (IO_ROWS.has(mnemonic)) return { when: channelIo, align: 4 };
  return RULES[mnemonic];
}

const ROWS = new Map(INSTRUCTIONS.map((r) => [r.mnemonic, r]));
const guestHandlers = new Map<string, Handler>();

/** The guest's handler for a sensitive instruction, built once per mnemonic around the native one. */
function guestHandler(mnemonic: string, rule: Rule, native: Handler): Handler {
  let h = guestHandlers.get(mnemonic);
  if (h !== undefined) return h;
  const row = ROWS.get(mnemonic);
  const privileged = row !== undefined && (row.flags & PRIV) !== 0;
  const length = row === undefined ? 4 : instructionLength(row.op1);
  const align = rule.align;
  h = endBlocksAfter((c, f, k, ia) => {
    // In the guest's problem state a privileged instruction is the guest's own 0x02, not the host's.
    const sie = interceptors.get(c);
    if (sie === undefined || (privileged && c.problem)) return native(c, f, k, ia);
    const code = rule.when(sie.interceptionControls, sie.executionControls);
    if (code === 0) {
      if (mnemonic !== 'SPX') return native(c, f, k, ia);
      const old = c.prefix;
      const next = native(c, f, k, ia);
      sie.prefixChanged(c, old);
      return next;
    }
    let programCode = 0;
    if (align !== 0 && c.ea(0, f[k + 2], f[k + 3]) % align !== 0) programCode = 0x06;
    const next = c.executing ? c.exNext : c.wrapAddress(ia + length);
    return sie.interceptInstruction(c, code, ia, next, programCode);
  });
  guestHandlers.set(mnemonic, h);
  return h;
}

/** The guest's handler for a decoded instruction: its interception wrapper, or the native handler. */
function guestDecode(native: Handler, hw: number, w: number, esa390: boolean): Handler {
  const mnemonic = mnemonicOf(hw, w);
  const rule = mnemonic === '' ? undefined : ruleOf(mnemonic);
  if (rule === undefined) return native;
  // In ESA/390 mode a z/Architecture-only row stays the operation exception the mode makes it.
  if (esa390 && ((ROWS.get(mnemonic)?.flags ?? 0) & ZONLY) !== 0) return native;
  return guestHandler(mnemonic, rule, native);
}

/**
 * The decoders of a SIE guest CPU (CpuOptions.decoders): the host's decoding in either mode, with the
 * sensitive instructions' handlers replaced by ones that consult the SIE controls. They run once per
 * decoded instruction (code pages keep the result), never per execution.
 */
export const GUEST_DECODERS: Decoders = {
  z: (hw, w, f, k) => guestDecode(decodeInstruction(hw, w, f, k), hw, w, false),
  esa390: (hw, w, f, k) => guestDecode(decodeEsa390(hw, w, f, k), hw, w, true),
};
