#!/bin/bash
# demo.sh - build the patched kernels and boot them showing the device API.
#
# Builds the x86_64 (and, unless ARCHES says otherwise, arm64) kernel of the
# series, builds demo/devctl-demo.c statically against its headers, boots
# each kernel in QEMU TCG with the demo as the only test and prints what it
# printed. ~8 min per arch cold, ~1 min warm.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
for cfg in ${ARCHES:-x86_64 arm64}; do
	./scripts/kbuild.sh "$cfg" series
	./scripts/progs.sh "$cfg" demo/devctl-demo.c
	BOOT_TIMEOUT=300 ./scripts/run.sh "$cfg" series tests/demo.list
	echo "---- $cfg: what devctl-demo printed"
	tr -d '\r' < "build/logs/boot-series-$cfg-demo.log" |
		sed -n '/^@@ TEST devctl-demo/,/^@@ END/p' | grep -v '^@@'
done
