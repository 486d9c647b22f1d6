import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DeviceSpec,
  type GuestSpec,
  parseDirectory,
  parseDomainXml,
  parseGuestJson,
  parseQemuCommandLine,
  renderDirectoryEntry,
  renderDomainXml,
  renderGuestJson,
  parseDefinition,
  renderQemuCommandLine,
  specContent,
  translateGuest,
} from '../../../src/engine/defs/index';

/** Builds a spec in the canonical shape a form's parser produces. */
function guest(fields: Partial<GuestSpec>, devices: Omit<DeviceSpec, 'key'>[]): GuestSpec {
  return {
    name: 'X',
    storageKiB: 1024,
    vcpus: 1,
    options: [],
    commands: [],
    iucv: [],
    otherStatements: [],
    sources: {},
    ...fields,
    devices: devices.map((d, i) => ({ ...d, key: `dev:${i + 1}` }) as DeviceSpec),
  };
}

const word = (chars: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...chars.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${UPPER}0123456789`;
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Drops undefined fields (parsers leave fields out rather than set them undefined). */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

// ---------- z/VM user directory ----------

const dirDevice = (vaddr: number): fc.Arbitrary<Omit<DeviceSpec, 'key'>> =>
  fc.oneof(
    fc
      .record({
        model: fc.constantFrom('3215' as const, '3270' as const),
        spoolClass: opt(fc.constantFrom('A', 'T', '*')),
        secondaryUser: opt(word(UPPER, 1, 8)),
      })
      .map((c) =>
        clean({
          kind: 'console' as const,
          vaddr,
          ...c,
          secondaryUser: c.spoolClass ? c.secondaryUser : undefined,
        }),
      ),
    fc
      .record({
        type: fc.constantFrom('2540R', '2540P', '1403', '3505', '3211'),
        spoolClass: opt(fc.constantFrom('A', '*', 'B')),
      })
      .map(({ type, spoolClass }) =>
        clean({
          kind: 'spool' as const,
          vaddr,
          deviceType: type.slice(0, 4),
          role:
            type === '2540R' || type === '3505'
              ? ('reader' as const)
              : type === '2540P'
                ? ('punch' as const)
                : ('printer' as const),
          spoolClass,
        }),
      ),
    fc
      .record({
        special: fc.boolean(),
        hiper: fc.boolean(),
        devices: fc.integer({ min: 3, max: 3 }),
        lan: opt(fc.record({ owner: fc.constant('SYSTEM'), name: word(UPPER, 1, 8) })),
        macid: opt(word('0123456789ABCDEF', 6, 6)),
        vlan: opt(fc.integer({ min: 1, max: 4094 })),
      })
      .map((n) =>
        clean({
          kind: 'nic' as const,
          vaddr,
          nicType: n.hiper ? ('HIPERSOCKETS' as const) : ('QDIO' as const),
          statement: n.special ? ('SPECIAL' as const) : ('NICDEF' as const),
          devices: n.devices,
          lan: n.lan,
          macid: n.special ? undefined : n.macid,
          vlan: n.special ? undefined : n.vlan,
        }),
      ),
    fc
      .record({
        shape: fc.constantFrom('extent', 'T-DISK', 'DEVNO'),
        deviceType: fc.constantFrom('3390', '3380', 'FB-512'),
        start: fc.integer({ min: 0, max: 3000 }),
        size: fc.integer({ min: 1, max: 3000 }),
        volser: word(ALNUM, 1, 6),
        rdev: fc.integer({ min: 0, max: 0xffff }),
        mode: opt(fc.constantFrom('R', 'RR', 'W', 'MR', 'MW', 'M')),
        passwords: fc.array(word(UPPER, 1, 8), { minLength: 0, maxLength: 3 }),
      })
      .map((m) => {
        const base = { kind: 'minidisk' as const, vaddr, deviceType: m.deviceType };
        const tail = clean({
          mode: m.mode,
          passwords: m.mode && m.passwords.length > 0 ? m.passwords : undefined,
        });
        if (m.shape === 'T-DISK') return { ...base, start: 'T-DISK' as const, size: m.size, ...tail };
        if (m.shape === 'DEVNO')
          return { ...base, start: 'DEVNO' as const, size: 'END' as const, rdev: m.rdev, ...tail };
        return { ...base, start: m.start, size: m.size, volser: m.volser, ...tail };
      }),
    fc
      .record({
        owner: word(UPPER, 1, 8),
        ownerVaddr: fc.integer({ min: 0, max: 0xffff }),
        mode: fc.constantFrom('RR', 'R', 'MR'),
      })
      .map((l) => ({ kind: 'link' as const, vaddr, ...l })),
    fc
      .record({
        rdev: opt(fc.integer({ min: 0, max: 0xffff })),
        volser: fc.tuple(word('GHIJKLMNOPQRSTUVWXYZ', 1, 1), word(ALNUM, 5, 5)).map(([a, b]) => a + b),
        readonly: opt(fc.constant(true)),
      })
      .map((d) =>
        clean({
          kind: 'dedicate' as const,
          vaddr,
          rdev: d.rdev,
          volser: d.rdev === undefined ? d.volser : undefined,
          readonly: d.readonly,
        }),
      ),
  );

const directoryGuest: fc.Arbitrary<GuestSpec> = fc
  .record({
    name: fc.tuple(word(UPPER, 1, 1), word(ALNUM, 0, 7)).map(([a, b]) => a + b),
    password: word(ALNUM, 1, 8),
    storageMiB: fc.integer({ min: 1, max: 8192 }),
    extraMiB: fc.integer({ min: 0, max: 8192 }),
    classes: word('ABCDEFG', 1, 4),
    machineMode: fc.constantFrom('ESA' as const, 'XA' as const, 'XC' as const, 'Z' as const),
    maxVcpus: fc.integer({ min: 1, max: 64 }),
    cpus: fc.integer({ min: 0, max: 4 }),
    ipl: opt(
      fc.record({
        target: fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom('CMS', 'GCS', 'ZCMS')),
        loadparm: opt(word(ALNUM, 1, 8)),
        parm: opt(fc.array(word(UPPER, 1, 8), { minLength: 1, maxLength: 3 }).map((a) => a.join(' '))),
      }),
    ),
    share: opt(
      fc.record({
        target: fc.oneof(
          fc.integer({ min: 1, max: 10000 }).map((value) => ({ type: 'RELATIVE' as const, value })),
          fc.integer({ min: 1, max: 1000 }).map((v) => ({ type: 'ABSOLUTE' as const, value: v / 10 })),
        ),
        maximum: opt(
          fc.oneof(
            fc.constant('NOLIMIT' as const),
            fc.integer({ min: 1, max: 10000 }).map((value) => ({ type: 'RELATIVE' as const, value })),
          ),
        ),
        limit: opt(fc.constantFrom('LIMITSOFT' as const, 'LIMITHARD' as const)),
      }),
    ),
    options: fc.array(
      fc.array(word(UPPER, 2, 10), { minLength: 1, maxLength: 3 }).map((a) => a.join(' ')),
      { maxLength: 2 },
    ),
    commands: fc.array(
      fc.array(word(ALNUM, 1, 8), { minLength: 1, maxLength: 4 }).map((a) => a.join(' ')),
      { maxLength: 2 },
    ),
    iucv: fc.array(fc.constantFrom('ANY', 'ALLOW', 'LINUX2 MSGLIMIT 20'), { maxLength: 2 }),
    account: opt(word(ALNUM, 1, 8)),
    deviceCount: fc.integer({ min: 0, max: 6 }),
    base: fc.integer({ min: 0, max: 0xff00 }),
  })
  .chain((g) =>
    fc.tuple(...Array.from({ length: g.deviceCount }, (_, i) => dirDevice(g.base + i * 4))).map((devices) => {
      const cpuDefinitions = Array.from({ length: g.cpus }, (_, i) =>
        i === 0 ? { address: 0, base: true } : { address: i },
      );
      const share =
        g.share &&
        clean({
          ...g.share,
          limit: g.share.maximum && g.share.maximum !== 'NOLIMIT' ? g.share.limit : undefined,
        });
      const ipl =
        g.ipl &&
        clean({
          vaddr: typeof g.ipl.target === 'number' ? g.ipl.target : undefined,
          system: typeof g.ipl.target === 'string' ? g.ipl.target : undefined,
          loadparm: g.ipl.loadparm,
          parm: g.ipl.parm,
        });
      return guest(
        clean({
          name: g.name,
          entryKind: 'USER' as const,
          password: g.password,
          storageKiB: g.storageMiB * 1024,
          maxStorageKiB: (g.storageMiB + g.extraMiB) * 1024,
          privilegeClasses: g.classes,
          machineMode: g.machineMode,
          maxVcpus: Math.max(g.maxVcpus, g.cpus),
          vcpus: Math.max(1, g.cpus),
          cpuDefinitions: g.cpus > 0 ? cpuDefinitions : undefined,
          ipl,
          share,
          options: g.options,
          commands: g.commands,
          iucv: g.iucv,
          otherStatements: g.account ? [{ key: 'other:1', text: `ACCOUNT ${g.account}` }] : [],
        }),
        devices,
      );
    }),
  );

// ---------- QEMU command line ----------

const PATH = fc
  .tuple(
    fc.constantFrom('/var/lib/libvirt/images/', '/dev/disk/by-path/', '/srv/my images/'),
    word('abcdefgh0123456789.-', 1, 12),
  )
  .map(([dir, f]) => dir + f);

const qemuGuest: fc.Arbitrary<GuestSpec> = fc
  .record({
    name: fc.tuple(word('abcxyzABC', 1, 1), word('abcdefXYZ0123_-', 0, 12)).map(([a, b]) => a + b),
    storageMiB: fc.integer({ min: 1, max: 65536 }),
    maxExtraMiB: opt(fc.integer({ min: 1, max: 4096 })),
    vcpus: fc.integer({ min: 1, max: 8 }),
    maxExtra: opt(fc.integer({ min: 1, max: 8 })),
    topology: opt(
      fc.record({ sockets: fc.integer({ min: 1, max: 4 }), cores: fc.integer({ min: 1, max: 2 }) }),
    ),
    uuid: opt(fc.uuid()),
    kernelBoot: opt(
      fc.record({
        kernel: PATH,
        initrd: opt(PATH),
        cmdline: opt(fc.constantFrom('root=/dev/vda', 'selinux=0 root=/dev/vda quiet', "a='b c'")),
      }),
    ),
    gdbStub: opt(fc.constant(true)),
    cpuModel: opt(fc.constantFrom('host', 'z14', 'gen15a')),
    devices: fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constant('disk' as const),
          path: PATH,
          format: fc.constantFrom('raw' as const, 'qcow2' as const),
          cache: opt(fc.constantFrom('none', 'writeback')),
          io: opt(fc.constantFrom('native', 'threads')),
          readonly: opt(fc.constant(true)),
          slice: opt(fc.record({ offset: fc.nat(1 << 30), size: fc.integer({ min: 1, max: 1 << 30 }) })),
          bootIndex: opt(fc.integer({ min: 1, max: 9 })),
          loadparm: opt(word(ALNUM, 1, 8)),
        }),
        fc.record({
          kind: fc.constant('nic' as const),
          backend: fc.oneof(
            fc.record({
              type: fc.constant('tap' as const),
              fd: opt(fc.integer({ min: 3, max: 99 })),
              ifname: opt(word('tapvnet0123', 1, 8)),
            }),
            fc.record({ type: fc.constant('bridge' as const), source: word('brvir0123', 1, 8) }),
            fc.record({ type: fc.constant('user' as const) }),
          ),
          mac: opt(
            fc.array(word('0123456789abcdef', 2, 2), { minLength: 6, maxLength: 6 }).map((a) => a.join(':')),
          ),
          bootIndex: opt(fc.integer({ min: 1, max: 9 })),
        }),
        fc.record({
          kind: fc.constant('console' as const),
          model: fc.constantFrom('virtio' as const, 'sclp' as const, 'sclplm' as const),
        }),
        fc.record({ kind: fc.constant('controller' as const) }),
        fc.record({ kind: fc.constant('memballoon' as const) }),
        fc.record({
          kind: fc.constant('hostdev' as const),
          model: fc.constantFrom('vfio-ccw' as const, 'vfio-ap' as const),
          uuid: fc.uuid(),
        }),
      ),
      { maxLength: 6 },
    ),
    devnos: fc.uniqueArray(fc.integer({ min: 0, max: 0xffff }), { minLength: 6, maxLength: 6 }),
    withDevno: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    ssids: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }),
  })
  .map((g) => {
    const counters = { disk: 0, nic: 0, console: 0 };
    const devices = g.devices.map((d, i) => {
      const addr =
        g.withDevno[i] && (d.kind !== 'hostdev' || d.model === 'vfio-ccw') && d.kind !== 'console'
          ? { vaddr: g.devnos[i], cssid: 0xfe, ssid: g.ssids[i] }
          : {};
      switch (d.kind) {
        case 'disk': {
          const n = counters.disk++;
          return clean({
            kind: 'disk' as const,
            source: clean({
              type: d.path.startsWith('/dev/') ? ('block' as const) : ('file' as const),
              path: d.path,
              slice: d.slice,
            }),
            format: d.format,
            driveId: `drive-${n}`,
            cache: d.cache,
            io: d.io,
            readonly: d.readonly,
            id: `disk${n}`,
            ...addr,
            bootIndex: d.bootIndex,
            loadparm: d.loadparm,
          });
        }
        case 'nic': {
          const n = counters.nic++;
          return clean({
            kind: 'nic' as const,
            nicType: 'virtio' as const,
            backend: clean({ ...d.backend, netdevId: `hostnet${n}` }),
            id: `net${n}`,
            mac: d.mac,
            ...addr,
            bootIndex: d.bootIndex,
          });
        }
        case 'console': {
          const n = counters.console++;
          return {
            kind: 'console' as const,
            model: d.model,
            chardev: { type: 'pty', id: `chr${n}` },
            id: `con${n}`,
          };
        }
        case 'controller':
          return {
            kind: 'controller' as const,
            type: 'virtio-serial' as const,
            index: 0,
            id: `vs${i}`,
            ...addr,
          };
        case 'memballoon':
          return { kind: 'memballoon' as const, model: 'virtio' as const, id: `balloon${i}`, ...addr };
        case 'hostdev':
          return {
            kind: 'hostdev' as const,
            type: 'mdev' as const,
            model: d.model,
            uuid: d.uuid,
            id: `hd${i}`,
            ...addr,
          };
      }
      throw new Error('unknown device kind');
    });
    return guest(
      clean({
        name: g.name,
        emulator: '/usr/bin/qemu-system-s390x',
        machineType: 's390-ccw-virtio',
        architecture: 's390x' as const,
        accel: 'kvm',
        storageKiB: g.storageMiB * 1024,
        maxStorageKiB: g.maxExtraMiB === undefined ? undefined : (g.storageMiB + g.maxExtraMiB) * 1024,
        vcpus: g.vcpus,
        maxVcpus: g.maxExtra === undefined ? undefined : g.vcpus + g.maxExtra,
        topology: g.topology,
        uuid: g.uuid,
        kernelBoot: g.kernelBoot && clean(g.kernelBoot),
        gdbStub: g.gdbStub,
        cpuModel: g.cpuModel,
      }),
      devices as Omit<DeviceSpec, 'key'>[],
    );
  });

// ---------- libvirt domain XML ----------

const FORMAT_ORDER = ['disk', 'controller', 'nic', 'console', 'hostdev', 'memballoon'];

const xmlGuest: fc.Arbitrary<GuestSpec> = fc
  .record({
    domainType: fc.constantFrom('kvm', 'qemu'),
    name: fc.tuple(word('abcxyzABC', 1, 1), word('abcdefXYZ0123_.-', 0, 12)).map(([a, b]) => a + b),
    uuid: opt(fc.uuid()),
    storageKiB: fc.oneof(
      fc.integer({ min: 1, max: 65536 }).map((m) => m * 1024),
      fc.integer({ min: 1, max: 1 << 26 }),
    ),
    vcpus: fc.integer({ min: 1, max: 16 }),
    maxExtra: opt(fc.integer({ min: 1, max: 16 })),
    iothreads: opt(fc.integer({ min: 1, max: 8 })),
    cpuTune: opt(
      fc.record({
        shares: fc.integer({ min: 2, max: 262144 }),
        period: opt(fc.integer({ min: 1000, max: 1000000 })),
        quota: opt(fc.integer({ min: 1000, max: 1000000 })),
      }),
    ),
    machineType: fc.constantFrom('s390-ccw-virtio', 's390-ccw-virtio-2.5', 's390-ccw-virtio-9.2'),
    cpuModel: opt(fc.constantFrom('host', 'z14')),
    kernelBoot: opt(
      fc.record({
        kernel: PATH,
        initrd: opt(PATH),
        cmdline: opt(fc.constantFrom('root=/dev/vda', 'a<b & c')),
      }),
    ),
    clockOffset: opt(fc.constantFrom('utc', 'localtime')),
    lifecycle: opt(
      fc.record({
        onPoweroff: fc.constant('destroy'),
        onReboot: fc.constantFrom('restart', 'destroy'),
        onCrash: opt(fc.constant('preserve')),
      }),
    ),
    emulator: opt(fc.constant('/usr/bin/qemu-system-s390x')),
    devices: fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constant('disk' as const),
          path: PATH,
          format: fc.constantFrom('raw' as const, 'qcow2' as const),
          cache: opt(fc.constantFrom('none', 'writeback')),
          io: opt(fc.constantFrom('native', 'threads')),
          readonly: opt(fc.constant(true)),
          slice: opt(fc.record({ offset: fc.nat(1 << 30), size: fc.integer({ min: 1, max: 1 << 30 }) })),
          bootIndex: opt(fc.integer({ min: 1, max: 9 })),
          loadparm: opt(word(ALNUM, 1, 8)),
        }),
        fc.record({
          kind: fc.constant('nic' as const),
          backend: fc.oneof(
            fc.record({
              type: fc.constant('direct' as const),
              source: fc.constantFrom('eth1', 'enccw0.0.4300'),
              mode: fc.constantFrom('bridge', 'vepa', 'passthrough'),
            }),
            fc.record({
              type: fc.constant('bridge' as const),
              source: word('brvir0123', 1, 8),
              virtualport: opt(fc.constant('openvswitch')),
            }),
            fc.record({
              type: fc.constant('network' as const),
              source: fc.constantFrom('default', 'isolated'),
            }),
            fc.record({ type: fc.constant('tap' as const), ifname: opt(word('tapvnet0123', 1, 8)) }),
            fc.record({ type: fc.constant('user' as const) }),
          ),
          mac: opt(
            fc.array(word('0123456789abcdef', 2, 2), { minLength: 6, maxLength: 6 }).map((a) => a.join(':')),
          ),
          bootIndex: opt(fc.integer({ min: 1, max: 9 })),
        }),
        fc.record({
          kind: fc.constant('console' as const),
          model: fc.constantFrom('virtio' as const, 'sclp' as const, 'sclplm' as const),
        }),
        fc.record({ kind: fc.constant('controller' as const), index: fc.integer({ min: 0, max: 3 }) }),
        fc.record({
          kind: fc.constant('memballoon' as const),
          model: fc.constantFrom('virtio' as const, 'none' as const),
        }),
        fc.record({
          kind: fc.constant('mdev' as const),
          model: fc.constantFrom('vfio-ccw' as const, 'vfio-ap' as const),
          uuid: fc.uuid(),
        }),
        fc.record({
          kind: fc.constant('scsi' as const),
          adapter: fc.constantFrom('scsi_host0', 'scsi_host3'),
          scsi: fc.record({ bus: fc.nat(3), target: fc.nat(31), unit: fc.nat(1 << 30) }),
          drive: opt(
            fc.record({ controller: fc.nat(3), bus: fc.nat(3), target: fc.nat(3), unit: fc.nat(16383) }),
          ),
        }),
      ),
      { maxLength: 7 },
    ),
    devnos: fc.uniqueArray(fc.integer({ min: 0, max: 0xffff }), { minLength: 7, maxLength: 7 }),
    withDevno: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
  })
  .map((g) => {
    let disks = 0;
    const devices = g.devices.map((d, i) => {
      const addressable =
        d.kind === 'disk' ||
        d.kind === 'nic' ||
        d.kind === 'controller' ||
        (d.kind === 'memballoon' && d.model === 'virtio') ||
        (d.kind === 'mdev' && d.model === 'vfio-ccw');
      const addr = g.withDevno[i] && addressable ? { vaddr: g.devnos[i], cssid: 0xfe, ssid: 0 } : {};
      switch (d.kind) {
        case 'disk':
          return clean({
            kind: 'disk' as const,
            source: clean({
              type: d.path.startsWith('/dev/') ? ('block' as const) : ('file' as const),
              path: d.path,
              slice: d.slice,
            }),
            format: d.format,
            cache: d.cache,
            io: d.io,
            target: `vd${String.fromCharCode(97 + disks++)}`,
            readonly: d.readonly,
            bootIndex: d.bootIndex,
            loadparm: d.bootIndex === undefined ? undefined : d.loadparm,
            ...addr,
          });
        case 'nic':
          return clean({
            kind: 'nic' as const,
            nicType: 'virtio' as const,
            backend: clean({ ...d.backend }),
            mac: d.mac,
            bootIndex: d.bootIndex,
            ...addr,
          });
        case 'console':
          return { kind: 'console' as const, model: d.model, chardev: { type: 'pty' } };
        case 'controller':
          return { kind: 'controller' as const, type: 'virtio-serial' as const, index: d.index, ...addr };
        case 'memballoon':
          return { kind: 'memballoon' as const, model: d.model, ...addr };
        case 'mdev':
          return { kind: 'hostdev' as const, type: 'mdev' as const, model: d.model, uuid: d.uuid, ...addr };
        case 'scsi':
          return clean({
            kind: 'hostdev' as const,
            type: 'scsi' as const,
            adapter: d.adapter,
            scsi: d.scsi,
            drive: d.drive,
          });
      }
      throw new Error('unknown device kind');
    });
    devices.sort((a, b) => FORMAT_ORDER.indexOf(a.kind) - FORMAT_ORDER.indexOf(b.kind));
    return guest(
      clean({
        domainType: g.domainType,
        name: g.name,
        uuid: g.uuid,
        storageKiB: g.storageKiB,
        vcpus: g.vcpus,
        maxVcpus: g.maxExtra === undefined ? undefined : g.vcpus + g.maxExtra,
        iothreads: g.iothreads,
        cpuTune: g.cpuTune && clean(g.cpuTune),
        architecture: 's390x' as const,
        machineType: g.machineType,
        cpuModel: g.cpuModel,
        kernelBoot: g.kernelBoot && clean(g.kernelBoot),
        clockOffset: g.clockOffset,
        lifecycle: g.lifecycle && clean(g.lifecycle),
        emulator: g.emulator,
      }),
      devices as Omit<DeviceSpec, 'key'>[],
    );
  });

describe('rendering a spec and parsing it back gives the same spec', () => {
  it('user directory', () => {
    fc.assert(
      fc.property(directoryGuest, (spec) => {
        const text = renderDirectoryEntry(spec).text;
        const parsed = parseDirectory(text);
        expect(
          parsed.diagnostics.filter((d) => d.severity === 'error'),
          text,
        ).toEqual([]);
        expect(parsed.guests.map(specContent), text).toEqual([specContent(spec)]);
      }),
      { numRuns: 300 },
    );
  });

  it('QEMU command line', () => {
    fc.assert(
      fc.property(qemuGuest, (spec) => {
        const text = renderQemuCommandLine(spec).text;
        const parsed = parseQemuCommandLine(text);
        expect(
          parsed.diagnostics.filter((d) => d.severity === 'error'),
          text,
        ).toEqual([]);
        expect(specContent(parsed.guest), text).toEqual(specContent(spec));
      }),
      { numRuns: 300 },
    );
  });

  it('libvirt domain XML', () => {
    fc.assert(
      fc.property(xmlGuest, (spec) => {
        const text = renderDomainXml(spec).text;
        const parsed = parseDomainXml(text);
        expect(
          parsed.diagnostics.filter((d) => d.severity === 'error'),
          text,
        ).toEqual([]);
        expect(specContent(parsed.guest), text).toEqual(specContent(spec));
      }),
      { numRuns: 300 },
    );
  });

  it('JSON', () => {
    fc.assert(
      fc.property(fc.oneof(directoryGuest, qemuGuest, xmlGuest), (spec) => {
        const text = renderGuestJson(spec).text;
        const parsed = parseGuestJson(text);
        expect(parsed.diagnostics, text).toEqual([]);
        expect(parsed.guests.map(specContent), text).toEqual([specContent(spec)]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('translating any guest into any form gives a definition that form accepts', () => {
  const forms = ['directory', 'qemu', 'xml', 'json'] as const;
  it('for specs read from each form', () => {
    fc.assert(
      fc.property(
        fc.oneof(directoryGuest, qemuGuest, xmlGuest),
        fc.constantFrom(...forms),
        fc.boolean(),
        (spec, to, dumpxml) => {
          const t = translateGuest(spec, to, { dumpxml });
          const again = parseDefinition(t.rendered.text, { form: to });
          expect(
            again.diagnostics.filter((d) => d.severity === 'error'),
            t.rendered.text,
          ).toEqual([]);
          // every line map entry points inside the output, at an item the spec has or the form added
          const lines = t.rendered.text.split('\n').length;
          for (const m of t.rendered.lineMap) {
            expect(m.startLine).toBeGreaterThanOrEqual(1);
            expect(m.endLine).toBeLessThanOrEqual(lines);
          }
          // every device either appears in the output or has a note saying why not
          for (const d of spec.devices) {
            const shown = t.rendered.lineMap.some((m) => m.key === d.key);
            const noted = t.notes.some((n) => n.key === d.key);
            expect(shown || noted, `${d.kind} ${d.key}`).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
