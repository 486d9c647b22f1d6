/**
 * A z/VM directory entry's spec adapted for KVM (QEMU command line, libvirt XML), with a note for
 * every statement that changed shape or has no twin (cross-walk: reference/domain-hypervisors.md §9).
 * Device keys survive, so a directory line and its KVM twin share a key.
 */
import {
  type ConsoleDevice,
  type DeviceSpec,
  type DiskDevice,
  type GuestSpec,
  ITEM_KEYS,
  type MinidiskDevice,
  type NicDevice,
  uuidFromName,
} from './guest-spec';
import {
  BYTES_PER_UNIT,
  diskImagePath,
  relativeToShares,
  type TranslationNote,
  VOLUME_IMAGE_DIR,
  vdev,
} from './translation-rules';

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
