import { readFileSync, writeFileSync } from 'node:fs';
import type { CliIo } from '../cli-command';

/**
 * Binary file access for the commands that read or write object bytes. CliIo carries text only; an
 * io may add these two (the tests do, to stay in memory), otherwise the real file system is used.
 */
export interface BinaryIo {
  readonly readBinary?: (path: string) => Uint8Array;
  readonly writeBinary?: (path: string, bytes: Uint8Array) => void;
}

export function readBinary(io: CliIo, path: string): Uint8Array {
  const custom = (io as CliIo & BinaryIo).readBinary;
  return custom ? custom(path) : new Uint8Array(readFileSync(path));
}

export function writeBinary(io: CliIo, path: string, bytes: Uint8Array): void {
  const custom = (io as CliIo & BinaryIo).writeBinary;
  if (custom) custom(path, bytes);
  else writeFileSync(path, bytes);
}

/** A hex address option (with or without 0x), or a usage error message. */
export function parseHexAddress(text: string): number | undefined {
  const m = /^(?:0x)?([0-9a-f]{1,13})$/i.exec(text);
  return m ? Number.parseInt(m[1], 16) : undefined;
}
