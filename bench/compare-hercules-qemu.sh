#!/usr/bin/env bash
# zvlab vs Hercules vs qemu-s390x on the benchmark loops (see compare-hercules-qemu.ts).
# Needs Debian's hercules, qemu-user and binutils-s390x-linux-gnu. Slow; not part of npm test.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --import tsx bench/compare-hercules-qemu.ts "$@"
