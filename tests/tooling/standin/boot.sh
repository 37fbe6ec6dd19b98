#!/bin/bash
# Stand-in for scripts/boot.sh in the tooling tests' copy of the workbench:
# boot N copies $REPLAY/bootN.log to LOG and gives it status.sh's verdict
# (with $REPLAY/bootN.watchdog as what the watchdog saw); the kernel
# command line it was given goes to $REPLAY_OUT/bootN.cmdline.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
log=$4; shift 4
# STANDIN_HANG=1: the boot never ends (for a run-list killed meanwhile)
if [ -n "${STANDIN_HANG:-}" ]; then
	: > "$REPLAY_OUT/hanging"
	exec sleep 60
fi
n=$(($(cat "$REPLAY_OUT/boots" 2>/dev/null || echo 0) + 1))
echo $n > "$REPLAY_OUT/boots"
echo "$*" > "$REPLAY_OUT/boot$n.cmdline"
cp "$REPLAY/boot$n.log" "$log"
"$top/scripts/status.sh" "$log" "$(cat "$REPLAY/boot$n.watchdog" 2>/dev/null || :)" > "$log.status"
