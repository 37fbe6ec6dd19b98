#!/bin/bash
# shell.sh - boot a kernel of the workbench with a shell on the console.
#
#   shell.sh NAME [VARIANT]     (make shell ARCH=NAME [KERNEL=base|series])
#
# Builds what a boot of arches/NAME needs (kernel, selftests, programs;
# warm: seconds), packs its list's binaries into /tests, and boots QEMU
# in the foreground with INIT_SHELL=1: guest/init.c loads the modules,
# prints the KUnit results, then gives busybox's shell in /tests. Run a
# test as the list would (./device_ctrl_test ...); `exit` powers off.
# The QEMU command line is written to build/logs/shell-VARIANT-NAME.qemu.
# Needs the arch's BUSYBOX (x86_64, arm64); the others have none in
# Debian 12.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=${1:?usage: shell.sh NAME [base|series]} variant=${2:-series}
load_arch "$name"
[ -n "$BUSYBOX" ] || die "arches/$name has no BUSYBOX: no shell in its initramfs"
[ -n "$IMAGE" ] || die "arches/$name is not booted (no IMAGE)"
"$top/scripts/kbuild.sh" "$name" "$variant"
if [ "$SELFTESTS" = kvm ]; then
	"$top/scripts/selftests.sh" "$name" "$variant" "$top/$LIST"
fi
for p in guest/init.c $PROGS; do
	"$top/scripts/progs.sh" "$name" "$p" -I "$top/build/linux/tools/testing/selftests"
done
root=$top/build/initramfs/shell-$variant-$name
mkdir -p "$(dirname "$root")" "$top/build/logs"
"$top/scripts/initramfs.sh" "$name" "$variant" "$top/$LIST" "$root"
"$top/scripts/initramfs.sh" --pack "$root" "$root.list"
obj=$top/build/obj/$variant-$KERNEL
qemu=("${QEMU[@]}" -nographic -no-reboot -kernel "$obj/$IMAGE" -initrd "$root.cpio.gz"
      -append "$CMDLINE panic=-1 printk.time=1 printk.devkmsg=on TEST_TIMEOUT=$TEST_TIMEOUT INIT_SHELL=1")
printf '%q ' "${qemu[@]}" | sed 's/ $/\n/' > "$top/build/logs/shell-$variant-$name.qemu"
echo "shell: $variant-$KERNEL on ${QEMU[0]}; exit ends the boot (QEMU: Ctrl-a x)"
exec "${qemu[@]}"
