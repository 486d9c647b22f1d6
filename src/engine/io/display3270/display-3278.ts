import { charToEbcdic } from '../ebcdic-037';
import type { AddressingMode } from './buffer-address';
import { AID, commandForCode, paAid, pfAid, WCC } from './data-stream-codes';
import { commandReject, type DeviceStatus, OK } from './device-status';
import { type ReplyFormat, readBufferReply, readModifiedReply } from './inbound-stream';
import {
  backtab,
  type CursorDirection,
  deleteCharacter,
  eraseInput,
  eraseToEndOfField,
  home,
  type KeyResult,
  type KeyboardTarget,
  type OperatorError,
  moveCursor,
  newLine,
  tab,
  typeCharacter,
} from './operator-keyboard';
import { applyOrders, type WriteTarget } from './outbound-stream';
import { ScreenBuffer } from './screen-buffer';
import { alternateSize, DEFAULT_SIZE, type DisplayModel } from './screen-models';
import { applyStructuredFields, type ReplyMode, type StructuredFieldTarget } from './structured-fields';

export interface Display3278Options {
  readonly model?: DisplayModel;
  /** Called when the operator presses an AID key (ENTER, PF, PA, CLEAR): the device's attention. */
  readonly onAttention?: (aid: number) => void;
  /** The numeric-lock feature: numeric fields take only digits, '.', '-' and DUP (default on). */
  readonly numericLock?: boolean;
}

/** Everything a display holds, structured-clone friendly, for snapshots and replay. */
export interface Display3278State {
  readonly model: DisplayModel;
  readonly alternate: boolean;
  readonly cursor: number;
  readonly aid: number;
  readonly keyboardLocked: boolean;
  readonly insertMode: boolean;
  readonly operatorError: OperatorError | undefined;
  readonly alarms: number;
  readonly printerStarts: number;
  readonly addressingMode: AddressingMode;
  readonly replyMode: ReplyMode;
  readonly replyCharacterTypes: readonly number[];
  readonly pendingInbound: Uint8Array | undefined;
  readonly version: number;
  readonly chars: Uint8Array;
  readonly isField: Uint8Array;
  readonly attribute: Uint8Array;
  readonly highlight: Uint8Array;
  readonly foreground: Uint8Array;
  readonly background: Uint8Array;
  readonly charset: Uint8Array;
}

const BUFFER_PLANES = [
  'chars',
  'isField',
  'attribute',
  'highlight',
  'foreground',
  'background',
  'charset',
] as const;

/** The outcome of one 3270 command: device status, and for reads the inbound record. */
export interface CommandResult {
  readonly status: DeviceStatus;
  readonly inbound?: Uint8Array;
}

/**
 * A 3278 display (models 2–5) on a 3274-type control unit: the screen buffer, the outbound data
 * stream (commands by CCW or SNA/TN3270 code, reference/domain-architecture.md §8.1), the inbound
 * replies, and the operator's keyboard. DOM-free and deterministic; `version` counts changes so a
 * viewer can ask for what is new.
 */
export class Display3278 implements WriteTarget, KeyboardTarget, StructuredFieldTarget {
  readonly model: DisplayModel;
  readonly numericLock: boolean;
  readonly buffer: ScreenBuffer;
  cursor = 0;
  /** The pending attention identifier; AID.none (0x60) when there is none. */
  aid: number = AID.none;
  keyboardLocked = false;
  insertMode = false;
  /** Set when the operator's last key was refused; input stays inhibited until Reset. */
  operatorError: OperatorError | undefined = undefined;
  /** True while the alternate size (from Erase/Write Alternate) is in use. */
  alternate = false;
  /** How many times a WCC sounded the alarm. */
  alarms = 0;
  /** How many times a WCC asked to start the printer (no printer is attached). */
  printerStarts = 0;
  /** 12/14-bit unless the host asked for 16-bit addressing. */
  addressingMode: AddressingMode = 12;
  /** Set by the Set Reply Mode structured field: field, extended field or character mode. */
  replyMode: ReplyMode = 0;
  replyCharacterTypes: readonly number[] = [];
  /** An inbound record the device produced itself (query replies), returned by the next read. */
  pendingInbound: Uint8Array | undefined = undefined;
  version = 0;
  private readonly onAttention?: (aid: number) => void;

  constructor(options: Display3278Options = {}) {
    this.model = options.model ?? 2;
    this.onAttention = options.onAttention;
    this.numericLock = options.numericLock ?? true;
    const alt = alternateSize(this.model);
    this.buffer = new ScreenBuffer(
      Math.max(alt.rows * alt.columns, DEFAULT_SIZE.rows * DEFAULT_SIZE.columns),
      DEFAULT_SIZE,
    );
  }

  /**
   * SENSE ID data of a local non-SNA display: control unit 3274-1D, device 3278 and its model
   * (reference/domain-architecture.md §6.8).
   */
  senseId(): Uint8Array {
    return Uint8Array.of(0xff, 0x32, 0x74, 0x1d, 0x32, 0x78, this.model, 0x00);
  }

  /** Power-on state: an empty 24×80 screen, cursor at 0, keyboard unlocked, no AID. */
  powerOnReset(): void {
    this.eraseTo(false);
    this.aid = AID.none;
    this.keyboardLocked = false;
    this.insertMode = false;
    this.operatorError = undefined;
    this.addressingMode = 12;
    this.replyMode = 0;
    this.replyCharacterTypes = [];
    this.pendingInbound = undefined;
    this.version++;
  }

  getState(): Display3278State {
    const b = this.buffer;
    return {
      model: this.model,
      alternate: this.alternate,
      cursor: this.cursor,
      aid: this.aid,
      keyboardLocked: this.keyboardLocked,
      insertMode: this.insertMode,
      operatorError: this.operatorError,
      alarms: this.alarms,
      printerStarts: this.printerStarts,
      addressingMode: this.addressingMode,
      replyMode: this.replyMode,
      replyCharacterTypes: [...this.replyCharacterTypes],
      pendingInbound: this.pendingInbound?.slice(),
      version: this.version,
      chars: b.chars.slice(),
      isField: b.isField.slice(),
      attribute: b.attribute.slice(),
      highlight: b.highlight.slice(),
      foreground: b.foreground.slice(),
      background: b.background.slice(),
      charset: b.charset.slice(),
    };
  }

  /** Restores a state taken from a display of the same model. */
  setState(state: Display3278State): void {
    if (state.model !== this.model)
      throw new RangeError(`state of a model ${state.model}, display is a model ${this.model}`);
    this.alternate = state.alternate;
    const size = state.alternate ? alternateSize(this.model) : DEFAULT_SIZE;
    this.buffer.erase(size);
    for (const plane of BUFFER_PLANES) this.buffer[plane].set(state[plane]);
    this.cursor = state.cursor;
    this.aid = state.aid;
    this.keyboardLocked = state.keyboardLocked;
    this.insertMode = state.insertMode;
    this.operatorError = state.operatorError;
    this.alarms = state.alarms;
    this.printerStarts = state.printerStarts;
    this.addressingMode = state.addressingMode;
    this.replyMode = state.replyMode;
    this.replyCharacterTypes = [...state.replyCharacterTypes];
    this.pendingInbound = state.pendingInbound?.slice();
    this.version = state.version;
  }

  get rows(): number {
    return this.buffer.rows;
  }

  get columns(): number {
    return this.buffer.columns;
  }

  /**
   * Executes one command. `code` is a CCW command code or an SNA/TN3270 command code; `data` is
   * what follows it (for writes the WCC first). Never throws on bad input: a malformed stream ends
   * in an operation check, an unknown command in a command reject.
   */
  execute(code: number, data: Uint8Array = new Uint8Array(0)): CommandResult {
    const command = commandForCode(code);
    this.version++;
    switch (command) {
      case 'write':
        return { status: this.write(data, false) };
      case 'erase-write':
        this.eraseTo(false);
        return { status: this.write(data, true) };
      case 'erase-write-alternate':
        this.eraseTo(true);
        return { status: this.write(data, true) };
      case 'erase-all-unprotected':
        this.eraseAllUnprotected();
        return { status: OK };
      case 'read-buffer':
      case 'read-modified':
      case 'read-modified-all':
        if (this.pendingInbound) {
          const inbound = this.pendingInbound;
          this.pendingInbound = undefined;
          return { status: OK, inbound };
        }
        return this.read(command);
      case 'write-structured-field':
        return { status: applyStructuredFields(this, data) };
      default:
        return {
          status: commandReject(`command code 0x${code.toString(16).padStart(2, '0')} is not a 3270 command`),
        };
    }
  }

  private read(command: 'read-buffer' | 'read-modified' | 'read-modified-all'): CommandResult {
    switch (command) {
      case 'read-buffer':
        return {
          status: OK,
          inbound: readBufferReply(
            this.buffer,
            this.aid,
            this.cursor,
            this.addressingMode,
            this.replyFormat(),
          ),
        };
      case 'read-modified':
      case 'read-modified-all':
        return {
          status: OK,
          inbound: readModifiedReply(
            this.buffer,
            this.aid,
            this.cursor,
            this.addressingMode,
            command === 'read-modified-all',
            this.replyFormat(),
          ),
        };
    }
  }

  /** Applies a raw outbound record whose first byte is the command code. */
  applyRecord(record: Uint8Array): CommandResult {
    if (record.length === 0) return { status: commandReject('empty record') };
    return this.execute(record[0], record.subarray(1));
  }

  /** Erase/Reset structured field: erase to the default or the alternate size. */
  eraseScreen(alternate: boolean): void {
    this.eraseTo(alternate);
  }

  /** Outbound 3270DS structured field: an ordinary write command inside WSF. */
  outbound(code: number, data: Uint8Array): DeviceStatus {
    return this.execute(code, data).status;
  }

  /** A query reply waits for the next read; a local 3270 raises attention (AID 0x88) for it. */
  queueInbound(record: Uint8Array): void {
    this.pendingInbound = record;
    this.onAttention?.(record[0]);
  }

  private replyFormat(): ReplyFormat {
    return { mode: this.replyMode, characterTypes: this.replyCharacterTypes };
  }

  private eraseTo(alternate: boolean): void {
    this.alternate = alternate;
    this.buffer.erase(alternate ? alternateSize(this.model) : DEFAULT_SIZE);
    this.cursor = 0;
  }

  private write(data: Uint8Array, erased: boolean): DeviceStatus {
    if (data.length === 0) return OK;
    const wcc = data[0];
    // Reset MDT acts before any order; the other WCC functions when the write has completed.
    if (wcc & WCC.resetMdt) this.buffer.resetModified();
    if (erased && wcc & WCC.reset) {
      this.replyMode = 0;
      this.replyCharacterTypes = [];
    }
    const status = applyOrders(this, data, erased ? 0 : this.cursor);
    if (status.kind !== 'ok') return status;
    if (wcc & WCC.alarm) this.alarms++;
    if (wcc & WCC.startPrinter) this.printerStarts++;
    if (wcc & WCC.keyboardRestore) this.restoreKeyboard();
    return OK;
  }

  private eraseAllUnprotected(): void {
    const buffer = this.buffer;
    for (let a = 0; a < buffer.size; a++) if (buffer.isUnprotectedData(a)) buffer.putChar(a, 0, 0);
    buffer.resetModified(true);
    this.restoreKeyboard();
    home(this);
  }

  private restoreKeyboard(): void {
    this.keyboardLocked = false;
    this.aid = AID.none;
  }

  // --- the operator's side -------------------------------------------------------------------

  /** Types one character (a Unicode character, translated through code page 037). */
  type(char: string): KeyResult {
    return this.typeEbcdic(charToEbcdic(char));
  }

  /** Types a string; stops at and returns the first refusal. */
  typeText(text: string): KeyResult {
    for (const char of text) {
      const result = this.type(char);
      if (result !== 'ok') return result;
    }
    return 'ok';
  }

  typeEbcdic(byte: number): KeyResult {
    return this.editKey(() => typeCharacter(this, byte));
  }

  tab(): KeyResult {
    return this.movementKey(() => tab(this));
  }

  backtab(): KeyResult {
    return this.movementKey(() => backtab(this));
  }

  home(): KeyResult {
    return this.movementKey(() => home(this));
  }

  moveCursor(direction: CursorDirection): KeyResult {
    return this.movementKey(() => moveCursor(this, direction));
  }

  eraseInput(): KeyResult {
    return this.movementKey(() => eraseInput(this));
  }

  newLine(): KeyResult {
    return this.otherKey(() => newLine(this));
  }

  /** Moves the cursor to a buffer address (a mouse click on the screen). */
  setCursor(address: number): KeyResult {
    if (!Number.isInteger(address) || address < 0 || address >= this.buffer.size) return 'inhibited';
    return this.otherKey(() => {
      this.cursor = address;
    });
  }

  eraseEof(): KeyResult {
    return this.editKey(() => eraseToEndOfField(this));
  }

  deleteChar(): KeyResult {
    return this.editKey(() => deleteCharacter(this));
  }

  /** The Insert key: characters typed from now on are inserted, until Reset or an AID key. */
  insert(): KeyResult {
    return this.otherKey(() => {
      this.insertMode = true;
    });
  }

  toggleInsert(): KeyResult {
    return this.otherKey(() => {
      this.insertMode = !this.insertMode;
    });
  }

  /** Reset: clears an operator error and leaves insert mode. A keyboard locked by an AID stays locked (the host unlocks it). */
  reset(): void {
    this.version++;
    this.insertMode = false;
    this.operatorError = undefined;
  }

  enter(): KeyResult {
    return this.attention(AID.enter);
  }

  pf(n: number): KeyResult {
    return this.attention(pfAid(n));
  }

  pa(n: number): KeyResult {
    return this.attention(paAid(n));
  }

  /** CLEAR: erases the screen locally (back to the default size), then sends the AID. */
  clear(): KeyResult {
    const refusal = this.inhibition();
    if (refusal) return refusal;
    this.eraseTo(false);
    return this.attention(AID.clear);
  }

  sysReq(): KeyResult {
    return this.attention(AID.sysReq);
  }

  private inhibition(): KeyResult | undefined {
    if (this.keyboardLocked) return 'locked';
    if (this.operatorError) return 'inhibited';
    return undefined;
  }

  private attention(aid: number): KeyResult {
    const refusal = this.inhibition();
    if (refusal) return refusal;
    this.version++;
    this.aid = aid;
    this.keyboardLocked = true;
    this.insertMode = false;
    this.onAttention?.(aid);
    return 'ok';
  }

  /** A key that changes data: refused while inhibited; a refusal becomes an operator error. */
  private editKey(action: () => KeyResult): KeyResult {
    const refusal = this.inhibition();
    if (refusal) return refusal;
    this.version++;
    const result = action();
    if (result === 'protected' || result === 'numeric' || result === 'overflow') this.operatorError = result;
    return result;
  }

  /** Tab, Backtab, Home, the arrows and Erase Input also clear an operator error. */
  private movementKey(action: () => void): KeyResult {
    if (this.keyboardLocked) return 'locked';
    this.version++;
    this.operatorError = undefined;
    action();
    return 'ok';
  }

  private otherKey(action: () => void): KeyResult {
    const refusal = this.inhibition();
    if (refusal) return refusal;
    this.version++;
    action();
    return 'ok';
  }
}
