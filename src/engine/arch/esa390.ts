import type { InterruptionClass } from './interruptions';
import { PSW_EA, PSW_SHORT_BIT, PSW_W1_BA, pswInvalid } from './psw';

/**
 * The ESA/390 architectural mode, as far as an IPL bootstrap needs it (reference/domain-architecture.md
 * §3.2, §3.3, §10.2): a CCW IPL starts the loaded program in ESA/390 mode with 8-byte PSWs at the
 * ESA/390 low-core slots, 24- or 31-bit addressing only, and no z/Architecture-only instructions,
 * until SIGP set architecture switches to z/Architecture.
 *
 * The CPU keeps one PSW representation for both modes (mask words w0/w1 and the instruction
 * address); these functions translate between it and the 8-byte format stored in storage.
 */
export type ArchitectureMode = 'esa390' | 'z/architecture';

/** ESA/390 low core (§3.3): 8-byte old/new PSW pairs; the interruption codes keep their z offsets. */
export const ESA390_PSW_SLOTS: Readonly<Record<InterruptionClass, { old: number; new: number }>> = {
  restart: { old: 0x008, new: 0x000 },
  external: { old: 0x018, new: 0x058 },
  svc: { old: 0x020, new: 0x060 },
  program: { old: 0x028, new: 0x068 },
  'machine-check': { old: 0x030, new: 0x070 },
  io: { old: 0x038, new: 0x078 },
};

/** Absolute address of the IPL PSW (§10.2 step 3). */
export const IPL_PSW_ADDRESS = 0;

/** Word 0 of the 8-byte form of the CPU's PSW: bit 12 is one (the CC is included by the caller). */
export function esa390Word0(w0: number): number {
  return w0 | PSW_SHORT_BIT;
}

/** Word 1 of the 8-byte form: bit 32 the addressing mode, bits 33-63 the instruction address. */
export function esa390Word1(w1: number, address: number): number {
  return (w1 & PSW_W1_BA) | (address & 0x7fff_ffff);
}

/**
 * Why an 8-byte PSW is invalid in ESA/390 mode, or null: bit 12 must be one, bits 0, 2-4 and
 * 24-31 zero, and a 24-bit address must not use bits 33-39.
 */
export function esa390PswInvalid(word0: number, word1: number): string | null {
  if ((word0 & PSW_SHORT_BIT) === 0) return 'bit 12 is zero';
  if ((word0 & PSW_EA) !== 0) return 'bit 31 is one';
  return pswInvalid(word0 & ~PSW_SHORT_BIT, word1 & PSW_W1_BA, word1 & 0x7fff_ffff);
}
