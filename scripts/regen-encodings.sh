#!/usr/bin/env bash
# Regenerates the instruction-encoding goldens (test/fixtures/encodings/encodings.json) with GNU as
# and objdump for s390x (Debian package binutils-s390x-linux-gnu). Deterministic: running it again
# with nothing changed leaves the file as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v s390x-linux-gnu-as >/dev/null 2>&1; then
  echo "regen-encodings: s390x-linux-gnu-as is not installed (apt-get install binutils-s390x-linux-gnu)" >&2
  exit 1
fi
node --import tsx scripts/oracle-encodings.ts
