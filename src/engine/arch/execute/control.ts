import type { Handler } from '../code-cache';
import type { Cpu } from '../cpu';
import * as facilitiesModule from '../facilities';
import * as lowCoreModule from '../low-core';
import * as programInterruptionModule from '../program-interruption';
import * as pswModule from '../psw';

// Module bindings copied once: under CommonJS transpilation (tsx) each use of an imported
// binding is a getter call, which the hot paths cannot afford.
const { FACILITY_WORD_0 } = facilitiesModule;
const { LC_FACILITY_LIST } = lowCoreModule;
const { PGM_ADDRESSING, PGM_PRIVILEGED_OPERATION, PGM_SPECIAL_OPERATION, PGM_SPECIFICATION } =
  programInterruptionModule;
const { PSW_KEY, PSW_KEY_SHIFT, PSW_VALID_W0 } = pswModule;

/**
 * The control rows needed to run supervisor code (§2.4 "Control"): PSW loads and system-mask
 * updates, control registers, prefix, CPU address and ID, storage keys, STFL and DIAGNOSE.
 * Privilege (0x02 in the problem state) is checked by the decode tables from the PRIV flag;
 * the semi-privileged SPKA/IPK check their own authority here.
 * Timers, DAT, SIGP, SIE and I/O rows are registered by their own group files.
 */

function s(c: Cpu, f: Int32Array, k: number): number {
  return c.ea(0, f[k + 2], f[k + 3]);
}

function aligned(c: Cpu, a: number, size: number): void {
  if (a % size !== 0) c.programException(PGM_SPECIFICATION);
}

/** A real address from a register (ISKE/SSKE/RRBE), as an absolute frame index after prefixing. */
function frameOf(c: Cpu, r: number): number {
  const abs = c.realToAbsolute(c.regAddress(r));
  if (abs >= c.storage.size) c.programException(PGM_ADDRESSING);
  return Math.floor(abs / 4096);
}

const LPSW: Handler = (c, f, k, _ia) => {
  const a = s(c, f, k);
  aligned(c, a, 8);
  c.rd64(a);
  c.loadShortPsw(c.vh, c.vl);
  return c.ia;
};
const LPSWE: Handler = (c, f, k, _ia) => {
  const a = s(c, f, k);
  aligned(c, a, 8);
  c.checkFetch(a, 16);
  c.rd64(a);
  const w0 = c.vh;
  const w1 = c.vl;
  c.rd64(c.wrapAddress(a + 8));
  c.loadPsw(w0, w1, (c.vh >>> 0) * 0x1_0000_0000 + (c.vl >>> 0));
  return c.ia;
};

function setSystemMask(c: Cpu, mask: number): void {
  const w0 = (c.w0 & 0x00ff_ffff) | ((mask & 0xff) << 24);
  c.w0 = w0;
  c.pswChanged();
  if ((w0 & ~PSW_VALID_W0) !== 0) c.programException(PGM_SPECIFICATION, true);
}

const SSM: Handler = (c, f, k, ia) => {
  if ((c.crl[0] & 0x4000_0000) !== 0) c.programException(PGM_SPECIAL_OPERATION);
  const v = c.rd8(s(c, f, k));
  c.ia = ia + 4;
  setSystemMask(c, v);
  return ia + 4;
};
const STOSM: Handler = (c, f, k, ia) => {
  const a = s(c, f, k);
  c.wr8(a, c.w0 >>> 24);
  c.ia = ia + 4;
  setSystemMask(c, (c.w0 >>> 24) | f[k]);
  return ia + 4;
};
const STNSM: Handler = (c, f, k, ia) => {
  const a = s(c, f, k);
  c.wr8(a, c.w0 >>> 24);
  c.ia = ia + 4;
  setSystemMask(c, (c.w0 >>> 24) & f[k]);
  return ia + 4;
};
const SPKA: Handler = (c, f, k, ia) => {
  // Bits 56-59 of D2(B2), from the low register half (exact for a 64-bit base above 2^53).
  const b = f[k + 2];
  const key = ((f[k + 3] + (b !== 0 ? c.gl[b] : 0)) >>> 4) & 0xf;
  // Problem state: the PSW-key mask in CR3 bits 32-47 must authorize the key.
  if (c.problem && ((c.crl[3] >>> 16) & (0x8000 >>> key)) === 0) c.programException(PGM_PRIVILEGED_OPERATION);
  c.w0 = (c.w0 & ~PSW_KEY) | (key << PSW_KEY_SHIFT);
  c.key = key;
  // The operand-page caches skip the key check: a page cached under the old key must be checked again.
  c.invalidateOperandCache();
  return ia + 4;
};
const IPK: Handler = (c, _f, _k, ia) => {
  // Problem state: CR0 bit 36 (extraction authority) must be one.
  if (c.problem && (c.crl[0] & 0x0800_0000) === 0) c.programException(PGM_PRIVILEGED_OPERATION);
  c.gl[2] = (c.gl[2] & ~0xff) | (c.key << 4);
  return ia + 4;
};
const ISKE: Handler = (c, f, k, ia) => {
  const frame = frameOf(c, f[k + 1]);
  const r1 = f[k];
  c.gl[r1] = (c.gl[r1] & ~0xff) | (c.storage.keys[frame] & 0xfe);
  return ia + 4;
};
const SSKE: Handler = (c, f, k, ia) => {
  const frame = frameOf(c, f[k + 1]);
  c.storage.keys[frame] = c.gl[f[k]] & 0xfe;
  c.storage.epoch++;
  return ia + 4;
};
const RRBE: Handler = (c, f, k, ia) => {
  const frame = frameOf(c, f[k + 1]);
  const key = c.storage.keys[frame];
  c.cc = (key >>> 1) & 3;
  c.storage.keys[frame] = key & ~0x04;
  c.storage.epoch++;
  return ia + 4;
};

function loadControl(c: Cpu, f: Int32Array, k: number, wide: boolean): void {
  const r1 = f[k];
  const r3 = f[k + 1];
  let a = s(c, f, k);
  const size = wide ? 8 : 4;
  aligned(c, a, size);
  const count = ((r3 - r1) & 15) + 1;
  c.checkFetch(a, count * size);
  for (let i = 0; i < count; i++) {
    const r = (r1 + i) & 15;
    if (wide) {
      c.rd64(a);
      c.crh[r] = c.vh;
      c.crl[r] = c.vl;
    } else c.crl[r] = c.rdS32(a);
    a = c.wrapAddress(a + size);
  }
  c.controlRegistersChanged();
  c.invalidateFetch();
}

function storeControl(c: Cpu, f: Int32Array, k: number, wide: boolean): void {
  const r1 = f[k];
  const r3 = f[k + 1];
  let a = s(c, f, k);
  const size = wide ? 8 : 4;
  aligned(c, a, size);
  const count = ((r3 - r1) & 15) + 1;
  c.checkStore(a, count * size);
  for (let i = 0; i < count; i++) {
    const r = (r1 + i) & 15;
    if (wide) c.wr64(a, c.crh[r], c.crl[r]);
    else c.wr32(a, c.crl[r]);
    a = c.wrapAddress(a + size);
  }
}

const LCTL: Handler = (c, f, k, ia) => {
  loadControl(c, f, k, false);
  return ia + 4;
};
const LCTLG: Handler = (c, f, k, ia) => {
  loadControl(c, f, k, true);
  return ia + 6;
};
const STCTL: Handler = (c, f, k, ia) => {
  storeControl(c, f, k, false);
  return ia + 4;
};
const STCTG: Handler = (c, f, k, ia) => {
  storeControl(c, f, k, true);
  return ia + 6;
};
const STPX: Handler = (c, f, k, ia) => {
  const a = s(c, f, k);
  aligned(c, a, 4);
  c.wr32(a, c.prefix);
  return ia + 4;
};
const SPX: Handler = (c, f, k, ia) => {
  const a = s(c, f, k);
  aligned(c, a, 4);
  const v = c.rdS32(a) & 0x7fff_e000;
  if (v + 0x2000 > c.storage.size) c.programException(PGM_ADDRESSING);
  c.setPrefix(v);
  c.invalidateFetch();
  return ia + 4;
};
const STAP: Handler = (c, f, k, ia) => {
  const a = s(c, f, k);
  aligned(c, a, 2);
  c.wr16(a, c.address);
  return ia + 4;
};
/** CPU ID: version 00, CPU identification from the CPU address, machine type 8561, format-1 bit. */
const STIDP: Handler = (c, f, k, ia) => {
  const a = s(c, f, k);
  aligned(c, a, 8);
  c.wr64(a, ((c.address & 0xf) << 20) | 0x0_2345, (0x8561 << 16) | 0x8000);
  return ia + 4;
};
const STFL: Handler = (c, _f, _k, ia) => {
  c.writeReal32(LC_FACILITY_LIST, FACILITY_WORD_0);
  return ia + 4;
};
const DIAG: Handler = (c, f, k, ia) => {
  const address = s(c, f, k);
  const hook = c.diagnose;
  if (hook === null || !hook(c, f[k], f[k + 1], address)) c.programException(PGM_SPECIFICATION);
  return ia + 4;
};

export const CONTROL_HANDLERS: Readonly<Record<string, Handler>> = {
  LPSW,
  LPSWE,
  SSM,
  STOSM,
  STNSM,
  SPKA,
  IPK,
  ISKE,
  SSKE,
  RRBE,
  LCTL,
  LCTLG,
  STCTL,
  STCTG,
  STPX,
  SPX,
  STAP,
  STIDP,
  STFL,
  DIAG,
};
