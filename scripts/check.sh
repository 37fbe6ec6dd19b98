#!/bin/bash
# check.sh - the whole test suite; ends with "N passed, N failed, N skipped".
#
# Stages (each timed, times in build/logs/times.txt):
#   1. setup.sh, then tree.sh apply (series onto the pinned base)
#   2. checkpatch --strict on every patch          (one result per patch)
#   3. booted kernels x86_64, arm64, ppc64 (pseries PR), ppc32 (e500v2),
#      riscv64 (AIA); compile-only KVM directories for e500mc, book3s64, s390;
#      W=1 on every .c file the series touches in each (one result per build)
#   4. KVM selftests (static) for x86_64 and arm64; device_ctrl_test and
#      tests/init.c (static) for ppc32, ppc64, riscv64
#   5. boots: tests/CONFIG.list under QEMU TCG for x86_64, arm64, ppc64,
#      ppc32, riscv64; tests/arm64-gicv2.list on arm64 with a GICv2; and
#      tests/x86_64-debug.list on a KASAN + kmemleak + lockdep kernel
#      (one result per test case, plus kernel splats and leak reports)
# A failure listed in tests/known-failures (with its reason) counts as
# skipped. ~64 min cold on 2 cores (fresh clone, empty ccache), ~7 min warm.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
res=$top/build/results/check.txt
times=$top/build/logs/times.txt
mkdir -p build/results build/logs
: > "$res"; : > "$times"

stage() {	# stage NAME CMD...: run and time one stage
	local name=$1 t0=$(date +%s) rc; shift
	echo "== $name"
	"$@"; rc=$?
	printf '%-28s %5ss\n' "$name" $(( $(date +%s) - t0 )) >> "$times"
	return $rc
}
result() { echo "$1 $2" | tee -a "$res"; }

stage setup ./scripts/setup.sh || exit 1
if stage apply ./scripts/tree.sh apply; then
	result pass "series/apply"
	if ./scripts/tree.sh roundtrip; then result pass "series/roundtrip"
	else result fail "series/roundtrip"; fi
else
	result fail "series/apply"
	echo "0 passed, 1 failed"; exit 1
fi

checkpatch() {
	local p out
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		# No upstream history here to check commit ids against.
		# An absolute path: checkpatch reads a path that git tracks in
		# the current directory as a source file, not as a patch.
		# Debian's python3 (first in PATH) has ply for spdxcheck.py.
		out=$(PATH=/usr/bin:$PATH build/linux/scripts/checkpatch.pl \
			--strict --terse --ignore UNKNOWN_COMMIT_ID,FILE_PATH_CHANGES \
			"$top/patches/$p" 2>&1 | grep -E 'ERROR|WARNING|CHECK|Error')
		if [ -z "$out" ]; then result pass "checkpatch/$p"
		else echo "$out"; result fail "checkpatch/$p"; fi
	done < patches/series
}
stage checkpatch checkpatch

# .c files the series touches under DIRS that CONFIG builds, as objects
touched() {
	local cfg=$1 o; shift
	git -C build/linux diff --name-only base..HEAD -- "$@" |
		grep '\.c$' | grep -v '^tools/' | sed 's/\.c$/.o/' |
		while read -r o; do
			[ -f "build/obj/series-$cfg/$o" ] && echo "$o"
		done
}

build() {	# build CONFIG TARGET... -- DIRS the W=1 pass covers
	local cfg=$1 tgts=() dirs=() objs
	shift
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do tgts+=("$1"); shift; done
	shift; dirs=("$@")
	if ./scripts/kbuild.sh "$cfg" series "${tgts[@]}"; then
		result pass "build/$cfg"
	else
		result fail "build/$cfg"; return 1
	fi
	[ ${#dirs[@]} -gt 0 ] || return 0
	objs=$(touched "$cfg" "${dirs[@]}")
	[ -n "$objs" ] || return 0
	if ./scripts/kbuild.sh "$cfg" series $objs W=1; then
		result pass "build/$cfg-W=1"
	else
		result fail "build/$cfg-W=1"
	fi
}
stage build-x86_64 build x86_64 bzImage -- arch/x86/kvm virt/kvm
stage build-arm64 build arm64 Image -- arch/arm64/kvm virt/kvm
stage build-ppc64 build ppc64 vmlinux -- arch/powerpc/kvm virt/kvm
stage build-ppc32 build ppc32 vmlinux -- arch/powerpc/kvm virt/kvm
stage build-e500mc build e500mc arch/powerpc/kvm/ -- arch/powerpc/kvm virt/kvm
stage build-book3s64 build book3s64 arch/powerpc/kvm/ -- arch/powerpc/kvm virt/kvm
stage build-s390 build s390 arch/s390/kvm/ -- arch/s390/kvm virt/kvm
stage build-riscv64 build riscv64 Image -- arch/riscv/kvm virt/kvm

# device_ctrl_test needs only UAPI headers and kselftest_harness.h: build
# it, and tests/init.c to run it as /init, for the arches the KVM selftest
# library does not support.
portable() {
	local cfg
	for cfg in ppc32 ppc64 riscv64; do
		if ./scripts/progs.sh "$cfg" \
			build/linux/tools/testing/selftests/kvm/device_ctrl_test.c \
			-I build/linux/tools/testing/selftests &&
		   ./scripts/progs.sh "$cfg" tests/init.c; then
			result pass "build/device_ctrl_test-$cfg"
		else
			result fail "build/device_ctrl_test-$cfg"
		fi
	done
}
stage device_ctrl_test-cross portable

# KASAN, kmemleak and lockdep kernel: device tests plus a leak scan
stage build-x86_64-debug build x86_64-debug bzImage --

# Boots: CONFIG:LIST (tests/LIST.list on the CONFIG kernel)
for b in x86_64:x86_64 arm64:arm64 arm64:arm64-gicv2 x86_64-debug:x86_64-debug \
	 ppc64:ppc64 ppc32:ppc32 riscv64:riscv64; do
	a=${b%%:*} l=${b#*:}
	case $a in
	x86_64-debug)	# uses the x86_64 selftests
		grep -q "^pass selftests/x86_64$" "$res" || continue ;;
	ppc*|riscv*)	# device_ctrl_test and tests/init.c only
		grep -q "^pass build/device_ctrl_test-$a$" "$res" || continue ;;
	*)	if grep -qE "^(pass|fail) selftests/$a$" "$res"; then
			:	# built for an earlier list
		elif stage "selftests-$a" ./scripts/selftests.sh $a series; then
			result pass "selftests/$a"
		else
			result fail "selftests/$a"
		fi
		grep -q "^pass selftests/$a$" "$res" || continue ;;
	esac
	grep -q "^pass build/$a$" "$res" || continue
	stage "boot-$l" ./scripts/run.sh $a series tests/$l.list
	# Known failures (tests/known-failures: "LIST TEST-PREFIX reason")
	# count as skipped, with their reason.
	while read -r v name rest; do
		reason=$(awk -v c=$l -v n="$name" '$1 == c && index(n, $2) == 1 {
			$1 = $2 = ""; sub(/^ +/, ""); print; exit }' tests/known-failures)
		if [ "$v" = fail ] && [ -n "$reason" ]; then
			result skip "$l/$name (known: $reason)"
		else
			result "$v" "$l/$name $rest"
		fi
	done < build/results/series-$a-$l.txt
done

echo "== stage times"; cat "$times"
if grep -q '^fail' "$res"; then
	echo "== failures (logs in build/logs/)"
	grep '^fail' "$res" | cut -c1-200 | head -20
fi
p=$(grep -c '^pass' "$res"); f=$(grep -c '^fail' "$res"); s=$(grep -c '^skip' "$res")
echo "$p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]
