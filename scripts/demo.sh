#!/bin/bash
# demo.sh - build the patched kernels and boot them showing the device API.
#
# For each of ARCHES (default: x86_64 arm64): builds the kernel of the
# series, builds demo/devctl-demo.c statically against its headers, boots
# the kernel in QEMU TCG with the demo as the only test and prints what it
# printed. Costs: README.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$top"
for a in ${ARCHES:-x86_64 arm64}; do
	echo "== $a: build (stage 1 of 3)"
	./scripts/kbuild.sh "$a" series
	echo "== $a: the demo program (stage 2 of 3)"
	./scripts/progs.sh "$a" demo/devctl-demo.c
	echo "== $a: boot (stage 3 of 3)"
	BOOT_TIMEOUT=300 ./scripts/run-list.sh "$a" series tests/demo.list
	echo "---- $a: what devctl-demo printed"
	out=$(log_section "build/logs/boot-series-$a-demo.log" devctl-demo || :)
	[ -n "$out" ] || die "$a: devctl-demo printed nothing (build/logs/boot-series-$a-demo.log)"
	echo "$out"
done
