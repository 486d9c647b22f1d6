import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

function cli(args: string[], files: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = main(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    readFile: (path) => (path in files ? files[path] : readFileSync(path, 'utf8')),
  });
  return { code, out, err };
}

const SEED_DIRECT = 'test/fixtures/defs/seed-linux01.direct';

describe('zvlab def check', () => {
  it('accepts the seed entry: exit 0 and DIRECTXA’s end-of-job line', () => {
    const { code, out } = cli(['def', 'check', SEED_DIRECT]);
    expect(code).toBe(0);
    expect(out).toBe(
      `EOJ DIRECTORY UPDATED AND ON LINE\n${SEED_DIRECT}: directory, 1 guest(s) (LINUX01): 0 error(s), 0 warning(s)\n`,
    );
  });

  it('prints warnings and still exits 0', () => {
    const text =
      'USER A PW 1M 1M G\nMDISK 191 3390 1 10 VOL MR\nUSER B PW 1M 1M G\nMDISK 191 3390 5 10 VOL MR\n';
    const { code, out } = cli(['def', 'check', 'two.direct'], { 'two.direct': text });
    expect(code).toBe(0);
    expect(out).toContain('two.direct:4:1: HCPDIR790W MINIDISK EXTENTS OVERLAP ON VOLUME VOL');
    expect(out).toContain('two.direct:2:1: the other minidisk: A 0191');
  });

  it('prints the errors with FILE:LINE:COL and exits 1', () => {
    const text = 'USER LINUX03 PW 2G 1G G\nMDISK 191 3390 1 10 V MR\nMDISK 191 3390 20 10 V MR\n';
    const { code, out } = cli(['def', 'check', 'bad.direct'], { 'bad.direct': text });
    expect(code).toBe(1);
    expect(out.split('\n').slice(0, 4)).toEqual([
      'bad.direct:1:17: HCPDIR1776E DEFAULT STORAGE SIZE EXCEEDS MAXIMUM STORAGE SIZE FOR USER LINUX03.',
      'bad.direct:3:7: HCPDIR757E DUPLICATE VIRTUAL DEVICE ADDRESS 0191 FOR LINUX03; ALSO DEFINED ON LINE 2',
      'bad.direct:2:1: device 0191 first defined here',
      'EOJ DIRECTORY NOT UPDATED',
    ]);
  });

  it('detects XML by content and reports as virsh does', () => {
    const { code, out } = cli(['def', 'check', 'guest.txt'], {
      'guest.txt': "<domain type='kvm'>\n<name>g</name\n</domain>",
    });
    expect(code).toBe(1);
    expect(out).toContain('error: Failed to define domain from guest.txt\n');
    expect(out).toContain(
      "guest.txt:2:8: error: (domain_definition):2: Closing tag 'name' can't have attributes or invalid starting.",
    );
  });

  it('checks a QEMU command line', () => {
    const { code, out } = cli(['def', 'check', 'test/fixtures/defs/seed-linux01.qemu']);
    expect(code).toBe(0);
    expect(out).toContain("No 'virtio-serial-bus' bus found for device 'virtconsole'");
    expect(out).toContain('qemu, 1 guest(s) (LINUX01): 0 error(s), 1 warning(s)');
  });
});

describe('zvlab def show', () => {
  it('shows the seed entry as libvirt XML, with the notes as an XML comment', () => {
    const { code, out } = cli(['def', 'show', SEED_DIRECT, '--as', 'xml']);
    expect(code).toBe(0);
    expect(out).toContain("<interface type='bridge'>");
    expect(out).toContain('<!--\n  translated by rule:');
    expect(out).toContain('  not translated:');
    expect(out).toContain('SPOOL 000C 2540 (virtual reader): no KVM twin');
  });

  it('shows the QEMU command line as a directory entry; the output is itself a valid directory', () => {
    const shown = cli(['def', 'show', 'test/fixtures/defs/seed-linux01.qemu', '--as', 'directory']);
    expect(shown.code).toBe(0);
    expect(shown.out.split('\n')[0]).toBe('USER LINUX01 AUTOONLY 512M 512M G');
    const again = cli(['def', 'check', 'out.direct'], { 'out.direct': shown.out });
    expect(again.code).toBe(0);
  });

  it('shows what virsh dumpxml would print', () => {
    const { out } = cli([
      'def',
      'show',
      'test/fixtures/defs/seed-lmb-define.xml',
      '--as',
      'xml',
      '--dumpxml',
    ]);
    expect(out).toContain("<controller type='virtio-serial' index='0'>");
    expect(out).toContain("<currentMemory unit='KiB'>1048576</currentMemory>");
  });

  it('translates each USER entry of a directory', () => {
    const { code, out } = cli(['def', 'show', 'test/fixtures/defs/two-users.direct', '--as', 'qemu']);
    expect(code).toBe(0);
    expect(out).toContain('# guest LINUX1\n');
    expect(out).toContain('# guest LINUX2\n');
    expect(out.match(/^\/usr\/bin\/qemu-system-s390x/gm)).toHaveLength(2);
  });

  it('prints JSON on stdout and the notes on stderr', () => {
    const { code, out, err } = cli(['def', 'show', SEED_DIRECT, '--as', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(out).name).toBe('LINUX01');
    expect(err).toBe('');
  });

  it('refuses to show an invalid definition', () => {
    const { code, out } = cli(['def', 'show', 'x.direct', '--as', 'xml'], {
      'x.direct': 'SPOOL 00C 2540 READER *\n',
    });
    expect(code).toBe(1);
    expect(out).toContain('x.direct:1:1: HCPDIR752E');
  });

  it('reports bad usage with exit 2', () => {
    expect(cli(['def', 'show', SEED_DIRECT]).code).toBe(2);
    expect(cli(['def', 'show', SEED_DIRECT, '--as', 'yaml']).err).toContain(
      "--as: expected one of directory, qemu, xml, json, got 'yaml'",
    );
    expect(cli(['def', 'frob', SEED_DIRECT]).code).toBe(2);
    expect(cli(['def']).code).toBe(2);
    expect(cli(['def', '--help']).out).toContain('zvlab def check FILE');
  });
});
