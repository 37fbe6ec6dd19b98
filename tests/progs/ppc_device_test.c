// SPDX-License-Identifier: GPL-2.0-only
/*
 * ppc_device_test - the PowerPC irqchips of the KVM device control API
 *
 * The PowerPC part of the kvm-devctl tests; the generic part is the KVM
 * selftest device_ctrl_test.  tools/testing/selftests/kvm does not build
 * for powerpc, so this is a standalone program: raw ioctls and
 * kselftest_harness.h only.  Build it statically against installed
 * ARCH=powerpc UAPI headers, with
 * "-static -O2 -Wall -Werror -pthread -D_GNU_SOURCE", the include paths
 * "-I<linux>/tools/testing/selftests -isystem <uapi headers>", and the
 * powerpc-linux-gnu- (ppc32, e500) or powerpc64-linux-gnu- (ppc64) gcc.
 *
 * Book3S (ppc64, KVM-PR or HV) has the XICS, e500 (ppc32, e500v2) the MPIC;
 * every test skips when the kernel does not offer its device type.
 *
 *  - For the XICS and both MPIC models: creation, a second instance and
 *    re-creation after close, and every order of closing the VM, vCPU and
 *    device fds with the vCPU connected to the device (KVM_CAP_IRQ_XICS,
 *    KVM_CAP_IRQ_MPIC): the VM must be destroyed with its last fd.
 *  - The XICS reset path of QEMU's pseries machine (close the XICS and
 *    create it again, with vCPUs connected, state set and a line raised)
 *    and injections racing that close.
 *  - An e500 guest that programs the MPIC by MMIO and takes an interrupt
 *    from it after the MPIC's fd was closed.
 *  - An e500 guest that reads the guest TLB entries nothing wrote: zero,
 *    not the previous user of the memory.
 *  - The attribute calls of QEMU's hw/intc/openpic_kvm.c, which leaves
 *    kvm_device_attr.flags uninitialized: they must work with any garbage
 *    there.
 */
#include <dirent.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/kvm.h>

#include "kselftest_harness.h"

#define FD_POISON	0x5a5a5a5a

static int open_kvm(void)
{
	return open("/dev/kvm", O_RDWR | O_CLOEXEC);
}

static int create_vm(int kvm)
{
	int vm;

	do {
		vm = ioctl(kvm, KVM_CREATE_VM, 0);
	} while (vm < 0 && errno == EINTR);
	return vm;
}

/*
 * The new fd, 0 for KVM_CREATE_DEVICE_TEST, or -errno.  A failed create
 * must leave cd.fd as it was passed: -EBADFD if it did not.
 */
static int create_device(int vm, __u32 type, __u32 flags)
{
	struct kvm_create_device cd = {
		.type = type,
		.fd = FD_POISON,
		.flags = flags,
	};

	if (ioctl(vm, KVM_CREATE_DEVICE, &cd))
		return cd.fd == FD_POISON ? -errno : -EBADFD;
	return (flags & KVM_CREATE_DEVICE_TEST) ? 0 : (int)cd.fd;
}

static bool has_device_type(__u32 type)
{
	int kvm = open_kvm(), vm = create_vm(kvm);
	bool ret = vm >= 0 && !create_device(vm, type, KVM_CREATE_DEVICE_TEST);

	close(vm);
	close(kvm);
	return ret;
}

static int dev_attr(int fd, unsigned long req, __u32 group, __u64 attr,
		    void *val, __u32 flags)
{
	struct kvm_device_attr da = {
		.flags = flags,
		.group = group,
		.attr = attr,
		.addr = (uintptr_t)val,
	};

	return ioctl(fd, req, &da) ? -errno : 0;
}

static int enable_irq_cap(int vcpu, __u32 cap, int dev, __u32 server)
{
	struct kvm_enable_cap ec = {
		.cap = cap,
		.args = { dev, server },
	};

	return ioctl(vcpu, KVM_ENABLE_CAP, &ec) ? -errno : 0;
}

/*
 * The VMs of this process that KVM has not destroyed: each has a debugfs
 * directory "PID-FD" from KVM_CREATE_VM until kvm_destroy_vm().  -1 if
 * debugfs is not there.
 */
static int live_vms(void)
{
	DIR *dir = opendir("/sys/kernel/debug/kvm");
	char prefix[16];
	struct dirent *d;
	int n = 0;

	if (!dir)
		return -1;
	snprintf(prefix, sizeof(prefix), "%d-", getpid());
	while ((d = readdir(dir)))
		n += !strncmp(d->d_name, prefix, strlen(prefix));
	closedir(dir);
	return n;
}

struct dev_type {
	const char *name;
	__u32 type;
	/* errno of a second create while one exists */
	int second_errno;
	/* errno of a create after the first one's fd was closed, 0 if none */
	int recreate_errno;
	/* an attribute KVM_HAS_DEVICE_ATTR answers 0 for */
	__u32 group;
	__u64 attr;
	/* the capability that connects a vCPU to the device */
	__u32 cap;
};

#ifdef KVM_DEV_XICS_GRP_SOURCES
#define XICS_IRQ	16	/* the first source number of an ICS */

static const struct dev_type xics = {
	.name = "kvm-xics",
	.type = KVM_DEV_TYPE_XICS,
	.second_errno = EEXIST,
	.group = KVM_DEV_XICS_GRP_SOURCES,
	.attr = XICS_IRQ,
	.cap = KVM_CAP_IRQ_XICS,
};
#endif

#ifdef KVM_DEV_MPIC_GRP_MISC
static const struct dev_type mpic20 = {
	.name = "kvm-mpic-20",
	.type = KVM_DEV_TYPE_FSL_MPIC_20,
	.second_errno = EINVAL,
	.recreate_errno = EINVAL,
	.group = KVM_DEV_MPIC_GRP_MISC,
	.attr = KVM_DEV_MPIC_BASE_ADDR,
	.cap = KVM_CAP_IRQ_MPIC,
};

static const struct dev_type mpic42 = {
	.name = "kvm-mpic-42",
	.type = KVM_DEV_TYPE_FSL_MPIC_42,
	.second_errno = EINVAL,
	.recreate_errno = EINVAL,
	.group = KVM_DEV_MPIC_GRP_MISC,
	.attr = KVM_DEV_MPIC_BASE_ADDR,
	.cap = KVM_CAP_IRQ_MPIC,
};
#endif

FIXTURE(dev) {
	int kvm, vm;
	const struct dev_type *t;
};

FIXTURE_VARIANT(dev) {
	const struct dev_type *t;
};

#ifdef KVM_DEV_XICS_GRP_SOURCES
FIXTURE_VARIANT_ADD(dev, xics) {
	.t = &xics,
};
#endif

#ifdef KVM_DEV_MPIC_GRP_MISC
FIXTURE_VARIANT_ADD(dev, mpic20) {
	.t = &mpic20,
};

FIXTURE_VARIANT_ADD(dev, mpic42) {
	.t = &mpic42,
};
#endif

FIXTURE_SETUP(dev)
{
	self->t = variant->t;
	self->vm = -1;
	self->kvm = open_kvm();
	ASSERT_LE(0, self->kvm) TH_LOG("/dev/kvm: %s", strerror(errno));
	if (!has_device_type(self->t->type))
		SKIP(return, "%s not supported", self->t->name);
	self->vm = create_vm(self->kvm);
	ASSERT_LE(0, self->vm) TH_LOG("KVM_CREATE_VM: %s", strerror(errno));
}

FIXTURE_TEARDOWN(dev)
{
	close(self->vm);
	close(self->kvm);
}

TEST_F(dev, create_close)
{
	int fd = create_device(self->vm, self->t->type, 0);

	ASSERT_LE(0, fd) TH_LOG("create: %s", strerror(-fd));
	EXPECT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD));
	EXPECT_EQ(0, dev_attr(fd, KVM_HAS_DEVICE_ATTR, self->t->group,
			      self->t->attr, NULL, 0));
	EXPECT_EQ(0, close(fd));
}

/* create_device() also checks that cd.fd is left alone on failure. */
TEST_F(dev, second_instance)
{
	int fd = create_device(self->vm, self->t->type, 0);

	ASSERT_LE(0, fd) TH_LOG("create: %s", strerror(-fd));
	EXPECT_EQ(-self->t->second_errno,
		  create_device(self->vm, self->t->type, 0));
	close(fd);
}

TEST_F(dev, recreate_after_close)
{
	int i, fd;

	for (i = 0; i < 20; i++) {
		fd = create_device(self->vm, self->t->type, 0);
		if (i && self->t->recreate_errno) {
			ASSERT_EQ(-self->t->recreate_errno, fd);
			continue;
		}
		ASSERT_LE(0, fd) TH_LOG("round %d: %s", i, strerror(-fd));
		ASSERT_EQ(0, close(fd));
	}
}

/*
 * Close the VM, vCPU and device fds in @order (0: VM, 1: vCPU, 2: device),
 * with the vCPU connected to the device.  The VM must be destroyed when the
 * last of them is closed: not earlier, and not never (a reference cycle).
 */
static void close_in_order(struct __test_metadata *_metadata,
			   const struct dev_type *t, int kvm, const char *order)
{
	int vms = live_vms(), fds[3], i, r;

	if (vms < 0)
		SKIP(return, "debugfs not available");

	fds[0] = create_vm(kvm);
	ASSERT_LE(0, fds[0]);
	EXPECT_EQ(vms + 1, live_vms())
		TH_LOG("an earlier VM with fd %d is still alive", fds[0]);
	fds[1] = ioctl(fds[0], KVM_CREATE_VCPU, 0);
	ASSERT_LE(0, fds[1]) TH_LOG("KVM_CREATE_VCPU: %s", strerror(errno));
	fds[2] = create_device(fds[0], t->type, 0);
	ASSERT_LE(0, fds[2]) TH_LOG("create: %s", strerror(-fds[2]));
	r = enable_irq_cap(fds[1], t->cap, fds[2], 0);
	ASSERT_EQ(0, r) TH_LOG("connect: %s", strerror(-r));

	for (i = 0; order[i]; i++) {
		int which = order[i] - '0';

		ASSERT_EQ(0, close(fds[which]));
		fds[which] = -1;
		/* The device answers for as long as its fd is open. */
		if (fds[2] >= 0)
			EXPECT_EQ(0, dev_attr(fds[2], KVM_HAS_DEVICE_ATTR,
					      t->group, t->attr, NULL, 0));
	}
	EXPECT_EQ(vms, live_vms())
		TH_LOG("order %s: the VM outlived its fds", order);
}

TEST_F(dev, close_vm_vcpu_dev)
{
	close_in_order(_metadata, self->t, self->kvm, "012");
}

TEST_F(dev, close_vm_dev_vcpu)
{
	close_in_order(_metadata, self->t, self->kvm, "021");
}

TEST_F(dev, close_vcpu_vm_dev)
{
	close_in_order(_metadata, self->t, self->kvm, "102");
}

TEST_F(dev, close_vcpu_dev_vm)
{
	close_in_order(_metadata, self->t, self->kvm, "120");
}

TEST_F(dev, close_dev_vm_vcpu)
{
	close_in_order(_metadata, self->t, self->kvm, "201");
}

TEST_F(dev, close_dev_vcpu_vm)
{
	close_in_order(_metadata, self->t, self->kvm, "210");
}

#ifdef KVM_DEV_XICS_GRP_SOURCES
#define XICS_VCPUS		2
#define XICS_ROUNDS		100
#define XICS_RACE_ROUNDS	300

static int icp_state(int vcpu, unsigned long req, __u64 *val)
{
	struct kvm_one_reg reg = {
		.id = KVM_REG_PPC_ICP_STATE,
		.addr = (uintptr_t)val,
	};

	return ioctl(vcpu, req, &reg) ? -errno : 0;
}

static int xics_source(int xics, unsigned long req, __u32 irq,
		       __u64 *val)
{
	return dev_attr(xics, req, KVM_DEV_XICS_GRP_SOURCES, irq, val, 0);
}

/*
 * QEMU's pseries machine at each reset that switches the interrupt mode:
 * close the XICS fd, which releases the device and detaches every vCPU's
 * presenter, then create it again and connect each vCPU to it.  Each round
 * also sets and reads back the state QEMU migrates (presenter registers,
 * source configuration) and raises a line.
 */
TEST(xics_reset_path)
{
	int kvm = open_kvm(), vm = create_vm(kvm);
	int vcpu[XICS_VCPUS], fd, i, round, server;
	struct kvm_irq_level line = { .irq = XICS_IRQ };
	__u64 icp, src;

	ASSERT_LE(0, vm);
	if (!has_device_type(KVM_DEV_TYPE_XICS))
		SKIP(return, "kvm-xics not supported");

	for (i = 0; i < XICS_VCPUS; i++) {
		vcpu[i] = ioctl(vm, KVM_CREATE_VCPU, i);
		ASSERT_LE(0, vcpu[i])
			TH_LOG("KVM_CREATE_VCPU: %s", strerror(errno));
	}

	for (round = 0; round < XICS_ROUNDS; round++) {
		fd = create_device(vm, KVM_DEV_TYPE_XICS, 0);
		ASSERT_LE(0, fd)
			TH_LOG("round %d: %s", round, strerror(-fd));
		for (i = 0; i < XICS_VCPUS; i++) {
			/* No presenter until the vCPU is connected. */
			ASSERT_EQ(-ENXIO,
				  icp_state(vcpu[i], KVM_GET_ONE_REG, &icp));
			ASSERT_EQ(0, enable_irq_cap(vcpu[i], KVM_CAP_IRQ_XICS,
						    fd, i));
			icp = 0xffull << KVM_REG_PPC_ICP_CPPR_SHIFT |
			      0xffull << KVM_REG_PPC_ICP_MFRR_SHIFT |
			      0xffull << KVM_REG_PPC_ICP_PPRI_SHIFT;
			ASSERT_EQ(0,
				  icp_state(vcpu[i], KVM_SET_ONE_REG, &icp));
		}

		/* A level source, priority 5, for each server in turn. */
		server = round % XICS_VCPUS;
		src = server | 5ull << KVM_XICS_PRIORITY_SHIFT |
		      KVM_XICS_LEVEL_SENSITIVE;
		ASSERT_EQ(0, xics_source(fd, KVM_SET_DEVICE_ATTR, XICS_IRQ,
					 &src));
		line.level = 1;
		ASSERT_EQ(0, ioctl(vm, KVM_IRQ_LINE, &line));

		ASSERT_EQ(0, xics_source(fd, KVM_GET_DEVICE_ATTR, XICS_IRQ,
					 &src));
		EXPECT_EQ(server, src & KVM_XICS_DESTINATION_MASK);
		EXPECT_EQ(5, (src >> KVM_XICS_PRIORITY_SHIFT) & 0xff);
		EXPECT_EQ(KVM_XICS_LEVEL_SENSITIVE | KVM_XICS_PENDING |
			  KVM_XICS_PRESENTED,
			  src & (KVM_XICS_LEVEL_SENSITIVE | KVM_XICS_MASKED |
				 KVM_XICS_PENDING | KVM_XICS_PRESENTED));
		ASSERT_EQ(0, icp_state(vcpu[server], KVM_GET_ONE_REG, &icp));
		EXPECT_EQ(XICS_IRQ, (icp >> KVM_REG_PPC_ICP_XISR_SHIFT) &
				    KVM_REG_PPC_ICP_XISR_MASK);
		EXPECT_EQ(5, (icp >> KVM_REG_PPC_ICP_PPRI_SHIFT) & 0xff);

		line.level = 0;
		ASSERT_EQ(0, ioctl(vm, KVM_IRQ_LINE, &line));
		ASSERT_EQ(0, close(fd));

		/* Released: no in-kernel irqchip left to raise a line on. */
		EXPECT_EQ(-1, ioctl(vm, KVM_IRQ_LINE, &line));
		EXPECT_EQ(ENXIO, errno);
	}

	for (i = 0; i < XICS_VCPUS; i++)
		close(vcpu[i]);
	close(vm);
	close(kvm);
}

struct xics_race {
	int vm;
	bool stop;
	int errors;
	long injected;
};

/* Raise and lower a line until told to stop, as an irqfd would. */
static void *xics_inject(void *arg)
{
	struct xics_race *r = arg;
	struct kvm_irq_level line = { .irq = XICS_IRQ };

	while (!__atomic_load_n(&r->stop, __ATOMIC_RELAXED)) {
		line.level = !line.level;
		/* ENXIO: no XICS at this moment */
		if (ioctl(r->vm, KVM_IRQ_LINE, &line) && errno != ENXIO)
			__atomic_add_fetch(&r->errors, 1, __ATOMIC_RELAXED);
		else
			__atomic_add_fetch(&r->injected, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

/*
 * Inject from other threads while the XICS is closed and created again:
 * QEMU's irqfds and vCPUs keep going while it resets the interrupt mode.
 * The close frees the sources and presenters that the injections walk;
 * they must not be freed under an injection.  A use after free shows as a
 * KASAN report, or with slab poisoning (slub_debug=P) as "Poison
 * overwritten" and an oops in the presenter code.
 */
TEST(xics_injection_races_close)
{
	int kvm = open_kvm(), vm = create_vm(kvm);
	struct xics_race r = { .vm = vm };
	pthread_t th[XICS_VCPUS];
	int vcpu[XICS_VCPUS], fd, i, round;
	__u64 src = 5ull << KVM_XICS_PRIORITY_SHIFT |
		       KVM_XICS_LEVEL_SENSITIVE;

	ASSERT_LE(0, vm);
	if (!has_device_type(KVM_DEV_TYPE_XICS))
		SKIP(return, "kvm-xics not supported");

	for (i = 0; i < XICS_VCPUS; i++) {
		vcpu[i] = ioctl(vm, KVM_CREATE_VCPU, i);
		ASSERT_LE(0, vcpu[i])
			TH_LOG("KVM_CREATE_VCPU: %s", strerror(errno));
	}
	for (i = 0; i < XICS_VCPUS; i++)
		ASSERT_EQ(0, pthread_create(&th[i], NULL, xics_inject, &r));

	for (round = 0; round < XICS_RACE_ROUNDS; round++) {
		fd = create_device(vm, KVM_DEV_TYPE_XICS, 0);
		ASSERT_LE(0, fd)
			TH_LOG("round %d: %s", round, strerror(-fd));
		for (i = 0; i < XICS_VCPUS; i++)
			ASSERT_EQ(0, enable_irq_cap(vcpu[i], KVM_CAP_IRQ_XICS,
						    fd, i));
		src = (src & ~(__u64)KVM_XICS_DESTINATION_MASK) |
		      round % XICS_VCPUS;
		ASSERT_EQ(0, xics_source(fd, KVM_SET_DEVICE_ATTR, XICS_IRQ,
					 &src));
		ASSERT_EQ(0, close(fd));
	}

	__atomic_store_n(&r.stop, true, __ATOMIC_RELAXED);
	for (i = 0; i < XICS_VCPUS; i++)
		pthread_join(th[i], NULL);
	EXPECT_EQ(0, r.errors);
	EXPECT_LT(0, r.injected);
	TH_LOG("%d rounds, %ld injections", round, r.injected);

	for (i = 0; i < XICS_VCPUS; i++)
		close(vcpu[i]);
	close(vm);
	close(kvm);
}
#endif /* KVM_DEV_XICS_GRP_SOURCES */

#ifdef KVM_DEV_MPIC_GRP_MISC
/*
 * An e500 guest starts at address 0, MSR 0, with a 256 MiB TLB1 mapping of
 * guest physical 0.  The MPIC sits in that window, outside any memory slot;
 * so does REPORT, where the guest stores what user space checks: each
 * store there is a KVM_EXIT_MMIO.
 */
#define GUEST_SIZE	0x10000
#define MPIC_BASE	0x0f000000u	/* 256 KiB aligned */
#define MPIC_FRR	0x01000
#define MPIC_GCR	0x01020
#define MPIC_GCR_RESET	0x80000000u
#define MPIC_SRC0_IVPR	0x10000
#define MPIC_IVPR	0x00480042u	/* level, priority 8, vector 0x42 */
#define REPORT		0x0e000000u

/* The guest, by address (r3: MPIC, r7: source 0, r8: CPU 0, r5: REPORT) */
static const __u32 mpic_guest[] = {
	0x38000000,	/* 0x000	li	r0, 0			*/
	0x7c1f0ba6,	/*		mtspr	IVPR, r0		*/
	0x38000100,	/*		li	r0, 0x100		*/
	0x7c1463a6,	/*		mtspr	IVOR4, r0		*/
	0x3c600f00,	/*		lis	r3, MPIC_BASE@h		*/
	0x3ce30001,	/*		addis	r7, r3, 1		*/
	0x3d030002,	/*		addis	r8, r3, 2		*/
	0x3ca00e00,	/*		lis	r5, REPORT@h		*/
	0x80831000,	/*		lwz	r4, MPIC_FRR(r3)	*/
	0x90850000,	/*		stw	r4, 0(r5)		*/
	0x3c800048,	/*		lis	r4, MPIC_IVPR@h		*/
	0x60840042,	/*		ori	r4, r4, MPIC_IVPR@l	*/
	0x90870000,	/*		stw	r4, 0(r7)	source IVPR */
	0x38800001,	/*		li	r4, 1			*/
	0x90870010,	/*		stw	r4, 0x10(r7)	IDR: CPU 0 */
	0x38800000,	/*		li	r4, 0			*/
	0x90880080,	/*		stw	r4, 0x80(r8)	CTPR	*/
	0x80870000,	/*		lwz	r4, 0(r7)		*/
	0x90850004,	/*		stw	r4, 4(r5)		*/
	0x7c008146,	/*		wrteei	1			*/
	0x48000000,	/*		b	.			*/
	/* IVPR + IVOR4: the external interrupt */
	[0x100 / 4] =
	0x3c600f00,	/* 0x100	lis	r3, MPIC_BASE@h		*/
	0x3d030002,	/*		addis	r8, r3, 2		*/
	0x3ca00e00,	/*		lis	r5, REPORT@h		*/
	0x808800a0,	/*		lwz	r4, 0xa0(r8)	IACK	*/
	0x90850008,	/*		stw	r4, 8(r5)		*/
	0x38800000,	/*		li	r4, 0			*/
	0x908800b0,	/*		stw	r4, 0xb0(r8)	EOI	*/
	0x9085000c,	/*		stw	r4, 12(r5)		*/
	0x48000000,	/*		b	.			*/
};

static __u32 mpic_reg(struct __test_metadata *_metadata, int mpic,
		      __u64 offset)
{
	__u32 val = 0;

	EXPECT_EQ(0, dev_attr(mpic, KVM_GET_DEVICE_ATTR,
			      KVM_DEV_MPIC_GRP_REGISTER, offset, &val, 0));
	return val;
}

static void alarm_handler(int sig)
{
}

/*
 * Run the guest to its next store to REPORT + @offset; return the value
 * stored.  A guest that gets lost is stopped by SIGALRM after 5 seconds.
 */
static __u32 run_to_report(struct __test_metadata *_metadata, int vcpu,
			   struct kvm_run *run, __u32 offset)
{
	struct sigaction sa = { .sa_handler = alarm_handler };
	struct kvm_regs regs;
	__u32 val;
	int r;

	sigaction(SIGALRM, &sa, NULL);
	alarm(5);
	r = ioctl(vcpu, KVM_RUN, 0);
	alarm(0);
	if (r || run->exit_reason != KVM_EXIT_MMIO) {
		ioctl(vcpu, KVM_GET_REGS, &regs);
		TH_LOG("report %u: run %d (%s), exit %u, pc %#llx msr %#llx",
		       offset, r, r ? strerror(errno) : "ok", run->exit_reason,
		       (unsigned long long)regs.pc,
		       (unsigned long long)regs.msr);
	}
	ASSERT_EQ(0, r);
	ASSERT_EQ(KVM_EXIT_MMIO, run->exit_reason);
	ASSERT_TRUE(run->mmio.is_write);
	ASSERT_EQ(REPORT + offset, run->mmio.phys_addr);
	ASSERT_EQ(4, run->mmio.len);
	memcpy(&val, run->mmio.data, sizeof(val));
	return be32toh(val);
}

/* Map the MPIC's interrupt pins 0-255 to GSIs 0-255, as QEMU does. */
static int mpic_routing(int vm)
{
	struct kvm_irq_routing *routing;
	int i, r;

	routing = calloc(1, sizeof(*routing) +
			    256 * sizeof(routing->entries[0]));
	if (!routing)
		return -ENOMEM;
	routing->nr = 256;
	for (i = 0; i < 256; i++) {
		routing->entries[i].gsi = i;
		routing->entries[i].type = KVM_IRQ_ROUTING_IRQCHIP;
		routing->entries[i].u.irqchip.irqchip = 0;
		routing->entries[i].u.irqchip.pin = i;
	}
	r = ioctl(vm, KVM_SET_GSI_ROUTING, routing) ? -errno : 0;
	free(routing);
	return r;
}

/*
 * A guest programs the in-kernel MPIC by MMIO and takes an external
 * interrupt raised with KVM_IRQ_LINE.  The MPIC lives as long as the VM:
 * the interrupt arrives after its fd is closed.
 */
TEST(mpic_guest_mmio)
{
	int kvm = open_kvm(), vm = create_vm(kvm), mpic, vcpu, size;
	struct kvm_irq_level line = { .irq = 0, .level = 1 };
	struct kvm_userspace_memory_region region = {
		.memory_size = GUEST_SIZE,
	};
	__u64 base = MPIC_BASE;
	struct kvm_run *run;
	unsigned int i;
	void *mem;

	ASSERT_LE(0, vm);
	if (!has_device_type(KVM_DEV_TYPE_FSL_MPIC_20))
		SKIP(return, "kvm-mpic not supported");

	mem = mmap(NULL, GUEST_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(mem != MAP_FAILED);
	for (i = 0; i < ARRAY_SIZE(mpic_guest); i++)
		((__u32 *)mem)[i] = htobe32(mpic_guest[i]);
	region.userspace_addr = (uintptr_t)mem;
	ASSERT_EQ(0, ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region));

	mpic = create_device(vm, KVM_DEV_TYPE_FSL_MPIC_20, 0);
	ASSERT_LE(0, mpic);
	ASSERT_EQ(0, dev_attr(mpic, KVM_SET_DEVICE_ATTR, KVM_DEV_MPIC_GRP_MISC,
			      KVM_DEV_MPIC_BASE_ADDR, &base, 0));
	ASSERT_EQ(0, mpic_routing(vm));
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	ASSERT_LE(0, vcpu);
	ASSERT_EQ(0, enable_irq_cap(vcpu, KVM_CAP_IRQ_MPIC, mpic, 0));
	size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	ASSERT_TRUE(run != MAP_FAILED);

	/* The guest's loads see what the attribute interface sees. */
	EXPECT_EQ(mpic_reg(_metadata, mpic, MPIC_FRR),
		  run_to_report(_metadata, vcpu, run, 0));
	EXPECT_EQ(MPIC_IVPR, run_to_report(_metadata, vcpu, run, 4));
	EXPECT_EQ(MPIC_IVPR, mpic_reg(_metadata, mpic, MPIC_SRC0_IVPR));

	ASSERT_EQ(0, close(mpic));
	ASSERT_EQ(0, ioctl(vm, KVM_IRQ_LINE, &line));
	EXPECT_EQ(0x42, run_to_report(_metadata, vcpu, run, 8));
	EXPECT_EQ(0, run_to_report(_metadata, vcpu, run, 12));

	munmap(run, size);
	close(vcpu);
	close(vm);
	munmap(mem, GUEST_SIZE);
	close(kvm);
}

/*
 * A kvm_device_attr as QEMU's openpic_kvm.c builds it: on the stack, with
 * only group, attr and addr assigned, so flags holds whatever the stack
 * held; here @garbage.
 */
static int openpic_attr(int fd, unsigned long req, __u32 group,
			__u64 attr, void *addr, __u32 garbage)
{
	struct kvm_device_attr da;

	memset(&da, 0xa5, sizeof(da));
	da.flags = garbage;
	da.group = group;
	da.attr = attr;
	da.addr = (__u64)(unsigned long)addr;
	return ioctl(fd, req, &da) ? -errno : 0;
}

/*
 * The attribute calls QEMU's hw/intc/openpic_kvm.c makes, in its order:
 * realize (create, routing), region_add (base address), connect the vCPU,
 * reset (GCR), register reads and writes, region_del (base address 0).
 * openpic_kvm.c never initializes kvm_device_attr.flags; every call must
 * succeed whatever flags holds, and reads must return what they return
 * with flags 0.
 */
TEST(mpic_openpic_kvm_garbage_flags)
{
	static const __u32 models[] = {
		KVM_DEV_TYPE_FSL_MPIC_20, KVM_DEV_TYPE_FSL_MPIC_42,
	};
	static const __u32 garbage[] = { 0xa5a5a5a5, 0xdeadbeef, ~0u };
	int kvm = open_kvm(), vm, fd, vcpu, m, g;
	__u32 val, val0;
	__u64 base;

	ASSERT_LE(0, kvm);
	if (!has_device_type(KVM_DEV_TYPE_FSL_MPIC_20))
		SKIP(return, "kvm-mpic not supported");

	for (m = 0; m < ARRAY_SIZE(models); m++) {
		for (g = 0; g < ARRAY_SIZE(garbage); g++) {
			struct kvm_create_device cd = { 0 };

			vm = create_vm(kvm);
			ASSERT_LE(0, vm);

			/* kvm_openpic_realize() */
			cd.type = models[m];
			ASSERT_EQ(0, ioctl(vm, KVM_CREATE_DEVICE, &cd))
				TH_LOG("create: %s", strerror(errno));
			fd = cd.fd;
			ASSERT_EQ(0, mpic_routing(vm));

			/* kvm_openpic_region_add() */
			base = MPIC_BASE;
			ASSERT_EQ(0, openpic_attr(fd, KVM_SET_DEVICE_ATTR,
						  KVM_DEV_MPIC_GRP_MISC,
						  KVM_DEV_MPIC_BASE_ADDR,
						  &base, garbage[g]));

			/* kvm_openpic_connect_vcpu() */
			vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
			ASSERT_LE(0, vcpu);
			ASSERT_EQ(0, enable_irq_cap(vcpu, KVM_CAP_IRQ_MPIC,
						    fd, 0));

			/* kvm_openpic_reset() */
			val = MPIC_GCR_RESET;
			ASSERT_EQ(0, openpic_attr(fd, KVM_SET_DEVICE_ATTR,
						  KVM_DEV_MPIC_GRP_REGISTER,
						  MPIC_GCR, &val, garbage[g]));

			/* kvm_openpic_read() and kvm_openpic_write() */
			val = 0xdeadbeef;
			ASSERT_EQ(0, openpic_attr(fd, KVM_GET_DEVICE_ATTR,
						  KVM_DEV_MPIC_GRP_REGISTER,
						  MPIC_FRR, &val, garbage[g]));
			val0 = 0xdeadbeef;
			ASSERT_EQ(0, dev_attr(fd, KVM_GET_DEVICE_ATTR,
					      KVM_DEV_MPIC_GRP_REGISTER,
					      MPIC_FRR, &val0, 0));
			EXPECT_EQ(val0, val);

			val = MPIC_IVPR;
			ASSERT_EQ(0, openpic_attr(fd, KVM_SET_DEVICE_ATTR,
						  KVM_DEV_MPIC_GRP_REGISTER,
						  MPIC_SRC0_IVPR, &val,
						  garbage[g]));
			val = 0xdeadbeef;
			ASSERT_EQ(0, openpic_attr(fd, KVM_GET_DEVICE_ATTR,
						  KVM_DEV_MPIC_GRP_REGISTER,
						  MPIC_SRC0_IVPR, &val,
						  garbage[g]));
			EXPECT_EQ(MPIC_IVPR, val);

			/* kvm_openpic_region_del() */
			base = 0;
			ASSERT_EQ(0, openpic_attr(fd, KVM_SET_DEVICE_ATTR,
						  KVM_DEV_MPIC_GRP_MISC,
						  KVM_DEV_MPIC_BASE_ADDR,
						  &base, garbage[g]));

			close(vcpu);
			close(fd);
			close(vm);
		}
	}
	close(kvm);
}

/*
 * An e500 guest that reads, with tlbre, every guest TLB entry nothing has
 * written (all of TLB0, TLB1 but the two entries kvmppc_e500_tlb_setup()
 * writes) and stores the OR of their MAS1, MAS2, MAS3 and MAS7 for TLB0,
 * then for TLB1.  Geometry: KVM's default, 2 ways of 128 sets and 16
 * entries (KVM_CONFIG_TLB is not used).
 */
static const __u32 tlbre_guest[] = {
	0x39200000,	/*	li	r9, 0			*/
	0x39400000,	/*	li	r10, 0		set	*/
	0x39600000,	/* 1:	li	r11, 0		way	*/
	0x556c801e,	/* 2:	slwi	r12, r11, 16		*/
	0x7d909ba6,	/*	mtspr	MAS0, r12		*/
	0x554c6026,	/*	slwi	r12, r10, 12		*/
	0x7d929ba6,	/*	mtspr	MAS2, r12		*/
	0x7c000764,	/*	tlbre				*/
	0x7d919aa6,	/*	mfspr	r12, MAS1		*/
	0x7d296378,	/*	or	r9, r9, r12		*/
	0x7d929aa6,	/*	mfspr	r12, MAS2		*/
	0x7d296378,	/*	or	r9, r9, r12		*/
	0x7d939aa6,	/*	mfspr	r12, MAS3		*/
	0x7d296378,	/*	or	r9, r9, r12		*/
	0x7d90eaa6,	/*	mfspr	r12, MAS7		*/
	0x7d296378,	/*	or	r9, r9, r12		*/
	0x396b0001,	/*	addi	r11, r11, 1		*/
	0x2c0b0002,	/*	cmpwi	r11, 2			*/
	0x4180ffc4,	/*	blt	2b			*/
	0x394a0001,	/*	addi	r10, r10, 1		*/
	0x2c0a0080,	/*	cmpwi	r10, 128		*/
	0x4180ffb4,	/*	blt	1b			*/
	0x3ca00e00,	/*	lis	r5, REPORT@h		*/
	0x91250000,	/*	stw	r9, 0(r5)		*/
	0x39200000,	/*	li	r9, 0			*/
	0x39600002,	/*	li	r11, 2		entry	*/
	0x556c801e,	/* 3:	slwi	r12, r11, 16		*/
	0x658c1000,	/*	oris	r12, r12, TLBSEL(1)	*/
	0x7d909ba6,	/*	mtspr	MAS0, r12		*/
	0x7c000764,	/*	tlbre				*/
	0x7d919aa6,	/*	mfspr	r12, MAS1		*/
	0x7d296378,	/*	or	r9, r9, r12		*/
	0x7d929aa6,	/*	mfspr	r12, MAS2		*/
	0x7d296378,	/*	or	r9, r9, r12		*/
	0x7d939aa6,	/*	mfspr	r12, MAS3		*/
	0x7d296378,	/*	or	r9, r9, r12		*/
	0x7d90eaa6,	/*	mfspr	r12, MAS7		*/
	0x7d296378,	/*	or	r9, r9, r12		*/
	0x396b0001,	/*	addi	r11, r11, 1		*/
	0x2c0b0010,	/*	cmpwi	r11, 16			*/
	0x4180ffc8,	/*	blt	3b			*/
	0x91250004,	/*	stw	r9, 4(r5)		*/
	0x48000000,	/*	b	.			*/
};

/*
 * An e500 guest that writes every TLB0 entry with tlbwe: not valid, TID
 * 0xa5, MAS3 0xa5a5a000, MAS7 0xa.  Reports 128 (the sets) when done.
 */
static const __u32 tlbwe_guest[] = {
	0x3cc000a5,	/*	lis	r6, 0x00a5	MAS1	*/
	0x3ce0a5a5,	/*	lis	r7, 0xa5a5		*/
	0x60e7a000,	/*	ori	r7, r7, 0xa000	MAS3	*/
	0x3900000a,	/*	li	r8, 0xa		MAS7	*/
	0x39400000,	/*	li	r10, 0		set	*/
	0x39600000,	/* 1:	li	r11, 0		way	*/
	0x556c801e,	/* 2:	slwi	r12, r11, 16		*/
	0x7d909ba6,	/*	mtspr	MAS0, r12		*/
	0x7cd19ba6,	/*	mtspr	MAS1, r6		*/
	0x554c6026,	/*	slwi	r12, r10, 12		*/
	0x7d929ba6,	/*	mtspr	MAS2, r12		*/
	0x7cf39ba6,	/*	mtspr	MAS3, r7		*/
	0x7d10eba6,	/*	mtspr	MAS7, r8		*/
	0x7c0007a4,	/*	tlbwe				*/
	0x396b0001,	/*	addi	r11, r11, 1		*/
	0x2c0b0002,	/*	cmpwi	r11, 2			*/
	0x4180ffd8,	/*	blt	2b			*/
	0x394a0001,	/*	addi	r10, r10, 1		*/
	0x2c0a0080,	/*	cmpwi	r10, 128		*/
	0x4180ffc8,	/*	blt	1b			*/
	0x3ca00e00,	/*	lis	r5, REPORT@h		*/
	0x91450000,	/*	stw	r10, 0(r5)		*/
	0x48000000,	/*	b	.			*/
};

struct e500_guest {
	int vm, vcpu, size;
	struct kvm_run *run;
	void *mem;
};

/* A VM with one vCPU whose memory at 0 holds @code. */
static void e500_guest_start(struct __test_metadata *_metadata, int kvm,
			     struct e500_guest *g, const __u32 *code,
			     unsigned int n)
{
	struct kvm_userspace_memory_region region = {
		.memory_size = GUEST_SIZE,
	};
	unsigned int i;

	g->vm = create_vm(kvm);
	ASSERT_LE(0, g->vm);
	g->mem = mmap(NULL, GUEST_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(g->mem != MAP_FAILED);
	for (i = 0; i < n; i++)
		((__u32 *)g->mem)[i] = htobe32(code[i]);
	region.userspace_addr = (uintptr_t)g->mem;
	ASSERT_EQ(0, ioctl(g->vm, KVM_SET_USER_MEMORY_REGION, &region));
	g->vcpu = ioctl(g->vm, KVM_CREATE_VCPU, 0);
	ASSERT_LE(0, g->vcpu);
	g->size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	g->run = mmap(NULL, g->size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      g->vcpu, 0);
	ASSERT_TRUE(g->run != MAP_FAILED);
}

/* Destroy the VM: its vCPU's guest TLB goes back to the allocator. */
static void e500_guest_end(struct e500_guest *g)
{
	munmap(g->run, g->size);
	close(g->vcpu);
	close(g->vm);
	munmap(g->mem, GUEST_SIZE);
}

/*
 * The guest TLB of a new e500 vCPU holds no entry but the initial ones: an
 * entry nothing wrote reads back as zero (invalid), not as whatever its
 * allocation held before.  To make that something, a first VM's guest
 * fills TLB0 and the VM is destroyed right before the second VM's vCPU is
 * created: the allocator hands the freed guest TLB out again.
 */
TEST(e500_unwritten_tlb_entries_read_zero)
{
	int kvm = open_kvm();
	struct e500_guest g;

	ASSERT_LE(0, kvm);
	/* The MPIC exists on e500 hosts only. */
	if (!has_device_type(KVM_DEV_TYPE_FSL_MPIC_20))
		SKIP(return, "not an e500 host");

	e500_guest_start(_metadata, kvm, &g, tlbwe_guest,
			 ARRAY_SIZE(tlbwe_guest));
	ASSERT_EQ(128, run_to_report(_metadata, g.vcpu, g.run, 0));
	e500_guest_end(&g);

	e500_guest_start(_metadata, kvm, &g, tlbre_guest,
			 ARRAY_SIZE(tlbre_guest));
	EXPECT_EQ(0, run_to_report(_metadata, g.vcpu, g.run, 0))
		TH_LOG("an unwritten TLB0 entry is not zero");
	EXPECT_EQ(0, run_to_report(_metadata, g.vcpu, g.run, 4))
		TH_LOG("an unwritten TLB1 entry is not zero");
	e500_guest_end(&g);
	close(kvm);
}
#endif /* KVM_DEV_MPIC_GRP_MISC */

int main(int argc, char **argv)
{
	int kvm = open_kvm();

	if (kvm < 0)
		ksft_exit_skip("/dev/kvm: %s\n", strerror(errno));
	if (ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_DEVICE_CTRL) <= 0)
		ksft_exit_skip("KVM_CAP_DEVICE_CTRL not supported\n");
	close(kvm);

	return test_harness_run(argc, argv);
}
