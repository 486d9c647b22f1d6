import * as channelPortModule from '../channel-port';
import type { ChannelSubsystemPort } from '../channel-port';
import type { Handler } from '../code-cache';
import type { Cpu } from '../cpu';
import * as lowCoreModule from '../low-core';
import * as programInterruptionModule from '../program-interruption';

const { IRB_SIZE, ORB_SIZE, PORT_OPERAND_EXCEPTION, SCHIB_SIZE } = channelPortModule;
const { LC_IO_ID_WORD, LC_IO_PARAMETER, LC_SUBSYSTEM_ID } = lowCoreModule;
const { PGM_OPERAND, PGM_SPECIFICATION } = programInterruptionModule;

/**
 * The I/O instructions (reference/domain-architecture.md §6.6): all S format and privileged (the
 * decode tables check privilege from the row). GR1 carries the subsystem-identification word (§6.1).
 * These handlers check the instruction's operands and move bytes between guest storage and the
 * channel subsystem through `cpu.channel`; the subchannel semantics live in the I/O layer.
 */

/** Condition code 3 for every subchannel when no channel subsystem is attached. */
const NOT_OPERATIONAL = 3;

function operandAddress(c: Cpu, f: Int32Array, k: number): number {
  return c.ea(0, f[k + 2], f[k + 3]);
}

function wordAligned(c: Cpu, a: number): void {
  if (a % 4 !== 0) c.programException(PGM_SPECIFICATION);
}

/**
 * The subchannel number from GR1, or -1 for a subchannel set that does not exist. Bit 15 must be one
 * and the CSSID and M bits zero (no MCSS-E): otherwise an operand exception (§6.1).
 */
function subchannelNumber(c: Cpu): number {
  const sid = c.gl[1];
  if ((sid & 0xfff9_0000) !== 0x0001_0000) c.programException(PGM_OPERAND);
  return (sid & 0x0006_0000) === 0 ? sid & 0xffff : -1;
}

function fetchBytes(c: Cpu, a: number, n: number): Uint8Array {
  c.checkFetch(a, n);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = c.rd8(c.wrapAddress(a + i));
  return out;
}

function storeBytes(c: Cpu, a: number, bytes: Uint8Array): void {
  c.checkStore(a, bytes.length);
  for (let i = 0; i < bytes.length; i++) c.wr8(c.wrapAddress(a + i), bytes[i]);
}

/** Sets the CC from a port answer; an invalid operand content is a program interruption 0x15. */
function conclude(c: Cpu, answer: number): void {
  if (answer === PORT_OPERAND_EXCEPTION) c.programException(PGM_OPERAND);
  c.cc = answer;
}

/** HSCH, CSCH, RSCH, XSCH: GR1 only. */
function simple(action: (port: ChannelSubsystemPort, subchannel: number) => number): Handler {
  return (c, _f, _k, ia) => {
    const sch = subchannelNumber(c);
    const port = c.channel;
    c.cc = port === null || sch < 0 ? NOT_OPERATIONAL : action(port, sch);
    return ia + 4;
  };
}

const SSCH: Handler = (c, f, k, ia) => {
  const sch = subchannelNumber(c);
  const a = operandAddress(c, f, k);
  wordAligned(c, a);
  const orb = fetchBytes(c, a, ORB_SIZE);
  const port = c.channel;
  conclude(c, port === null || sch < 0 ? NOT_OPERATIONAL : port.startSubchannel(sch, orb));
  return ia + 4;
};

const STSCH: Handler = (c, f, k, ia) => {
  const sch = subchannelNumber(c);
  const a = operandAddress(c, f, k);
  wordAligned(c, a);
  const port = c.channel;
  const schib = new Uint8Array(SCHIB_SIZE);
  const cc = port === null || sch < 0 ? NOT_OPERATIONAL : port.storeSubchannel(sch, schib);
  if (cc === 0) storeBytes(c, a, schib);
  c.cc = cc;
  return ia + 4;
};

const MSCH: Handler = (c, f, k, ia) => {
  const sch = subchannelNumber(c);
  const a = operandAddress(c, f, k);
  wordAligned(c, a);
  const schib = fetchBytes(c, a, SCHIB_SIZE);
  const port = c.channel;
  conclude(c, port === null || sch < 0 ? NOT_OPERATIONAL : port.modifySubchannel(sch, schib));
  return ia + 4;
};

const TSCH: Handler = (c, f, k, ia) => {
  const sch = subchannelNumber(c);
  const a = operandAddress(c, f, k);
  wordAligned(c, a);
  const port = c.channel;
  const irb = new Uint8Array(IRB_SIZE);
  const cc = port === null || sch < 0 ? NOT_OPERATIONAL : port.testSubchannel(sch, irb);
  if (cc !== NOT_OPERATIONAL) {
    // The status is cleared only once the IRB is stored: an access exception leaves it pending.
    storeBytes(c, a, irb);
    if (cc === 0) (port as ChannelSubsystemPort).acceptStatus(sch);
  }
  c.cc = cc;
  return ia + 4;
};

/**
 * TPI: dequeue an I/O interruption enabled by CR6 (the PSW I/O mask does not matter). A zero operand
 * address stores SID, parameter and identification word at real 0xB8; otherwise SID and parameter at
 * the operand (checked before anything is dequeued).
 */
const TPI: Handler = (c, f, k, ia) => {
  const a = operandAddress(c, f, k);
  wordAligned(c, a);
  if (a !== 0) c.checkStore(a, 8);
  const source = c.ioSource;
  const io = source === null ? null : source.take(c.crl[6] >>> 24);
  if (io === null) {
    c.cc = 0;
    return ia + 4;
  }
  if (a === 0) {
    c.writeReal32(LC_SUBSYSTEM_ID, io.subsystemId);
    c.writeReal32(LC_IO_PARAMETER, io.parameter);
    c.writeReal32(LC_IO_ID_WORD, io.idWord);
  } else {
    c.wr32(a, io.subsystemId);
    c.wr32(c.wrapAddress(a + 4), io.parameter);
  }
  c.cc = 1;
  return ia + 4;
};

const STCRW: Handler = (c, f, k, ia) => {
  const a = operandAddress(c, f, k);
  wordAligned(c, a);
  c.checkStore(a, 4);
  const crw = c.channel === null ? null : c.channel.takeChannelReport();
  c.wr32(a, crw ?? 0);
  c.cc = crw === null ? 1 : 0;
  return ia + 4;
};

/**
 * SCHM: GR1 bits 32-35 the measurement-block key, bit 62 update mode, bit 63 device-connect time, the
 * rest reserved; GR2 the measurement-block origin, 32-byte aligned when updating. The CC is unchanged;
 * device-connect time is accepted and not measured.
 */
const SCHM: Handler = (c, _f, _k, ia) => {
  const gr1 = c.gl[1];
  if ((gr1 & 0x0fff_fffc) !== 0) c.programException(PGM_OPERAND);
  const update = (gr1 & 2) !== 0;
  const origin = c.regAddress(2);
  if (update && (c.gl[2] & 0x1f) !== 0) c.programException(PGM_OPERAND);
  c.channel?.setChannelMonitor(update, gr1 >>> 28, origin);
  return ia + 4;
};

export const IO_HANDLERS: Readonly<Record<string, Handler>> = {
  SSCH,
  STSCH,
  MSCH,
  TSCH,
  HSCH: simple((port, sch) => port.haltSubchannel(sch)),
  CSCH: simple((port, sch) => port.clearSubchannel(sch)),
  RSCH: simple((port, sch) => port.resumeSubchannel(sch)),
  XSCH: simple((port, sch) => port.cancelSubchannel(sch)),
  TPI,
  STCRW,
  SCHM,
};
