#!/bin/bash
# run.sh - boot one kernel in QEMU TCG with a list of tests as its init.
#
#   run.sh CONFIG VARIANT LIST
#
# Packs the static test binaries named in LIST (tests/*.list: "binary args"
# per line, binaries from build/kst/VARIANT-CONFIG or build/progs/CONFIG)
# with a static busybox and tests/init into an initramfs, boots
# build/obj/VARIANT-CONFIG under QEMU with a hard timeout, and writes
# build/results/VARIANT-CONFIG-LIST.txt ("pass|fail|skip name: reason").
# The log is build/logs/boot-VARIANT-CONFIG-LIST.log. A kernel splat in the
# log is one more failure. A wedged boot is stopped, diagnosed and booted
# again from the test it wedged in (below). ~1 min each (x86_64, arm64,
# ppc64, ppc32, riscv64).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cfg=$1 variant=$2 list=$3
name=$variant-$cfg-$(basename "$list" .list)
read -r _ _ _ cross _ image < <(grep -m1 '^# arch:' "$top/configs/$cfg.config")
obj=$top/build/obj/$variant-$cfg
kst=$top/build/kst/${KST_VARIANT:-$variant}-${cfg%%-*}
progs=$top/build/progs/${cfg%%-*}
root=$top/build/initramfs/$name
log=$top/build/logs/boot-$name.log
res=$top/build/results/$name.txt
mkdir -p "$(dirname "$log")" "$(dirname "$res")"

# TCG's TSC runs at the host's rate. Calibrating it against the emulated
# PIT fails now and then on a busy host, which leaves KVM without a TSC
# frequency: give the kernel the host's rate instead, where cpuinfo has it.
khz=$(awk '/^cpu MHz/ { printf "%d", $4 * 1000; exit }' /proc/cpuinfo)

# /init: tests/init under busybox where Debian has a static busybox for the
# arch, else tests/init.c built static (scripts/progs.sh CONFIG tests/init.c).
init=$top/tests/init bb=
case $cfg in
x86_64*) bb=/bin/busybox
	# unknown_nmi_panic, panic_print=0x40: the NMI that run.sh sends a
	# wedged guest prints every CPU's backtrace.
	qemu=(qemu-system-x86_64 -M q35 -cpu max -smp 2 -m 2G
	      -append "console=ttyS0 panic=-1 oops=panic unknown_nmi_panic panic_print=0x40${khz:+ tsc_early_khz=$khz}")
	;;
arm64*)	bb=$top/build/dl/busybox-arm64
	# A list named *gicv2* runs on a GICv2 (with virtualization
	# extensions): the host firecracker falls back to.
	gic=3; case $list in *gicv2*) gic=2 ;; esac
	qemu=(qemu-system-aarch64 -M virt,virtualization=on,gic-version=$gic
	      -cpu max -smp 2 -m 2G
	      -append "console=ttyAMA0 panic=-1 oops=panic")
	;;
ppc64*)	init=$progs/init
	qemu=(qemu-system-ppc64 -M pseries,ic-mode=xics -cpu POWER8 -smp 2 -m 1G
	      -append "console=hvc0 disable_radix panic=-1 oops=panic slub_debug=FPZ")
	;;
ppc32*)	init=$progs/init
	qemu=(qemu-system-ppc -M ppce500 -cpu e500v2 -m 512M
	      -append "console=ttyS0 panic=-1 oops=panic")
	;;
riscv64*) init=$progs/init
	# The guest's serial IRQ dies under the AIA: the polled SBI console.
	qemu=(qemu-system-riscv64 -M virt,aia=aplic-imsic,aia-guests=3
	      -cpu rv64,h=true -bios default -smp 2 -m 1G
	      -append "console=hvc0 earlycon=sbi panic=-1 oops=panic")
	;;
*) echo "run: no QEMU line for $cfg" >&2; exit 1 ;;
esac

# Every binary of LIST goes into the initramfs once; each boot gets its own
# /tests/list, a part of LIST (see below).
rm -rf "$root"
mkdir -p "$root/bin" "$root/tests"
[ -z "$bb" ] || cp "$bb" "$root/bin/busybox"
cp "$init" "$root/init"
all=$root.list todo=$root.todo
: > "$all"; rm -f "$root.missing"
while read -r bin args; do
	case "$bin" in ''|'#'*) continue ;; esac
	if [ -f "$kst/$bin" ]; then f=$kst/$bin
	elif [ -f "$progs/$bin" ]; then f=$progs/$bin
	else echo "$bin" >> "$root.missing"; continue
	fi
	cp "$f" "$root/tests/$(basename "$bin")"
	echo "$(basename "$bin") $args" >> "$all"
done < "$list"

stall=${STALL_TIMEOUT:-360} limit=${BOOT_TIMEOUT:-900}
sock=$(mktemp -u /tmp/run-monitor.XXXXXX)
pid=
trap '[ -z "$pid" ] || kill -9 $pid 2>/dev/null; rm -f "$sock"' EXIT

monitor() {	# monitor CMD: QEMU's answer to a monitor command
	{ echo "$1"; sleep 2; } |
		timeout 10 socat - "UNIX-CONNECT:$sock" 2>/dev/null | tr -d '\r'
}

# where: "@@ CPU n in SYMBOL" for each vCPU, from its program counter and
# the kernel's System.map ("outside the kernel" is user space, firmware or
# a nested guest: QEMU shows the registers of the level that runs).
where() {
	local regs
	regs=$(monitor 'info registers -a')
	if [ -z "$regs" ]; then
		echo "@@ CPU none: the QEMU monitor did not answer"
		return
	fi
	awk -v map="$obj/System.map" '
	BEGIN {
		while ((getline l < map) > 0) {
			split(l, f, " ")
			if (f[2] ~ /^[tTwW]$/) { a[++n] = tolower(f[1]); s[n] = f[3] }
		}
	}
	function say(pc,	i, w, r) {
		pc = tolower(pc); w = length(a[1])
		while (length(pc) < w) pc = "0" pc
		r = "outside the kernel (" pc ")"
		if (n && length(pc) == w && pc >= a[1] && pc < a[n])
			for (i = n; i >= 1; i--)
				if (a[i] <= pc) { r = "in " s[i]; break }
		printf "@@ CPU %s %s%s\n", cpu, r, halted ? ", halted" : ""
	}
	/^CPU#[0-9]+/ { cpu = substr($1, 5); halted = 0; next }
	/HLT=1/ { halted = 1 }
	match($0, /(RIP=|EIP=|PC=|NIP )[0-9a-fA-F]+/) {
		v = substr($0, RSTART, RLENGTH); sub(/^(RIP=|EIP=|PC=|NIP )/, "", v)
		say(v); next
	}
	/^ pc +[0-9a-fA-F]+/ { say($2) }' <<< "$regs"
}

# boot LIST LOG: one boot running the tests of LIST. A boot whose console
# stays silent for STALL_TIMEOUT s (the init ends any test after 310 s, so
# the guest or the emulator is wedged), or that runs longer than
# BOOT_TIMEOUT s, is stopped: the log gets "@@ STALL why", where each vCPU
# was, and on x86 the backtraces of an NMI panic (unknown_nmi_panic,
# panic_print=0x40 on its command line).
boot() {
	local blist=$1 blog=$2 t0 now last size s why=
	cp "$blist" "$root/tests/list"
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$root.cpio.gz"
	rm -f "$sock"
	: > "$blog"
	"${qemu[@]}" -nographic -no-reboot -kernel "$obj/$image" \
		-initrd "$root.cpio.gz" -monitor "unix:$sock,server=on,wait=off" \
		</dev/null >>"$blog" 2>&1 &
	pid=$!
	t0=$(date +%s) last=$t0 size=0
	while kill -0 "$pid" 2>/dev/null; do
		sleep 2
		now=$(date +%s) s=$(stat -c %s "$blog")
		[ "$s" = "$size" ] || size=$s last=$now
		if [ $((now - last)) -ge "$stall" ]; then
			why="console silent for $((now - last)) s"
		elif [ $((now - t0)) -ge "$limit" ]; then
			why="boot still running after $limit s"
		fi
		[ -z "$why" ] || break
	done
	if [ -n "$why" ]; then
		echo "@@ STALL $why" >> "$blog"
		where >> "$blog"
		case $cfg in x86_64*)
			monitor nmi > /dev/null
			for s in $(seq 30); do
				kill -0 "$pid" 2>/dev/null || break; sleep 1
			done ;;
		esac
		kill -9 "$pid" 2>/dev/null || :
	fi
	wait "$pid" 2>/dev/null || :
	pid=
}

# Boot, and boot again after a wedged boot: one that ends without
# "@@ DONE" and without a kernel report (a test hung in the kernel, a
# silent console, a crash that printed nothing). The test it wedged in
# shows as "skip hang/TEST" with the diagnosis, and the next boot runs the
# list from that test on; a test that wedges a second boot is "fail
# hang/TEST", and the boot after runs the rest. Every other test keeps the
# result of the one boot that ran it to its end, so one hang neither hides
# nor costs the results of the tests after it.
# An x86 boot that could not calibrate its TSC (a busy host) is no test
# run: it is booted again, at most twice.
t0=$(date +%s)
cp "$all" "$todo"
: > "$res"
n=0 tsc=0 wedged=
while [ -s "$todo" ]; do
	n=$((n + 1)) blog=$log
	[ $n = 1 ] || blog=${log%.log}.boot$n.log
	boot "$todo" "$blog"
	if grep -q 'could not calculate TSC khz' "$blog" && [ $tsc -lt 2 ]; then
		echo "run: $name: TSC calibration failed (host too busy), booting again"
		tsc=$((tsc + 1)) n=$((n - 1))
		continue
	fi
	out=$("$top/scripts/results.sh" "$blog" "$todo")
	# KUnit runs at every boot: its results count once.
	[ $n = 1 ] || out=$(grep -vE '^[a-z]+ kunit[/:]' <<< "$out" || :)
	t=$(sed -n 's/^fail \([^ :]*\): \(never finished\|hung in the kernel\).*/\1/p' <<< "$out" | head -1)
	if tr -d '\r' < "$blog" | grep -q '^@@ DONE' ||
	   grep -q '^fail kernel:' <<< "$out" || [ -z "$t" ]; then
		echo "$out" >> "$res"
		break
	fi
	# A boot that wedged before it started the test (the kernel itself), or
	# the fourth boot, is not booted again: its results stand as they are.
	if ! tr -d '\r' < "$blog" | grep -qx "@@ TEST $t" || [ $n -ge 4 ]; then
		echo "$out" >> "$res"
		break
	fi
	# The diagnosis: the stall's (results.sh), or the wait channel the
	# init gave for a test it could not kill.
	why=$(sed -n -e 's/^fail boot: the test init did not reach @@ DONE (/(/p' \
		-e "s/^fail $t: hung in the kernel *//p" <<< "$out" | paste -sd' ')
	grep -v -e '^fail [^ ]*: never finished' -e '^fail boot:' \
		-e "^fail $t: hung in the kernel" <<< "$out" >> "$res" || :
	k=$(awk -v t="$t" '$1 == t { print NR; exit }' "$todo")
	if grep -qx "$t" <<< "$wedged"; then
		echo "fail hang/$t: wedged boot $n too${why:+ $why}" >> "$res"
		k=$((k + 1))
	else
		echo "skip hang/$t: wedged boot $n, run again in the next${why:+ $why}" >> "$res"
		wedged=$wedged$t$'\n'
	fi
	tail -n +"$k" "$todo" > "$todo.next" && mv "$todo.next" "$todo"
	echo "run: $name: boot $n wedged in $t ${why:-(no diagnosis)}"
done
[ -f "$root.missing" ] &&
	sed 's/^\(.*\)$/skip \1: not built from this tree/' "$root.missing" >> "$res"
echo "run: $name: $(cut -d' ' -f1 "$res" | sort | uniq -c | xargs) ($(( $(date +%s) - t0 ))s, $n boot$([ $n = 1 ] || echo s))"
