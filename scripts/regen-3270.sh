#!/usr/bin/env bash
# Regenerates the 3270 oracle goldens: writes the streams from scripts/oracle-3270-cases.ts to
# test/fixtures/3270/*.bin, then has s3270 (Debian package s3270) render each over TN3270 and
# saves its screens (*.screen.txt) and Read Buffer replies (*.s3270.json). Deterministic: running it
# again with nothing changed leaves the files as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v s3270 >/dev/null 2>&1; then
  echo "regen-3270: s3270 is not installed (apt-get install s3270)" >&2
  exit 1
fi
node --import tsx scripts/oracle-3270-generate.ts
node --import tsx scripts/oracle-3270-capture.ts
