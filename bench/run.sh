#!/bin/bash
# bench/run.sh - the series against its base (patches/BASE), side by side, one run.
#
# For each arch of ARCHES (default "x86_64 arm64"): builds the base and the
# patched kernel (same fragment), builds bench/devbench.c once, statically,
# and boots base and patched alternately BOOTS times (default 3) under the
# same QEMU line with the same initramfs. Prints one table per arch (median
# of the per-boot medians, ratio patched/base, spread) and writes
# bench/results.md. Then, where arches/ARCH-debug exists, boots the
# series' debug kernel (KASAN, kmemleak, lockdep) once with "devbench mem"
# (bench/leak.list) and reports its memory rounds and the leak scan.
# Costs: README.
set -euo pipefail

. "$(dirname "$0")/../scripts/lib.sh"
cd "$top"
out=bench/results.md
boots=${BOOTS:-3}
./scripts/setup.sh >/dev/null
./scripts/tree.sh apply >/dev/null

{
	echo "# devbench: base $(base_series) vs the series"
	echo
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`make bench\`; $boots boots of each"
	echo "kernel, alternated, same QEMU line, initramfs and binary."
	echo "Host CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)" \
	     "($(nproc) cores). $(qemu-system-x86_64 --version | head -1)."
	echo "QEMU TCG: emulated time; compare ratios only. ratio = patched/base"
	echo "of the median over boots of each boot's median (ns per call);"
	echo "spread = largest (max-min)/median over the boots of either kernel;"
	echo "verdict \"faster\"/\"slower\" only when no boot of one kernel overlaps"
	echo "any boot of the other, else \"same\"."
} > "$out"

for cfg in ${ARCHES:-x86_64 arm64}; do
	for v in base series; do
		./scripts/kbuild.sh "$cfg" "$v"
	done
	./scripts/progs.sh "$cfg" bench/devbench.c
	mkdir -p "build/bench/$cfg"
	rm -f "build/bench/$cfg"/*.txt
	for i in $(seq "$boots"); do
		for v in base series; do
			BOOT_TIMEOUT=1200 ./scripts/run-list.sh "$cfg" "$v" bench/bench.list
			tr -d '\r' < "build/logs/boot-$v-$cfg-bench.log" |
				grep -E '^(BENCH|MEM|SKIP) ' > "build/bench/$cfg/$v-$i.txt" || true
		done
	done
	{
		echo
		echo "## $cfg"
		echo
		echo "| operation | base ns | patched ns | ratio | spread | verdict | base p99 | patched p99 |"
		echo "|---|---|---|---|---|---|---|---|"
		awk '
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
		$1 == "BENCH" {
			v = FILENAME; sub(/.*\//, "", v); sub(/-.*/, "", v)
			k = v SUBSEP $2
			m[k] = m[k] " " $3; p[k] = p[k] " " $4
			if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 }
		}
		END {
			for (i = 1; i <= n; i++) {
				o = order[i]; b = "base" SUBSEP o; s = "series" SUBSEP o
				if (!(b in m) || !(s in m)) continue
				mb = med(m[b]); ms = med(m[s])
				sp = spread(m[b]); if (spread(m[s]) > sp) sp = spread(m[s])
				r = mb > 0 ? ms / mb : 0
				# faster/slower only when the per-boot medians do not overlap
				verdict = hi(m[s]) < lo(m[b]) ? "faster" : lo(m[s]) > hi(m[b]) ? "slower" : "same"
				printf "| %s | %d | %d | %.3f | %.2f | %s | %d | %d |\n", o, mb, ms, r, sp, verdict, med(p[b]), med(p[s])
			}
		}' build/bench/"$cfg"/*.txt
		echo
		echo "Memory (kB; MemAvailable, then Slab, before and after each of 3 rounds"
		echo "of VM + 1000 create + close + VM teardown; last boot of each):"
		echo
		for v in base series; do
			sed -n "s/^MEM /- $v: /p" "build/bench/$cfg/$v-$boots.txt"
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
