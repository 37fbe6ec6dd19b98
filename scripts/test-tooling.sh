#!/bin/bash
# test-tooling.sh - the workbench's own tests: its parsers and its policy on
# stored inputs, with the answers expected of them. No kernel, no QEMU:
# seconds. One "pass|fail tooling/..." line per case.
#
#   tests/tooling/logs/CASE/   log, list, watchdog (what boot.sh's watchdog
#                              saw, if anything): status.sh must print
#                              status, results.sh results, and with
#                              --partial results-partial (default: results)
#   tests/tooling/policy       next.sh's answer for each status and history
#   tests/tooling/triage/      triage.sh on results with a known-failures
#   tests/tooling/config/      config-check.sh on a .config and a fragment
set -uo pipefail
. "$(dirname "$0")/lib.sh"
T=$top/tests/tooling
tmp=$(mktemp -d /tmp/tooling.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0

check() {	# check NAME EXPECTED-FILE CMD...: CMD's stdout must be the file
	local name=$1 want=$2; shift 2
	"$@" > "$tmp/out" 2>&1
	if diff -u "$want" "$tmp/out" > "$tmp/diff"; then
		echo "pass tooling/$name"
	else
		echo "fail tooling/$name"; sed 's/^/    /' "$tmp/diff" >&2
		fails=$((fails + 1))
	fi
}

for d in "$T"/logs/*/; do
	c=$(basename "$d")
	wd=$(cat "$d/watchdog" 2>/dev/null || :)
	check "status/$c" "$d/status" "$top/scripts/status.sh" "$d/log" "$wd"
	check "results/$c" "$d/results" "$top/scripts/results.sh" "$d/log" "$d/list"
	p=$d/results-partial; [ -f "$p" ] || p=$d/results
	check "results-partial/$c" "$p" "$top/scripts/results.sh" --partial "$d/log" "$d/list"
done

n=0
while read -r c boot tsc seen arrow want; do
	case "$c" in ''|'#'*) continue ;; esac
	n=$((n + 1))
	[ "$seen" = - ] && : > "$tmp/seen" || tr ',' '\n' <<< "$seen" > "$tmp/seen"
	echo "$want" > "$tmp/want"
	check "policy/$n-$c-boot$boot" "$tmp/want" \
		"$top/scripts/next.sh" "$T/logs/$c/status" "$boot" "$tsc" "$tmp/seen"
done < "$T/policy"

check triage/within "$T/triage/expect" \
	"$top/scripts/triage.sh" x86_64 "$T/triage/results" "$T/triage/known"
check triage/beyond "$T/triage/expect-beyond" \
	"$top/scripts/triage.sh" x86_64 "$T/triage/results-beyond" "$T/triage/known"
check config/every-line "$T/config/expect" \
	"$top/scripts/config-check.sh" "$T/config/config" "$T/config/tree" "$T/config/fragment" "$T/config/fragment2"
# arches_with in an assignment under set -e, as bisect-build.sh uses it:
# a last arches/ file that does not match must not end the caller.
check lib/arches-with-set-e "$T/lib/arches-with" \
	bash -c 'set -e; . "$1/scripts/lib.sh"; a=$(arches_with CHECK none); echo survived' _ "$top"
# The build's warning gate: more warning lines than a pipe holds, one
# warning among genksyms' own, genksyms' alone.
for i in $(seq 3001); do echo "kvm_main.c:1:1: warning: unused [-Wunused]"; done > "$tmp/many.log"
{ echo "parse.y: warning: 1 shift/reduce conflict [-Wconflicts-sr]" |
	sed 's|^|'"$top"'/scripts/genksyms/|'; } > "$tmp/genksyms.log"
{ cat "$tmp/genksyms.log"; echo "arm.c:2:3: warning: x"; } > "$tmp/one.log"
check lib/build-warnings "$T/lib/build-warnings" bash -c \
	'. "$1/scripts/lib.sh"; shift
	 for l; do if build_warnings "$l"; then echo "${l##*/} warnings"; else echo "${l##*/} clean"; fi; done' \
	_ "$top" "$tmp/many.log" "$tmp/one.log" "$tmp/genksyms.log"
[ "$fails" -eq 0 ]
