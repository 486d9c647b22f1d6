import type { Cpu, ExternalSource } from '../../arch/cpu';
import type { ExternalCondition } from '../../arch/interruptions';
import type { MainStorage } from '../../arch/main-storage';
import {
  SCCB_HEADER_LENGTH,
  SERVICE_SIGNAL_CODE,
  SERVICE_SIGNAL_SUBCLASS,
  type ServiceCallPort,
} from '../../arch/service-call';
import { asciiInputBuffer, asciiText, messageLines, operatorCommandBuffer } from './event-buffers';
import {
  EVENT_BUFFER_ACCEPTED,
  EVENT_HEADER_LENGTH,
  EVENT_MASK_LENGTH,
  EVENT_TYPE,
  eventMaskBit,
  SCLP_COMMAND,
  SCLP_COMMAND_MASK,
  SCLP_FUNCTION,
  SCLP_RESPONSE,
  VARIABLE_LENGTH_RESPONSE,
} from './sccb-codes';
import { readCpuInfo, readScpInfo, type ScpConfiguration } from './scp-info';

/** Where the SCLP's console traffic goes: the HMC's "Operating System Messages" console. */
export interface SclpConsole {
  /** Text from the guest (ASCII console data may end mid-line). */
  write(text: string): void;
}

export interface SclpOptions extends ScpConfiguration {
  readonly storage: MainStorage;
  readonly console: SclpConsole;
  /** Called when a service signal becomes pending, so running CPUs look at interruptions. */
  readonly signal: () => void;
}

/** What the SCLP can send to the guest (its receive mask offers) and take from it (its send mask). */
const SCLP_SEND_MASK = eventMaskBit(EVENT_TYPE.operatorCommand) | eventMaskBit(EVENT_TYPE.asciiConsoleData);
const SCLP_RECEIVE_MASK = eventMaskBit(EVENT_TYPE.message) | eventMaskBit(EVENT_TYPE.asciiConsoleData);
/** Operator input kept while no program reads it. */
const MAX_PENDING_INPUT = 64;
const MAX_INPUT_LINE = 1024;
/** The header's control mask is bytes 3-5; its byte 2 holds the variable-length-response bit. */
const CONTROL_MASK_BYTE_2 = 5;
/** Service-signal parameter bit 31: event buffers are waiting to be read. */
const EVENT_PENDING = 0x1;

/**
 * The service-call logical processor (SCLP) behind SERVC (§10.1): READ SCP INFO / READ CPU INFO,
 * and the event facility as the HMC's "Operating System Messages" console — WRITE EVENT MASK,
 * WRITE EVENT DATA (ASCII console data and line-mode messages to the console), READ EVENT DATA
 * (operator commands typed there). Each accepted command updates the SCCB in place and makes a
 * service signal (external interruption 0x2401, the SCCB address as parameter) pending for any CPU:
 * a floating interruption, taken once.
 */
export class Sclp implements ServiceCallPort, ExternalSource {
  /** The guest's cp receive mask from WRITE EVENT MASK: the event types it accepts. */
  private cpReceiveMask = 0;
  private readonly input: string[] = [];
  /** SCCB addresses of completed commands whose service signal no CPU has taken yet. */
  private readonly signals: number[] = [];
  private readonly config: ScpConfiguration;

  constructor(private readonly options: SclpOptions) {
    this.config = options;
  }

  // ---- SERVC ----

  serviceCall(command: number, sccb: number): number {
    const storage = this.options.storage;
    const length = storage.readU16(sccb);
    const work = new Uint8Array(length);
    const view = new DataView(work.buffer);
    const pageEnd = (Math.floor(sccb / 4096) + 1) * 4096;
    if (sccb + length > pageEnd) {
      // The SCCB must not cross a 4 KB boundary: only the header's response code is stored.
      storage.writeU16(sccb + 6, SCLP_RESPONSE.sccbBoundaryViolation);
    } else {
      work.set(storage.read(sccb, length));
      view.setUint16(6, this.execute(command, view));
      storage.write(sccb, work);
    }
    this.raise(sccb);
    return 0;
  }

  private execute(command: number, sccb: DataView): number {
    switch ((command & SCLP_COMMAND_MASK) >>> 0) {
      case SCLP_COMMAND.readScpInfo:
      case SCLP_COMMAND.readScpInfoForced:
        return readScpInfo(sccb, this.config);
      case SCLP_COMMAND.readCpuInfo:
        return readCpuInfo(sccb, this.config);
      case SCLP_COMMAND.writeEventMask:
        return this.writeEventMask(sccb);
      case SCLP_COMMAND.writeEventData:
        return this.writeEventData(sccb);
      case SCLP_COMMAND.readEventData:
        return this.readEventData(sccb);
      default:
        return SCLP_RESPONSE.invalidCommand;
    }
  }

  /**
   * WRITE EVENT MASK: header, be16 reserved, be16 mask length (4), then cp receive, cp send, and
   * the SCLP's own send and receive masks, which it fills in.
   */
  private writeEventMask(sccb: DataView): number {
    const maskLength = sccb.byteLength >= 12 ? sccb.getUint16(10) : 0;
    if (maskLength !== EVENT_MASK_LENGTH) return SCLP_RESPONSE.invalidMaskLength;
    if (sccb.byteLength < 12 + 4 * EVENT_MASK_LENGTH) return SCLP_RESPONSE.insufficientSccbLength;
    // The cp send mask (offset 16) only announces what the guest will write; like QEMU, writes are
    // accepted for every type the SCLP receives.
    this.cpReceiveMask = sccb.getUint32(12);
    sccb.setUint32(20, SCLP_RECEIVE_MASK);
    sccb.setUint32(24, SCLP_SEND_MASK);
    // Input that waited for a reader is now readable: this command's signal says so (event pending).
    return SCLP_RESPONSE.normalCompletion;
  }

  /** WRITE EVENT DATA: every event buffer is checked first, then each is handed to the console. */
  private writeEventData(sccb: DataView): number {
    if (sccb.getUint8(2) !== SCLP_FUNCTION.normalWrite) return SCLP_RESPONSE.invalidFunction;
    const buffers: [number, number][] = [];
    let at = SCCB_HEADER_LENGTH;
    while (at < sccb.byteLength) {
      if (sccb.byteLength - at < EVENT_HEADER_LENGTH) return SCLP_RESPONSE.eventBufferSyntaxError;
      const length = sccb.getUint16(at);
      if (length < EVENT_HEADER_LENGTH || at + length > sccb.byteLength) {
        return SCLP_RESPONSE.eventBufferSyntaxError;
      }
      buffers.push([at, length]);
      at += length;
    }
    const bytes = new Uint8Array(sccb.buffer, sccb.byteOffset, sccb.byteLength);
    for (const [start, length] of buffers) {
      const buffer = bytes.subarray(start, start + length);
      const type = buffer[2];
      if ((eventMaskBit(type) & SCLP_RECEIVE_MASK) === 0) return SCLP_RESPONSE.invalidFunction;
      if (type === EVENT_TYPE.asciiConsoleData) {
        this.options.console.write(asciiText(buffer.subarray(EVENT_HEADER_LENGTH)));
      } else {
        const lines = messageLines(buffer);
        if (lines === undefined) return SCLP_RESPONSE.eventBufferSyntaxError;
        for (const line of lines) this.options.console.write(`${line}\n`);
      }
      buffer[3] |= EVENT_BUFFER_ACCEPTED;
    }
    return SCLP_RESPONSE.normalCompletion;
  }

  /**
   * READ EVENT DATA: function 0 reads what the cp receive mask allows; function 1 (selective)
   * takes a selection mask after the header, which must be within the cp receive mask.
   */
  private readEventData(sccb: DataView): number {
    let selection: number;
    switch (sccb.getUint8(2)) {
      case SCLP_FUNCTION.unconditionalRead:
        selection = this.cpReceiveMask;
        break;
      case SCLP_FUNCTION.selectiveRead:
        if (sccb.byteLength < SCCB_HEADER_LENGTH + 4) return SCLP_RESPONSE.insufficientSccbLength;
        selection = sccb.getUint32(SCCB_HEADER_LENGTH);
        if (this.cpReceiveMask === 0 || (selection & ~this.cpReceiveMask) !== 0) {
          return SCLP_RESPONSE.invalidSelectionMask;
        }
        break;
      default:
        return SCLP_RESPONSE.invalidFunction;
    }
    const bytes = new Uint8Array(sccb.buffer, sccb.byteOffset, sccb.byteLength);
    let at = SCCB_HEADER_LENGTH;
    while (this.input.length > 0) {
      const buffer = this.inputBuffer(this.input[0], selection);
      if (buffer === undefined || at + buffer.length > bytes.length) break;
      bytes.set(buffer, at);
      at += buffer.length;
      this.input.shift();
    }
    if (at === SCCB_HEADER_LENGTH) return SCLP_RESPONSE.noEventBuffersStored;
    const control = sccb.getUint8(CONTROL_MASK_BYTE_2);
    if (control & VARIABLE_LENGTH_RESPONSE) {
      sccb.setUint8(CONTROL_MASK_BYTE_2, control & ~VARIABLE_LENGTH_RESPONSE);
      sccb.setUint16(0, at);
    }
    return SCLP_RESPONSE.normalReadCompletion;
  }

  /** A typed line as the guest asked for it: ASCII console data if it takes that, else an operator command. */
  private inputBuffer(line: string, selection: number): Uint8Array | undefined {
    if (selection & eventMaskBit(EVENT_TYPE.asciiConsoleData)) return asciiInputBuffer(line);
    if (selection & eventMaskBit(EVENT_TYPE.operatorCommand)) return operatorCommandBuffer(line);
    return undefined;
  }

  private readableInput(): boolean {
    return this.input.length > 0 && this.inputBuffer(this.input[0], this.cpReceiveMask) !== undefined;
  }

  // ---- the operator ----

  /**
   * A line the operator typed on the HMC console. A program that receives console input is told
   * with a service signal (parameter: event pending); the line waits for its READ EVENT DATA.
   */
  operatorInput(line: string): void {
    if (this.input.length >= MAX_PENDING_INPUT) this.input.shift();
    this.input.push(line.slice(0, MAX_INPUT_LINE));
    if (this.readableInput()) this.raise(0);
  }

  /** Operator lines not yet read by the program. */
  get pendingInput(): number {
    return this.input.length;
  }

  // ---- the service signal (a floating external interruption) ----

  private raise(sccb: number): void {
    // An attention-only signal (no SCCB) is redundant beside another: that one carries the
    // event-pending bit too.
    if (sccb === 0 && this.signals.length > 0) return;
    if (sccb !== 0 && this.signals[0] === 0) this.signals.shift();
    this.signals.push(sccb);
    this.options.signal();
  }

  pending(_cpu: Cpu, cr0: number): boolean {
    return this.signals.length > 0 && (cr0 & SERVICE_SIGNAL_SUBCLASS) !== 0;
  }

  take(cpu: Cpu, cr0: number): ExternalCondition | null {
    if (!this.pending(cpu, cr0)) return null;
    const sccb = this.signals.shift()!;
    const parameter = (sccb | (this.readableInput() ? EVENT_PENDING : 0)) >>> 0;
    return { code: SERVICE_SIGNAL_CODE, subclassMask: SERVICE_SIGNAL_SUBCLASS, parameter };
  }
}
