import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble, formatErrors } from '../../../../src/engine/asm/assembler';
import { Cpu } from '../../../../src/engine/arch/cpu';
import type { InterruptionEvent } from '../../../../src/engine/arch/interruptions';
import { MainStorage } from '../../../../src/engine/arch/main-storage';

/**
 * Supervisor programs in zvlab assembler (programs/*.asm) that build their own DAT tables, enable
 * DAT and handle their own translation and protection exceptions. Each ends in a disabled wait whose
 * address is 0 on success or names the check that failed.
 */
function runProgram(name: string, compileBlocks: boolean) {
  const source = readFileSync(new URL(`./programs/${name}.asm`, import.meta.url), 'utf8');
  const r = assemble(source);
  if (!r.ok) throw new Error(formatErrors(r.errors, `${name}.asm`));
  const storage = new MainStorage(1 << 20);
  storage.load(r.origin, r.bytes);
  const events: InterruptionEvent[] = [];
  const cpu = new Cpu({ address: 0, storage, onInterruption: (e) => events.push(e) });
  cpu.compileBlocks = compileBlocks;
  cpu.setPsw(0x0000_0001_8000_0000n, BigInt(r.origin));
  cpu.start();
  const stop = cpu.run(1_000_000);
  return { stop, cpu, codes: events.filter((e) => e.class === 'program').map((e) => e.code) };
}

describe('bare-metal DAT programs', () => {
  for (const compiled of [true, false]) {
    const mode = compiled ? 'compiled blocks' : 'interpreter only';

    it(`demand paging: three page faults resolved by the handler, wait address 0 (${mode})`, () => {
      const { stop, cpu, codes } = runProgram('demand-paging', compiled);
      expect(stop).toBe('wait');
      expect(cpu.disabledWait).toBe(true);
      expect(cpu.getPsw().address).toBe(0n);
      expect(codes).toEqual([0x11, 0x11, 0x11]);
      // The three pages got pool frames X'30000', X'31000', X'32000' in order.
      for (let i = 0; i < 3; i++) expect(cpu.storage.readU32(0x30000 + i * 4096 + 16)).toBe(3 - i);
    });

    it(`copy on write and a region-third fault in a 64-bit space, wait address 0 (${mode})`, () => {
      const { stop, cpu, codes } = runProgram('copy-on-write', compiled);
      expect(stop).toBe('wait');
      expect(cpu.getPsw().address).toBe(0n);
      expect(codes).toEqual([0x04, 0x3b]);
      expect(Buffer.from(cpu.storage.read(0x41000, 16)).toString('hex')).toBe(
        // EBCDIC 'SHARED O' then 'CHANGED '
        'e2c8c1d9c5c440d6c3c8c1d5c7c5c440',
      );
    });
  }
});
