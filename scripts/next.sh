#!/bin/bash
# next.sh - the retry policy: what to do after a boot, from its status.
#
#   next.sh STATUS BOOT HOST_RETRIES SEEN  ->  one line on stdout
#
# STATUS is a boot's status file (scripts/status.sh), BOOT its number
# (1 = first), HOST_RETRIES how many boots were already redone because the
# host spoiled them (status host: twice at most),
# SEEN a file of "label/test" lines this run already cut short once. Prints
#   stop                    the results of this boot stand; no more boots
#   again                   boot again with the same list (no results kept)
#   resume K RESULT LABEL   keep this boot's finished tests, record RESULT
#                           (skip, fail or none) for LABEL/TEST, and boot
#                           again from the K-th test of this boot's list
# A test that wedged the boot (stuck in the kernel, a silent console, QEMU
# gone without a report) is a hang: run again from it once (skip
# hang/TEST), failed the second time (fail hang/TEST) and the list goes on
# after it. A boot over its budget while tests still printed is no hang:
# the next boot runs on from the same test, without a result, unless the
# same test was cut short by the budget before (fail budget/TEST). A boot
# that wedged before its first test, a kernel report, and the fourth boot
# are not booted again.
set -euo pipefail
status=$1 boot=$2 host=$3 seen=$4
s= t= k=0
while IFS='=' read -r key val; do
	case $key in
	status) s=$val ;;
	test) t=$val ;;
	index) k=$val ;;
	esac
done < "$status"

case $s in
host)	[ "$host" -lt 2 ] && echo again || echo stop; exit 0 ;;
done|kernel-report) echo stop; exit 0 ;;
esac
if [ -z "$t" ] || [ "$boot" -ge 4 ]; then
	echo stop; exit 0
fi
case $s in
budget) label=budget first=none ;;
*)	label=hang first=skip ;;
esac
if grep -qxF "$label/$t" "$seen" 2>/dev/null; then
	echo "resume $((k + 1)) fail $label"
else
	echo "resume $k $first $label"
fi
