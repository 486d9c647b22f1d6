/**
 * The device statements of a directory entry: CONSOLE, SPOOL, SPECIAL, NICDEF and MDISK
 * (reference/domain-hypervisors.md §3.3). LINK and DEDICATE are short enough to stay in the parser.
 */
import { addSource, type DeviceSpec, type MinidiskDevice, type NicDevice } from '../guest-spec';
import { DIRECTORY_MESSAGES as M } from './directory-messages';
import {
  CKD_TYPES,
  type Entry,
  FBA_TYPES,
  MODE_RE,
  PRINTER_TYPES,
  type StatementReader,
  VADDR_RE,
} from './directory-statement';

export function parseConsole(p: StatementReader, entry: Entry): void {
  const ops = p.statement.operands;
  if (!p.expectOperands(4, 'VDEV 3215|3270 [CLASS [USERID]]', 2)) return;
  const vaddr = p.vaddr(ops[0]);
  if (vaddr === undefined) return;
  const type = ops[1].upper;
  if (type !== '3215' && type !== '3270' && type !== '3210') {
    p.error(ops[1].column, M.invalidOperand(ops[1].text, 'A CONSOLE TYPE 3215 OR 3270'));
    return;
  }
  const device: DeviceSpec = {
    kind: 'console',
    key: p.nextKey('dev'),
    vaddr,
    model: type === '3270' ? '3270' : '3215',
  };
  if (ops[2]) {
    if (!/^[A-Z0-9*]$/.test(ops[2].upper)) {
      p.error(ops[2].column, M.invalidOperand(ops[2].text, 'A SPOOL CLASS (A-Z, 0-9 OR *)'));
      return;
    }
    device.spoolClass = ops[2].upper;
  }
  if (ops[3]) device.secondaryUser = ops[3].upper;
  p.addDevice(entry, device);
}

export function parseSpool(p: StatementReader, entry: Entry): void {
  const ops = p.statement.operands;
  if (!p.expectOperands(4, 'VDEV DEVTYPE [READER|PUNCH] [CLASS]', 2)) return;
  const vaddr = p.vaddr(ops[0]);
  if (vaddr === undefined) return;
  const type = ops[1].upper;
  let role: 'reader' | 'punch' | 'printer';
  let i = 2;
  if (type === '2540') {
    const r = ops[2]?.upper;
    if (r !== 'READER' && r !== 'PUNCH') {
      const at = ops[2] ?? ops[1];
      const col = ops[2] ? at.column : at.column + at.text.length;
      p.error(
        col,
        ops[2] ? M.invalidOperand(at.text, 'READER OR PUNCH') : M.missingOperand('SPOOL', 'READER OR PUNCH'),
      );
      return;
    }
    role = r === 'READER' ? 'reader' : 'punch';
    i = 3;
  } else if (type === '3505') role = 'reader';
  else if (type === '3525') role = 'punch';
  else if (PRINTER_TYPES.has(type)) role = 'printer';
  else {
    p.error(
      ops[1].column,
      M.invalidOperand(ops[1].text, 'A UNIT RECORD TYPE (2540, 3505, 3525, 1403, 3211…)'),
    );
    return;
  }
  const device: DeviceSpec = { kind: 'spool', key: p.nextKey('dev'), vaddr, deviceType: type, role };
  if (ops[i]) {
    if (!/^[A-Z0-9*]$/.test(ops[i].upper)) {
      p.error(ops[i].column, M.invalidOperand(ops[i].text, 'A SPOOL CLASS (A-Z, 0-9 OR *)'));
      return;
    }
    device.spoolClass = ops[i].upper;
    i++;
  }
  if (ops[i]) {
    p.error(ops[i].column, M.extraOperand(ops[i].text, 'SPOOL'));
    return;
  }
  p.addDevice(entry, device);
}

export function parseSpecial(p: StatementReader, entry: Entry): void {
  const ops = p.statement.operands;
  if (!p.expectOperands(5, 'VDEV QDIO|HIPER DEVS SYSTEM LANNAME', 2)) return;
  const vaddr = p.vaddr(ops[0]);
  if (vaddr === undefined) return;
  const type = ops[1].upper;
  if (type !== 'QDIO' && type !== 'HIPER') {
    p.error(ops[1].column, M.invalidOperand(ops[1].text, 'QDIO OR HIPER'));
    return;
  }
  const nic: NicDevice = {
    kind: 'nic',
    key: p.nextKey('dev'),
    vaddr,
    nicType: type === 'QDIO' ? 'QDIO' : 'HIPERSOCKETS',
    statement: 'SPECIAL',
    devices: 3,
  };
  let i = 2;
  if (ops[i] && /^\d+$/.test(ops[i].text)) {
    const n = p.integer(ops[i], 3, 3072, 'A DEVICE COUNT FROM 3 TO 3072');
    if (n === undefined) return;
    nic.devices = n;
    i++;
  }
  if (ops[i]) {
    if (!ops[i + 1]) {
      p.error(ops[i].column + ops[i].text.length, M.missingOperand('SPECIAL', 'OWNER LANNAME'));
      return;
    }
    nic.lan = { owner: ops[i].upper, name: ops[i + 1].upper };
  }
  p.addDevice(entry, nic, nic.devices);
}

export function parseNicdef(p: StatementReader, entry: Entry): void {
  const ops = p.statement.operands;
  if (!p.expectOperands(Number.MAX_SAFE_INTEGER, 'VDEV TYPE QDIO|HIPERSOCKETS', 2)) return;
  const vaddr = p.vaddr(ops[0]);
  if (vaddr === undefined) return;
  // Several NICDEF statements for one NIC add to its definition (z/VM allows this).
  const existing = entry.spec.devices.find(
    (d): d is NicDevice => d.kind === 'nic' && d.statement === 'NICDEF' && d.vaddr === vaddr,
  );
  const nic: NicDevice = existing ?? {
    kind: 'nic',
    key: p.nextKey('dev'),
    vaddr,
    nicType: 'QDIO',
    statement: 'NICDEF',
    devices: 3,
  };
  let typed = false;
  for (let i = 1; i < ops.length; i++) {
    const o = ops[i];
    const v = ops[i + 1];
    if (!v && o.upper !== 'TYPE') {
      p.error(o.column + o.text.length, M.missingOperand('NICDEF', `A VALUE FOR ${o.upper}`));
      return;
    }
    switch (o.upper) {
      case 'TYPE':
        if (!v || (v.upper !== 'QDIO' && v.upper !== 'HIPERSOCKETS' && v.upper !== 'HIPER')) {
          if (!v) p.error(o.column + o.text.length, M.missingOperand('NICDEF', 'QDIO OR HIPERSOCKETS'));
          else p.error(v.column, M.invalidOperand(v.text, 'QDIO OR HIPERSOCKETS'));
          return;
        }
        nic.nicType = v.upper === 'QDIO' ? 'QDIO' : 'HIPERSOCKETS';
        typed = true;
        i++;
        break;
      case 'DEVICES': {
        const n = p.integer(v, 3, 3072, 'A DEVICE COUNT FROM 3 TO 3072');
        if (n === undefined) return;
        nic.devices = n;
        i++;
        break;
      }
      case 'LAN': {
        const name = ops[i + 2];
        if (!name) {
          p.error(v.column + v.text.length, M.missingOperand('NICDEF', 'LAN OWNER NAME'));
          return;
        }
        nic.lan = { owner: v.upper, name: name.upper };
        i += 2;
        break;
      }
      case 'MACID':
        if (!/^[0-9A-F]{6}$/.test(v.upper)) {
          p.error(v.column, M.invalidOperand(v.text, 'A MACID OF 6 HEX DIGITS'));
          return;
        }
        nic.macid = v.upper;
        i++;
        break;
      case 'VLAN': {
        const n = p.integer(v, 1, 4094, 'A VLAN ID FROM 1 TO 4094');
        if (n === undefined) return;
        nic.vlan = n;
        i++;
        break;
      }
      case 'CHPID':
        i++;
        break;
      default:
        p.error(o.column, M.invalidOperand(o.text, 'TYPE, DEVICES, LAN, MACID, VLAN OR CHPID'));
        return;
    }
  }
  if (existing) {
    addSource(entry.spec, existing.key, p.statement.line);
    return;
  }
  if (!typed) {
    p.error(ops[1].column, M.missingOperand('NICDEF', 'TYPE QDIO OR TYPE HIPERSOCKETS'));
    return;
  }
  p.addDevice(entry, nic, nic.devices);
}

export function parseMdisk(p: StatementReader, entry: Entry): void {
  const ops = p.statement.operands;
  if (!p.expectOperands(9, 'VDEV DEVTYPE START SIZE VOLSER [MODE [PASSWORDS]]', 3)) return;
  const vaddr = p.vaddr(ops[0]);
  if (vaddr === undefined) return;
  const type = ops[1].upper;
  if (!CKD_TYPES.has(type) && !FBA_TYPES.has(type)) {
    p.error(ops[1].column, M.invalidOperand(ops[1].text, 'A DASD TYPE (3390, 3380, 9345, FB-512, 9336…)'));
    return;
  }
  const disk: MinidiskDevice = {
    kind: 'minidisk',
    key: p.nextKey('dev'),
    vaddr,
    deviceType: type,
    start: 0,
    size: 0,
  };
  let i: number;
  const startTok = ops[2];
  if (startTok.upper === 'T-DISK' || startTok.upper === 'V-DISK') {
    disk.start = startTok.upper;
    if (!ops[3]) {
      p.error(startTok.column + startTok.text.length, M.missingOperand('MDISK', 'A SIZE'));
      return;
    }
    const size = p.integer(ops[3], 1, 0x7fffffff, 'A SIZE IN CYLINDERS OR BLOCKS');
    if (size === undefined) return;
    disk.size = size;
    i = 4;
  } else if (startTok.upper === 'DEVNO') {
    disk.start = 'DEVNO';
    disk.size = 'END';
    const rdev = ops[3];
    if (!rdev || !VADDR_RE.test(rdev.upper)) {
      if (!rdev)
        p.error(startTok.column + startTok.text.length, M.missingOperand('MDISK', 'A REAL DEVICE NUMBER'));
      else p.error(rdev.column, M.invalidOperand(rdev.text, 'A REAL DEVICE NUMBER'));
      return;
    }
    disk.rdev = parseInt(rdev.upper, 16);
    i = 4;
  } else {
    const start = p.integer(startTok, 0, 0x7fffffff, 'A START CYLINDER OR BLOCK, T-DISK, V-DISK OR DEVNO');
    if (start === undefined) return;
    disk.start = start;
    const sizeTok = ops[3];
    const volTok = ops[4];
    if (!sizeTok || !volTok) {
      const last = ops.at(-1)!;
      p.error(
        last.column + last.text.length,
        M.missingOperand('MDISK', sizeTok ? 'A VOLSER' : 'A SIZE AND A VOLSER'),
      );
      return;
    }
    if (sizeTok.upper === 'END') disk.size = 'END';
    else {
      const size = p.integer(sizeTok, 1, 0x7fffffff, 'A SIZE IN CYLINDERS OR BLOCKS, OR END');
      if (size === undefined) return;
      disk.size = size;
    }
    if (!/^[A-Z0-9$#@-]{1,6}$/.test(volTok.upper)) {
      p.error(volTok.column, M.invalidOperand(volTok.text, 'A VOLUME SERIAL OF 1 TO 6 CHARACTERS'));
      return;
    }
    disk.volser = volTok.upper;
    i = 5;
  }
  if (ops[i]) {
    if (!MODE_RE.test(ops[i].upper)) {
      p.error(ops[i].column, M.invalidOperand(ops[i].text, 'A LINK MODE (R, RR, W, WR, M, MR, MW)'));
      return;
    }
    disk.mode = ops[i].upper;
    i++;
  }
  if (ops[i]) {
    disk.passwords = ops.slice(i, i + 3).map((o) => o.upper);
    if (ops[i + 3]) {
      p.error(ops[i + 3].column, M.extraOperand(ops[i + 3].text, 'MDISK'));
      return;
    }
  }
  p.addDevice(entry, disk);
}
