import {
  type CcwCommand,
  type CcwDevice,
  type CcwOutcome,
  DEV_ATTENTION,
  DEV_DONE,
  DEV_UNIT_CHECK,
  type DeviceContext,
} from '../channel/ccw-device';
import { Display3278, type Display3278Options } from './display-3278';

/** NOP and SENSE: answered by the control unit, not the display's data stream. */
const CMD_NOP = 0x03;
const CMD_SENSE = 0x04;

/**
 * A channel-attached (local, non-SNA) 3278 display as a device on a subchannel
 * (reference/domain-architecture.md §6.8, §8.1): the channel's commands go to the display's data
 * stream; command reject and operation check become unit check with the sense byte kept for the next
 * SENSE; the operator's AID keys become unsolicited attention.
 */
export class Display3278Device implements CcwDevice {
  readonly kind = '3278';
  readonly display: Display3278;
  private context: DeviceContext | null = null;
  /** Sense byte 0 of the last unit check, until a SENSE reads it. */
  private sense = 0;

  constructor(options: Omit<Display3278Options, 'onAttention'> = {}) {
    this.display = new Display3278({
      ...options,
      onAttention: () => this.context?.unsolicited(DEV_ATTENTION),
    });
  }

  attach(context: DeviceContext): void {
    this.context = context;
  }

  senseId(): Uint8Array {
    return this.display.senseId();
  }

  execute(command: CcwCommand): CcwOutcome {
    if (command.code === CMD_NOP) return { status: DEV_DONE, consumed: 0 };
    if (command.code === CMD_SENSE) {
      const sense = this.sense;
      this.sense = 0;
      return { status: DEV_DONE, data: Uint8Array.of(sense) };
    }
    const result = this.display.execute(command.code, command.data);
    if (result.status.kind === 'ok') return { status: DEV_DONE, data: result.inbound };
    this.sense = result.status.sense;
    return { status: DEV_DONE | DEV_UNIT_CHECK, consumed: 0 };
  }
}
