// SPDX-License-Identifier: GPL-2.0
/*
 * init.c - /init of every test boot, on every arch.
 *
 * Mounts the kernel file systems, runs each line of /tests/list
 * ("binary args") from /tests, and powers off. Everything it prints is
 * framed by the lines below, one per line, which scripts/results.sh and
 * scripts/status.sh read; nothing else in the log is a marker.
 *
 *   @@ BEGIN <uname -r>             init started
 *   @@ INIT <what failed>           a mount, a limit or a module the tests
 *                                   rely on could not be set up (a failure)
 *   @@ HOST <message>               the kernel printed the arch's
 *                                   HOST_FLAW (/host-flaw; x86: no TSC
 *                                   rate on a busy host); the boot ends
 *                                   here, the host boots again
 *   @@ TEST <name>                  a test starts; its output follows
 *   @@ END <name> rc=<n> ms=<t>     it ended: exit code, or 128 + signal
 *                                   (137: killed at TEST_TIMEOUT), after t
 *                                   ms (KUnit suites: no ms); what it left
 *                                   in its session is killed and reaped
 *                                   before the next test (or @@ INIT)
 *   @@ KNOB <test> <file> <left> -> <restored>
 *                                   a global fault-injection knob differs
 *                                   after the test (killed before it
 *                                   restored it, no restorer, or a counter
 *                                   the kernel counts down): the init wrote
 *                                   the value back (not a failure)
 *   @@ HUNG pid <p> wchan: <w>      it could not be killed (stuck in the
 *   @@ END <name> rc=hung           kernel): the boot ends here
 *   @@ KMEMLEAK ... @@ KMEMLEAK END the kmemleak report after the tests
 *   @@ DONE                         every test ran
 *
 * The same run is also told as one KTAP document (Documentation/dev-tools/
 * ktap.rst), written line by line to /dev/kmsg as "ktap: <line>" records:
 * the kernel's console prints each record whole, so no test output can cut
 * into it, and the host (scripts/ktap.py) parses it with the kernel's own
 * tools/testing/kunit/kunit_parser.py. Each KUnit suite and each list line
 * is one subtest of the document:
 *
 *   KTAP version 1
 *   1..<suites + list lines>
 *       KTAP version 1
 *       # Subtest: <name>
 *       <what it printed: its TAP lines as they are, other lines
 *        (and its own top-level TAP/KTAP version line) after "# ">
 *       # exit=<n>
 *   ok <i> <name>                   exit 0
 *   ok <i> <name> # SKIP exit 4     exit 4 (kselftest's skip)
 *   not ok <i> <name> # exit=<n>    anything else
 *
 * A test stuck in the kernel (@@ HUNG) gets no result line: the document
 * ends short of its plan. A test's records are written before its @@ END
 * line: the console may print them later (7.3's serial consoles print
 * from a thread), but a test the console shows ended has its records in
 * the kernel's log, which a panic prints.
 *
 * For the tests' output to be relayed the init reads it from a pipe and
 * prints it on the console as well. As under the kselftest runner (which
 * pipes it through tap_prefix), a program's stdio is not line-buffered by
 * the pipe: kselftest.h (ksft_print_header) and kvm_util (setbuf) make
 * it so; what a program of its own buffers is lost when it is killed.
 *
 * KUnit suites built into the kernel ran before init: each suite's
 * results (debugfs) are printed as a test named kunit/<suite>, unless
 * KUNIT=0 (a later boot of the same kernel, whose KUnit results were
 * counted already).
 *
 * The modules named in /modules/order (the arch's MODULES) are loaded, in
 * that order, before anything else runs.
 *
 * Environment, from the kernel command line: TEST_TIMEOUT (seconds, default
 * 300; scripts/boot.sh passes it), KUNIT, INIT_SHELL=1 (make shell: after
 * the modules and KUnit, a shell in /tests instead of the list; the boot
 * ends when it exits).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <stdarg.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void cat(const char *path)
{
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, stdout);
	fclose(f);
}

static void must(int ok, const char *what)
{
	if (!ok)
		printf("@@ INIT %s: %s\n", what, strerror(errno));
}

/*
 * The KTAP channel: one /dev/kmsg record per line (the tooling test's
 * harness points KMSG at a file).  A record holds 1024 bytes (the
 * kernel's PRINTKRB_RECORD_MAX): a longer line is cut, its rest goes on
 * as "# " lines, so that a result line stays one, its name cut.  A record
 * that cannot be written is a failure of the init (the host's parse
 * would miss it).
 */
#ifndef KMSG
#define KMSG "/dev/kmsg"
#endif
#define KTAP_RECORD 1024
/* "ktap: ", an indent of four levels, "# " and the newline fit beside it */
#define KTAP_CHUNK (KTAP_RECORD - 32)
static int kmsg_fd = -1;

static void ktap_record(const char *indent, const char *prefix,
			const char *s, size_t len)
{
	char rec[KTAP_RECORD + 1];
	int n;

	n = snprintf(rec, sizeof(rec), "ktap: %s%s%.*s\n", indent, prefix,
		     (int)len, s);
	if (n >= KTAP_RECORD) {	/* an indent deeper than counted */
		n = KTAP_RECORD - 1;
		rec[n - 1] = '\n';
	}
	if (kmsg_fd >= 0 && write(kmsg_fd, rec, n) != n) {
		printf("@@ INIT ktap: write %s: %s\n", KMSG, strerror(errno));
		close(kmsg_fd);
		kmsg_fd = -1;
	}
}

static void ktap_line(const char *indent, const char *s, size_t len)
{
	const char *prefix = "";

	while (len > KTAP_CHUNK) {
		ktap_record(indent, prefix, s, KTAP_CHUNK);
		s += KTAP_CHUNK;
		len -= KTAP_CHUNK;
		prefix = "# ";
	}
	ktap_record(indent, prefix, s, len);
}

/*
 * A TAP line of a test, one level down.  One longer than a record keeps
 * its directive (" # SKIP ...") with the cut name, so that a cut skip or
 * TODO stays one; the whole rest follows as "# " lines.
 */
static void ktap_tap(const char *s, size_t len)
{
	const char *d = memmem(s, len, " # ", 3);
	size_t dl = d ? len - (d - s) : 0, head = KTAP_CHUNK - dl;
	char rec[KTAP_CHUNK + 1];

	if (len <= KTAP_CHUNK || !d || dl > KTAP_CHUNK / 2) {
		ktap_line("    ", s, len);
		return;
	}
	/* len > KTAP_CHUNK >= head + dl: the directive starts past head */
	snprintf(rec, sizeof(rec), "%.*s%.*s", (int)head, s, (int)dl, d);
	ktap_record("    ", "", rec, KTAP_CHUNK);
	ktap_line("    # ", s + head, len - head);
}

static void __attribute__((format(printf, 1, 2))) ktap(const char *fmt, ...)
{
	char buf[KTAP_CHUNK];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ktap_line("", buf, n < (int)sizeof(buf) ? n : (int)sizeof(buf) - 1);
}

/* Is @s (a line of a test's output) TAP that nests as it is? */
static bool tap_syntax(const char *s)
{
	const char *p = s + strspn(s, " \t");
	bool indented = p != s;

	if (!strncmp(p, "ok ", 3))
		p += 3;
	else if (!strncmp(p, "not ok ", 7))
		p += 7;
	else if (!strncmp(p, "1..", 3))
		p += 3;
	else if (*p == '#')
		return true;
	else if (!strncmp(p, "KTAP version ", 13) ||
		 !strncmp(p, "TAP version ", 12))
		/* its own top-level version line: ours came before it */
		return indented;
	else
		return false;
	return *p >= '0' && *p <= '9';
}

/* Has the running test printed its (top-level) plan yet? */
static bool planned;

/*
 * One line a test printed (@len bytes, no newline): on the console as it
 * was, into the KTAP document one level down.  A second plan at the
 * test's top level (a test whose forked children each print "1..0 # SKIP",
 * as arm64's get-reg-list does) would end its subtest for KTAP parsers:
 * it is a comment there.  Whether a line is TAP is told by its start, so
 * a long one is TAP too (ktap_line() cuts it).
 */
static void test_line(const char *s, size_t len)
{
	char line[64];
	bool plan;

	fwrite(s, 1, len, stdout);
	fputc('\n', stdout);
	fflush(stdout);
	snprintf(line, sizeof(line), "%.*s", (int)len, s);
	plan = !strncmp(line, "1..", 3);
	if (plan && planned)
		ktap_line("    # ", s, len);
	else if (tap_syntax(line))
		ktap_tap(s, len);
	else
		ktap_line("    # ", s, len);
	planned |= plan;
}

/* The test's output pipe, and what of it has no newline yet. */
static int out_fd = -1;
static char out_buf[4096];
static size_t out_len;

/*
 * Relay what the (non-blocking) pipe has; if @drain, all of it and close
 * it, at the test's end: 0 when that was the end of the output (no
 * process holds the pipe open for writing), -1 when a process still does
 * (after its session was reaped: one that left it), which is not waited
 * for. A drain reads at most what the pipe holds, or such a process
 * writing on would hold the init for ever.
 */
static int relay(bool drain)
{
	long left = drain ? fcntl(out_fd, F_GETPIPE_SZ) : 0;
	ssize_t n;
	char *nl;

	if (left <= 0)
		left = 65536;
	while (out_fd >= 0) {
		if (drain && left < 0) {
			n = -1;		/* no further */
			errno = EAGAIN;
		} else {
			n = read(out_fd, out_buf + out_len, sizeof(out_buf) - out_len);
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN && !drain)
			return 0;
		if (n <= 0) {
			/* its end, or all a drain reads: the rest is a line */
			if (out_len)
				test_line(out_buf, out_len);
			out_len = 0;
			close(out_fd);
			out_fd = -1;
			return n ? -1 : 0;
		}
		left -= n;
		out_len += n;
		while ((nl = memchr(out_buf, '\n', out_len))) {
			test_line(out_buf, nl - out_buf);
			out_len -= nl + 1 - out_buf;
			memmove(out_buf, nl + 1, out_len);
		}
		if (out_len == sizeof(out_buf)) {
			test_line(out_buf, out_len);
			out_len = 0;
		}
		if (!drain)
			return 0;
	}
	return 0;
}

static void mount_fs(const char *src, const char *dir, const char *type)
{
	char what[128];

	mkdir(dir, 0755);
	snprintf(what, sizeof(what), "mount %s on %s", type, dir);
	must(!mount(src, dir, type, 0, NULL), what);
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok ? 0 : -1;
}

/*
 * The global fault-injection knobs (debugfs): a test that sets them and is
 * killed, or forgets, leaves them to the tests after it.
 * Each writable file of these directories is read before a test and
 * written back after it if it changed.
 */
#ifndef KNOB_DIRS	/* the tooling test's harness points it elsewhere */
#define KNOB_DIRS "/sys/kernel/debug/failslab", "/sys/kernel/debug/fail_page_alloc"
#endif
static const char *const knob_dirs[] = { KNOB_DIRS };

#define MAX_KNOBS 64
static struct knob {
	char path[300];
	char val[64];
} knobs[MAX_KNOBS];
static int nr_knobs;

/* Read @path into @buf (at most @len - 1 bytes, no trailing newline). */
static int read_str(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

static void knobs_save(void)
{
	struct dirent *e;
	unsigned int i;
	DIR *d;

	nr_knobs = 0;
	for (i = 0; i < sizeof(knob_dirs) / sizeof(knob_dirs[0]); i++) {
		d = opendir(knob_dirs[i]);
		if (!d)
			continue;
		while ((e = readdir(d))) {
			struct knob *k = &knobs[nr_knobs];
			struct stat st;

			if (nr_knobs == MAX_KNOBS) {
				printf("@@ INIT more than %d knobs in %s\n",
				       MAX_KNOBS, knob_dirs[i]);
				break;
			}

			snprintf(k->path, sizeof(k->path), "%s/%s",
				 knob_dirs[i], e->d_name);
			if (stat(k->path, &st) || !S_ISREG(st.st_mode) ||
			    !(st.st_mode & S_IWUSR) ||
			    read_str(k->path, k->val, sizeof(k->val)))
				continue;
			nr_knobs++;
		}
		closedir(d);
	}
}

/*
 * Write back what @test left changed, each probability first (while one is
 * above 0 the init's own allocations may fail).  times and space are also
 * counted down by the kernel itself as faults are injected: a test that
 * restored what it set can still show up here for those.
 */
static void knobs_restore(const char *test)
{
	const char *name;
	char now[64];
	int pass, i;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < nr_knobs; i++) {
			name = strrchr(knobs[i].path, '/') + 1;
			if ((pass == 0) != !strcmp(name, "probability"))
				continue;
			if (read_str(knobs[i].path, now, sizeof(now))) {
				printf("@@ INIT read %s after %s: %s\n",
				       knobs[i].path, test, strerror(errno));
				continue;
			}
			if (!strcmp(now, knobs[i].val))
				continue;
			if (write_str(knobs[i].path, knobs[i].val))
				printf("@@ INIT restore %s after %s: %s\n",
				       knobs[i].path, test, strerror(errno));
			else
				printf("@@ KNOB %s %s %s -> %s\n", test,
				       knobs[i].path, now, knobs[i].val);
		}
}

/*
 * /host-flaw, the arch's HOST_FLAW if it has one: a kernel message that
 * says the host spoiled this boot, not the kernel (x86: TCG's TSC could
 * not be calibrated on a busy host, and KVM selftests then fail for the
 * host's sake).  Returns that message if the kernel printed it.
 */
static const char *host_flaw(void)
{
	static char want[256];
	FILE *f = fopen("/host-flaw", "r");
	const char *hit = NULL;
	char *buf;
	int len, n;

	if (!f)
		return NULL;
	if (!fgets(want, sizeof(want), f))
		want[0] = '\0';
	fclose(f);
	want[strcspn(want, "\n")] = '\0';
	len = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0);
	if (!want[0] || len <= 0)
		return NULL;
	buf = calloc(1, len + 1);
	if (!buf)
		return NULL;
	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, len);
	if (n > 0 && strstr(buf, want))
		hit = want;
	free(buf);
	return hit;
}

static void load_modules(void)
{
	char *line = NULL, path[300], what[320];
	FILE *order = fopen("/modules/order", "r");
	size_t cap = 0;
	ssize_t n;
	int fd;

	if (!order)
		return;
	while ((n = getline(&line, &cap, order)) > 0) {
		line[strcspn(line, "\n")] = 0;
		snprintf(path, sizeof(path), "/modules/%s", line);
		snprintf(what, sizeof(what), "load %s", path);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		must(fd >= 0 && !syscall(SYS_finit_module, fd, "", 0), what);
		if (fd >= 0)
			close(fd);
	}
	free(line);
	fclose(order);
}

/* The number of the next subtest of the KTAP document. */
static int ktap_num;

/* The KTAP subtest header of a test named @name. */
static void ktap_begin(const char *name)
{
	planned = false;
	ktap("    KTAP version 1");
	ktap("    # Subtest: %s", name);
}

/* ... and its result line, from its exit code. */
static void ktap_end(const char *name, int rc)
{
	ktap("    # exit=%d", rc);
	if (rc == 0)
		ktap("ok %d %s", ++ktap_num, name);
	else if (rc == 4)
		ktap("ok %d %s # SKIP exit 4", ++ktap_num, name);
	else
		ktap("not ok %d %s # exit=%d", ++ktap_num, name, rc);
}

/* KUnit's suites (@run: print them; else only count them) */
static int kunit(bool run)
{
	const char *dir = "/sys/kernel/debug/kunit";
	char path[512], name[300], *line = NULL;
	struct dirent *e;
	DIR *d = opendir(dir);
	size_t cap = 0;
	ssize_t n;
	int nr = 0;
	FILE *f;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		nr++;
		if (!run)
			continue;
		snprintf(path, sizeof(path), "%s/%s/results", dir, e->d_name);
		snprintf(name, sizeof(name), "kunit/%s", e->d_name);
		printf("@@ TEST %s\n", name);
		fflush(stdout);
		ktap_begin(name);
		f = fopen(path, "r");
		while (f && (n = getline(&line, &cap, f)) > 0)
			test_line(line, n - (line[n - 1] == '\n'));
		if (f)
			fclose(f);
		ktap_end(name, 0);
		printf("@@ END %s rc=0\n", name);
	}
	free(line);
	closedir(d);
	return nr;
}

static void kmemleak(void)
{
	const char *f = "/sys/kernel/debug/kmemleak";

	if (access(f, W_OK))
		return;
	/* Two scans: an object is reported once it was unreferenced in both. */
	write_str(f, "scan");
	sleep(6);
	write_str(f, "scan");
	printf("@@ KMEMLEAK\n");
	fflush(stdout);
	cat(f);
	printf("@@ KMEMLEAK END\n");
}

static void report_hung(pid_t pid)
{
	char path[64];

	printf("@@ HUNG pid %d wchan: ", pid);
	snprintf(path, sizeof(path), "/proc/%d/wchan", pid);
	cat(path);
	printf("\n");
}

/* make shell: busybox's shell on the console, in /tests, until it exits */
static void shell(void)
{
	pid_t pid;

	if (access("/bin/busybox", X_OK)) {
		printf("@@ INIT no shell: this arch's initramfs has no busybox\n");
		return;
	}
	printf("@@ SHELL the list's programs are in /tests (list: /tests/list); exit ends the boot\n");
	pid = fork();
	if (pid == 0) {
		setsid();
		ioctl(0, TIOCSCTTY, 1);
		if (chdir("/tests"))
			_exit(127);
		execl("/bin/busybox", "sh", "-i", NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	else
		printf("@@ INIT fork for the shell: %s\n", strerror(errno));
}

/* SIGCHLD is blocked in the init (but in ppoll()), not in tests. */
static sigset_t sigchld, test_sigmask;

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * Reap every child that has ended (as PID 1 the init also inherits what
 * earlier tests left): true if @pid was one of them, with its *status.
 */
static bool reap(pid_t pid, int *status)
{
	bool found = false;
	pid_t p;
	int st;

	while ((p = waitpid(-1, &st, WNOHANG)) > 0)
		if (p == pid) {
			*status = st;
			found = true;
		}
	return found;
}

/*
 * Sleep until a child ends, the test prints or @ms pass, and relay what it
 * printed.  SIGCHLD is blocked but while ppoll() waits (test_sigmask), so
 * one that came after the last reap() is pending and ends the sleep at
 * once (the handler does nothing: it only has to exist to interrupt).
 */
static void sleep_for_child(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000 };
	struct pollfd p = { .fd = out_fd, .events = POLLIN };

	if (ppoll(&p, 1, &t, &test_sigmask) > 0)
		relay(false);
}

static void on_sigchld(int sig)
{
}

/* Tests run with the init's signal mask; the init blocks SIGCHLD. */
static void setup_sigchld(void)
{
	struct sigaction sa = { .sa_handler = on_sigchld };

	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&sigchld);
	sigaddset(&sigchld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &sigchld, &test_sigmask);
}

/* Wait at most @limit seconds for @pid to end: 0 with its *status, or -1. */
static int wait_test(pid_t pid, int *status, int limit)
{
	struct timespec t0;
	long left;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!reap(pid, status)) {
		left = limit * 1000L - ms_since(&t0);
		if (left <= 0)
			return -1;
		sleep_for_child(left);
	}
	return 0;
}

/*
 * Send SIGKILL to each live process of session @sid: how many there were
 * (zombies hold nothing and are not counted).  No call does it for a
 * session, so /proc/PID/stat is read ("PID (COMM) STATE PPID PGRP SID").
 */
static int kill_session(pid_t sid)
{
	char path[64], buf[512], *p, state;
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0, fd, s;
	ssize_t len;
	pid_t pid;

	if (!d)
		return kill(-sid, SIGKILL) ? 0 : 1;
	while ((e = readdir(d))) {
		pid = atoi(e->d_name);
		if (pid <= 1)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = 0;
		p = strrchr(buf, ')');
		if (!p || sscanf(p + 1, " %c %*d %*d %d", &state, &s) != 2 ||
		    s != sid || state == 'Z')
			continue;
		kill(pid, SIGKILL);
		n++;
	}
	closedir(d);
	return n;
}

/* Kill and reap session @sid: 0 once it is gone, -1 after 10 seconds. */
static int reap_session(pid_t sid)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		reap(0, NULL);
		if (!kill_session(sid))
			return 0;
		if (ms_since(&t0) >= 10000)
			return -1;
		sleep_for_child(100);
	}
}

/*
 * The rest of test @name's output, at its end.  When its session is gone
 * (@reaped), a process that still holds the pipe has left it (setsid()):
 * it is not the init's to kill, and is not waited for.
 */
static void drain(const char *name, bool reaped)
{
	if (relay(true) && reaped)
		printf("@@ INIT a process out of %s's session holds its output: not waited for\n",
		       name);
}

/* Does the list line @line name a test? (as run() splits it) */
static int listed(const char *line)
{
	const char *p = line + strspn(line, " \t\n");

	return *p && *p != '#';
}

/* Run one list line; -1 when its test is stuck in the kernel. */
static int run(char *line, int limit)
{
	char **argv = calloc(strlen(line) / 2 + 2, sizeof(*argv));
	char *save, *tok;
	int argc = 0, status, ret = 0, rc, pipefd[2];
	struct timespec t0;
	bool reaped;
	pid_t pid;

	if (!argv)
		return 0;
	for (tok = strtok_r(line, " \t\n", &save); tok;
	     tok = strtok_r(NULL, " \t\n", &save))
		argv[argc++] = tok;
	if (!argc || argv[0][0] == '#')
		goto out;

	knobs_save();
	printf("@@ TEST %s\n", argv[0]);
	fflush(stdout);
	ktap_begin(argv[0]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = -1;
	if (pipe2(pipefd, O_CLOEXEC)) {
		printf("@@ INIT pipe for %s: %s\n", argv[0], strerror(errno));
	} else if ((pid = fork()) < 0) {
		printf("@@ INIT fork for %s: %s\n", argv[0], strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
	}
	if (pid < 0) {
		ktap_end(argv[0], 127);
		printf("@@ END %s rc=127 ms=0\n", argv[0]);
		goto out;
	}
	if (pid == 0) {
		char bin[512];

		sigprocmask(SIG_SETMASK, &test_sigmask, NULL);
		setsid();
		dup2(pipefd[1], 1);
		dup2(pipefd[1], 2);
		snprintf(bin, sizeof(bin), "./%s", argv[0]);
		execv(bin, argv);
		perror(bin);
		_exit(127);
	}
	/*
	 * The child makes itself a session (which it cannot if it leads a
	 * group already: no setpgid() here); it does so before anything of
	 * its own runs, so whatever it forks is in the session.
	 */
	close(pipefd[1]);
	out_fd = pipefd[0];
	fcntl(out_fd, F_SETFL, O_NONBLOCK);
	out_len = 0;
	if (wait_test(pid, &status, limit)) {
		kill_session(pid);
		kill(pid, SIGKILL);
		if (wait_test(pid, &status, 10)) {
			relay(true);	/* it holds the pipe itself */
			report_hung(pid);
			printf("@@ END %s rc=hung\n", argv[0]);
			ret = -1;
			goto out;
		}
	}
	rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	/*
	 * What it left in its session dies before the next test starts: it
	 * must not print into that test's section or hold its VMs or
	 * kvm.ko (module_unload_test).  A session, not a process group:
	 * kselftest_harness.h puts each case in a group of its own
	 * (setpgrp()), which a test killed at its timeout leaves behind.
	 * What the session printed until then is the test's.
	 */
	reaped = !reap_session(pid);
	if (!reaped)
		printf("@@ INIT what %s left in its session is still alive\n",
		       argv[0]);
	drain(argv[0], reaped);
	/* its result is in the kernel's log before the console says it ended */
	ktap_end(argv[0], rc);
	printf("@@ END %s rc=%d ms=%ld\n", argv[0], rc, ms_since(&t0));
	knobs_restore(argv[0]);
out:
	fflush(stdout);
	free(argv);
	return ret;
}

int main(void)
{
	struct rlimit nofile = { 4096, 4096 };
	const char *t = getenv("TEST_TIMEOUT"), *k = getenv("KUNIT");
	const char *sh = getenv("INIT_SHELL"), *flaw;
	int limit = t && atoi(t) > 0 ? atoi(t) : 300, nr = 0;
	FILE *list = NULL;
	char *line = NULL;
	size_t cap = 0;
	struct utsname u;

	setvbuf(stdout, NULL, _IOLBF, 0);
	uname(&u);
	printf("@@ BEGIN %s\n", u.release);
	mount_fs("proc", "/proc", "proc");
	mount_fs("sys", "/sys", "sysfs");
	mount_fs("dev", "/dev", "devtmpfs");
	mount_fs("tmp", "/tmp", "tmpfs");
	mount_fs("debugfs", "/sys/kernel/debug", "debugfs");
	must(!setrlimit(RLIMIT_NOFILE, &nofile), "RLIMIT_NOFILE 4096");
	/* Shell-script tests (bench/trace.sh) get busybox's applets. */
	if (!access("/bin/busybox", X_OK) && !fork()) {
		execl("/bin/busybox", "busybox", "--install", "-s", "/bin", NULL);
		_exit(127);
	}
	wait(NULL);

	flaw = host_flaw();
	if (flaw) {
		printf("@@ HOST %s\n", flaw);
		goto out;
	}
	load_modules();
	kmsg_fd = open(KMSG, O_WRONLY | O_CLOEXEC);
	must(kmsg_fd >= 0, "open " KMSG " for KTAP");
	if (!k || strcmp(k, "0"))
		nr = kunit(false);
	if (!sh || strcmp(sh, "1")) {
		list = fopen("/tests/list", "re");
		must(list && !chdir("/tests"), "open /tests/list");
		while (list && getline(&line, &cap, list) > 0)
			nr += listed(line);
		if (list)
			rewind(list);
	}
	ktap("KTAP version 1");
	ktap("1..%d", nr);
	if (!k || strcmp(k, "0"))
		kunit(true);
	if (sh && !strcmp(sh, "1")) {
		shell();
		goto out;
	}

	setup_sigchld();
	if (!list)
		goto out;
	while (getline(&line, &cap, list) > 0)
		if (run(line, limit))
			goto out;
	kmemleak();
	printf("@@ DONE\n");
out:
	fflush(stdout);
	sync();
	reboot(RB_AUTOBOOT);
	return 0;
}
