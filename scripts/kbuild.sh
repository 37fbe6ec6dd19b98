#!/bin/bash
# kbuild.sh - configure and build one kernel (or only some of its directories).
#
#   kbuild.sh NAME VARIANT [make targets...]
#
# NAME is an arches/ file; VARIANT is "series" (build/linux) or "base"
# (build/linux-base). The .config is tinyconfig plus the arch's FRAGMENTS
# (configs/*.config, merged in order), every fragment line of which must be
# in the result (config-check.sh), or the arch's DEFCONFIG after
# olddefconfig. Objects go to build/obj/VARIANT-KERNEL. Without targets
# MAKE_TARGET is built. The build fails on any compiler warning. Uses ccache.
# Costs: README, "Costs".
set -euo pipefail
. "$(dirname "$0")/lib.sh"

load_arch "$1"; variant=$2; shift 2
case $variant in
series) src=$top/build/linux ;;
base)   src=$top/build/linux-base; "$top/scripts/tree.sh" basewt ;;
*) die "variant is series or base" ;;
esac
frags=()
for f in $FRAGMENTS; do frags+=("$top/configs/$f.config"); done
obj=$top/build/obj/$variant-$KERNEL
log=$top/build/logs/build-$variant-$KERNEL.log
mkdir -p "$obj" "$(dirname "$log")"

ccache_env
export KBUILD_BUILD_TIMESTAMP="2000-01-01" KBUILD_BUILD_USER=kvm-devctl KBUILD_BUILD_HOST=build
if [ -n "$LLVM" ]; then	# clang and lld of that version suffix
	mk=(make -s -C "$src" O="$obj" ARCH="$ARCH" LLVM="$LLVM" CC="ccache clang$LLVM")
else
	mk=(make -s -C "$src" O="$obj" ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE"
	    CC="ccache ${CROSS_COMPILE}gcc")
fi
mk+=(-j"${JOBS:-$(nproc)}")

lost() { "$top/scripts/config-check.sh" "$obj/.config" "$src" "${frags[@]}" || :; }

# (Re)configure when a fragment is newer than the .config, or when the
# .config does not honour one of its lines (a build at an older commit of
# the series drops the symbols that commit does not know yet).
stale=
for f in "${frags[@]}" $DEFCONFIG; do [ "$f" -nt "$obj/.config" ] && stale=1; done
if [ -n "$DEFCONFIG" ]; then
	if [ ! -f "$obj/.config" ] || [ -n "$stale" ]; then
		[ -f "$DEFCONFIG" ] || die "no $DEFCONFIG: run scripts/setup.sh"
		case $DEFCONFIG in
		*.xz) xzcat "$DEFCONFIG" ;;
		*) cat "$DEFCONFIG" ;;
		esac > "$obj/.config"
		"${mk[@]}" olddefconfig >/dev/null
	fi
elif [ ! -f "$obj/.config" ] || [ -n "$stale" ] || [ -n "$(lost)" ]; then
	"${mk[@]}" tinyconfig >/dev/null
	(cd "$obj" && "$src/scripts/kconfig/merge_config.sh" -m -O "$obj" \
		"$obj/.config" "${frags[@]}" >/dev/null)
	"${mk[@]}" olddefconfig >/dev/null
	missing=$(lost)
	if [ -n "$missing" ]; then
		rm -f "$obj/.config"
		die "$NAME: fragment lines ($FRAGMENTS) not in the final .config:"$'\n'"$missing"
	fi
fi

# shellcheck disable=SC2086
[ $# -gt 0 ] || set -- $MAKE_TARGET
# Single objects (the W=1 passes of check.sh and distro.sh) with one job:
# an arch's KVM directory reads the .cmd files of the virt/kvm objects it
# links while the virt/kvm target rewrites them (fixdep does not write
# atomically); with -j2 a W=1 build once read a truncated one
# ("unterminated call to function 'wildcard'"). They are few, and cached.
for t; do case $t in *.o) mk+=(-j1); break ;; esac; done
t0=$(date +%s)
echo "kbuild: $variant-$KERNEL: make $* (log: ${log#$top/})"
# A line a minute while make runs: a cold kernel takes 5-12 minutes.
(while sleep 60; do echo "kbuild: $variant-$KERNEL: building, $(elapsed "$t0")s"; done) &
ticker=$!
trap 'kill $ticker 2>/dev/null' EXIT
if ! "${mk[@]}" "$@" >"$log" 2>&1; then
	tail -40 "$log" >&2
	die "$variant-$KERNEL: make $* failed (log: $log)"
fi
if build_warnings "$log"; then
	grep -B2 -A3 'warning:' "$log" | head -40 >&2
	die "$variant-$KERNEL: compiler warnings (log: $log)"
fi
echo "kbuild: $variant-$KERNEL: make $* ok ($(elapsed "$t0")s)"
