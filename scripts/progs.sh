#!/bin/bash
# progs.sh - build a user program statically for one arch's userland.
#
#   progs.sh NAME SOURCE.c [CFLAGS...]
#
# Installs the series' UAPI headers of NAME's USERLAND kernel (make
# headers_install) and compiles SOURCE.c against them with -Wall -Werror
# into build/progs/USERLAND/BASENAME. A few seconds.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

load_arch "$1"; src=$2; shift 2
[ "$USERLAND" = "$NAME" ] || load_arch "$USERLAND"
out=$top/build/progs/$USERLAND/$(basename "$src" .c)
mkdir -p "$(dirname "$out")"
"$top/scripts/kbuild.sh" "$NAME" series headers_install >/dev/null
"${CROSS_COMPILE}gcc" -static -O2 -Wall -Werror -pthread -D_GNU_SOURCE "$@" \
	-isystem "$top/build/obj/series-$KERNEL/usr/include" "$src" -o "$out"
