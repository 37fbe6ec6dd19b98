#!/bin/bash
# Stand-in for scripts/initramfs.sh in the tooling tests' copy of the
# workbench: gathers no binary; a list entry named *not_built* is missing.
# STANDIN_FAIL=1: die at once, as a failed gather would.
set -euo pipefail
[ -z "${STANDIN_FAIL:-}" ] || exit 3
[ "$1" != --pack ] || exit 0
list=$3 root=$4
mkdir -p "$root"; : > "$root.list"; rm -f "$root.missing"
while read -r bin args; do
	case "$bin" in ''|'#'*) continue ;; *not_built*) echo "$bin" >> "$root.missing"; continue ;; esac
	echo "$(basename "$bin") $args" >> "$root.list"
done < "$list"
