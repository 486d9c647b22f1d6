import { EBCDIC_SUB } from '../ebcdic-037';
import { type AddressingMode, decodeBufferAddress } from './buffer-address';
import { ATTRIBUTE_TYPE, isFormatControl, ORDER } from './data-stream-codes';
import { type DeviceStatus, OK, operationCheck } from './device-status';
import { isProtected } from './field-attribute';
import { CHARSET, type ScreenBuffer } from './screen-buffer';

/** What a write's orders act on: the buffer, the cursor and the addressing mode. */
export interface WriteTarget {
  readonly buffer: ScreenBuffer;
  cursor: number;
  readonly addressingMode: AddressingMode;
}

/** Character attributes set by SA, applied to the characters that follow in the same write. */
interface CharacterAttributes {
  highlight: number;
  foreground: number;
  background: number;
  /** CHARSET.base or CHARSET.aplAttribute */
  charset: number;
}

/** The SA/SFE character-set value that selects the alternate (APL) set. */
const APL_CHARSET = 0xf1;

/**
 * Processes the orders and data of a Write, Erase/Write or Erase/Write Alternate — everything after
 * the WCC (`data[0]` is the WCC and is not looked at here). `startAddress` is 0 after an erase and
 * the cursor address for a plain Write. Orders: reference/domain-architecture.md §8.3.
 */
export function applyOrders(target: WriteTarget, data: Uint8Array, startAddress: number): DeviceStatus {
  const buffer = target.buffer;
  const sa: CharacterAttributes = { highlight: 0, foreground: 0, background: 0, charset: 0 };
  let address = startAddress;
  let afterCharacter = false;
  let i = 1;

  const need = (count: number, what: string): DeviceStatus | undefined =>
    i + count < data.length ? undefined : operationCheck(`${what} order truncated`, i);
  const addressOperand = (at: number, what: string): number | DeviceStatus => {
    const value = decodeBufferAddress(data[at], data[at + 1], target.addressingMode);
    return value < buffer.size ? value : operationCheck(`${what} address ${value} beyond the buffer`, i);
  };
  const putChar = (byte: number, charset: number): void => {
    buffer.putChar(address, byte, charset, sa.highlight, sa.foreground, sa.background);
    address = buffer.next(address);
  };

  while (i < data.length) {
    const byte = data[i];
    switch (byte) {
      case ORDER.startField: {
        const error = need(1, 'SF');
        if (error) return error;
        buffer.putField(address, data[i + 1]);
        address = buffer.next(address);
        i += 2;
        break;
      }
      case ORDER.startFieldExtended: {
        const error = need(1, 'SFE');
        if (error) return error;
        const pairs = data[i + 1];
        const error2 = need(1 + 2 * pairs, 'SFE');
        if (error2) return error2;
        buffer.putField(address, 0);
        applyAttributePairs(buffer, address, data, i + 2, pairs);
        address = buffer.next(address);
        i += 2 + 2 * pairs;
        break;
      }
      case ORDER.modifyField: {
        const error = need(1, 'MF');
        if (error) return error;
        const pairs = data[i + 1];
        const error2 = need(1 + 2 * pairs, 'MF');
        if (error2) return error2;
        // MF acts only on a field attribute; elsewhere its pairs are consumed and nothing changes.
        if (buffer.isField[address]) {
          applyAttributePairs(buffer, address, data, i + 2, pairs);
          address = buffer.next(address);
        }
        i += 2 + 2 * pairs;
        break;
      }
      case ORDER.setBufferAddress: {
        const error = need(2, 'SBA');
        if (error) return error;
        const value = addressOperand(i + 1, 'SBA');
        if (typeof value !== 'number') return value;
        address = value;
        i += 3;
        break;
      }
      case ORDER.setAttribute: {
        const error = need(2, 'SA');
        if (error) return error;
        setCharacterAttribute(sa, data[i + 1], data[i + 2]);
        i += 3;
        break;
      }
      case ORDER.insertCursor:
        target.cursor = address;
        i += 1;
        break;
      case ORDER.programTab:
        address = programTab(buffer, address, afterCharacter);
        i += 1;
        break;
      case ORDER.repeatToAddress: {
        const error = need(3, 'RA');
        if (error) return error;
        const stop = addressOperand(i + 1, 'RA');
        if (typeof stop !== 'number') return stop;
        let char = data[i + 3];
        let charset = sa.charset;
        let length = 4;
        if (char === ORDER.graphicEscape) {
          const error2 = need(4, 'RA');
          if (error2) return error2;
          char = data[i + 4];
          charset = CHARSET.graphicEscape;
          length = 5;
        }
        // Up to, not including, the stop address; stop = current address fills the whole buffer.
        do {
          buffer.putChar(address, char, charset, sa.highlight, sa.foreground, sa.background);
          address = buffer.next(address);
        } while (address !== stop);
        i += length;
        break;
      }
      case ORDER.eraseUnprotectedToAddress: {
        const error = need(2, 'EUA');
        if (error) return error;
        const stop = addressOperand(i + 1, 'EUA');
        if (typeof stop !== 'number') return stop;
        do {
          if (buffer.isUnprotectedData(address)) buffer.putChar(address, 0, 0);
          address = buffer.next(address);
        } while (address !== stop);
        i += 3;
        break;
      }
      case ORDER.graphicEscape: {
        const error = need(1, 'GE');
        if (error) return error;
        putChar(data[i + 1], CHARSET.graphicEscape);
        i += 2;
        afterCharacter = true;
        continue;
      }
      default:
        // Below 0x40 only the format controls and SUB are characters; anything else is no order.
        if (byte < 0x40 && !isFormatControl(byte) && byte !== EBCDIC_SUB) {
          return operationCheck(`invalid order 0x${byte.toString(16).padStart(2, '0')}`, i);
        }
        putChar(byte, sa.charset);
        i += 1;
        afterCharacter = true;
        continue;
    }
    afterCharacter = false;
  }
  return OK;
}

function applyAttributePairs(
  buffer: ScreenBuffer,
  address: number,
  data: Uint8Array,
  start: number,
  pairs: number,
): void {
  for (let p = 0; p < pairs; p++) {
    const type = data[start + 2 * p];
    const value = data[start + 2 * p + 1];
    switch (type) {
      case ATTRIBUTE_TYPE.fieldAttribute:
        buffer.attribute[address] = value & 0x3f;
        break;
      case ATTRIBUTE_TYPE.highlighting:
        buffer.highlight[address] = value;
        break;
      case ATTRIBUTE_TYPE.foreground:
        buffer.foreground[address] = value;
        break;
      case ATTRIBUTE_TYPE.background:
        buffer.background[address] = value;
        break;
      case ATTRIBUTE_TYPE.characterSet:
        buffer.charset[address] = value === APL_CHARSET ? CHARSET.aplAttribute : CHARSET.base;
        break;
      default:
        // Other types (field validation, outlining, transparency) are accepted and ignored.
        break;
    }
  }
}

function setCharacterAttribute(sa: CharacterAttributes, type: number, value: number): void {
  switch (type) {
    case ATTRIBUTE_TYPE.all:
      sa.highlight = 0;
      sa.foreground = 0;
      sa.background = 0;
      sa.charset = 0;
      break;
    case ATTRIBUTE_TYPE.highlighting:
      sa.highlight = value;
      break;
    case ATTRIBUTE_TYPE.foreground:
      sa.foreground = value;
      break;
    case ATTRIBUTE_TYPE.background:
      sa.background = value;
      break;
    case ATTRIBUTE_TYPE.characterSet:
      sa.charset = value === APL_CHARSET ? CHARSET.aplAttribute : CHARSET.base;
      break;
    default:
      break;
  }
}

/**
 * Program Tab: move to the first data position of the next unprotected field. After character data
 * in the same write, the rest of the current field is nulled first. The search does not wrap: with
 * no unprotected field before the end of the buffer, the address becomes 0.
 */
function programTab(buffer: ScreenBuffer, from: number, afterCharacter: boolean): number {
  let filling = afterCharacter;
  let a = from;
  while (a < buffer.size) {
    if (buffer.isField[a]) {
      filling = false;
      if (!isProtected(buffer.attribute[a])) {
        const data = a + 1;
        if (data >= buffer.size) return 0;
        if (!buffer.isField[data]) return data;
      }
    } else if (filling) {
      buffer.putChar(a, 0, 0);
    }
    a += 1;
  }
  return 0;
}
