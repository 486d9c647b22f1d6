import {
  type CcwCommand,
  type CcwDevice,
  type CcwOutcome,
  DEV_ATTENTION,
  DEV_DONE,
  DEV_UNIT_CHECK,
  type DeviceContext,
  SENSE_COMMAND_REJECT,
  SENSE_INTERVENTION_REQUIRED,
} from '../channel/ccw-device';
import { decodeEbcdic, encodeEbcdic } from '../ebcdic-037';

/**
 * A 3215-style line console (reference/domain-architecture.md §6.8): the typewriter console of
 * classic IPL programs and CP. Output is EBCDIC text to a line sink; the operator's input line
 * raises attention and waits for a READ INQUIRY. A READ with no line typed is unit check with
 * intervention required (the program waits for the attention first).
 */
export const CMD_3215_WRITE = 0x01;
export const CMD_3215_WRITE_CR = 0x09;
export const CMD_3215_READ = 0x0a;
export const CMD_3215_ALARM = 0x0b;
const CMD_NOP = 0x03;
const CMD_SENSE = 0x04;

export interface Console3215Options {
  /** Receives printed text; a carriage return is a '\n'. */
  readonly print: (text: string) => void;
  /** Sounds the console's audible alarm. */
  readonly alarm?: () => void;
}

export class Console3215 implements CcwDevice {
  readonly kind = '3215';
  private context: DeviceContext | null = null;
  private readonly lines: Uint8Array[] = [];
  private sense = 0;

  constructor(private readonly options: Console3215Options) {}

  attach(context: DeviceContext): void {
    this.context = context;
  }

  senseId(): Uint8Array {
    return Uint8Array.of(0xff, 0x32, 0x15, 0x00, 0x32, 0x15, 0x00, 0x00);
  }

  /** The operator typed a line: it waits for a READ, and the console presents attention. */
  type(line: string): void {
    this.lines.push(encodeEbcdic(line));
    this.context?.unsolicited(DEV_ATTENTION);
  }

  /** Lines typed and not yet read. */
  get pendingInput(): number {
    return this.lines.length;
  }

  execute(command: CcwCommand): CcwOutcome {
    switch (command.code) {
      case CMD_3215_WRITE:
        this.options.print(decodeEbcdic(command.data));
        return { status: DEV_DONE };
      case CMD_3215_WRITE_CR:
        this.options.print(`${decodeEbcdic(command.data)}\n`);
        return { status: DEV_DONE };
      case CMD_3215_READ: {
        const line = this.lines.shift();
        if (line === undefined) return this.unitCheck(SENSE_INTERVENTION_REQUIRED);
        return { status: DEV_DONE, data: line };
      }
      case CMD_3215_ALARM:
        this.options.alarm?.();
        return { status: DEV_DONE, consumed: 0 };
      case CMD_NOP:
        return { status: DEV_DONE, consumed: 0 };
      case CMD_SENSE: {
        const sense = this.sense;
        this.sense = 0;
        return { status: DEV_DONE, data: Uint8Array.of(sense) };
      }
      default:
        return this.unitCheck(SENSE_COMMAND_REJECT);
    }
  }

  /** Unit check; the sense byte waits for the SENSE that follows. */
  private unitCheck(sense: number): CcwOutcome {
    this.sense = sense;
    return { status: DEV_DONE | DEV_UNIT_CHECK, consumed: 0 };
  }
}
