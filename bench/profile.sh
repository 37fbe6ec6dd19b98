#!/bin/bash
# profile.sh - where the time of a vCPU attribute read goes, on x86_64.
#
# Builds the x86_64 kernel with the ftrace function profiler
# (arches/x86_64-trace), boots it with bench/ioctlprof.c and
# bench/trace.sh as its tests, and prints the profile: hits, total and
# average time per function (times include children and the profiler's
# own cost). Findings in bench/trace.md. Costs: README.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null
./scripts/tree.sh apply >/dev/null
./scripts/kbuild.sh x86_64-trace series
./scripts/progs.sh x86_64 bench/ioctlprof.c
cp bench/trace.sh build/progs/x86_64/trace.sh
./scripts/run-list.sh x86_64-trace series bench/trace.list
tr -d '\r' < build/logs/boot-series-x86_64-trace-trace.log |
	sed -n '/^@@ TEST trace.sh/,/^@@ END/p'
