/**
 * libvirt domain XML for s390x to a guest spec (reference/domain-hypervisors.md §5.2, §5.3).
 * Errors read as virsh prints them (`error: XML error: …`); XML syntax errors as
 * `error: (domain_definition):LINE: …`, the name libvirt gives a document read from a string.
 */
import type { DefDiagnostic } from '../def-diagnostic';
import {
  addSource,
  type ConsoleDevice,
  type DeviceSpec,
  type DiskDevice,
  emptyGuest,
  type GuestSpec,
  type HostdevDevice,
  ITEM_KEYS,
  type NicBackend,
  type NicDevice,
} from '../guest-spec';
import { child, parseXmlTree, type XmlElement } from './xml-tree';

export interface DomainParseResult {
  guest: GuestSpec;
  diagnostics: DefDiagnostic[];
}

/** libvirt's memory units: K/M/G… are powers of 1024, KB/MB/GB powers of 1000 (virScaleInteger). */
const UNIT_BYTES: Record<string, number> = {
  b: 1,
  bytes: 1,
  k: 1024,
  kib: 1024,
  kb: 1000,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  mb: 1000 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  gb: 1000 ** 3,
  t: 1024 ** 4,
  tib: 1024 ** 4,
  tb: 1000 ** 4,
};

const KNOWN_TOP = new Set([
  'name',
  'uuid',
  'title',
  'description',
  'metadata',
  'memory',
  'currentMemory',
  'vcpu',
  'iothreads',
  'cputune',
  'os',
  'clock',
  'on_poweroff',
  'on_reboot',
  'on_crash',
  'devices',
  'features',
  'cpu',
  'pm',
  'resource',
  'seclabel',
]);

export function parseDomainXml(text: string): DomainParseResult {
  const guest = emptyGuest('');
  const diagnostics: DefDiagnostic[] = [];
  const report = (
    at: { line: number; column: number },
    message: string,
    severity: 'error' | 'warning' = 'error',
  ) => {
    diagnostics.push({
      severity,
      line: at.line,
      column: at.column,
      code: 'virsh',
      message: `error: ${message}`,
    });
  };
  const warn = (at: { line: number; column: number }, message: string) =>
    diagnostics.push({
      severity: 'warning',
      line: at.line,
      column: at.column,
      code: 'virsh',
      message: message.startsWith('warning: ') ? message : `warning: ${message}`,
    });

  const tree = parseXmlTree(text);
  if ('error' in tree) {
    report(tree.error, `(domain_definition):${tree.error.line}: ${tree.error.message}`);
    return { guest, diagnostics };
  }
  const root = tree.root;
  if (root.name !== 'domain') {
    report(root, `XML error: unexpected root element <${root.name}>, expecting <domain>`);
    return { guest, diagnostics };
  }
  const span = (e: XmlElement) => [e.line, e.endLine] as const;
  const src = (key: string, e: XmlElement) => addSource(guest, key, ...span(e));

  const type = root.attrs.type;
  if (type === undefined) report(root, 'XML error: missing domain type attribute');
  else if (type !== 'kvm' && type !== 'qemu') report(root, `XML error: invalid domain type ${type}`);
  else guest.domainType = type;

  for (const e of root.children) {
    if (!KNOWN_TOP.has(e.name)) warn(e, `zvlab ignores <${e.name}>`);
  }

  const name = child(root, 'name');
  if (!name || name.text === '') report(name ?? root, 'XML error: missing name information');
  else {
    guest.name = name.text;
    src(ITEM_KEYS.name, name);
  }
  const uuid = child(root, 'uuid');
  if (uuid) {
    if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(uuid.text)) {
      report(uuid, `XML error: malformed uuid element`);
    } else {
      guest.uuid = uuid.text.toLowerCase();
      src(ITEM_KEYS.uuid, uuid);
    }
  }

  const memory = (e: XmlElement, what: string): number | undefined => {
    const unit = (e.attrs.unit ?? 'KiB').toLowerCase();
    const scale = UNIT_BYTES[unit];
    if (scale === undefined) {
      report(e, `invalid argument: unknown suffix '${e.attrs.unit}'`);
      return undefined;
    }
    if (!/^\d+$/.test(e.text)) {
      report(e, `XML error: could not parse ${what} element './${e.name}[1]'`);
      return undefined;
    }
    // libvirt keeps memory in KiB, rounding a partial KiB up
    return Math.ceil((Number(e.text) * scale) / 1024);
  };
  const mem = child(root, 'memory');
  if (!mem) report(root, "XML error: missing element or attribute './memory[1]'");
  else {
    const kib = memory(mem, 'memory');
    if (kib !== undefined) guest.storageKiB = kib;
    src(ITEM_KEYS.storage, mem);
  }
  const cur = child(root, 'currentMemory');
  if (cur) {
    const kib = memory(cur, 'currentMemory');
    // currentMemory is the balloon's target; the guest's storage stays the <memory> size
    if (kib !== undefined && kib !== guest.storageKiB) {
      warn(cur, `zvlab keeps <memory> as the guest's size; currentMemory ${kib} KiB is the balloon target`);
    }
    src(ITEM_KEYS.storage, cur);
  }

  const vcpu = child(root, 'vcpu');
  if (vcpu) {
    if (!/^\d+$/.test(vcpu.text) || Number(vcpu.text) < 1) {
      report(vcpu, 'XML error: could not parse vcpu element');
    } else {
      const max = Number(vcpu.text);
      const current = vcpu.attrs.current;
      if (current !== undefined && (!/^\d+$/.test(current) || Number(current) < 1)) {
        report(vcpu, 'XML error: invalid current vcpus count');
      } else if (current !== undefined && Number(current) > max) {
        report(
          vcpu,
          `unsupported configuration: current vcpus count ${current} is greater than maximum ${max}`,
        );
      } else {
        guest.vcpus = current === undefined ? max : Number(current);
        if (current !== undefined) guest.maxVcpus = max;
        src(ITEM_KEYS.vcpus, vcpu);
      }
    }
  }
  const iothreads = child(root, 'iothreads');
  if (iothreads && /^\d+$/.test(iothreads.text)) {
    guest.iothreads = Number(iothreads.text);
    src(ITEM_KEYS.iothreads, iothreads);
  }
  const cputune = child(root, 'cputune');
  if (cputune) {
    guest.cpuTune = {};
    for (const k of ['shares', 'period', 'quota'] as const) {
      const e = child(cputune, k);
      if (!e) continue;
      if (!/^-?\d+$/.test(e.text)) {
        report(e, `XML error: invalid value for ${k} '${e.text}'`);
        continue;
      }
      guest.cpuTune[k] = Number(e.text);
    }
    src(ITEM_KEYS.share, cputune);
  }
  const cpu = child(root, 'cpu');
  if (cpu) {
    const model = child(cpu, 'model');
    if (cpu.attrs.mode === 'host-passthrough' || cpu.attrs.mode === 'host-model') guest.cpuModel = 'host';
    else if (model?.text) guest.cpuModel = model.text;
    src(ITEM_KEYS.machine, cpu);
  }

  const os = child(root, 'os');
  if (!os) report(root, "XML error: missing element or attribute './os[1]'");
  else {
    const t = child(os, 'type');
    if (t?.text !== 'hvm') report(t ?? os, `XML error: unknown OS type '${t?.text ?? ''}'`);
    else {
      const arch = t.attrs.arch ?? 's390x';
      if (arch !== 's390x')
        report(t, `unsupported configuration: zvlab models s390x guests only, not arch '${arch}'`);
      guest.architecture = 's390x';
      const machine = t.attrs.machine;
      if (machine !== undefined) {
        if (!/^s390-ccw-virtio(-\d+\.\d+)?$/.test(machine)) {
          report(
            t,
            `unsupported configuration: Emulator '/usr/bin/qemu-system-s390x' does not support machine type '${machine}'`,
          );
        } else guest.machineType = machine;
      }
      src(ITEM_KEYS.machine, t);
    }
    const kernel = child(os, 'kernel');
    const initrd = child(os, 'initrd');
    const cmdline = child(os, 'cmdline');
    if (kernel || initrd || cmdline) {
      guest.kernelBoot = { kernel: kernel?.text ?? '' };
      if (initrd) guest.kernelBoot.initrd = initrd.text;
      if (cmdline) guest.kernelBoot.cmdline = cmdline.text;
      for (const e of [kernel, initrd, cmdline]) if (e) src(ITEM_KEYS.kernel, e);
      if (!kernel)
        report(initrd ?? cmdline!, 'unsupported configuration: an initrd or a cmdline needs a kernel');
    }
    const boot = child(os, 'boot');
    if (boot) {
      if (boot.attrs.dev !== undefined && !['hd', 'network', 'cdrom', 'fd'].includes(boot.attrs.dev)) {
        report(boot, `XML error: unknown boot device '${boot.attrs.dev}'`);
      }
      src(ITEM_KEYS.ipl, boot);
    }
  }
  const clock = child(root, 'clock');
  if (clock) {
    guest.clockOffset = clock.attrs.offset ?? 'utc';
    src(ITEM_KEYS.clock, clock);
  }
  for (const [tag, field] of [
    ['on_poweroff', 'onPoweroff'],
    ['on_reboot', 'onReboot'],
    ['on_crash', 'onCrash'],
  ] as const) {
    const e = child(root, tag);
    if (!e) continue;
    if (
      !['destroy', 'restart', 'preserve', 'rename-restart', 'coredump-destroy', 'coredump-restart'].includes(
        e.text,
      )
    ) {
      report(e, `XML error: unknown ${tag} action: ${e.text}`);
      continue;
    }
    guest.lifecycle = { ...guest.lifecycle, [field]: e.text };
    src(ITEM_KEYS.lifecycle, e);
  }

  const devices = child(root, 'devices');
  const ccwSeen = new Map<string, XmlElement>();
  let counter = 0;
  let diskIndex = 0;
  const key = () => `dev:${++counter}`;
  const ccw = (e: XmlElement, device: DeviceSpec): boolean => {
    const a = child(e, 'address');
    if (!a) return true;
    if (a.attrs.type !== 'ccw') {
      if (a.attrs.type === 'drive' && device.kind === 'hostdev') return true;
      report(a, `XML error: unsupported address type '${a.attrs.type ?? ''}' on s390x; expected 'ccw'`);
      return false;
    }
    const parse = (v: string | undefined) =>
      v !== undefined && /^(0x)?[0-9a-f]+$/i.test(v) ? parseInt(v, 16) : Number.NaN;
    const cssid = parse(a.attrs.cssid);
    const ssid = parse(a.attrs.ssid);
    const devno = parse(a.attrs.devno);
    if (!(cssid === 0xfe && ssid >= 0 && ssid <= 3 && devno >= 0 && devno <= 0xffff)) {
      report(
        a,
        `XML error: Invalid specification for virtio ccw address: cssid='${a.attrs.cssid ?? ''}' ssid='${a.attrs.ssid ?? ''}' devno='${a.attrs.devno ?? ''}'`,
      );
      return false;
    }
    const id = `fe.${ssid}.${devno.toString(16).padStart(4, '0')}`;
    const first = ccwSeen.get(id);
    if (first) {
      diagnostics.push({
        severity: 'error',
        line: a.line,
        column: a.column,
        code: 'virsh',
        message: `error: XML error: CCW address ${id} is already in use`,
        related: [{ line: first.line, column: first.column, note: `${id} first used here` }],
      });
      return false;
    }
    ccwSeen.set(id, a);
    device.vaddr = devno;
    device.cssid = cssid;
    device.ssid = ssid;
    return true;
  };
  const bootOrder = (e: XmlElement, d: DiskDevice | NicDevice) => {
    const b = child(e, 'boot');
    if (!b) return;
    if (!/^\d+$/.test(b.attrs.order ?? '') || Number(b.attrs.order) < 1) {
      report(b, `XML error: incorrect boot order '${b.attrs.order ?? ''}', expecting positive integer`);
      return;
    }
    d.bootIndex = Number(b.attrs.order);
    addSource(guest, ITEM_KEYS.ipl, b.line, b.endLine);
    if (b.attrs.loadparm !== undefined && d.kind === 'disk') d.loadparm = b.attrs.loadparm.toUpperCase();
  };
  const alias = (e: XmlElement, d: DeviceSpec) => {
    const a = child(e, 'alias');
    if (a?.attrs.name) d.id = a.attrs.name.replace(/^ua-/, '');
  };

  for (const e of devices?.children ?? []) {
    let device: DeviceSpec | undefined;
    switch (e.name) {
      case 'emulator':
        guest.emulator = e.text;
        src(ITEM_KEYS.emulator, e);
        continue;
      case 'disk': {
        const type = e.attrs.type ?? 'file';
        if (type !== 'file' && type !== 'block') {
          report(e, `unsupported configuration: zvlab supports disk type 'file' or 'block', not '${type}'`);
          continue;
        }
        if ((e.attrs.device ?? 'disk') !== 'disk') {
          report(e, `unsupported configuration: zvlab supports device='disk' only, not '${e.attrs.device}'`);
          continue;
        }
        const source = child(e, 'source');
        const path = type === 'file' ? source?.attrs.file : source?.attrs.dev;
        if (!path) {
          report(
            source ?? e,
            `XML error: missing source ${type === 'file' ? 'file' : 'dev'} for a disk of type '${type}'`,
          );
          continue;
        }
        const driver = child(e, 'driver');
        const format = driver?.attrs.type ?? 'raw';
        if (format !== 'raw' && format !== 'qcow2') {
          report(driver!, `unsupported configuration: unknown driver format value '${format}'`);
          continue;
        }
        const disk: DiskDevice = { kind: 'disk', key: key(), source: { type, path }, format };
        const slice = source ? child(child(source, 'slices') ?? source, 'slice') : undefined;
        if (slice && slice.attrs.type === 'storage') {
          disk.source.slice = {
            offset: Number(slice.attrs.offset ?? 0),
            size: Number(slice.attrs.size ?? 0),
          };
        }
        if (driver?.attrs.cache) disk.cache = driver.attrs.cache;
        if (driver?.attrs.io) disk.io = driver.attrs.io;
        const target = child(e, 'target');
        if (!target?.attrs.dev) {
          warn(
            e,
            `warning: libvirt refuses this: missing target information for device ${path}; zvlab names it vd${String.fromCharCode(97 + diskIndex)}`,
          );
        } else {
          disk.target = target.attrs.dev;
          if (target.attrs.bus !== undefined && target.attrs.bus !== 'virtio') {
            report(
              target,
              `unsupported configuration: disk bus '${target.attrs.bus}' is not supported on s390x; use 'virtio'`,
            );
          }
        }
        diskIndex++;
        if (child(e, 'readonly')) disk.readonly = true;
        bootOrder(e, disk);
        alias(e, disk);
        if (!ccw(e, disk)) continue;
        device = disk;
        break;
      }
      case 'interface': {
        const type = e.attrs.type;
        const source = child(e, 'source');
        let backend: NicBackend;
        switch (type) {
          case 'direct':
            backend = { type: 'direct', source: source?.attrs.dev ?? '', mode: source?.attrs.mode ?? 'vepa' };
            if (!source?.attrs.dev) {
              report(
                source ?? e,
                "XML error: No <source> 'dev' attribute specified with <interface type='direct'/>",
              );
              continue;
            }
            break;
          case 'bridge':
            backend = { type: 'bridge', source: source?.attrs.bridge ?? '' };
            if (!source?.attrs.bridge) {
              report(
                source ?? e,
                "XML error: No <source> 'bridge' attribute specified with <interface type='bridge'/>",
              );
              continue;
            }
            break;
          case 'network':
            backend = { type: 'network', source: source?.attrs.network ?? '' };
            if (!source?.attrs.network) {
              report(
                source ?? e,
                "XML error: No <source> 'network' attribute specified with <interface type='network'/>",
              );
              continue;
            }
            break;
          case 'ethernet':
            backend = { type: 'tap' };
            break;
          case 'user':
            backend = { type: 'user' };
            break;
          default:
            report(e, `XML error: unknown interface type '${type ?? ''}'`);
            continue;
        }
        const vp = child(e, 'virtualport');
        if (vp?.attrs.type) backend.virtualport = vp.attrs.type;
        const target = child(e, 'target');
        if (target?.attrs.dev) backend.ifname = target.attrs.dev;
        const nic: NicDevice = { kind: 'nic', key: key(), nicType: 'virtio', backend };
        const mac = child(e, 'mac');
        if (mac) {
          const m = mac.attrs.address ?? '';
          if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(m)) {
            report(mac, `XML error: unable to parse mac address '${m}'`);
            continue;
          }
          nic.mac = m.toLowerCase();
        }
        const model = child(e, 'model');
        if (model && model.attrs.type !== 'virtio') {
          report(
            model,
            `unsupported configuration: interface model '${model.attrs.type}' is not supported on s390x; use 'virtio'`,
          );
          continue;
        }
        bootOrder(e, nic);
        alias(e, nic);
        if (!ccw(e, nic)) continue;
        device = nic;
        break;
      }
      case 'console': {
        const t = child(e, 'target');
        const targetType = t?.attrs.type ?? 'sclp';
        if (!['sclp', 'sclplm', 'virtio'].includes(targetType)) {
          report(t ?? e, `XML error: unknown console target type '${targetType}'`);
          continue;
        }
        if ((e.attrs.type ?? 'pty') !== 'pty') {
          warn(e, `zvlab models consoles on a pty; type '${e.attrs.type}' is read as pty`);
        }
        const con: ConsoleDevice = {
          kind: 'console',
          key: key(),
          model: targetType as ConsoleDevice['model'],
        };
        con.chardev = { type: 'pty' };
        alias(e, con);
        device = con;
        break;
      }
      case 'controller': {
        if (e.attrs.type !== 'virtio-serial') {
          warn(e, `zvlab ignores <controller type='${e.attrs.type ?? ''}'>`);
          continue;
        }
        const index = Number(e.attrs.index ?? 0);
        const c: DeviceSpec = { kind: 'controller', key: key(), type: 'virtio-serial', index };
        alias(e, c);
        if (!ccw(e, c)) continue;
        device = c;
        break;
      }
      case 'memballoon': {
        const model = e.attrs.model;
        if (model !== 'virtio' && model !== 'none') {
          report(e, `XML error: unknown memory balloon model '${model ?? ''}'`);
          continue;
        }
        const b: DeviceSpec = { kind: 'memballoon', key: key(), model };
        alias(e, b);
        if (!ccw(e, b)) continue;
        device = b;
        break;
      }
      case 'hostdev': {
        const type = e.attrs.type;
        const source = child(e, 'source');
        if (e.attrs.mode !== 'subsystem') {
          report(e, `XML error: unknown hostdev mode '${e.attrs.mode ?? ''}'`);
          continue;
        }
        if (type === 'scsi') {
          const adapter = source ? child(source, 'adapter') : undefined;
          const addr = source ? child(source, 'address') : undefined;
          if (!adapter?.attrs.name || !addr) {
            report(source ?? e, 'XML error: SCSI host device must use an adapter name and an address');
            continue;
          }
          const h: HostdevDevice = {
            kind: 'hostdev',
            key: key(),
            type: 'scsi',
            adapter: adapter.attrs.name,
            scsi: {
              bus: Number(addr.attrs.bus ?? 0),
              target: Number(addr.attrs.target ?? 0),
              unit: Number(addr.attrs.unit ?? 0),
            },
          };
          const drive = child(e, 'address');
          if (drive?.attrs.type === 'drive') {
            h.drive = {
              controller: Number(drive.attrs.controller ?? 0),
              bus: Number(drive.attrs.bus ?? 0),
              target: Number(drive.attrs.target ?? 0),
              unit: Number(drive.attrs.unit ?? 0),
            };
          }
          device = h;
        } else if (type === 'mdev') {
          const model = e.attrs.model;
          if (model !== 'vfio-ccw' && model !== 'vfio-ap') {
            report(e, `unsupported configuration: mdev model '${model ?? ''}' is not supported on s390x`);
            continue;
          }
          const uuid = source ? child(source, 'address')?.attrs.uuid : undefined;
          if (!uuid || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uuid)) {
            report(source ?? e, `XML error: Missing or malformed 'uuid' attribute for element 'address'`);
            continue;
          }
          const h: HostdevDevice = {
            kind: 'hostdev',
            key: key(),
            type: 'mdev',
            model,
            uuid: uuid.toLowerCase(),
          };
          if (!ccw(e, h)) continue;
          device = h;
        } else {
          report(e, `unsupported configuration: hostdev type '${type ?? ''}' is not supported on s390x`);
          continue;
        }
        alias(e, device);
        break;
      }
      case 'panic':
        continue;
      default:
        warn(e, `zvlab ignores <${e.name}>`);
        continue;
    }
    guest.devices.push(device);
    src(device.key, e);
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { guest, diagnostics };
}
