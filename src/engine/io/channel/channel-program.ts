import type { MainStorage } from '../../arch/main-storage';
import {
  CCW_CHAIN_COMMAND,
  CCW_CHAIN_DATA,
  CCW_MIDA,
  CCW_PCI,
  CCW_SKIP,
  CCW_SLI,
  CCW_SUSPEND,
  type Ccw,
  CMD_SENSE_ID,
  commandKind,
  decodeCcw,
  isInbound,
} from './ccw';
import { type CcwOutcome, DEV_ATTENTION, DEV_DONE, DEV_STATUS_MODIFIER, DEV_UNIT_CHECK } from './ccw-device';
import { ChannelCheck, ChannelStorage, type Segment } from './channel-storage';
import type { Orb } from './orb';
import {
  AC_DEVICE_ACTIVE,
  AC_RESUME_PENDING,
  AC_START_PENDING,
  AC_SUBCHANNEL_ACTIVE,
  AC_SUSPENDED,
  FC_MASK,
  SC_ALERT,
  SC_INTERMEDIATE,
  SC_PENDING,
  SC_PRIMARY,
  SC_SECONDARY,
  SCH_INCORRECT_LENGTH,
  SCH_PCI,
  SCH_PROGRAM_CHECK,
  SCSW_ZERO_CC,
} from './scsw';
import type { Subchannel } from './subchannel';

/**
 * The channel-program interpreter (reference/domain-architecture.md §6.4): one command at a time in
 * virtual time. A step fetches the CCWs of one command (following TICs, joining a data chain),
 * moves the data with the ORB key, hands the command to the device, and after the device's latency
 * either chains to the next command or ends the start function with the status made pending. Every
 * error in the channel program becomes subchannel status; nothing here throws to the caller.
 */

/** The least virtual time a command (or a start, halt, clear) takes in the channel. */
export const CHANNEL_MIN_NS = 1_000;
/** Most CCWs in one data chain: a CD loop through a TIC would otherwise never end. */
const MAX_DATA_CHAIN = 4096;

/** What the interpreter needs from the channel subsystem. */
export interface ChannelHost {
  readonly storage: MainStorage;
  after(delayNs: number, label: string, fire: () => void): void;
  /** The subchannel became status pending: queue its I/O interruption. */
  statusPending(sch: Subchannel): void;
  /** A trace line of a traced subchannel. */
  trace(sch: Subchannel, line: string): void;
}

interface Link {
  /** Absolute address of the CCW. */
  readonly at: number;
  readonly ccw: Ccw;
}

const EMPTY: Uint8Array = new Uint8Array(0);

const ALERT_DEVICE = DEV_UNIT_CHECK | DEV_ATTENTION;
/** Subchannel-status conditions that are alert status: everything but PCI and incorrect length. */
const ALERT_SUBCHANNEL = 0x3f;

/** Schedules the next step of the running start function after `delayNs`. */
export function scheduleStep(host: ChannelHost, sch: Subchannel, delayNs: number): void {
  const generation = sch.generation;
  host.after(delayNs, sch.stepLabel, () => {
    if (sch.generation === generation) step(host, sch);
  });
}

function step(host: ChannelHost, sch: Subchannel): void {
  const orb = sch.orb as Orb;
  const access = new ChannelStorage(host.storage, orb.key);
  sch.control = (sch.control & ~AC_START_PENDING) | AC_SUBCHANNEL_ACTIVE | AC_DEVICE_ACTIVE;
  let links: Link[] | null;
  try {
    links = fetchCommand(host, sch, access, orb);
  } catch (e) {
    if (!(e instanceof ChannelCheck)) throw e;
    end(host, sch, 0, e.status, e.reason);
    return;
  }
  if (links === null) {
    suspend(host, sch, orb);
    return;
  }
  execute(host, sch, access, orb, links);
}

/** Fetches the CCWs of the next command, or null when the program suspends before it. */
function fetchCommand(host: ChannelHost, sch: Subchannel, access: ChannelStorage, orb: Orb): Link[] | null {
  const links: Link[] = [];
  let at = sch.nextCcw;
  let afterTic = false;
  for (;;) {
    sch.cpa = at + 8;
    if (at % 8 !== 0) throw programCheck(`CCW address ${hex8(at)} not doubleword aligned`);
    const ccw = decodeCcw(access.fetchWord(at), access.fetchWord(at + 4), orb.format1);
    if (sch.tracing) host.trace(sch, traceCcw(sch, at, ccw));
    if (commandKind(ccw.code) === 'tic') {
      if (afterTic) throw programCheck('TIC to TIC');
      if (orb.format1 && (ccw.flags !== 0 || ccw.count !== 0 || ccw.address >= 0x8000_0000)) {
        throw programCheck('format-1 TIC with flags, count or address bit 0');
      }
      afterTic = true;
      at = ccw.address;
      continue;
    }
    afterTic = false;
    const continuation = links.length > 0;
    if ((ccw.flags & CCW_MIDA) !== 0) throw programCheck('MIDA flag (no MIDAW facility)');
    if (!continuation && commandKind(ccw.code) === 'invalid') {
      throw programCheck(`invalid command code ${hex2(ccw.code)}`);
    }
    if (ccw.count === 0 && (!orb.format1 || continuation)) throw programCheck('count zero');
    if (orb.format1 && ccw.address >= 0x8000_0000) throw programCheck('data address bit 0 set');
    if ((ccw.flags & CCW_SUSPEND) !== 0) {
      if (!orb.suspend) throw programCheck('suspend flag without ORB suspend control');
      if (continuation) throw programCheck('suspend flag in a data-chained CCW');
      if ((sch.control & AC_RESUME_PENDING) === 0) {
        sch.nextCcw = at;
        return null;
      }
      sch.control &= ~AC_RESUME_PENDING;
    }
    if ((ccw.flags & CCW_PCI) !== 0) programControlled(host, sch);
    links.push({ at, ccw });
    if ((ccw.flags & CCW_CHAIN_DATA) === 0) return links;
    if (links.length >= MAX_DATA_CHAIN) throw programCheck('data chain too long');
    at += 8;
  }
}

function execute(host: ChannelHost, sch: Subchannel, access: ChannelStorage, orb: Orb, links: Link[]): void {
  const first = links[0].ccw;
  const kind = commandKind(first.code);
  const inbound = isInbound(kind);
  const device = sch.device;
  let total = 0;
  for (const l of links) total += l.ccw.count;
  let areas: Segment[][];
  let data: Uint8Array = EMPTY;
  try {
    areas = links.map((l) => access.dataArea(l.ccw, orb, kind === 'read-backward'));
    if (!inbound || device.inspectsReadBuffer?.(first.code) === true)
      data = access.gather(areas.flat(), total);
  } catch (e) {
    if (!(e instanceof ChannelCheck)) throw e;
    end(host, sch, 0, e.status, e.reason);
    return;
  }
  const chained = (links[links.length - 1].ccw.flags & CCW_CHAIN_COMMAND) !== 0;
  const outcome: CcwOutcome =
    first.code === CMD_SENSE_ID
      ? { status: DEV_DONE, data: device.senseId() }
      : device.execute({ code: first.code, count: total, data, first: sch.firstCommand, chained });
  const firstCommand = sch.firstCommand;
  sch.firstCommand = false;

  // Where the transfer ended: the CCW of the data chain holding the last byte (or the first).
  let transferred: number;
  let wanted: number;
  if (inbound) {
    const reply = outcome.data ?? EMPTY;
    wanted = reply.length;
    transferred = Math.min(wanted, total);
  } else {
    transferred = Math.min(outcome.consumed ?? total, total);
    wanted = transferred;
  }
  let endIndex = 0;
  let before = 0;
  while (endIndex < links.length - 1 && before + links[endIndex].ccw.count < transferred) {
    before += links[endIndex].ccw.count;
    endIndex++;
  }
  const current = links[endIndex];
  sch.cpa = current.at + 8;
  sch.residual = before + current.ccw.count - transferred;
  if (sch.tracing && transferred > 0) {
    const moved = inbound ? (outcome.data as Uint8Array) : data;
    host.trace(sch, `${hex4(sch.devno)}: data ${hexBytes(moved.subarray(0, transferred), 16)}`);
  }

  if (inbound && transferred > 0) {
    try {
      storeReply(access, links, areas, outcome.data as Uint8Array, transferred);
    } catch (e) {
      if (!(e instanceof ChannelCheck)) throw e;
      end(host, sch, outcome.status, e.status, e.reason);
      return;
    }
  }

  const status = outcome.status;
  // No incorrect length for an immediate command (format 0, or the ORB L bit) nor beside unit check:
  // a rejected command is reported by its sense, as QEMU does.
  const immediate = kind === 'control' && transferred === 0 && (!orb.format1 || orb.suppressImmediateIl);
  const incorrectLength =
    wanted !== total && (current.ccw.flags & CCW_SLI) === 0 && !immediate && (status & DEV_UNIT_CHECK) === 0;
  const latency = Math.max(outcome.latencyNs ?? CHANNEL_MIN_NS, 0);
  if (firstCommand && orb.initialStatus) intermediate(host, sch, true);
  const clean = (status & ~DEV_STATUS_MODIFIER) === DEV_DONE;
  if (clean && !incorrectLength && (current.ccw.flags & CCW_CHAIN_COMMAND) !== 0) {
    // Status modifier (a Search that matched) skips the next CCW.
    sch.nextCcw = links[links.length - 1].at + ((status & DEV_STATUS_MODIFIER) !== 0 ? 16 : 8);
    scheduleStep(host, sch, latency);
    return;
  }
  const generation = sch.generation;
  host.after(latency, sch.endLabel, () => {
    if (sch.generation === generation) end(host, sch, status, incorrectLength ? SCH_INCORRECT_LENGTH : 0);
  });
}

/** Stores the device's reply across the data chain's CCWs; SKIP CCWs take their share without storing. */
function storeReply(
  access: ChannelStorage,
  links: readonly Link[],
  areas: readonly Segment[][],
  reply: Uint8Array,
  transferred: number,
): void {
  let done = 0;
  for (let i = 0; i < links.length && done < transferred; i++) {
    const share = Math.min(links[i].ccw.count, transferred - done);
    if ((links[i].ccw.flags & CCW_SKIP) === 0) {
      let stored = 0;
      for (const segment of areas[i]) {
        if (stored === share) break;
        const n = Math.min(segment.length, share - stored);
        access.scatter(segment, reply, done + stored, n);
        stored += n;
      }
    }
    done += share;
  }
}

/** Ends the start function: primary and secondary status pending (alert for checks and unit check). */
export function end(
  host: ChannelHost,
  sch: Subchannel,
  deviceStatus: number,
  subchannelStatus: number,
  reason = '',
): void {
  sch.deviceStatus = deviceStatus;
  sch.subchannelStatus = (sch.subchannelStatus & SCH_PCI) | subchannelStatus;
  const alert =
    (deviceStatus & ALERT_DEVICE) !== 0 || (subchannelStatus & ALERT_SUBCHANNEL) !== 0 ? SC_ALERT : 0;
  const stillIntermediate = sch.control & SC_INTERMEDIATE;
  sch.control = (sch.control & FC_MASK) | stillIntermediate | alert | SC_PRIMARY | SC_SECONDARY | SC_PENDING;
  sch.lastEndedInError = (deviceStatus & DEV_UNIT_CHECK) !== 0 || (subchannelStatus & ALERT_SUBCHANNEL) !== 0;
  if (sch.tracing) host.trace(sch, traceStatus(sch, reason));
  host.statusPending(sch);
}

/** Intermediate status (PCI, initial status, suspension) when nothing is pending yet. */
function intermediate(host: ChannelHost, sch: Subchannel, zeroCc: boolean): void {
  if (sch.statusPending) return;
  if (zeroCc) sch.flags |= SCSW_ZERO_CC;
  sch.control |= SC_INTERMEDIATE | SC_PENDING;
  host.statusPending(sch);
}

function programControlled(host: ChannelHost, sch: Subchannel): void {
  sch.subchannelStatus |= SCH_PCI;
  intermediate(host, sch, false);
}

function suspend(host: ChannelHost, sch: Subchannel, orb: Orb): void {
  sch.control = (sch.control & ~(AC_SUBCHANNEL_ACTIVE | AC_DEVICE_ACTIVE)) | AC_SUSPENDED;
  if (sch.tracing) host.trace(sch, `${hex4(sch.devno)}: suspended at ${hex8(sch.nextCcw)}`);
  if (!orb.suppressSuspended) intermediate(host, sch, false);
}

function programCheck(reason: string): ChannelCheck {
  return new ChannelCheck(SCH_PROGRAM_CHECK, reason);
}

// ---- trace lines (Hercules `t+devnum` style) ----

const DEVICE_STATUS_NAMES = ['ATTN', 'SM', 'CUE', 'BUSY', 'CE', 'DE', 'UC', 'UX'];
const SUBCHANNEL_STATUS_NAMES = ['PCI', 'IL', 'PROGC', 'PROTC', 'CDC', 'CCC', 'ICC', 'CHAINC'];
const FLAG_NAMES = ['CD', 'CC', 'SLI', 'SKIP', 'PCI', 'IDA', 'S', 'MIDA'];

function names(byte: number, table: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < 8; i++) if ((byte & (0x80 >>> i)) !== 0) out.push(table[i]);
  return out.join(' ');
}

export function hex2(v: number): string {
  return v.toString(16).toUpperCase().padStart(2, '0');
}

export function hex4(v: number): string {
  return v.toString(16).toUpperCase().padStart(4, '0');
}

export function hex8(v: number): string {
  return v.toString(16).toUpperCase().padStart(8, '0');
}

function hexBytes(b: Uint8Array, max: number): string {
  const parts: string[] = [];
  for (let i = 0; i < Math.min(b.length, max); i++) parts.push(hex2(b[i]));
  return parts.join('') + (b.length > max ? '...' : '');
}

const COMMAND_NAMES: Readonly<Record<string, string>> = {
  write: 'WRITE',
  read: 'READ',
  control: 'CONTROL',
  sense: 'SENSE',
  tic: 'TIC',
  'read-backward': 'READBKWD',
  invalid: 'INVALID',
};

function traceCcw(sch: Subchannel, at: number, ccw: Ccw): string {
  const name =
    ccw.code === CMD_SENSE_ID ? 'SENSEID' : ccw.code === 0x03 ? 'NOP' : COMMAND_NAMES[commandKind(ccw.code)];
  return (
    `${hex4(sch.devno)}: CCW ${hex8(at)} ${hex2(ccw.code)} ${name} flags=${labelled(ccw.flags, FLAG_NAMES)}` +
    ` count=${hex4(ccw.count)} addr=${hex8(ccw.address)}`
  );
}

/** A status byte in hex with the names of its bits, e.g. `0C(CE DE)`. */
function labelled(byte: number, table: readonly string[]): string {
  const n = names(byte, table);
  return n === '' ? hex2(byte) : `${hex2(byte)}(${n})`;
}

/** Device status for trace lines, e.g. `80(ATTN)`. */
export function deviceStatusText(status: number): string {
  return labelled(status, DEVICE_STATUS_NAMES);
}

function traceStatus(sch: Subchannel, reason: string): string {
  return (
    `${hex4(sch.devno)}: status dev=${deviceStatusText(sch.deviceStatus)}` +
    ` sch=${labelled(sch.subchannelStatus, SUBCHANNEL_STATUS_NAMES)}` +
    ` count=${hex4(sch.residual)} cpa=${hex8(sch.cpa)}${reason === '' ? '' : ` ${reason}`}`
  );
}

/** The ORB line that opens a traced start function. */
export function traceOrb(sch: Subchannel, orb: Orb): string {
  return (
    `${hex4(sch.devno)}: ORB intparm=${hex8(orb.intparm)} key=${orb.key} fmt=${orb.format1 ? 1 : 0}` +
    ` lpm=${hex2(orb.lpm)} cpa=${hex8(orb.cpa)}${orb.suspend ? ' S' : ''}${orb.initialStatus ? ' I' : ''}` +
    `${orb.format2Idaws ? ' H' : ''}`
  );
}
