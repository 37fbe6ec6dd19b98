#!/bin/bash
# selftests.sh - build tools/testing/selftests/kvm statically for one arch.
#
#   selftests.sh NAME series|base
#
# For an arch with SELFTESTS=kvm: installs the tree's UAPI headers (make
# headers_install) and builds the KVM selftests against them into
# build/kst/VARIANT-USERLAND. Fails on a compiler warning, as kbuild.sh
# does. Costs: README.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

load_arch "$1"; variant=$2
[ "$SELFTESTS" = kvm ] || die "$NAME: the KVM selftest library does not build here"
src=$top/build/linux; [ "$variant" = base ] && src=$top/build/linux-base
obj=$top/build/obj/$variant-$KERNEL
out=$top/build/kst/$variant-$USERLAND
log=$top/build/logs/kst-$variant-$USERLAND.log
mkdir -p "$out" "$(dirname "$log")"

"$top/scripts/kbuild.sh" "$NAME" "$variant" headers_install >/dev/null
export CCACHE_DIR=${CCACHE_DIR:-${HOME:-/root}/.cache/ccache}
t0=$(date +%s)
if ! make -C "$src/tools/testing/selftests/kvm" -j"${JOBS:-$(nproc)}" \
	ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE" CC="ccache ${CROSS_COMPILE}gcc" \
	KHDR_INCLUDES="-isystem $obj/usr/include" OUTPUT="$out" \
	LDFLAGS=-static >"$log" 2>&1; then
	tail -30 "$log" >&2
	die "$variant-$USERLAND: build failed (log: $log)"
fi
if build_warnings "$log"; then
	grep -B2 -A3 'warning:' "$log" | head -40 >&2
	die "$variant-$USERLAND: compiler warnings (log: $log)"
fi
echo "selftests: $variant-$USERLAND: ok ($(elapsed "$t0")s)"
