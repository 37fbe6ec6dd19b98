// SPDX-License-Identifier: GPL-2.0
/*
 * module_unload_test - KVM built as modules (kvm.ko + kvm-amd.ko, as
 * distributions ship it) cannot be unloaded while anything of a VM is
 * alive: a VM fd, a device fd that outlived its VM fd, a device fd held by
 * another process. Unloading succeeds once the last of them is closed,
 * and the modules' reference counts come back to where they started.
 *
 * Runs as root in a test boot of the x86_64-debug kernel (arches/), whose
 * init loaded /modules/kvm.ko and /modules/kvm-amd.ko. delete_module(2)
 * of a module in use fails with EWOULDBLOCK (EAGAIN), which rmmod(8)
 * reports as "in use". Every test leaves both modules loaded, as it found
 * them, so the tests after it in the list still have KVM.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "kselftest_harness.h"

#define ROUNDS 20

static const char *const ko[] = { "/modules/kvm.ko", "/modules/kvm-amd.ko" };
static const char *const mod[] = { "kvm", "kvm_amd" };

static int loaded(const char *name)
{
	char path[64];

	snprintf(path, sizeof(path), "/sys/module/%s/refcnt", name);
	return !access(path, F_OK);
}

static int refcnt(const char *name)
{
	char path[64];
	int n = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/%s/refcnt", name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%d", &n) != 1)
		n = -1;
	fclose(f);
	return n;
}

static int load(int i)
{
	int fd = open(ko[i], O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	ret = syscall(SYS_finit_module, fd, "", 0);
	close(fd);
	return ret;
}

static int load_all(void)
{
	for (int i = 0; i < 2; i++)
		if (!loaded(mod[i]) && load(i))
			return -1;
	return 0;
}

/* Unload both, kvm_amd first; -1 with errno from the first that fails. */
static int unload_all(void)
{
	if (syscall(SYS_delete_module, "kvm_amd", O_NONBLOCK))
		return -1;
	return syscall(SYS_delete_module, "kvm", O_NONBLOCK);
}

static struct kvm_device_attr vfio_file_add = {
	.group = KVM_DEV_VFIO_FILE,
	.attr = KVM_DEV_VFIO_FILE_ADD,
};

struct vm {
	int kvm, vm, vcpu, dev;
};

static void create(struct __test_metadata *_metadata, struct vm *v)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_VFIO };

	v->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, v->kvm);
	v->vm = ioctl(v->kvm, KVM_CREATE_VM, 0);
	ASSERT_LE(0, v->vm);
	v->vcpu = ioctl(v->vm, KVM_CREATE_VCPU, 0);
	ASSERT_LE(0, v->vcpu);
	ASSERT_EQ(0, ioctl(v->vm, KVM_CREATE_DEVICE, &cd));
	v->dev = cd.fd;
}

FIXTURE(modules) {
	int kvm_start, amd_start;
};

FIXTURE_SETUP(modules)
{
	if (geteuid())
		SKIP(return, "needs root");
	if (!loaded("kvm") && access(ko[0], R_OK))
		SKIP(return, "KVM is not a module in this kernel");
	ASSERT_EQ(0, load_all());
	self->kvm_start = refcnt("kvm");
	self->amd_start = refcnt("kvm_amd");
	TH_LOG("refcnt at start: kvm %d, kvm_amd %d", self->kvm_start,
	       self->amd_start);
}

FIXTURE_TEARDOWN(modules)
{
	/* Leave KVM loaded, as the boot's init did, for the next tests. */
	EXPECT_EQ(0, load_all());
}

/* The refcounts are back at their start values and both modules unload. */
static void unload_clean(struct __test_metadata *_metadata,
			 FIXTURE_DATA(modules) *self)
{
	ASSERT_EQ(self->kvm_start, refcnt("kvm"));
	ASSERT_EQ(self->amd_start, refcnt("kvm_amd"));
	ASSERT_EQ(0, unload_all());
	ASSERT_FALSE(loaded("kvm"));
}

static void unload_busy(struct __test_metadata *_metadata)
{
	errno = 0;
	ASSERT_EQ(-1, unload_all());
	ASSERT_EQ(EWOULDBLOCK, errno);
	ASSERT_TRUE(loaded("kvm_amd"));
	/* kvm_amd uses kvm: kvm cannot go first either. */
	errno = 0;
	ASSERT_EQ(-1, syscall(SYS_delete_module, "kvm", O_NONBLOCK));
	ASSERT_EQ(EWOULDBLOCK, errno);
}

TEST_F(modules, busy_while_vm_fd_open)
{
	struct vm v;

	create(_metadata, &v);
	close(v.dev);
	close(v.vcpu);
	close(v.kvm);
	unload_busy(_metadata);
	close(v.vm);
	unload_clean(_metadata, self);
}

TEST_F(modules, busy_while_device_fd_outlives_vm_fd)
{
	struct vm v;

	create(_metadata, &v);
	close(v.vcpu);
	close(v.vm);
	close(v.kvm);
	unload_busy(_metadata);
	/* The device still works: its VM is alive for it. */
	ASSERT_EQ(0, ioctl(v.dev, KVM_HAS_DEVICE_ATTR, &vfio_file_add));
	close(v.dev);
	unload_clean(_metadata, self);
}

TEST_F(modules, busy_while_another_process_holds_the_device)
{
	int go[2], ready[2];
	struct vm v;
	pid_t pid;
	char c;

	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(ready));
	create(_metadata, &v);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		/* Keep only the device fd, then wait for the word. */
		close(v.vm);
		close(v.vcpu);
		close(v.kvm);
		close(go[1]);
		if (write(ready[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		close(v.dev);
		_exit(0);
	}
	close(v.dev);
	close(v.vcpu);
	close(v.vm);
	close(v.kvm);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	unload_busy(_metadata);
	ASSERT_EQ(1, write(go[1], "g", 1));
	ASSERT_EQ(pid, waitpid(pid, NULL, 0));
	unload_clean(_metadata, self);
}

TEST_F_TIMEOUT(modules, rounds, 240)
{
	for (int i = 0; i < ROUNDS; i++) {
		struct vm v;
		int order = i % 3;

		ASSERT_EQ(0, load_all());
		create(_metadata, &v);
		unload_busy(_metadata);
		/* Close in a different order each round: fds[order] first. */
		int fds[4] = { v.dev, v.vcpu, v.vm, v.kvm };

		close(fds[order]);
		for (int j = 0; j < 4; j++)
			if (j != order)
				close(fds[j]);
		unload_clean(_metadata, self);
	}
	TH_LOG("%d rounds of load, VM + vCPU + device, busy unload, close, unload",
	       ROUNDS);
}

TEST_HARNESS_MAIN
