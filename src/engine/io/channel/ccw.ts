/**
 * Channel-command words (reference/domain-architecture.md §6.4), doubleword aligned in absolute
 * storage. Format 0: command(8) | data address(24) | flags(8) | unused(8) | count(16).
 * Format 1: command(8) | flags(8) | count(16) | data address(32, bit 0 zero).
 */

export const CCW_CHAIN_DATA = 0x80;
export const CCW_CHAIN_COMMAND = 0x40;
export const CCW_SLI = 0x20;
export const CCW_SKIP = 0x10;
export const CCW_PCI = 0x08;
export const CCW_IDA = 0x04;
export const CCW_SUSPEND = 0x02;
export const CCW_MIDA = 0x01;

export const CMD_TIC = 0x08;
export const CMD_SENSE = 0x04;
export const CMD_SENSE_ID = 0xe4;

export interface Ccw {
  readonly code: number;
  readonly flags: number;
  readonly count: number;
  readonly address: number;
}

/** Decodes the two words of a CCW. */
export function decodeCcw(w0: number, w1: number, format1: boolean): Ccw {
  if (format1) {
    return { code: w0 >>> 24, flags: (w0 >>> 16) & 0xff, count: w0 & 0xffff, address: w1 >>> 0 };
  }
  return { code: w0 >>> 24, flags: (w1 >>> 24) & 0xff, count: w1 & 0xffff, address: w0 & 0xff_ffff };
}

/** Direction of a command's data transfer, from the low bits of its code. */
export type CommandKind = 'write' | 'read' | 'control' | 'sense' | 'tic' | 'read-backward' | 'invalid';

export function commandKind(code: number): CommandKind {
  switch (code & 3) {
    case 1:
      return 'write';
    case 2:
      return 'read';
    case 3:
      return 'control';
  }
  switch (code & 0xf) {
    case 0x4:
      return 'sense';
    case 0x8:
      return 'tic';
    case 0xc:
      return 'read-backward';
  }
  return 'invalid';
}

/** Commands whose data goes from the device into storage. */
export function isInbound(kind: CommandKind): boolean {
  return kind === 'read' || kind === 'sense' || kind === 'read-backward';
}
