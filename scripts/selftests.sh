#!/bin/bash
# selftests.sh - build tools/testing/selftests/kvm statically for one arch.
#
#   selftests.sh NAME series|base [LIST...]
#
# For an arch with SELFTESTS=kvm: installs the tree's UAPI headers (make
# headers_install) and builds the KVM selftests against them into
# build/kst/VARIANT-USERLAND: those the LISTs name (the other entries are
# not selftests), or all of them without a LIST. Fails on a compiler
# warning, as kbuild.sh does. Costs: README.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

load_arch "$1"; variant=$2; shift 2
[ "$SELFTESTS" = kvm ] || die "$NAME: the KVM selftest library does not build here"
src=$top/build/linux; [ "$variant" = base ] && src=$top/build/linux-base
obj=$top/build/obj/$variant-$KERNEL
out=$top/build/kst/$variant-$USERLAND
log=$top/build/logs/kst-$variant-$USERLAND.log
mkdir -p "$out" "$(dirname "$log")"
kst=$src/tools/testing/selftests/kvm
targets=()
if [ $# -gt 0 ]; then
	for l; do [ -r "$l" ] || die "no list $l"; done
	names=$(awk '!/^[ \t]*(#|$)/ { print $1 }' "$@") || die "cannot read $*"
	for prog in $(sort -u <<< "$names"); do
		[ ! -f "$kst/$prog.c" ] || targets+=("$out/$prog")
	done
	if [ ${#targets[@]} -eq 0 ]; then
		echo "selftests: $variant-$USERLAND: the lists name no selftest"
		exit 0
	fi
fi

"$top/scripts/kbuild.sh" "$NAME" "$variant" headers_install >/dev/null
ccache_env
t0=$(date +%s)
if ! make -C "$kst" -j"${JOBS:-$(nproc)}" \
	ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE" CC="ccache ${CROSS_COMPILE}gcc" \
	KHDR_INCLUDES="-isystem $obj/usr/include" OUTPUT="$out" \
	LDFLAGS=-static "${targets[@]}" >"$log" 2>&1; then
	tail -30 "$log" >&2
	die "$variant-$USERLAND: build failed (log: $log)"
fi
if build_warnings "$log"; then
	grep -B2 -A3 'warning:' "$log" | head -40 >&2
	die "$variant-$USERLAND: compiler warnings (log: $log)"
fi
echo "selftests: $variant-$USERLAND: ok, ${#targets[@]} listed programs (0: all) ($(elapsed "$t0")s)"
