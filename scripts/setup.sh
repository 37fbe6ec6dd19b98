#!/bin/bash
# setup.sh - install everything the workbench needs on Debian 12 (idempotent).
#
# Installs the host tools below and every arches/ file's PKGS (compilers,
# QEMU, busybox), and linux-source-X.Y at exactly the version patches/BASE
# names while the archive has it (the newest, with a note, once it does
# not: make rebase then moves the series). A second run finds everything
# present and prints one line. Costs: README.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# Another suite for the base (patches/SUITE): its source, and a pin that
# keeps every package of it below the host's own, so that nothing of the
# host is ever upgraded from it; packages only it has (linux-source-X.Y,
# linux-config-X.Y) install from it as the only candidates.
suite=$(base_suite)
if [ -n "$suite" ] && [ ! -f "/etc/apt/sources.list.d/kvm-devctl-$suite.sources" ]; then
	echo "setup: adding the Debian suite $suite (pinned below the host's suites)"
	cat > "/etc/apt/preferences.d/kvm-devctl-$suite" <<-EOF
	# kvm-devctl: never upgrade a host package from $suite
	Package: *
	Pin: release n=$suite
	Pin-Priority: 1
	EOF
	cat > "/etc/apt/sources.list.d/kvm-devctl-$suite.sources" <<-EOF
	# kvm-devctl: the base of the series (patches/SUITE)
	Types: deb
	URIs: http://deb.debian.org/debian
	Suites: $suite
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
	apt-get update -qq
fi

pkgs="build-essential bc flex bison libelf-dev libssl-dev
cpio ccache socat perl python3 python3-ply python3-git sparse git xz-utils
rsync kmod file curl python3-sphinx python3-sphinx-rtd-theme python3-yaml w3m"
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

# The base at the pinned version: apt-get install PKG=VERSION, a downgrade
# included, when the archive still serves it.
src=$(base_pkg) want=$(base_version)
have=$(dpkg-query -W -f='${Version}' "$src" 2>/dev/null || true)
if [ "$have" != "$want" ]; then
	served() { apt-cache madison "$src" | awk -v v="$want" '$3 == v { f = 1 } END { exit !f }'; }
	served || apt-get update -qq
	if served; then
		echo "setup: installing $src $want (patches/BASE)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends --allow-downgrades "$src=$want" >/dev/null
	elif [ -z "$have" ]; then
		echo "setup: NOTE: the archive no longer has $src $want; installing the newest"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends "$src" >/dev/null
	fi
fi
have=$(dpkg-query -W -f='${Version}' "$src" 2>/dev/null) || die "$src not installed"
# DEBS: packages of another architecture, unpacked under build/dl/PKG_ARCH
# from the same pool as the host's package of that name (its URL with the
# architecture swapped), so that no dpkg architecture is added to the host.
for a in $(arches); do
	for d in $(load_arch "$a"; echo "$DEBS"); do
		pkg=${d%%:*} arch=${d#*:} dir=$top/build/dl/${pkg}_$arch
		[ -d "$dir" ] && continue
		url=$(apt-get download --print-uris "$pkg" | cut -d"'" -f2)
		[ -n "$url" ] || die "no URL for $pkg"
		url=${url%_*.deb}_$arch.deb
		echo "setup: fetching $pkg for $arch"
		mkdir -p "$dir.tmp"
		curl -fsSL -o "$dir.tmp/p.deb" "$url"
		dpkg-deb -x "$dir.tmp/p.deb" "$dir.tmp/x"
		mv "$dir.tmp/x" "$dir"; rm -rf "$dir.tmp"
	done
done
if [ "$have" = "$want" ]; then
	echo "setup: ok ($src $have)"
else
	echo "setup: ok, NOTE: $src $have installed, patches/BASE names $want (not in the archive)"
fi
