#!/bin/bash
# test-mutants.sh - can the workbench's own tests fail? Each mutant of
# tests/tooling/mutants (one sed expression on one script) is applied to a
# copy of the tracked files, and scripts/test-tooling.sh must fail there.
# One "killed|SURVIVED|STALE ID" line each, then the count; exit status 1
# if one survived or no longer applies. About 75 s per mutant.
# MUTANTS="ID..." runs those only.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 1
list=tests/tooling/mutants
tmp=$(mktemp -d /tmp/mutants.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
git ls-files -z | tar --null -T - -cf "$tmp/tree.tar"
# An ID given twice would be judged twice under one name, MUTANTS= too.
dup=$(awk '$1 !~ /^#/ && NF { print $1 }' "$list" | sort | uniq -d | xargs)
[ -z "$dup" ] || { echo "mutant IDs given twice in $list: $dup"; exit 1; }
# The copies have no build/: the KTAP parser is this checkout's tree's.
export KUNIT_DIR=${KUNIT_DIR:-$top/build/linux/tools/testing/kunit}
# A mutant is killed only if the same copy unmutated passes.
mkdir -p "$tmp/clean" && tar -xf "$tmp/tree.tar" -C "$tmp/clean"
if ! (cd "$tmp/clean" && ./scripts/test-tooling.sh > "$tmp/clean.out" 2>&1); then
	grep '^fail ' "$tmp/clean.out"
	echo "the unmutated copy fails scripts/test-tooling.sh: no mutant can be judged"
	exit 1
fi
# The list is the copy's (the tree as it was when the run began): the
# checkout's, rewritten in place during a run, was read from the old offset
# (seen: a comment's tail read as a mutant, a mutant never judged). It is
# read on fd 3, the tests get /dev/null: none can eat a line of it.
list=$tmp/clean/$list
n=0 killed=0 bad=0 judged=" "
while read -r id file expr <&3; do
	case "$id" in ''|'#'*) continue ;; esac
	[ -z "${MUTANTS:-}" ] || [[ " $MUTANTS " == *" $id "* ]] || continue
	n=$((n + 1)) judged+="$id "
	d=$tmp/$id
	mkdir -p "$d" && tar -xf "$tmp/tree.tar" -C "$d"
	sed -e "$expr" "$d/$file" > "$d/mutant" && chmod --reference="$d/$file" "$d/mutant"
	if cmp -s "$d/mutant" "$d/$file"; then
		echo "STALE $id: '$expr' changes nothing in $file"; bad=$((bad + 1))
	else
		mv "$d/mutant" "$d/$file"
		if (cd "$d" && ./scripts/test-tooling.sh < /dev/null > "$d.out" 2>&1); then
			echo "SURVIVED $id: $file: $expr"; bad=$((bad + 1))
		else
			killed=$((killed + 1))
			echo "killed $id by $(grep -m3 '^fail ' "$d.out" | cut -d' ' -f2 | xargs)"
		fi
	fi
	rm -rf "$d" "$d.out"
done 3< "$list"
# Every mutant listed (or named in MUTANTS) was judged, and only once.
for id in ${MUTANTS:-$(awk '$1 !~ /^#/ && NF { print $1 }' "$list")}; do
	[[ "$judged" == *" $id "* ]] || { echo "NOT JUDGED $id"; bad=$((bad + 1)); }
done
echo "$killed of $n mutants killed"
[ "$bad" -eq 0 ] && [ "$n" -gt 0 ]
