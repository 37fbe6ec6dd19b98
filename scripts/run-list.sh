#!/bin/bash
# run-list.sh - run a test list on one kernel in QEMU TCG, booting as often as
# the retry policy (scripts/next.sh) says.
#
#   run-list.sh NAME VARIANT LIST
#
# NAME is an arches/ file, VARIANT series or base, LIST a tests/*.list
# ("binary args" per line). Writes build/results/VARIANT-NAME-L.txt
# ("pass|fail|skip name: detail", L = LIST's name) and the console log of
# each boot, build/logs/boot-VARIANT-NAME-L[.bootN].log, with its
# .status beside it. KUnit results count at the first boot only.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

load_arch "$1"; variant=$2 list=$3
name=$variant-$NAME-$(basename "$list" .list)
root=$top/build/initramfs/$name
log=$top/build/logs/boot-$name.log
res=$top/build/results/$name.txt
mkdir -p "$(dirname "$log")" "$(dirname "$res")" "$(dirname "$root")"
# Before anything can fail: a run that dies must leave no older results
# behind for triage to read as this run's.
: > "$res"
# ... and a run that dies says so in its results.
# (A signal leaves $? at 0 in the EXIT trap: "finished" tells instead.)
trap 'rc=$?; [ -n "${finished:-}" ] || echo "fail run-list: ended (exit $rc) before the list was done (logs: ${log#$top/}*)" >> "$res"' EXIT
trap 'exit 143' TERM HUP
trap 'exit 130' INT
"$top/scripts/initramfs.sh" "$NAME" "$variant" "$list" "$root"

# logged LOG: result lines, a failure's with the log that shows it
logged() { sed "/^fail /s|\$| [log: ${1#$top/}]|"; }

t0=$(date +%s)
todo=$root.todo seen=$root.seen
cp "$root.list" "$todo"
: > "$seen"
n=0 host=0 extra=
while :; do
	n=$((n + 1)) blog=$log
	[ $n = 1 ] || blog=${log%.log}.boot$n.log
	"$top/scripts/initramfs.sh" --pack "$root" "$todo"
	echo "run: $name: boot $n ($(wc -l < "$todo") tests; log: ${blog#$top/})"
	"$top/scripts/boot.sh" "$NAME" "$variant" "$root.cpio.gz" "$blog" $extra
	read -r action k result label < <("$top/scripts/next.sh" "$blog.status" $n $host "$seen")
	status=$(sed -n 's/^status=//p' "$blog.status")
	t=$(sed -n 's/^test=//p' "$blog.status")
	detail=$(sed -n 's/^detail=//p' "$blog.status")
	case $action in
	again)	echo "run: $name: boot $n: $status, booting again"
		host=$((host + 1)) n=$((n - 1))
		continue ;;
	stop)	"$top/scripts/results.sh" "$blog" "$todo" | logged "$blog" >> "$res"
		[ "$status" = done ] ||
			echo "fail boot: $status${t:+ in $t}${detail:+ ($detail)} [log: ${blog#$top/}]" >> "$res"
		break ;;
	esac
	"$top/scripts/results.sh" --partial "$blog" "$todo" | logged "$blog" >> "$res"
	case $result in
	skip) echo "skip $label/$t: boot $n $status, run again in the next ($detail)" >> "$res" ;;
	fail) echo "fail $label/$t: boot $n $status again ($detail) [log: ${blog#$top/}]" >> "$res" ;;
	esac
	echo "$label/$t" >> "$seen"
	echo "run: $name: boot $n: $status in $t; next boot from test $k ($detail)"
	tail -n +"$k" "$todo" > "$todo.next" && mv "$todo.next" "$todo"
	extra=KUNIT=0
	[ -s "$todo" ] || break
done
# The KUnit suites the arch's series kernel must show at its first boot.
if [ "$variant" = series ]; then
	for s in $KUNIT_SUITES; do
		grep -q "^@@ TEST kunit/$s\$" "$log" ||
			echo "fail kunit/$s: suite absent from the first boot [log: ${log#$top/}]" >> "$res"
	done
fi
# A listed binary that was not built is a failure (as in kselftest's
# runner), under the name its results would have had.
[ ! -f "$root.missing" ] ||
	sed 's|^\(.*/\)\{0,1\}\([^/]*\)$|fail \2: not built from this tree (listed as \1\2)|' \
		"$root.missing" >> "$res"
echo "run: $name: $(cut -d' ' -f1 "$res" | sort | uniq -c | xargs) ($(elapsed "$t0")s, $n boot$([ $n = 1 ] || echo s))"
finished=1
