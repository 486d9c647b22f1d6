import type { Cpu } from './cpu';

/** Kind of storage access, for the translator and the key checks. */
export const ACCESS_FETCH = 0;
export const ACCESS_STORE = 1;
export const ACCESS_INSTRUCTION = 2;

/**
 * Logical → real translation (DAT, reference/domain-architecture.md §4). Installed on a CPU as
 * `cpu.translator` by the DAT implementation and consulted only while PSW bit 5 is on; it raises
 * translation exceptions through `cpu.programException(code)` (and stores the TEID itself). The CPU
 * applies prefixing, the addressing check and key-controlled protection after it. A translator that
 * caches (a TLB) is purged on PTLB, IPTE, SPX and reset, and must then also call `cpu.invalidateFetch()`
 * so the CPU's code-page and operand-page caches are looked up again.
 */
export interface AddressTranslator {
  translate(cpu: Cpu, address: number, access: number): number;
  /** Forgets every cached translation (PTLB, SPX, CPU reset). */
  purge(): void;
}
