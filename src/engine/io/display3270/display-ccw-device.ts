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

/** Local-attachment commands the control unit answers itself (reference/domain-architecture.md §8.1). */
const NOP = 0x03;
const SENSE = 0x04;
const SELECT_CODES = new Set([0x0b, 0x1b, 0x2b, 0x3b, 0x4b]);

/**
 * A channel-attached (local, non-SNA) 3278 as a CCW device: the display model executes the 3270
 * commands; ENTER, PF, PA and CLEAR become unsolicited attention; a command reject or an operation
 * check becomes unit check, and the next SENSE returns that one sense byte (0x80 or 0x01).
 */
export class Display3270Device implements CcwDevice {
  readonly kind = '3278';
  readonly display: Display3278;
  private context: DeviceContext | undefined;
  private sense = 0;

  constructor(options: Omit<Display3278Options, 'onAttention'> = {}) {
    this.display = new Display3278({
      ...options,
      // Before the display is attached there is no subchannel to tell: the key only locks the keyboard.
      onAttention: () => this.context?.unsolicited(DEV_ATTENTION),
    });
  }

  attach(context: DeviceContext): void {
    this.context = context;
  }

  senseId(): Uint8Array {
    return this.display.senseId();
  }

  reset(): void {
    this.sense = 0;
  }

  execute(command: CcwCommand): CcwOutcome {
    if (command.code === SENSE) {
      const data = Uint8Array.of(this.sense);
      this.sense = 0;
      return { status: DEV_DONE, data };
    }
    this.sense = 0;
    if (command.code === NOP || SELECT_CODES.has(command.code)) return { status: DEV_DONE };
    const result = this.display.execute(command.code, command.data);
    if (result.status.kind !== 'ok') {
      this.sense = result.status.sense;
      return { status: DEV_DONE | DEV_UNIT_CHECK };
    }
    return result.inbound ? { status: DEV_DONE, data: result.inbound } : { status: DEV_DONE };
  }
}
