import type { MainStorage } from '../main-storage';
import type { DynamicAddressTranslator } from './dynamic-address-translator';

/**
 * The translators (one per CPU) that share one main storage: the CPUs an IPTE must reach
 * (reference/domain-architecture.md §4.5, "purges matching TLB entries on all CPUs"). A registry
 * per storage instead of a machine-wide list keeps arch free of the sim layer: whoever attaches a
 * CPU to a storage gets the broadcast for free.
 */
const domains = new WeakMap<MainStorage, Set<DynamicAddressTranslator>>();

export function translatorsSharing(storage: MainStorage): Set<DynamicAddressTranslator> {
  let set = domains.get(storage);
  if (set === undefined) {
    set = new Set();
    domains.set(storage, set);
  }
  return set;
}

/**
 * After the page-table entry at absolute `pte` was invalidated: every CPU on the storage drops the
 * translations made from it, and its one-page operand and code caches (they may hold that page even
 * when its TLB entry has since been replaced).
 */
export function purgePageTableEntryEverywhere(storage: MainStorage, pte: number): void {
  for (const translator of translatorsSharing(storage)) {
    translator.tlb.purgePageTableEntry(pte);
    translator.cpu.invalidateFetch();
  }
}
