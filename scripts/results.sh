#!/bin/bash
# results.sh - turn a test boot's console log into one line per result.
#
#   results.sh [--partial] LOG LIST  ->  "pass|fail|skip NAME: detail" lines
#
# The log speaks guest/init.c's protocol (its header). The tests' results
# come from the KTAP document the init wrote beside it (scripts/ktap.py,
# which parses it with the kernel's kunit_parser.py): one per case, or one
# from a test's exit code, and a failure for each plan more results were
# promised by than arrived, each suite with no case. These are failures
# too: each kernel report (a printk line, lib.sh KREPORT; the first five),
# records the console dropped (the document may miss some),
# each object kmemleak reports, what the init could not set up, and, unless
# --partial (a boot the policy runs again from its wedged test), each test
# of LIST that never ended. Whether the boot itself ended well is
# scripts/status.sh's to say, not this parser's.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
partial=0
[ "$1" = --partial ] && { partial=1; shift; }
log=$1 list=$2

"$top/scripts/ktap.py" "$log" || echo "fail ktap: scripts/ktap.py exited $?"
awk -v listfile="$list" -v partial=$partial -v ktime="$KTIME" -v kreport="$KREPORT" \
	-v endre="$END_RE" '
BEGIN {
	while ((getline l < listfile) > 0) {
		split(l, a, " ")
		if (a[1] != "" && a[1] !~ /^#/) order[++n] = a[1]
	}
}
$0 ~ endre { if ($4 != "rc=hung") done[$3]++; next }	# hung: status.sh
/^@@ INIT / { print "fail init: " substr($0, 9); next }
# After the watchdog stopped the boot, what the kernel prints (an NMI
# panic with the backtrace of every CPU) is its diagnosis (status.sh), not a
# result.
/^@@ STALL / { stall = 1; next }
/^@@ KMEMLEAK$/ { inleak = 1; next }
/^@@ KMEMLEAK END/ { inleak = 0; next }
inleak && /^unreferenced object/ { print "fail kmemleak: " $0; next }
# The console skipped records the printk buffer no longer held: kernel
# messages, or lines of the KTAP document of any test, may be lost.
!stall && match($0, /\*\* [0-9]+ printk messages dropped \*\*/) {
	print "fail kernel: " substr($0, RSTART, RLENGTH) " (kernel messages or KTAP records lost)"
}
/^@@ / { next }
# A kernel line (the console may print it after test output on the same
# line); a KTAP record of the init (ktap: ...) is what a test printed.
match($0, ktime) {
	k = substr($0, RSTART + RLENGTH)
	if (!stall && k !~ /^ktap: / && k ~ kreport && nreport++ < 5)
		print "fail kernel: " k
}
END {
	if (partial) exit
	for (i = 1; i <= n; i++)
		if (!done[order[i]]-- )
			print "fail " order[i] ": never finished"
}' "$log"
