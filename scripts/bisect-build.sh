#!/bin/bash
# bisect-build.sh - build the KVM directories at every patch of the series.
#
#   bisect-build.sh [CONFIG...]     (default: x86_64 arm64 book3s64 e500mc ppc32 s390 riscv64)
#
# Checks out each commit base..series in build/linux in turn and builds,
# for each CONFIG, the KVM directories of that arch: x86_64 and arm64 at
# every commit touching virt/kvm, include or their arch, the others at
# commits touching their arch's KVM directory, and all at the last. Uses the
# same object directories as make check; ~1 min per patch with a warm
# ccache. FROM=REV starts after REV instead of the base (the patches
# since REV only). build/linux must have no uncommitted work; it is left
# at the series head.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top/build/linux"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	{ echo "bisect-build: build/linux has uncommitted changes" >&2; exit 1; }
head=$(git rev-parse HEAD)
trap 'git -C "$top/build/linux" checkout -q series' EXIT
cfgs=${*:-x86_64 arm64 book3s64 e500mc ppc32 s390 riscv64}
fails=0
for c in $(git rev-list --reverse "${FROM:-base}"..HEAD); do
	subj=$(git log -1 --format=%s "$c")
	git checkout -q "$c"
	for cfg in $cfgs; do
		read -r _ _ arch _ < <(grep -m1 '^# arch:' "$top/configs/$cfg.config")
		case $arch in x86_64) adir=arch/x86/kvm ;; *) adir=arch/$arch/kvm ;; esac
		# x86_64 and arm64 build at every commit that touches common
		# code; the other configs when their own KVM directory changes.
		paths="$adir"
		case $cfg in x86_64|arm64) paths="$adir virt/kvm include" ;; esac
		if [ "$c" != "$head" ] &&
		   [ -z "$(git diff --name-only "$c~1" "$c" -- $paths)" ]; then
			continue
		fi
		dirs="$adir/"
		[ "$arch" = x86_64 ] || dirs="$dirs virt/kvm/"
		if "$top/scripts/kbuild.sh" "$cfg" series $dirs >/dev/null 2>&1; then
			echo "ok   $cfg: $subj"
		else
			echo "FAIL $cfg: $subj"; fails=$((fails + 1))
		fi
	done
done
echo "bisect-build: $fails failures"
[ "$fails" -eq 0 ]
