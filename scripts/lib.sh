# lib.sh - sourced by every workbench script: paths, one reader of the
# arches/ files, and the helpers more than one script needs.
# shellcheck shell=bash

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() { echo "${0##*/}: $*" >&2; exit 1; }

# The boot defaults every arches/ file starts from (README, "Knobs").
TEST_TIMEOUT=${TEST_TIMEOUT:-300}
STALL_TIMEOUT=${STALL_TIMEOUT:-$((TEST_TIMEOUT + 60))}
BOOT_TIMEOUT=${BOOT_TIMEOUT:-900}

# load_arch NAME: read arches/NAME into the variables it documents
# (arches/README). NAME is a kernel and the machine it boots on; the
# object directory is build/obj/VARIANT-$KERNEL.
load_arch() {
	local f=$top/arches/$1
	[ -f "$f" ] || die "no arches/$1 (have: $(arches | xargs))"
	NAME=$1 KERNEL=$1 USERLAND=$1 DESC= ARCH= CROSS_COMPILE= FRAGMENTS=
	MAKE_TARGET= IMAGE= KVM_DIRS= SELFTESTS= PROGS= MODULES= BUSYBOX= PKGS= QEMU=()
	DEFCONFIG= DEBS= LLVM= KUNIT_SUITES=
	CMDLINE= NMI=no HOST_FLAW= PC_REG= CHECK= BISECT=no BASELINE=no LIST=tests/$1.list
	# shellcheck source=/dev/null
	. "$f"
}

# cpu_where MAP: "@@ CPU n in SYMBOL" for each vCPU of QEMU's `info
# registers -a` on stdin, from its program counter (the register PC_REG
# of the arch names) and MAP, a System.map. "Outside the kernel" is user
# space, firmware or a nested guest: QEMU shows the registers of the
# level that runs.
cpu_where() {
	awk -v map="$1" -v pcreg="$PC_REG" '
	BEGIN {
		while ((getline l < map) > 0) {
			split(l, f, " ")
			if (f[2] ~ /^[tTwW]$/) { a[++n] = tolower(f[1]); s[n] = f[3] }
		}
	}
	function say(pc,	i, w, r) {
		pc = tolower(pc); w = length(a[1])
		while (length(pc) < w) pc = "0" pc
		r = "outside the kernel (" pc ")"
		if (n && length(pc) == w && pc >= a[1] && pc < a[n])
			for (i = n; i >= 1; i--)
				if (a[i] <= pc) { r = "in " s[i]; break }
		printf "@@ CPU %s %s%s\n", cpu, r, halted ? ", halted" : ""
	}
	/^CPU#[0-9]+/ {
		if (cpu != "" && !said) printf "@@ CPU %s: no %s register\n", cpu, pcreg
		cpu = substr($1, 5); halted = 0; said = 0; next
	}
	/HLT=1/ { halted = 1 }
	!said && pcreg != "" && match($0, "(" pcreg ")[0-9a-fA-F]+") {
		v = substr($0, RSTART, RLENGTH); sub("^(" pcreg ")", "", v)
		said = 1; say(v); next
	}
	END { if (cpu != "" && !said) printf "@@ CPU %s: no %s register\n", cpu, pcreg }'
}

# The base: patches/BASE names the Debian version of linux-source-X.Y the
# series was exported against; the package's name follows from it.
base_version() { cat "$top/patches/BASE"; }
# patches/SUITE, if present: the Debian suite that serves the base (and
# the distro configs of its version) when the host's own suites do not
base_suite() { cat "$top/patches/SUITE" 2>/dev/null || true; }
base_series() { base_version | sed 's/^\([0-9]*\.[0-9]*\).*/\1/'; }
base_pkg() { echo "linux-source-$(base_series)"; }
base_tarball() { echo "/usr/src/$(base_pkg).tar.xz"; }

# arches: every arches/ file, in name order
arches() { (cd "$top/arches" && ls | grep -v '^README'); }

# arches_with VAR VALUE: the arches/ files that set VAR to VALUE
arches_with() {
	local a
	for a in $(arches); do
		if (load_arch "$a"; [ "${!1}" = "$2" ]); then echo "$a"; fi
	done
}

# console_lines < RAW > LOG: the console QEMU wrote, as lines. A printk
# record can come out in the middle of a line the init writes (7.3's
# serial consoles print from a thread of their own while the tty sends the
# init's line): "@@ END gue[  14.24] ktap: ok 1 x", and on the next line
# "st_print_test rc=0 ms=855". A record runs from its timestamp to its
# newline (7.3 may put "** N printk messages dropped **" or "** replaying
# previous printk message **" and a newline in front of it: records too);
# each gets a line of its own, every timestamp in it starting a new one
# (fail closed: a test that copies the kernel's log, a console taking
# over). Once the init has begun (its "@@ BEGIN"), everything else is the
# init's, whole lines (guest/init.c): a line cut by records goes on in the
# next line that is not a record, and is made whole again, the records cut
# into it after it. Before, the kernel's own early output (firmware, boot
# console) is cut in the same way and what follows it is not its rest.
# A line whose rest never came is "@@ CUT <what came>", which no reader
# takes for a marker: one cut by records and followed by a line that
# starts "@@ " (the watchdog's), by the end, or by more than any line of
# the init holds (its 4096-byte buffer and a marker's words), and one
# the guest left open, which boot.sh ended with BEL: the console's last
# line, or the one before the watchdog's "@@ STALL" (a BEL a test printed
# at the end of a line elsewhere is its own). Not cut: the last lines of
# a boot the init ends, "@@ DONE", "@@ END NAME rc=hung", "@@ HOST ...",
# "@@ INIT open /tests/list: ...", whose newline a reboot may lose. (A
# test's line that ends in BEL and is the last before a silent stall is
# cut too: that boot failed already.)
console_lines() {
	tr -d '\r' | awk -v ktime="$KTIME" '
	BEGIN {
		rec = "(" ktime "|\\*\\* ([0-9]+ printk messages dropped|replaying previous printk message) \\*\\*$)"
	}
	function out(r) { if (frag != "") held[++nheld] = r; else print r }
	function record(r) {
		while (match(substr(r, 2), ktime)) {
			out(substr(r, 1, RSTART)); r = substr(r, RSTART + 1)
		}
		out(r)
	}
	function line(s,   i) {
		print s
		for (i = 1; i <= nheld; i++) print held[i]
		nheld = 0
	}
	function cut(s) {
		frag = ""
		line(s ~ /^@@ (DONE|END [^ ]+ rc=hung)$|^@@ (HOST |INIT open \/tests\/list: )/ ? s : "@@ CUT " s)
	}
	function take(s, open) {
		if (match(s, "^" rec)) { record(s); return }
		if (frag != "" && s ~ /^@@ /) cut(frag)
		else { s = frag s; frag = "" }
		if (s ~ /^@@ BEGIN /) begun = 1
		if (match(s, rec)) {
			pre = substr(s, 1, RSTART - 1); r = substr(s, RSTART)
			if (!begun && pre !~ /^@/) line(pre)
			else if (length(pre) > 4200) cut(pre)
			else frag = pre
			record(r); return
		}
		if (open) cut(s); else line(s)
	}
	{
		if (bel) {
			bel = 0
			if ($0 ~ /^@@ STALL /) take(b, 1); else take(b "\007", 0)
		}
		if ($0 ~ /\007$/) { bel = 1; b = substr($0, 1, length($0) - 1) }
		else take($0, 0)
	}
	END { if (bel) take(b, 1); if (frag != "") cut(frag) }'
}

# A test's end, as the init writes it (guest/init.c): a line cut short is
# no end.
END_RE='^@@ END [^ ]+ rc=([0-9]+( ms=[0-9]+)?|hung)$'

# log_section LOG TEST: what TEST printed between its @@ markers
log_section() {
	sed -n "/^@@ TEST $2\$/,/^@@ END $2 /p" "$1" | grep -v '^@@'
}

# build_warnings LOG: true if a build log has a compiler warning. Host
# tools' generators are not ours to fix: bison's conflicts in
# scripts/genksyms show under W=1 in a MODVERSIONS build. One reader, no
# pipe: "grep | grep -qv" under pipefail passed a log whose warnings
# overflowed the pipe (the first grep died of SIGPIPE, the if saw 141).
build_warnings() {
	awk '/warning:/ && !/\/scripts\/genksyms\/parse\.y:/ { f = 1 } END { exit !f }' "$1"
}

# baseline_stamp RESULTS.md TREE: does the baseline's record speak of the
# series TREE has? The record names the git tree of the series' head (its
# content: the same patches applied anywhere, at any date, give the same
# tree). One result line, "stamp/TREE-OF-THE-RECORD", so that a
# tests/known-failures line excuses one stale record, not every one.
baseline_stamp() {
	local stamp head
	stamp=$(sed -n 's/.*series tree \([0-9a-f]*\).*/\1/p' "$1" | head -1)
	head=$(git -C "$2" rev-parse --short=12 'HEAD^{tree}')
	if [ -n "$stamp" ] && [ "$stamp" = "$head" ]; then
		echo "pass stamp/$head: series tree $head"
	else
		echo "fail stamp/${stamp:-none}: ${1##*/} is of series tree ${stamp:-none}, patches/ give $head (make baseline)"
	fi
}

# elapsed T0: seconds since T0 (date +%s)
elapsed() { echo $(($(date +%s) - $1)); }

# tied PID CMD...: CMD (a function too) in the background, in a process
# group of its own ($! is its pid and the group's), which is killed
# (SIGTERM) within 2 s once process PID is gone, however it went: a trap
# does not run on SIGKILL, and a Ctrl-C on the terminal does not reach a
# group of its own. (make check's side stages: they must not build kernels
# beside the next run's.) Its stdin is /dev/null, as a background job's
# is without job control: in a group of its own a read of the terminal
# would stop it (SIGTTIN) and its waiter with it. Its exit status is CMD's.
tied() {
	local pid=$1 m=$-; shift
	set -m
	{
		( while kill -0 "$pid" 2>/dev/null; do sleep 2; done
		  kill -TERM 0 ) &
		local w=$! rc
		"$@"; rc=$?
		kill "$w" 2>/dev/null
		exit "$rc"
	} < /dev/null &
	[[ $m == *m* ]] || set +m
}

# A kernel report is a printk line (its timestamp: boot.sh puts
# printk.time=1 on every command line) naming one of these; the same words
# in what a test prints are not. kmemleak's report, which the init prints
# from debugfs, is read in its own section (results.sh).
KTIME='\[ *[0-9]+\.[0-9]+\] '
KREPORT='(^|[^a-z_])(BUG:|WARNING:|Oops|Kernel panic|kernel BUG|KASAN|UBSAN|general protection fault|Unable to handle kernel|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|refcount_t:|hung_task|soft lockup|detected stalls? on CPU|self-detected stall|Poison overwritten|Redzone overwritten|Object already free|Freechain corrupt)'

# The compiler cache of every build: one directory for all trees (paths
# below build/ are hashed relative to it), in depend mode, which hashes
# the compiler's own dependency output (-MD, -Wp,-MMD) instead of running
# the preprocessor once more on a miss (kernel/ mm/ fs/ of ppc32, empty
# cache: 107 s in depend mode, 92-108 s without ccache, 141 s in the
# default mode; a whole cold make check gained 5-10% per kernel); warm
# hits are the same (350 of 351). Under -MMD system headers are not
# hashed: the kernel has none (-nostdinc), the selftests use -MD.
ccache_env() {
	export CCACHE_DIR=${CCACHE_DIR:-${HOME:-/root}/.cache/ccache}
	export CCACHE_BASEDIR=$top/build CCACHE_NOHASHDIR=1
	export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G} CCACHE_DEPEND=1
}
