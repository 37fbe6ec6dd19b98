#!/bin/bash
# tree.sh - the kernel work tree under build/linux and the series round trip.
#
#   tree.sh base    unpack /usr/src/linux-source-X.Y.tar.xz (patches/BASE) as commit "base"
#                   (reproducible: fixed dates); no-op if present
#   tree.sh apply   reset branch "series" to base and `git am` patches/series,
#                   one commit per patch; names the patch that fails
#   tree.sh export  `git format-patch` base..series back into patches/ (the
#                   hand-written 0000-cover-letter.patch is kept, not in
#                   series), and get_maintainer.pl's recipients of the series
#   tree.sh rebase  install the archive's newest linux-source-X.Y, re-unpack
#                   it, apply with 3-way merge (then export moves BASE)
#   tree.sh basewt  check out the base as a second work tree build/linux-base
#   tree.sh roundtrip  check that export after apply gives patches/ back:
#                   byte for byte on the pinned base; on another base
#                   (setup's note) the messages and the +/- lines, which a
#                   base change cannot alter (hunk offsets and index lines can)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tree=$top/build/linux
basewt=$top/build/linux-base
src=$(base_pkg)
tarball=$(base_tarball)
pinned=$top/patches/BASE
cover=0000-cover-letter.patch
export GIT_AUTHOR_NAME="kvm-devctl" GIT_AUTHOR_EMAIL="kvm-devctl@example.org"
export GIT_COMMITTER_NAME="kvm-devctl" GIT_COMMITTER_EMAIL="kvm-devctl@example.org"

pkgver() { dpkg-query -W -f='${Version}' "$src"; }

unpack() {
	local ver=$1 tmp
	[ -f "$tarball" ] || die "$tarball missing: run scripts/setup.sh"
	echo "tree: unpacking $src $ver"
	rm -rf "$tree" "$basewt" "$tree.tmp"
	mkdir -p "$tree.tmp"
	tar -C "$tree.tmp" -xf "$tarball"
	mv "$tree.tmp/$src" "$tree"
	rmdir "$tree.tmp"
	cd "$tree"
	# Debian's block in the top-level .gitignore ignores everything but
	# debian/: drop it in the base commit so new files of the series show.
	sed -i '/^# Debian/,$d' .gitignore
	git init -q -b series .
	git config core.abbrev 12
	git config gc.auto 0
	git config user.name "$GIT_AUTHOR_NAME"
	git config user.email "$GIT_AUTHOR_EMAIL"
	git add -f -A .
	GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
		git commit -q -m "Linux $(make -s --no-print-directory kernelversion) (Debian $src $ver)"
	git tag -f base >/dev/null
	echo "$ver" > .git/debian-version
}

# What build/linux was last synced with: its HEAD and a hash of patches/.
stamp() {
	echo "$(git -C "$tree" rev-parse HEAD) $(cat "$top"/patches/series \
		$(sed 's|^|'"$top"'/patches/|' "$top/patches/series") | sha1sum | cut -c1-40)"
}

cmd_base() {
	if [ -d "$tree/.git" ] && git -C "$tree" rev-parse -q --verify base >/dev/null; then
		return 0
	fi
	unpack "$(pkgver)"
}

cmd_apply() {
	local three=${1:-} p n=0
	cmd_base
	local have want
	have=$(cat "$tree/.git/debian-version")
	want=$(cat "$pinned" 2>/dev/null || echo "$have")
	if [ "$have" != "$want" ]; then
		echo "tree: NOTE: series was exported against $src $want," \
		     "the base here is $have; applying with 3-way merge"
		three=-3
	fi
	cd "$tree"
	git am --abort >/dev/null 2>&1 || true
	if [ "$(cat .git/kvm-devctl-stamp 2>/dev/null)" = "$(stamp)" ]; then
		echo "tree: build/linux is at patches/ already"
		return 0
	fi
	if [ -z "${FORCE:-}" ] && [ -f .git/kvm-devctl-stamp ] &&
	   { [ -n "$(git status --porcelain --untracked-files=no)" ] ||
	     [ "$(git rev-parse HEAD)" != "$(cut -d' ' -f1 .git/kvm-devctl-stamp)" ]; }; then
		die "build/linux has work that is not in patches/ (commit and 'make export', or FORCE=1 to drop it)"
	fi
	git checkout -q -f -B series base
	git clean -q -fdx
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		if ! git am -q $three --keep-cr --committer-date-is-author-date \
			"$top/patches/$p" >/dev/null 2>&1; then
			git am --abort >/dev/null 2>&1 || true
			die "patch $p no longer applies on $src $have"
		fi
		n=$((n + 1))
	done < "$top/patches/series"
	stamp > .git/kvm-devctl-stamp
	echo "tree: applied $n patches on $(git log -1 --format=%s base)"
}

# cover_letter HAND OUT N PREFIX: the cover letter of N patches, whose text up to
# the shortlog is written by hand (HAND); the count in its subject, the
# shortlog and the diffstat come from format-patch: they cannot go stale
cover_letter() {
	local gen
	gen=$(mktemp -d)
	git -c diff.noprefix=false format-patch -q --cover-letter --no-signature \
		--subject-prefix="${4:-PATCH}" --zero-commit --no-renames --abbrev=12 -o "$gen" base..HEAD
	{ awk '/^[^ ].* \([0-9]+\):$/ { exit } { print }' "$1" |
		sed "s|^\(Subject: \[PATCH[^]]*\) 00/[0-9]*\]|\1 00/$3]|"
	  awk '/^[^ ].* \([0-9]+\):$/ { p = 1 } p' "$gen/0000-cover-letter.patch"
	} > "$gen/cover"
	sed -i 's/^ $//' "$gen/cover"
	mv "$gen/cover" "$2"
	rm -rf "$gen"
}

cmd_export() {
	local out=${1:-$top/patches} prefix
	cd "$tree"
	[ -z "$(git status --porcelain --untracked-files=no)" ] ||
		die "build/linux has uncommitted changes: commit them first"
	mkdir -p "$out"
	# Every patch but the cover letter (cover_letter() rewrites it).
	find "$out/" -maxdepth 1 -name '*.patch' ! -name "$cover" -delete
	# The subject prefix ("PATCH v3") is the cover letter's.
	prefix=$(sed -n 's/^Subject: \[\(PATCH[^]]*\) 00\/[0-9]*\].*/\1/p' \
		"$top/patches/$cover" 2>/dev/null)
	git -c diff.noprefix=false format-patch -q --no-signature --zero-commit \
		--subject-prefix="${prefix:-PATCH}" --no-renames --abbrev=12 -o "$out" base..HEAD
	# Blank context lines as empty lines (GNU diff --suppress-blank-empty),
	# which git am and patch apply as they are: checkpatch reads a patch
	# that git tracks (ours, in this repo) as a source file, and would
	# take each " " for trailing whitespace.
	sed -i 's/^ $//' "$out"/*.patch
	(cd "$out" && ls -1 *.patch 2>/dev/null | grep -vx "$cover" || true) > "$out/series"
	[ ! -f "$top/patches/$cover" ] ||
		cover_letter "$top/patches/$cover" "$out/$cover" "$(grep -c . "$out/series")" "$prefix"
	# Who to send the series to, for whoever posts it (no git history
	# here: --nogit, and its look-ups of Fixes: commits fail quietly; no
	# keywords: "rust-vmm" in a message is not Rust code).
	# shellcheck disable=SC2046 # one word per patch
	perl scripts/get_maintainer.pl --nogit --nogit-fallback --nokeywords \
		$(sed "s|^|$out/|" "$out/series") < /dev/null > "$out/get_maintainer.txt" 2>/dev/null ||
		die "get_maintainer.pl failed on $out"
	cat .git/debian-version > "$out/BASE"
	[ ! -f "$top/patches/SUITE" ] || [ "$out" = "$top/patches" ] ||
		cp "$top/patches/SUITE" "$out/SUITE"
	[ "$out" = "$top/patches" ] && stamp > .git/kvm-devctl-stamp
	echo "tree: exported $(grep -c . "$out/series" || true) patches to $out"
}

# own_lines PATCH: what a base change cannot alter in a patch: its message
# and, below the first diff header, the file headers and the +/- lines
# (not the context, hunk offsets or index lines)
own_lines() {
	awk '/^diff --git /{ d = 1 }
	     !d || /^(diff --git |[-+])/' "$1"
}

# apply -> export must give patches/ back: byte for byte when the base is
# the pinned one, the patches' own lines otherwise
cmd_roundtrip() {
	local tmp have want p bad=
	tmp=$(mktemp -d)
	cmd_export "$tmp" >/dev/null
	have=$(cat "$tree/.git/debian-version") want=$(cat "$pinned")
	if [ "$have" = "$want" ]; then
		if ! diff -r "$top/patches" "$tmp" >/dev/null; then
			diff -r "$top/patches" "$tmp" | head -20
			bad="export after apply differs from patches/"
		fi
	else
		diff "$top/patches/series" "$tmp/series" >/dev/null ||
			bad="export after apply gives another series file"
		while read -r p; do
			[ -z "$bad" ] || break
			if ! diff <(own_lines "$top/patches/$p") <(own_lines "$tmp/$p") >/dev/null; then
				diff <(own_lines "$top/patches/$p") <(own_lines "$tmp/$p") | head -20
				bad="$p: export after apply on $src $have changes the patch's own lines"
			fi
		done < "$top/patches/series"
	fi
	rm -rf "$tmp"
	[ -z "$bad" ] || die "$bad"
	if [ "$have" = "$want" ]; then
		echo "tree: round trip ok"
	else
		echo "tree: round trip ok on $src $have (patches/BASE: $want; messages and +/- lines compared)"
	fi
}

cmd_rebase() {
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "$src" >/dev/null
	unpack "$(pkgver)"
	cmd_apply -3
}

cmd_basewt() {
	cmd_base
	if [ ! -d "$basewt" ]; then
		git -C "$tree" worktree prune
		git -C "$tree" worktree add -q --detach "$basewt" base
	fi
}

case "${1:-}" in
base|apply|export|rebase|basewt|roundtrip) "cmd_$1" ;;
*) die "usage: tree.sh base|apply|export|rebase|basewt|roundtrip" ;;
esac
