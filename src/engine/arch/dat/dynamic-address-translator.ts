import * as addressTranslationModule from '../address-translation';
import type { AddressTranslator } from '../address-translation';
import type { Cpu } from '../cpu';
import * as lowCoreModule from '../low-core';
import * as programInterruptionModule from '../program-interruption';
import * as tableWalkModule from './table-walk';
import { TLB_ENTRIES, TranslationLookasideBuffer } from './tlb';
import { translatorsSharing } from './translation-domain';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const { ACCESS_INSTRUCTION, ACCESS_STORE } = addressTranslationModule;
const { LC_TEID } = lowCoreModule;
const { PGM_ADDRESSING, PGM_PROTECTION, PGM_TRANSLATION_SPECIFICATION } = programInterruptionModule;
const { ASCE_REAL_SPACE, WalkResult, walkTables } = tableWalkModule;

const TWO32 = 0x1_0000_0000;
const INDEX_MASK = TLB_ENTRIES - 1;

/** PSW address-space control (bits 16-17), as word 0 holds it. */
const ASC_SHIFT = 14;
const ASC_SECONDARY = 2;
const ASC_HOME = 3;

/** TEID bits 52-53, fetch/store indication: 01 store, 10 fetch. */
const TEID_STORE = 0x400;
const TEID_FETCH = 0x800;
/** TEID bit 61: the protection exception was DAT protection. */
const TEID_DAT_PROTECTION = 0x4;

/**
 * The control register whose ASCE translates an access (reference/domain-architecture.md §4.1):
 * primary mode CR1; secondary mode CR1 for instructions and CR7 for data; home mode CR13. The
 * access-register mode translates with the primary ASCE, as if every access register held ALET 0:
 * access-list translation is not implemented.
 */
export function asceRegister(w0: number, access: number): number {
  const asc = (w0 >>> ASC_SHIFT) & 3;
  if (asc === ASC_HOME) return 13;
  if (asc === ASC_SECONDARY && access !== ACCESS_INSTRUCTION) return 7;
  return 1;
}

/** TEID bits 62-63: which ASCE was used (00 primary, 10 secondary, 11 home). */
function spaceId(cr: number): number {
  return cr === 1 ? 0 : cr === 7 ? 2 : 3;
}

/**
 * Dynamic address translation for one CPU, installed as `cpu.translator`: a TLB in front of the
 * table walk of table-walk.ts. A hit costs a compare of the page and the ASCE; a miss walks the
 * tables and fills the entry. Translation exceptions store the translation-exception identification
 * (TEID) at 0xA8 and nullify; DAT protection on a store is a protection exception with TEID bit 61.
 */
export class DynamicAddressTranslator implements AddressTranslator {
  readonly tlb = new TranslationLookasideBuffer();
  private readonly result = new WalkResult();

  constructor(readonly cpu: Cpu) {
    translatorsSharing(cpu.storage).add(this);
  }

  translate(cpu: Cpu, address: number, access: number): number {
    const cr = asceRegister(cpu.w0, access);
    const hi = cpu.crh[cr];
    const lo = cpu.crl[cr];
    if ((lo & ASCE_REAL_SPACE) !== 0) return address;
    const small = address < TWO32;
    const offset = small ? address & 0xfff : address % 4096;
    const page = address - offset;
    const i = (small ? address >>> 12 : Math.floor(address / 4096)) & INDEX_MASK;
    const tlb = this.tlb;
    if (tlb.page[i] === page && tlb.asceLo[i] === lo && tlb.asceHi[i] === hi) {
      if (access === ACCESS_STORE && tlb.protect[i] !== 0) this.dataProtection(cpu, address, cr);
      return tlb.frame[i] + offset;
    }
    const r = this.result;
    const code = walkTables(cpu.storage, hi, lo, address, r);
    if (code !== 0) {
      if (code !== PGM_TRANSLATION_SPECIFICATION && code !== PGM_ADDRESSING) {
        storeTeid(cpu, address, (access === ACCESS_STORE ? TEID_STORE : TEID_FETCH) | spaceId(cr));
      }
      cpu.programException(code);
    }
    tlb.fill(i, page, hi, lo, r.real - offset, r.entry, r.protect);
    if (access === ACCESS_STORE && r.protect) this.dataProtection(cpu, address, cr);
    return r.real;
  }

  /** PTLB, SPX, CPU reset: the whole TLB, and the CPU's page caches that were filled through it. */
  purge(): void {
    this.tlb.purgeAll();
    this.cpu.invalidateFetch();
  }

  private dataProtection(cpu: Cpu, address: number, cr: number): never {
    storeTeid(cpu, address, TEID_STORE | TEID_DAT_PROTECTION | spaceId(cr));
    return cpu.programException(PGM_PROTECTION);
  }
}

/** The TEID at 0xA8 (§3.6): bits 0-51 of the failing address, then the indication bits in `low`. */
function storeTeid(cpu: Cpu, address: number, low: number): void {
  const hi = address < TWO32 ? 0 : Math.floor(address / TWO32);
  const lo = address - hi * TWO32;
  cpu.writeReal32(LC_TEID, hi);
  cpu.writeReal32(LC_TEID + 4, (lo & ~0xfff) | low);
}
