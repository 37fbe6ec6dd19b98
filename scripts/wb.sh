#!/bin/bash
# wb.sh - run a make target of the workbench on another base of the series.
#
#   wb.sh LINE TARGET...   e.g. wb.sh 6.12 check
#
# vLINE/ holds what differs on that base: patches/ (with its BASE and
# SUITE), arches/, tests/ (lists, known-failures), and any other top-level
# entry it has. build/wb-LINE/ is a workbench made of symbolic links, to
# vLINE/X where vLINE has X and to this checkout's X otherwise, with a
# build/ of its own: its trees, objects, logs and results are apart from
# this checkout's (ccache is shared). Every script finds its top through
# its own path, so the same scripts serve both.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
line=${1:?usage: wb.sh LINE TARGET...}; shift
over=$top/v$line
[ -d "$over" ] || die "no v$line/ in $top"
wb=$top/build/wb-$line
mkdir -p "$wb/build"
for x in "$top"/* "$over"/*; do
	n=${x##*/}
	case $n in build|v[0-9]*) continue ;; esac
	t=$top/$n; [ ! -e "$over/$n" ] || t=$over/$n
	[ "$(readlink "$wb/$n" 2>/dev/null)" = "$t" ] || ln -sfn "$t" "$wb/$n"
done
# One KTAP parser for every line: the workbench's scripts are this
# checkout's, and so is the kunit_parser.py they are written against (the
# pinned base's; 6.12's has another API).
export KUNIT_DIR=${KUNIT_DIR:-$top/build/linux/tools/testing/kunit}
[ -f "$KUNIT_DIR/kunit_parser.py" ] || make -C "$top" tree
exec make -C "$wb" "$@"
