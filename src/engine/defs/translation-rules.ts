/**
 * What both directions of translation share: the note type, where volumes live as images, how
 * big a cylinder is, the SHARE/shares rule (reference/domain-hypervisors.md §1.5, §9, §12.4).
 */
import { type DeviceSpec, hex } from './guest-spec';

export interface TranslationNote {
  /** Spec item the note is about (see `GuestSpec.sources`). */
  key: string;
  /** 'rule': translated by the stated rule; 'dropped': no twin in the target form. */
  kind: 'rule' | 'dropped';
  text: string;
}

export type Family = 'zvm' | 'kvm';

/** Where z/VM volumes live as image files on the KVM host (a modelling choice of zvlab). */
export const VOLUME_IMAGE_DIR = '/var/lib/libvirt/images';

/**
 * Bytes per cylinder (CKD) or block (FBA) of a volume copied into a raw image the way Linux
 * formats ECKD DASD (dasdfmt, 4 KiB blocks): a 3390 track holds 12 such blocks, a cylinder 15
 * tracks; a 3380 track 10 blocks. FBA blocks are 512 bytes.
 */
export const BYTES_PER_UNIT: Record<string, number> = {
  '3390': 15 * 12 * 4096,
  '3380': 15 * 10 * 4096,
  '9345': 15 * 10 * 4096,
  'FB-512': 512,
  '9336': 512,
  '9332': 512,
  '9335': 512,
  '3370': 512,
  '0671': 512,
};

/** z/VM RELATIVE 100 (the default) matches cgroup v1's default cpu.shares 1024. */
export function relativeToShares(relative: number): number {
  return Math.round((relative * 1024) / 100);
}

export function sharesToRelative(shares: number): number {
  return Math.min(10000, Math.max(1, Math.round((shares * 100) / 1024)));
}

export function vdev(n: number): string {
  return hex(n, 4);
}

export function diskImagePath(volser: string): string {
  return `${VOLUME_IMAGE_DIR}/${volser}.img`;
}

export function assignMissingDevnos(devices: DeviceSpec[]): void {
  const used = new Set(
    devices.filter((d) => d.vaddr !== undefined && (d.ssid ?? 0) === 0).map((d) => d.vaddr!),
  );
  let next = 0;
  for (const kind of ['disk', 'nic', 'hostdev', 'controller', 'memballoon'] as const) {
    for (const d of devices) {
      if (d.kind !== kind || d.vaddr !== undefined) continue;
      if (d.kind === 'hostdev' && (d.type !== 'mdev' || d.model !== 'vfio-ccw')) continue;
      if (d.kind === 'memballoon' && d.model === 'none') continue;
      while (used.has(next)) next++;
      d.vaddr = next;
      d.cssid = 0xfe;
      d.ssid = 0;
      used.add(next);
    }
  }
}

export function familyOf(form: 'directory' | 'qemu' | 'xml' | 'json'): Family | undefined {
  return form === 'directory' ? 'zvm' : form === 'json' ? undefined : 'kvm';
}
