#!/bin/bash
# boot.sh - one boot of a kernel in QEMU TCG, watched.
#
#   boot.sh NAME VARIANT CPIO LOG [CMDLINE...]
#
# Boots build/obj/VARIANT-KERNEL/IMAGE of arches/NAME with CPIO as its
# initramfs; the console goes to LOG as it comes (carriage returns dropped
# when the boot ends), and
# LOG.status gets scripts/status.sh's verdict. A watchdog stops a boot whose
# console stays silent for STALL_TIMEOUT s (default TEST_TIMEOUT + 60: the
# init kills a test at TEST_TIMEOUT, and reports one it cannot kill 10 s
# later) or that runs longer than BOOT_TIMEOUT s; it pauses the guest,
# writes "@@ STALL why" and "@@ CPU n in SYMBOL" for each vCPU (from QEMU's
# registers and System.map) into the log, and on an arch with NMI=yes
# resumes it and sends an NMI, whose panic prints every CPU's backtrace,
# before it kills QEMU. LOG.qemu is the QEMU command line of the boot, to
# run it again by hand; LOG.ktap the KTAP document the init wrote
# (scripts/ktap.py --extract), for tools/testing/kunit/kunit.py parse
# LOG.ktap.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

load_arch "$1"; variant=$2 cpio=$3 log=$4; shift 4
obj=$top/build/obj/$variant-$KERNEL
[ -f "$obj/$IMAGE" ] || die "no kernel $obj/$IMAGE: run scripts/kbuild.sh $NAME $variant"
# printk.devkmsg=on: the init's KTAP records (/dev/kmsg) are not rate-limited
cmdline="$CMDLINE panic=-1 oops=panic printk.time=1 printk.devkmsg=on TEST_TIMEOUT=$TEST_TIMEOUT $*"
tmp=$(mktemp -d /tmp/boot.XXXXXX)
sock=$tmp/monitor raw=$log pid=
trap '[ -z "$pid" ] || kill -9 $pid 2>/dev/null; rm -rf "$tmp"' EXIT

# monitor CMD: QEMU's answer to a monitor command, empty if it gives none
# (no socket, no answer in 10 s: not an error that may end this script
# before the status is written)
monitor() {
	{ echo "$1"; sleep 2; } |
		timeout 10 socat - "UNIX-CONNECT:$sock" 2>/dev/null | tr -d '\r' || :
}

# where: "@@ CPU n in SYMBOL" for each vCPU (lib.sh cpu_where)
where() {
	local regs
	regs=$(monitor 'info registers -a')
	if [ -z "$regs" ]; then
		echo "@@ CPU none: the QEMU monitor did not answer"
		return
	fi
	cpu_where "$obj/System.map" <<< "$regs"
}

# end_line: end the console's last line if the guest left it open, with
# BEL: lib.sh console_lines makes it "@@ CUT ..." (a line the init cut
# short at "rc=1" of "rc=137" would read as a whole @@ END)
end_line() {
	[ ! -s "$raw" ] || [ "$(tail -c 1 "$raw" | wc -l)" = 1 ] || printf '\a\n' >> "$raw"
}

# stall WHY: the watchdog's lines, "@@ STALL WHY" and where each vCPU is,
# on lines of their own. The guest is paused first (QEMU's stop: one over
# its budget still prints, and would cut into them).
stall() {
	monitor stop > /dev/null
	end_line
	{ echo "@@ STALL $1"; where; } >> "$raw"
}

rm -f "$log.status"
: > "$raw"
# QEMU_EXTRA: more QEMU arguments for this boot (words; make bench's
# icount mode)
read -ra extra <<< "${QEMU_EXTRA:-}"
qemu=("${QEMU[@]}" "${extra[@]}" -nographic -no-reboot -kernel "$obj/$IMAGE"
      -initrd "$cpio" -append "$cmdline")
# The boot, to run again by hand (without the watchdog's monitor socket).
printf '%q ' "${qemu[@]}" | sed 's/ $/\n/' > "$log.qemu"
"${qemu[@]}" -monitor "unix:$sock,server=on,wait=off" </dev/null >>"$raw" 2>&1 &
pid=$!
t0=$(date +%s) last=$t0 size=0 wd=
while kill -0 "$pid" 2>/dev/null; do
	sleep 2
	now=$(date +%s) s=$(stat -c %s "$raw")
	[ "$s" = "$size" ] || size=$s last=$now
	if [ $((now - last)) -ge "$STALL_TIMEOUT" ]; then
		wd="silent $((now - last))" why="console silent for $((now - last)) s"
	elif [ $((now - t0)) -ge "$BOOT_TIMEOUT" ]; then
		wd="budget $((now - t0))" why="boot over its budget of $BOOT_TIMEOUT s"
	fi
	[ -z "$wd" ] || break
done
if [ -n "$wd" ]; then
	stall "$why"
	if [ "$NMI" = yes ]; then
		monitor cont > /dev/null
		monitor nmi > /dev/null
		for s in $(seq 30); do
			kill -0 "$pid" 2>/dev/null || break; sleep 1
		done
	fi
	kill -9 "$pid" 2>/dev/null || :
fi
wait "$pid" 2>/dev/null || :
pid=
end_line
# A printk record can come out in the middle of a console line (7.3's
# serial consoles print from a thread of their own): lib.sh console_lines
# makes the init's lines whole.
console_lines < "$raw" > "$tmp/log" && mv "$tmp/log" "$log"
"$top/scripts/ktap.py" --extract "$log" > "$log.ktap"
"$top/scripts/status.sh" "$log" "$wd" > "$log.status"
