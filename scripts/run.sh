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
# log is one more failure. A boot that ends without "@@ DONE" and without
# a kernel report (a hung test, a stalled emulator) is booted once more:
# the second boot's results count, and each failure of the first is kept
# as a skip named first-boot/TEST, so that a rare hang is seen, not hidden.
# ~1 min each (x86_64, arm64, ppc64, ppc32, riscv64).
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
	qemu=(qemu-system-x86_64 -M q35 -cpu max -smp 2 -m 2G
	      -append "console=ttyS0 panic=-1 oops=panic${khz:+ tsc_early_khz=$khz}")
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
	      -append "console=hvc0 disable_radix panic=-1 oops=panic")
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

rm -rf "$root"
mkdir -p "$root/bin" "$root/tests"
[ -z "$bb" ] || cp "$bb" "$root/bin/busybox"
cp "$init" "$root/init"
: > "$root/tests/list"
while read -r bin args; do
	case "$bin" in ''|'#'*) continue ;; esac
	if [ -f "$kst/$bin" ]; then f=$kst/$bin
	elif [ -f "$progs/$bin" ]; then f=$progs/$bin
	else echo "$bin" >> "$root/tests/missing"; continue
	fi
	cp "$f" "$root/tests/$(basename "$bin")"
	echo "$(basename "$bin") $args" >> "$root/tests/list"
done < "$list"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$root.cpio.gz"

t0=$(date +%s)
retried=
for try in 1 2 3; do
	timeout --foreground -k 10 "${BOOT_TIMEOUT:-900}" "${qemu[@]}" -nographic \
		-no-reboot -kernel "$obj/$image" -initrd "$root.cpio.gz" \
		</dev/null >"$log" 2>&1 || true
	# An x86 kernel that could not calibrate its TSC against the PIT (a
	# loaded host slows TCG down) gives KVM no TSC frequency, and most
	# selftests fail for that alone: such a boot is not a test run.
	if grep -q 'could not calculate TSC khz' "$log"; then
		echo "run: $name: TSC calibration failed (host too busy), booting again"
		continue
	fi
	# A boot that stopped short of "@@ DONE" without any kernel report (a
	# test hung or the emulator stalled) is booted once more; its failures
	# are kept, as skips that say so, next to the second boot's results.
	finished=$(tr -d '\r' < "$log" | grep -c '^@@ DONE' || true)
	reports=$("$top/scripts/results.sh" "$log" "$root/tests/list" |
		  grep -c '^fail kernel:' || true)
	if [ -z "$retried" ] && [ "$finished" = 0 ] && [ "$reports" = 0 ]; then
		retried=1
		mv "$log" "$log.first"
		echo "run: $name: no @@ DONE and no kernel report; booting once more"
		continue
	fi
	break
done
"$top/scripts/results.sh" "$log" "$root/tests/list" > "$res"
if [ -n "$retried" ]; then
	"$top/scripts/results.sh" "$log.first" "$root/tests/list" |
		sed -n 's/^fail \(.*\)$/skip first-boot\/\1 (first of two boots: the second one counts)/p' >> "$res"
fi
[ -f "$root/tests/missing" ] &&
	sed 's/^\(.*\)$/skip \1: not built from this tree/' "$root/tests/missing" >> "$res"
echo "run: $name: $(cut -d' ' -f1 "$res" | sort | uniq -c | xargs) ($(( $(date +%s) - t0 ))s)"
