#!/bin/bash
# Stand-in for every script check.sh runs (setup, tree, kbuild, progs,
# test-tooling, run-list, distro, htmldocs), in the tooling tests' copy of
# the workbench that runs the real check.sh on the arches of this
# directory. Each succeeds with a result line where the real one writes
# them; CHECK_FAIL names the one that fails, and how:
#   tooling   test-tooling.sh exits 1 without a failing case
#   run-list  run-list.sh writes its results and exits 2
#   side      the side stages' shell is killed (SIGKILL) in a build
#   docs      htmldocs.sh exits 3 without a failing result
#   hold      the side's build sleeps (its pid in $CHECK_OUT/side-pid)
top=$(cd "$(dirname "$0")/.." && pwd)
case "${0##*/}:${CHECK_FAIL:-}" in
test-tooling.sh:tooling) echo "pass tooling/stand-in"; exit 1 ;;
test-tooling.sh:*) echo "pass tooling/stand-in" ;;
run-list.sh:*)
	echo "pass standin/case" > "$top/build/results/series-$1-$(basename "$3" .list).txt"
	[ "${CHECK_FAIL:-}" != run-list ] || exit 2 ;;
kbuild.sh:side) [ "$1" != standin-side ] || kill -KILL "$PPID" ;;
kbuild.sh:hold)
	if [ "$1" = standin-side ]; then
		sleep 300 & echo $! > "$CHECK_OUT/side-pid"; wait
	fi ;;
htmldocs.sh:docs) exit 3 ;;
htmldocs.sh:*) echo "pass docs/stand-in" ;;
esac
exit 0
