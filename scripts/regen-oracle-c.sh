#!/usr/bin/env bash
# Regenerates the C semantic-oracle goldens: builds the corpus ELFs (oracle-c-build.sh), runs
# every function on every vector under qemu-s390x and writes test/fixtures/c/expected.json.
# Needs gcc-s390x-linux-gnu and qemu-user (Debian). Meant for .ci/run: the result must equal
# what is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/oracle-c-build.sh
node --import tsx scripts/oracle-c-golden.ts
