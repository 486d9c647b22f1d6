import { execFileSync } from 'node:child_process';
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
    readFile: (path) => {
      if (path in files) return files[path];
      return readFileSync(path, 'utf8');
    },
  });
  return { code, out, err };
}

describe('zvlab run', () => {
  it('prints a summary of the default machine', () => {
    const { code, out } = cli(['run', '--for', '2ms']);
    expect(code).toBe(0);
    expect(out).toContain('virtual time 0.002000 s');
    expect(out).toContain('ZVL001I CEC ZVLAB1 power-on reset complete');
  });

  it('runs a scenario with scripted console input', () => {
    const { code, out } = cli(['run', 'public/scenarios/hello-console.json', '--for', '300ms', '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(out);
    expect(summary.scenario).toBe('hello-console');
    expect(summary.virtualNs).toBe(300_000_000);
    expect(summary.eventsProcessed).toBe(2);
    expect(summary.consoles.hmc).toContain('hello from the operator\nsecond line\n');
    expect(summary.cec.seed).toBe(7);
    expect(summary.wallMs).toBeUndefined();
  });

  it('lets --seed override the scenario seed', () => {
    const { out } = cli(['run', 'public/scenarios/hello-console.json', '--seed', '99', '--json']);
    expect(JSON.parse(out).cec.seed).toBe(99);
  });

  it('reports scenario errors with the file and path, exit 1', () => {
    const { code, err } = cli(['run', 'bad.json'], {
      'bad.json': '{"version":1,"name":"b","cec":{"cpus":"two"}}',
    });
    expect(code).toBe(1);
    expect(err).toMatch(/^bad\.json: at cec\.cpus: /);
  });

  it('reports bad usage with exit 2 and the usage text', () => {
    const bad = cli(['run', '--for', 'forever']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--for: invalid duration 'forever'");
    expect(cli(['run', '--seed', '-3']).code).toBe(2);
    expect(cli(['frobnicate']).code).toBe(2);
  });

  it('prints help for the tool and for a command', () => {
    expect(cli(['--help']).out).toMatch(/\n {2}run +run a machine/);
    expect(cli(['run', '--help']).out).toContain('--for DURATION');
  });

  it('gives byte-identical --json output run to run from the real command line', () => {
    const run = () =>
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'run',
          'public/scenarios/hello-console.json',
          '--json',
          '--for',
          '1s',
        ],
        { encoding: 'utf8' },
      );
    const first = run();
    expect(JSON.parse(first).virtualNs).toBe(1_000_000_000);
    expect(run()).toBe(first);
  });
});

describe('zvlab run --trace', () => {
  it("writes a device's channel programs to the ccwtrace console", () => {
    const { code, out } = cli([
      'run',
      'public/scenarios/first-light.json',
      '--for',
      '60ms',
      '--trace',
      '9',
      '--json',
    ]);
    expect(code).toBe(0);
    const trace: string = JSON.parse(out).consoles.ccwtrace;
    const lines = trace.split('\n');
    expect(lines[0]).toMatch(
      /^0009: ORB intparm=[0-9A-F]{8} key=\d+ fmt=[01] lpm=[0-9A-F]{2} cpa=[0-9A-F]{8}/,
    );
    expect(lines.some((l) => /^0009: CCW [0-9A-F]{8} 05 WRITE /.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('0009: status dev=0C(CE DE)'))).toBe(true);
    // the operator's ENTER at 50 ms
    expect(lines).toContain('0009: unsolicited dev=80(ATTN)');
  });

  it('refuses a device the machine does not have, and a malformed device number', () => {
    expect(cli(['run', '--for', '1ms', '--trace', '0190']).err).toBe(
      '--trace: no device 0190 in this machine\n',
    );
    expect(cli(['run', '--for', '1ms', '--trace', 'xyz']).code).not.toBe(0);
  });
});
