/**
 * The neutral guest spec: one guest as the z/VM user directory, a QEMU command line and a libvirt
 * domain XML all describe it (reference/domain-hypervisors.md §3.2, §5.1, §5.2, cross-walk §9).
 *
 * Every device carries the device number the guest sees (`vaddr`: a z/VM virtual device address, or
 * the devno of a virtio-ccw device in css 0xfe), so "0191" means the same thing in all three forms.
 * Every item carries a `key`; `sources[key]` lists the input lines it came from, and a renderer's
 * line map lists the output lines it produced, which is what the page uses to highlight one line
 * in one form together with its twins in the others.
 */

export type DefForm = 'directory' | 'qemu' | 'xml' | 'json';

/** Lines of the input (1-based, inclusive) an item came from. */
export interface SourceSpan {
  readonly line: number;
  readonly endLine: number;
}

/** z/VM's virtual machine architecture (MACHINE statement). */
export type MachineMode = 'ESA' | 'XA' | 'XC' | 'Z';

/** SET SHARE / SHARE statement values (reference §1.5). */
export interface ShareValue {
  type: 'RELATIVE' | 'ABSOLUTE';
  /** RELATIVE 1..10000, or ABSOLUTE percent 0.1..100. */
  value: number;
}

export interface ShareSpec {
  target: ShareValue;
  maximum?: ShareValue | 'NOLIMIT';
  limit?: 'LIMITSOFT' | 'LIMITHARD';
}

/** libvirt `<cputune>`: cgroup CPU weight and CFS bandwidth (period/quota in microseconds). */
export interface CpuTuneSpec {
  shares?: number;
  period?: number;
  quota?: number;
}

export interface IplSpec {
  /** Virtual device address to IPL, or undefined when a named system is IPLed. */
  vaddr?: number;
  /** Named saved system (IPL CMS). */
  system?: string;
  parm?: string;
  loadparm?: string;
}

export interface KernelBootSpec {
  kernel: string;
  initrd?: string;
  cmdline?: string;
}

export interface CpuDefinition {
  address: number;
  base?: boolean;
  cpuType?: string;
}

/** Fields shared by every device. `cssid`/`ssid` only on virtio-ccw devices (css 0xfe, ssid 0-3). */
interface DeviceBase {
  key: string;
  vaddr?: number;
  cssid?: number;
  ssid?: number;
  /** QEMU `id=` of the device (QEMU and libvirt alias). */
  id?: string;
}

export interface MinidiskDevice extends DeviceBase {
  kind: 'minidisk';
  vaddr: number;
  deviceType: string;
  /** First cylinder (CKD) or block (FBA); or a temporary / in-storage disk. */
  start: number | 'T-DISK' | 'V-DISK' | 'DEVNO';
  /** Cylinders or blocks; 'END' to the end of the volume. */
  size: number | 'END';
  volser?: string;
  /** Real device number for a full-pack `DEVNO rdev` minidisk. */
  rdev?: number;
  mode?: string;
  passwords?: string[];
}

export interface LinkDevice extends DeviceBase {
  kind: 'link';
  vaddr: number;
  owner: string;
  ownerVaddr: number;
  mode: string;
}

export interface SpoolDevice extends DeviceBase {
  kind: 'spool';
  vaddr: number;
  deviceType: string;
  role: 'reader' | 'punch' | 'printer';
  spoolClass?: string;
}

export type ConsoleModel = '3215' | '3270' | 'sclp' | 'sclplm' | 'virtio';

export interface ConsoleDevice extends DeviceBase {
  kind: 'console';
  model: ConsoleModel;
  spoolClass?: string;
  /** CONSOLE's secondary user (or T); z/VM only. */
  secondaryUser?: string;
  /** Host side of a KVM console (pty). */
  chardev?: { type: string; id?: string };
}

/** Raw byte window of a bigger image (libvirt `<slices><slice type='storage'>`, QEMU raw offset/size). */
export interface ImageSlice {
  offset: number;
  size: number;
}

export interface DiskDevice extends DeviceBase {
  kind: 'disk';
  source: { type: 'file' | 'block'; path: string; slice?: ImageSlice };
  format: 'raw' | 'qcow2';
  cache?: string;
  io?: string;
  /** Guest-side name hint (libvirt `<target dev='vda'>`). */
  target?: string;
  readonly?: boolean;
  /** QEMU `-drive id=`. */
  driveId?: string;
  bootIndex?: number;
  loadparm?: string;
}

export interface NicBackend {
  type: 'tap' | 'direct' | 'bridge' | 'network' | 'user';
  /** direct: host interface; bridge: bridge name; network: network name. */
  source?: string;
  /** direct: macvtap mode (bridge, vepa, private, passthrough). */
  mode?: string;
  fd?: number;
  ifname?: string;
  virtualport?: string;
  /** QEMU `-netdev id=`. */
  netdevId?: string;
}

export interface NicDevice extends DeviceBase {
  kind: 'nic';
  /** QDIO/HIPERSOCKETS: a z/VM simulated NIC; virtio: virtio-net-ccw. */
  nicType: 'QDIO' | 'HIPERSOCKETS' | 'virtio';
  statement?: 'SPECIAL' | 'NICDEF';
  /** Consecutive device numbers a QDIO NIC occupies (default 3). */
  devices?: number;
  lan?: { owner: string; name: string };
  macid?: string;
  vlan?: number;
  mac?: string;
  backend?: NicBackend;
  bootIndex?: number;
}

export interface DedicateDevice extends DeviceBase {
  kind: 'dedicate';
  vaddr: number;
  rdev?: number;
  volser?: string;
  readonly?: boolean;
}

export interface HostdevDevice extends DeviceBase {
  kind: 'hostdev';
  type: 'scsi' | 'mdev';
  model?: 'vfio-ccw' | 'vfio-ap';
  uuid?: string;
  adapter?: string;
  scsi?: { bus: number; target: number; unit: number };
  drive?: { controller: number; bus: number; target: number; unit: number };
}

export interface MemballoonDevice extends DeviceBase {
  kind: 'memballoon';
  model: 'virtio' | 'none';
}

export interface ControllerDevice extends DeviceBase {
  kind: 'controller';
  type: 'virtio-serial';
  index: number;
}

export type DeviceSpec =
  | MinidiskDevice
  | LinkDevice
  | SpoolDevice
  | ConsoleDevice
  | DiskDevice
  | NicDevice
  | DedicateDevice
  | HostdevDevice
  | MemballoonDevice
  | ControllerDevice;

export type DeviceKind = DeviceSpec['kind'];

/** A statement kept as written (ACCOUNT, AUTOLOG, POSIXINFO…): shown again in the directory form only. */
export interface OtherStatement {
  key: string;
  text: string;
}

export interface GuestSpec {
  name: string;
  /** z/VM: USER or IDENTITY entry. */
  entryKind?: 'USER' | 'IDENTITY';
  password?: string;
  storageKiB: number;
  maxStorageKiB?: number;
  privilegeClasses?: string;
  /** vCPUs started when the guest starts, and the most it may have. */
  vcpus: number;
  maxVcpus?: number;
  cpuDefinitions?: CpuDefinition[];
  /** QEMU -smp topology. */
  topology?: { sockets?: number; cores?: number; threads?: number };
  machineMode?: MachineMode;
  architecture?: 's390x';
  machineType?: string;
  domainType?: string;
  accel?: string;
  cpuModel?: string;
  ipl?: IplSpec;
  kernelBoot?: KernelBootSpec;
  share?: ShareSpec;
  cpuTune?: CpuTuneSpec;
  /** PROFILE names pulled in with INCLUDE (their statements are already merged in). */
  include?: string;
  options: string[];
  commands: string[];
  iucv: string[];
  otherStatements: OtherStatement[];
  uuid?: string;
  emulator?: string;
  lifecycle?: { onPoweroff?: string; onReboot?: string; onCrash?: string };
  clockOffset?: string;
  iothreads?: number;
  /** QEMU -s: gdb stub on tcp::1234. */
  gdbStub?: boolean;
  devices: DeviceSpec[];
  /** Input lines each item came from, by item key (see ITEM_KEYS and device keys). */
  sources: Record<string, SourceSpan[]>;
}

/** Keys of the guest-level items (devices use their own `key`; options `option:N`, etc.). */
export const ITEM_KEYS = {
  name: 'name',
  storage: 'storage',
  maxStorage: 'maxStorage',
  privilege: 'privilege',
  password: 'password',
  vcpus: 'vcpus',
  cpu: (n: number) => `cpu:${n}`,
  machine: 'machine',
  ipl: 'ipl',
  kernel: 'kernel',
  share: 'share',
  include: 'include',
  option: (n: number) => `option:${n}`,
  command: (n: number) => `command:${n}`,
  iucv: (n: number) => `iucv:${n}`,
  uuid: 'uuid',
  emulator: 'emulator',
  lifecycle: 'lifecycle',
  clock: 'clock',
  gdb: 'gdb',
  iothreads: 'iothreads',
} as const;

export function emptyGuest(name = ''): GuestSpec {
  return {
    name,
    storageKiB: 0,
    vcpus: 1,
    options: [],
    commands: [],
    iucv: [],
    otherStatements: [],
    devices: [],
    sources: {},
  };
}

export function addSource(spec: GuestSpec, key: string, line: number, endLine = line): void {
  const list = spec.sources[key] ?? [];
  if (!list.some((s) => s.line === line && s.endLine === endLine)) list.push({ line, endLine });
  spec.sources[key] = list;
}

/** A spec without keys and source lines, for comparing what two specs describe. */
export function specContent(spec: GuestSpec): unknown {
  const { sources: _sources, ...rest } = spec;
  return JSON.parse(
    JSON.stringify({
      ...rest,
      devices: spec.devices.map(({ key: _key, ...d }) => d),
      otherStatements: spec.otherStatements.map((o) => o.text),
    }),
  );
}

export function hex(value: number, width: number): string {
  return value.toString(16).toUpperCase().padStart(width, '0');
}

/** `0xfe` style, as libvirt writes CCW address parts. */
export function hexLower(value: number, width: number): string {
  return `0x${value.toString(16).padStart(width, '0')}`;
}

const KIB_PER: Record<string, number> = { K: 1, M: 1024, G: 1024 * 1024, T: 1024 * 1024 * 1024 };

/** Directory storage size (`512M`, `1G`, `640K`) to KiB, or undefined when malformed. */
export function parseDirectoryStorage(text: string): number | undefined {
  const m = /^(\d+)([KMGT])$/i.exec(text);
  if (!m) return undefined;
  const kib = Number(m[1]) * KIB_PER[m[2].toUpperCase()];
  return kib > 0 && Number.isSafeInteger(kib) ? kib : undefined;
}

/** KiB to the largest exact directory unit: 1048576 -> `1G`, 524288 -> `512M`. */
export function formatDirectoryStorage(kib: number): string {
  for (const unit of ['T', 'G', 'M'] as const) {
    if (kib % KIB_PER[unit] === 0) return `${kib / KIB_PER[unit]}${unit}`;
  }
  return `${kib}K`;
}

/** Deterministic 32-bit FNV-1a hash: uuids and MAC addresses derived from names, never random. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** MurmurHash3's finalizer: spreads every input bit over the word (FNV alone leaves similar names similar). */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A version-4-shaped uuid derived from a name (the same name always gives the same uuid). */
export function uuidFromName(name: string): string {
  const words = [0, 1, 2, 3].map((i) => fmix32(fnv1a(`${i}:${name}`) ^ Math.imul(i + 1, 0x9e3779b1)));
  const h = words.map((w) => w.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
