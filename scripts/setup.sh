#!/bin/bash
# setup.sh - install everything the workbench needs on Debian 12 (idempotent).
#
# Installs the host tools below and every arches/ file's PKGS (compilers,
# QEMU, busybox): the linux-source-6.12 tarball, compilers and QEMU. A
# second run finds everything present and prints one line. Costs: README.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

pkgs="linux-source-6.12 build-essential bc flex bison libelf-dev libssl-dev
cpio ccache socat perl python3 python3-ply python3-git sparse git xz-utils
rsync kmod file"
for a in $(arches); do pkgs="$pkgs $(load_arch "$a"; echo "$PKGS")"; done
# shellcheck disable=SC2086
pkgs=$(printf '%s\n' $pkgs | sort -u)

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q ' installed$' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
echo "setup: ok ($(dpkg-query -W -f='${Version}' linux-source-6.12) linux-source-6.12)"
