/**
 * The guest spec as JSON: the neutral form itself, for tools and for the page's own state.
 * Item keys and source lines are not part of it; the parser rebuilds them from the JSON's lines.
 */
import { type DefDiagnostic, lineColumnAt } from './def-diagnostic';
import { addSource, type DeviceSpec, type GuestSpec, ITEM_KEYS } from './guest-spec';
import { LineWriter, type RenderedText } from './rendered-text';

/** Which item key a top-level JSON field belongs to. */
const FIELD_KEYS: Record<string, string> = {
  name: ITEM_KEYS.name,
  entryKind: ITEM_KEYS.name,
  password: ITEM_KEYS.password,
  storageKiB: ITEM_KEYS.storage,
  maxStorageKiB: ITEM_KEYS.maxStorage,
  privilegeClasses: ITEM_KEYS.privilege,
  vcpus: ITEM_KEYS.vcpus,
  maxVcpus: ITEM_KEYS.vcpus,
  cpuDefinitions: ITEM_KEYS.vcpus,
  topology: ITEM_KEYS.vcpus,
  machineMode: ITEM_KEYS.machine,
  architecture: ITEM_KEYS.machine,
  machineType: ITEM_KEYS.machine,
  domainType: ITEM_KEYS.machine,
  accel: ITEM_KEYS.machine,
  cpuModel: ITEM_KEYS.machine,
  ipl: ITEM_KEYS.ipl,
  kernelBoot: ITEM_KEYS.kernel,
  share: ITEM_KEYS.share,
  cpuTune: ITEM_KEYS.share,
  include: ITEM_KEYS.include,
  uuid: ITEM_KEYS.uuid,
  emulator: ITEM_KEYS.emulator,
  lifecycle: ITEM_KEYS.lifecycle,
  clockOffset: ITEM_KEYS.clock,
  iothreads: ITEM_KEYS.iothreads,
  gdbStub: ITEM_KEYS.gdb,
};

const LIST_KEYS: Record<string, (i: number) => string> = {
  options: ITEM_KEYS.option,
  commands: ITEM_KEYS.command,
  iucv: ITEM_KEYS.iucv,
};

const DEVICE_KINDS = new Set([
  'minidisk',
  'link',
  'spool',
  'console',
  'disk',
  'nic',
  'dedicate',
  'hostdev',
  'memballoon',
  'controller',
]);

function indent(text: string, by: string): string[] {
  return text.split('\n').map((l) => by + l);
}

/** One guest as a JSON object (two-space indent), with a line map. */
export function renderGuestJson(spec: GuestSpec): RenderedText {
  const w = new LineWriter();
  renderObject(w, spec, '');
  return w.result();
}

/** Several guests as a JSON array; each guest's line map is relative to the whole text. */
export function renderGuestsJson(specs: readonly GuestSpec[]): RenderedText[] {
  const w = new LineWriter();
  w.emit([], '[');
  const maps: RenderedText[] = [];
  specs.forEach((s, i) => {
    const inner = new LineWriter();
    renderObject(inner, s, '  ', i < specs.length - 1 ? ',' : '');
    const r = inner.result(false);
    const offset = w.lineCount;
    w.emit([], ...r.text.split('\n'));
    maps.push({
      text: '',
      lineMap: r.lineMap.map((m) => ({ ...m, startLine: m.startLine + offset, endLine: m.endLine + offset })),
      unrendered: [],
    });
  });
  w.emit([], ']');
  const text = w.result().text;
  return maps.map((m) => ({ ...m, text }));
}

function renderObject(w: LineWriter, spec: GuestSpec, pad: string, trailer = ''): void {
  const { sources: _s, devices, otherStatements, ...rest } = spec;
  const fields: [string, unknown][] = Object.entries(rest).filter(([, v]) => v !== undefined);
  fields.push(['otherStatements', otherStatements.map((o) => o.text)]);
  fields.push(['devices', devices]);
  w.emit([], `${pad}{`);
  fields.forEach(([name, value], idx) => {
    const comma = idx < fields.length - 1 ? ',' : '';
    const p = `${pad}  `;
    if (name === 'devices' || name === 'otherStatements' || name in LIST_KEYS) {
      const list = value as unknown[];
      if (list.length === 0) {
        w.emit([], `${p}${JSON.stringify(name)}: []${comma}`);
        return;
      }
      w.emit([], `${p}${JSON.stringify(name)}: [`);
      list.forEach((item, i) => {
        const c = i < list.length - 1 ? ',' : '';
        let key: string;
        let shown: unknown = item;
        if (name === 'devices') {
          const { key: k, ...d } = item as DeviceSpec;
          key = k;
          shown = d;
        } else if (name === 'otherStatements') key = otherStatements[i].key;
        else key = LIST_KEYS[name](i);
        const lines = indent(JSON.stringify(shown, null, 2), `${p}  `);
        lines[lines.length - 1] += c;
        w.emit(key, ...lines);
      });
      w.emit([], `${p}]${comma}`);
      return;
    }
    const lines = JSON.stringify(value, null, 2).split('\n');
    lines[0] = `${p}${JSON.stringify(name)}: ${lines[0]}`;
    for (let i = 1; i < lines.length; i++) lines[i] = p + lines[i];
    lines[lines.length - 1] += comma;
    w.emit(FIELD_KEYS[name] ?? [], ...lines);
  });
  w.emit([], `${pad}}${trailer}`);
}

export interface JsonParseResult {
  guests: GuestSpec[];
  diagnostics: DefDiagnostic[];
}

/** A guest spec (or an array of them) from JSON; checks the shape and names the first problem's line. */
export function parseGuestJson(text: string): JsonParseResult {
  const diagnostics: DefDiagnostic[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const pos = /position (\d+)/.exec(message);
    const at = pos ? lineColumnAt(text, Number(pos[1])) : { line: 1, column: 1 };
    diagnostics.push({ severity: 'error', ...at, code: 'json', message: `invalid JSON: ${message}` });
    return { guests: [], diagnostics };
  }
  const list = Array.isArray(raw) ? raw : [raw];
  const lines = text.split('\n');
  const lineOf = (needle: RegExp, from: number): number => {
    for (let i = from; i < lines.length; i++) if (needle.test(lines[i])) return i + 1;
    return from + 1;
  };
  const guests: GuestSpec[] = [];
  let cursor = 0;
  for (const item of list) {
    const start = lineOf(/\{/, cursor);
    const problem = (message: string, line = start) =>
      diagnostics.push({ severity: 'error', line, column: 1, code: 'json', message });
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problem('expected a guest object');
      continue;
    }
    const g = item as Record<string, unknown>;
    if (typeof g.name !== 'string') problem('"name": expected a string', lineOf(/"name"/, cursor));
    if (!Number.isSafeInteger(g.storageKiB) || (g.storageKiB as number) <= 0) {
      problem('"storageKiB": expected a positive integer', lineOf(/"storageKiB"/, cursor));
    }
    if (!Number.isSafeInteger(g.vcpus) || (g.vcpus as number) < 1)
      problem('"vcpus": expected a positive integer', lineOf(/"vcpus"/, cursor));
    const devices = Array.isArray(g.devices) ? (g.devices as Record<string, unknown>[]) : [];
    if (g.devices !== undefined && !Array.isArray(g.devices))
      problem('"devices": expected an array', lineOf(/"devices"/, cursor));
    const spec: GuestSpec = {
      ...(g as unknown as GuestSpec),
      options: Array.isArray(g.options) ? (g.options as string[]) : [],
      commands: Array.isArray(g.commands) ? (g.commands as string[]) : [],
      iucv: Array.isArray(g.iucv) ? (g.iucv as string[]) : [],
      otherStatements: [],
      devices: [],
      sources: {},
    };
    for (const [field, key] of Object.entries(FIELD_KEYS)) {
      if (g[field] !== undefined) addSource(spec, key, lineOf(new RegExp(`^\\s*"${field}"`), cursor));
    }
    const others = Array.isArray(g.otherStatements) ? (g.otherStatements as string[]) : [];
    others.forEach((t, i) => {
      spec.otherStatements.push({ key: `other:${i + 1}`, text: String(t) });
    });
    let deviceCursor = lineOf(/"devices"/, cursor);
    devices.forEach((d, i) => {
      const line = lineOf(/"kind"/, deviceCursor);
      deviceCursor = line;
      if (typeof d !== 'object' || d === null || !DEVICE_KINDS.has(String(d.kind))) {
        problem(`"devices"[${i}].kind: expected one of ${[...DEVICE_KINDS].join(', ')}`, line);
        return;
      }
      const key = `dev:${i + 1}`;
      spec.devices.push({ ...(d as unknown as DeviceSpec), key });
      addSource(spec, key, line);
    });
    guests.push(spec);
    cursor = Math.max(deviceCursor, start);
    // the next guest starts after this one's closing brace
    cursor = lineOf(/^\s{0,2}\}/, cursor);
  }
  return { guests, diagnostics };
}
