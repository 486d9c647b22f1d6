/**
 * The argument vectors of the C semantic oracle (test/fixtures/c/vectors.json), expanded. Shared by
 * the golden generator (scripts/oracle-c-golden.ts, under qemu-s390x) and the zvlab test.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const C_FIXTURES = new URL('../fixtures/c/', import.meta.url);
export const C_BINARIES = ['corpus-O0.elf', 'corpus-O2.elf', 'corpus-Os.elf'] as const;

interface VectorSpec {
  readonly sets: Record<string, string[]>;
  readonly functions: Record<string, { args?: string[]; vectors?: string[][] }>;
}

export interface FunctionVectors {
  readonly name: string;
  /** Each vector has 1–5 arguments as unsigned 64-bit values. */
  readonly vectors: readonly (readonly bigint[])[];
}

/** Parses "12", "-7", "0x7fffffff", "-0x80000000" as a 64-bit two's complement value. */
export function parseValue(text: string): bigint {
  const negative = text.startsWith('-');
  const magnitude = BigInt(negative ? text.slice(1) : text);
  return BigInt.asUintN(64, negative ? -magnitude : magnitude);
}

export function hex64(v: bigint): string {
  return `0x${BigInt.asUintN(64, v).toString(16).padStart(16, '0')}`;
}

export function loadVectors(): FunctionVectors[] {
  const spec = JSON.parse(readFileSync(new URL('vectors.json', C_FIXTURES), 'utf8')) as VectorSpec;
  return Object.entries(spec.functions).map(([name, f]) => {
    let vectors: bigint[][];
    if (f.vectors !== undefined) {
      vectors = f.vectors.map((v) => v.map(parseValue));
    } else {
      vectors = [[]];
      for (const setName of f.args ?? []) {
        const set = spec.sets[setName];
        if (set === undefined) throw new Error(`vectors.json: ${name} uses unknown set '${setName}'`);
        vectors = vectors.flatMap((prefix) => set.map((v) => [...prefix, parseValue(v)]));
      }
    }
    if (vectors.some((v) => v.length > 5)) throw new Error(`vectors.json: ${name} has more than 5 arguments`);
    return { name, vectors };
  });
}

/** The hash that ties expected.json to the vectors.json it was generated from. */
export function vectorsSha256(): string {
  return createHash('sha256')
    .update(readFileSync(new URL('vectors.json', C_FIXTURES)))
    .digest('hex');
}

/**
 * test/fixtures/c/expected.json: per function, the result (r2, hex) of each vector in the order
 * loadVectors() expands them; `vectorsSha256` says which vectors.json that order belongs to.
 */
export interface CGolden {
  readonly generator: string;
  readonly oracle: string;
  readonly vectorsSha256: string;
  readonly functions: Record<string, string[]>;
}

export function loadGolden(): CGolden {
  return JSON.parse(readFileSync(new URL('expected.json', C_FIXTURES), 'utf8')) as CGolden;
}
