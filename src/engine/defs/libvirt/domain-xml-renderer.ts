/**
 * Guest spec to libvirt domain XML, either as a user writes it or as `virsh dumpxml` shows it after
 * libvirt has filled in its defaults (reference/domain-hypervisors.md §5.2, §5.3).
 */
import { type DeviceSpec, type GuestSpec, hexLower, ITEM_KEYS, fnv1a, uuidFromName } from '../guest-spec';
import { LineWriter, type RenderedText } from '../rendered-text';
import { assignMissingDevnos } from '../translation-rules';
import { xmlEscape as x } from './xml-tree';

export interface DomainXmlOptions {
  /** Render what `virsh dumpxml` prints: defaults filled in, memory in KiB, addresses on every device. */
  dumpxml?: boolean;
  /** QEMU version the versioned machine type names in dumpxml (the seed's 2016 host showed 2.5). */
  machineVersion?: string;
}

export const DEFAULT_MACHINE_VERSION = '9.2';

/** The order libvirt writes devices in. */
const FORMAT_ORDER: readonly DeviceSpec['kind'][] = [
  'disk',
  'controller',
  'nic',
  'console',
  'hostdev',
  'memballoon',
];

/** A MAC address derived from the guest name and NIC position, in QEMU's 52:54:00 range; never random. */
export function macFromName(name: string, index: number): string {
  const h = fnv1a(`${name}#${index}`) ^ fnv1a(`${index}#${name}`, 0x01000193);
  const b = [(h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff].map((n) => n.toString(16).padStart(2, '0'));
  return `52:54:00:${b.join(':')}`;
}

/**
 * What libvirt adds when it defines a domain: a uuid (here derived from the name), lifecycle
 * actions, the clock, the emulator, a virtio-serial controller for a virtio console, a memballoon,
 * MAC addresses and CCW addresses on every device, assigned in order from 0x0000.
 */
export function completeDomain(spec: GuestSpec, options: DomainXmlOptions = {}): GuestSpec {
  const out = structuredClone(spec);
  out.uuid ??= uuidFromName(out.name);
  out.domainType ??= 'kvm';
  out.architecture = 's390x';
  const machine = out.machineType ?? 's390-ccw-virtio';
  out.machineType = /-\d+\.\d+$/.test(machine)
    ? machine
    : `${machine}-${options.machineVersion ?? DEFAULT_MACHINE_VERSION}`;
  out.lifecycle = { onPoweroff: 'destroy', onReboot: 'restart', onCrash: 'destroy', ...out.lifecycle };
  out.clockOffset ??= 'utc';
  out.emulator ??= '/usr/bin/qemu-system-s390x';
  if (
    out.devices.some((d) => d.kind === 'console' && d.model === 'virtio') &&
    !out.devices.some((d) => d.kind === 'controller')
  ) {
    out.devices.push({ kind: 'controller', key: 'auto:virtio-serial', type: 'virtio-serial', index: 0 });
  }
  if (!out.devices.some((d) => d.kind === 'memballoon')) {
    out.devices.push({ kind: 'memballoon', key: 'auto:memballoon', model: 'virtio' });
  }
  let nicIndex = 0;
  for (const d of out.devices) {
    if (d.kind === 'nic') {
      if (!d.mac) d.mac = macFromName(out.name, nicIndex);
      nicIndex++;
    }
    if (d.kind === 'console') d.chardev ??= { type: 'pty' };
  }
  assignMissingDevnos(out.devices);
  for (const d of out.devices) {
    if (d.vaddr !== undefined && d.kind !== 'console') {
      d.cssid ??= 0xfe;
      d.ssid ??= 0;
    }
  }
  return out;
}

function memoryElement(tag: string, kib: number, dumpxml: boolean): string {
  if (!dumpxml && kib % 1024 === 0) return `<${tag} unit='MiB'>${kib / 1024}</${tag}>`;
  return `<${tag} unit='KiB'>${kib}</${tag}>`;
}

/** Emits a device's lines; its `<boot order>` line also belongs to the IPL item (z/VM's IPL statement). */
function emitMarkingBoot(w: LineWriter, key: string, ...lines: string[]): void {
  const first = w.lineCount + 1;
  w.emit(key, ...lines);
  const at = lines.findIndex((l) => l.trimStart().startsWith('<boot order='));
  if (at >= 0) w.mark(ITEM_KEYS.ipl, first + at, first + at);
}

export function renderDomainXml(input: GuestSpec, options: DomainXmlOptions = {}): RenderedText {
  const dump = options.dumpxml === true;
  const spec = dump ? completeDomain(input, options) : input;
  const w = new LineWriter();
  const i1 = '  ';
  const i2 = '    ';
  const i3 = '      ';
  w.emit([], `<domain type='${x(spec.domainType ?? 'kvm')}'>`);
  w.emit(ITEM_KEYS.name, `${i1}<name>${x(spec.name)}</name>`);
  if (spec.uuid) w.emit(ITEM_KEYS.uuid, `${i1}<uuid>${spec.uuid}</uuid>`);
  w.emit(ITEM_KEYS.storage, `${i1}${memoryElement('memory', spec.storageKiB, dump)}`);
  if (dump) w.emit(ITEM_KEYS.storage, `${i1}${memoryElement('currentMemory', spec.storageKiB, dump)}`);
  const vcpuAttrs = [
    ...(dump ? [`placement='static'`] : []),
    ...(spec.maxVcpus !== undefined && spec.maxVcpus !== spec.vcpus ? [`current='${spec.vcpus}'`] : []),
  ];
  const maxVcpus = spec.maxVcpus ?? spec.vcpus;
  w.emit(ITEM_KEYS.vcpus, `${i1}<vcpu${vcpuAttrs.map((a) => ` ${a}`).join('')}>${maxVcpus}</vcpu>`);
  if (spec.iothreads !== undefined)
    w.emit(ITEM_KEYS.iothreads, `${i1}<iothreads>${spec.iothreads}</iothreads>`);
  const tune = spec.cpuTune;
  if (tune && (tune.shares !== undefined || tune.period !== undefined || tune.quota !== undefined)) {
    const lines = [`${i1}<cputune>`];
    if (tune.shares !== undefined) lines.push(`${i2}<shares>${tune.shares}</shares>`);
    if (tune.period !== undefined) lines.push(`${i2}<period>${tune.period}</period>`);
    if (tune.quota !== undefined) lines.push(`${i2}<quota>${tune.quota}</quota>`);
    lines.push(`${i1}</cputune>`);
    w.emit(ITEM_KEYS.share, ...lines);
  }
  w.emit([], `${i1}<os>`);
  w.emit(
    ITEM_KEYS.machine,
    `${i2}<type arch='s390x' machine='${x(spec.machineType ?? 's390-ccw-virtio')}'>hvm</type>`,
  );
  if (spec.kernelBoot) {
    if (spec.kernelBoot.kernel)
      w.emit(ITEM_KEYS.kernel, `${i2}<kernel>${x(spec.kernelBoot.kernel)}</kernel>`);
    if (spec.kernelBoot.initrd)
      w.emit(ITEM_KEYS.kernel, `${i2}<initrd>${x(spec.kernelBoot.initrd)}</initrd>`);
    if (spec.kernelBoot.cmdline)
      w.emit(ITEM_KEYS.kernel, `${i2}<cmdline>${x(spec.kernelBoot.cmdline)}</cmdline>`);
  }
  const deviceBoot = spec.devices.some(
    (d) => (d.kind === 'disk' || d.kind === 'nic') && d.bootIndex !== undefined,
  );
  if (dump && !deviceBoot) w.emit(ITEM_KEYS.ipl, `${i2}<boot dev='hd'/>`);
  w.emit([], `${i1}</os>`);
  if (spec.cpuModel) {
    w.emit(
      ITEM_KEYS.machine,
      ...(spec.cpuModel === 'host'
        ? [`${i1}<cpu mode='host-passthrough'/>`]
        : [`${i1}<cpu mode='custom'>`, `${i2}<model>${x(spec.cpuModel)}</model>`, `${i1}</cpu>`]),
    );
  }
  if (spec.clockOffset) w.emit(ITEM_KEYS.clock, `${i1}<clock offset='${x(spec.clockOffset)}'/>`);
  const lc = spec.lifecycle;
  if (lc?.onPoweroff) w.emit(ITEM_KEYS.lifecycle, `${i1}<on_poweroff>${lc.onPoweroff}</on_poweroff>`);
  if (lc?.onReboot) w.emit(ITEM_KEYS.lifecycle, `${i1}<on_reboot>${lc.onReboot}</on_reboot>`);
  if (lc?.onCrash) w.emit(ITEM_KEYS.lifecycle, `${i1}<on_crash>${lc.onCrash}</on_crash>`);
  w.emit([], `${i1}<devices>`);
  if (spec.emulator) w.emit(ITEM_KEYS.emulator, `${i2}<emulator>${x(spec.emulator)}</emulator>`);

  const address = (d: DeviceSpec) =>
    d.vaddr === undefined
      ? []
      : [
          `${i3}<address type='ccw' cssid='${hexLower(d.cssid ?? 0xfe, 2)}' ssid='${hexLower(d.ssid ?? 0, 1)}' devno='${hexLower(d.vaddr, 4)}'/>`,
        ];
  const boot = (order: number | undefined, loadparm?: string) =>
    order === undefined
      ? []
      : [`${i3}<boot order='${order}'${loadparm ? ` loadparm='${x(loadparm)}'` : ''}/>`];
  let diskIndex = 0;
  let consolePort = 0;
  for (const kind of FORMAT_ORDER) {
    for (const d of spec.devices) {
      if (d.kind !== kind) continue;
      switch (d.kind) {
        case 'disk': {
          const target = d.target ?? `vd${String.fromCharCode(97 + diskIndex)}`;
          diskIndex++;
          const driver = [`name='qemu'`, `type='${d.format}'`];
          if (d.cache) driver.push(`cache='${x(d.cache)}'`);
          if (d.io) driver.push(`io='${x(d.io)}'`);
          const attr = d.source.type === 'file' ? 'file' : 'dev';
          const source = d.source.slice
            ? [
                `${i3}<source ${attr}='${x(d.source.path)}'>`,
                `${i3}  <slices>`,
                `${i3}    <slice type='storage' offset='${d.source.slice.offset}' size='${d.source.slice.size}'/>`,
                `${i3}  </slices>`,
                `${i3}</source>`,
              ]
            : [`${i3}<source ${attr}='${x(d.source.path)}'/>`];
          emitMarkingBoot(
            w,
            d.key,
            `${i2}<disk type='${d.source.type}' device='disk'>`,
            `${i3}<driver ${driver.join(' ')}/>`,
            ...source,
            `${i3}<target dev='${x(target)}' bus='virtio'/>`,
            ...(d.readonly ? [`${i3}<readonly/>`] : []),
            ...boot(d.bootIndex, d.loadparm),
            ...address(d),
            `${i2}</disk>`,
          );
          break;
        }
        case 'controller': {
          const addr = address(d);
          if (addr.length === 0) w.emit(d.key, `${i2}<controller type='virtio-serial' index='${d.index}'/>`);
          else
            w.emit(
              d.key,
              `${i2}<controller type='virtio-serial' index='${d.index}'>`,
              ...addr,
              `${i2}</controller>`,
            );
          break;
        }
        case 'nic': {
          const b = d.backend ?? { type: 'tap' as const };
          const type = b.type === 'tap' ? 'ethernet' : b.type;
          const lines = [`${i2}<interface type='${type}'>`];
          if (d.mac) lines.push(`${i3}<mac address='${d.mac}'/>`);
          if (b.type === 'direct')
            lines.push(`${i3}<source dev='${x(b.source ?? '')}' mode='${x(b.mode ?? 'vepa')}'/>`);
          if (b.type === 'bridge') lines.push(`${i3}<source bridge='${x(b.source ?? '')}'/>`);
          if (b.type === 'network') lines.push(`${i3}<source network='${x(b.source ?? '')}'/>`);
          if (b.virtualport) lines.push(`${i3}<virtualport type='${x(b.virtualport)}'/>`);
          if (b.ifname) lines.push(`${i3}<target dev='${x(b.ifname)}'/>`);
          lines.push(`${i3}<model type='virtio'/>`, ...boot(d.bootIndex), ...address(d), `${i2}</interface>`);
          emitMarkingBoot(w, d.key, ...lines);
          break;
        }
        case 'console': {
          const model = d.model === 'virtio' || d.model === 'sclplm' ? d.model : 'sclp';
          const port = dump ? ` port='${consolePort++}'` : '';
          w.emit(
            d.key,
            `${i2}<console type='${x(d.chardev?.type ?? 'pty')}'>`,
            `${i3}<target type='${model}'${port}/>`,
            `${i2}</console>`,
          );
          break;
        }
        case 'hostdev': {
          if (d.type === 'scsi') {
            const s = d.scsi ?? { bus: 0, target: 0, unit: 0 };
            const lines = [
              `${i2}<hostdev mode='subsystem' type='scsi'>`,
              `${i3}<source>`,
              `${i3}  <adapter name='${x(d.adapter ?? 'scsi_host0')}'/>`,
              `${i3}  <address bus='${s.bus}' target='${s.target}' unit='${s.unit}'/>`,
              `${i3}</source>`,
            ];
            if (d.drive) {
              lines.push(
                `${i3}<address type='drive' controller='${d.drive.controller}' bus='${d.drive.bus}' target='${d.drive.target}' unit='${d.drive.unit}'/>`,
              );
            }
            lines.push(`${i2}</hostdev>`);
            w.emit(d.key, ...lines);
          } else {
            w.emit(
              d.key,
              `${i2}<hostdev mode='subsystem' type='mdev' model='${d.model ?? 'vfio-ccw'}'>`,
              `${i3}<source>`,
              `${i3}  <address uuid='${d.uuid ?? ''}'/>`,
              `${i3}</source>`,
              ...address(d),
              `${i2}</hostdev>`,
            );
          }
          break;
        }
        case 'memballoon': {
          const addr = address(d);
          if (addr.length === 0) w.emit(d.key, `${i2}<memballoon model='${d.model}'/>`);
          else w.emit(d.key, `${i2}<memballoon model='${d.model}'>`, ...addr, `${i2}</memballoon>`);
          break;
        }
      }
    }
  }
  for (const d of spec.devices) {
    if (!FORMAT_ORDER.includes(d.kind)) w.unrendered.push(d.key);
  }
  w.emit([], `${i1}</devices>`, '</domain>');
  return w.result();
}
