import type { Handler } from '../code-cache';
import * as sigpModule from '../sigp';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const { signalProcessor, sigpConditionCode, sigpStatus } = sigpModule;

/**
 * SIGP R1,R3,D2(B2) (§5.5): order code = bits 56-63 of the second-operand address (no storage is
 * accessed), CPU address = bits 48-63 of R3, parameter = bits 32-63 of R1+1 (R1 even) or R1 (odd).
 * With CC 1 the status goes to bits 32-63 of R1. The orders themselves are in sigp.ts.
 */
const SIGP: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const order = c.ea(0, f[k + 2], f[k + 3]) & 0xff;
  const address = c.gl[f[k + 1]] & 0xffff;
  const parameter = c.gl[r1 | 1];
  // The PSW points after the SIGP before the order runs: a restart or a mode switch of the issuing
  // CPU itself starts from there.
  c.ia = c.wrapAddress(ia + 4);
  const result = signalProcessor(c, order, address, parameter);
  c.cc = sigpConditionCode(result);
  if (c.cc === 1) c.gl[r1] = sigpStatus(result);
  return c.ia;
};

export const SIGNAL_PROCESSOR_HANDLERS: Readonly<Record<string, Handler>> = { SIGP };
