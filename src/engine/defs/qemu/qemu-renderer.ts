/**
 * Guest spec to a `qemu-system-s390x` command line, one option per line with backslash
 * continuations, in the order of the seed's example (reference/domain-hypervisors.md §5.1).
 */
import { type GuestSpec, ITEM_KEYS } from '../guest-spec';
import { LineWriter, type RenderedText } from '../rendered-text';
import { shellQuote } from './shell-words';

/** `fe.0.0001`, as QEMU's devno property takes it. */
export function devnoText(cssid: number, ssid: number, devno: number): string {
  return `${cssid.toString(16)}.${ssid}.${devno.toString(16).padStart(4, '0')}`;
}

/** Escapes commas in a value of a QEMU key=value list. */
function v(text: string): string {
  return text.replace(/,/g, ',,');
}

function kib(n: number): string {
  if (n % (1024 * 1024) === 0) return `${n / (1024 * 1024)}G`;
  if (n % 1024 === 0) return `${n / 1024}`;
  return `${n}k`;
}

export function renderQemuCommandLine(spec: GuestSpec): RenderedText {
  const w = new LineWriter();
  const options: { keys: string[]; opt: string; arg?: string }[] = [];
  const add = (keys: string | string[], opt: string, arg?: string) =>
    options.push({ keys: typeof keys === 'string' ? [keys] : keys, opt, arg });

  if (spec.name) add(ITEM_KEYS.name, '-name', spec.name);
  const machine = [spec.machineType ?? 's390-ccw-virtio', `accel=${spec.accel ?? 'kvm'}`, 'usb=off'];
  const machineKeys: string[] = [ITEM_KEYS.machine];
  const bootsFromDevice = spec.devices.some(
    (d) => (d.kind === 'disk' || d.kind === 'nic') && d.bootIndex !== undefined,
  );
  if (spec.ipl?.loadparm && !bootsFromDevice) {
    machine.push(`loadparm=${spec.ipl.loadparm}`);
    machineKeys.push(ITEM_KEYS.ipl);
  }
  add(machineKeys, '-machine', machine.join(','));
  if (spec.cpuModel) add(ITEM_KEYS.machine, '-cpu', spec.cpuModel);
  const mem = [kib(spec.storageKiB)];
  const memKeys: string[] = [ITEM_KEYS.storage];
  if (spec.maxStorageKiB !== undefined && spec.maxStorageKiB !== spec.storageKiB) {
    mem[0] = `size=${mem[0]}`;
    mem.push(`maxmem=${kib(spec.maxStorageKiB)}`);
    memKeys.push(ITEM_KEYS.maxStorage);
  }
  add(memKeys, '-m', mem.join(','));
  const smp = [String(spec.vcpus)];
  if (spec.maxVcpus !== undefined && spec.maxVcpus !== spec.vcpus) smp.push(`maxcpus=${spec.maxVcpus}`);
  if (spec.topology?.sockets !== undefined) smp.push(`sockets=${spec.topology.sockets}`);
  if (spec.topology?.cores !== undefined) smp.push(`cores=${spec.topology.cores}`);
  if (spec.topology?.threads !== undefined) smp.push(`threads=${spec.topology.threads}`);
  add(ITEM_KEYS.vcpus, '-smp', smp.join(','));
  if (spec.uuid) add(ITEM_KEYS.uuid, '-uuid', spec.uuid);
  if (spec.kernelBoot) {
    if (spec.kernelBoot.kernel) add(ITEM_KEYS.kernel, '-kernel', spec.kernelBoot.kernel);
    if (spec.kernelBoot.initrd) add(ITEM_KEYS.kernel, '-initrd', spec.kernelBoot.initrd);
    if (spec.kernelBoot.cmdline) add(ITEM_KEYS.kernel, '-append', spec.kernelBoot.cmdline);
  }

  let disks = 0;
  let nics = 0;
  let consoles = 0;
  let balloons = 0;
  let controllers = 0;
  const devno = (d: { vaddr?: number; cssid?: number; ssid?: number }) =>
    d.vaddr === undefined ? [] : [`devno=${devnoText(d.cssid ?? 0xfe, d.ssid ?? 0, d.vaddr)}`];
  for (const d of spec.devices) {
    switch (d.kind) {
      case 'disk': {
        const n = disks++;
        const driveId = d.driveId ?? `virtio-disk${n}`;
        const drive = [`file=${v(d.source.path)}`, 'if=none', `id=${v(driveId)}`, `format=${d.format}`];
        if (d.source.slice) drive.push(`offset=${d.source.slice.offset}`, `size=${d.source.slice.size}`);
        if (d.cache) drive.push(`cache=${d.cache}`);
        if (d.io) drive.push(`aio=${d.io}`);
        if (d.readonly) drive.push('readonly=on');
        add(d.key, '-drive', drive.join(','));
        const dev = ['virtio-blk-ccw', `drive=${v(driveId)}`, `id=${v(d.id ?? `disk${n}`)}`, ...devno(d)];
        if (d.bootIndex !== undefined) dev.push(`bootindex=${d.bootIndex}`);
        if (d.loadparm) dev.push(`loadparm=${d.loadparm}`);
        add(d.bootIndex !== undefined ? [d.key, ITEM_KEYS.ipl] : d.key, '-device', dev.join(','));
        break;
      }
      case 'nic': {
        const n = nics++;
        const b = d.backend ?? { type: 'tap' as const };
        const netdevId = b.netdevId ?? `hostnet${n}`;
        const netdev =
          b.type === 'bridge'
            ? ['bridge', `id=${netdevId}`, `br=${v(b.source ?? 'br0')}`]
            : b.type === 'user'
              ? ['user', `id=${netdevId}`]
              : [
                  'tap',
                  ...(b.fd !== undefined ? [`fd=${b.fd}`] : []),
                  ...(b.ifname ? [`ifname=${v(b.ifname)}`] : []),
                  `id=${netdevId}`,
                ];
        add(d.key, '-netdev', netdev.join(','));
        const dev = ['virtio-net-ccw', `netdev=${netdevId}`, `id=${v(d.id ?? `net${n}`)}`];
        if (d.mac) dev.push(`mac=${d.mac}`);
        dev.push(...devno(d));
        if (d.bootIndex !== undefined) dev.push(`bootindex=${d.bootIndex}`);
        add(d.bootIndex !== undefined ? [d.key, ITEM_KEYS.ipl] : d.key, '-device', dev.join(','));
        break;
      }
      case 'console': {
        const n = consoles++;
        const chardevId = d.chardev?.id ?? `charconsole${n}`;
        add(d.key, '-chardev', `${d.chardev?.type ?? 'pty'},id=${v(chardevId)}`);
        const driver =
          d.model === 'virtio' ? 'virtconsole' : d.model === 'sclplm' ? 'sclplmconsole' : 'sclpconsole';
        add(d.key, '-device', `${driver},chardev=${v(chardevId)},id=${v(d.id ?? `console${n}`)}`);
        break;
      }
      case 'controller':
        add(
          d.key,
          '-device',
          ['virtio-serial-ccw', `id=${v(d.id ?? `virtio-serial${controllers++}`)}`, ...devno(d)].join(','),
        );
        break;
      case 'memballoon':
        if (d.model === 'virtio') {
          add(
            d.key,
            '-device',
            ['virtio-balloon-ccw', `id=${v(d.id ?? `balloon${balloons++}`)}`, ...devno(d)].join(','),
          );
        } else w.unrendered.push(d.key);
        break;
      case 'hostdev':
        if (d.type === 'mdev' && d.uuid) {
          const dev = [d.model ?? 'vfio-ccw', `sysfsdev=/sys/bus/mdev/devices/${d.uuid}`];
          if (d.model !== 'vfio-ap') dev.push(...devno(d));
          if (d.id) dev.push(`id=${v(d.id)}`);
          add(d.key, '-device', dev.join(','));
        } else w.unrendered.push(d.key);
        break;
      default:
        w.unrendered.push(d.key);
    }
  }
  if (spec.gdbStub) add(ITEM_KEYS.gdb, '-s');

  w.emit(
    spec.emulator ? [ITEM_KEYS.emulator] : [],
    `${spec.emulator ?? '/usr/bin/qemu-system-s390x'}${options.length ? ' \\' : ''}`,
  );
  options.forEach((o, idx) => {
    const last = idx === options.length - 1;
    const text = o.arg === undefined ? o.opt : `${o.opt} ${shellQuote(o.arg)}`;
    w.emit(o.keys, `  ${text}${last ? '' : ' \\'}`);
  });
  return w.result();
}
