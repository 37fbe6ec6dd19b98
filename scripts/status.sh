#!/bin/bash
# status.sh - what became of one boot, from its log: one machine-readable
# status for scripts/next.sh (the retry policy), never for people.
#
#   status.sh LOG [WATCHDOG]  ->  key=value lines on stdout
#
# WATCHDOG is what scripts/boot.sh's watchdog saw, if it stopped the boot:
# "silent SECS" (the console said nothing for SECS) or "budget SECS" (the
# boot ran longer than its budget while the console kept printing).
#
#   status=   done           the init reached @@ DONE
#             host           the kernel printed the arch's HOST_FLAW (the
#                            host spoiled the boot), no test ran (boot again)
#             kernel-report  the kernel printed a report and the boot ended
#             stuck          a test could not be killed (wchan=)
#             silent         the watchdog: console silent
#             budget         the watchdog: over budget, tests still printing
#             ended          QEMU exited without @@ DONE and without a report
#   test=     the test that was running (empty: none had started)
#   index=    its position among the tests this boot ran (1 = first)
#   detail=   one line for people: the watchdog, where each vCPU was, the
#             first frames of each CPU's NMI backtrace, the wait channel
set -uo pipefail
. "$(dirname "$0")/lib.sh"
log=$1 wd=${2:-}

awk -v wd="$wd" -v ktime="$KTIME" -v kreport="$KREPORT" -v endre="$END_RE" '
/^@@ HOST / { host = 1 }
/^@@ DONE/ { done = 1 }
/^@@ TEST / { t = $3; if (t !~ /^kunit\//) idx++; next }
$0 ~ endre { if ($4 == "rc=hung") stuck = 1; else t = ""; next }
/^@@ HUNG / { sub(/^@@ HUNG /, ""); wchan = wchan (wchan == "" ? "" : ", ") $0; next }
/^@@ STALL / { stall = substr($0, 10); next }
/^@@ CPU / { cpus = cpus "; " substr($0, 4); next }
/^@@ KMEMLEAK$/ { inleak = 1; next }
/^@@ KMEMLEAK END/ { inleak = 0; next }
match($0, ktime) {
	k = substr($0, RSTART + RLENGTH)
	if (stall != "") {
		# After the watchdog (NMI=yes: the panic prints the backtrace of
		# every CPU), the first 3 frames of each CPU: the program counter
		# of its register dump (the show_regs() line of the kernel: x86 "RIP:
		# 0010:", arm64 and riscv "pc :"/"epc :", ppc "NIP [...]"),
		# wherever it is printed, then the frames of the stack without
		# those of the NMI or interrupt that printed them (<NMI>, <IRQ>
		# sections), a frame repeated next to itself once.
		if (match(k, /^CPU: [0-9]+ /)) {
			digest()
			who = "cpu" substr(k, 6, RLENGTH - 6); st = ""; nfr = 0; skip = 0; last = ""
			if (match(k, /Comm: [^ ]+/)) who = who " " substr(k, RSTART + 6, RLENGTH - 6)
		} else if (k ~ /^ *<(NMI|IRQ)>/) skip = 1
		else if (k ~ /^ *<\/(NMI|IRQ)>/) skip = 0
		else if (who != "" && nfr == 0 &&
			 k ~ /^(RIP: [0-9a-f]+:|e?pc : |NIP +\[[0-9a-f]+\] )[A-Za-z_]/)
			frame(k)
		else if (who != "" && !skip && nfr < 3 &&
			 k ~ /^( +(\? )?|\[[0-9a-f]+\] \[[0-9a-f]+\] )[A-Za-z_][A-Za-z0-9_.]*\+0x[0-9a-f]+\/0x/)
			frame(k)
		next
	}
	if (k !~ /^ktap: / && k ~ kreport && report == "") report = k
}
# frame LINE: the function of the first SYM+0xOFF/0xLEN in LINE, a frame
function frame(l,	f) {
	match(l, /[A-Za-z_][A-Za-z0-9_.]*\+0x[0-9a-f]+\/0x/)
	f = substr(l, RSTART, RLENGTH); sub(/\+0x.*/, "", f)
	if (f == last) return
	st = st (nfr++ ? " < " : "") f; last = f
}
# digest: the frames of the CPU just read, once per CPU
function digest() {
	if (who != "" && nfr > 0 && !(who in seen)) bt = bt "; " who ": " st
	if (who != "") seen[who] = 1
	who = ""
}
END {
	digest()
	split(wd, w, " ")
	if (host) s = "host"
	else if (done) s = "done"
	else if (report != "") s = "kernel-report"
	else if (stuck) s = "stuck"
	else if (w[1] == "silent") s = "silent"
	else if (w[1] == "budget") s = "budget"
	else s = "ended"
	d = stall cpus bt
	if (s == "kernel-report") d = report
	if (s == "stuck") d = wchan
	if (s == "ended") d = "QEMU exited without @@ DONE and without a kernel report"
	sub(/^; /, "", d)
	print "status=" s
	print "test=" (s == "done" || s == "host" ? "" : t)
	print "index=" (t == "" ? 0 : idx)
	print "detail=" d
}' "$log"
