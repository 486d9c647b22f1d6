#!/usr/bin/env bash
# Regenerates the differential-fuzzer goldens: writes the seeded cases (test/fixtures/fuzz/cases.json)
# and runs them under qemu-s390x in one static ELF built with GNU as and ld (expected.json).
# Needs qemu-user and binutils-s390x-linux-gnu (Debian). Meant for .ci/run: the result must equal
# what is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
node --import tsx scripts/fuzz-generate.ts
node --import tsx scripts/fuzz-golden.ts
