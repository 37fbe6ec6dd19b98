#!/bin/bash
# distro.sh - the series in a distribution's own kernel config.
#
#   distro.sh config NAME   configure base and series from NAME's DEFCONFIG
#                           (arches/debian-*): the symbols the series makes
#                           ask for an answer (make listnewconfig: each must
#                           be in README's packagers section), and the .config
#                           diff of series vs base after olddefconfig (every
#                           changed symbol must be one the series adds).
#                           ~1 min; run by make check.
#   distro.sh build NAME    build NAME's KVM directory in the series, then
#                           the .c files the series touches there with W=1
#                           (no warning) and sparse (C=2) in series and base:
#                           no sparse warning the base does not have.
#                           Costs: README; make distro.
# One "pass|fail distro/NAME/..." line per check; details in
# build/results/distro-NAME-*.txt.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
mode=$1; load_arch "$2"
out=$top/build/results/distro-$NAME
mkdir -p "$(dirname "$out")"
fails=0
verdict() {	# verdict OK NAME
	if [ "$1" = 0 ]; then echo "pass distro/$NAME/$2"
	else echo "fail distro/$NAME/$2"; fails=$((fails + 1)); fi
}
mk() {		# mk VARIANT ARGS...: make in VARIANT's tree and object directory
	local v=$1 src=$top/build/linux; shift
	[ "$v" = base ] && src=$top/build/linux-base
	make -s -C "$src" O="$top/build/obj/$v-$KERNEL" ARCH="$ARCH" \
		CROSS_COMPILE="$CROSS_COMPILE" -j"${JOBS:-$(nproc)}" "$@"
}
added() {	# the Kconfig symbols the series adds
	git -C "$top/build/linux" diff base..HEAD -- '*Kconfig*' |
		sed -n 's/^+[[:space:]]*\(menu\)\{0,1\}config \([A-Z0-9_]*\)$/\2/p' | sort -u
}

case $mode in
config)
	for v in base series; do
		"$top/scripts/kbuild.sh" "$NAME" "$v" olddefconfig >/dev/null || exit 1
		# The questions Debian's config leaves open in this tree.
		tmp=$top/build/obj/$v-$KERNEL.new
		mkdir -p "$tmp"
		xzcat -f < "$DEFCONFIG" > "$tmp/.config"
		src=$top/build/linux; [ "$v" = base ] && src=$top/build/linux-base
		make -s -C "$src" O="$tmp" ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE" \
			listnewconfig > "$out-new-$v.txt" 2>/dev/null
		rm -rf "$tmp"
	done
	# New questions of the series, each documented for packagers.
	comm -13 <(sort "$out-new-base.txt") <(sort "$out-new-series.txt") > "$out-new.txt"
	bad=0
	while IFS= read -r l; do
		sym=${l%%=*}
		grep -q "\`${sym}\`" "$top/README.md" || { echo "undocumented: $l" >&2; bad=1; }
	done < "$out-new.txt"
	echo "distro: $NAME: $(grep -c . "$out-new.txt") new questions: $(xargs < "$out-new.txt")"
	verdict $bad new-symbols-documented
	# What olddefconfig made different: only symbols the series adds.
	diff <(grep '^CONFIG_\|^# CONFIG_' "$top/build/obj/base-$KERNEL/.config") \
	     <(grep '^CONFIG_\|^# CONFIG_' "$top/build/obj/series-$KERNEL/.config") |
		grep '^[<>]' > "$out-config.diff"
	bad=0 new=$(added)
	while IFS= read -r l; do
		sym=$(sed -E 's/^[<>] (# )?CONFIG_([A-Za-z0-9_]+).*/\2/' <<< "$l")
		grep -qx "$sym" <<< "$new" || { echo "changed, not the series': $l" >&2; bad=1; }
	done < "$out-config.diff"
	echo "distro: $NAME: .config series vs base:"; sed 's/^/    /' "$out-config.diff"
	verdict $bad config-diff-only-new-symbols
	;;
build)
	"$top/scripts/kbuild.sh" "$NAME" series "${KVM_DIRS%% *}/" || { verdict 1 build; exit 1; }
	verdict 0 build
	# shellcheck disable=SC2086
	mapfile -t objs < <(git -C "$top/build/linux" diff --name-only base..HEAD -- $KVM_DIRS |
		grep '\.c$' | sed 's/\.c$/.o/' | while read -r o; do
			[ ! -f "$top/build/obj/series-$KERNEL/$o" ] || echo "$o"
		done)
	echo "distro: $NAME: touched objects: ${objs[*]}"
	"$top/scripts/kbuild.sh" "$NAME" series "${objs[@]}" W=1 >/dev/null
	verdict $? W=1
	"$top/scripts/kbuild.sh" "$NAME" base prepare >/dev/null || { verdict 1 sparse; exit 1; }
	for v in base series; do
		# C=2: sparse on each file named, built or not. Files the
		# series adds are not in the base.
		have=()
		for o in "${objs[@]}"; do
			[ "$v" = series ] || [ -f "$top/build/linux-base/${o%.o}.c" ] && have+=("$o")
		done
		mk "$v" C=2 "${have[@]}" 2>&1 | grep -E ': (warning|error):' |
			sed -E "s#$top/build/linux(-base)?/##; s/:[0-9]+:[0-9]+:/:/" |
			sort > "$out-sparse-$v.txt"
	done
	comm -13 "$out-sparse-base.txt" "$out-sparse-series.txt" > "$out-sparse-new.txt"
	echo "distro: $NAME: sparse: $(grep -c . < "$out-sparse-base.txt") warnings in base," \
	     "$(grep -c . < "$out-sparse-series.txt") in series, $(grep -c . < "$out-sparse-new.txt") new"
	sed 's/^/    new: /' "$out-sparse-new.txt" >&2
	[ ! -s "$out-sparse-new.txt" ]
	verdict $? sparse
	;;
*) die "mode is config or build" ;;
esac
[ "$fails" -eq 0 ]
