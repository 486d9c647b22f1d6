#!/usr/bin/env bash
# Regenerates the qcow2 fixtures of the virtio-blk image reader (test/fixtures/virtio/): a 256 KiB
# raw image whose sector s (in clusters 0-2 and 10) holds byte (s*31 + i) & 0xff at offset i and
# zeros elsewhere, converted by qemu-img to qcow2 version 3, version 2 (compat 0.10) and version 3
# compressed, all with 4 KiB clusters. Needs qemu-utils (Debian). The results must equal what is
# committed; test/unit/io/virtio/qcow2-image.test.ts rebuilds the raw image by the same rule.
set -euo pipefail
cd "$(dirname "$0")/.."
out=test/fixtures/virtio
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node -e '
const size = 256 * 1024, bytes = new Uint8Array(size);
for (let s = 0; s < size / 512; s++) {
  const cluster = Math.floor(s / 8);
  if (cluster > 2 && cluster !== 10) continue;
  for (let i = 0; i < 512; i++) bytes[s * 512 + i] = (s * 31 + i) & 0xff;
}
require("fs").writeFileSync(process.argv[1], bytes);
' "$tmp/source.raw"
qemu-img convert -f raw -O qcow2 -o compat=1.1,cluster_size=4096 "$tmp/source.raw" "$out/image-v3.qcow2"
qemu-img convert -f raw -O qcow2 -o compat=0.10,cluster_size=4096 "$tmp/source.raw" "$out/image-v2.qcow2"
qemu-img convert -c -f raw -O qcow2 -o compat=1.1,cluster_size=4096 "$tmp/source.raw" "$out/image-v3-compressed.qcow2"
