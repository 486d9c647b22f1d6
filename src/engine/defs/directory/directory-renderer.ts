/**
 * Guest spec to a z/VM directory entry, statements in DIRECTXA's order: USER, control statements,
 * then device statements (reference/domain-hypervisors.md §3.1, §3.3).
 */
import {
  formatDirectoryStorage,
  type GuestSpec,
  hex,
  ITEM_KEYS,
  type MinidiskDevice,
  type NicDevice,
  type ShareValue,
} from '../guest-spec';
import { LineWriter, type RenderedText } from '../rendered-text';

/** Device addresses as the seed writes them: at least three hex digits (`00C`, `191`, `0E1E`). */
export function vdev(n: number): string {
  return hex(n, 3);
}

/** Start and size of a minidisk, zero-padded like the seed's `012 001`. */
function extent(n: number | string): string {
  return typeof n === 'number' ? String(n).padStart(3, '0') : n;
}

function shareText(v: ShareValue): string {
  return v.type === 'RELATIVE' ? `RELATIVE ${v.value}` : `ABSOLUTE ${v.value}%`;
}

export function renderDirectoryEntry(spec: GuestSpec): RenderedText {
  const w = new LineWriter();
  renderInto(w, spec);
  return w.result();
}

/** Several entries in one file, separated by a blank line. */
export function renderDirectory(specs: readonly GuestSpec[]): RenderedText[] {
  return specs.map((s) => renderDirectoryEntry(s));
}

function renderInto(w: LineWriter, spec: GuestSpec): void {
  const userKeys = [
    ITEM_KEYS.name,
    ITEM_KEYS.password,
    ITEM_KEYS.storage,
    ITEM_KEYS.maxStorage,
    ITEM_KEYS.privilege,
  ];
  const user = [
    spec.entryKind ?? 'USER',
    spec.name,
    spec.password ?? 'NOLOG',
    formatDirectoryStorage(spec.storageKiB),
  ];
  const max = spec.maxStorageKiB ?? spec.storageKiB;
  if (spec.maxStorageKiB !== undefined || spec.privilegeClasses !== undefined)
    user.push(formatDirectoryStorage(max));
  if (spec.privilegeClasses !== undefined) user.push(spec.privilegeClasses);
  w.emit(userKeys, user.join(' '));

  if (spec.machineMode !== undefined || spec.maxVcpus !== undefined) {
    const mode = spec.machineMode ?? 'ESA';
    w.emit(
      [ITEM_KEYS.machine, ITEM_KEYS.vcpus],
      spec.maxVcpus !== undefined ? `MACHINE ${mode} ${spec.maxVcpus}` : `MACHINE ${mode}`,
    );
  }
  for (const cpu of spec.cpuDefinitions ?? []) {
    const parts = ['CPU', hex(cpu.address, 2)];
    if (cpu.base) parts.push('BASE');
    if (cpu.cpuType) parts.push('TYPE', cpu.cpuType);
    w.emit([ITEM_KEYS.cpu(cpu.address), ITEM_KEYS.vcpus], parts.join(' '));
  }
  if (spec.ipl) {
    const target = spec.ipl.vaddr !== undefined ? vdev(spec.ipl.vaddr) : (spec.ipl.system ?? 'CMS');
    const parts = ['IPL', target];
    if (spec.ipl.loadparm) parts.push('LOADPARM', spec.ipl.loadparm);
    if (spec.ipl.parm) parts.push('PARM', spec.ipl.parm);
    w.emit(ITEM_KEYS.ipl, parts.join(' '));
  }
  if (spec.share) {
    const s = spec.share;
    const parts = ['SHARE', shareText(s.target)];
    if (s.maximum) parts.push(s.maximum === 'NOLIMIT' ? 'NOLIMIT' : shareText(s.maximum));
    if (s.limit) parts.push(s.limit);
    w.emit(ITEM_KEYS.share, parts.join(' '));
  }
  spec.options.forEach((o, i) => {
    w.emit(ITEM_KEYS.option(i), `OPTION ${o}`);
  });
  spec.iucv.forEach((o, i) => {
    w.emit(ITEM_KEYS.iucv(i), `IUCV ${o}`);
  });
  for (const o of spec.otherStatements) w.emit(o.key, o.text);
  spec.commands.forEach((c, i) => {
    w.emit(ITEM_KEYS.command(i), `COMMAND ${c}`);
  });

  for (const d of spec.devices) {
    switch (d.kind) {
      case 'console': {
        const model = d.model === '3270' ? '3270' : '3215';
        const parts = ['CONSOLE', vdev(d.vaddr ?? 0x009), model];
        if (d.spoolClass) parts.push(d.spoolClass);
        if (d.secondaryUser) parts.push(d.secondaryUser);
        w.emit(d.key, parts.join(' '));
        break;
      }
      case 'spool': {
        const parts = ['SPOOL', vdev(d.vaddr), d.deviceType];
        if (d.deviceType === '2540') parts.push(d.role === 'reader' ? 'READER' : 'PUNCH');
        if (d.spoolClass) parts.push(d.spoolClass);
        w.emit(d.key, parts.join(' '));
        break;
      }
      case 'nic':
        w.emit(d.key, nicText(d));
        break;
      case 'dedicate': {
        const parts = ['DEDICATE', vdev(d.vaddr), d.rdev !== undefined ? hex(d.rdev, 4) : (d.volser ?? '')];
        if (d.readonly) parts.push('R/O');
        w.emit(d.key, parts.join(' '));
        break;
      }
      case 'link':
        w.emit(d.key, `LINK ${d.owner} ${hex(d.ownerVaddr, 4)} ${hex(d.vaddr, 4)} ${d.mode}`);
        break;
      case 'minidisk':
        w.emit(d.key, mdiskText(d));
        break;
      default:
        w.unrendered.push(d.key);
    }
  }
}

function nicText(d: NicDevice): string {
  const vaddr = vdev(d.vaddr ?? 0);
  if (d.statement === 'SPECIAL' && d.macid === undefined && d.vlan === undefined) {
    const parts = ['SPECIAL', vaddr, d.nicType === 'HIPERSOCKETS' ? 'HIPER' : 'QDIO', String(d.devices ?? 3)];
    if (d.lan) parts.push(d.lan.owner, d.lan.name);
    return parts.join(' ');
  }
  const parts = ['NICDEF', vaddr, 'TYPE', d.nicType === 'HIPERSOCKETS' ? 'HIPERSOCKETS' : 'QDIO'];
  if (d.devices !== undefined && d.devices !== 3) parts.push('DEVICES', String(d.devices));
  if (d.lan) parts.push('LAN', d.lan.owner, d.lan.name);
  if (d.macid) parts.push('MACID', d.macid);
  if (d.vlan !== undefined) parts.push('VLAN', String(d.vlan));
  return parts.join(' ');
}

function mdiskText(d: MinidiskDevice): string {
  const parts = ['MDISK', vdev(d.vaddr), d.deviceType];
  if (d.start === 'DEVNO') parts.push('DEVNO', hex(d.rdev ?? 0, 4));
  else if (d.start === 'T-DISK' || d.start === 'V-DISK') parts.push(d.start, String(d.size));
  else parts.push(extent(d.start), extent(d.size), d.volser ?? '');
  if (d.mode) parts.push(d.mode);
  if (d.passwords) parts.push(...d.passwords);
  return parts.join(' ');
}
