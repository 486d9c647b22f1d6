/**
 * A KVM guest's spec (QEMU command line, libvirt XML) adapted for the z/VM user directory, with a
 * note for everything that changed shape or has no twin (cross-walk: reference/domain-hypervisors.md §9).
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
} from './guest-spec';
import {
  assignMissingDevnos,
  BYTES_PER_UNIT,
  sharesToRelative,
  type TranslationNote,
  VOLUME_IMAGE_DIR,
  vdev,
} from './translation-rules';

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
