#!/bin/bash
# progs.sh - build a user program statically for one arch's userland.
#
#   progs.sh NAME SOURCE.c[+CHANGE.diff] [CFLAGS...]
#
# Installs the series' UAPI headers of NAME's USERLAND kernel (make
# headers_install) and compiles SOURCE.c against them with -Wall -Werror
# into build/progs/USERLAND/BASENAME. A few seconds. With +CHANGE.diff,
# SOURCE.c is compiled with that project-only change applied (patch -F0, a
# hunk that does not apply fails the build): a part of a series test that
# no in-tree Makefile builds, such as the fuzzer's PowerPC tables.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

load_arch "$1"; src=$2; shift 2
change=
case $src in *+*) change=${src#*+}; src=${src%%+*} ;; esac
[ "$USERLAND" = "$NAME" ] || load_arch "$USERLAND"
out=$top/build/progs/$USERLAND/$(basename "$src" .c)
mkdir -p "$(dirname "$out")"
if [ -n "$change" ]; then
	changed=$top/build/progs/src/$USERLAND/$(basename "$src")
	mkdir -p "$(dirname "$changed")"
	cp "$src" "$changed" || die "no $src"
	patch -s -N -t -F0 --no-backup-if-mismatch --reject-file=- "$changed" < "$change" ||
		die "$change does not apply to $src"
	src=$changed
fi
"$top/scripts/kbuild.sh" "$NAME" series headers_install >/dev/null
"${CROSS_COMPILE}gcc" -static -O2 -Wall -Werror -pthread -D_GNU_SOURCE "$@" \
	-isystem "$top/build/obj/series-$KERNEL/usr/include" "$src" -o "$out"
