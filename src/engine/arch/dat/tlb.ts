/** Entries of a CPU's TLB: direct-mapped by the low bits of the logical page number. */
export const TLB_ENTRIES = 512;
const INDEX_MASK = TLB_ENTRIES - 1;
const TWO32 = 0x1_0000_0000;

/**
 * The software translation-lookaside buffer of one CPU (reference/domain-architecture.md §4.5):
 * successful translations tagged by the whole ASCE that made them, so that loading CR1, CR7 or CR13
 * needs no purge (the architecture does not promise one) and an ASCE that comes back finds its
 * entries again. Typed arrays only: a lookup allocates nothing and involves no BigInt.
 */
export class TranslationLookasideBuffer {
  /** Logical page address (address minus byte index) per entry; -1 marks an empty entry. */
  readonly page = new Float64Array(TLB_ENTRIES).fill(-1);
  readonly asceHi = new Int32Array(TLB_ENTRIES);
  readonly asceLo = new Int32Array(TLB_ENTRIES);
  /** Real address of the page frame. */
  readonly frame = new Float64Array(TLB_ENTRIES);
  /** Absolute address of the page-table entry the translation came from (IPTE purges by it). */
  readonly pte = new Float64Array(TLB_ENTRIES);
  /** 1: DAT-protected (a store is a protection exception). */
  readonly protect = new Uint8Array(TLB_ENTRIES);

  /** The entry an address maps to. */
  static indexOf(address: number): number {
    return (address < TWO32 ? address >>> 12 : Math.floor(address / 4096)) & INDEX_MASK;
  }

  fill(
    i: number,
    page: number,
    asceHi: number,
    asceLo: number,
    frame: number,
    pte: number,
    protect: boolean,
  ): void {
    this.page[i] = page;
    this.asceHi[i] = asceHi;
    this.asceLo[i] = asceLo;
    this.frame[i] = frame;
    this.pte[i] = pte;
    this.protect[i] = protect ? 1 : 0;
  }

  /** PTLB, SPX, reset: forget everything. */
  purgeAll(): void {
    this.page.fill(-1);
  }

  /** IPTE: forget the translations made from the page-table entry at absolute `pte`; whether any were. */
  purgePageTableEntry(pte: number): boolean {
    let any = false;
    for (let i = 0; i < TLB_ENTRIES; i++) {
      if (this.pte[i] === pte && this.page[i] >= 0) {
        this.page[i] = -1;
        any = true;
      }
    }
    return any;
  }
}
