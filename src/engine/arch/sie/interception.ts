import type { ExternalCondition, IoInterruption } from '../interruptions';

/**
 * Interception codes stored at 0x50 of the state description when SIE ends
 * (reference/domain-architecture.md §10.4; names as KVM's ICPT_*, domain-hypervisors.md §4.3).
 * 0 means no interception: the guest's budget ran out, or a guest page was not resident.
 */
export const ICPT_NONE = 0;
export const ICPT_INSTRUCTION = 4;
export const ICPT_PROGRAM = 8;
export const ICPT_INSTRUCTION_AND_PROGRAM = 12;
export const ICPT_EXTERNAL_REQUEST = 16;
export const ICPT_EXTERNAL_INTERRUPTION = 20;
export const ICPT_IO_REQUEST = 24;
export const ICPT_WAIT = 28;
export const ICPT_VALIDITY = 32;
export const ICPT_STOP = 40;
export const ICPT_OPERATION_EXCEPTION = 44;
export const ICPT_IO_INTERRUPTION = 60;
export const ICPT_IO_INSTRUCTION = 64;

/**
 * Interception controls (state description 0x48, one 32-bit word; bit positions of the SIE2BK bytes
 * IC0-IC3 as in Hercules, which KVM's ICTL_* agree with). A set bit makes the guest's instruction or
 * program interruption end SIE instead of being interpreted.
 */
export const ICTL_OPERATION_EXCEPTION = 0x8000_0000;
export const ICTL_PRIVILEGED_OPERATION = 0x4000_0000;
export const ICTL_PROGRAM_INTERRUPTIONS = 0x2000_0000;
export const ICTL_LPSW = 0x0040_0000;
export const ICTL_SSM = 0x0010_0000;
export const ICTL_STCK = 0x0000_8000;
export const ICTL_ISKE = 0x0000_4000;
export const ICTL_SSKE = 0x0000_2000;
export const ICTL_RRBE = 0x0000_1000;
export const ICTL_SPT = 0x0000_0040;
export const ICTL_SCKC = 0x0000_0020;
/** zvlab's own bit (IC3 bit 7 is unused in SIE2BK): intercept SPX and STPX instead of keeping the prefix in the SD. */
export const ICTL_PREFIX = 0x0000_0001;

/**
 * Execution controls (state description 0x4C): assists that let the CPU interpret what would
 * otherwise intercept. EC0 0x80 external-interruption assist, 0x10 SIGP assist, 0x04 I/O assist;
 * AIV (adapter-interruption virtualization) at KVM's ECA_AIV position.
 */
export const ECA_EXTERNAL_ASSIST = 0x8000_0000;
export const ECA_SIGP_ASSIST = 0x1000_0000;
export const ECA_IO_ASSIST = 0x0400_0000;
export const ECA_ADAPTER_INTERRUPTIONS = 0x0020_0000;

/**
 * Validity-interception reasons (IPB bits 0-15, as KVM reads them). The numbering is zvlab's own:
 * the architecture's list is not public.
 */
export const VALIDITY_PREFIX_OUTSIDE = 0x0002;
export const VALIDITY_STORAGE_UNDEFINED = 0x0003;
export const VALIDITY_STORAGE_OUTSIDE_HOST = 0x0005;
export const VALIDITY_GUEST_CHECK_STOP = 0x1000;

/** What ended a guest's run: an interception, the budget, or a guest page that is not resident. */
export type SieExitKind = 'interception' | 'budget' | 'page-not-resident';

export interface SieExit {
  readonly kind: SieExitKind;
  /** Interception code (ICPT_*), ICPT_NONE unless kind is 'interception'. */
  readonly code: number;
  /** Instruction interceptions (4, 12, 44, 64): bytes 0-1 and 2-5 of the instruction. */
  readonly ipa: number;
  readonly ipb: number;
  /** Program interceptions (8, 12, 44): the interruption code and the ILC in bytes. */
  readonly programCode: number;
  readonly ilc: number;
  /** Validity interceptions (32). */
  readonly validityReason: number;
  /** 'page-not-resident': the guest absolute address whose page the host must make resident. */
  readonly guestAddress: number;
  /** 16 and 20: the external condition waiting (null for a bare intervention request). */
  readonly external: ExternalCondition | null;
  /** 24 and 60: the I/O interruption waiting (null for a bare intervention request). */
  readonly io: IoInterruption | null;
  /** A human reading (trace, validity detail). */
  readonly detail: string;
}

/** An exit with every field defaulted, then `fields` applied. */
export function sieExit(kind: SieExitKind, code: number, fields: Partial<SieExit> = {}): SieExit {
  return {
    kind,
    code,
    ipa: 0,
    ipb: 0,
    programCode: 0,
    ilc: 0,
    validityReason: 0,
    guestAddress: 0,
    external: null,
    io: null,
    detail: '',
    ...fields,
  };
}

/** Counter names per exit, as KVM's per-vCPU exit statistics (domain-hypervisors.md §4.4). */
export const EXIT_NAMES: Readonly<Record<number, string>> = {
  [ICPT_INSTRUCTION]: 'instruction',
  [ICPT_PROGRAM]: 'program-interruption',
  [ICPT_INSTRUCTION_AND_PROGRAM]: 'instruction-and-program',
  [ICPT_EXTERNAL_REQUEST]: 'external-request',
  [ICPT_EXTERNAL_INTERRUPTION]: 'external-interruption',
  [ICPT_IO_REQUEST]: 'io-request',
  [ICPT_WAIT]: 'wait-state',
  [ICPT_VALIDITY]: 'validity',
  [ICPT_STOP]: 'stop-request',
  [ICPT_OPERATION_EXCEPTION]: 'operation-exception',
  [ICPT_IO_INTERRUPTION]: 'io-interruption',
  [ICPT_IO_INSTRUCTION]: 'io-instruction',
};

/** The counter an exit adds to: its interception name, 'budget' or 'page-not-resident'. */
export function exitName(exit: SieExit): string {
  return exit.kind === 'interception' ? EXIT_NAMES[exit.code] : exit.kind;
}
