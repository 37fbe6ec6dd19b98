#!/bin/bash
# triage.sh - apply tests/known-failures to the results of one list.
#
#   triage.sh LIST RESULTS [KNOWN]  ->  result lines, prefixed with LIST/
#
# LIST is the list's name (x86_64, arm64-gicv2, ...), RESULTS a run-list.sh
# results file, KNOWN the triage file (default tests/known-failures; its
# header says what the kinds mean). A known "fail" becomes "skip ... (known:
# REASON)", unless the failure is that it was not built, never finished or
# gave no KTAP result; the runs of a "flaky" test (and its hang/ and budget/ results)
# become one result "... (flaky: F of N runs failed, allowed A/B: REASON)";
# a run that skipped is not a run, and a flaky test none of whose runs ran
# fails (a lost capability must not read as a pass).
# The first matching line of KNOWN wins.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
list=$1 results=$2 known=${3:-$top/tests/known-failures}

# (the known file by its name: an empty one has no first line to count)
awk -v l="$list" '
FILENAME == ARGV[1] {
	if ($0 ~ /^#/ || NF < 3 || $1 != l) next
	k = ++nk; pre[k] = $2; kind[k] = $3
	$1 = $2 = $3 = ""; sub(/^ +/, ""); why[k] = $0
	next
}
function entry(name,	i, n) {
	n = name; sub(/^(hang|budget)\//, "", n)
	for (i = 1; i <= nk; i++) if (index(n, pre[i]) == 1) return i
	return 0
}
{
	v = $1; rest = $0; sub(/^[a-z]+ /, "", rest)
	name = rest; sub(/[: ].*/, "", name)
	e = entry(name)
	if (e && kind[e] ~ /^flaky:/) {
		if (!(e in seen)) order[++no] = "F" e
		seen[e] = 1
		if (v == "skip" && name !~ /^(hang|budget)\//) { skips[e]++; next }
		runs[e]++; if (v == "fail" || name ~ /^(hang|budget)\//) fails[e]++
		next
	}
	# A known failure is a documented way of failing; a test that was
	# not built, never finished or gave no result did not fail that way.
	if (e && v == "fail" && kind[e] == "fail" &&
	    rest !~ /: (not built from this tree|never finished|no KTAP result)/) {
		v = "skip"; rest = rest " (known: " why[e] ")"
	}
	order[++no] = v " " l "/" rest
}
END {
	for (i = 1; i <= no; i++) {
		if (order[i] !~ /^F[0-9]+$/) { print order[i]; continue }
		e = substr(order[i], 2); split(substr(kind[e], 7), r, "/")
		nf = fails[e] + 0
		if (runs[e] == 0)
			print "fail " l "/" pre[e] ": no run: " skips[e] " skipped (a flaky test must run)"
		else if (nf == 0) print "pass " l "/" pre[e] ": " runs[e] (runs[e] == 1 ? " run" : " runs")
		else if (nf * r[2] <= r[1] * runs[e])
			print "skip " l "/" pre[e] ": flaky: " nf " of " runs[e] " runs failed, allowed " r[1] "/" r[2] " (" why[e] ")"
		else
			print "fail " l "/" pre[e] ": " nf " of " runs[e] " runs failed, beyond the " r[1] "/" r[2] " allowed for a flaky test"
	}
}' "$known" "$results"
