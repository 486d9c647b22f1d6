/**
 * The guest-definition API the CLI and the page use: detect a form, parse it into guest specs,
 * render a spec in any form, translate between forms with notes, and pair input lines with
 * output lines.
 */
import { type DefDiagnostic, hasErrors } from './def-diagnostic';
import { parseDirectory } from './directory/directory-parser';
import { renderDirectoryEntry } from './directory/directory-renderer';
import { parseGuestJson, renderGuestJson } from './guest-json';
import type { DefForm, GuestSpec } from './guest-spec';
import { parseDomainXml } from './libvirt/domain-xml-parser';
import { type DomainXmlOptions, renderDomainXml } from './libvirt/domain-xml-renderer';
import { parseQemuCommandLine } from './qemu/qemu-parser';
import { renderQemuCommandLine } from './qemu/qemu-renderer';
import type { RenderedText } from './rendered-text';
import { translateToDirectory } from './directory-translation';
import { translateToKvm } from './kvm-translation';
import type { TranslationNote } from './translation-rules';

export const DEF_FORMS: readonly DefForm[] = ['directory', 'qemu', 'xml', 'json'];

export interface ParsedDefinition {
  form: DefForm;
  /** One spec per USER/IDENTITY entry (directory), or the one guest of the other forms. */
  guests: GuestSpec[];
  diagnostics: DefDiagnostic[];
  /** No errors (warnings allowed). */
  ok: boolean;
}

/** Picks the form from the file name's extension, else from the content. */
export function detectForm(text: string, fileName?: string): DefForm {
  const ext = fileName?.toLowerCase().split('.').at(-1);
  if (ext === 'xml') return 'xml';
  if (ext === 'json') return 'json';
  if (ext === 'direct' || ext === 'directory' || ext === 'dir') return 'directory';
  if (ext === 'qemu' || ext === 'sh' || ext === 'cmdline') return 'qemu';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return 'xml';
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  const firstWord = start
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#') && !l.startsWith('*'))
    ?.split(/\s+/)[0];
  if (firstWord && (/qemu/.test(firstWord) || firstWord.startsWith('-'))) return 'qemu';
  return 'directory';
}

export function parseDefinition(
  text: string,
  options: { form?: DefForm; fileName?: string } = {},
): ParsedDefinition {
  const form = options.form ?? detectForm(text, options.fileName);
  let guests: GuestSpec[];
  let diagnostics: DefDiagnostic[];
  switch (form) {
    case 'directory': {
      const r = parseDirectory(text);
      guests = r.guests;
      diagnostics = r.diagnostics;
      break;
    }
    case 'qemu': {
      const r = parseQemuCommandLine(text);
      guests = [r.guest];
      diagnostics = r.diagnostics;
      break;
    }
    case 'xml': {
      const r = parseDomainXml(text);
      guests = [r.guest];
      diagnostics = r.diagnostics;
      break;
    }
    case 'json': {
      const r = parseGuestJson(text);
      guests = r.guests;
      diagnostics = r.diagnostics;
      break;
    }
  }
  const ok = !hasErrors(diagnostics);
  // a command line or XML that failed before naming its guest has no guest to show
  if (!ok && form !== 'directory') guests = guests.filter((g) => g.name !== '');
  return { form, guests, diagnostics, ok };
}

export interface RenderOptions extends DomainXmlOptions {}

/** Renders a spec as it is, without translating it (items the form cannot hold are listed in `unrendered`). */
export function renderGuest(spec: GuestSpec, form: DefForm, options: RenderOptions = {}): RenderedText {
  switch (form) {
    case 'directory':
      return renderDirectoryEntry(spec);
    case 'qemu':
      return renderQemuCommandLine(spec);
    case 'xml':
      return renderDomainXml(spec, options);
    case 'json':
      return renderGuestJson(spec);
  }
}

export interface TranslationResult {
  to: DefForm;
  /** The spec adapted to the target form (keys kept from the input spec). */
  guest: GuestSpec;
  rendered: RenderedText;
  /** What changed shape (with the rule) and what has no twin (and why). */
  notes: TranslationNote[];
}

/** Translates a guest into a form: adapts the spec to the target family, renders it, explains. */
export function translateGuest(spec: GuestSpec, to: DefForm, options: RenderOptions = {}): TranslationResult {
  let guest: GuestSpec;
  let notes: TranslationNote[];
  if (to === 'directory') ({ guest, notes } = translateToDirectory(spec));
  else if (to === 'json') ({ guest, notes } = { guest: structuredClone(spec), notes: [] });
  else ({ guest, notes } = translateToKvm(spec));
  if (to === 'qemu') notes.push(...qemuOnlyNotes(guest));
  if (to === 'xml') notes.push(...xmlOnlyNotes(guest));
  const rendered = renderGuest(guest, to, options);
  for (const key of rendered.unrendered) {
    if (!notes.some((n) => n.key === key)) {
      notes.push({
        key,
        kind: 'dropped',
        text: `${describe(guest, key)}: cannot be expressed in the ${to} form`,
      });
    }
  }
  return { to, guest, rendered, notes };
}

function describe(spec: GuestSpec, key: string): string {
  const d = spec.devices.find((x) => x.key === key);
  return d ? `${d.kind} device` : key;
}

function qemuOnlyNotes(spec: GuestSpec): TranslationNote[] {
  const notes: TranslationNote[] = [];
  for (const d of spec.devices) {
    if (d.kind === 'nic' && (d.backend?.type === 'direct' || d.backend?.type === 'network')) {
      notes.push({
        key: d.key,
        kind: 'rule',
        text:
          d.backend.type === 'direct'
            ? `macvtap on ${d.backend.source}: libvirt opens the macvtap device and hands QEMU its file descriptor, so the command line shows -netdev tap,fd=N`
            : `libvirt network ${d.backend.source}: libvirt creates the tap device on the network's bridge and hands QEMU its file descriptor (-netdev tap,fd=N)`,
      });
    }
    if (d.kind === 'hostdev' && d.type === 'scsi') {
      notes.push({
        key: d.key,
        kind: 'dropped',
        text: 'SCSI LUN pass-through: libvirt builds it from a virtio-scsi-ccw controller and a scsi-generic device; zvlab does not render it on the command line',
      });
    }
  }
  if (spec.cpuTune) {
    notes.push({
      key: 'share',
      kind: 'dropped',
      text: '<cputune>: cgroup settings libvirt applies to the QEMU process; not part of the command line',
    });
  }
  for (const [k, label] of [
    ['lifecycle', 'on_poweroff/on_reboot/on_crash'],
    ['clockOffset', 'clock'],
    ['iothreads', 'iothreads'],
  ] as const) {
    if (spec[k] !== undefined) {
      notes.push({
        key: k === 'clockOffset' ? 'clock' : k,
        kind: 'dropped',
        text: `${label}: libvirt's, not shown on this command line`,
      });
    }
  }
  return notes;
}

function xmlOnlyNotes(spec: GuestSpec): TranslationNote[] {
  const notes: TranslationNote[] = [];
  if (spec.gdbStub) {
    notes.push({
      key: 'gdb',
      kind: 'dropped',
      text: '-s (gdb stub): libvirt has no element for it; <qemu:commandline> can pass -s',
    });
  }
  for (const d of spec.devices) {
    if (d.kind === 'nic' && d.backend?.type === 'tap' && d.backend.fd !== undefined) {
      notes.push({
        key: d.key,
        kind: 'rule',
        text: `-netdev tap,fd=${d.backend.fd}: a tap device libvirt opened; written as <interface type='ethernet'>`,
      });
    }
  }
  return notes;
}

export interface CorrespondenceRow {
  key: string;
  /** Lines of the input the item came from. */
  sourceLines: number[];
  /** Lines of the output it produced. */
  outputLines: number[];
}

/** Pairs input lines and output lines item by item: the page highlights both sides of a row. */
export function correspondence(source: GuestSpec, rendered: RenderedText): CorrespondenceRow[] {
  const rows = new Map<string, CorrespondenceRow>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) {
      r = { key, sourceLines: [], outputLines: [] };
      rows.set(key, r);
    }
    return r;
  };
  for (const [key, spans] of Object.entries(source.sources)) {
    for (const s of spans)
      for (let l = s.line; l <= s.endLine; l++)
        if (!row(key).sourceLines.includes(l)) row(key).sourceLines.push(l);
  }
  for (const m of rendered.lineMap) {
    for (let l = m.startLine; l <= m.endLine; l++)
      if (!row(m.key).outputLines.includes(l)) row(m.key).outputLines.push(l);
  }
  for (const r of rows.values()) {
    r.sourceLines.sort((a, b) => a - b);
    r.outputLines.sort((a, b) => a - b);
  }
  return [...rows.values()];
}

export interface GuestView extends TranslationResult {
  /** Item by item: the lines of the input and the lines of this form that hold it. */
  rows: CorrespondenceRow[];
}

export interface DefinitionViews {
  parsed: ParsedDefinition;
  /** One entry per guest: the guest as read, and its rendering in every form. */
  guests: { guest: GuestSpec; views: Record<DefForm, GuestView> }[];
}

/**
 * Everything a side-by-side view needs in one call: parse the text, then translate each guest into
 * every form and pair the lines. Plain data, safe to send over a worker boundary.
 */
export function definitionViews(
  text: string,
  options: { form?: DefForm; fileName?: string } & RenderOptions = {},
): DefinitionViews {
  const parsed = parseDefinition(text, options);
  const guests = parsed.guests.map((guest) => {
    const views = {} as Record<DefForm, GuestView>;
    for (const form of DEF_FORMS) {
      const t = translateGuest(guest, form, options);
      views[form] = { ...t, rows: correspondence(guest, t.rendered) };
    }
    return { guest, views };
  });
  return { parsed, guests };
}
