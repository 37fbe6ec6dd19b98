#!/bin/bash
# results.sh - turn a test boot's console log into one line per result.
#
#   results.sh [--partial] LOG LIST  ->  "pass|fail|skip NAME: detail" lines
#
# The log speaks guest/init.c's protocol (its header). A binary that prints
# TAP ("ok N desc", "not ok N desc", "# SKIP") gives one result per TAP
# line, KUnit's nested cases included; any other binary one result from its
# exit code (0 pass, 4 skip as in kselftest.h). These are failures too:
# a TAP plan ("1..N", at any nesting level) that more results were promised
# by than arrived, a KUnit suite (kunit/...) with no result at all,
# each kernel report (a printk line, lib.sh KREPORT; the first five),
# each object kmemleak reports, what the init could not set up, and, unless
# --partial (a boot the policy runs again from its wedged test), each test
# of LIST that never ended. Whether the boot itself ended well is
# scripts/status.sh's to say, not this parser's.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
partial=0
[ "$1" = --partial ] && { partial=1; shift; }
log=$1 list=$2

awk -v listfile="$list" -v partial=$partial -v ktime="$KTIME" -v kreport="$KREPORT" '
function tap(	line, verdict) {
	ntap[t]++
	line = $0; sub(/^(not )?ok [0-9]+ */, "", line)
	verdict = ($1 == "ok") ? "pass" : "fail"
	if (line ~ /# *(SKIP|skip)/) verdict = "skip"
	if (verdict == "fail") nfail[t]++
	print verdict " " t "/" line
}
BEGIN {
	while ((getline l < listfile) > 0) {
		split(l, a, " ")
		if (a[1] != "" && a[1] !~ /^#/) order[++n] = a[1]
	}
}
# plans(D): check the plans nested deeper than indent D against the
# results that arrived at their level, then forget them
function plans(d,	e) {
	for (e in plan) if (e + 0 > d) {
		if (got[e] < plan[e])
			print "fail " t ": plan 1.." plan[e] " at indent " e ", " got[e] " result" (got[e] == 1 ? "" : "s")
		delete plan[e]; delete got[e]
	}
}
/^@@ TEST / { t = $3; intest = 1; ntap[t] = 0; delete plan; delete got; next }
/^@@ END / {
	t = $3; rc = substr($4, 4); intest = 0
	if (rc == "hung") next		# status.sh: stuck
	done[t]++
	plans(-1)
	if (t ~ /^kunit\// && ntap[t] == 0) {
		print "fail " t ": no KTAP result (rc " rc ")"
		next
	}
	if (ntap[t] == 0 || (rc != 0 && rc != 4 && nfail[t] == 0)) {
		if (rc == 0) print "pass " t ": exit 0"
		else if (rc == 4 && nfail[t] == 0) print "skip " t ": exit 4 (kselftest skip)"
		else print "fail " t ": exit " rc (rc == 137 ? " (killed at TEST_TIMEOUT)" : "")
	}
	next
}
/^@@ INIT / { print "fail init: " substr($0, 9); next }
# After the watchdog stopped the boot, what the kernel prints (an NMI
# panic with the backtrace of every CPU) is its diagnosis (status.sh), not a
# result.
/^@@ STALL / { stall = 1; next }
/^@@ KMEMLEAK$/ { inleak = 1; next }
/^@@ KMEMLEAK END/ { inleak = 0; next }
inleak && /^unreferenced object/ { print "fail kmemleak: " $0; next }
/^@@ / { next }
# A kernel line; what came before it on the same line is
# test output (the console interleaves them).
match($0, ktime) {
	k = substr($0, RSTART + RLENGTH)
	if (!stall && k ~ kreport && nreport++ < 5) print "fail kernel: " k
	if (RSTART == 1) next
	$0 = substr($0, 1, RSTART - 1)
}
# A plan, at its nesting level (a new one at a level replaces the last).
intest && /^[ \t]*1\.\.[0-9]+([ \t]|$)/ {
	match($0, /^[ \t]*/); d = RLENGTH; plans(d)
	p = $1; sub(/^1\.\./, "", p); plan[d] = p + 0; got[d] = 0
	next
}
# KUnit nests its cases (indented) under one line per suite: count cases.
intest && /^[ \t]*(not )?ok [0-9]+ / {
	match($0, /^[ \t]*/); d = RLENGTH; plans(d)
	if (d in got) got[d]++
}
intest && /^[ \t]+(not )?ok [0-9]+ / { nested[t] = 1; sub(/^[ \t]+/, ""); tap(); next }
intest && /^(not )?ok [0-9]+ / { if (!nested[t]) tap(); next }
END {
	if (partial) exit
	for (i = 1; i <= n; i++)
		if (!done[order[i]]-- )
			print "fail " order[i] ": never finished"
}' "$log"
