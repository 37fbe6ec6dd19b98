#!/bin/bash
# bisect-build.sh - build the KVM directories at every patch of the series.
#
#   bisect-build.sh [NAME...]   (default: every arches/ file with BISECT set)
#
# Checks out each commit base..series in build/linux in turn and builds,
# for each NAME, the first of its KVM_DIRS (the arch's, which builds
# virt/kvm's files too): a BISECT=common arch at every commit that
# touches virt/kvm, include or its own KVM directory, a BISECT=arch one at
# commits touching its KVM directory, and all at the last. Same object
# directories as make check. FROM=REV starts after REV instead of the base.
# build/linux must have no uncommitted work; it is left on the branch it
# was on. Costs: README.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cd "$top/build/linux"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted changes"
branch=$(git symbolic-ref -q --short HEAD || git rev-parse HEAD)
head=$(git rev-parse HEAD)
trap 'git -C "$top/build/linux" checkout -q "$branch"' EXIT
names=${*:-$(arches_with BISECT common; arches_with BISECT arch)}
fails=0
for c in $(git rev-list --reverse "${FROM:-base}"..HEAD); do
	subj=$(git log -1 --format=%s "$c")
	git checkout -q "$c"
	for a in $names; do
		load_arch "$a"
		adir=${KVM_DIRS%% *}
		paths=$adir
		[ "$BISECT" = common ] && paths="$adir virt/kvm include"
		# shellcheck disable=SC2086
		if [ "$c" != "$head" ] &&
		   [ -z "$(git diff --name-only "$c~1" "$c" -- $paths)" ]; then
			continue
		fi
		# The arch's KVM Makefile builds virt/kvm's files too.
		if "$top/scripts/kbuild.sh" "$a" series "$adir/" >/dev/null 2>&1; then
			echo "ok   $a: $subj"
		else
			echo "FAIL $a: $subj"; fails=$((fails + 1))
		fi
	done
done
echo "bisect-build: $fails failures"
[ "$fails" -eq 0 ]
