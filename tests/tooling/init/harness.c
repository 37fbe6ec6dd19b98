// SPDX-License-Identifier: GPL-2.0
/*
 * harness.c - guest/init.c's run() on the host: each argument is a list
 * line, run from the current directory with a limit of 3 s, SIGCHLD
 * blocked as the init's main() has it. Built by scripts/test-tooling.sh
 * with KNOB_DIRS pointing at a scratch directory and KMSG at a file (the
 * KTAP document).
 */
#define main init_main
#include "../../../guest/init.c"
#undef main

int main(int argc, char **argv)
{
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	kmsg_fd = open(KMSG, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ktap("KTAP version 1");
	ktap("1..%d", argc - 1);
	setup_sigchld();
	for (i = 1; i < argc; i++)
		if (run(argv[i], 3))
			return 1;
	return 0;
}
