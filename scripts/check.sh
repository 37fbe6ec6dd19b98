#!/bin/bash
# check.sh - the whole test suite; ends with "N passed, N failed, N skipped".
#
# Stages, each timed into build/logs/times.txt:
#   setup, apply   setup.sh; the series onto the pinned base, and its round trip
#   checkpatch     --strict on every patch (one result per patch)
#   build-NAME     every arches/ file with CHECK=boot or build that defines its
#                  own kernel: MAKE_TARGET, then W=1 on every .c file of
#                  KVM_DIRS the series touches (one result each); the
#                  CHECK=build kernels, distro-NAME and docs run as side
#                  stages: in the background at nice 19 from the end of
#                  the booted kernels' builds, beside the tooling, user
#                  programs and boots, waited for after the boots
#                  (times under a heading of their own, the wait for
#                  them as side-wait, log build/logs/side.log)
#   tooling        scripts/test-tooling.sh: the parser, the status and the
#                  retry policy on stored logs (one result per case)
#   distro-NAME    (side) every CHECK=distro arch (Debian's configs): the new
#                  questions and the .config diff of series vs base
#   docs           (side) make htmldocs of virt/kvm in base and series: no new
#                  warning, the lifetime diagram intact (htmldocs.sh)
#   userland-U     KVM selftests (SELFTESTS=kvm), guest/init.c and the
#                  arch's PROGS, for each USERLAND booted
#   boot-NAME      LIST on every CHECK=boot arch (run-list.sh), one result per
#                  test case, kernel report and leak; tests/known-failures
#                  applied (triage.sh)
# A stage whose inputs failed is left out, and its absence is a failure.
#
# ARCHES="WORD..." keeps the arches/ files named WORD or WORD-* (builds,
# distro configs, boots); TESTS=ERE keeps the list entries whose program
# matches (the KUnit suites run at every boot). Either makes the run
# partial, which the line before the summary says. Costs: README.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 1
res=$top/build/results/check.txt
times=$top/build/logs/times.txt
mkdir -p build/results build/logs
: > "$res"; : > "$times"
declare -A ok	# what passed: ok[build/KERNEL], ok[userland/U]
t_all=$(date +%s)

stage() {	# stage NAME CMD...: run and time one stage
	local name=$1 t0 rc; shift
	t0=$(date +%s)
	echo "== $name (at $(elapsed "$t_all")s)" >&2
	"$@"; rc=$?
	printf '%-28s %5ss\n' "$name" "$(elapsed "$t0")" >> "$times"
	return $rc
}
result() { echo "$1 $2" | tee -a "$res"; }
summary() {
	local p f s k extra
	echo "== stage times"; cat "$times"
	[ -z "${ARCHES:-}${TESTS:-}" ] ||
		echo "partial run:${ARCHES:+ ARCHES=\"$ARCHES\"}${TESTS:+ TESTS=\"$TESTS\"}"
	if grep -q '^fail' "$res"; then
		echo "== failures (logs in build/logs/)"
		grep '^fail' "$res" | cut -c1-200 | head -20
	fi
	p=$(grep -c '^pass' "$res"); f=$(grep -c '^fail' "$res")
	s=$(grep -c '^skip' "$res"); k=$(grep -c '^skip [^ ]*: flaky:' "$res")
	extra=; [ "$k" -eq 0 ] || extra=" ($k of them flaky within their rate)"
	echo "$p passed, $f failed, $s skipped$extra"
	[ "$f" -eq 0 ]
}

# triaged LIST RESULTS: RESULTS through tests/known-failures into the
# run's results; a triage that fails or says nothing is a failure itself
triaged() {
	local out rc
	out=$(./scripts/triage.sh "$1" "$2"); rc=$?
	[ -z "$out" ] || printf '%s\n' "$out" | tee -a "$res"
	if [ "$rc" -ne 0 ] || [ -z "$out" ]; then
		result fail "$1: triage.sh exited $rc with ${out:+some}${out:-no} result ($2)"
	fi
}

# want NAME: is arches/NAME in this run (ARCHES)?
want() {
	local w
	[ -n "${ARCHES:-}" ] || return 0
	for w in $ARCHES; do
		case $1 in "$w"|"$w"-*) return 0 ;; esac
	done
	return 1
}

if ! stage setup ./scripts/setup.sh; then
	result fail setup; summary; exit 1
fi
if stage apply ./scripts/tree.sh apply; then
	result pass "series/apply"
	if ./scripts/tree.sh roundtrip; then result pass "series/roundtrip"
	else result fail "series/roundtrip"; fi
else
	result fail "series/apply"; summary; exit 1
fi

# baseline/results.md speaks of one series (its tree): a stale one is a failure
# (tests/known-failures may say why it is not rerun yet)
baseline_stamp baseline/results.md build/linux > build/results/baseline-stamp.txt
triaged baseline build/results/baseline-stamp.txt

checkpatch() {
	local p out
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		# No upstream history here to check commit ids against.
		# An absolute path: checkpatch reads a path that git tracks in
		# the current directory as a source file, not as a patch.
		# Debian's python3 (first in PATH) has ply for spdxcheck.py.
		# A checkpatch that could not run (exit status) fails too.
		out=$(PATH=/usr/bin:$PATH build/linux/scripts/checkpatch.pl \
			--strict --terse --ignore UNKNOWN_COMMIT_ID,FILE_PATH_CHANGES \
			"$top/patches/$p" 2>&1); rc=$?
		out=$(grep -E 'ERROR|WARNING|CHECK|Error|No such file|Can.t locate' <<< "$out")
		if [ "$rc" -eq 0 ] && [ -z "$out" ]; then result pass "checkpatch/$p"
		else echo "$out"; result fail "checkpatch/$p: exit $rc"; fi
	done < patches/series
}
stage checkpatch checkpatch

# build NAME: its kernel, then W=1 on the .c files of KVM_DIRS the series
# touches
build() {
	local objs=() d
	load_arch "$1"
	if ./scripts/kbuild.sh "$NAME" series; then
		result pass "build/$NAME"; ok[build/$KERNEL]=1
	else
		result fail "build/$NAME"; return 1
	fi
	[ -n "$KVM_DIRS" ] || return 0
	# shellcheck disable=SC2086
	mapfile -t objs < <(git -C build/linux diff --name-only base..HEAD -- $KVM_DIRS |
		grep '\.c$' | sed 's/\.c$/.o/' | while read -r d; do
			[ ! -f "build/obj/series-$KERNEL/$d" ] || echo "$d"
		done)
	[ ${#objs[@]} -gt 0 ] || return 0
	if ./scripts/kbuild.sh "$NAME" series "${objs[@]}" W=1; then
		result pass "build/$NAME-W=1"
	else
		result fail "build/$NAME-W=1"
	fi
}
# The kernels the wanted boots and compile-only builds need.
kernels=" "
for a in $(arches); do
	want "$a" || continue
	kernels+=$(load_arch "$a"; { [ "$CHECK" = boot ] || [ "$CHECK" = build ]; } && echo "$KERNEL ")
done
[ "$kernels" != " " ] || result fail "ARCHES=\"${ARCHES:-}\" names no arches/ file that make check builds"

# side: what no boot needs (the compile-only kernels, Debian's configs,
# the docs), at the lowest CPU priority beside the user programs' builds
# and the boots, which leave part of the 2 cores idle (an arm64 TCG boot
# keeps 1.2 of them busy on average). Results and times go to files of
# their own, merged after the boots.
side() {
	local a rc
	res=$top/build/results/side.txt times=$top/build/logs/times-side.txt
	renice -n 19 -p "$BASHPID" >/dev/null
	for a in $side_kernels; do stage "build-$a" build "$a"; done
	# Distribution configs (configure only; make distro builds), docs.
	for a in $(arches_with CHECK distro); do
		want "$a" || continue
		stage "distro-$a" ./scripts/distro.sh config "$a" > "build/results/distro-$a.txt"
		rc=$?
		grep -E '^(pass|fail) ' "build/results/distro-$a.txt" | tee -a "$res" ||
			result fail "distro/$a: no result (build/results/distro-$a.txt)"
		[ "$rc" -eq 0 ] || grep -q '^fail ' "build/results/distro-$a.txt" ||
			result fail "distro/$a: distro.sh exited $rc with no failing result"
	done
	stage docs ./scripts/htmldocs.sh > build/results/docs.txt
	rc=$?
	grep -E '^(pass|fail) ' build/results/docs.txt | tee -a "$res" ||
		result fail "docs: no result (build/results/docs.txt)"
	[ "$rc" -eq 0 ] || grep -q '^fail ' build/results/docs.txt ||
		result fail "docs: htmldocs.sh exited $rc with no failing result"
	return 0
}
side_kernels=
for a in $(arches); do
	case $kernels in *" $a "*) ;; *) continue ;; esac
	(load_arch "$a"; [ "$KERNEL" = "$NAME" ] && [ "$CHECK" = build ]) || continue
	side_kernels+=" $a"
done
for a in $(arches); do
	case $kernels in *" $a "*) ;; *) continue ;; esac
	case "$side_kernels " in *" $a "*) continue ;; esac
	(load_arch "$a"; [ "$KERNEL" = "$NAME" ]) || continue
	stage "build-$a" build "$a"
done
# One kernel build at a time: the side starts after the booted kernels.
# Its files are emptied here, so a side that dies at once merges nothing
# of an earlier run. It is tied to this script: a make check killed (or
# stopped with Ctrl-C) takes its side stages with it.
: > build/results/side.txt; : > build/logs/times-side.txt
tied $$ side > build/logs/side.log 2>&1
side_pid=$!

stage tooling ./scripts/test-tooling.sh > build/results/tooling.txt
rc=$?
tee -a "$res" < build/results/tooling.txt
# A failing case is a result line already; an exit status without one is
# the script's own failure.
[ "$rc" -eq 0 ] || grep -q '^fail ' build/results/tooling.txt ||
	result fail "tooling: test-tooling.sh exited $rc with no failing case"

# lists_of USERLAND: the lists of this check's boots on USERLAND
lists_of() {
	local a
	for a in $(arches_with CHECK boot); do
		want "$a" || continue
		(load_arch "$a"; [ "$USERLAND" != "$1" ] || echo "$LIST")
	done
}

# userland NAME: what NAME's boots run, built for its USERLAND: the KVM
# selftests their lists name (SELFTESTS=kvm), guest/init.c and PROGS
userland() {
	local p good=1
	load_arch "$1"
	if [ "$SELFTESTS" = kvm ]; then
		# shellcheck disable=SC2046 # one word per list path
		./scripts/selftests.sh "$NAME" series $(lists_of "$USERLAND") || good=
	fi
	for p in guest/init.c $PROGS; do
		./scripts/progs.sh "$NAME" "$p" -I build/linux/tools/testing/selftests || good=
	done
	if [ -n "$good" ]; then
		result pass "userland/$USERLAND"; ok[userland/$USERLAND]=1
	else
		result fail "userland/$USERLAND"
	fi
}

for a in $(arches_with CHECK boot); do
	want "$a" || continue
	load_arch "$a"
	if [ -z "${ok[build/$KERNEL]:-}" ]; then
		result fail "$a: not booted, its kernel did not build"; continue
	fi
	if [ -z "${ok[userland/$USERLAND]+set}" ]; then
		ok[userland/$USERLAND]=
		stage "userland-$USERLAND" userland "$a"
	fi
	if [ -z "${ok[userland/$USERLAND]}" ]; then
		result fail "$a: not booted, its tests did not build"; continue
	fi
	l=$(basename "$LIST" .list)
	if [ -n "${TESTS:-}" ]; then	# the entries TESTS keeps, same list name
		mkdir -p "build/lists/$a"
		TESTS=$TESTS awk '/^[ \t]*(#|$)/ || $1 ~ ENVIRON["TESTS"]' "$LIST" > "build/lists/$a/$l.list"
		LIST=build/lists/$a/$l.list
		grep -qv '^[[:space:]]*\(#\|$\)' "$LIST" || continue
		tests_kept=1
	fi
	stage "boot-$a" ./scripts/run-list.sh "$a" series "$LIST"
	rc=$?
	[ "$rc" -eq 0 ] ||
		result fail "$a: run-list.sh exited $rc (log: build/logs/boot-series-$a-$l.log)"
	if [ ! -s "build/results/series-$a-$l.txt" ]; then
		result fail "$a: no result (build/results/series-$a-$l.txt)"
	fi
	triaged "$l" "build/results/series-$a-$l.txt"
done
[ -z "${TESTS:-}" ] || [ -n "${tests_kept:-}" ] ||
	result fail "TESTS=\"$TESTS\" matches no entry of the lists this run boots"

# The side stages: what they printed, their results and times. A side
# that died (a signal, an error of the shell) fails even when the results
# it wrote before look good.
stage side-wait wait "$side_pid"
rc=$?
echo "== side stages (beside the user programs and boots; log: build/logs/side.log)"
cat build/logs/side.log
cat build/results/side.txt >> "$res"
[ "$rc" -eq 0 ] || result fail "side stages: exited $rc (log: build/logs/side.log)"
{ echo "-- beside the user programs and boots (not in the sum; side-wait is):"
  cat build/logs/times-side.txt; } >> "$times"
summary
