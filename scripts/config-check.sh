#!/bin/bash
# config-check.sh - the fragment lines a .config does not honour.
#
#   config-check.sh CONFIG SRC FRAGMENT...  ->  one line per lost entry
#
# Reads every entry as kunit.py's validate_config() does: "=y", "=m" and
# values must be in CONFIG verbatim; "=n" and "# ... is not set" are met
# when the symbol is not set. A later fragment overrides an earlier one, as
# merge_config.sh does: the last entry of a symbol is the one checked. A symbol that no Kconfig file under SRC
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
		-e '/^CONFIG_[A-Za-z0-9_]*=/p' "$@" |
	awk -F= '{ last[$1] = $0; if (!($1 in seen)) { seen[$1] = 1; o[++n] = $1 } }
		END { for (i = 1; i <= n; i++) print last[o[i]] }')
exit $lost
