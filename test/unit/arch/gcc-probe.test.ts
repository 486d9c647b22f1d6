import { describe, expect, it } from 'vitest';
import { Cpu } from '../../../src/engine/arch/cpu';
import { MainStorage } from '../../../src/engine/arch/main-storage';
import { PROBE_BASE, PROBE_EXPECTED, PROBE_O2, PROBE_Os } from './gcc-probe/probe-images';

/**
 * gcc-compiled code (gcc-probe/probe.c: loops, memcpy as MVC/EX/MVCLE, memcmp as CLC/CLCLE,
 * 128-bit multiply MLGR, DLGR division, recursion, a switch through a jump table) against the
 * results of the same C compiled for the host.
 */
function runProbe(image: { entry: number; image: string }, seed: bigint, compiled: boolean): bigint {
  const storage = new MainStorage(1 << 20);
  storage.load(PROBE_BASE, Uint8Array.from(Buffer.from(image.image, 'base64')));
  storage.load(0x300, Uint8Array.from(Buffer.from('00020001800000000000000000000000', 'hex')));
  storage.load(0x3000, Uint8Array.from(Buffer.from('b2b20300', 'hex'))); // return here: disabled wait
  const cpu = new Cpu({ address: 0, storage });
  cpu.compileBlocks = compiled;
  cpu.setGpr(2, seed);
  cpu.setGpr(14, 0x3000n);
  cpu.setGpr(15, 0x80000n - 160n);
  cpu.setPsw(0x0000_0001_8000_0000n, BigInt(image.entry));
  cpu.start();
  let reason = cpu.run(100_000);
  for (let i = 0; i < 1000 && reason === 'limit'; i++) reason = cpu.run(100_000);
  expect(reason).toBe('wait');
  expect(cpu.ia).toBe(0);
  return cpu.getGpr(2);
}

describe('gcc -march=z900 code runs to the host-computed result', () => {
  for (const [name, image] of [
    ['-O2', PROBE_O2],
    ['-Os', PROBE_Os],
  ] as const) {
    it(`${name}, interpreter and compiled blocks`, () => {
      for (const [seed, expected] of PROBE_EXPECTED) {
        expect(runProbe(image, seed, false)).toBe(expected);
        expect(runProbe(image, seed, true)).toBe(expected);
      }
    });
  }
});
