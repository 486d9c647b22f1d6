/**
 * Writes test/fixtures/c/expected.json: runs every corpus function on every argument vector under
 * qemu-s390x (the oracle), once per optimisation level, and requires the levels to agree (a
 * disagreement means undefined behaviour in the corpus, not an answer). Called by regen-oracle-c.sh.
 *
 * Protocol with the harness (test/fixtures/c/harness.c): stdin gets six big-endian doublewords
 * per call (function address, five arguments); stdout returns the 8-byte result of each call.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseElf, symbolAddress } from '../src/engine/asm/elf-loader';
import {
  C_BINARIES,
  C_FIXTURES,
  hex64,
  loadVectors,
  vectorsSha256,
} from '../test/oracle/c-semantics-vectors';

const functions = loadVectors();
const results = new Map<string, bigint[]>();

for (const binary of C_BINARIES) {
  const path = new URL(`build/${binary}`, C_FIXTURES);
  const elf = parseElf(new Uint8Array(readFileSync(path)));
  const calls = functions.flatMap((f) =>
    f.vectors.map((v) => ({ f, v, address: symbolAddress(elf, f.name) })),
  );
  const input = Buffer.alloc(calls.length * 48);
  calls.forEach((c, i) => {
    input.writeBigUInt64BE(BigInt(c.address), i * 48);
    c.v.forEach((a, j) => {
      input.writeBigUInt64BE(a, i * 48 + 8 + j * 8);
    });
  });
  const output = execFileSync('qemu-s390x', [path.pathname], { input, maxBuffer: 1 << 28, timeout: 600_000 });
  if (output.length !== calls.length * 8) {
    throw new Error(`${binary}: qemu-s390x returned ${output.length / 8} results for ${calls.length} calls`);
  }
  const mismatches: string[] = [];
  calls.forEach((c, i) => {
    const key = `${c.f.name}(${c.v.map(hex64).join(',')})`;
    const got = output.readBigUInt64BE(i * 8);
    const previous = results.get(key);
    if (previous === undefined) results.set(key, [got]);
    else {
      if (previous[0] !== got)
        mismatches.push(`${key}: ${hex64(previous[0])} at -O0, ${hex64(got)} in ${binary}`);
      previous.push(got);
    }
  });
  if (mismatches.length > 0) {
    throw new Error(
      `optimisation levels disagree (undefined behaviour in the corpus?):\n${mismatches.join('\n')}`,
    );
  }
  console.log(`oracle-c-golden: ${binary}: ${calls.length} calls under qemu-s390x`);
}

const qemu = execFileSync('qemu-s390x', ['--version'], { encoding: 'utf8' }).split('\n')[0];
const lines: string[] = [];
for (const f of functions) {
  const values = f.vectors.map((v) => compactHex(results.get(`${f.name}(${v.map(hex64).join(',')})`)![0]));
  const rows: string[] = [];
  for (let i = 0; i < values.length; i += 8)
    rows.push(
      `      ${values
        .slice(i, i + 8)
        .map((v) => JSON.stringify(v))
        .join(', ')}`,
    );
  lines.push(`    ${JSON.stringify(f.name)}: [\n${rows.join(',\n')}\n    ]`);
}
const text = `{
  "generator": "scripts/regen-oracle-c.sh",
  "oracle": ${JSON.stringify(`${qemu}; every level of ${C_BINARIES.join(', ')} agrees`)},
  "vectorsSha256": "${vectorsSha256()}",
  "functions": {
${lines.join(',\n')}
  }
}
`;
writeFileSync(new URL('expected.json', C_FIXTURES), text);
const vectors = functions.reduce((n, f) => n + f.vectors.length, 0);
console.log(`oracle-c-golden: wrote expected.json: ${functions.length} functions, ${vectors} vectors`);

function compactHex(v: bigint): string {
  return `0x${v.toString(16)}`;
}
