#!/usr/bin/env bash
# Assembles bench/loops/*.s into flat images under bench/loops/build/ (loaded at 0x10000; the
# iteration count at offset 8 is patched by the runner), plus manifest.json with the instructions
# per iteration. With --linux DIR it instead builds Linux user-mode ELFs (exit syscall at the end)
# into DIR with ITERATIONS=N from the environment, for qemu-s390x (bench/compare-hercules-qemu.sh).
# Needs Debian's binutils-s390x-linux-gnu. The flat images are committed: `npm run bench` needs no
# s390x tools.
set -euo pipefail
cd "$(dirname "$0")/loops"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
AS=(s390x-linux-gnu-as -m64 -march=z900)
# The order of the table printed by the bench.
ORDER=(agr-brctg ar-brct ahi-bct agr-ahi-lgr-brctg brasl-br gcc-o2-hash mvc256-brctg lg-ag-stg-brctg)

if [ "${1:-}" = "--linux" ]; then
  out=$2
  mkdir -p "$out"
  for src in "${ORDER[@]/%/.s}"; do
    name=${src%.s}
    "${AS[@]}" --defsym LINUX=1 --defsym ITERATIONS="${ITERATIONS:-100000000}" -o "$tmp/$name.o" "$src"
    s390x-linux-gnu-ld -static -z noexecstack --build-id=none -Ttext=0x10000 -o "$out/$name.elf" "$tmp/$name.o"
  done
  exit 0
fi

mkdir -p build
for src in *.s; do
  name=${src%.s}
  "${AS[@]}" --defsym ITERATIONS=1000 -o "$tmp/$name.o" "$src"
  s390x-linux-gnu-objcopy -O binary -j .text "$tmp/$name.o" "build/$name.bin"
done
# manifest.json as JSON.stringify(..., 2) writes it (the layout biome keeps).
loops=()
for src in "${ORDER[@]/%/.s}"; do
  name=${src%.s}
  per=$(sed -n 's/.*(\([0-9]*\) instructions\{0,1\} per iteration.*/\1/p; s/.*(\([0-9]*\) per iteration.*/\1/p' "$src" | head -n 1)
  title=$(head -n 1 "$src" | sed 's/^# //; s/[:,(].*//; s/ *$//')
  loops+=("$name" "$title" "$per")
done
node -e '
  const [as, ...flat] = process.argv.slice(1);
  const loops = [];
  for (let i = 0; i < flat.length; i += 3) {
    loops.push({ name: flat[i], title: flat[i + 1], image: `${flat[i]}.bin`, perIteration: Number(flat[i + 2]) });
  }
  const manifest = { generator: "bench/build-loops.sh", as, loadAddress: "0x10000", countOffset: 8, loops };
  process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
' "$(s390x-linux-gnu-as --version | head -n 1)" "${loops[@]}" >build/manifest.json
echo "build-loops: $(ls build/*.bin | wc -l) images in bench/loops/build"
