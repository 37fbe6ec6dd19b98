#!/bin/bash
# setup.sh - install everything the workbench needs on Debian 12 (idempotent).
#
# Installs compilers (native + cross), QEMU, the linux-source-6.12 tarball and
# the arm64 static busybox. A second run finds everything present and prints
# one line. Takes ~3 min the first time on a fresh machine.
set -euo pipefail

PKGS="linux-source-6.12 build-essential bc flex bison libelf-dev libssl-dev
cpio ccache socat perl python3 python3-ply python3-git sparse git xz-utils rsync kmod file
gcc-aarch64-linux-gnu libc6-dev-arm64-cross
gcc-powerpc-linux-gnu libc6-dev-powerpc-cross
gcc-powerpc64-linux-gnu libc6-dev-ppc64-cross
gcc-powerpc64le-linux-gnu
gcc-s390x-linux-gnu
gcc-riscv64-linux-gnu libc6-dev-riscv64-cross
qemu-system-x86 qemu-system-arm qemu-system-ppc qemu-system-misc
busybox-static"

top=$(cd "$(dirname "$0")/.." && pwd)
bbarm=$top/build/dl/busybox-arm64

missing=$(dpkg-query -W -f='${Package} ${Status}\n' $PKGS 2>/dev/null |
	  awk '$NF != "installed" {print $1}' || true)
# dpkg-query prints nothing for packages it has never heard of
for p in $PKGS; do
	dpkg-query -W "$p" >/dev/null 2>&1 || missing="$missing $p"
done
missing=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')

if [ -n "${missing// /}" ]; then
	echo "setup: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ ! -x "$bbarm" ]; then
	echo "setup: fetching busybox-static:arm64"
	dpkg --print-foreign-architectures | grep -qx arm64 ||
		{ dpkg --add-architecture arm64; apt-get update -qq; }
	tmp=$(mktemp -d); chmod 755 "$tmp"
	(cd "$tmp" && apt-get download -qq busybox-static:arm64 >/dev/null &&
	 dpkg-deb -x busybox-static_*_arm64.deb x)
	mkdir -p "$(dirname "$bbarm")"
	cp "$tmp/x/bin/busybox" "$bbarm"
	rm -rf "$tmp"
fi

echo "setup: ok ($(dpkg-query -W -f='${Version}' linux-source-6.12) linux-source-6.12)"
