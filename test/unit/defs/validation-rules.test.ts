import { describe, expect, it } from 'vitest';
import { parseDirectory, parseDomainXml, parseQemuCommandLine } from '../../../src/engine/defs/index';
import type { DefDiagnostic } from '../../../src/engine/defs/index';

const brief = (ds: DefDiagnostic[]) =>
  ds.map((d) => ({ severity: d.severity, line: d.line, column: d.column, message: d.message }));
const only = (ds: DefDiagnostic[]) => {
  expect(ds).toHaveLength(1);
  return ds[0];
};

describe('user directory rules (DIRECTXA-style messages, line and column)', () => {
  const cases: [string, string, number, number, string][] = [
    ['an unknown statement', 'USER A PW 1M 1M G\nFOO BAR', 2, 1, 'HCPDIR751E UNKNOWN STATEMENT - FOO'],
    [
      'a control statement after a device statement',
      'USER LINUX03 PW 1G 1G G\nSPOOL 00C 2540 READER *\nIPL CMS',
      3,
      1,
      'HCPDIR752E STATEMENT SEQUENCE ERROR - IPL FOLLOWS A DEVICE STATEMENT IN USER LINUX03',
    ],
    [
      'INCLUDE after other statements',
      'PROFILE P1\nSPOOL 00C 2540 READER *\nUSER A PW 1M 1M G\nMACHINE ESA\nINCLUDE P1',
      5,
      1,
      'HCPDIR752E STATEMENT SEQUENCE ERROR - INCLUDE MUST FOLLOW THE USER STATEMENT OF A',
    ],
    [
      'DIRECTORY not first',
      'USER A PW 1M 1M G\nDIRECTORY 123 3390 M01RES',
      2,
      1,
      'HCPDIR752E STATEMENT SEQUENCE ERROR - DIRECTORY MUST BE THE FIRST STATEMENT',
    ],
    [
      'GLOBALDEFS after an entry',
      'USER A PW 1M 1M G\nGLOBALDEFS',
      2,
      1,
      'HCPDIR752E STATEMENT SEQUENCE ERROR - GLOBALDEFS MUST PRECEDE PROFILE AND USER ENTRIES',
    ],
    [
      'PROFILE after a USER',
      'USER A PW 1M 1M G\nPROFILE P',
      2,
      1,
      'HCPDIR752E STATEMENT SEQUENCE ERROR - PROFILE MUST PRECEDE USER ENTRIES',
    ],
    [
      'a device statement outside an entry',
      '* LINUX03 DIRECT\nSPOOL 00C 2540 READER *\nUSER A PW 1M 1M G',
      2,
      1,
      'HCPDIR752E STATEMENT SEQUENCE ERROR - SPOOL OUTSIDE A USER, IDENTITY OR PROFILE ENTRY',
    ],
    [
      'a duplicate userid',
      'USER LINUX01 PW 1M 1M G\nUSER LINUX01 PW 1M 1M G',
      2,
      6,
      'HCPDIR753E DUPLICATE USERID LINUX01; FIRST DEFINED ON LINE 1',
    ],
    [
      'a missing operand',
      'USER A PW 1M 1M G\nMDISK 191 3390 1',
      2,
      17,
      'HCPDIR754E MISSING OPERAND ON MDISK - EXPECTED A SIZE AND A VOLSER',
    ],
    [
      'a bad storage size',
      'USER A PW 512X 1M G',
      1,
      11,
      'HCPDIR755E INVALID OPERAND - 512X; EXPECTED A STORAGE SIZE SUCH AS 512M OR 1G',
    ],
    [
      'bad privilege classes',
      'USER A PW 1M 1M g!',
      1,
      17,
      'HCPDIR755E INVALID OPERAND - g!; EXPECTED PRIVILEGE CLASSES A-Z OR 1-6',
    ],
    [
      'a bad device address',
      'USER A PW 1M 1M G\nCONSOLE 1FFFF 3215 T',
      2,
      9,
      'HCPDIR755E INVALID OPERAND - 1FFFF; EXPECTED A VIRTUAL DEVICE ADDRESS OF 1 TO 4 HEX DIGITS',
    ],
    [
      'a bad DASD type',
      'USER A PW 1M 1M G\nMDISK 191 3391 1 1 V MR',
      2,
      11,
      'HCPDIR755E INVALID OPERAND - 3391; EXPECTED A DASD TYPE (3390, 3380, 9345, FB-512, 9336…)',
    ],
    [
      'a bad link mode',
      'USER A PW 1M 1M G\nMDISK 191 3390 1 1 V XX',
      2,
      22,
      'HCPDIR755E INVALID OPERAND - XX; EXPECTED A LINK MODE (R, RR, W, WR, M, MR, MW)',
    ],
    [
      'too many CPUs',
      'USER A PW 1M 1M G\nMACHINE ESA 65',
      2,
      13,
      'HCPDIR755E INVALID OPERAND - 65; EXPECTED A NUMBER OF CPUS FROM 1 TO 64',
    ],
    [
      'a relative share above 10000',
      'USER A PW 1M 1M G\nSHARE RELATIVE 20000',
      2,
      16,
      'HCPDIR755E INVALID OPERAND - 20000; EXPECTED A RELATIVE SHARE FROM 1 TO 10000',
    ],
    [
      'too many operands',
      'USER A PW 1M 1M G\nLINK MAINT 190 190 RR EXTRA',
      2,
      23,
      'HCPDIR756E TOO MANY OPERANDS ON LINK - EXTRA',
    ],
    [
      'a duplicate virtual address',
      'USER LINUX03 PW 1M 1M G\nMDISK 0191 3390 1 10 VOL1 MR\nMDISK 191 3390 20 10 VOL1 MR',
      3,
      7,
      'HCPDIR757E DUPLICATE VIRTUAL DEVICE ADDRESS 0191 FOR LINUX03; ALSO DEFINED ON LINE 2',
    ],
    [
      'a minidisk inside a QDIO NIC’s three addresses',
      'USER A PW 1M 1M G\nSPECIAL 500 QDIO 3 SYSTEM L\nMDISK 502 3390 1 1 V MR',
      3,
      7,
      'HCPDIR757E DUPLICATE VIRTUAL DEVICE ADDRESS 0502 FOR A; ALSO DEFINED ON LINE 2',
    ],
    [
      'a device that clashes with one from the PROFILE',
      'PROFILE P\nSPOOL 00C 2540 READER *\nUSER A PW 1M 1M G\nINCLUDE P\nSPOOL 00C 2540 PUNCH A',
      5,
      1,
      'HCPDIR757E DUPLICATE VIRTUAL DEVICE ADDRESS 000C FOR A; ALSO DEFINED ON LINE 2',
    ],
    [
      'more CPU statements than MACHINE allows',
      'USER A PW 1M 1M G\nMACHINE ESA 1\nCPU 00 BASE\nCPU 01',
      4,
      1,
      'HCPDIR760E CPU 01 OF A EXCEEDS THE MACHINE MAXIMUM OF 1 CPUS',
    ],
    [
      'an unknown INCLUDE',
      'USER A PW 1M 1M G\nINCLUDE NOPE',
      2,
      9,
      'HCPDIR758E PROFILE NOPE NOT FOUND FOR INCLUDE',
    ],
    [
      'an unknown SUBCONFIG',
      'IDENTITY A PW 1M 1M G\nBUILD ON M1 USING SUBCONFIG NOPE',
      2,
      29,
      'HCPDIR759E SUBCONFIG NOPE NOT FOUND FOR BUILD',
    ],
    [
      'logon storage above the maximum',
      'USER LINUX03 PW 2G 1G G',
      1,
      17,
      'HCPDIR1776E DEFAULT STORAGE SIZE EXCEEDS MAXIMUM STORAGE SIZE FOR USER LINUX03.',
    ],
  ];
  for (const [what, text, line, column, message] of cases) {
    it(`rejects ${what}`, () => {
      const d = only(parseDirectory(text).diagnostics);
      expect({ severity: d.severity, line: d.line, column: d.column, message: d.message }).toEqual({
        severity: 'error',
        line,
        column,
        message,
      });
    });
  }

  it('warns (and only warns) about overlapping minidisks on one volume, naming both lines', () => {
    const text =
      'USER LINUX01 PW 1M 1M G\nMDISK 191 3390 012 010 ONEBIT MR\nUSER LINUX03 PW 1M 1M G\nMDISK 191 3390 020 005 ONEBIT MR';
    const d = only(parseDirectory(text).diagnostics);
    expect(d.severity).toBe('warning');
    expect(d.line).toBe(4);
    expect(d.message).toBe(
      'HCPDIR790W MINIDISK EXTENTS OVERLAP ON VOLUME ONEBIT: LINUX03 0191 (LINE 4, 20-24) OVERLAPS LINUX01 0191 (LINE 2, 12-21)',
    );
    expect(d.related?.map((r) => r.line)).toEqual([2]);
  });

  it('points a duplicate at the first definition too', () => {
    const d = only(parseDirectory('USER LINUX01 PW 1M 1M G\nUSER LINUX01 PW 1M 1M G').diagnostics);
    expect(d.related).toEqual([{ line: 1, column: 1, note: 'first definition of LINUX01' }]);
  });

  it('reads the reference’s complete guest: PROFILE LINDFLT included by USER LINUX1', () => {
    const text = [
      'PROFILE LINDFLT',
      '  COMMAND CP SET PF12 RETRIEVE',
      '  COMMAND SET VSWITCH VSW1 GRANT &USERID',
      '  IPL CMS',
      '  MACH ESA 2',
      '  CPU 00 BASE',
      '  OPTION APPLMON',
      '  SPOOL 000C 2540 READER *',
      '  CONSOLE 009 3215 T',
      '  LINK MAINT 0190 0190 RR',
      '',
      'USER LINUX1 ZCLOUD 1G 1G G',
      '  INCLUDE LINDFLT',
      '  MDISK 0100 3390 0001 1600 LNX301 MR READ WRITE MULTIPLE',
    ].join('\n');
    const r = parseDirectory(text);
    expect(brief(r.diagnostics)).toEqual([]);
    expect(r.profiles).toEqual(['LINDFLT']);
    const g = r.guests[0];
    expect(g.ipl).toEqual({ system: 'CMS' });
    expect(g.commands).toEqual(['CP SET PF12 RETRIEVE', 'SET VSWITCH VSW1 GRANT &USERID']);
    expect(g.devices.map((d) => d.kind)).toEqual(['spool', 'console', 'link', 'minidisk']);
    expect(g.sources['option:0']).toEqual([{ line: 7, endLine: 7 }]);
  });

  it('reads a whole directory: DIRECTORY, GLOBALDEFS, a PROFILE, an SSI IDENTITY built from a SUBCONFIG', () => {
    const text = [
      'DIRECTORY 123 3390 M01RES',
      'GLOBALDEFS',
      ' GLOBALOPTS MACHINE ESA',
      'PROFILE LINDFLT',
      ' SPOOL 00C 2540 READER *',
      'IDENTITY LNXADMIN PW 1G 2G G',
      ' INCLUDE LINDFLT',
      ' BUILD ON MEMBER1 USING SUBCONFIG LNXADM-1',
      ' IPL CMS',
      'SUBCONFIG LNXADM-1',
      ' MDISK 191 3390 100 10 VOL1 MR',
    ].join('\n');
    const r = parseDirectory(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.guests.map((g) => [g.name, g.entryKind, g.devices.map((d) => d.kind)])).toEqual([
      ['LNXADMIN', 'IDENTITY', ['spool', 'minidisk']],
    ]);
    const mdisk = r.guests[0].devices[1];
    expect(r.guests[0].sources[mdisk.key]).toEqual([{ line: 11, endLine: 11 }]);
  });

  it('ignores sequence numbers in columns 73-80 and comment lines', () => {
    const r = parseDirectory(`* a comment\n${'USER A PW 1M 1M G'.padEnd(72)}00010000\n`);
    expect(r.diagnostics).toEqual([]);
    expect(r.guests[0].privilegeClasses).toBe('G');
  });
});

describe('QEMU command line rules (QEMU-style messages)', () => {
  const cases: [string, string, number, number, string][] = [
    [
      'an unknown option',
      'qemu-system-s390x -name A -foo bar',
      1,
      27,
      'qemu-system-s390x: -foo: invalid option',
    ],
    [
      'an option without its argument',
      'qemu-system-s390x -name A \\\n  -m',
      2,
      3,
      'qemu-system-s390x: -m: requires an argument',
    ],
    [
      'a device model that is not s390x',
      'qemu-system-s390x \\\n  -device virtio-blk-pci,drive=d0',
      2,
      11,
      "qemu-system-s390x: -device virtio-blk-pci,drive=d0: 'virtio-blk-pci' is not a valid device model name",
    ],
    [
      'an unknown device property',
      'qemu-system-s390x -drive file=/x,if=none,id=d0 \\\n  -device virtio-blk-ccw,drive=d0,bar=1',
      2,
      11,
      "qemu-system-s390x: -device virtio-blk-ccw,drive=d0,bar=1: Property 'virtio-blk-ccw.bar' not found",
    ],
    [
      'a disk whose drive does not exist',
      'qemu-system-s390x \\\n  -device virtio-blk-ccw,drive=nope',
      2,
      11,
      "qemu-system-s390x: -device virtio-blk-ccw,drive=nope: Property 'virtio-blk-device.drive' can't find value 'nope'",
    ],
    [
      'a NIC whose netdev does not exist',
      'qemu-system-s390x -device virtio-net-ccw,netdev=hostnet9',
      1,
      27,
      "qemu-system-s390x: -device virtio-net-ccw,netdev=hostnet9: Property 'virtio-net-ccw.netdev' can't find value 'hostnet9'",
    ],
    [
      'a console whose chardev does not exist',
      'qemu-system-s390x -device virtconsole,chardev=c9',
      1,
      27,
      "qemu-system-s390x: -device virtconsole,chardev=c9: Property 'virtconsole.chardev' can't find value 'c9'",
    ],
    [
      'a duplicate device id',
      'qemu-system-s390x -drive file=/a,if=none,id=d0 -drive file=/b,if=none,id=d1 \\\n -device virtio-blk-ccw,drive=d0,id=disk0 \\\n -device virtio-blk-ccw,drive=d1,id=disk0',
      3,
      10,
      "qemu-system-s390x: -device virtio-blk-ccw,drive=d1,id=disk0: Duplicate ID 'disk0' for device",
    ],
    [
      'a drive used twice',
      'qemu-system-s390x -drive file=/a,if=none,id=d0 -device virtio-blk-ccw,drive=d0 -device virtio-blk-ccw,drive=d0',
      1,
      88,
      "qemu-system-s390x: -device virtio-blk-ccw,drive=d0: Property 'virtio-blk-device.drive' can't take value 'd0', it's in use",
    ],
    [
      'a bad memory size',
      'qemu-system-s390x -m 512x',
      1,
      22,
      "qemu-system-s390x: -m 512x: Parameter 'size' expects a non-negative number below 2^64",
    ],
    [
      'a device number with subchannel set 7',
      'qemu-system-s390x -device virtio-balloon-ccw,devno=fe.7.0001',
      1,
      27,
      "qemu-system-s390x: -device virtio-balloon-ccw,devno=fe.7.0001: Property 'virtio-balloon-ccw.devno' doesn't take value 'fe.7.0001'",
    ],
    [
      'a virtio device outside css 0xfe',
      'qemu-system-s390x -device virtio-balloon-ccw,devno=0.0.0001',
      1,
      27,
      'qemu-system-s390x: -device virtio-balloon-ccw,devno=0.0.0001: Invalid cssid 0x0: virtio devices live in css 0xfe',
    ],
    [
      'a device number used twice',
      'qemu-system-s390x -device virtio-balloon-ccw,devno=fe.0.0001 \\\n -device virtio-serial-ccw,devno=fe.0.1',
      2,
      10,
      'qemu-system-s390x: -device virtio-serial-ccw,devno=fe.0.1: Requested devno fe.0.1 is already in use',
    ],
    [
      'maxcpus below cpus',
      'qemu-system-s390x -smp 4,maxcpus=2',
      1,
      24,
      'qemu-system-s390x: Invalid CPU topology: maxcpus must be equal to or greater than smp',
    ],
    [
      'a machine type of another architecture',
      'qemu-system-s390x -machine pc-q35,accel=kvm',
      1,
      28,
      'qemu-system-s390x: -machine pc-q35,accel=kvm: unsupported machine type\nUse -machine help to list supported machines',
    ],
    [
      'an unknown image format',
      'qemu-system-s390x -drive file=/x,format=vmdk',
      1,
      26,
      "qemu-system-s390x: -drive file=/x,format=vmdk: Unknown driver 'vmdk'",
    ],
    [
      'a malformed MAC address',
      'qemu-system-s390x -netdev tap,id=n0 -device virtio-net-ccw,netdev=n0,mac=zz',
      1,
      45,
      "qemu-system-s390x: -device virtio-net-ccw,netdev=n0,mac=zz: Property 'virtio-net-ccw.mac' doesn't take value 'zz'",
    ],
    [
      'an unterminated quote',
      "qemu-system-s390x -append 'root=/dev/vda",
      1,
      27,
      "sh: unexpected EOF while looking for matching `''",
    ],
  ];
  for (const [what, text, line, column, message] of cases) {
    it(`rejects ${what}`, () => {
      const d = only(parseQemuCommandLine(text).diagnostics);
      expect({ severity: d.severity, line: d.line, column: d.column, message: d.message }).toEqual({
        severity: 'error',
        line,
        column,
        message,
      });
    });
  }

  it('warns that virtconsole needs a virtio-serial bus, which libvirt would have added', () => {
    const d = only(
      parseQemuCommandLine('qemu-system-s390x -chardev pty,id=c0 -device virtconsole,chardev=c0').diagnostics,
    );
    expect(d.severity).toBe('warning');
    expect(d.message).toContain("No 'virtio-serial-bus' bus found for device 'virtconsole'");
  });

  it('honours shell quoting and backslash continuations', () => {
    const r = parseQemuCommandLine(
      `qemu-system-s390x \\\n  -name "my guest" \\\n  -append 'root=/dev/vda quiet' -m 1G`,
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.guest.name).toBe('my guest');
    expect(r.guest.kernelBoot?.cmdline).toBe('root=/dev/vda quiet');
    expect(r.guest.storageKiB).toBe(1024 * 1024);
    expect(r.guest.sources.name).toEqual([{ line: 2, endLine: 2 }]);
  });
});

describe('libvirt domain XML rules (virsh-style messages)', () => {
  const head =
    "<domain type='kvm'>\n  <name>g</name>\n  <memory unit='MiB'>512</memory>\n  <os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os>\n";
  const domain = (body: string) => `${head}${body}</domain>\n`;
  const devices = (body: string) => domain(`  <devices>\n${body}  </devices>\n`);
  const cases: [string, string, number, number, string][] = [
    [
      'malformed XML (the seed’s abbreviated example has an unclosed <source>)',
      "<domain type='kvm'>\n  <name>g</name\n</domain>",
      2,
      10,
      "error: (domain_definition):2: Closing tag 'name' can't have attributes or invalid starting.",
    ],
    [
      'another root element',
      "<dom type='kvm'/>",
      1,
      1,
      'error: XML error: unexpected root element <dom>, expecting <domain>',
    ],
    [
      'a domain without a name',
      "<domain type='kvm'>\n  <memory>1</memory>\n  <os><type>hvm</type></os>\n</domain>",
      1,
      1,
      'error: XML error: missing name information',
    ],
    [
      'a domain without a type',
      '<domain>\n <name>g</name>\n <memory>1</memory>\n <os><type>hvm</type></os>\n</domain>',
      1,
      1,
      'error: XML error: missing domain type attribute',
    ],
    [
      'an unknown memory unit',
      "<domain type='kvm'>\n  <name>g</name>\n  <memory unit='XB'>512</memory>\n  <os><type>hvm</type></os>\n</domain>",
      3,
      3,
      "error: invalid argument: unknown suffix 'XB'",
    ],
    [
      'more current vCPUs than the maximum',
      domain("  <vcpu current='5'>4</vcpu>\n"),
      5,
      3,
      'error: unsupported configuration: current vcpus count 5 is greater than maximum 4',
    ],
    [
      'a CCW address outside css 0xfe',
      devices(
        "    <memballoon model='virtio'>\n      <address type='ccw' cssid='0xff' ssid='0x0' devno='0x0001'/>\n    </memballoon>\n",
      ),
      7,
      7,
      "error: XML error: Invalid specification for virtio ccw address: cssid='0xff' ssid='0x0' devno='0x0001'",
    ],
    [
      'a CCW address used twice',
      devices(
        "    <controller type='virtio-serial' index='0'>\n      <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0001'/>\n    </controller>\n    <memballoon model='virtio'>\n      <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0001'/>\n    </memballoon>\n",
      ),
      10,
      7,
      'error: XML error: CCW address fe.0.0001 is already in use',
    ],
    [
      'an unknown interface type',
      devices("    <interface type='vhostuser'/>\n"),
      6,
      5,
      "error: XML error: unknown interface type 'vhostuser'",
    ],
    [
      'a malformed MAC address',
      devices(
        "    <interface type='network'>\n      <mac address='10:ba:11'/>\n      <source network='default'/>\n    </interface>\n",
      ),
      7,
      7,
      "error: XML error: unable to parse mac address '10:ba:11'",
    ],
    [
      'an unknown balloon model',
      devices("    <memballoon model='xen'/>\n"),
      6,
      5,
      "error: XML error: unknown memory balloon model 'xen'",
    ],
    [
      'an unknown disk format',
      devices(
        "    <disk type='file' device='disk'>\n      <driver name='qemu' type='vmdk'/>\n      <source file='/a'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n",
      ),
      7,
      7,
      "error: unsupported configuration: unknown driver format value 'vmdk'",
    ],
    [
      'a macvtap interface without a host device',
      devices("    <interface type='direct'>\n      <model type='virtio'/>\n    </interface>\n"),
      6,
      5,
      "error: XML error: No <source> 'dev' attribute specified with <interface type='direct'/>",
    ],
    [
      'a console target s390x does not have',
      devices("    <console type='pty'>\n      <target type='serial'/>\n    </console>\n"),
      7,
      7,
      "error: XML error: unknown console target type 'serial'",
    ],
  ];
  for (const [what, text, line, column, message] of cases) {
    it(`rejects ${what}`, () => {
      const d = only(parseDomainXml(text).diagnostics);
      expect({ severity: d.severity, line: d.line, column: d.column, message: d.message }).toEqual({
        severity: 'error',
        line,
        column,
        message,
      });
    });
  }

  it('rejects another architecture and its machine type, on the <type> line', () => {
    const text =
      "<domain type='kvm'>\n  <name>g</name>\n  <memory>1</memory>\n  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n</domain>";
    expect(brief(parseDomainXml(text).diagnostics)).toEqual([
      {
        severity: 'error',
        line: 4,
        column: 7,
        message: "error: unsupported configuration: zvlab models s390x guests only, not arch 'x86_64'",
      },
      {
        severity: 'error',
        line: 4,
        column: 7,
        message:
          "error: unsupported configuration: Emulator '/usr/bin/qemu-system-s390x' does not support machine type 'pc'",
      },
    ]);
  });

  it('reads libvirt units: MB is 10^6 bytes, so 512 MB is 500000 KiB', () => {
    const r = parseDomainXml(domain('').replace("unit='MiB'>512", "unit='MB'>512"));
    expect(r.guest.storageKiB).toBe(500000);
  });
});
