import type { Cpu } from '../cpu';
import * as lowCoreModule from '../low-core';
import * as programInterruptionModule from '../program-interruption';

// Module bindings copied once (see load-store.ts): imported bindings are getters under tsx.
const { LC_DATA_EXCEPTION_CODE } = lowCoreModule;
const { PGM_DATA } = programInterruptionModule;

/** DXC 0: a decimal operand with an invalid digit or sign code (PACK-family, CVB, ED). */
export const DXC_DECIMAL = 0;

/**
 * Data exception (program interruption 0x07): the data-exception code is stored as the word at real
 * location 144 (the DXC in byte 147, zeros in 144-146, §3.3) before the interruption, as the
 * architecture requires for every data exception.
 */
export function dataException(c: Cpu, dxc: number): never {
  c.writeReal32(LC_DATA_EXCEPTION_CODE, dxc);
  return c.programException(PGM_DATA);
}
