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
 * caches (a TLB) must be purged on PTLB/IPTE/SPX/LCTL of CR1/7/13; after a purge call
 * `cpu.invalidateFetch()` so the current code page is looked up again.
 */
export interface AddressTranslator {
  translate(cpu: Cpu, address: number, access: number): number;
}
