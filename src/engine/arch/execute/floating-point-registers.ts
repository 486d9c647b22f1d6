import type { Handler } from '../code-cache';
import type { Cpu } from '../cpu';
import * as dataExceptionModule from './data-exception';

// Module bindings copied once (see load-store.ts): imported bindings are getters under tsx.
const { dataException } = dataExceptionModule;

/**
 * Loads and stores of the floating-point registers (LD, STD, LE, STE, LDR, LER): gcc -march=z900
 * uses them to spill general registers and in varargs prologues, so integer C code needs them. They
 * move bits only; no floating-point arithmetic is done here. Field layouts as in decode.ts:
 * RR f0=R1 f1=R2; RX f0=R1 f1=X2 f2=B2 f3=D2.
 */

/** CR0 bit 45, the AFP-register control, in the low half of CR0. */
const CR0_AFP_REGISTERS = 0x0004_0000;
/** DXC 1: an AFP register (other than 0, 2, 4, 6) used while the AFP-register control is zero. */
const DXC_AFP_REGISTER = 1;

/** Without the AFP-register control only FPRs 0, 2, 4 and 6 exist (data exception, DXC 1). */
function checkRegister(c: Cpu, r: number): void {
  if ((r & 9) !== 0 && (c.crl[0] & CR0_AFP_REGISTERS) === 0) {
    dataException(c, DXC_AFP_REGISTER);
  }
}

function rxAddress(c: Cpu, f: Int32Array, k: number): number {
  return c.ea(f[k + 1], f[k + 2], f[k + 3]);
}

const LD: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  checkRegister(c, r1);
  c.rd64(rxAddress(c, f, k));
  c.fh[r1] = c.vh;
  c.fl[r1] = c.vl;
  return ia + 4;
};
const STD: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  checkRegister(c, r1);
  c.wr64(rxAddress(c, f, k), c.fh[r1], c.fl[r1]);
  return ia + 4;
};
/** LE: the short operand goes to bits 0-31; bits 32-63 are unchanged. */
const LE: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  checkRegister(c, r1);
  c.fh[r1] = c.rdS32(rxAddress(c, f, k));
  return ia + 4;
};
const STE: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  checkRegister(c, r1);
  c.wr32(rxAddress(c, f, k), c.fh[r1]);
  return ia + 4;
};
const LDR: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const r2 = f[k + 1];
  checkRegister(c, r1);
  checkRegister(c, r2);
  c.fh[r1] = c.fh[r2];
  c.fl[r1] = c.fl[r2];
  return ia + 2;
};
const LER: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const r2 = f[k + 1];
  checkRegister(c, r1);
  checkRegister(c, r2);
  c.fh[r1] = c.fh[r2];
  return ia + 2;
};

export const FLOATING_POINT_REGISTER_HANDLERS: Readonly<Record<string, Handler>> = {
  LD,
  STD,
  LE,
  STE,
  LDR,
  LER,
};
