#!/bin/bash
# initramfs.sh - the initramfs of a test boot.
#
#   initramfs.sh NAME VARIANT LIST ROOT   gather: ROOT/ gets guest/init.c
#       (built for NAME's userland), BUSYBOX if NAME has one, HOST_FLAW in
#       /host-flaw, its MODULES in
#       /modules (and their order in /modules/order), and every
#       binary LIST names, from build/kst/VARIANT-USERLAND (KVM selftests;
#       KST_VARIANT overrides VARIANT) or build/progs/USERLAND; ROOT.list
#       gets the lines found, ROOT.missing the binaries not built here.
#   initramfs.sh --pack ROOT TODO         ROOT.cpio.gz, with TODO as the
#       list the init runs (/tests/list)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

if [ "$1" = --pack ]; then
	root=$2
	cp "$3" "$root/tests/list"
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$root.cpio.gz"
	exit 0
fi

load_arch "$1"; variant=$2 list=$3 root=$4
kst=$top/build/kst/${KST_VARIANT:-$variant}-$USERLAND
progs=$top/build/progs/$USERLAND
[ "$progs/init" -nt "$top/guest/init.c" ] ||
	"$top/scripts/progs.sh" "$USERLAND" "$top/guest/init.c"
rm -rf "$root"
mkdir -p "$root/bin" "$root/tests"
cp "$progs/init" "$root/init"
[ -z "$BUSYBOX" ] || cp "$BUSYBOX" "$root/bin/busybox"
[ -z "$HOST_FLAW" ] || printf '%s\n' "$HOST_FLAW" > "$root/host-flaw"
mkdir -p "$root/modules"
for m in $MODULES; do
	cp "$top/build/obj/$variant-$KERNEL/$m" "$root/modules/"
	basename "$m" >> "$root/modules/order"
done
: > "$root.list"; rm -f "$root.missing"
while read -r bin args; do
	case "$bin" in ''|'#'*) continue ;; esac
	if [ -f "$kst/$bin" ]; then f=$kst/$bin
	elif [ -f "$progs/$bin" ]; then f=$progs/$bin
	else echo "$bin" >> "$root.missing"; continue
	fi
	cp "$f" "$root/tests/$(basename "$bin")"
	echo "$(basename "$bin") $args" >> "$root.list"
done < "$list"
