import {
  LC_EXTERNAL_NEW_PSW,
  LC_EXTERNAL_OLD_PSW,
  LC_IO_NEW_PSW,
  LC_IO_OLD_PSW,
  LC_MCHECK_NEW_PSW,
  LC_MCHECK_OLD_PSW,
  LC_PROGRAM_NEW_PSW,
  LC_PROGRAM_OLD_PSW,
  LC_RESTART_NEW_PSW,
  LC_RESTART_OLD_PSW,
  LC_SVC_NEW_PSW,
  LC_SVC_OLD_PSW,
} from './low-core';

/** The six interruption classes (reference/domain-architecture.md §3.5). */
export type InterruptionClass = 'restart' | 'external' | 'svc' | 'program' | 'machine-check' | 'io';

/** Old/new PSW slots of each class in the low core. */
export const PSW_SLOTS: Readonly<Record<InterruptionClass, { old: number; new: number }>> = {
  restart: { old: LC_RESTART_OLD_PSW, new: LC_RESTART_NEW_PSW },
  external: { old: LC_EXTERNAL_OLD_PSW, new: LC_EXTERNAL_NEW_PSW },
  svc: { old: LC_SVC_OLD_PSW, new: LC_SVC_NEW_PSW },
  program: { old: LC_PROGRAM_OLD_PSW, new: LC_PROGRAM_NEW_PSW },
  'machine-check': { old: LC_MCHECK_OLD_PSW, new: LC_MCHECK_NEW_PSW },
  io: { old: LC_IO_OLD_PSW, new: LC_IO_NEW_PSW },
};

/** What `onInterruption` is told: used by `zvlab exec --json` and the trace view. */
export interface InterruptionEvent {
  readonly class: InterruptionClass;
  readonly code: number;
  /** The stored old PSW, 32 hex digits. */
  readonly oldPsw: string;
}

/**
 * A pending external interruption condition (§5.4). `subclassMask` is the CR0 bit (in bits 32-63,
 * e.g. 0x0800 for the clock comparator) that must be 1 for it to be presented.
 */
export interface ExternalCondition {
  readonly code: number;
  readonly subclassMask: number;
  readonly parameter?: number;
  readonly cpuAddress?: number;
}

/** The I/O interruption presented to a CPU (§6.7): the channel subsystem supplies it through `IoInterruptionSource`. */
export interface IoInterruption {
  readonly subsystemId: number;
  readonly parameter: number;
  readonly idWord: number;
}

/**
 * Implemented by the channel subsystem: `take` dequeues the highest-priority pending I/O interruption
 * whose ISC is enabled in `iscMask` (CR6 bits 32-39 as an 8-bit mask, ISC 0 = 0x80), or returns null.
 */
export interface IoInterruptionSource {
  pending(iscMask: number): boolean;
  take(iscMask: number): IoInterruption | null;
}
