/**
 * z/VM user directory source (`USER DIRECT`) to guest specs, checked as DIRECTXA/DirMaint would
 * (reference/domain-hypervisors.md §3.1 structure and order, §3.3 statements, §3.4 checks).
 */
import type { DefDiagnostic } from '../def-diagnostic';
import {
  addSource,
  type DeviceSpec,
  emptyGuest,
  type GuestSpec,
  hex,
  ITEM_KEYS,
  type MachineMode,
  type MinidiskDevice,
  parseDirectoryStorage,
  type ShareValue,
} from '../guest-spec';
import { parseConsole, parseMdisk, parseNicdef, parseSpecial, parseSpool } from './directory-devices';
import { DIRECTORY_MESSAGES as M } from './directory-messages';
import {
  ALIASES,
  CONTROL_VERBS,
  DEVICE_VERBS,
  type Entry,
  type EntryKind,
  KEPT_VERBATIM,
  MODE_RE,
  type Statement,
  type StatementReader,
  statementText,
  type Token,
  tokenize,
  USERID_RE,
  VADDR_RE,
} from './directory-statement';

export interface DirectoryParseResult {
  /** USER and IDENTITY entries, with their PROFILE and SUBCONFIG statements merged in. */
  guests: GuestSpec[];
  profiles: string[];
  diagnostics: DefDiagnostic[];
}

export function parseDirectory(text: string): DirectoryParseResult {
  return new DirectoryParser().parse(text);
}

class DirectoryParser implements StatementReader {
  private readonly diagnostics: DefDiagnostic[] = [];
  private readonly entries: Entry[] = [];
  private current: Entry | undefined;
  private inGlobaldefs = false;
  private seen = { directory: 0, globaldefs: 0, profile: 0, user: 0, anyStatement: false };
  private counter = 0;
  statement!: Statement;

  parse(text: string): DirectoryParseResult {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const body = statementText(lines[i]);
      const trimmed = body.trim();
      if (trimmed === '' || trimmed.startsWith('*') || trimmed.startsWith('/*')) continue;
      const tokens = tokenize(body);
      const verb = tokens[0];
      const restStart = verb.column - 1 + verb.text.length;
      const restMatch = /^\s*/.exec(body.slice(restStart))!;
      this.statement = {
        line: i + 1,
        verb,
        operands: tokens.slice(1),
        rest: body.slice(restStart + restMatch[0].length).trimEnd(),
        restColumn: restStart + restMatch[0].length + 1,
      };
      this.dispatch();
      this.seen.anyStatement = true;
    }
    return this.finish();
  }

  error(column: number, message: string, related?: DefDiagnostic['related']): void {
    const code = message.slice(0, message.indexOf(' '));
    this.diagnostics.push({
      severity: code.endsWith('W') ? 'warning' : 'error',
      line: this.statement.line,
      column,
      code,
      message,
      ...(related ? { related } : {}),
    });
  }

  nextKey(prefix: string): string {
    this.counter++;
    return `${prefix}:${this.counter}`;
  }

  private dispatch(): void {
    const st = this.statement;
    const verb = ALIASES[st.verb.upper] ?? st.verb.upper;
    switch (verb) {
      case 'DIRECTORY':
        if (this.seen.anyStatement && this.seen.directory === 0) {
          this.error(st.verb.column, M.sequence('DIRECTORY MUST BE THE FIRST STATEMENT'));
        }
        this.seen.directory++;
        this.expectOperands(3, 'VDEV DEVTYPE VOLSER');
        this.current = undefined;
        return;
      case 'GLOBALDEFS':
        if (this.seen.globaldefs > 0)
          this.error(st.verb.column, M.sequence('ONLY ONE GLOBALDEFS IS ALLOWED'));
        else if (this.seen.profile + this.seen.user > 0) {
          this.error(st.verb.column, M.sequence('GLOBALDEFS MUST PRECEDE PROFILE AND USER ENTRIES'));
        }
        this.seen.globaldefs++;
        this.current = undefined;
        this.inGlobaldefs = true;
        return;
      case 'PROFILE':
        if (this.seen.user > 0) this.error(st.verb.column, M.sequence('PROFILE MUST PRECEDE USER ENTRIES'));
        this.seen.profile++;
        this.startEntry('PROFILE');
        return;
      case 'USER':
      case 'IDENTITY':
        this.seen.user++;
        this.startEntry(verb);
        return;
      case 'SUBCONFIG':
        this.startEntry('SUBCONFIG');
        return;
    }
    if (this.inGlobaldefs && !this.current) return; // GLOBALOPTS, CHPIDV… are global settings
    if (!CONTROL_VERBS.has(verb) && !DEVICE_VERBS.has(verb) && verb !== 'INCLUDE') {
      this.error(st.verb.column, M.unknownStatement(st.verb.upper));
      return;
    }
    const entry = this.current;
    if (!entry) {
      this.error(st.verb.column, M.sequence(`${verb} OUTSIDE A USER, IDENTITY OR PROFILE ENTRY`));
      return;
    }
    this.checkOrder(entry, verb);
    this.handle(entry, verb);
  }

  private checkOrder(entry: Entry, verb: string): void {
    const st = this.statement;
    const where = `${entry.kind} ${entry.name}`;
    if (verb === 'INCLUDE') {
      if (entry.kind !== 'USER' && entry.kind !== 'IDENTITY') {
        this.error(st.verb.column, M.sequence(`INCLUDE IS NOT ALLOWED IN ${where}`));
      } else if (entry.phase > 0) {
        this.error(st.verb.column, M.sequence(`INCLUDE MUST FOLLOW THE USER STATEMENT OF ${entry.name}`));
      }
      entry.phase = Math.max(entry.phase, 1);
      return;
    }
    if (DEVICE_VERBS.has(verb)) {
      entry.phase = 3;
      return;
    }
    if (entry.phase === 3) {
      this.error(st.verb.column, M.sequence(`${verb} FOLLOWS A DEVICE STATEMENT IN ${where}`));
      return;
    }
    entry.phase = 2;
  }

  private startEntry(kind: EntryKind): void {
    const st = this.statement;
    this.inGlobaldefs = false;
    const nameTok = st.operands[0];
    if (!nameTok) {
      this.current = undefined;
      this.error(st.verb.column + st.verb.text.length, M.missingOperand(kind, 'A USERID'));
      return;
    }
    if (!USERID_RE.test(nameTok.upper)) {
      this.error(nameTok.column, M.invalidOperand(nameTok.text, 'A NAME OF 1 TO 8 CHARACTERS'));
    }
    const spec = emptyGuest(nameTok.upper);
    const entry: Entry = {
      kind,
      name: nameTok.upper,
      line: st.line,
      spec,
      phase: 0,
      includes: [],
      builds: [],
      addresses: new Map(),
      lines: { option: [], command: [], iucv: [] },
    };
    const clash = this.entries.find(
      (e) =>
        e.name === entry.name && (e.kind === 'PROFILE') === (kind === 'PROFILE') && e.kind !== 'SUBCONFIG',
    );
    if (clash && kind !== 'SUBCONFIG') {
      this.error(nameTok.column, M.duplicateUserid(entry.name, clash.line), [
        { line: clash.line, column: 1, note: `first definition of ${entry.name}` },
      ]);
    }
    this.entries.push(entry);
    this.current = entry;
    addSource(spec, ITEM_KEYS.name, st.line);
    if (kind === 'USER' || kind === 'IDENTITY') {
      spec.entryKind = kind;
      this.parseUserOperands(entry);
    } else {
      this.expectOperands(1, 'A NAME');
    }
  }

  private parseUserOperands(entry: Entry): void {
    const st = this.statement;
    const spec = entry.spec;
    const [, pw, stor, maxstor, classes] = st.operands;
    if (!pw) {
      this.error(st.verb.column, M.missingOperand(entry.kind, 'A PASSWORD'));
    } else {
      if (pw.text.length > 8)
        this.error(pw.column, M.invalidOperand(pw.text, 'A PASSWORD OF 1 TO 8 CHARACTERS'));
      spec.password = pw.upper;
      addSource(spec, ITEM_KEYS.password, st.line);
    }
    spec.storageKiB = 1024;
    if (stor) {
      const kib = parseDirectoryStorage(stor.upper);
      if (kib === undefined) {
        this.error(stor.column, M.invalidOperand(stor.text, 'A STORAGE SIZE SUCH AS 512M OR 1G'));
      } else spec.storageKiB = kib;
      addSource(spec, ITEM_KEYS.storage, st.line);
    }
    spec.maxStorageKiB = spec.storageKiB;
    if (maxstor) {
      const kib = parseDirectoryStorage(maxstor.upper);
      if (kib === undefined) {
        this.error(maxstor.column, M.invalidOperand(maxstor.text, 'A STORAGE SIZE SUCH AS 512M OR 1G'));
      } else {
        spec.maxStorageKiB = kib;
        if (stor && spec.storageKiB > kib) this.error(stor.column, M.storageExceedsMax(entry.name));
      }
      addSource(spec, ITEM_KEYS.maxStorage, st.line);
    }
    if (classes) {
      if (!/^[A-Z1-6]{1,32}$/.test(classes.upper)) {
        this.error(classes.column, M.invalidOperand(classes.text, 'PRIVILEGE CLASSES A-Z OR 1-6'));
      }
      spec.privilegeClasses = classes.upper;
      addSource(spec, ITEM_KEYS.privilege, st.line);
    }
    // Further operands (priority, MSGLEVEL…) are accepted and ignored.
  }

  expectOperands(max: number, expected: string, min = max): boolean {
    const st = this.statement;
    if (st.operands.length < min) {
      const last = st.operands.at(-1) ?? st.verb;
      this.error(last.column + last.text.length, M.missingOperand(st.verb.upper, expected));
      return false;
    }
    if (st.operands.length > max) {
      const extra = st.operands[max];
      this.error(extra.column, M.extraOperand(extra.text, st.verb.upper));
    }
    return true;
  }

  vaddr(tok: Token | undefined): number | undefined {
    if (!tok) return undefined;
    if (!VADDR_RE.test(tok.upper)) {
      this.error(tok.column, M.invalidOperand(tok.text, 'A VIRTUAL DEVICE ADDRESS OF 1 TO 4 HEX DIGITS'));
      return undefined;
    }
    return parseInt(tok.upper, 16);
  }

  private claimAddress(entry: Entry, vaddr: number, count: number, column: number): void {
    for (let a = vaddr; a < vaddr + count; a++) {
      const first = entry.addresses.get(a);
      if (first !== undefined) {
        this.error(column, M.duplicateAddress(hex(a, 4), entry.name, first), [
          { line: first, column: 1, note: `device ${hex(a, 4)} first defined here` },
        ]);
        return;
      }
    }
    for (let a = vaddr; a < vaddr + count; a++) entry.addresses.set(a, this.statement.line);
  }

  addDevice(entry: Entry, device: DeviceSpec, count = 1, column = this.statement.operands[0].column): void {
    if (device.vaddr !== undefined) this.claimAddress(entry, device.vaddr, count, column);
    entry.spec.devices.push(device);
    addSource(entry.spec, device.key, this.statement.line);
  }

  private handle(entry: Entry, verb: string): void {
    const st = this.statement;
    const spec = entry.spec;
    const ops = st.operands;
    switch (verb) {
      case 'INCLUDE':
        if (this.expectOperands(1, 'A PROFILE NAME')) {
          entry.includes.push({ name: ops[0].upper, line: st.line, column: ops[0].column });
          spec.include = ops[0].upper;
          addSource(spec, ITEM_KEYS.include, st.line);
        }
        return;
      case 'BUILD': {
        // BUILD ON member USING SUBCONFIG name (SSI identities)
        if (!this.expectOperands(5, 'ON MEMBER USING SUBCONFIG NAME')) return;
        entry.builds.push({ subconfig: ops[4].upper, line: st.line, column: ops[4].column });
        return;
      }
      case 'MACHINE': {
        if (!this.expectOperands(2, 'ESA, XA, XC OR Z', 1)) return;
        if (!['ESA', 'XA', 'XC', 'Z'].includes(ops[0].upper)) {
          this.error(ops[0].column, M.invalidOperand(ops[0].text, 'ESA, XA, XC OR Z'));
          return;
        }
        spec.machineMode = ops[0].upper as MachineMode;
        if (ops[1]) {
          const n = this.integer(ops[1], 1, 64, 'A NUMBER OF CPUS FROM 1 TO 64');
          if (n !== undefined) spec.maxVcpus = n;
        }
        addSource(spec, ITEM_KEYS.machine, st.line);
        return;
      }
      case 'CPU': {
        if (!this.expectOperands(8, 'A CPU ADDRESS', 1)) return;
        const addr = ops[0];
        if (!/^[0-9A-F]{1,2}$/.test(addr.upper) || parseInt(addr.upper, 16) > 0x3f) {
          this.error(addr.column, M.invalidOperand(addr.text, 'A CPU ADDRESS FROM 00 TO 3F'));
          return;
        }
        const def: { address: number; base?: boolean; cpuType?: string } = {
          address: parseInt(addr.upper, 16),
        };
        for (let i = 1; i < ops.length; i++) {
          const o = ops[i];
          if (o.upper === 'BASE') def.base = true;
          else if (o.upper === 'TYPE' && ops[i + 1]) def.cpuType = ops[++i].upper;
          else if (o.upper === 'CPUID' && ops[i + 1]) i++;
          else if (o.upper === 'NODEDICATE' || o.upper === 'DEDICATE') {
            // dedication of real CPUs is a CP decision; kept out of the spec
          } else {
            this.error(o.column, M.invalidOperand(o.text, 'BASE, CPUID, NODEDICATE, DEDICATE OR TYPE'));
            return;
          }
        }
        spec.cpuDefinitions = [...(spec.cpuDefinitions ?? []), def];
        addSource(spec, ITEM_KEYS.cpu(def.address), st.line);
        return;
      }
      case 'IPL':
        this.parseIpl(entry);
        return;
      case 'OPTION':
        if (!this.expectOperands(Number.MAX_SAFE_INTEGER, 'AN OPTION', 1)) return;
        spec.options.push(ops.map((o) => o.upper).join(' '));
        entry.lines.option.push(st.line);
        return;
      case 'COMMAND':
        if (!this.expectOperands(Number.MAX_SAFE_INTEGER, 'A CP COMMAND', 1)) return;
        spec.commands.push(st.rest);
        entry.lines.command.push(st.line);
        return;
      case 'IUCV':
        if (!this.expectOperands(Number.MAX_SAFE_INTEGER, 'ANY, ALLOW OR A USERID', 1)) return;
        spec.iucv.push(ops.map((o) => o.upper).join(' '));
        entry.lines.iucv.push(st.line);
        return;
      case 'SHARE':
        this.parseShare(entry);
        return;
      case 'CONSOLE':
        parseConsole(this, entry);
        return;
      case 'SPOOL':
        parseSpool(this, entry);
        return;
      case 'SPECIAL':
        parseSpecial(this, entry);
        return;
      case 'NICDEF':
        parseNicdef(this, entry);
        return;
      case 'MDISK':
        parseMdisk(this, entry);
        return;
      case 'LINK': {
        if (!this.expectOperands(4, 'USERID VDEV1 VDEV2 MODE', 3)) return;
        const ownerVaddr = this.vaddr(ops[1]);
        const vaddr = this.vaddr(ops[2]);
        const mode = ops[3]?.upper ?? 'RR';
        if (ops[3] && !MODE_RE.test(mode)) {
          this.error(ops[3].column, M.invalidOperand(ops[3].text, 'A LINK MODE (R, RR, W, WR, M, MR, MW)'));
          return;
        }
        if (ownerVaddr === undefined || vaddr === undefined) return;
        const owner = ops[0].upper === '*' ? entry.name : ops[0].upper;
        this.addDevice(
          entry,
          { kind: 'link', key: this.nextKey('dev'), vaddr, owner, ownerVaddr, mode },
          1,
          ops[2].column,
        );
        return;
      }
      case 'DEDICATE': {
        if (!this.expectOperands(3, 'VDEV RDEV', 2)) return;
        const vaddr = this.vaddr(ops[0]);
        if (vaddr === undefined) return;
        const device: DeviceSpec = { kind: 'dedicate', key: this.nextKey('dev'), vaddr };
        if (VADDR_RE.test(ops[1].upper)) device.rdev = parseInt(ops[1].upper, 16);
        else if (/^[A-Z0-9$#@]{1,6}$/.test(ops[1].upper)) device.volser = ops[1].upper;
        else {
          this.error(ops[1].column, M.invalidOperand(ops[1].text, 'A REAL DEVICE NUMBER OR A VOLSER'));
          return;
        }
        if (ops[2]) {
          if (ops[2].upper !== 'R/O') {
            this.error(ops[2].column, M.invalidOperand(ops[2].text, 'R/O'));
            return;
          }
          device.readonly = true;
        }
        this.addDevice(entry, device);
        return;
      }
      default: {
        if (KEPT_VERBATIM.has(verb)) {
          const key = this.nextKey('other');
          spec.otherStatements.push({ key, text: `${st.verb.upper} ${st.rest}`.trim() });
          addSource(spec, key, st.line);
        }
      }
    }
  }

  integer(tok: Token, min: number, max: number, expected: string): number | undefined {
    if (!/^\d+$/.test(tok.text) || Number(tok.text) < min || Number(tok.text) > max) {
      this.error(tok.column, M.invalidOperand(tok.text, expected));
      return undefined;
    }
    return Number(tok.text);
  }

  private parseIpl(entry: Entry): void {
    const st = this.statement;
    const ops = st.operands;
    if (!this.expectOperands(Number.MAX_SAFE_INTEGER, 'A DEVICE ADDRESS OR A SYSTEM NAME', 1)) return;
    const target = ops[0];
    const ipl: GuestSpec['ipl'] = {};
    // CP reads 1 to 4 hex digits as a device address first, anything else as a system name
    if (VADDR_RE.test(target.upper)) ipl.vaddr = parseInt(target.upper, 16);
    else if (/^[A-Z0-9$#@]{1,8}$/.test(target.upper)) ipl.system = target.upper;
    else {
      this.error(target.column, M.invalidOperand(target.text, 'A DEVICE ADDRESS OR A SYSTEM NAME'));
      return;
    }
    for (let i = 1; i < ops.length; i++) {
      const o = ops[i];
      if (o.upper === 'LOADPARM') {
        const lp = ops[i + 1];
        if (!lp) {
          this.error(o.column + o.text.length, M.missingOperand('IPL', 'A LOADPARM OF 1 TO 8 CHARACTERS'));
          return;
        }
        if (lp.text.length > 8) {
          this.error(lp.column, M.invalidOperand(lp.text, 'A LOADPARM OF 1 TO 8 CHARACTERS'));
          return;
        }
        ipl.loadparm = lp.upper;
        i++;
      } else if (o.upper === 'PARM') {
        // PARM takes the rest of the statement, blanks included
        const offset = o.column - st.restColumn + o.text.length;
        ipl.parm = st.rest.slice(offset).trim();
        if (ipl.parm === '') {
          this.error(o.column + o.text.length, M.missingOperand('IPL', 'PARM TEXT'));
          return;
        }
        break;
      } else {
        this.error(o.column, M.invalidOperand(o.text, 'PARM OR LOADPARM'));
        return;
      }
    }
    entry.spec.ipl = ipl;
    addSource(entry.spec, ITEM_KEYS.ipl, st.line);
  }

  private shareValue(ops: Token[], i: number): { value: ShareValue; next: number } | undefined {
    const kind = ops[i];
    const amount = ops[i + 1];
    const type = /^REL(A(T(I(V(E)?)?)?)?)?$/.test(kind.upper)
      ? 'RELATIVE'
      : /^ABS(O(L(U(T(E)?)?)?)?)?$/.test(kind.upper)
        ? 'ABSOLUTE'
        : undefined;
    if (!type) {
      this.error(kind.column, M.invalidOperand(kind.text, 'RELATIVE OR ABSOLUTE'));
      return undefined;
    }
    if (!amount) {
      this.error(kind.column + kind.text.length, M.missingOperand('SHARE', `A ${type} VALUE`));
      return undefined;
    }
    if (type === 'RELATIVE') {
      const n = this.integer(amount, 1, 10000, 'A RELATIVE SHARE FROM 1 TO 10000');
      return n === undefined ? undefined : { value: { type, value: n }, next: i + 2 };
    }
    const m = /^(\d{1,3}(\.\d)?)%$/.exec(amount.text);
    const pct = m ? Number(m[1]) : Number.NaN;
    if (!(pct >= 0.1 && pct <= 100)) {
      this.error(amount.column, M.invalidOperand(amount.text, 'AN ABSOLUTE SHARE FROM 0.1% TO 100%'));
      return undefined;
    }
    return { value: { type, value: pct }, next: i + 2 };
  }

  private parseShare(entry: Entry): void {
    const ops = this.statement.operands;
    if (!this.expectOperands(5, 'RELATIVE N OR ABSOLUTE N%', 2)) return;
    const target = this.shareValue(ops, 0);
    if (!target) return;
    const share: NonNullable<GuestSpec['share']> = { target: target.value };
    let i = target.next;
    if (ops[i] && ops[i].upper === 'NOLIMIT') {
      share.maximum = 'NOLIMIT';
      i++;
    } else if (ops[i] && !/^LIMIT(SOFT|HARD)$/.test(ops[i].upper)) {
      const max = this.shareValue(ops, i);
      if (!max) return;
      share.maximum = max.value;
      i = max.next;
    }
    if (ops[i]) {
      if (
        !/^LIMIT(SOFT|HARD)$/.test(ops[i].upper) ||
        share.maximum === undefined ||
        share.maximum === 'NOLIMIT'
      ) {
        this.error(
          ops[i].column,
          M.invalidOperand(ops[i].text, 'A MAXIMUM SHARE BEFORE LIMITSOFT OR LIMITHARD'),
        );
        return;
      }
      share.limit = ops[i].upper as 'LIMITSOFT' | 'LIMITHARD';
    }
    entry.spec.share = share;
    addSource(entry.spec, ITEM_KEYS.share, this.statement.line);
  }

  private finish(): DirectoryParseResult {
    const profiles = new Map(this.entries.filter((e) => e.kind === 'PROFILE').map((e) => [e.name, e]));
    const subconfigs = new Map(this.entries.filter((e) => e.kind === 'SUBCONFIG').map((e) => [e.name, e]));
    const guests: GuestSpec[] = [];
    for (const entry of this.entries) {
      if (entry.kind !== 'USER' && entry.kind !== 'IDENTITY') continue;
      for (const inc of entry.includes) {
        const profile = profiles.get(inc.name);
        if (!profile) {
          this.diagnostics.push({
            severity: 'error',
            line: inc.line,
            column: inc.column,
            code: 'HCPDIR758E',
            message: M.unknownProfile(inc.name),
          });
          continue;
        }
        mergeInto(entry, profile, this.diagnostics, true);
      }
      for (const build of entry.builds) {
        const sub = subconfigs.get(build.subconfig);
        if (!sub) {
          this.diagnostics.push({
            severity: 'error',
            line: build.line,
            column: build.column,
            code: 'HCPDIR759E',
            message: M.unknownSubconfig(build.subconfig),
          });
          continue;
        }
        mergeInto(entry, sub, this.diagnostics, false);
      }
      this.checkCpuCount(entry);
      finishGuest(entry);
      guests.push(entry.spec);
    }
    this.checkOverlaps();
    this.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return { guests, profiles: [...profiles.keys()], diagnostics: this.diagnostics };
  }

  /** More CPU statements than MACHINE allows: the extra vCPUs could never be started. */
  private checkCpuCount(entry: Entry): void {
    const spec = entry.spec;
    const defs = spec.cpuDefinitions ?? [];
    const max = spec.maxVcpus ?? (spec.machineMode ? 1 : undefined);
    if (max === undefined || defs.length <= max) return;
    const extra = defs[max];
    const line = spec.sources[ITEM_KEYS.cpu(extra.address)]?.[0]?.line ?? entry.line;
    const machineLine = spec.sources[ITEM_KEYS.machine]?.[0]?.line ?? entry.line;
    this.diagnostics.push({
      severity: 'error',
      line,
      column: 1,
      code: 'HCPDIR760E',
      message: M.tooManyCpus(hex(extra.address, 2), entry.name, max),
      related: [{ line: machineLine, column: 1, note: `MACHINE allows ${max} CPU(s)` }],
    });
  }

  /** Minidisks of all entries that share a volume and overlap: DIRECTXA only warns (overlaps can be meant). */
  private checkOverlaps(): void {
    const extents: { entry: Entry; disk: MinidiskDevice; line: number; first: number; last: number }[] = [];
    for (const entry of this.entries) {
      for (const d of entry.spec.devices) {
        if (d.kind !== 'minidisk' || typeof d.start !== 'number' || typeof d.size !== 'number' || !d.volser)
          continue;
        const line = entry.spec.sources[d.key]?.[0]?.line ?? entry.line;
        extents.push({ entry, disk: d, line, first: d.start, last: d.start + d.size - 1 });
      }
    }
    for (let j = 1; j < extents.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = extents[i];
        const b = extents[j];
        if (a.disk.volser !== b.disk.volser || a.line === b.line) continue;
        if (b.first > a.last || a.first > b.last) continue;
        const describe = (x: typeof a) =>
          `${x.entry.name} ${hex(x.disk.vaddr, 4)} (LINE ${x.line}, ${x.first}-${x.last})`;
        this.diagnostics.push({
          severity: 'warning',
          line: b.line,
          column: 1,
          code: 'HCPDIR790W',
          message: M.overlap(b.disk.volser!, describe(b), describe(a)),
          related: [
            { line: a.line, column: 1, note: `the other minidisk: ${a.entry.name} ${hex(a.disk.vaddr, 4)}` },
          ],
        });
      }
    }
  }
}

/** Pulls a PROFILE's (or SUBCONFIG's) statements into an entry; the entry's own statements win. */
function mergeInto(entry: Entry, from: Entry, diagnostics: DefDiagnostic[], profileFirst: boolean): void {
  const spec = entry.spec;
  const src = from.spec;
  for (const [key, spans] of Object.entries(src.sources)) {
    if (key === ITEM_KEYS.name) continue;
    if ((key === ITEM_KEYS.ipl || key === ITEM_KEYS.machine || key === ITEM_KEYS.share) && spec.sources[key])
      continue;
    spec.sources[key] = [...(spec.sources[key] ?? []), ...spans];
  }
  const scalarKeys = ['machineMode', 'maxVcpus', 'ipl', 'share'] as const;
  for (const k of scalarKeys) {
    if (spec[k] === undefined && src[k] !== undefined)
      (spec as unknown as Record<string, unknown>)[k] = structuredClone(src[k]);
  }
  if (src.cpuDefinitions) spec.cpuDefinitions = [...src.cpuDefinitions, ...(spec.cpuDefinitions ?? [])];
  const join = <T>(mine: T[], theirs: T[]) => (profileFirst ? [...theirs, ...mine] : [...mine, ...theirs]);
  spec.options = join(spec.options, src.options);
  spec.commands = join(spec.commands, src.commands);
  spec.iucv = join(spec.iucv, src.iucv);
  spec.otherStatements = join(spec.otherStatements, src.otherStatements);
  for (const k of ['option', 'command', 'iucv'] as const)
    entry.lines[k] = join(entry.lines[k], from.lines[k]);
  const added: DeviceSpec[] = [];
  for (const d of src.devices) {
    const count = d.kind === 'nic' ? (d.devices ?? 3) : 1;
    if (d.vaddr !== undefined) {
      for (let a = d.vaddr; a < d.vaddr + count; a++) {
        const mine = entry.addresses.get(a);
        if (mine !== undefined) {
          const line = src.sources[d.key]?.[0]?.line ?? from.line;
          diagnostics.push({
            severity: 'error',
            line: mine,
            column: 1,
            code: 'HCPDIR757E',
            message: M.duplicateAddress(hex(a, 4), entry.name, line),
            related: [{ line, column: 1, note: `device ${hex(a, 4)} defined by ${from.kind} ${from.name}` }],
          });
          break;
        }
      }
    }
    added.push(structuredClone(d));
  }
  spec.devices = profileFirst ? [...added, ...spec.devices] : [...spec.devices, ...added];
}

function finishGuest(entry: Entry): void {
  const spec = entry.spec;
  entry.lines.option.forEach((line, i) => {
    addSource(spec, ITEM_KEYS.option(i), line);
  });
  entry.lines.command.forEach((line, i) => {
    addSource(spec, ITEM_KEYS.command(i), line);
  });
  entry.lines.iucv.forEach((line, i) => {
    addSource(spec, ITEM_KEYS.iucv(i), line);
  });
  const defs = spec.cpuDefinitions ?? [];
  spec.vcpus = Math.max(1, defs.length);
  if (spec.maxVcpus === undefined && spec.machineMode !== undefined) spec.maxVcpus = 1;
  if (defs.length > 0) {
    for (const d of defs) {
      for (const s of spec.sources[ITEM_KEYS.cpu(d.address)] ?? [])
        addSource(spec, ITEM_KEYS.vcpus, s.line, s.endLine);
    }
  }
  for (const s of spec.sources[ITEM_KEYS.machine] ?? []) addSource(spec, ITEM_KEYS.vcpus, s.line, s.endLine);
}
