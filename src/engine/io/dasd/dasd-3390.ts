import {
  type CcwCommand,
  type CcwDevice,
  type CcwOutcome,
  DEV_DONE,
  DEV_STATUS_MODIFIER,
  DEV_UNIT_CHECK,
  type DeviceContext,
} from '../channel/ccw-device';
import { type CkdRecord, COUNT_LENGTH, decodeCount, encodeCount, encodeCountKeyData } from './ckd-record';
import { type CkdTrackStore, trackProblem } from './ckd-volume';
import {
  buildSense,
  commandReject,
  type DasdError,
  endOfCylinder,
  fileProtected,
  invalidTrackFormat,
  MSG_COUNT_TOO_SMALL,
  MSG_INVALID_COMMAND,
  MSG_INVALID_PARAMETER,
  MSG_INVALID_SEQUENCE,
  noRecordFound,
} from './dasd-sense';
import {
  type Extent,
  INHIBIT_SEEK_AND_MULTITRACK,
  parseDefineExtent,
  SEEK_CYLINDER_AND_HEAD_ONLY,
  seekControl,
  type WriteKind,
  writePermitted,
} from './define-extent';
import { configurationData3390, deviceCharacteristics3390, senseId3390 } from './device-characteristics';
import { allowedInDomain, LR_FORMAT_WRITE, parseLocateRecord } from './locate-record';

/** Where the read/write head is on the track: before the home address, or after an area of a record. */
type Orientation = 'index' | 'home-address' | 'count' | 'key' | 'data';

/** CKD channel command codes (reference/domain-architecture.md §7.3); X'80' added = multitrack. */
const CMD = {
  readIpl: 0x02,
  nop: 0x03,
  sense: 0x04,
  writeData: 0x05,
  readData: 0x06,
  seek: 0x07,
  seekCylinder: 0x0b,
  writeKeyAndData: 0x0d,
  readKeyAndData: 0x0e,
  readCount: 0x12,
  writeRecord0: 0x15,
  readRecord0: 0x16,
  readHomeAddress: 0x1a,
  seekHead: 0x1b,
  writeCountKeyData: 0x1d,
  readCountKeyData: 0x1e,
  setFileMask: 0x1f,
  searchIdEqual: 0x31,
  locateRecord: 0x47,
  searchIdHigh: 0x51,
  defineExtent: 0x63,
  readDeviceCharacteristics: 0x64,
  searchIdEqualOrHigh: 0x71,
  readConfigurationData: 0xfa,
} as const;

const MULTITRACK = 0x80;
const SEARCH_ARGUMENT_LENGTH = 5;
const SEEK_LENGTH = 6;

/** An open Locate Record domain. */
interface Domain {
  readonly operation: number;
  remaining: number;
}

/**
 * A 3390 on a 3990 control unit as a channel device: the classic seek/search/read commands, the ECKD
 * Define Extent / Locate Record domain, formatting writes, and the identification commands. Every
 * error a channel program can cause ends in unit check with 3990 sense (dasd-sense.ts), never in an
 * exception. The tracks live in a CkdTrackStore: a whole volume, or a minidisk of one.
 */
export class Dasd3390 implements CcwDevice {
  readonly kind = '3390';
  private devno = 0;
  // Access mechanism: kept from one channel program to the next, like the real arm.
  private cyl = 0;
  private head = 0;
  private track: readonly CkdRecord[];
  private orientation: Orientation = 'index';
  /** Index in `track` of the record the orientation refers to (count, key or data). */
  private recordIndex = 0;
  /** The index point was passed once in this search: the next pass means no record found. */
  private indexPassed = false;
  // Per channel program.
  private extent: Extent;
  private fileMask = 0;
  private extentDefined = false;
  private fileMaskSet = false;
  private domain: Domain | undefined;
  /** The command running now belongs to a Locate Record domain (implicitly multitrack). */
  private inDomain = false;
  /** The previous command, and whether it was a search that matched (status modifier). */
  private previousCode = -1;
  private previousMatched = false;
  private sense: Uint8Array;
  /** Why the last unit check happened, for traces and tests. */
  lastError: DasdError | undefined;

  constructor(readonly store: CkdTrackStore) {
    this.track = store.readTrack(0, 0);
    this.extent = this.wholeDevice();
    this.sense = buildSense(undefined, 0, 0, store.cylinders);
  }

  attach(context: DeviceContext): void {
    this.devno = context.devno;
  }

  senseId(): Uint8Array {
    return senseId3390(this.store.model);
  }

  reset(): void {
    this.startChannelProgram();
  }

  execute(command: CcwCommand): CcwOutcome {
    if (command.first) this.startChannelProgram();
    const code = command.code;
    this.inDomain = false;
    if (code !== CMD.sense) {
      this.lastError = undefined;
      this.sense = buildSense(undefined, this.cyl, this.head, this.store.cylinders);
    }
    const outcome = this.dispatch(command);
    this.previousCode = code;
    this.previousMatched = (outcome.status & DEV_STATUS_MODIFIER) !== 0;
    return outcome;
  }

  private dispatch(command: CcwCommand): CcwOutcome {
    const code = command.code;
    if (code === CMD.sense) return this.readSense();
    const domainError = this.enterDomain(code);
    if (domainError) return this.fail(domainError);
    switch (code) {
      case CMD.nop:
        return { status: DEV_DONE };
      case CMD.readDeviceCharacteristics:
        return this.send(deviceCharacteristics3390(this.store.model, this.store.cylinders));
      case CMD.readConfigurationData:
        return this.send(configurationData3390(this.store.model, this.devno));
      case CMD.defineExtent:
        return this.defineExtent(command.data);
      case CMD.setFileMask:
        return this.setFileMask(command.data);
      case CMD.locateRecord:
        return this.locateRecord(command.data);
      case CMD.seek:
      case CMD.seekCylinder:
      case CMD.seekHead:
        return this.seekCommand(code, command.data);
      case CMD.readIpl:
        return this.readIpl();
      case CMD.writeData:
        return this.writeUpdate(command.data, false);
      case CMD.writeKeyAndData:
        return this.writeUpdate(command.data, true);
      case CMD.writeCountKeyData:
        return this.writeCountKeyData(command.data);
      case CMD.writeRecord0:
        return this.writeRecord0(command.data);
    }
    switch (code & ~MULTITRACK) {
      case CMD.searchIdEqual:
      case CMD.searchIdHigh:
      case CMD.searchIdEqualOrHigh:
        return this.searchId(code, command.data);
      case CMD.readData:
      case CMD.readKeyAndData:
      case CMD.readCountKeyData:
      case CMD.readCount:
        return this.readRecord(code);
      case CMD.readRecord0:
        return this.readRecord0();
      case CMD.readHomeAddress:
        return this.readHomeAddress();
    }
    return this.fail(
      commandReject(MSG_INVALID_COMMAND, `command X'${hex2(code)}' is not supported by a 3390`),
    );
  }

  // ---- channel program state ------------------------------------------------------------------

  private startChannelProgram(): void {
    this.extent = this.wholeDevice();
    this.fileMask = 0;
    this.extentDefined = false;
    this.fileMaskSet = false;
    this.domain = undefined;
    this.orientation = 'index';
    this.indexPassed = false;
    this.previousCode = -1;
    this.previousMatched = false;
  }

  private wholeDevice(): Extent {
    return { firstTrack: 0, lastTrack: this.store.cylinders * this.store.heads - 1 };
  }

  /**
   * Inside a Locate Record domain only the domain's own commands may come, each counting down the
   * domain; anything else (and a new Locate Record, seek or search) is an invalid sequence.
   */
  private enterDomain(code: number): DasdError | undefined {
    const domain = this.domain;
    if (!domain) return undefined;
    if (!allowedInDomain(domain.operation, code)) {
      return commandReject(
        MSG_INVALID_SEQUENCE,
        `command X'${hex2(code)}' inside a Locate Record domain of operation X'${hex2(domain.operation)}'`,
      );
    }
    domain.remaining--;
    if (domain.remaining === 0) this.domain = undefined;
    this.inDomain = true;
    return undefined;
  }

  private fail(error: DasdError): CcwOutcome {
    this.lastError = error;
    this.sense = buildSense(error, this.cyl, this.head, this.store.cylinders);
    this.domain = undefined;
    return { status: DEV_DONE | DEV_UNIT_CHECK };
  }

  private send(data: Uint8Array): CcwOutcome {
    return { status: DEV_DONE, data };
  }

  private readSense(): CcwOutcome {
    const data = this.sense;
    this.sense = buildSense(undefined, this.cyl, this.head, this.store.cylinders);
    return { status: DEV_DONE, data };
  }

  // ---- Define Extent, Set File Mask, Locate Record -------------------------------------------

  private defineExtent(data: Uint8Array): CcwOutcome {
    if (this.extentDefined || this.fileMaskSet) {
      return this.fail(commandReject(MSG_INVALID_SEQUENCE, 'a second Define Extent or Set File Mask'));
    }
    const parsed = parseDefineExtent(data, this.store.cylinders, this.store.heads);
    if ('reason' in parsed) return this.fail(parsed);
    this.extentDefined = true;
    this.fileMask = parsed.mask;
    this.extent = parsed.extent;
    return { status: DEV_DONE, consumed: Math.min(data.length, 16) };
  }

  private setFileMask(data: Uint8Array): CcwOutcome {
    if (this.extentDefined || this.fileMaskSet) {
      return this.fail(
        commandReject(MSG_INVALID_SEQUENCE, 'Set File Mask after Define Extent or Set File Mask'),
      );
    }
    if (data.length < 1) return this.fail(commandReject(MSG_COUNT_TOO_SMALL, 'Set File Mask needs 1 byte'));
    if (data[0] & 0x20) return this.fail(commandReject(MSG_INVALID_PARAMETER, 'reserved file-mask bit'));
    this.fileMaskSet = true;
    this.fileMask = data[0];
    return { status: DEV_DONE, consumed: 1 };
  }

  private locateRecord(data: Uint8Array): CcwOutcome {
    if (!this.extentDefined) {
      return this.fail(
        commandReject(MSG_INVALID_SEQUENCE, 'Locate Record without a Define Extent before it'),
      );
    }
    const parsed = parseLocateRecord(data);
    if ('reason' in parsed) return this.fail(parsed);
    const kind: WriteKind | undefined =
      parsed.operation === LR_FORMAT_WRITE
        ? parsed.orientation === 'home-address'
          ? 'record0'
          : 'format'
        : parsed.operation === 0x01
          ? 'update'
          : undefined;
    if (kind && !writePermitted(this.fileMask, kind)) {
      return this.fail(commandReject(MSG_INVALID_SEQUENCE, 'the file mask does not permit these writes'));
    }
    const moved = this.seekTo(parsed.seekCyl, parsed.seekHead);
    if (moved) return this.fail(moved);
    switch (parsed.orientation) {
      case 'index':
        break;
      case 'home-address':
        this.orientation = 'home-address';
        break;
      default: {
        const index = this.track.findIndex((r) => compareId(r, parsed.search) === 0);
        if (index < 0) {
          return this.fail(noRecordFound(`Locate Record: no record ${idText(parsed.search)} on the track`));
        }
        this.recordIndex = index;
        this.orientation = parsed.orientation === 'count' ? 'count' : 'data';
      }
    }
    this.domain = { operation: parsed.operation, remaining: parsed.count };
    return { status: DEV_DONE, consumed: 16 };
  }

  // ---- moving the access mechanism ------------------------------------------------------------

  private seekCommand(code: number, data: Uint8Array): CcwOutcome {
    const control = seekControl(this.fileMask);
    const forbidden =
      (code === CMD.seek && control !== 0) ||
      (code === CMD.seekCylinder && control !== 0 && control !== SEEK_CYLINDER_AND_HEAD_ONLY) ||
      (code === CMD.seekHead && control === INHIBIT_SEEK_AND_MULTITRACK);
    if (forbidden) return this.fail(fileProtected('the file mask does not permit this seek'));
    if (data.length < SEEK_LENGTH) {
      return this.fail(commandReject(MSG_COUNT_TOO_SMALL, `a seek needs 6 bytes, got ${data.length}`));
    }
    const bin = (data[0] << 8) | data[1];
    const cyl = code === CMD.seekHead ? this.cyl : (data[2] << 8) | data[3];
    const head = (data[4] << 8) | data[5];
    if (bin !== 0) return this.fail(commandReject(MSG_INVALID_PARAMETER, 'seek: bin number is not 0'));
    const moved = this.seekTo(cyl, head);
    if (moved) return this.fail(moved);
    return { status: DEV_DONE, consumed: SEEK_LENGTH };
  }

  /** Moves to a track: beyond the device is a command reject, outside the extent file protected. */
  private seekTo(cyl: number, head: number): DasdError | undefined {
    if (cyl >= this.store.cylinders || head >= this.store.heads) {
      return commandReject(
        MSG_INVALID_PARAMETER,
        `seek to ${cyl}/${head}: the device has ${this.store.cylinders} cylinders of ${this.store.heads} tracks`,
      );
    }
    const track = cyl * this.store.heads + head;
    if (track < this.extent.firstTrack || track > this.extent.lastTrack) {
      return fileProtected(`seek to ${cyl}/${head} is outside the defined extent`);
    }
    this.cyl = cyl;
    this.head = head;
    this.track = this.store.readTrack(cyl, head);
    this.orientation = 'index';
    this.indexPassed = false;
    return undefined;
  }

  /**
   * A multitrack operation ran off the end of a track: on to the next head; inside a Locate Record
   * domain also on to the next cylinder. Never past the extent or, outside a domain, the cylinder.
   */
  private nextTrack(): DasdError | undefined {
    if (seekControl(this.fileMask) === INHIBIT_SEEK_AND_MULTITRACK) {
      return fileProtected('the file mask inhibits multitrack operations');
    }
    let cyl = this.cyl;
    let head = this.head + 1;
    if (head >= this.store.heads) {
      if (!this.inDomain) return endOfCylinder(`multitrack operation ran off cylinder ${cyl}`);
      cyl++;
      head = 0;
    }
    const track = cyl * this.store.heads + head;
    if (cyl >= this.store.cylinders || track > this.extent.lastTrack) {
      return fileProtected(`multitrack operation ran past the extent at ${cyl}/${head}`);
    }
    return this.seekTo(cyl, head);
  }

  /**
   * Rotates to the next count field: after the current record (or from the home address), wrapping
   * at the index point once (a second pass is "no record found"), or on to the next track for a
   * multitrack command. Reads and writes of data skip record 0; searches and Read R0 do not.
   */
  private nextRecord(code: number, skipRecord0: boolean): DasdError | undefined {
    const multitrack = (code & MULTITRACK) !== 0 || this.inDomain;
    let i = this.orientation === 'index' || this.orientation === 'home-address' ? 0 : this.recordIndex + 1;
    for (;;) {
      if (i >= this.track.length) {
        if (multitrack) {
          const moved = this.nextTrack();
          if (moved) return moved;
        } else {
          if (this.indexPassed) return noRecordFound(`no record found on track ${this.cyl}/${this.head}`);
          this.indexPassed = true;
        }
        i = 0;
        continue;
      }
      if (skipRecord0 && i === 0) {
        i = 1;
        continue;
      }
      this.recordIndex = i;
      this.orientation = 'count';
      return undefined;
    }
  }

  // ---- searches and reads ---------------------------------------------------------------------

  private searchId(code: number, data: Uint8Array): CcwOutcome {
    if (data.length < 1) return this.fail(commandReject(MSG_COUNT_TOO_SMALL, 'a search needs an argument'));
    const moved = this.nextRecord(code, false);
    if (moved) return this.fail(moved);
    const argument = data.subarray(0, SEARCH_ARGUMENT_LENGTH);
    const order = compareId(this.track[this.recordIndex], argument);
    const base = code & ~MULTITRACK;
    const matched =
      base === CMD.searchIdEqual ? order === 0 : base === CMD.searchIdHigh ? order > 0 : order >= 0;
    return {
      status: matched ? DEV_DONE | DEV_STATUS_MODIFIER : DEV_DONE,
      consumed: argument.length,
    };
  }

  private readRecord(code: number): CcwOutcome {
    const base = code & ~MULTITRACK;
    const sameRecord = this.orientation === 'count' && (base === CMD.readData || base === CMD.readKeyAndData);
    if (!sameRecord) {
      const moved = this.nextRecord(code, true);
      if (moved) return this.fail(moved);
    }
    const record = this.track[this.recordIndex];
    if (base === CMD.readCount) return this.send(encodeCount(record));
    this.orientation = 'data';
    this.indexPassed = false;
    if (base === CMD.readData) return this.send(record.data);
    if (base === CMD.readKeyAndData) return this.send(concat(record.key, record.data));
    return this.send(encodeCountKeyData(record));
  }

  private readRecord0(): CcwOutcome {
    this.orientation = 'data';
    this.recordIndex = 0;
    this.indexPassed = false;
    return this.send(encodeCountKeyData(this.track[0]));
  }

  private readHomeAddress(): CcwOutcome {
    this.orientation = 'home-address';
    this.indexPassed = false;
    return this.send(Uint8Array.of(0, this.cyl >>> 8, this.cyl & 0xff, this.head >>> 8, this.head & 0xff));
  }

  /** READ IPL: seek to cylinder 0 head 0 and read the data of record 1 (§10.2). */
  private readIpl(): CcwOutcome {
    const moved = this.seekTo(0, 0);
    if (moved) return this.fail(moved);
    const index = this.track.findIndex((r, i) => i > 0 && r.rec === 1);
    if (index < 0) return this.fail(noRecordFound('Read IPL: no record 1 on cylinder 0 head 0'));
    this.recordIndex = index;
    this.orientation = 'data';
    return this.send(this.track[index].data);
  }

  // ---- writes ---------------------------------------------------------------------------------

  private writeCheck(kind: WriteKind): DasdError | undefined {
    if (!writePermitted(this.fileMask, kind)) {
      return commandReject(MSG_INVALID_SEQUENCE, `the file mask does not permit this write (${kind})`);
    }
    return undefined;
  }

  /** Whether the previous command was a Search ID that matched: the orientation a write needs. */
  private get afterMatchingSearch(): boolean {
    const base = this.previousCode & ~MULTITRACK;
    return (
      this.previousMatched &&
      (base === CMD.searchIdEqual || base === CMD.searchIdHigh || base === CMD.searchIdEqualOrHigh)
    );
  }

  /** WRITE DATA / WRITE KEY AND DATA: rewrites the oriented record in place (its lengths stay). */
  private writeUpdate(data: Uint8Array, withKey: boolean): CcwOutcome {
    const permitted = this.writeCheck('update');
    if (permitted) return this.fail(permitted);
    if (this.inDomain) {
      if (this.orientation !== 'count') {
        const moved = this.nextRecord(CMD.writeData, true);
        if (moved) return this.fail(moved);
      }
    } else if (!this.afterMatchingSearch) {
      return this.fail(
        commandReject(MSG_INVALID_SEQUENCE, 'a write without a matching search or Locate Record'),
      );
    }
    const record = this.track[this.recordIndex];
    const keyLength = withKey ? record.key.length : 0;
    const wanted = keyLength + record.data.length;
    const bytes = new Uint8Array(wanted);
    bytes.set(data.subarray(0, wanted));
    const updated: CkdRecord = {
      ...record,
      key: withKey ? bytes.slice(0, keyLength) : record.key,
      data: bytes.slice(keyLength),
    };
    this.replaceTrack([
      ...this.track.slice(0, this.recordIndex),
      updated,
      ...this.track.slice(this.recordIndex + 1),
    ]);
    this.orientation = 'data';
    return { status: DEV_DONE, consumed: Math.min(data.length, wanted) };
  }

  /**
   * WRITE COUNT, KEY AND DATA: writes a new record after the oriented one (after record 0 when at
   * the home address) and erases the rest of the track. Formatting chains it after a matching search,
   * Write R0, another Write CKD, or inside a format-write Locate Record domain.
   */
  private writeCountKeyData(data: Uint8Array): CcwOutcome {
    const permitted = this.writeCheck('format');
    if (permitted) return this.fail(permitted);
    const chained =
      this.afterMatchingSearch ||
      this.previousCode === CMD.writeCountKeyData ||
      this.previousCode === CMD.writeRecord0;
    if (!this.inDomain && !chained) {
      return this.fail(commandReject(MSG_INVALID_SEQUENCE, 'Write CKD without a matching search before it'));
    }
    const record = this.recordFrom(data);
    if ('reason' in record) return this.fail(record);
    const after = this.orientation === 'index' || this.orientation === 'home-address' ? 0 : this.recordIndex;
    const records = [...this.track.slice(0, after + 1), record];
    const problem = trackProblem(records);
    if (problem) return this.fail(invalidTrackFormat(`Write CKD: ${problem}`));
    this.replaceTrack(records);
    this.recordIndex = after + 1;
    this.orientation = 'data';
    return {
      status: DEV_DONE,
      consumed: Math.min(data.length, COUNT_LENGTH + record.key.length + record.data.length),
    };
  }

  /** WRITE RECORD ZERO: replaces R0 and erases every record after it (formatting a track). */
  private writeRecord0(data: Uint8Array): CcwOutcome {
    const permitted = this.writeCheck('record0');
    if (permitted) return this.fail(permitted);
    if (this.orientation !== 'index' && this.orientation !== 'home-address') {
      return this.fail(commandReject(MSG_INVALID_SEQUENCE, 'Write R0 not oriented to the home address'));
    }
    const record = this.recordFrom(data);
    if ('reason' in record) return this.fail(record);
    const problem = trackProblem([{ ...record, rec: 0 }]);
    if (record.rec !== 0 || problem) {
      return this.fail(invalidTrackFormat(`Write R0: ${problem ?? 'record number is not 0'}`));
    }
    this.replaceTrack([record]);
    this.recordIndex = 0;
    this.orientation = 'data';
    return {
      status: DEV_DONE,
      consumed: Math.min(data.length, COUNT_LENGTH + record.key.length + record.data.length),
    };
  }

  /** A record from count + key + data bytes; key and data short of the count's lengths read as zeros. */
  private recordFrom(data: Uint8Array): CkdRecord | DasdError {
    if (data.length < COUNT_LENGTH) {
      return commandReject(MSG_COUNT_TOO_SMALL, `a count field needs 8 bytes, got ${data.length}`);
    }
    const count = decodeCount(data);
    const body = new Uint8Array(count.keyLength + count.dataLength);
    body.set(data.subarray(COUNT_LENGTH, COUNT_LENGTH + body.length));
    return {
      cyl: count.cyl,
      head: count.head,
      rec: count.rec,
      key: body.slice(0, count.keyLength),
      data: body.slice(count.keyLength),
    };
  }

  private replaceTrack(records: readonly CkdRecord[]): void {
    this.store.writeTrack(this.cyl, this.head, records);
    this.track = records;
    this.indexPassed = false;
  }
}

/** Compares a record's ID (CCHHR) with a search argument of up to 5 bytes: <0, 0, >0. */
function compareId(record: CkdRecord, argument: Uint8Array): number {
  const id = encodeCount(record);
  for (let i = 0; i < argument.length; i++) {
    if (id[i] !== argument[i]) return id[i] - argument[i];
  }
  return 0;
}

function idText(id: Uint8Array): string {
  const cc = (id[0] << 8) | id[1];
  const hh = (id[2] << 8) | id[3];
  return `${cc}/${hh}/${id[4]}`;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function hex2(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}
