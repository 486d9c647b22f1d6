/**
 * A `qemu-system-s390x` command line to a guest spec (reference/domain-hypervisors.md §5.1).
 * Errors read as QEMU prints them: `qemu-system-s390x: -device virtio-blk-ccw,drive=x: …`.
 */
import type { DefDiagnostic } from '../def-diagnostic';
import {
  addSource,
  type ConsoleDevice,
  type DeviceSpec,
  type DiskDevice,
  emptyGuest,
  type GuestSpec,
  ITEM_KEYS,
  type NicBackend,
  type NicDevice,
} from '../guest-spec';
import { type ShellWord, splitShellWords } from './shell-words';

export const QEMU_BINARY = 'qemu-system-s390x';

export interface QemuParseResult {
  guest: GuestSpec;
  diagnostics: DefDiagnostic[];
}

/** Options that take an argument, and the ones that take none. */
const WITH_ARG = new Set([
  'name',
  'machine',
  'M',
  'm',
  'smp',
  'drive',
  'device',
  'netdev',
  'chardev',
  'kernel',
  'initrd',
  'append',
  'cpu',
  'uuid',
  'gdb',
  'accel',
  'boot',
  'display',
  'monitor',
  'serial',
  'mon',
  'global',
  'rtc',
  'msg',
  'sandbox',
  'object',
  'overcommit',
  'vga',
]);
const WITHOUT_ARG = new Set([
  's',
  'S',
  'nographic',
  'nodefaults',
  'no-user-config',
  'enable-kvm',
  'no-shutdown',
]);
/** Accepted and left out of the spec (they change nothing zvlab models). */
const IGNORED = new Set([
  'S',
  'nographic',
  'nodefaults',
  'no-user-config',
  'no-shutdown',
  'boot',
  'display',
  'monitor',
  'serial',
  'mon',
  'global',
  'rtc',
  'msg',
  'sandbox',
  'object',
  'overcommit',
  'vga',
]);

const DEVICE_PROPS: Record<string, readonly string[]> = {
  'virtio-blk-ccw': [
    'drive',
    'id',
    'devno',
    'bootindex',
    'scsi',
    'loadparm',
    'num-queues',
    'iothread',
    'max_revision',
  ],
  'virtio-net-ccw': ['netdev', 'id', 'mac', 'devno', 'bootindex', 'loadparm', 'max_revision'],
  'virtio-serial-ccw': ['id', 'devno', 'max_ports', 'max_revision'],
  virtconsole: ['chardev', 'id', 'name', 'nr'],
  sclpconsole: ['chardev', 'id'],
  sclplmconsole: ['chardev', 'id'],
  'virtio-balloon-ccw': ['id', 'devno', 'deflate-on-oom', 'max_revision'],
  'vfio-ccw': ['sysfsdev', 'devno', 'id', 'bootindex', 'loadparm', 'force-orb-pfch'],
  'vfio-ap': ['sysfsdev', 'id'],
};

const DRIVE_PROPS = new Set([
  'file',
  'if',
  'id',
  'format',
  'cache',
  'aio',
  'readonly',
  'media',
  'offset',
  'size',
  'discard',
  'werror',
  'rerror',
  'snapshot',
]);

interface OptionArg {
  /** The implicit first value (`virtio-blk-ccw`, `tap`, `512`), if the first item has no `=`. */
  head?: string;
  props: Map<string, string>;
  order: string[];
}

/** QEMU's key=value list: `a=1,b=2`; a doubled comma is a literal comma. */
export function parseOptionList(text: string, implicitKey = true): OptionArg {
  const items: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ',') {
      if (text[i + 1] === ',') {
        cur += ',';
        i++;
        continue;
      }
      items.push(cur);
      cur = '';
    } else cur += text[i];
  }
  items.push(cur);
  const arg: OptionArg = { props: new Map(), order: [] };
  items.forEach((item, idx) => {
    const eq = item.indexOf('=');
    if (eq < 0 && idx === 0 && implicitKey) arg.head = item;
    else if (eq < 0) {
      arg.props.set(item, 'on');
      arg.order.push(item);
    } else {
      arg.props.set(item.slice(0, eq), item.slice(eq + 1));
      arg.order.push(item.slice(0, eq));
    }
  });
  return arg;
}

/** Joins the seed's wrapped values: `file=…,` on one line and `if=none,…` on the next are one word. */
function joinWrappedValues(words: ShellWord[]): ShellWord[] {
  const out: ShellWord[] = [];
  for (const w of words) {
    const prev = out.at(-1);
    if (prev?.text.endsWith(',') && !w.text.startsWith('-')) {
      out[out.length - 1] = { ...prev, text: prev.text + w.text, endLine: w.endLine };
    } else out.push({ ...w });
  }
  return out;
}

/** `fe.0.0001` to its parts. */
export function parseDevno(text: string): { cssid: number; ssid: number; devno: number } | undefined {
  const m = /^([0-9a-f]{1,2})\.([0-3])\.([0-9a-f]{1,4})$/i.exec(text);
  if (!m) return undefined;
  return { cssid: parseInt(m[1], 16), ssid: Number(m[2]), devno: parseInt(m[3], 16) };
}

const SIZE_UNITS: Record<string, number> = { K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024 };

/** `-m` sizes: a bare number is MiB; suffixes k, M, G, T. Returns KiB. */
export function parseQemuMemory(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([kKmMgGtT]?)[bB]?$/.exec(text);
  if (!m) return undefined;
  const mib = Number(m[1]) * SIZE_UNITS[(m[2] || 'M').toUpperCase()];
  const kib = mib * 1024;
  return Number.isSafeInteger(kib) && kib > 0 ? kib : undefined;
}

interface PendingDrive {
  id: string;
  props: Map<string, string>;
  word: ShellWord;
  used: boolean;
}

export function parseQemuCommandLine(text: string): QemuParseResult {
  const diagnostics: DefDiagnostic[] = [];
  const guest = emptyGuest('');
  const report = (
    w: { line: number; column: number },
    message: string,
    severity: 'error' | 'warning' = 'error',
  ) => {
    diagnostics.push({
      severity,
      line: w.line,
      column: w.column,
      code: 'qemu',
      message: `${QEMU_BINARY}: ${message}`,
    });
  };
  const split = splitShellWords(text);
  if (split.error) {
    diagnostics.push({
      severity: 'error',
      line: split.error.line,
      column: split.error.column,
      code: 'sh',
      message: `sh: ${split.error.message}`,
    });
    return { guest, diagnostics };
  }
  const words = joinWrappedValues(split.words);
  let i = 0;
  if (words[0] && !words[0].text.startsWith('-')) {
    const bin = words[0].text.split('/').at(-1)!;
    if (bin !== QEMU_BINARY && bin !== 'qemu-kvm') {
      report(words[0], `${words[0].text}: expected ${QEMU_BINARY} as the program`, 'warning');
    }
    guest.emulator = words[0].text;
    addSource(guest, ITEM_KEYS.emulator, words[0].line, words[0].endLine);
    i = 1;
  }

  const drives = new Map<string, PendingDrive>();
  const netdevs = new Map<string, { backend: NicBackend; word: ShellWord; used: boolean }>();
  const chardevs = new Map<string, { type: string; word: ShellWord }>();
  const ids = new Set<string>();
  const devnos = new Map<string, ShellWord>();
  let counter = 0;
  const key = () => `dev:${++counter}`;
  const span = (a: ShellWord, b: ShellWord) => ({ line: a.line, endLine: Math.max(a.endLine, b.endLine) });
  let hasVcpus = false;

  for (; i < words.length; i++) {
    const opt = words[i];
    if (!opt.text.startsWith('-')) {
      report(opt, `${opt.text}: invalid option`);
      continue;
    }
    const name = opt.text.replace(/^--?/, '');
    if (!WITH_ARG.has(name) && !WITHOUT_ARG.has(name)) {
      report(opt, `${opt.text}: invalid option`);
      // its argument, if it has one, is not another option
      if (words[i + 1] && !words[i + 1].text.startsWith('-')) i++;
      continue;
    }
    if (WITHOUT_ARG.has(name)) {
      if (name === 's') {
        guest.gdbStub = true;
        addSource(guest, ITEM_KEYS.gdb, opt.line);
      } else if (name === 'enable-kvm') {
        guest.accel = 'kvm';
        addSource(guest, ITEM_KEYS.machine, opt.line);
      } else report(opt, `${opt.text}: accepted; zvlab does not model it`, 'warning');
      continue;
    }
    const arg = words[i + 1];
    if (!arg) {
      report(opt, `${opt.text}: requires an argument`);
      break;
    }
    i++;
    const where = `${opt.text} ${arg.text}`;
    const lines = span(opt, arg);
    const at = { line: arg.line, column: arg.column };
    if (IGNORED.has(name)) {
      report(opt, `${opt.text}: accepted; zvlab does not model it`, 'warning');
      continue;
    }
    switch (name) {
      case 'name': {
        const a = parseOptionList(arg.text);
        guest.name = a.head ?? a.props.get('guest') ?? '';
        addSource(guest, ITEM_KEYS.name, lines.line, lines.endLine);
        break;
      }
      case 'machine':
      case 'M': {
        const a = parseOptionList(arg.text);
        const type = a.head ?? a.props.get('type');
        if (type !== undefined) {
          if (!/^s390-ccw-virtio(-\d+\.\d+)?$/.test(type)) {
            report(at, `${where}: unsupported machine type\nUse -machine help to list supported machines`);
            break;
          }
          guest.machineType = type;
          guest.architecture = 's390x';
        }
        for (const [k, v] of a.props) {
          if (k === 'accel') guest.accel = v;
          else if (k === 'loadparm') {
            guest.ipl = { ...guest.ipl, loadparm: v.toUpperCase() };
            addSource(guest, ITEM_KEYS.ipl, lines.line, lines.endLine);
          } else if (
            !['usb', 'dump-guest-core', 'mem-merge', 'type', 'aes-key-wrap', 'dea-key-wrap'].includes(k)
          ) {
            report(at, `${where}: Property 's390-ccw-virtio-machine.${k}' not found`);
          }
        }
        addSource(guest, ITEM_KEYS.machine, lines.line, lines.endLine);
        break;
      }
      case 'accel': {
        guest.accel = parseOptionList(arg.text).head ?? 'kvm';
        addSource(guest, ITEM_KEYS.machine, lines.line, lines.endLine);
        break;
      }
      case 'm': {
        const a = parseOptionList(arg.text);
        const sizeText = a.head ?? a.props.get('size') ?? '';
        const kib = parseQemuMemory(sizeText);
        if (kib === undefined) {
          report(at, `${where}: Parameter 'size' expects a non-negative number below 2^64`);
          break;
        }
        guest.storageKiB = kib;
        addSource(guest, ITEM_KEYS.storage, lines.line, lines.endLine);
        const maxmem = a.props.get('maxmem');
        if (maxmem !== undefined) {
          const max = parseQemuMemory(maxmem);
          if (max === undefined)
            report(at, `${where}: Parameter 'maxmem' expects a non-negative number below 2^64`);
          else if (max < kib)
            report(
              at,
              `${where}: invalid value of maxmem: maximum memory size must be >= initial memory size`,
            );
          else {
            guest.maxStorageKiB = max;
            addSource(guest, ITEM_KEYS.maxStorage, lines.line, lines.endLine);
          }
        }
        break;
      }
      case 'smp': {
        const a = parseOptionList(arg.text);
        const num = (k: string, v: string | undefined): number | undefined => {
          if (v === undefined) return undefined;
          if (!/^\d+$/.test(v)) {
            report(at, `${where}: Parameter '${k}' expects a number`);
            return Number.NaN;
          }
          return Number(v);
        };
        const cpus = num('cpus', a.head ?? a.props.get('cpus'));
        const maxcpus = num('maxcpus', a.props.get('maxcpus'));
        const sockets = num('sockets', a.props.get('sockets'));
        const cores = num('cores', a.props.get('cores'));
        const threads = num('threads', a.props.get('threads'));
        if ([cpus, maxcpus, sockets, cores, threads].some((n) => Number.isNaN(n))) break;
        for (const k of a.props.keys()) {
          if (
            ![
              'cpus',
              'maxcpus',
              'sockets',
              'cores',
              'threads',
              'books',
              'drawers',
              'dies',
              'clusters',
            ].includes(k)
          ) {
            report(at, `${where}: Invalid parameter '${k}'`);
          }
        }
        const n = cpus ?? 1;
        if (n < 1) {
          report(
            at,
            `${where}: Invalid SMP CPUs ${n}. The min CPUs supported by machine 's390-ccw-virtio' is 1`,
          );
          break;
        }
        if (maxcpus !== undefined && maxcpus < n) {
          report(at, 'Invalid CPU topology: maxcpus must be equal to or greater than smp');
          break;
        }
        if (maxcpus !== undefined && maxcpus > 248) {
          report(
            at,
            `Invalid SMP CPUs ${maxcpus}. The max CPUs supported by machine 's390-ccw-virtio' is 248`,
          );
          break;
        }
        guest.vcpus = n;
        hasVcpus = true;
        if (maxcpus !== undefined) guest.maxVcpus = maxcpus;
        if (sockets !== undefined || cores !== undefined || threads !== undefined) {
          guest.topology = {
            ...(sockets !== undefined ? { sockets } : {}),
            ...(cores !== undefined ? { cores } : {}),
            ...(threads !== undefined ? { threads } : {}),
          };
        }
        addSource(guest, ITEM_KEYS.vcpus, lines.line, lines.endLine);
        break;
      }
      case 'cpu':
        guest.cpuModel = arg.text;
        addSource(guest, ITEM_KEYS.machine, lines.line, lines.endLine);
        break;
      case 'uuid':
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(arg.text)) {
          report(at, `${where}: Fail to parse UUID string`);
          break;
        }
        guest.uuid = arg.text.toLowerCase();
        addSource(guest, ITEM_KEYS.uuid, lines.line, lines.endLine);
        break;
      case 'gdb':
        guest.gdbStub = true;
        addSource(guest, ITEM_KEYS.gdb, lines.line, lines.endLine);
        break;
      case 'kernel':
        guest.kernelBoot = { ...guest.kernelBoot, kernel: arg.text };
        addSource(guest, ITEM_KEYS.kernel, lines.line, lines.endLine);
        break;
      case 'initrd':
        guest.kernelBoot = { kernel: guest.kernelBoot?.kernel ?? '', ...guest.kernelBoot, initrd: arg.text };
        addSource(guest, ITEM_KEYS.kernel, lines.line, lines.endLine);
        break;
      case 'append':
        guest.kernelBoot = { kernel: guest.kernelBoot?.kernel ?? '', ...guest.kernelBoot, cmdline: arg.text };
        addSource(guest, ITEM_KEYS.kernel, lines.line, lines.endLine);
        break;
      case 'drive': {
        const a = parseOptionList(arg.text, false);
        for (const k of a.props.keys()) {
          if (!DRIVE_PROPS.has(k))
            report(at, `${where}: Block format 'raw' does not support the option '${k}'`);
        }
        const format = a.props.get('format') ?? 'raw';
        if (format !== 'raw' && format !== 'qcow2') {
          report(at, `${where}: Unknown driver '${format}'`);
          break;
        }
        const id = a.props.get('id') ?? `drive${drives.size}`;
        if (drives.has(id)) {
          report(at, `${where}: Duplicate ID '${id}' for drive`);
          break;
        }
        if (!a.props.get('file')) {
          report(at, `${where}: A block device must be specified for "file"`);
          break;
        }
        const pending = { id, props: a.props, word: arg, used: false };
        drives.set(id, pending);
        const iface = a.props.get('if') ?? 'virtio';
        if (iface === 'virtio') {
          pending.used = true;
          const disk = diskFromDrive(pending, key());
          guest.devices.push(disk);
          addSource(guest, disk.key, lines.line, lines.endLine);
        } else if (iface !== 'none') {
          report(at, `${where}: Machine type 's390-ccw-virtio' does not support if=${iface}`);
        }
        break;
      }
      case 'netdev': {
        const a = parseOptionList(arg.text);
        const type = a.head ?? a.props.get('type') ?? '';
        const id = a.props.get('id');
        if (!id) {
          report(at, `${where}: Parameter 'id' is missing`);
          break;
        }
        if (netdevs.has(id)) {
          report(at, `${where}: Duplicate ID '${id}' for netdev`);
          break;
        }
        let backend: NicBackend;
        if (type === 'tap') {
          backend = { type: 'tap', netdevId: id };
          const fd = a.props.get('fd');
          if (fd !== undefined) backend.fd = Number(fd);
          const ifname = a.props.get('ifname');
          if (ifname !== undefined) backend.ifname = ifname;
        } else if (type === 'bridge') {
          backend = { type: 'bridge', netdevId: id, source: a.props.get('br') ?? 'br0' };
        } else if (type === 'user') {
          backend = { type: 'user', netdevId: id };
        } else {
          report(at, `${where}: Parameter 'type' expects a netdev backend type`);
          break;
        }
        netdevs.set(id, { backend, word: arg, used: false });
        break;
      }
      case 'chardev': {
        const a = parseOptionList(arg.text);
        const type = a.head ?? a.props.get('backend') ?? '';
        const id = a.props.get('id');
        if (!id) {
          report(at, `${where}: chardev: no id specified`);
          break;
        }
        if (!['pty', 'stdio', 'socket', 'file', 'null'].includes(type)) {
          report(at, `${where}: 'chardev' does not accept value '${type}'`);
          break;
        }
        chardevs.set(id, { type, word: arg });
        break;
      }
      case 'device': {
        const a = parseOptionList(arg.text);
        const driver = a.head ?? a.props.get('driver') ?? '';
        const allowed = DEVICE_PROPS[driver];
        if (!allowed) {
          report(at, `${where}: '${driver}' is not a valid device model name`);
          break;
        }
        const bad = [...a.props.keys()].find((k) => !allowed.includes(k) && k !== 'driver');
        if (bad) {
          report(at, `${where}: Property '${driver}.${bad}' not found`);
          break;
        }
        const id = a.props.get('id');
        if (id !== undefined) {
          if (ids.has(id)) {
            report(at, `${where}: Duplicate ID '${id}' for device`);
            break;
          }
          ids.add(id);
        }
        const devnoText = a.props.get('devno');
        const ccw = devnoText === undefined ? undefined : parseDevno(devnoText);
        if (devnoText !== undefined) {
          if (!ccw) {
            report(at, `${where}: Property '${driver}.devno' doesn't take value '${devnoText}'`);
            break;
          }
          if (ccw.cssid !== 0xfe) {
            report(
              at,
              `${where}: Invalid cssid 0x${ccw.cssid.toString(16)}: virtio devices live in css 0xfe`,
            );
            break;
          }
          const norm = `${ccw.cssid}.${ccw.ssid}.${ccw.devno}`;
          if (devnos.has(norm)) {
            report(at, `${where}: Requested devno ${devnoText} is already in use`);
            break;
          }
          devnos.set(norm, arg);
        }
        const address = ccw ? { vaddr: ccw.devno, cssid: ccw.cssid, ssid: ccw.ssid } : {};
        const boot = a.props.get('bootindex');
        const bootIndex = boot === undefined ? undefined : Number(boot);
        if (boot !== undefined && !/^\d+$/.test(boot)) {
          report(at, `${where}: Property '${driver}.bootindex' doesn't take value '${boot}'`);
          break;
        }
        let device: DeviceSpec | undefined;
        const extraLines: { line: number; endLine: number }[] = [];
        switch (driver) {
          case 'virtio-blk-ccw': {
            const driveId = a.props.get('drive');
            const drive = driveId === undefined ? undefined : drives.get(driveId);
            if (!drive) {
              report(at, `${where}: Property 'virtio-blk-device.drive' can't find value '${driveId ?? ''}'`);
              break;
            }
            if (drive.used) {
              report(
                at,
                `${where}: Property 'virtio-blk-device.drive' can't take value '${driveId}', it's in use`,
              );
              break;
            }
            drive.used = true;
            const disk = diskFromDrive(drive, key());
            Object.assign(disk, address);
            if (id !== undefined) disk.id = id;
            if (bootIndex !== undefined) disk.bootIndex = bootIndex;
            const lp = a.props.get('loadparm');
            if (lp !== undefined) disk.loadparm = lp.toUpperCase();
            device = disk;
            extraLines.push({ line: drive.word.line, endLine: drive.word.endLine });
            break;
          }
          case 'virtio-net-ccw': {
            const netdevId = a.props.get('netdev');
            const netdev = netdevId === undefined ? undefined : netdevs.get(netdevId);
            if (!netdev) {
              report(at, `${where}: Property 'virtio-net-ccw.netdev' can't find value '${netdevId ?? ''}'`);
              break;
            }
            netdev.used = true;
            const nic: NicDevice = {
              kind: 'nic',
              key: key(),
              nicType: 'virtio',
              ...address,
              backend: { ...netdev.backend },
            };
            if (id !== undefined) nic.id = id;
            const mac = a.props.get('mac');
            if (mac !== undefined) {
              if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(mac)) {
                report(at, `${where}: Property 'virtio-net-ccw.mac' doesn't take value '${mac}'`);
                break;
              }
              nic.mac = mac.toLowerCase();
            }
            if (bootIndex !== undefined) nic.bootIndex = bootIndex;
            device = nic;
            extraLines.push({ line: netdev.word.line, endLine: netdev.word.endLine });
            break;
          }
          case 'virtconsole':
          case 'sclpconsole':
          case 'sclplmconsole': {
            const chardevId = a.props.get('chardev');
            const chardev = chardevId === undefined ? undefined : chardevs.get(chardevId);
            if (!chardev) {
              report(at, `${where}: Property '${driver}.chardev' can't find value '${chardevId ?? ''}'`);
              break;
            }
            const model = driver === 'virtconsole' ? 'virtio' : driver === 'sclpconsole' ? 'sclp' : 'sclplm';
            const con: ConsoleDevice = {
              kind: 'console',
              key: key(),
              model,
              chardev: { type: chardev.type, id: chardevId },
            };
            if (id !== undefined) con.id = id;
            device = con;
            extraLines.push({ line: chardev.word.line, endLine: chardev.word.endLine });
            if (driver === 'virtconsole' && !guest.devices.some((d) => d.kind === 'controller')) {
              report(
                at,
                `${where}: No 'virtio-serial-bus' bus found for device 'virtconsole' (zvlab adds the virtio-serial-ccw controller, as libvirt does)`,
                'warning',
              );
            }
            break;
          }
          case 'virtio-serial-ccw':
            device = { kind: 'controller', key: key(), type: 'virtio-serial', index: 0, ...address };
            if (id !== undefined) device.id = id;
            break;
          case 'virtio-balloon-ccw':
            device = { kind: 'memballoon', key: key(), model: 'virtio', ...address };
            if (id !== undefined) device.id = id;
            break;
          case 'vfio-ccw':
          case 'vfio-ap': {
            const sysfsdev = a.props.get('sysfsdev') ?? '';
            const m = /\/sys\/bus\/mdev\/devices\/([0-9a-f-]{36})$/i.exec(sysfsdev);
            if (!m) {
              report(at, `${where}: ${driver}: sysfsdev must be /sys/bus/mdev/devices/<uuid>`);
              break;
            }
            device = {
              kind: 'hostdev',
              key: key(),
              type: 'mdev',
              model: driver,
              uuid: m[1].toLowerCase(),
              ...address,
            };
            if (id !== undefined) device.id = id;
            break;
          }
        }
        if (!device) break;
        guest.devices.push(device);
        addSource(guest, device.key, lines.line, lines.endLine);
        if (bootIndex !== undefined) addSource(guest, ITEM_KEYS.ipl, lines.line, lines.endLine);
        for (const l of extraLines) addSource(guest, device.key, l.line, l.endLine);
        break;
      }
    }
  }
  if (!hasVcpus) guest.vcpus = 1;
  if (guest.storageKiB === 0) guest.storageKiB = 128 * 1024; // QEMU's default -m for s390-ccw-virtio
  const failed = diagnostics.some((d) => d.severity === 'error');
  for (const [id, d] of failed ? [] : drives) {
    if (!d.used)
      report(d.word, `-drive ${d.word.text}: drive '${id}' is not attached to any device`, 'warning');
  }
  for (const [id, n] of failed ? [] : netdevs) {
    if (!n.used) report(n.word, `warning: netdev ${id} has no peer`, 'warning');
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { guest, diagnostics };
}

function diskFromDrive(drive: PendingDrive, key: string): DiskDevice {
  const p = drive.props;
  const path = p.get('file')!;
  const disk: DiskDevice = {
    kind: 'disk',
    key,
    source: { type: path.startsWith('/dev/') ? 'block' : 'file', path },
    format: p.get('format') === 'qcow2' ? 'qcow2' : 'raw',
    driveId: drive.id,
  };
  const offset = p.get('offset');
  const size = p.get('size');
  if (offset !== undefined && size !== undefined)
    disk.source.slice = { offset: Number(offset), size: Number(size) };
  const cache = p.get('cache');
  if (cache !== undefined) disk.cache = cache;
  const aio = p.get('aio');
  if (aio !== undefined) disk.io = aio;
  if (p.get('readonly') === 'on') disk.readonly = true;
  return disk;
}
