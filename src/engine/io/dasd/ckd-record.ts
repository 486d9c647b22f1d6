/**
 * A count-key-data record (reference/domain-architecture.md §7.2): an 8-byte count field
 * CC HH R KL DL(2), then KL bytes of key and DL bytes of data. Record 0 is the track descriptor
 * record; records 1..n carry user data.
 */
export interface CkdRecord {
  /** Cylinder, head and record number of the count field (the record's ID, CCHHR). */
  readonly cyl: number;
  readonly head: number;
  readonly rec: number;
  readonly key: Uint8Array;
  readonly data: Uint8Array;
}

export const COUNT_LENGTH = 8;

/** The 8-byte count field of a record. */
export function encodeCount(record: CkdRecord): Uint8Array {
  const out = new Uint8Array(COUNT_LENGTH);
  out[0] = record.cyl >>> 8;
  out[1] = record.cyl & 0xff;
  out[2] = record.head >>> 8;
  out[3] = record.head & 0xff;
  out[4] = record.rec;
  out[5] = record.key.length;
  out[6] = record.data.length >>> 8;
  out[7] = record.data.length & 0xff;
  return out;
}

/** The count field's parts; the caller supplies at least 8 bytes. */
export function decodeCount(bytes: Uint8Array, offset = 0) {
  return {
    cyl: (bytes[offset] << 8) | bytes[offset + 1],
    head: (bytes[offset + 2] << 8) | bytes[offset + 3],
    rec: bytes[offset + 4],
    keyLength: bytes[offset + 5],
    dataLength: (bytes[offset + 6] << 8) | bytes[offset + 7],
  };
}

/** Count, key and data in one buffer, as READ COUNT, KEY AND DATA sends them. */
export function encodeCountKeyData(record: CkdRecord): Uint8Array {
  const out = new Uint8Array(COUNT_LENGTH + record.key.length + record.data.length);
  out.set(encodeCount(record), 0);
  out.set(record.key, COUNT_LENGTH);
  out.set(record.data, COUNT_LENGTH + record.key.length);
  return out;
}

/** The standard record 0 of a track: no key, 8 zero data bytes. */
export function standardR0(cyl: number, head: number): CkdRecord {
  return { cyl, head, rec: 0, key: new Uint8Array(0), data: new Uint8Array(8) };
}

/** The same record with another cylinder in its count field (minidisk translation, §7.4). */
export function withCylinder(record: CkdRecord, cyl: number): CkdRecord {
  return { ...record, cyl: cyl & 0xffff };
}
