#!/usr/bin/env bash
# Rebuilds test/unit/elf/fixtures/tiny.elf from tiny.s with binutils for s390x (Debian
# binutils-s390x-linux-gnu). The ELF is committed so the tests need no s390x tools.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
s390x-linux-gnu-as -m64 -march=z900 -o "$tmp/tiny.o" tiny.s
s390x-linux-gnu-ld -static -z max-page-size=4096 -z noexecstack --build-id=none \
  -Ttext=0x10000 -Tdata=0x20000 -o fixtures/tiny.elf "$tmp/tiny.o"
echo "wrote test/unit/elf/fixtures/tiny.elf ($(wc -c <fixtures/tiny.elf) bytes)"
