import { charToEbcdic } from '../ebcdic-037';
import {
  FACTORS_3390,
  HA_R0_LENGTH_3390,
  HEADS_3390,
  MAX_R0_3390,
  MODELS_3390,
  type Model3390,
  RPS_FACTOR_3390,
  SECTORS_3390,
  TRACK_LENGTH_3390,
} from './geometry-3390';

/**
 * What a 3390 behind a 3990-6 control unit (model X'E9') says about itself: SENSE ID, READ DEVICE
 * CHARACTERISTICS and READ CONFIGURATION DATA (reference/domain-architecture.md §6.8, §7.3; the byte
 * values are IBM's, as Hercules' dasdtab and Linux's dasd_eckd read them).
 */
const CU_TYPE = 0x3990;
const CU_MODEL = 0xe9;
/** Storage-director facilities (RDC bytes 6-9): Locate Record read and read-tracks, track cache. */
const CU_FACILITIES = 0x5000_0010;
const CU_CODE = 0x15;
const CU_FUNCTIONS = 0x48;
/** Device class: DASD. */
const DEVICE_CLASS = 0x20;

/** Command-information words: Read Configuration Data (256 bytes), Set Interface Id, Read Node Id. */
const CIWS = [0x40fa_0100, 0x4127_0004, 0x423e_0060];
export const RCD_LENGTH = 256;
export const RDC_LENGTH = 64;

function putU16(out: Uint8Array, at: number, value: number): void {
  out[at] = (value >>> 8) & 0xff;
  out[at + 1] = value & 0xff;
}

function putU32(out: Uint8Array, at: number, value: number): void {
  putU16(out, at, value >>> 16);
  putU16(out, at + 2, value & 0xffff);
}

/** SENSE ID: X'FF', 3990-E9, 3390-<model byte>, 0, then the CIWs. */
export function senseId3390(model: Model3390): Uint8Array {
  const out = new Uint8Array(8 + 4 * CIWS.length);
  out[0] = 0xff;
  putU16(out, 1, CU_TYPE);
  out[3] = CU_MODEL;
  putU16(out, 4, 0x3390);
  out[6] = MODELS_3390[model].modelByte;
  for (const [i, ciw] of CIWS.entries()) putU32(out, 8 + 4 * i, ciw);
  return out;
}

/**
 * READ DEVICE CHARACTERISTICS (64 bytes). `cylinders` is what the guest may use: the model's count on
 * a whole volume, the extent's size on a minidisk (§7.4).
 */
export function deviceCharacteristics3390(model: Model3390, cylinders: number): Uint8Array {
  const geometry = MODELS_3390[model];
  const [f1, f2, f3, f4, f5, f6] = FACTORS_3390;
  const out = new Uint8Array(RDC_LENGTH);
  putU16(out, 0, CU_TYPE);
  out[2] = CU_MODEL;
  putU16(out, 3, 0x3390);
  out[5] = geometry.modelByte;
  putU32(out, 6, CU_FACILITIES);
  out[10] = DEVICE_CLASS;
  out[11] = geometry.typeCode;
  putU16(out, 12, cylinders);
  putU16(out, 14, HEADS_3390);
  out[16] = SECTORS_3390;
  putU16(out, 18, TRACK_LENGTH_3390);
  putU16(out, 20, HA_R0_LENGTH_3390);
  out[22] = 2; // track-capacity formula 2
  out.set([f1, f2, f3, f4, f5], 23);
  out[40] = geometry.typeCode; // MDR record id
  out[41] = geometry.typeCode; // OBR record id
  out[42] = CU_CODE;
  out[43] = 0x02; // parameter length
  putU16(out, 44, MAX_R0_3390);
  out[47] = 0x01; // track set
  out[48] = f6;
  putU16(out, 49, RPS_FACTOR_3390);
  out[54] = CU_FUNCTIONS;
  out[56] = CU_CODE;
  out[57] = 0xff; // a virtual device of an array: no alternate tracks to manage
  return out;
}

/**
 * One node-element descriptor (32 bytes): flags, type, class, then in EBCDIC the type number,
 * model, manufacturer, plant and sequence number, then a 2-byte tag.
 */
function ned(flags: number, type: number, model: number, sequence: string): Uint8Array {
  const out = new Uint8Array(32);
  putU32(out, 0, flags);
  const text = `  ${type.toString(16).toUpperCase().padStart(4, '0')}0${model
    .toString(16)
    .toUpperCase()
    .padStart(2, '0')}IBMZV${sequence}`;
  for (let i = 0; i < 26; i++) out[4 + i] = charToEbcdic(text[i] ?? ' ');
  putU16(out, 30, 0x0300);
  return out;
}

/**
 * READ CONFIGURATION DATA (256 bytes): node-element descriptors for the device, its string, the
 * storage director and the subsystem, then the node-element qualifier with the unit address.
 * The serial number is derived from the device number so each DASD reports a distinct one.
 */
export function configurationData3390(model: Model3390, devno: number): Uint8Array {
  const out = new Uint8Array(RCD_LENGTH);
  const serial = devno.toString(16).toUpperCase().padStart(12, '0');
  const modelByte = MODELS_3390[model].modelByte;
  out.set(ned(0xc401_0100, 0x3390, modelByte, serial), 0);
  out.set(ned(0xc400_0000, 0x3390, modelByte, serial), 32);
  out.set(ned(0xd402_0000, CU_TYPE, CU_MODEL, serial), 64);
  out.set(ned(0xf000_0001, CU_TYPE, CU_MODEL, serial), 96);
  out[224] = 0x80; // general node-element qualifier
  out[230] = 0x1e; // missing-interrupt interval
  out[234] = 0x80; // path/cluster id
  out[235] = devno & 0xff; // unit address
  out[236] = devno & 0xff; // physical device id
  out[237] = devno & 0xff; // physical device address
  out[241] = 0x80; // parallel interface protocol
  out[242] = 0x80;
  out[243] = devno & 0xff; // logical device address
  return out;
}
