/**
 * Translation between the z/VM family (user directory) and the KVM family (QEMU command line,
 * libvirt XML) of one guest spec, with a note for everything that changed shape or has no twin
 * (cross-walk: reference/domain-hypervisors.md §9; SHARE vs shares: §1.5, §12.4).
 * Device keys survive translation, so a directory line and its XML twin share a key.
 */
import {
  type ConsoleDevice,
  type DeviceSpec,
  type DiskDevice,
  type GuestSpec,
  hex,
  ITEM_KEYS,
  type MinidiskDevice,
  type NicDevice,
  uuidFromName,
} from './guest-spec';

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

function vdev(n: number): string {
  return hex(n, 4);
}

function diskImagePath(volser: string): string {
  return `${VOLUME_IMAGE_DIR}/${volser}.img`;
}

export function translateToKvm(input: GuestSpec): { guest: GuestSpec; notes: TranslationNote[] } {
  const spec = structuredClone(input);
  const notes: TranslationNote[] = [];
  const rule = (key: string, text: string) => notes.push({ key, kind: 'rule', text });
  const drop = (key: string, text: string) => notes.push({ key, kind: 'dropped', text });

  if (spec.password !== undefined) {
    drop(
      ITEM_KEYS.password,
      `password ${spec.password}: no twin; who may start or reach a KVM guest is decided on the host (libvirt ACLs, polkit)`,
    );
    delete spec.password;
  }
  if (spec.privilegeClasses !== undefined) {
    drop(
      ITEM_KEYS.privilege,
      `privilege classes ${spec.privilegeClasses}: no twin; a KVM guest issues no hypervisor commands`,
    );
    delete spec.privilegeClasses;
  }
  delete spec.entryKind;
  if (spec.maxStorageKiB !== undefined && spec.maxStorageKiB !== spec.storageKiB) {
    drop(
      ITEM_KEYS.maxStorage,
      `maximum storage ${spec.maxStorageKiB} KiB: no twin; a z/VM guest may DEFINE STORAGE up to it, a KVM guest has the fixed size of <memory>/-m (${spec.storageKiB} KiB)`,
    );
  }
  delete spec.maxStorageKiB;
  if (spec.machineMode !== undefined) {
    rule(
      ITEM_KEYS.machine,
      `MACHINE ${spec.machineMode} becomes the s390-ccw-virtio machine: a KVM guest always runs in z/Architecture (ESA/390 mode has no twin)`,
    );
    delete spec.machineMode;
  }
  if (spec.maxVcpus !== undefined && spec.maxVcpus < spec.vcpus) spec.maxVcpus = spec.vcpus;
  if (spec.maxVcpus !== undefined && spec.maxVcpus !== spec.vcpus) {
    rule(
      ITEM_KEYS.vcpus,
      `up to ${spec.maxVcpus} vCPUs with ${spec.vcpus} started at logon becomes <vcpu current='${spec.vcpus}'>${spec.maxVcpus}</vcpu> / -smp ${spec.vcpus},maxcpus=${spec.maxVcpus}`,
    );
  }
  if (spec.cpuDefinitions?.some((c) => c.cpuType)) {
    drop(ITEM_KEYS.vcpus, 'CPU TYPE: no twin; every KVM vCPU runs on the host processor type (IFL)');
  }
  delete spec.cpuDefinitions;
  spec.architecture = 's390x';
  spec.machineType ??= 's390-ccw-virtio';
  spec.domainType ??= 'kvm';

  if (spec.share) {
    const s = spec.share;
    if (s.target.type === 'RELATIVE') {
      const shares = relativeToShares(s.target.value);
      spec.cpuTune = { ...spec.cpuTune, shares };
      rule(
        ITEM_KEYS.share,
        `SHARE RELATIVE ${s.target.value} becomes <shares>${shares}</shares>: shares = RELATIVE × 1024 / 100 (z/VM's default RELATIVE 100 matches the cgroup default weight 1024)`,
      );
    } else {
      drop(
        ITEM_KEYS.share,
        `SHARE ABSOLUTE ${s.target.value}%: no twin; cgroup weights are relative only (the nearest cap is <period>/<quota>)`,
      );
    }
    if (s.maximum && s.maximum !== 'NOLIMIT') {
      drop(
        ITEM_KEYS.share,
        `maximum share ${s.maximum.type} ${s.maximum.value}${s.maximum.type === 'ABSOLUTE' ? '%' : ''} ${s.limit ?? ''}: the nearest twin is CFS bandwidth control, <cputune><period>/<quota>`.trimEnd(),
      );
    }
    delete spec.share;
  }
  spec.options.forEach((o, i) => {
    drop(ITEM_KEYS.option(i), `OPTION ${o}: no twin (a CP option of the virtual machine)`);
  });
  spec.commands.forEach((c, i) => {
    drop(
      ITEM_KEYS.command(i),
      `COMMAND ${c}: no twin; CP commands at logon would be host-side setup (virsh, ip link) on KVM`,
    );
  });
  spec.iucv.forEach((c, i) => {
    drop(ITEM_KEYS.iucv(i), `IUCV ${c}: no twin (the nearest is virtio-vsock)`);
  });
  for (const o of spec.otherStatements)
    drop(o.key, `${o.text.split(' ')[0]}: a z/VM directory statement with no twin`);
  spec.options = [];
  spec.commands = [];
  spec.iucv = [];
  spec.otherStatements = [];
  if (spec.include) {
    rule(
      ITEM_KEYS.include,
      `INCLUDE ${spec.include}: the profile's statements are part of this guest and translated with it`,
    );
    delete spec.include;
  }

  const devices: DeviceSpec[] = [];
  for (const d of spec.devices) {
    switch (d.kind) {
      case 'console': {
        const model: ConsoleDevice['model'] =
          d.model === '3270' ? 'sclp' : d.model === '3215' ? 'sclplm' : d.model;
        if (d.model === '3270' || d.model === '3215') {
          rule(
            d.key,
            `CONSOLE ${vdev(d.vaddr ?? 9)} ${d.model} becomes the ${model === 'sclp' ? 'SCLP ASCII (VT220)' : 'SCLP line-mode'} console on a host pty: ${d.model === '3270' ? 'a full-screen' : 'a line-mode'} terminal either way; the SCLP console has no device number${d.spoolClass ? ` and the spool class ${d.spoolClass} has no twin` : ''}`,
          );
          devices.push({ kind: 'console', key: d.key, model, chardev: { type: 'pty' } });
        } else devices.push(d);
        break;
      }
      case 'spool':
        drop(
          d.key,
          `SPOOL ${vdev(d.vaddr)} ${d.deviceType} (virtual ${d.role}): no KVM twin; spool devices belong to CP's spooling system (KVM guests move files over the network)`,
        );
        break;
      case 'link':
        drop(
          d.key,
          `LINK ${d.owner} ${vdev(d.ownerVaddr)} ${vdev(d.vaddr)} ${d.mode}: no twin; the nearest is attaching the owner's disk image to both guests, read-only (<readonly/>)`,
        );
        break;
      case 'minidisk':
        devices.push(minidiskToDisk(spec, d, rule, drop));
        break;
      case 'nic': {
        if (d.nicType === 'virtio') {
          devices.push(d);
          break;
        }
        const nic: NicDevice = { kind: 'nic', key: d.key, nicType: 'virtio' };
        if (d.vaddr !== undefined) {
          nic.vaddr = d.vaddr;
          nic.cssid = 0xfe;
          nic.ssid = 0;
        }
        const count = d.devices ?? 3;
        const stmt =
          d.statement === 'NICDEF'
            ? `NICDEF ${vdev(d.vaddr ?? 0)} TYPE ${d.nicType}`
            : `SPECIAL ${vdev(d.vaddr ?? 0)} ${d.nicType === 'QDIO' ? 'QDIO' : 'HIPER'} ${count}`;
        let text = `${stmt}: the ${count} ${d.nicType} subchannels ${vdev(d.vaddr ?? 0)}-${vdev((d.vaddr ?? 0) + count - 1)} become one virtio-net-ccw device 0.0.${vdev(d.vaddr ?? 0).toLowerCase()}`;
        if (d.lan) {
          nic.backend = { type: 'bridge', source: d.lan.name };
          text += `; coupled to ${d.lan.owner} ${d.lan.name} (a guest LAN or VSWITCH) becomes host bridge ${d.lan.name} (a VSWITCH's nearest twin is a Linux bridge or Open vSwitch)`;
        } else {
          nic.backend = { type: 'tap' };
          text += '; not coupled to a LAN: a tap device with no bridge';
        }
        if (d.macid) {
          nic.mac = `02:00:00:${d.macid.toLowerCase().match(/../g)!.join(':')}`;
          text += `; MACID ${d.macid} with z/VM's default MAC prefix 02-00-00 gives ${nic.mac}`;
        }
        if (d.vlan !== undefined) text += `; VLAN ${d.vlan} is dropped (set it on the host bridge)`;
        if (d.nicType === 'HIPERSOCKETS')
          text += '; HiperSockets has no twin: virtio-net on a host bridge is the nearest';
        rule(d.key, text);
        devices.push(nic);
        break;
      }
      case 'dedicate': {
        const uuid = uuidFromName(`${spec.name}:mdev:${d.vaddr}`);
        const what = d.rdev !== undefined ? `real device ${vdev(d.rdev)}` : `volume ${d.volser}`;
        rule(
          d.key,
          `DEDICATE ${vdev(d.vaddr)} ${d.rdev !== undefined ? vdev(d.rdev) : d.volser}: pass-through of ${what} becomes a vfio-ccw mediated device (uuid ${uuid}, derived from the guest name) at 0.0.${vdev(d.vaddr).toLowerCase()}; pass-through blocks live migration on both`,
        );
        devices.push({
          kind: 'hostdev',
          key: d.key,
          type: 'mdev',
          model: 'vfio-ccw',
          uuid,
          vaddr: d.vaddr,
          cssid: 0xfe,
          ssid: 0,
        });
        break;
      }
      default:
        devices.push(d);
    }
  }
  spec.devices = devices;

  if (spec.ipl) {
    const ipl = spec.ipl;
    if (ipl.vaddr !== undefined) {
      const target = devices.find((d) => d.vaddr === ipl.vaddr && (d.kind === 'disk' || d.kind === 'nic')) as
        | DiskDevice
        | NicDevice
        | undefined;
      if (target) {
        target.bootIndex = 1;
        if (ipl.loadparm && target.kind === 'disk') target.loadparm = ipl.loadparm;
        rule(
          ITEM_KEYS.ipl,
          `IPL ${vdev(ipl.vaddr)} becomes bootindex=1 / <boot order='1'/> on the device at 0.0.${vdev(ipl.vaddr).toLowerCase()}`,
        );
      } else {
        drop(
          ITEM_KEYS.ipl,
          `IPL ${vdev(ipl.vaddr)}: this guest has no disk at ${vdev(ipl.vaddr)} (0190 is usually the CMS system disk, LINKed from MAINT); the KVM guest boots its first disk`,
        );
      }
    } else {
      drop(ITEM_KEYS.ipl, `IPL ${ipl.system}: a named saved system has no KVM twin`);
    }
    if (ipl.parm) {
      drop(
        ITEM_KEYS.ipl,
        `PARM ${ipl.parm}: no twin; KVM passes parameters only to a kernel it boots directly (<cmdline>/-append)`,
      );
    }
    delete spec.ipl;
  }
  return { guest: spec, notes };
}

function minidiskToDisk(
  spec: GuestSpec,
  d: MinidiskDevice,
  rule: (key: string, text: string) => void,
  drop: (key: string, text: string) => void,
): DiskDevice {
  const disk: DiskDevice = {
    kind: 'disk',
    key: d.key,
    vaddr: d.vaddr,
    cssid: 0xfe,
    ssid: 0,
    source: { type: 'file', path: '' },
    format: 'raw',
    cache: 'none',
    io: 'native',
  };
  if (d.mode !== undefined && /^R/.test(d.mode)) disk.readonly = true;
  const modeNote =
    d.mode && /^M/.test(d.mode)
      ? `; link mode ${d.mode} (others may link it) has no twin beyond <shareable/>`
      : '';
  const stmt = `MDISK ${vdev(d.vaddr)} ${d.deviceType}`;
  const unit = BYTES_PER_UNIT[d.deviceType] ?? 512;
  const ckd = unit !== 512;
  if (typeof d.start === 'number' && typeof d.size === 'number' && d.volser) {
    disk.source = {
      type: 'file',
      path: diskImagePath(d.volser),
      slice: { offset: d.start * unit, size: d.size * unit },
    };
    rule(
      d.key,
      `${stmt} ${d.start} ${d.size} ${d.volser} becomes a raw image slice of ${disk.source.path}: offset ${d.start * unit}, ${d.size * unit} bytes (${d.size} ${ckd ? 'cylinder' : 'block'}${d.size === 1 ? '' : 's'} × ${unit} bytes${ckd ? ', as dasdfmt lays out a volume in 4 KiB blocks' : ''}) at 0.0.${vdev(d.vaddr).toLowerCase()}${modeNote}`,
    );
  } else if (d.start === 'DEVNO') {
    disk.source = { type: 'block', path: `/dev/disk/by-path/ccw-0.0.${vdev(d.rdev ?? 0).toLowerCase()}` };
    rule(
      d.key,
      `${stmt} DEVNO ${vdev(d.rdev ?? 0)}: a full-pack minidisk becomes the host block device of that DASD${modeNote}`,
    );
  } else if (d.start === 'T-DISK' || d.start === 'V-DISK') {
    disk.source = {
      type: 'file',
      path: `${VOLUME_IMAGE_DIR}/${spec.name}-${vdev(d.vaddr)}-${d.start.toLowerCase()}.img`,
    };
    rule(
      d.key,
      `${stmt} ${d.start} ${d.size}: becomes a new raw image of ${typeof d.size === 'number' ? d.size * unit : 0} bytes; ${d.start === 'T-DISK' ? 'delete it when the guest stops (temporary disk)' : 'a V-DISK lives in host storage: put the image on tmpfs'}`,
    );
  } else {
    disk.source = { type: 'file', path: diskImagePath(d.volser ?? `${spec.name}-${vdev(d.vaddr)}`) };
    drop(
      d.key,
      `${stmt} ${d.start} END ${d.volser}: the size runs to the end of the volume, unknown here; the whole volume image is attached`,
    );
  }
  return disk;
}

/** A userid: upper case, at most 8 characters of A-Z 0-9 @ # $ _ -. */
function toUserid(name: string): string {
  const id = name.toUpperCase().replace(/[^A-Z0-9@#$_-]/g, '');
  return (id || 'GUEST').slice(0, 8);
}

export function translateToDirectory(input: GuestSpec): { guest: GuestSpec; notes: TranslationNote[] } {
  const spec = structuredClone(input);
  const notes: TranslationNote[] = [];
  const rule = (key: string, text: string) => notes.push({ key, kind: 'rule', text });
  const drop = (key: string, text: string) => notes.push({ key, kind: 'dropped', text });

  const userid = toUserid(spec.name);
  if (userid !== spec.name)
    rule(ITEM_KEYS.name, `name ${spec.name} becomes userid ${userid} (1 to 8 characters, upper case)`);
  spec.name = userid;
  spec.entryKind ??= 'USER';
  if (spec.password === undefined) {
    spec.password = 'AUTOONLY';
    rule(
      ITEM_KEYS.name,
      'password AUTOONLY: like a libvirt domain, the guest is started by someone else (XAUTOLOG), nobody logs on to it',
    );
  }
  spec.maxStorageKiB ??= spec.storageKiB;
  spec.privilegeClasses ??= 'G';
  const fromKvm = spec.machineMode === undefined;
  if (fromKvm) {
    spec.machineMode = 'ESA';
    rule(
      ITEM_KEYS.machine,
      `the ${spec.machineType ?? 's390-ccw-virtio'} machine becomes MACHINE ESA, the classic mode for Linux guests of z/VM`,
    );
  }
  const max = Math.max(spec.vcpus, spec.maxVcpus ?? spec.vcpus);
  spec.maxVcpus = max;
  if (spec.vcpus > 1 && !spec.cpuDefinitions) {
    spec.cpuDefinitions = Array.from({ length: spec.vcpus }, (_, i) =>
      i === 0 ? { address: 0, base: true } : { address: i },
    );
    rule(
      ITEM_KEYS.vcpus,
      `${spec.vcpus} vCPUs started at boot become CPU 00 BASE … CPU ${hex(spec.vcpus - 1, 2)}, with MACHINE ${spec.machineMode} ${max} as the maximum`,
    );
  } else if (max !== spec.vcpus && fromKvm) {
    rule(
      ITEM_KEYS.vcpus,
      `${spec.vcpus} of at most ${max} vCPUs: MACHINE ${spec.machineMode} ${max}, one CPU started at logon`,
    );
  }
  delete spec.topology;
  if (spec.cpuModel) {
    drop(
      ITEM_KEYS.machine,
      `CPU model ${spec.cpuModel}: no twin; z/VM virtual CPUs are the real processor's model`,
    );
    delete spec.cpuModel;
  }
  delete spec.architecture;
  delete spec.machineType;
  delete spec.domainType;
  delete spec.accel;

  if (spec.cpuTune) {
    const t = spec.cpuTune;
    if (t.shares !== undefined) {
      const rel = sharesToRelative(t.shares);
      spec.share = { target: { type: 'RELATIVE', value: rel } };
      rule(
        ITEM_KEYS.share,
        `<shares>${t.shares}</shares> becomes SHARE RELATIVE ${rel}: RELATIVE = shares × 100 / 1024 (the cgroup default 1024 matches z/VM's default RELATIVE 100)`,
      );
    }
    if (t.period !== undefined || t.quota !== undefined) {
      drop(
        ITEM_KEYS.share,
        `<period>${t.period ?? ''}</period>/<quota>${t.quota ?? ''}</quota>: CFS bandwidth has no exact twin; the nearest is a maximum share with LIMITHARD (SHARE … ABSOLUTE n% LIMITHARD)`,
      );
    }
    delete spec.cpuTune;
  }
  if (spec.kernelBoot) {
    drop(
      ITEM_KEYS.kernel,
      'direct kernel boot (kernel, initrd, cmdline): no directory twin; on z/VM you punch kernel, parmfile and initrd to the reader and IPL 00C',
    );
    delete spec.kernelBoot;
  }
  for (const [k, label] of [
    ['uuid', 'uuid'],
    ['emulator', 'emulator'],
    ['clockOffset', 'clock'],
    ['iothreads', 'iothreads'],
    ['lifecycle', 'lifecycle'],
  ] as const) {
    if (spec[k] !== undefined) {
      drop(
        ITEM_KEYS[label],
        `${label}: no directory twin${label === 'lifecycle' ? ': on z/VM, CP decides what a stop, a re-IPL or a crash of the guest does' : ''}`,
      );
      delete spec[k];
    }
  }
  if (spec.gdbStub) {
    drop(
      ITEM_KEYS.gdb,
      '-s (gdb stub): no directory twin; on z/VM you debug a guest with CP TRACE, DISPLAY and STORE',
    );
    delete spec.gdbStub;
  }

  // Devices without a device number get the ones libvirt would assign, in its order.
  assignMissingDevnos(spec.devices);
  const used = new Set<number>();
  // addresses of what stays a device on z/VM (the virtio-serial controller and the balloon do not)
  for (const d of spec.devices) {
    if (d.vaddr !== undefined && d.kind !== 'nic' && d.kind !== 'controller' && d.kind !== 'memballoon')
      used.add(d.vaddr);
  }
  const devices: DeviceSpec[] = [];
  let bootKey: { vaddr: number; order: number; loadparm?: string; key: string } | undefined;
  for (const d of spec.devices) {
    switch (d.kind) {
      case 'disk': {
        const md = diskToMinidisk(d, rule, drop);
        if (!md) break;
        if (d.bootIndex !== undefined && (!bootKey || d.bootIndex < bootKey.order)) {
          bootKey = { vaddr: md.vaddr, order: d.bootIndex, loadparm: d.loadparm, key: d.key };
        }
        devices.push(md);
        break;
      }
      case 'nic': {
        if (d.nicType !== 'virtio') {
          devices.push(d);
          break;
        }
        let vaddr = d.vaddr ?? 0x600;
        const clash = (a: number) => [a, a + 1, a + 2].some((x) => used.has(x));
        const wanted = vaddr;
        if (clash(vaddr)) {
          vaddr = 0x600;
          while (clash(vaddr)) vaddr += 3;
        }
        for (const x of [vaddr, vaddr + 1, vaddr + 2]) used.add(x);
        const b = d.backend;
        const lanName = lanFor(b?.type, b?.source);
        const nic: NicDevice = {
          kind: 'nic',
          key: d.key,
          vaddr,
          nicType: 'QDIO',
          statement: 'NICDEF',
          devices: 3,
          lan: { owner: 'SYSTEM', name: lanName },
        };
        let text = `virtio-net 0.0.${vdev(wanted).toLowerCase()} becomes a simulated QDIO NIC ${vdev(vaddr)}-${vdev(vaddr + 2)} (NICDEF … TYPE QDIO: 3 subchannels)`;
        if (vaddr !== wanted)
          text += `, moved from ${vdev(wanted)} because ${vdev(wanted)}-${vdev(wanted + 2)} overlaps another device`;
        text += `; ${backendText(b?.type, b?.source)} becomes LAN SYSTEM ${lanName}`;
        if (d.mac) {
          nic.macid = d.mac.replace(/:/g, '').slice(6).toUpperCase();
          text += `; MAC ${d.mac} becomes MACID ${nic.macid} (z/VM supplies the first 3 bytes from VMLAN MACPREFIX)`;
        }
        rule(d.key, text);
        devices.push(nic);
        break;
      }
      case 'console': {
        if (devices.some((x) => x.kind === 'console')) {
          drop(d.key, `${d.model} console: z/VM gives a guest one virtual console; the first one is kept`);
          break;
        }
        if (d.model === '3215' || d.model === '3270') {
          devices.push(d);
          break;
        }
        const model = d.model === 'sclp' ? '3270' : '3215';
        let vaddr = model === '3270' ? 0x01f : 0x009;
        while (used.has(vaddr)) vaddr++;
        used.add(vaddr);
        const con: ConsoleDevice =
          model === '3270'
            ? { kind: 'console', key: d.key, vaddr, model, spoolClass: 'A' }
            : { kind: 'console', key: d.key, vaddr, model, spoolClass: 'T' };
        rule(
          d.key,
          `${d.model} console on a pty becomes CONSOLE ${hex(vaddr, 3)} ${model} ${con.spoolClass}: ${model === '3270' ? 'the full-screen SCLP (VT220) console maps to a 3270' : 'a line-mode console maps to a 3215'}`,
        );
        devices.push(con);
        break;
      }
      case 'controller':
        drop(d.key, 'virtio-serial controller: the bus of a virtio console; a z/VM console needs none');
        break;
      case 'memballoon':
        drop(
          d.key,
          'memballoon: no device twin; z/VM reclaims guest storage with CMM (cooperative memory management) driven by VMRM',
        );
        break;
      case 'hostdev': {
        if (d.type === 'mdev' && d.model === 'vfio-ccw' && d.vaddr !== undefined) {
          rule(
            d.key,
            `vfio-ccw mediated device ${d.uuid} becomes DEDICATE ${vdev(d.vaddr)} ${vdev(d.vaddr)}: pass-through of a real device; the mdev does not name its real device number, assumed equal to the guest's`,
          );
          devices.push({ kind: 'dedicate', key: d.key, vaddr: d.vaddr, rdev: d.vaddr });
        } else if (d.type === 'mdev') {
          drop(
            d.key,
            'vfio-ap crypto pass-through: z/VM gives crypto domains with the CRYPTO directory statement (APDED/APVIRT)',
          );
        } else {
          drop(
            d.key,
            `SCSI LUN ${d.adapter ?? ''} ${d.scsi ? `${d.scsi.bus}:${d.scsi.target}:${d.scsi.unit}` : ''}: on z/VM you DEDICATE the FCP subchannel and the guest addresses the LUN itself; the host adapter name does not say which subchannel`,
          );
        }
        break;
      }
      default:
        devices.push(d);
    }
  }
  spec.devices = devices;
  if (bootKey) {
    spec.ipl = { vaddr: bootKey.vaddr, ...(bootKey.loadparm ? { loadparm: bootKey.loadparm } : {}) };
    rule(
      ITEM_KEYS.ipl,
      `boot order 1 on 0.0.${vdev(bootKey.vaddr).toLowerCase()} becomes IPL ${vdev(bootKey.vaddr)}`,
    );
  } else if (!spec.ipl) {
    const first = devices.find((d): d is MinidiskDevice => d.kind === 'minidisk');
    if (first) {
      spec.ipl = { vaddr: first.vaddr };
      rule(ITEM_KEYS.ipl, `libvirt boots the first disk (<boot dev='hd'/>): IPL ${vdev(first.vaddr)}`);
    }
  }
  return { guest: spec, notes };
}

function lanFor(type: string | undefined, source: string | undefined): string {
  if ((type === 'bridge' || type === 'network') && source)
    return (
      source
        .toUpperCase()
        .replace(/[^A-Z0-9@#$]/g, '')
        .slice(0, 8) || 'VSW1'
    );
  if (type === 'direct' && source) {
    const m = /enccw\d\.\d\.([0-9a-f]{4})$/i.exec(source);
    return m
      ? `VSW${m[1].toUpperCase()}`
      : source
          .toUpperCase()
          .replace(/[^A-Z0-9@#$]/g, '')
          .slice(0, 8) || 'VSW1';
  }
  return 'VSW1';
}

function backendText(type: string | undefined, source: string | undefined): string {
  switch (type) {
    case 'direct':
      return `macvtap on host interface ${source} (its nearest twin: a VSWITCH with that OSA as uplink)`;
    case 'bridge':
      return `host bridge ${source} (nearest twin: a VSWITCH)`;
    case 'network':
      return `libvirt network ${source} (nearest twin: a guest LAN)`;
    default:
      return 'a tap device';
  }
}

function diskToMinidisk(
  d: DiskDevice,
  rule: (key: string, text: string) => void,
  drop: (key: string, text: string) => void,
): MinidiskDevice | undefined {
  const vaddr = d.vaddr ?? 0;
  const mode = d.readonly ? 'RR' : 'MR';
  const unit = BYTES_PER_UNIT['3390'];
  const m = new RegExp(`^${VOLUME_IMAGE_DIR}/([A-Z0-9$#@-]{1,6})\\.img$`).exec(d.source.path);
  const slice = d.source.slice;
  if (
    m &&
    slice &&
    slice.offset % unit === 0 &&
    slice.size % unit === 0 &&
    slice.size > 0 &&
    d.format === 'raw'
  ) {
    const md: MinidiskDevice = {
      kind: 'minidisk',
      key: d.key,
      vaddr,
      deviceType: '3390',
      start: slice.offset / unit,
      size: slice.size / unit,
      volser: m[1],
      mode,
    };
    rule(
      d.key,
      `a raw slice of ${d.source.path} (offset ${slice.offset}, ${slice.size} bytes) becomes MDISK ${vdev(vaddr)} 3390 ${md.start} ${md.size} ${m[1]} ${mode}: cylinders of ${unit} bytes (15 tracks × 12 blocks × 4 KiB)`,
    );
    return md;
  }
  const dasd = /^\/dev\/disk\/by-path\/ccw-0\.0\.([0-9a-f]{4})(-part(\d+))?$/i.exec(d.source.path);
  if (d.source.type === 'block' && dasd) {
    const rdev = parseInt(dasd[1], 16);
    rule(
      d.key,
      `host DASD ${d.source.path} becomes MDISK ${vdev(vaddr)} 3390 DEVNO ${vdev(rdev)} ${mode}, a full-pack minidisk of real device ${vdev(rdev)}${dasd[2] ? ` (the whole volume, not only partition ${dasd[3]})` : ''}`,
    );
    return {
      kind: 'minidisk',
      key: d.key,
      vaddr,
      deviceType: '3390',
      start: 'DEVNO',
      size: 'END',
      rdev,
      mode,
    };
  }
  drop(
    d.key,
    `${d.format} ${d.source.type === 'file' ? 'image file' : 'block device'} ${d.source.path} at 0.0.${vdev(vaddr).toLowerCase()}: no z/VM twin; allocate a minidisk of the same size (DirMaint AMDISK) and copy the data into it`,
  );
  return undefined;
}

/** libvirt's order for free CCW device numbers: disks, NICs, vfio-ccw, controllers, balloon. */
export function assignMissingDevnos(devices: DeviceSpec[]): void {
  const used = new Set(devices.filter((d) => d.vaddr !== undefined).map((d) => d.vaddr!));
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
