import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../../src/engine/asm/assembler';
import { RawImage } from '../../../../src/engine/io/virtio/disk-image';
import { cecConfigSchema } from '../../../../src/engine/sim/cec-config';
import { virtioConsoleId } from '../../../../src/engine/sim/console-ids';
import { Machine } from '../../../../src/engine/sim/machine';
import { attachVirtioBlk, attachVirtioConsole } from '../../../../src/engine/sim/virtio-attach';

/*
 * The bare-metal driver test/unit/io/virtio/programs/virtio-driver.asm on a whole machine: real SSCH/TSCH through
 * the channel subsystem, DIAGNOSE 0x500 through the machine's hook, interruptions in virtual time.
 */
const SOURCE = readFileSync('test/unit/io/virtio/programs/virtio-driver.asm', 'utf8');
const SECTORS = 64;

function boot() {
  const program = assemble(SOURCE);
  expect(program.errors).toEqual([]);
  const machine = new Machine({ seed: 1, cec: cecConfigSchema.parse({ cpus: 1, storageMiB: 1, mips: 100 }) });
  const image = new RawImage(SECTORS * 512);
  const blk = attachVirtioBlk(machine, 0x0100, image, { serial: 'GUEST-DRIVER' });
  const con = attachVirtioConsole(machine, 0x0101);
  machine.storage.load(program.origin, program.bytes);
  const cpu = machine.cpus[0];
  cpu.setPsw(0x0000_0001_8000_0000n, BigInt(program.origin));
  cpu.start();
  for (let i = 0; i < 200 && !cpu.disabledWait; i++) machine.advance(100_000);
  const symbol = (name: string) => program.symbols.find((s) => s.name === name)!.value;
  return { machine, cpu, image, blk, con, symbol };
}

describe('the bare-metal virtio-ccw guest driver', () => {
  const run = boot();

  it('ends in the disabled wait with address 0 (every step passed)', () => {
    expect(run.cpu.disabledWait).toBe(true);
    expect(run.cpu.getPsw().address).toBe(0n);
  });

  it('negotiated revision 2 and VERSION_1 and left both devices DRIVER_OK', () => {
    for (const device of [run.blk.transport, run.con.transport]) {
      expect(device.revision).toBe(2);
      expect(device.status).toBe(15);
      expect(device.acceptedFeatures[1]).toBe(1);
    }
  });

  it('read the capacity from the configuration space', () => {
    expect(run.machine.storage.readU64(run.symbol('CAPACITY'))).toBe(BigInt(SECTORS));
  });

  it('wrote sector 2 of the image and read it back', () => {
    const sector = run.image.bytes.subarray(1024, 1536);
    const expected = Uint8Array.from({ length: 512 }, (_, i) => (i & 0xff) | (i === 0 ? 0x80 : 0));
    expect(sector).toEqual(expected);
    expect(run.blk.model.counts).toMatchObject({ read: 1, write: 1, errors: 0 });
  });

  it('wrote its line on the virtio console, which the machine shows', () => {
    expect(run.machine.console(virtioConsoleId(0x0101)).text()).toBe('Hello from the virtio console\n');
    expect(run.machine.snapshot(0).consoles.map((c) => c.id)).toContain('virtio-0101');
  });
});
