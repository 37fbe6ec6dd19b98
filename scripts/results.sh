#!/bin/bash
# results.sh - turn a test boot's console log into one line per result.
#
#   results.sh LOG LIST  ->  "pass|fail|skip NAME: detail" lines on stdout
#
# A binary that prints TAP ("ok N desc", "not ok N desc", "# SKIP") gives one
# result per TAP line; any other binary one result from its exit code
# (0 pass, 4 skip as in kselftest.h). A test that never reports its end, a
# boot that never reaches "@@ DONE", and every kernel splat (BUG, WARNING,
# Oops, KASAN, UBSAN, lockdep, refcount, kmemleak, RCU stall, SLUB debug)
# are failures.
set -uo pipefail
log=$1 list=$2

tr -d '\r' < "$log" | awk -v listfile="$list" '
function tap(	line, verdict) {
	ntap[t]++
	line = $0; sub(/^(not )?ok [0-9]+ */, "", line)
	verdict = ($1 == "ok") ? "pass" : "fail"
	if (line ~ /# *(SKIP|skip)/) verdict = "skip"
	if (verdict == "fail") nfail[t]++
	print verdict " " t "/" line
}
BEGIN {
	while ((getline l < listfile) > 0) { split(l, a, " "); order[++n] = a[1] }
}
/^@@ TEST / { t = $3; intest = 1; ntap[t] = 0; next }
/^@@ END / {
	t = $3; rc = substr($4, 4); done[t] = 1; intest = 0
	if (ntap[t] == 0 || (rc != 0 && rc != 4 && nfail[t] == 0)) {
		if (rc == 0) print "pass " t ": exit 0"
		else if (rc == 4 && nfail[t] == 0) print "skip " t ": exit 4 (kselftest skip)"
		else if (rc == "hung") print "fail " t ": hung in the kernel (" hung ")"
		else print "fail " t ": exit " rc (rc == 137 || rc == 143 ? " (timeout)" : "")
	}
	next
}
/^@@ DONE/ { finished = 1; next }
# scripts/run.sh stopped a wedged boot: why, where each vCPU was, and what
# the kernel printed after (x86: an NMI panic with every CPU'"'"'s backtrace)
# is the diagnosis, not more failures.
/^@@ STALL / { stall = substr($0, 10); next }
/^@@ CPU / { cpus = cpus "; " substr($0, 4); next }
stall != "" {
	if (match($0, /^CPU: [0-9]+ /)) {
		who = "cpu" substr($0, 6, RLENGTH - 6); rip = ""
		if (match($0, /Comm: [^ ]+/)) who = who " " substr($0, RSTART + 6, RLENGTH - 6)
	}
	if (match($0, /RIP: [0-9a-f]+:[^ +]+/)) rip = substr($0, RSTART + 10, RLENGTH - 10)
	if ($0 ~ /<\/NMI>|<TASK>/ && !(who in seen)) {
		seen[who] = 1; st = rip; nfr = (rip != "")
	} else if (nfr < 3 && who in seen && $0 ~ /^ (\? )?[A-Za-z_][A-Za-z0-9_.]*\+0x/) {
		f = $0; sub(/^ (\? )?/, "", f); sub(/\+0x.*/, "", f)
		st = st (nfr++ ? " < " : "") f
		if (nfr == 3) bt = bt "; " who ": " st
	} else if ($0 ~ /<\/TASK>/ && nfr > 0 && nfr < 3) {
		bt = bt "; " who ": " st; nfr = 3
	}
	next
}
/^@@ HUNG / { sub(/^@@ HUNG /, ""); hung = hung $0 " "; next }
# KUnit nests its cases (indented) under one line per suite: count cases.
intest && /^[ \t]+(not )?ok [0-9]+ / { nested[t] = 1; sub(/^[ \t]+/, ""); tap(); next }
intest && /^(not )?ok [0-9]+ / { if (!nested[t]) tap(); next }
/(^|[^a-z_])(BUG:|WARNING:|Oops|Kernel panic|kernel BUG|KASAN|UBSAN|general protection fault|Unable to handle kernel|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|refcount_t:|unreferenced object|hung_task|soft lockup|detected stalls? on CPU|self-detected stall|Poison overwritten|Redzone overwritten|Object already free|Freechain corrupt)/ {
	if (nsplat++ < 5) print "fail kernel: " $0
	next
}
END {
	for (i = 1; i <= n; i++)
		if (order[i] != "" && !done[order[i]])
			print "fail " order[i] ": never finished (timeout or crash)"
	if (!finished)
		print "fail boot: the test init did not reach @@ DONE" \
			(stall != "" ? " (" stall cpus bt ")" : "")
}'
