#!/bin/bash
# identity.sh - the series with the identity of whoever posts it.
#
#   identity.sh "Name <email>" [SERIES_DIR] [OUT_DIR]
#
# Every patch of the series (default patches/, out: build/post/) carries
# the placeholder author "kvm-devctl <kvm-devctl@example.org>" in From:
# and Signed-off-by:. The Developer's Certificate of Origin is a person's
# statement, which a placeholder cannot make: whoever posts the series
# reads it, and this writes a copy of the series with their name in both
# places, so that git send-email sends it as theirs. The patches are
# otherwise unchanged (no other line mentions the placeholder).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
who=${1:?usage: identity.sh \"Name <email>\" [SERIES_DIR] [OUT_DIR]}
in=${2:-$top/patches} out=${3:-$top/build/post}
case $who in *" <"*@*">") ;; *) die "identity: give \"Name <email>\"" ;; esac
placeholder='kvm-devctl <kvm-devctl@example.org>'
mkdir -p "$out"
rm -f "$out"/*.patch
esc=$(printf '%s' "$who" | sed 's/[&|\\]/\\&/g')
name=${esc% <*}
n=0
for p in "$in"/*.patch; do
	[ -e "$p" ] || die "no patches in $in"
	sed -e "s|^From: $placeholder\$|From: $esc|" \
	    -e "s|^Signed-off-by: $placeholder\$|Signed-off-by: $esc|" \
	    -e "s|^kvm-devctl (\([0-9]*\)):\$|$name (\1):|" "$p" > "$out/${p##*/}"
	# the cover letter's shortlog names the author without an address
	if grep -q 'kvm-devctl@example.org\|^kvm-devctl (' "$out/${p##*/}"; then
		die "${p##*/}: the placeholder is left on a line this does not rewrite"
	fi
	n=$((n + 1))
done
echo "identity: $n patches in ${out#$top/}/ as $who"
