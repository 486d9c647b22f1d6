import { SCLP_RESPONSE } from './sccb-codes';

/**
 * READ SCP INFO and READ CPU INFO (§10.1): what the service processor tells an operating system
 * about its configuration. Offsets are those of QEMU's ReadInfo and ReadCpuInfo (hw/s390x/sclp.h).
 */
export interface ScpConfiguration {
  readonly storageBytes: number;
  /** CPU addresses of the configuration, all of type CP. */
  readonly cpuAddresses: readonly number[];
  /** Eight EBCDIC bytes: the load parameter of the last IPL (blanks when none). */
  readonly loadParameter: Uint8Array;
}

const RNMAX = 8;
const RNSIZE = 10;
const ENTRIES_CPU = 16;
const OFFSET_CPU = 18;
const LOAD_PARAMETER = 24;
const FACILITIES = 48;
const RNSIZE2 = 100;
const RNMAX2 = 104;
const HIGHEST_CPU = 120;
/** Where READ SCP INFO's CPU entries start (QEMU's layout; the offset is also stored at 18). */
const SCP_CPU_ENTRIES = 144;
const CPU_ENTRY_LENGTH = 16;
/** READ CPU INFO: configured count, offset; standby count, offset; entries from 24. */
const CPU_INFO_ENTRIES = 24;
/** Facility bits QEMU reports: READ CPU INFO is available (SCLP_HAS_CPU_INFO, high word). */
const HAS_CPU_INFO_HIGH = 0x0c00_0000;
/** Storage increments are kept to at most this many, as QEMU does, by growing the increment size. */
const MAX_INCREMENTS = 1020;
const MIB = 1024 * 1024;

/** Storage as increments: a power-of-two size in MB so that there are at most MAX_INCREMENTS. */
export function storageIncrements(storageBytes: number): { sizeMb: number; count: number } {
  const mb = Math.floor(storageBytes / MIB);
  let sizeMb = 1;
  while (Math.ceil(mb / sizeMb) > MAX_INCREMENTS) sizeMb *= 2;
  return { sizeMb, count: Math.floor(mb / sizeMb) };
}

function writeCpuEntries(view: DataView, at: number, addresses: readonly number[]): void {
  addresses.forEach((address, i) => {
    const entry = at + i * CPU_ENTRY_LENGTH;
    new Uint8Array(view.buffer, view.byteOffset + entry, CPU_ENTRY_LENGTH).fill(0);
    view.setUint8(entry, address);
    // Byte 14 is the CPU type: 0 = general-purpose CP.
  });
}

/** Fills a READ SCP INFO SCCB (`view` covers the SCCB); returns the response code. */
export function readScpInfo(view: DataView, config: ScpConfiguration): number {
  const cpus = config.cpuAddresses.length;
  if (view.byteLength < SCP_CPU_ENTRIES + cpus * CPU_ENTRY_LENGTH)
    return SCLP_RESPONSE.insufficientSccbLength;
  new Uint8Array(view.buffer, view.byteOffset + 8, view.byteLength - 8).fill(0);
  const { sizeMb, count } = storageIncrements(config.storageBytes);
  if (sizeMb <= 128 && count <= 0xffff) {
    view.setUint16(RNMAX, count);
    view.setUint8(RNSIZE, sizeMb);
  } else {
    // rnsize 0: the sizes are in the 32-bit and 64-bit fields further on.
    view.setUint32(RNSIZE2, sizeMb);
    view.setBigUint64(RNMAX2, BigInt(count));
  }
  view.setUint16(ENTRIES_CPU, cpus);
  view.setUint16(OFFSET_CPU, SCP_CPU_ENTRIES);
  new Uint8Array(view.buffer, view.byteOffset + LOAD_PARAMETER, 8).set(config.loadParameter.subarray(0, 8));
  view.setUint32(FACILITIES, HAS_CPU_INFO_HIGH);
  view.setUint16(HIGHEST_CPU, Math.max(0, ...config.cpuAddresses));
  writeCpuEntries(view, SCP_CPU_ENTRIES, config.cpuAddresses);
  return SCLP_RESPONSE.normalReadCompletion;
}

/** Fills a READ CPU INFO SCCB: every CPU configured, none in standby. */
export function readCpuInfo(view: DataView, config: ScpConfiguration): number {
  const cpus = config.cpuAddresses.length;
  if (view.byteLength < CPU_INFO_ENTRIES + cpus * CPU_ENTRY_LENGTH) {
    return SCLP_RESPONSE.insufficientSccbLength;
  }
  new Uint8Array(view.buffer, view.byteOffset + 8, view.byteLength - 8).fill(0);
  view.setUint16(8, cpus);
  view.setUint16(10, CPU_INFO_ENTRIES);
  view.setUint16(12, 0);
  view.setUint16(14, CPU_INFO_ENTRIES + cpus * CPU_ENTRY_LENGTH);
  writeCpuEntries(view, CPU_INFO_ENTRIES, config.cpuAddresses);
  return SCLP_RESPONSE.normalReadCompletion;
}
