import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  correspondence,
  definitionViews,
  type DefForm,
  outputLinesOf,
  parseDefinition,
  specContent,
  type TranslationResult,
  translateGuest,
} from '../../../src/engine/defs/index';

const DIR = 'test/fixtures/defs';
const GOLDEN = `${DIR}/golden`;
/** Run with UPDATE_GOLDENS=1 to rewrite the golden files from the current renderers. */
const UPDATE = process.env.UPDATE_GOLDENS === '1';

const SEEDS = [
  'seed-linux01.direct',
  'seed-linux01.qemu',
  'seed-abbreviated.xml',
  'seed-lmb-install.xml',
  'seed-lmb-define.xml',
  'seed-lmb-dumpxml.xml',
  'two-users.direct',
];
const TARGETS: { name: string; form: DefForm; dumpxml?: boolean }[] = [
  { name: 'directory', form: 'directory' },
  { name: 'qemu', form: 'qemu' },
  { name: 'xml', form: 'xml' },
  { name: 'dumpxml', form: 'xml', dumpxml: true },
  { name: 'json', form: 'json' },
];

function showText(results: TranslationResult[]): string {
  return results
    .map((r) => {
      const notes = r.notes.map((n) => `[${n.kind}] ${n.key}: ${n.text}`);
      return `${r.rendered.text}${notes.length ? `--- notes\n${notes.join('\n')}\n` : ''}`;
    })
    .join('=== next guest\n');
}

function read(name: string): string {
  return readFileSync(`${DIR}/${name}`, 'utf8');
}

describe("the seed's examples parse and translate (goldens in test/fixtures/defs/golden)", () => {
  if (UPDATE && !existsSync(GOLDEN)) mkdirSync(GOLDEN, { recursive: true });
  for (const seed of SEEDS) {
    for (const target of TARGETS) {
      it(`${seed} as ${target.name}`, () => {
        const parsed = parseDefinition(read(seed), { fileName: seed });
        expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const text = showText(
          parsed.guests.map((g) => translateGuest(g, target.form, { dumpxml: target.dumpxml })),
        );
        const file = `${GOLDEN}/${seed}.${target.name}`;
        if (UPDATE) writeFileSync(file, text);
        expect(text).toBe(readFileSync(file, 'utf8'));
        // and what was rendered reads back without errors
        for (const block of text.split('=== next guest\n')) {
          const body = block.split('--- notes\n')[0];
          const again = parseDefinition(body, { form: target.form });
          expect(
            again.diagnostics.filter((d) => d.severity === 'error'),
            body,
          ).toEqual([]);
        }
      });
    }
  }

  it("reports the seed's abbreviated XML as malformed, as virsh would (an unclosed <source>)", () => {
    const parsed = parseDefinition(read('seed-abbreviated-original.xml'), { fileName: 'x.xml' });
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [
        21,
        "error: (domain_definition):21: Expected closing tag 'source' (opened in line 20, col 7) instead of closing tag 'disk'.",
      ],
    ]);
  });

  it("fills in what the seed's virsh dumpxml shows, but for the uuid, the QEMU version and iothreads", () => {
    const defined = parseDefinition(read('seed-lmb-define.xml')).guests[0];
    const ours = parseDefinition(
      translateGuest(defined, 'xml', { dumpxml: true, machineVersion: '2.5' }).rendered.text,
      {
        form: 'xml',
      },
    ).guests[0];
    const seed = parseDefinition(read('seed-lmb-dumpxml.xml')).guests[0];
    const comparable = (g: typeof seed) => {
      const c = specContent(g) as Record<string, unknown>;
      delete c.uuid;
      delete c.iothreads;
      delete c.kernelBoot; // the seed's two slides were captured with different kernels
      return c;
    };
    expect(comparable(ours)).toEqual(comparable(seed));
  });

  it('translates every USER entry of a directory, with the profile merged in', () => {
    const parsed = parseDefinition(read('two-users.direct'));
    expect(parsed.guests.map((g) => g.name)).toEqual(['LINUX1', 'LINUX2']);
    const xml = translateGuest(parsed.guests[0], 'xml');
    expect(xml.rendered.text).toContain('<shares>2048</shares>');
    expect(xml.notes.find((n) => n.key === 'share')?.text).toContain('shares = RELATIVE × 1024 / 100');
    expect(xml.notes.filter((n) => n.kind === 'dropped').map((n) => n.text)).toContain(
      "SPOOL 000C 2540 (virtual reader): no KVM twin; spool devices belong to CP's spooling system (KVM guests move files over the network)",
    );
  });

  it('maps a directory line to its twin lines in the XML', () => {
    const parsed = parseDefinition(read('seed-linux01.direct'));
    const guest = parsed.guests[0];
    const xml = translateGuest(guest, 'xml');
    const rows = correspondence(guest, xml.rendered);
    const mdisk191 = rows.find((r) => r.sourceLines.includes(9))!;
    const lines = xml.rendered.text.split('\n');
    expect(mdisk191.outputLines.map((l) => lines[l - 1].trim())).toEqual([
      "<disk type='file' device='disk'>",
      "<driver name='qemu' type='raw' cache='none' io='native'/>",
      "<source file='/var/lib/libvirt/images/ONEBIT.img'>",
      '<slices>',
      "<slice type='storage' offset='8847360' size='737280'/>",
      '</slices>',
      '</source>',
      "<target dev='vda' bus='virtio'/>",
      "<address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0191'/>",
      '</disk>',
    ]);
    // USER line 1 carries name, storage and more; the SPOOL lines produce nothing on KVM
    expect(rows.find((r) => r.key === 'storage')?.outputLines.map((l) => lines[l - 1].trim())).toEqual([
      "<memory unit='MiB'>512</memory>",
    ]);
    const spool = guest.devices.find((d) => d.kind === 'spool')!;
    expect(outputLinesOf(xml.rendered, spool.key)).toEqual([]);
    expect(xml.notes.some((n) => n.key === spool.key && n.kind === 'dropped')).toBe(true);
  });

  it('maps IPL to the boot order of the disk it boots, both ways', () => {
    const linux2 = parseDefinition(read('two-users.direct')).guests[1];
    const xml = translateGuest(linux2, 'xml');
    const ipl = correspondence(linux2, xml.rendered).find((r) => r.key === 'ipl')!;
    const xmlLines = xml.rendered.text.split('\n');
    expect(ipl.sourceLines).toEqual([22]);
    expect(ipl.outputLines.map((l) => xmlLines[l - 1].trim())).toEqual(["<boot order='1'/>"]);

    const qemu = parseDefinition(read('seed-linux01.qemu')).guests[0];
    const dir = translateGuest(qemu, 'directory');
    const back = correspondence(qemu, dir.rendered).find((r) => r.key === 'ipl')!;
    expect(back.sourceLines).toEqual([8, 9]);
    expect(back.outputLines.map((l) => dir.rendered.text.split('\n')[l - 1])).toEqual(['IPL 000']);
  });

  it('maps the QEMU -drive and -device lines of one disk to one item', () => {
    const guest = parseDefinition(read('seed-linux01.qemu')).guests[0];
    const disk = guest.devices.find((d) => d.kind === 'disk')!;
    expect(guest.sources[disk.key]).toEqual([
      { line: 8, endLine: 9 },
      { line: 6, endLine: 7 },
    ]);
  });
});

describe('definitionViews (what the page view calls)', () => {
  it('gives every guest in every form with its line pairs, as plain data', () => {
    const v = definitionViews(read('seed-linux01.direct'), { fileName: 'seed.direct' });
    expect(v.parsed.ok).toBe(true);
    const views = v.guests[0].views;
    expect(Object.keys(views).sort()).toEqual(['directory', 'json', 'qemu', 'xml']);
    const nic = views.qemu.rows.find((r) => r.sourceLines.includes(8))!;
    const qemuLines = views.qemu.rendered.text.split('\n');
    expect(nic.outputLines.map((l) => qemuLines[l - 1].trim())).toEqual([
      '-netdev bridge,id=hostnet0,br=MYLAN \\',
      '-device virtio-net-ccw,netdev=hostnet0,id=net0,devno=fe.0.0500 \\',
    ]);
    expect(structuredClone(v)).toEqual(v);
  });
});
