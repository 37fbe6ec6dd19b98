#!/bin/bash
# config-check.sh - the fragment lines a .config does not honour.
#
#   config-check.sh CONFIG SRC FRAGMENT...  ->  one line per lost entry
#
# Reads every entry as kunit.py's validate_config() does: "=y", "=m" and
# values must be in CONFIG verbatim; "=n" and "# ... is not set" are met
# when the symbol is not set. A symbol that no Kconfig file under SRC
# defines is left out (the series' KUnit test in a base build). Exits 1
# when a line is lost.
set -uo pipefail
config=$1 src=$2; shift 2
lost=0
while IFS= read -r line; do
	sym=${line%%=*} val=${line#*=}
	have=$(grep -m1 -E "^(# )?$sym[= ]" "$config" 2>/dev/null)
	case $val in
	n) [[ "$have" != "$sym="* ]] && continue ;;
	*) [ "$have" = "$line" ] && continue ;;
	esac
	grep -rqsE --include='Kconfig*' "^[[:space:]]*(menu)?config ${sym#CONFIG_}\$" \
		"$src" || continue
	echo "$line (have: ${have:-nothing})"
	lost=1
done < <(sed -n -e 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1=n/p' -e t \
		-e '/^CONFIG_[A-Za-z0-9_]*=/p' "$@")
exit $lost
