import type { Handler } from '../code-cache';
import type { Cpu } from '../cpu';
import * as programInterruptionModule from '../program-interruption';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const { PGM_SPECIFICATION } = programInterruptionModule;

/**
 * The timing rows (§5.1-§5.3), all privileged S format with a doubleword-aligned operand:
 * SCK sets the TOD clock, SCKC/STCKC the clock comparator, SPT/STPT the CPU timer. The state and
 * the interruption conditions live in cpu-timers.ts (`cpu.timers`); a set asks the run loop to look
 * at interruptions, since a condition may have started or ended.
 */

function operand(c: Cpu, f: Int32Array, k: number): number {
  const a = c.ea(0, f[k + 2], f[k + 3]);
  if ((a & 7) !== 0) c.programException(PGM_SPECIFICATION);
  return a;
}

const SCK: Handler = (c, f, k, ia) => {
  c.timers.setTod(c.rdBig64(operand(c, f, k)));
  c.cc = 0;
  c.requestAttention();
  return ia + 4;
};
const SCKC: Handler = (c, f, k, ia) => {
  c.timers.setClockComparator(c.rdBig64(operand(c, f, k)));
  c.requestAttention();
  return ia + 4;
};
const STCKC: Handler = (c, f, k, ia) => {
  const a = operand(c, f, k);
  c.checkStore(a, 8);
  c.wrBig64(a, c.timers.clockComparator);
  return ia + 4;
};
const SPT: Handler = (c, f, k, ia) => {
  c.timers.setCpuTimer(c.rdBig64(operand(c, f, k)));
  c.requestAttention();
  return ia + 4;
};
const STPT: Handler = (c, f, k, ia) => {
  const a = operand(c, f, k);
  c.checkStore(a, 8);
  c.wrBig64(a, c.timers.cpuTimer());
  return ia + 4;
};

export const TIMER_HANDLERS: Readonly<Record<string, Handler>> = { SCK, SCKC, STCKC, SPT, STPT };
