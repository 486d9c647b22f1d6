import { assemble } from '../../../../src/engine/asm/assembler';
import { MainStorage } from '../../../../src/engine/arch/main-storage';
import { type GuestMemory, GuestStorage } from '../../../../src/engine/arch/sie/guest-storage';
import { createGuestVcpu } from '../../../../src/engine/arch/sie/guest-vcpu';
import type { GuestVcpu } from '../../../../src/engine/arch/sie/vcpu';

/** Host storage 4 MiB; the guest's 1 MiB lives at host 1 MiB, frame by frame, through a pager table. */
export const HOST_SIZE = 4 << 20;
export const GUEST_SIZE = 1 << 20;
export const GUEST_BASE = 1 << 20;
/** Disabled-wait addresses of the guest's new PSWs: program, external, I/O, SVC. */
export const GUEST_PGM_WAIT = 0xdea0;
export const GUEST_EXT_WAIT = 0xe0e0;
export const GUEST_IO_WAIT = 0x1010;

/** A pager's table: guest frame → host frame; a missing entry is a page that is not resident. */
export class Pager implements GuestMemory {
  readonly size = GUEST_SIZE;
  readonly resident = new Map<number, number>();
  constructor(readonly host: MainStorage) {
    for (let f = 0; f < GUEST_SIZE / 4096; f++) this.resident.set(f, GUEST_BASE / 4096 + f);
  }
  hostFrame(frame: number): number {
    return this.resident.get(frame) ?? -1;
  }
}

export interface Guest {
  readonly host: MainStorage;
  readonly pager: Pager;
  readonly storage: GuestStorage;
  readonly vcpu: GuestVcpu;
}

const WAIT = (a: number) => 0x0002_0001_8000_0000n * (1n << 64n) + BigInt(a);

function store128(s: MainStorage, a: number, v: bigint): void {
  s.writeU64(a, v >> 64n);
  s.writeU64(a + 8, v & 0xffff_ffff_ffff_ffffn);
}

/** Where guest programs start; R12 is their base register. */
export const GUEST_CODE = 0x2000;

/**
 * A guest running `body` (zvlab assembler statements, addressed through R12) at GUEST_CODE in 64-bit
 * supervisor state, its low core holding disabled-wait new PSWs; `nonResident` guest frames are left
 * out of the pager.
 */
export function guest(body: string, nonResident: number[] = [], todNs?: () => number): Guest {
  const host = new MainStorage(HOST_SIZE);
  const pager = new Pager(host);
  const storage = new GuestStorage(pager);
  const r = assemble(
    `G        START X'${GUEST_CODE.toString(16)}'\n         BASR  12,0\n         USING *,12\n${body}\n         END\n`,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  storage.main.load(r.origin, r.bytes);
  store128(storage.main, 0x1d0, WAIT(GUEST_PGM_WAIT));
  store128(storage.main, 0x1b0, WAIT(GUEST_EXT_WAIT));
  store128(storage.main, 0x1f0, WAIT(GUEST_IO_WAIT));
  for (const f of nonResident) pager.resident.delete(f);
  const vcpu = createGuestVcpu({ address: 0, storage, todNs });
  vcpu.cpu.setPsw(0x0000_0001_8000_0000n, BigInt(r.origin));
  return { host, pager, storage, vcpu };
}
