import type { Handler } from '../code-cache';
import type { Cpu } from '../cpu';
import * as programInterruptionModule from '../program-interruption';
import * as fixedPointModule from './fixed-point';
import * as storageOperandsModule from './storage-operands';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const { PGM_SPECIFICATION } = programInterruptionModule;
const { compare32, compare64, compareLogical32, compareLogical64, requireEven } = fixedPointModule;
const { compareBytes, compareLong, padFromAddress } = storageOperandsModule;

/** Compare rows and the interlocked updates CS/CSG/CDS/TS (§2.4 "Compare"). Fields as in load-store.ts. */

function rx(c: Cpu, f: Int32Array, k: number): number {
  return c.ea(f[k + 1], f[k + 2], f[k + 3]);
}

function rs(c: Cpu, f: Int32Array, k: number): number {
  return c.ea(0, f[k + 2], f[k + 3]);
}

function aligned(c: Cpu, a: number, size: number): void {
  if (a % size !== 0) c.programException(PGM_SPECIFICATION);
}

const C: Handler = (c, f, k, ia) => {
  compare32(c, c.gl[f[k]], c.rdS32(rx(c, f, k)));
  return ia + 4;
};
const CR: Handler = (c, f, k, ia) => {
  compare32(c, c.gl[f[k]], c.gl[f[k + 1]]);
  return ia + 2;
};
const CG: Handler = (c, f, k, ia) => {
  c.rd64(rx(c, f, k));
  compare64(c, c.gh[f[k]], c.gl[f[k]], c.vh, c.vl);
  return ia + 6;
};
const CGR: Handler = (c, f, k, ia) => {
  const r2 = f[k + 1];
  compare64(c, c.gh[f[k]], c.gl[f[k]], c.gh[r2], c.gl[r2]);
  return ia + 4;
};
const CGF: Handler = (c, f, k, ia) => {
  const v = c.rdS32(rx(c, f, k));
  compare64(c, c.gh[f[k]], c.gl[f[k]], v >> 31, v);
  return ia + 6;
};
const CGFR: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k + 1]];
  compare64(c, c.gh[f[k]], c.gl[f[k]], v >> 31, v);
  return ia + 4;
};
const CH: Handler = (c, f, k, ia) => {
  compare32(c, c.gl[f[k]], (c.rdU16(rx(c, f, k)) << 16) >> 16);
  return ia + 4;
};
const CHI: Handler = (c, f, k, ia) => {
  compare32(c, c.gl[f[k]], f[k + 1]);
  return ia + 4;
};
const CGHI: Handler = (c, f, k, ia) => {
  const v = f[k + 1];
  compare64(c, c.gh[f[k]], c.gl[f[k]], v >> 31, v);
  return ia + 4;
};
const CL: Handler = (c, f, k, ia) => {
  compareLogical32(c, c.gl[f[k]], c.rdS32(rx(c, f, k)));
  return ia + 4;
};
const CLR: Handler = (c, f, k, ia) => {
  compareLogical32(c, c.gl[f[k]], c.gl[f[k + 1]]);
  return ia + 2;
};
const CLG: Handler = (c, f, k, ia) => {
  c.rd64(rx(c, f, k));
  compareLogical64(c, c.gh[f[k]], c.gl[f[k]], c.vh, c.vl);
  return ia + 6;
};
const CLGR: Handler = (c, f, k, ia) => {
  const r2 = f[k + 1];
  compareLogical64(c, c.gh[f[k]], c.gl[f[k]], c.gh[r2], c.gl[r2]);
  return ia + 4;
};
const CLGF: Handler = (c, f, k, ia) => {
  compareLogical64(c, c.gh[f[k]], c.gl[f[k]], 0, c.rdS32(rx(c, f, k)));
  return ia + 6;
};
const CLGFR: Handler = (c, f, k, ia) => {
  compareLogical64(c, c.gh[f[k]], c.gl[f[k]], 0, c.gl[f[k + 1]]);
  return ia + 4;
};
const CLI: Handler = (c, f, k, ia) => {
  compareLogical32(c, c.rd8(c.ea(0, f[k + 2], f[k + 3])), f[k] & 0xff);
  return ia + 4;
};
const CLC: Handler = (c, f, k, ia) => {
  const op2 = f[k + 1];
  compareBytes(c, c.ea(0, f[k + 2], f[k + 3]), c.ea(0, op2 >>> 16, op2 & 0xfff), f[k] + 1);
  return ia + 6;
};
/** CLM: the CC is set only once the bytes are fetched, so an access exception leaves it unchanged. */
const CLM: Handler = (c, f, k, ia) => {
  const v = c.gl[f[k]];
  const m = f[k + 1];
  let a = rs(c, f, k);
  let cc = 0;
  for (let i = 0; i < 4; i++) {
    if ((m & (8 >> i)) === 0) continue;
    const x = (v >>> (24 - 8 * i)) & 0xff;
    const y = c.rd8(a);
    a = c.wrapAddress(a + 1);
    if (x !== y) {
      cc = x < y ? 1 : 2;
      break;
    }
  }
  c.cc = cc;
  return ia + 4;
};
const CLCL: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const r2 = f[k + 1];
  requireEven(c, r1);
  requireEven(c, r2);
  return compareLong(c, r1, r2, (c.gl[r2 + 1] >>> 24) & 0xff, false) ? ia + 2 : ia;
};
const CLCLE: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const r3 = f[k + 1];
  requireEven(c, r1);
  requireEven(c, r3);
  compareLong(c, r1, r3, padFromAddress(c, f[k + 2], f[k + 3]), true);
  return ia + 4;
};

/*
 * Compare and swap. All CPUs of a machine run in one worker, one instruction at a time, so the
 * fetch-compare-store below is atomic with respect to the other emulated CPUs (§2.2).
 */
const CS: Handler = (c, f, k, ia) => {
  const a = rs(c, f, k);
  aligned(c, a, 4);
  c.checkStore(a, 4);
  const r1 = f[k];
  const v = c.rdS32(a);
  if (v === c.gl[r1]) {
    c.wr32(a, c.gl[f[k + 1]]);
    c.cc = 0;
  } else {
    c.gl[r1] = v;
    c.cc = 1;
  }
  return ia + 4;
};
const CSG: Handler = (c, f, k, ia) => {
  const a = rs(c, f, k);
  aligned(c, a, 8);
  c.checkStore(a, 8);
  const r1 = f[k];
  const r3 = f[k + 1];
  c.rd64(a);
  if (c.vh === c.gh[r1] && c.vl === c.gl[r1]) {
    c.wr64(a, c.gh[r3], c.gl[r3]);
    c.cc = 0;
  } else {
    c.gh[r1] = c.vh;
    c.gl[r1] = c.vl;
    c.cc = 1;
  }
  return ia + 6;
};
const CDS: Handler = (c, f, k, ia) => {
  const r1 = f[k];
  const r3 = f[k + 1];
  requireEven(c, r1);
  requireEven(c, r3);
  const a = rs(c, f, k);
  aligned(c, a, 8);
  c.checkStore(a, 8);
  c.rd64(a);
  if (c.vh === c.gl[r1] && c.vl === c.gl[r1 + 1]) {
    c.wr64(a, c.gl[r3], c.gl[r3 + 1]);
    c.cc = 0;
  } else {
    c.gl[r1] = c.vh;
    c.gl[r1 + 1] = c.vl;
    c.cc = 1;
  }
  return ia + 4;
};
const TS: Handler = (c, f, k, ia) => {
  const a = c.ea(0, f[k + 2], f[k + 3]);
  c.checkStore(a, 1);
  const v = c.rd8(a);
  c.wr8(a, 0xff);
  c.cc = v >>> 7;
  return ia + 4;
};

export const COMPARE_HANDLERS: Readonly<Record<string, Handler>> = {
  C,
  CR,
  CG,
  CGR,
  CGF,
  CGFR,
  CH,
  CHI,
  CGHI,
  CL,
  CLR,
  CLG,
  CLGR,
  CLGF,
  CLGFR,
  CLI,
  CLC,
  CLM,
  CLCL,
  CLCLE,
  CS,
  CSG,
  CDS,
  TS,
};
