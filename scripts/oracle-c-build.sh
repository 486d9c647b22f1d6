#!/usr/bin/env bash
# Builds the C semantic-oracle corpus (test/fixtures/c/*.c) into static s390x ELF executables,
# one per optimisation level, under test/fixtures/c/build/, with manifest.json.
# Needs Debian's gcc-s390x-linux-gnu. The outputs are committed: tests need no s390x tools.
set -euo pipefail
cd "$(dirname "$0")/../test/fixtures/c"

CC=s390x-linux-gnu-gcc
CFLAGS=(-march=z900 -m64 -ffreestanding -nostdlib -static -fno-stack-protector
  -fno-asynchronous-unwind-tables -fno-ident -Wall -Wextra -Werror)
# Link low (text at 64 KiB, above the 8 KiB prefix area) so a small storage holds the image.
# No -lgcc: Debian's libgcc for s390x uses z10/z196 instructions; support.c has z900 versions.
LDFLAGS=(-Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,-Ttext-segment=0x10000)
CORPUS=(arith muldiv shift mem control atomic abi libgcc)
LEVELS=(O0 O2 Os)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p build

manifest="build/manifest.json"
{
  echo '{'
  echo '  "generator": "scripts/oracle-c-build.sh",'
  echo "  \"gcc\": \"$($CC --version | head -n 1)\","
  echo "  \"cflags\": \"${CFLAGS[*]}\","
  echo "  \"corpus\": [$(printf '"%s.c", ' "${CORPUS[@]}" | sed 's/, $//')],"
  echo '  "binaries": ['
} >"$manifest"

first=1
for level in "${LEVELS[@]}"; do
  objs=()
  $CC "${CFLAGS[@]}" -"$level" -c start.S -o "$tmp/start.o"
  $CC "${CFLAGS[@]}" -"$level" -c harness.c -o "$tmp/harness.o"
  $CC "${CFLAGS[@]}" -"$level" -fno-builtin -fno-tree-loop-distribute-patterns -c support.c -o "$tmp/support.o"
  for src in "${CORPUS[@]}"; do
    $CC "${CFLAGS[@]}" -"$level" -c "$src.c" -o "$tmp/$src.o"
    objs+=("$tmp/$src.o")
  done
  out="build/corpus-$level.elf"
  $CC "${CFLAGS[@]}" -"$level" "${LDFLAGS[@]}" -o "$out" \
    "$tmp/start.o" "$tmp/harness.o" "$tmp/support.o" "${objs[@]}"
  [ $first -eq 1 ] || echo ',' >>"$manifest"
  first=0
  printf '    { "file": "%s", "level": "-%s", "sha256": "%s", "bytes": %d }' \
    "corpus-$level.elf" "$level" "$(sha256sum "$out" | cut -d' ' -f1)" "$(wc -c <"$out")" >>"$manifest"
done
printf '\n  ]\n}\n' >>"$manifest"
echo "oracle-c-build: wrote ${LEVELS[*]/#/corpus-} ELFs and $manifest"
