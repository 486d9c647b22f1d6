/**
 * What a 3270 command ended in, for the channel subsystem to turn into device status: `ok` is
 * channel end + device end; the checks become unit check with the sense byte given here.
 * Sense byte 0 of a 3274-attached display: 0x80 command reject, 0x01 operation check (an invalid
 * order, a truncated order, or a buffer address beyond the screen). Processing stops at the error;
 * what was written before it stays in the buffer.
 */
export type DeviceStatus =
  | { readonly kind: 'ok' }
  | { readonly kind: 'command-reject'; readonly sense: 0x80; readonly reason: string }
  | {
      readonly kind: 'operation-check';
      readonly sense: 0x01;
      readonly reason: string;
      /** Offset in the command's data (the WCC is offset 0) of the order that failed. */
      readonly offset: number;
    };

export const OK: DeviceStatus = { kind: 'ok' };

export function commandReject(reason: string): DeviceStatus {
  return { kind: 'command-reject', sense: 0x80, reason };
}

export function operationCheck(reason: string, offset: number): DeviceStatus {
  return { kind: 'operation-check', sense: 0x01, reason, offset };
}
