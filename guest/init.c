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
 *                                   in its process group is killed and
 *                                   reaped before the next test (or @@ INIT)
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
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
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

static void kunit(void)
{
	const char *dir = "/sys/kernel/debug/kunit";
	char path[512];
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/results", dir, e->d_name);
		printf("@@ TEST kunit/%s\n", e->d_name);
		fflush(stdout);
		cat(path);
		printf("@@ END kunit/%s rc=0\n", e->d_name);
	}
	closedir(d);
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

/* SIGCHLD is blocked in the init (taken by sigtimedwait), not in tests. */
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
 * Sleep until a child ends or @ms pass.  SIGCHLD is blocked, so one that
 * came after the last reap() is pending and ends the sleep at once.
 */
static void sleep_for_child(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000 };

	sigtimedwait(&sigchld, NULL, &t);
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

/* Reap until process group @pgid is gone: 0, or -1 after 10 seconds. */
static int reap_group(pid_t pgid)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		reap(0, NULL);
		if (kill(-pgid, 0) && errno == ESRCH)
			return 0;
		if (ms_since(&t0) >= 10000)
			return -1;
		sleep_for_child(100);
	}
}

/* Run one list line; -1 when its test is stuck in the kernel. */
static int run(char *line, int limit)
{
	char **argv = calloc(strlen(line) / 2 + 2, sizeof(*argv));
	char *save, *tok;
	int argc = 0, status, ret = 0;
	struct timespec t0;
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
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		printf("@@ INIT fork for %s: %s\n", argv[0], strerror(errno));
		printf("@@ END %s rc=127 ms=0\n", argv[0]);
		goto out;
	}
	if (pid == 0) {
		char bin[512];

		sigprocmask(SIG_SETMASK, &test_sigmask, NULL);
		setpgid(0, 0);
		snprintf(bin, sizeof(bin), "./%s", argv[0]);
		execv(bin, argv);
		perror(bin);
		_exit(127);
	}
	/* The child's own setpgid() may not have run yet: set it here too. */
	setpgid(pid, pid);
	if (wait_test(pid, &status, limit)) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
		if (wait_test(pid, &status, 10)) {
			report_hung(pid);
			printf("@@ END %s rc=hung\n", argv[0]);
			ret = -1;
			goto out;
		}
	}
	printf("@@ END %s rc=%d ms=%ld\n", argv[0],
	       WIFEXITED(status) ? WEXITSTATUS(status) :
	       128 + WTERMSIG(status), ms_since(&t0));
	/*
	 * What it left in its group dies before the next test starts: it
	 * must not print into that test's section or hold its VMs or
	 * kvm.ko (module_unload_test).
	 */
	if (!kill(-pid, SIGKILL) && reap_group(pid))
		printf("@@ INIT what %s left in its process group is still alive\n",
		       argv[0]);
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
	int limit = t && atoi(t) > 0 ? atoi(t) : 300;
	char *line = NULL;
	size_t cap = 0;
	struct utsname u;
	FILE *list;

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
	if (!k || strcmp(k, "0"))
		kunit();
	if (sh && !strcmp(sh, "1")) {
		shell();
		goto out;
	}

	sigemptyset(&sigchld);
	sigaddset(&sigchld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &sigchld, &test_sigmask);
	list = fopen("/tests/list", "r");
	must(list && !chdir("/tests"), "open /tests/list");
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
