#!/bin/bash
# selftests.sh - build tools/testing/selftests/kvm statically for one arch.
#
#   selftests.sh x86_64|arm64 series|base
#
# Installs the tree's UAPI headers (make headers_install) and builds the KVM
# selftests against them into build/kst/VARIANT-ARCH. ~30-60 s.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cfg=$1 variant=$2
read -r _ _ arch cross _ < <(grep -m1 '^# arch:' "$top/configs/$cfg.config")
[ "$cross" = "-" ] && cross=
src=$top/build/linux; [ "$variant" = base ] && src=$top/build/linux-base
obj=$top/build/obj/$variant-$cfg
out=$top/build/kst/$variant-$cfg
log=$top/build/logs/kst-$variant-$cfg.log
mkdir -p "$out" "$(dirname "$log")"

"$top/scripts/kbuild.sh" "$cfg" "$variant" headers_install >/dev/null
export CCACHE_DIR=${CCACHE_DIR:-${HOME:-/root}/.cache/ccache}
t0=$(date +%s)
if ! make -C "$src/tools/testing/selftests/kvm" -j"${JOBS:-$(nproc)}" \
	ARCH="$arch" CROSS_COMPILE="$cross" CC="ccache ${cross}gcc" \
	KHDR_INCLUDES="-isystem $obj/usr/include" OUTPUT="$out" \
	LDFLAGS=-static >"$log" 2>&1; then
	tail -30 "$log" >&2
	echo "selftests: $variant-$cfg: build failed (log: $log)" >&2
	exit 1
fi
echo "selftests: $variant-$cfg: ok ($(( $(date +%s) - t0 ))s)"
