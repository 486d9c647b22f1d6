import { parseArgs } from 'node:util';
import {
  DEF_FORMS,
  type DefForm,
  DIRECTXA_EOJ_FAILED,
  DIRECTXA_EOJ_OK,
  formatDiagnostic,
  type ParsedDefinition,
  parseDefinition,
  type TranslationNote,
  translateGuest,
} from '../../engine/defs/index';
import { type CliCommand, type CliIo, UsageError } from '../cli-command';

const FORM_NAMES = DEF_FORMS.join('|');

export const defCommand: CliCommand = {
  name: 'def',
  summary:
    'check a guest definition (user directory, QEMU command line, libvirt XML) or show it in another form',
  usage: `zvlab def check FILE [--form ${FORM_NAMES}]
       zvlab def show FILE --as ${FORM_NAMES} [--form ${FORM_NAMES}] [--dumpxml]

  check      report errors and warnings (exit 0 when there are no errors, 1 otherwise)
  show       translate every guest in FILE (each USER entry of a directory) into another form;
             what changed shape or has no twin is listed after it, as comments of that form
  --form F   the form of FILE (default: from the extension .direct/.qemu/.xml/.json, else the content)
  --as F     the form to show
  --dumpxml  with --as xml: fill in what libvirt adds (uuid, currentMemory, CCW addresses…), as virsh dumpxml`,

  run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        form: { type: 'string' },
        as: { type: 'string' },
        dumpxml: { type: 'boolean', default: false },
      },
    });
    const [action, file, ...extra] = positionals;
    if (action !== 'check' && action !== 'show')
      throw new UsageError(`expected 'check' or 'show', got '${action ?? ''}'`);
    if (file === undefined) throw new UsageError(`${action} needs a FILE`);
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
    const form = values.form === undefined ? undefined : formOption('--form', values.form);
    const parsed = parseDefinition(io.readFile(file), { form, fileName: file });
    if (action === 'check') return check(parsed, file, io);
    if (values.as === undefined) throw new UsageError('show needs --as FORM');
    return show(parsed, file, formOption('--as', values.as), values.dumpxml === true, io);
  },
};

function formOption(option: string, value: string): DefForm {
  if (!(DEF_FORMS as readonly string[]).includes(value)) {
    throw new UsageError(`${option}: expected one of ${DEF_FORMS.join(', ')}, got '${value}'`);
  }
  return value as DefForm;
}

function report(parsed: ParsedDefinition, file: string, io: CliIo): void {
  if (parsed.form === 'xml' && !parsed.ok) io.out(`error: Failed to define domain from ${file}\n`);
  for (const d of parsed.diagnostics) io.out(`${formatDiagnostic(d, file)}\n`);
}

function check(parsed: ParsedDefinition, file: string, io: CliIo): number {
  report(parsed, file, io);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = parsed.diagnostics.length - errors;
  if (parsed.form === 'directory') io.out(`${errors === 0 ? DIRECTXA_EOJ_OK : DIRECTXA_EOJ_FAILED}\n`);
  const names = parsed.guests.map((g) => g.name || '(unnamed)').join(', ');
  io.out(
    `${file}: ${parsed.form}, ${parsed.guests.length} guest(s)${names ? ` (${names})` : ''}: ${errors} error(s), ${warnings} warning(s)\n`,
  );
  return errors === 0 ? 0 : 1;
}

function commentLines(form: DefForm, lines: string[]): string {
  if (lines.length === 0) return '';
  switch (form) {
    case 'directory':
      return `${lines.map((l) => `* ${l}`).join('\n')}\n`;
    case 'qemu':
      return `${lines.map((l) => `# ${l}`).join('\n')}\n`;
    case 'xml':
      return `<!--\n${lines.map((l) => `  ${l.replace(/--/g, '- -')}`).join('\n')}\n-->\n`;
    case 'json':
      return '';
  }
}

function noteLines(notes: TranslationNote[]): string[] {
  const rules = notes.filter((n) => n.kind === 'rule');
  const dropped = notes.filter((n) => n.kind === 'dropped');
  const lines: string[] = [];
  if (rules.length > 0) lines.push('translated by rule:', ...rules.map((n) => `  ${n.text}`));
  if (dropped.length > 0) lines.push('not translated:', ...dropped.map((n) => `  ${n.text}`));
  return lines;
}

function show(parsed: ParsedDefinition, file: string, to: DefForm, dumpxml: boolean, io: CliIo): number {
  if (!parsed.ok) {
    report(parsed, file, io);
    return 1;
  }
  const results = parsed.guests.map((g) => translateGuest(g, to, { dumpxml }));
  if (to === 'json') {
    const objects = results.map((r) => r.rendered.text.trimEnd());
    io.out(
      results.length === 1
        ? `${objects[0]}\n`
        : `[\n${objects.map((o) => o.replace(/^/gm, '  ')).join(',\n')}\n]\n`,
    );
    for (const r of results) {
      const lines = noteLines(r.notes);
      if (lines.length > 0) io.err(`${r.guest.name}:\n${lines.join('\n')}\n`);
    }
    return 0;
  }
  const blocks = results.map((r) => {
    const header =
      results.length > 1 && to !== 'directory' ? commentLines(to, [`guest ${r.guest.name}`]) : '';
    return header + r.rendered.text + commentLines(to, noteLines(r.notes));
  });
  io.out(blocks.join('\n'));
  return 0;
}
