// SPDX-License-Identifier: GPL-2.0
/*
 * init.c - /init for the test boots of arches without a Debian busybox
 * (powerpc, riscv64). Does what tests/init does, in C: mounts the kernel
 * file systems, runs each line of /tests/list ("binary args") from /tests
 * with a timeout, frames its output with the "@@" markers that
 * scripts/results.sh reads, and powers off.
 *
 * A test still running after TEST_TIMEOUT seconds (environment, from the
 * kernel command line; default 300) is killed and reported with rc=137;
 * one that cannot be killed (stuck in the kernel) is reported as hung with
 * its wait channel, and the boot ends without "@@ DONE".
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
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

static void report_hung(pid_t pid)
{
	char path[64];

	printf("@@ HUNG pid %d wchan: ", pid);
	snprintf(path, sizeof(path), "/proc/%d/wchan", pid);
	cat(path);
	printf("\n");
}

static int run(char *line, int limit)
{
	char *argv[32], *save;
	int argc = 0, status, waited;
	pid_t pid, r;

	for (char *tok = strtok_r(line, " \t\n", &save); tok && argc < 31;
	     tok = strtok_r(NULL, " \t\n", &save))
		argv[argc++] = tok;
	if (!argc)
		return 0;
	argv[argc] = NULL;

	printf("@@ TEST %s\n", argv[0]);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char bin[256];

		setpgid(0, 0);
		snprintf(bin, sizeof(bin), "./%s", argv[0]);
		execv(bin, argv);
		perror(bin);
		_exit(127);
	}
	for (waited = 0; ; waited++) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (waited == limit) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
		}
		if (waited == limit + 10) {
			report_hung(pid);
			printf("@@ END %s rc=hung\n", argv[0]);
			fflush(stdout);
			return -1;
		}
		sleep(1);
	}
	printf("@@ END %s rc=%d\n", argv[0],
	       WIFEXITED(status) ? WEXITSTATUS(status) :
	       128 + WTERMSIG(status));
	fflush(stdout);
	return 0;
}

int main(void)
{
	struct rlimit nofile = { 4096, 4096 };
	const char *t = getenv("TEST_TIMEOUT");
	int limit = t ? atoi(t) : 300;
	struct utsname u;
	char line[512];
	FILE *list;

	mkdir("/proc", 0755);
	mkdir("/sys", 0755);
	mkdir("/dev", 0755);
	mkdir("/tmp", 01777);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sys", "/sys", "sysfs", 0, NULL);
	mount("dev", "/dev", "devtmpfs", 0, NULL);
	mount("tmp", "/tmp", "tmpfs", 0, NULL);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	setrlimit(RLIMIT_NOFILE, &nofile);
	setvbuf(stdout, NULL, _IOLBF, 0);

	uname(&u);
	printf("@@ BEGIN %s\n", u.release);
	list = fopen("/tests/list", "r");
	if (chdir("/tests") || !list)
		goto out;
	while (fgets(line, sizeof(line), list))
		if (run(line, limit > 0 ? limit : 300))
			goto out;
	printf("@@ DONE\n");
out:
	fflush(stdout);
	sync();
	reboot(RB_AUTOBOOT);
	return 0;
}
