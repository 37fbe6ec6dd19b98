#!/bin/bash
# bench/run.sh - the series against its base (patches/BASE), side by side, one run.
#
# For each arch of ARCHES (default "x86_64 arm64 ppc64"): builds the base
# and the patched kernel (same fragment), builds bench/devbench.c once,
# statically, and for each mode of BENCH_MODES (default "tcg icount")
# boots base and patched alternately BOOTS times (default 3) under the
# same QEMU line with the same initramfs. Prints one table per arch, five
# columns per mode (median of the per-boot medians, ratio patched/base,
# spread, verdict) and writes
# bench/results.md. Then, where arches/ARCH-debug exists, boots the
# series' debug kernel (KASAN, kmemleak, lockdep) once with "devbench mem"
# (bench/leak.list) and reports its memory rounds and the leak scan.
# Costs: README.
set -euo pipefail

. "$(dirname "$0")/../scripts/lib.sh"
cd "$top"
out=bench/results.md
boots=${BOOTS:-3}
# tcg: QEMU's emulated time (the clock runs with the host); icount: QEMU
# -icount shift=0,sleep=off, one guest nanosecond per guest instruction,
# on one host thread: the same work counts the same on any host or load.
modes=$(echo ${BENCH_MODES:-tcg icount})
for mode in $modes; do
	case $mode in tcg|icount) ;; *) die "BENCH_MODES: tcg or icount, not $mode" ;; esac
done
[ -n "$modes" ] || die "BENCH_MODES names no mode"
[ "$boots" -ge 1 ] 2>/dev/null || die "BOOTS must be 1 or more, not $boots"
./scripts/setup.sh >/dev/null
./scripts/tree.sh apply >/dev/null

{
	echo "# devbench: base $(base_series) vs the series"
	echo
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`make bench\`; $boots boots of each"
	echo "kernel, alternated, same QEMU line, initramfs and binary."
	echo "Host CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)" \
	     "($(nproc) cores). $(qemu-system-x86_64 --version | head -1)."
	echo "Modes: $modes. tcg: QEMU TCG's emulated time, which follows the"
	echo "host's clock and load; compare ratios only. icount: QEMU"
	echo "\`-icount shift=0,sleep=off\`, guest time counts guest instructions"
	echo "(1 ns each) on a single host thread, whatever the host's load"
	echo "(the spread shows how far that holds). ratio = patched/base"
	echo "of the median over boots of each boot's median (ns per call);"
	echo "spread = largest (max-min)/median over the boots of either kernel;"
	echo "verdict \"faster\"/\"slower\" only when no boot of one kernel overlaps"
	echo "any boot of the other and the ratio is off 1 by more than 2%,"
	echo "else \"same\"."
} > "$out"

for cfg in ${ARCHES:-x86_64 arm64 ppc64}; do
	for v in base series; do
		./scripts/kbuild.sh "$cfg" "$v"
	done
	./scripts/progs.sh "$cfg" bench/devbench.c
	for mode in $modes; do
		d=build/bench/$cfg/$mode
		rm -rf "$d"; mkdir -p "$d"
		# icount runs on one host thread: slower boots, a longer budget
		extra= boot_timeout=1200
		[ "$mode" = tcg ] || extra="-icount shift=0,sleep=off" boot_timeout=2400
		for i in $(seq "$boots"); do
			for v in base series; do
				QEMU_EXTRA=$extra BOOT_TIMEOUT=$boot_timeout \
					./scripts/run-list.sh "$cfg" "$v" bench/bench.list
				tr -d '\r' < "build/logs/boot-$v-$cfg-bench.log" |
					grep -E '^(BENCH|MEM|SKIP) ' > "$d/$v-$i.txt" || true
			done
		done
	done
	{
		echo
		echo "## $cfg"
		echo
		# one header cell per mode's five columns
		awk -v modes="$modes" 'BEGIN {
			n = split(modes, m, " "); h = "| operation"; u = "|---"
			for (i = 1; i <= n; i++) {
				p = m[i] == "tcg" ? "" : m[i] " "
				h = h " | " p "base ns | " p "patched ns | " p "ratio | " p "spread | " p "verdict"
				u = u "|---|---|---|---|---"
			}
			print h " |"; print u "|"
		}'
		awk -v modes="$modes" '
		function med(s,   n, a, i, j, t) {
			n = split(s, a, " ")
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
				if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
			return a[int((n + 1) / 2)]
		}
		function lo(s,   n, a, i, v) {
			n = split(s, a, " "); v = a[1] + 0
			for (i = 2; i <= n; i++) if (a[i] + 0 < v) v = a[i] + 0
			return v
		}
		function hi(s,   n, a, i, v) {
			n = split(s, a, " "); v = a[1] + 0
			for (i = 2; i <= n; i++) if (a[i] + 0 > v) v = a[i] + 0
			return v
		}
		function spread(s) {
			return med(s) > 0 ? (hi(s) - lo(s)) / med(s) : 0
		}
		# FILENAME: build/bench/ARCH/MODE/VARIANT-BOOT.txt
		$1 == "BENCH" {
			f = FILENAME; sub(/-[0-9]+\.txt$/, "", f)
			v = f; sub(/.*\//, "", v); md = f; sub(/\/[^\/]*$/, "", md); sub(/.*\//, "", md)
			m[md, v, $2] = m[md, v, $2] " " $3
			if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 }
		}
		END {
			nm = split(modes, ms, " ")
			for (i = 1; i <= n; i++) {
				o = order[i]; row = "| " o
				for (j = 1; j <= nm; j++) {
					b = m[ms[j], "base", o]; s = m[ms[j], "series", o]
					if (b == "" || s == "") { row = row " | - | - | - | - | -"; continue }
					mb = med(b); mS = med(s)
					sp = spread(b); if (spread(s) > sp) sp = spread(s)
					r = mb > 0 ? mS / mb : 0
					# faster/slower only when the per-boot medians do not
					# overlap and differ by more than 2% (the spread of icount is
					# 0, and one tick of the guest clock, 10-16 ns, is not
					# a change)
					verdict = hi(s) < lo(b) && r < 0.98 ? "faster" : \
						  lo(s) > hi(b) && r > 1.02 ? "slower" : "same"
					row = row sprintf(" | %d | %d | %.3f | %.2f | %s", mb, mS, r, sp, verdict)
				}
				print row " |"
			}
		}' $(for mode in $modes; do echo build/bench/"$cfg"/$mode/*.txt; done)
		for mode in $modes; do
			for v in base series; do
				sed -n "s/^SKIP /- skipped on $v ($mode): /p" build/bench/"$cfg"/$mode/$v-*.txt
			done
		done | sort -u
		echo
		echo "Memory (kB; MemAvailable, then Slab, before and after each of 3 rounds"
		echo "of VM + 1000 create + close + VM teardown; last boot of each, ${modes%% *}):"
		echo
		for v in base series; do
			sed -n "s/^MEM /- $v: /p" "build/bench/$cfg/${modes%% *}/$v-$boots.txt"
		done
	} | tee -a "$out"
	[ -f "arches/$cfg-debug" ] || continue
	./scripts/kbuild.sh "$cfg-debug" series
	BOOT_TIMEOUT=1200 ./scripts/run-list.sh "$cfg-debug" series bench/leak.list || true
	log=build/logs/boot-series-$cfg-debug-leak.log
	{
		echo
		echo "Leak check: the series' arches/$cfg-debug kernel (KASAN,"
		echo "kmemleak, lockdep), \`devbench mem\`, then two kmemleak scans:"
		echo
		tr -d '\r' < "$log" | sed -n "s/^MEM /- series-debug: /p"
		echo "- kmemleak: $(tr -d '\r' < "$log" | grep -c 'unreferenced object') unreferenced objects;" \
		     "results: $(grep -c '^pass' "build/results/series-$cfg-debug-leak.txt") passed," \
		     "$(grep -c '^fail' "build/results/series-$cfg-debug-leak.txt") failed" \
		     "(a KASAN, lockdep or kmemleak report is a failure)"
	} | tee -a "$out"
done
echo "bench: wrote $out"
