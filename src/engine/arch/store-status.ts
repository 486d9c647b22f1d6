import type { Cpu } from './cpu';
import { esa390Word0, esa390Word1 } from './esa390';

/**
 * Store status (PoP "Store Status", reference/domain-architecture.md §3.3 save areas), for SIGP
 * stop-and-store-status and store-status-at-address. z/Architecture: a 512-byte area whose layout
 * is real 0x1200-0x13FF of the prefix area (FPRs, GPRs, PSW, prefix, FPC, TOD programmable register,
 * CPU timer, clock comparator bits 0-55, access and control registers). ESA/390: the fields of the
 * ESA/390 low core at 0xD8-0x1FF. The FPC and the TOD programmable register are not modelled: zeros.
 */
export const Z_SAVE_AREA = 0x1200;
/** Size of the z/Architecture save area (and the alignment of a store-status-at-address area). */
export const Z_SAVE_AREA_SIZE = 0x200;
/** Real location of the architectural-mode identification (1 = z/Architecture). */
const ARCH_MODE_ID = 0xa3;

function u64(v: bigint): [number, number] {
  const u = BigInt.asUintN(64, v);
  return [Number(u >> 32n) | 0, Number(u & 0xffff_ffffn) | 0];
}

/** Stores the status of `cpu` in its own prefix area (stop and store status). */
export function storeStatusInPrefixArea(cpu: Cpu): void {
  if (cpu.esa390) {
    storeEsa390Status(cpu);
    return;
  }
  storeZStatus(cpu, cpu.realToAbsolute(Z_SAVE_AREA));
  cpu.storage.writeU8(cpu.realToAbsolute(ARCH_MODE_ID), 1);
}

/** Stores the z/Architecture status of `cpu` in the 512-byte area at absolute `area`. */
export function storeZStatus(cpu: Cpu, area: number): void {
  const s = cpu.storage;
  const at = (offset: number) => area + offset - Z_SAVE_AREA;
  const pair = (offset: number, hi: number, lo: number) => {
    s.writeU32(at(offset), hi);
    s.writeU32(at(offset) + 4, lo);
  };
  for (let i = 0; i < 16; i++) {
    pair(0x1200 + 8 * i, cpu.fh[i], cpu.fl[i]);
    pair(0x1280 + 8 * i, cpu.gh[i], cpu.gl[i]);
    s.writeU32(at(0x1340 + 4 * i), cpu.ar[i]);
    pair(0x1380 + 8 * i, cpu.crh[i], cpu.crl[i]);
  }
  const iaHi = Math.floor(cpu.ia / 0x1_0000_0000);
  pair(0x1300, cpu.pswW0(), cpu.w1);
  pair(0x1308, iaHi, cpu.ia - iaHi * 0x1_0000_0000);
  s.writeU32(at(0x1318), cpu.prefix);
  s.writeU32(at(0x131c), 0);
  s.writeU32(at(0x1324), 0);
  pair(0x1328, ...u64(cpu.timers.cpuTimer()));
  // Bits 0-55 of the clock comparator, right-aligned after a zero byte.
  pair(0x1330, ...u64(cpu.timers.clockComparator >> 8n));
}

/** ESA/390 store status: CPU timer 0xD8, clock comparator 0xE0, PSW 0x100, prefix 0x108, ARs 0x120, FPRs 0/2/4/6 0x160, GPRs 0x180, CRs 0x1C0. */
function storeEsa390Status(cpu: Cpu): void {
  const s = cpu.storage;
  const real = (r: number) => cpu.realToAbsolute(r);
  const pair = (r: number, [hi, lo]: [number, number]) => {
    s.writeU32(real(r), hi);
    s.writeU32(real(r) + 4, lo);
  };
  pair(0xd8, u64(cpu.timers.cpuTimer()));
  pair(0xe0, u64(cpu.timers.clockComparator));
  pair(0x100, [esa390Word0(cpu.pswW0()), esa390Word1(cpu.w1, cpu.ia)]);
  s.writeU32(real(0x108), cpu.prefix);
  for (let i = 0; i < 16; i++) {
    s.writeU32(real(0x120 + 4 * i), cpu.ar[i]);
    s.writeU32(real(0x180 + 4 * i), cpu.gl[i]);
    s.writeU32(real(0x1c0 + 4 * i), cpu.crl[i]);
  }
  for (let i = 0; i < 4; i++) pair(0x160 + 8 * i, [cpu.fh[2 * i], cpu.fl[2 * i]]);
}
