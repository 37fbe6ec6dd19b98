#!/bin/bash
# progs.sh - build a user program statically for one config's arch.
#
#   progs.sh CONFIG SOURCE.c [CFLAGS...]
#
# Installs the series' UAPI headers for CONFIG (make headers_install) and
# compiles SOURCE.c against them with -Wall -Werror into
# build/progs/CONFIG/NAME (NAME = SOURCE without .c). A few seconds.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cfg=$1 src=$2; shift 2
read -r _ _ _ cross _ < <(grep -m1 '^# arch:' "$top/configs/$cfg.config")
[ "$cross" = "-" ] && cross=
out=$top/build/progs/$cfg/$(basename "$src" .c)
mkdir -p "$(dirname "$out")"
"$top/scripts/kbuild.sh" "$cfg" series headers_install >/dev/null
"${cross}gcc" -static -O2 -Wall -Werror -pthread -D_GNU_SOURCE "$@" \
	-isystem "$top/build/obj/series-$cfg/usr/include" "$src" -o "$out"
