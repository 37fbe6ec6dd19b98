// SPDX-License-Identifier: GPL-2.0-only
/*
 * xics_hcall_race_test - XICS hypercalls in guest code while the XICS is
 * closed and created again (ppc64, KVM-PR)
 *
 * Two vCPUs run a real-mode PAPR guest that makes XICS hypercalls in a
 * loop: H_CPPR, H_IPI to the other vCPU, H_XIRR, H_IPI again and six
 * H_EOIs of source 16 per iteration.  Two threads raise and lower source
 * 16 with KVM_IRQ_LINE.  The main thread does what QEMU's pseries machine
 * does when a reset changes the interrupt mode, but with the vCPUs still
 * running: it creates the XICS, connects both vCPUs to it, configures
 * source 16, waits until a XICS hypercall of each vCPU has succeeded on
 * it, and closes it at a random point of the vCPUs' loops.  Then again,
 * for 20 seconds by default.
 *
 * The release of the XICS must not unpublish or free what a vCPU in the
 * middle of a hypercall uses, and close() must return with the XICS gone
 * and every vCPU disconnected: the next create and connects must not fail
 * with EEXIST or EBUSY.
 *
 * What a broken kernel does:
 * - A release that clears kvm->arch.xics first while the hypercall code
 *   reads it again (v2.3 of the device lifetime series, which frees
 *   early): a vCPU between the check in kvmppc_xics_hcall() and the
 *   re-read in kvmppc_h_eoi() or ics_eoi() dereferences NULL, an oops in
 *   ics_eoi(), kvmppc_xics_find_ics() or icp_check_resend().  The vCPU
 *   thread dies holding vcpu->mutex, so close() hangs in the release: the
 *   harness reports a timeout, and dmesg has the oops.
 * - Plain 7.3: the release frees each vCPU's presenter (ICP) while the
 *   other vCPU's hypercalls and the injections still reach it through
 *   kvmppc_xics_find_server(), and the next create reuses the struct
 *   kvmppc_xics: a use after free of a freed ICP or of a reused structure.
 *   That shows only with slab poisoning (slub_debug=FPZ: "Poison
 *   overwritten" and an oops) or KASAN, so run the test under one of
 *   them; KASAN is not available for a hash-MMU book3s64 kernel.
 *
 * The test fails by itself on an unexpected exit (the exit reason and pc
 * are logged), an interrupt taken by the guest (a stub at each vector
 * reports the vector, SRR0 and SRR1 with a hypercall), a failed create or
 * connect, a round in which no XICS hypercall of a vCPU returns
 * H_SUCCESS, a failed injection and no successful one.
 *
 * Options, besides the harness's: -s SECONDS (default 20, at most 80) and
 * -n ROUNDS (default: no limit) bound the rounds.
 *
 * Only raw ioctls and kselftest_harness.h are used: build it -static with
 * the UAPI headers.  Elsewhere than on ppc64 the test only skips.
 */
#include <assert.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/kvm.h>

#include "kselftest_harness.h"

#define TIMEOUT		120	/* seconds, for the harness: TCG is slow */
#define MAX_SECONDS	80	/* of rounds, to end well before TIMEOUT */

static long race_seconds = 20;
static long race_rounds = LONG_MAX;

#if defined(__powerpc64__) && defined(KVM_DEV_XICS_GRP_SOURCES)

#define NR_VCPUS	2
#define NR_INJECTORS	2
#define XICS_IRQ	16	/* the first source number of an ICS */
#define XICS_PRIO	5
#define WAIT_SECONDS	10	/* for a XICS hypercall to succeed */
#define MAX_SPIN_US	50	/* before the close */

#define GUEST_SIZE	0x10000
#define VECTORS		0x100	/* a stub each VECTOR_STRIDE bytes ... */
#define VECTORS_END	0x2000	/* ... to here */
#define VECTOR_STRIDE	0x20

#define MSR_SF		0x8000000000000000ull

#define H_SUCCESS	0
#define H_HARDWARE	-1
#define H_GET_TERM_CHAR	0x54
#define H_EOI		0x64
#define H_CPPR		0x68
#define H_IPI		0x6c
#define H_XIRR		0x74

/*
 * The guest runs in real mode at 0 with MSR_SF only; r28 holds the other
 * vCPU's server number.  Its state lives in r27-r31, because re-entering
 * after a hypercall that user space answered sets r3-r12: r27 counts the
 * hypercalls that returned H_SUCCESS, r29 the H_EOIs left in the
 * iteration, r30 the iterations and r31 those left in the batch.  After
 * each batch, H_GET_TERM_CHAR, which KVM-PR leaves to user space, reports
 * r30 and r27: the vCPU leaves KVM_RUN, so its mutex can be taken.  While
 * the vCPU is not connected to a XICS, its XICS hypercalls also come to
 * user space, which answers H_HARDWARE.
 *
 * The hypercalls are KVM-PR's "fake sc 1" (primary opcode 31, extended
 * opcode 308, emulated in book3s_emulate.c), not sc 1: KVM-PR runs the
 * guest in problem state, and on a pseries host, the machine these tests
 * boot, an sc 1 from problem state goes to the host's hypervisor, which
 * answers H_PRIVILEGE (QEMU's pseries machine does so itself) without
 * KVM-PR ever seeing it.  The fake sc 1 is emulated the same on a powernv
 * host.  Should it ever not be emulated (PAPR off, or the guest in problem
 * state), each vector stub would take a program interrupt again, until the
 * harness's timeout.
 *
 * Checked with powerpc64-linux-gnu-as -mbig -a64 and objdump; the fake
 * sc 1 has no mnemonic and is a .long there.
 */
static const __u32 guest_code[] = {
	0x3bc00000,	/* 0x00	li	r30, 0				*/
	0x3b600000,	/*	li	r27, 0				*/
	0x3be00010,	/* 0x08	li	r31, 16				*/
	0x38600068,	/* 0x0c	li	r3, H_CPPR			*/
	0x388000ff,	/*	li	r4, 0xff			*/
	0x7c000268,	/*	fake sc 1 (KVM-PR hcall)	*/
	0x48000079,	/*	bl	count				*/
	0x3860006c,	/*	li	r3, H_IPI			*/
	0x7f84e378,	/*	mr	r4, r28				*/
	0x38a00005,	/*	li	r5, 5				*/
	0x7c000268,	/*	fake sc 1 (KVM-PR hcall)	*/
	0x48000065,	/*	bl	count				*/
	0x38600074,	/*	li	r3, H_XIRR			*/
	0x7c000268,	/*	fake sc 1 (KVM-PR hcall)	*/
	0x48000059,	/*	bl	count				*/
	0x3860006c,	/*	li	r3, H_IPI			*/
	0x7f84e378,	/*	mr	r4, r28				*/
	0x38a000ff,	/*	li	r5, 0xff			*/
	0x7c000268,	/*	fake sc 1 (KVM-PR hcall)	*/
	0x48000045,	/*	bl	count				*/
	0x3ba00006,	/*	li	r29, 6				*/
	0x38600064,	/* 0x54	li	r3, H_EOI			*/
	0x38800010,	/*	li	r4, XICS_IRQ			*/
	0x6484ff00,	/*	oris	r4, r4, 0xff00	(CPPR 0xff)	*/
	0x7c000268,	/*	fake sc 1 (KVM-PR hcall)	*/
	0x4800002d,	/*	bl	count				*/
	0x37bdffff,	/*	addic.	r29, r29, -1			*/
	0x4082ffe8,	/*	bne	0x54				*/
	0x3bde0001,	/*	addi	r30, r30, 1			*/
	0x37ffffff,	/*	addic.	r31, r31, -1			*/
	0x4082ff94,	/*	bne	0x0c				*/
	0x38600054,	/*	li	r3, H_GET_TERM_CHAR		*/
	0x7fc4f378,	/*	mr	r4, r30				*/
	0x7f65db78,	/*	mr	r5, r27				*/
	0x7c000268,	/*	fake sc 1 (KVM-PR hcall)	*/
	0x4bffff7c,	/*	b	0x08				*/
	0x2c230000,	/* 0x90	count: cmpdi	r3, 0			*/
	0x4c820020,	/*	bnelr					*/
	0x3b7b0001,	/*	addi	r27, r27, 1			*/
	0x4e800020,	/*	blr					*/
};

/* At each vector: report it, with SRR0 and SRR1, as a hypercall. */
static const __u32 vector_stub[] = {
	0x7c9a02a6,	/*	mfsrr0	r4				*/
	0x7cbb02a6,	/*	mfsrr1	r5				*/
	0x38600000,	/*	li	r3, <the vector>		*/
	0x7c000268,	/*	fake sc 1 (KVM-PR hcall)	*/
	0x4bfffffc,	/*	b	.-4				*/
};

#define STUB_LI		2	/* the word of vector_stub[] to put it in */

static_assert(sizeof(guest_code) <= VECTORS, "the guest overlaps a stub");
static_assert(sizeof(vector_stub) <= VECTOR_STRIDE, "the stubs overlap");

struct race;

struct vcpu_thread {
	struct race *r;
	int id, fd;
	struct kvm_run *run;
	__u64 reports;		/* H_GET_TERM_CHAR exits */
	__u64 successes;	/* r27 at the last one */
	__u64 iterations;	/* r30 at the last one */
	__u64 refused;		/* XICS hypercalls while not connected */
};

struct race {
	int vm;
	bool stop;
	int errors;
	long injected;
	struct vcpu_thread v[NR_VCPUS];
};

static struct timespec after_us(long us)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	t.tv_sec += us / 1000000;
	t.tv_nsec += us % 1000000 * 1000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	return t;
}

static bool passed(const struct timespec *end)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > end->tv_sec ||
	       (now.tv_sec == end->tv_sec && now.tv_nsec >= end->tv_nsec);
}

static void spin_us(long us)
{
	struct timespec end = after_us(us);

	while (!passed(&end))
		;
}

static int create_device(int vm, __u32 type, __u32 flags)
{
	struct kvm_create_device cd = {
		.type = type,
		.flags = flags,
	};

	if (ioctl(vm, KVM_CREATE_DEVICE, &cd))
		return -errno;
	return (flags & KVM_CREATE_DEVICE_TEST) ? 0 : (int)cd.fd;
}

static int xics_connect(int vcpu, int xics, int server)
{
	struct kvm_enable_cap cap = {
		.cap = KVM_CAP_IRQ_XICS,
		.args = { xics, server },
	};

	return ioctl(vcpu, KVM_ENABLE_CAP, &cap) ? -errno : 0;
}

static int xics_source(int xics, __u32 irq, __u64 *val)
{
	struct kvm_device_attr da = {
		.group = KVM_DEV_XICS_GRP_SOURCES,
		.attr = irq,
		.addr = (uintptr_t)val,
	};

	return ioctl(xics, KVM_SET_DEVICE_ATTR, &da) ? -errno : 0;
}

/* Log why vCPU @v stops, with its pc, and count an error. */
static void vcpu_failed(struct vcpu_thread *v, int ret, int err)
{
	struct kvm_run *run = v->run;
	struct kvm_regs regs = { 0 };
	__u64 nr = run->papr_hcall.nr;

	ioctl(v->fd, KVM_GET_REGS, &regs);
	if (ret)
		ksft_print_msg("vCPU %d: KVM_RUN: %s, pc %#llx\n",
			       v->id, strerror(err),
			       (unsigned long long)regs.pc);
	else if (run->exit_reason != KVM_EXIT_PAPR_HCALL)
		ksft_print_msg("vCPU %d: exit reason %u, pc %#llx msr %#llx\n",
			       v->id, run->exit_reason,
			       (unsigned long long)regs.pc,
			       (unsigned long long)regs.msr);
	else if (nr >= VECTORS && nr < VECTORS_END && !(nr % VECTOR_STRIDE))
		ksft_print_msg("vCPU %d: interrupt %#llx at pc %#llx, srr1 %#llx\n",
			       v->id, (unsigned long long)nr,
			       (unsigned long long)run->papr_hcall.args[0],
			       (unsigned long long)run->papr_hcall.args[1]);
	else
		ksft_print_msg("vCPU %d: hypercall %#llx, pc %#llx\n",
			       v->id, (unsigned long long)nr,
			       (unsigned long long)regs.pc);
	__atomic_add_fetch(&v->r->errors, 1, __ATOMIC_RELAXED);
}

static void *vcpu_loop(void *arg)
{
	struct vcpu_thread *v = arg;
	struct kvm_run *run = v->run;
	int ret, err;

	while (!__atomic_load_n(&v->r->stop, __ATOMIC_RELAXED)) {
		ret = ioctl(v->fd, KVM_RUN, 0);
		err = errno;
		if (ret && err == EINTR)
			continue;
		if (ret || run->exit_reason != KVM_EXIT_PAPR_HCALL) {
			vcpu_failed(v, ret, err);
			break;
		}

		switch (run->papr_hcall.nr) {
		case H_GET_TERM_CHAR:
			__atomic_store_n(&v->iterations, run->papr_hcall.args[0],
					 __ATOMIC_RELAXED);
			__atomic_store_n(&v->successes, run->papr_hcall.args[1],
					 __ATOMIC_RELAXED);
			/* Orders the stores above for wait_for_successes(). */
			__atomic_add_fetch(&v->reports, 1, __ATOMIC_RELEASE);
			run->papr_hcall.ret = H_SUCCESS;
			continue;
		case H_EOI:
		case H_CPPR:
		case H_IPI:
		case H_XIRR:
			/* Not connected to a XICS at this moment */
			v->refused++;
			run->papr_hcall.ret = H_HARDWARE;
			continue;
		}
		vcpu_failed(v, 0, 0);
		break;
	}
	return NULL;
}

/* Raise and lower source 16 until told to stop, as an irqfd would. */
static void *inject_loop(void *arg)
{
	struct kvm_irq_level line = { .irq = XICS_IRQ };
	struct race *r = arg;
	int failed = 0;

	while (!__atomic_load_n(&r->stop, __ATOMIC_RELAXED)) {
		line.level = !line.level;
		if (!ioctl(r->vm, KVM_IRQ_LINE, &line)) {
			__atomic_add_fetch(&r->injected, 1, __ATOMIC_RELAXED);
		} else if (errno != ENXIO) {	/* ENXIO: no XICS now */
			if (!failed++)
				ksft_print_msg("KVM_IRQ_LINE: %s\n",
					       strerror(errno));
			__atomic_add_fetch(&r->errors, 1, __ATOMIC_RELAXED);
		}
	}
	return NULL;
}

/*
 * Wait until a XICS hypercall of each vCPU has returned H_SUCCESS after
 * this call: the first report after it gives a base, since the guest may
 * count successes it had before the last close; a greater count in a
 * later report is a success since.  Return -1 then, -2 on an error of a
 * thread, or the first vCPU without one after @seconds.
 */
static int wait_for_successes(struct race *r, int seconds)
{
	struct timespec end = after_us(seconds * 1000000L);
	__u64 reports[NR_VCPUS], base[NR_VCPUS];
	bool based[NR_VCPUS] = { 0 };
	int i, left = (1 << NR_VCPUS) - 1;
	struct vcpu_thread *v;

	for (i = 0; i < NR_VCPUS; i++)
		reports[i] = __atomic_load_n(&r->v[i].reports,
					     __ATOMIC_ACQUIRE);
	while (left) {
		if (__atomic_load_n(&r->errors, __ATOMIC_RELAXED))
			return -2;
		if (passed(&end))
			return __builtin_ctz(left);
		usleep(100);
		for (i = 0; i < NR_VCPUS; i++) {
			v = &r->v[i];
			if (!(left & 1 << i))
				continue;
			if (!based[i]) {
				if (__atomic_load_n(&v->reports, __ATOMIC_ACQUIRE) ==
				    reports[i])
					continue;
				base[i] = __atomic_load_n(&v->successes,
							  __ATOMIC_RELAXED);
				based[i] = true;
			} else if (__atomic_load_n(&v->successes,
						   __ATOMIC_RELAXED) > base[i]) {
				left &= ~(1 << i);
			}
		}
	}
	return -1;
}

FIXTURE(xics_pr) {
	int kvm, vm, run_size;
	int vcpu[NR_VCPUS];
	struct kvm_run *run[NR_VCPUS];
	__u32 *mem;
	bool threads;		/* the test's threads may use the above */
};

/*
 * A KVM-PR VM with the guest at 0 and NR_VCPUS PAPR vCPUs about to run it;
 * vCPU i is to be server i of the XICS.
 */
FIXTURE_SETUP(xics_pr)
{
	struct kvm_userspace_memory_region region = {
		.memory_size = GUEST_SIZE,
	};
	struct kvm_enable_cap papr = { .cap = KVM_CAP_PPC_PAPR };
	struct kvm_regs regs;
	unsigned int i, a;
	__u32 *stub;

	self->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (self->kvm < 0)
		SKIP(return, "/dev/kvm: %s", strerror(errno));
	do {
		self->vm = ioctl(self->kvm, KVM_CREATE_VM, KVM_VM_PPC_PR);
	} while (self->vm < 0 && errno == EINTR);
	if (self->vm < 0)
		SKIP(return, "no KVM-PR: %s", strerror(errno));
	if (create_device(self->vm, KVM_DEV_TYPE_XICS, KVM_CREATE_DEVICE_TEST))
		SKIP(return, "kvm-xics: not supported here");

	self->mem = mmap(NULL, GUEST_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(self->mem != MAP_FAILED);
	for (i = 0; i < ARRAY_SIZE(guest_code); i++)
		self->mem[i] = htobe32(guest_code[i]);
	for (a = VECTORS; a < VECTORS_END; a += VECTOR_STRIDE) {
		stub = &self->mem[a / 4];
		for (i = 0; i < ARRAY_SIZE(vector_stub); i++)
			stub[i] = htobe32(vector_stub[i]);
		stub[STUB_LI] = htobe32(vector_stub[STUB_LI] | a);
	}
	region.userspace_addr = (uintptr_t)self->mem;
	ASSERT_EQ(0, ioctl(self->vm, KVM_SET_USER_MEMORY_REGION, &region));

	self->run_size = ioctl(self->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	ASSERT_LT(0, self->run_size);
	for (i = 0; i < NR_VCPUS; i++) {
		self->vcpu[i] = ioctl(self->vm, KVM_CREATE_VCPU, i);
		ASSERT_LE(0, self->vcpu[i])
			TH_LOG("KVM_CREATE_VCPU: %s", strerror(errno));
		self->run[i] = mmap(NULL, self->run_size,
				    PROT_READ | PROT_WRITE, MAP_SHARED,
				    self->vcpu[i], 0);
		ASSERT_TRUE(self->run[i] != MAP_FAILED);
		ASSERT_EQ(0, ioctl(self->vcpu[i], KVM_ENABLE_CAP, &papr))
			TH_LOG("KVM_CAP_PPC_PAPR: %s", strerror(errno));
		ASSERT_EQ(0, ioctl(self->vcpu[i], KVM_GET_REGS, &regs));
		regs.pc = 0;
		regs.msr = MSR_SF;
		regs.gpr[28] = (i + 1) % NR_VCPUS;	/* the other's server */
		ASSERT_EQ(0, ioctl(self->vcpu[i], KVM_SET_REGS, &regs));
	}
}

FIXTURE_TEARDOWN(xics_pr)
{
	int i;

	/* A failed ASSERT: leave it all to the exit that follows. */
	if (self->threads)
		return;

	for (i = 0; i < NR_VCPUS; i++) {
		munmap(self->run[i], self->run_size);
		close(self->vcpu[i]);
	}
	close(self->vm);
	munmap(self->mem, GUEST_SIZE);
	close(self->kvm);
}

TEST_F_TIMEOUT(xics_pr, hcalls_race_close, TIMEOUT)
{
	long seconds = race_seconds, rounds = race_rounds, done = 0;
	unsigned int seed = time(NULL) ^ getpid();
	pthread_t vcpu_th[NR_VCPUS], inject_th[NR_INJECTORS];
	struct race r = { .vm = self->vm };
	int i, xics, ret, stalled = -1;
	struct timespec end;
	__u64 src;

	if (seconds < 1 || seconds > MAX_SECONDS)
		seconds = seconds < 1 ? 1 : MAX_SECONDS;
	if (rounds < 1)
		rounds = 1;
	srand(seed);
	self->threads = true;
	for (i = 0; i < NR_VCPUS; i++) {
		r.v[i].r = &r;
		r.v[i].id = i;
		r.v[i].fd = self->vcpu[i];
		r.v[i].run = self->run[i];
		ASSERT_EQ(0, pthread_create(&vcpu_th[i], NULL, vcpu_loop,
					    &r.v[i]));
	}
	for (i = 0; i < NR_INJECTORS; i++)
		ASSERT_EQ(0, pthread_create(&inject_th[i], NULL, inject_loop,
					    &r));

	end = after_us(seconds * 1000000L);
	while (done < rounds && !passed(&end) &&
	       !__atomic_load_n(&r.errors, __ATOMIC_RELAXED)) {
		xics = create_device(self->vm, KVM_DEV_TYPE_XICS, 0);
		ASSERT_LE(0, xics)
			TH_LOG("round %ld: KVM_CREATE_DEVICE: %s%s", done,
			       strerror(-xics), xics == -EEXIST ?
			       " (the closed XICS is still there)" : "");
		for (i = 0; i < NR_VCPUS; i++) {
			ret = xics_connect(self->vcpu[i], xics, i);
			ASSERT_EQ(0, ret)
				TH_LOG("round %ld: connecting vCPU %d: %s%s",
				       done, i, strerror(-ret), ret == -EBUSY ?
				       " (still on the closed XICS)" : "");
		}
		/* A level source at priority 5, for each server in turn */
		src = done % NR_VCPUS |
		      (__u64)XICS_PRIO << KVM_XICS_PRIORITY_SHIFT |
		      KVM_XICS_LEVEL_SENSITIVE;
		ASSERT_EQ(0, xics_source(xics, XICS_IRQ, &src));

		stalled = wait_for_successes(&r, WAIT_SECONDS);
		if (stalled == -1)
			spin_us(rand() % MAX_SPIN_US);
		ASSERT_EQ(0, close(xics));
		done++;
		if (stalled >= 0)
			break;
	}

	__atomic_store_n(&r.stop, true, __ATOMIC_RELAXED);
	for (i = 0; i < NR_INJECTORS; i++)
		pthread_join(inject_th[i], NULL);
	for (i = 0; i < NR_VCPUS; i++)
		pthread_join(vcpu_th[i], NULL);
	self->threads = false;

	TH_LOG("%ld rounds (at most %ld s, seed %u), %ld injections", done,
	       seconds, seed, r.injected);
	for (i = 0; i < NR_VCPUS; i++)
		TH_LOG("vCPU %d: %llu iterations, %llu successes, %llu refused",
		       i, (unsigned long long)r.v[i].iterations,
		       (unsigned long long)r.v[i].successes,
		       (unsigned long long)r.v[i].refused);
	EXPECT_GT(0, stalled)
		TH_LOG("round %ld: no XICS hypercall of vCPU %d returned H_SUCCESS in %d s",
		       done - 1, stalled, WAIT_SECONDS);
	EXPECT_EQ(0, r.errors);
	EXPECT_LT(0, done);
	EXPECT_LT(0, r.injected);
}

#else

TEST(hcalls_race_close)
{
	SKIP(return, "ppc64 with the XICS UAPI only");
}

#endif

int main(int argc, char **argv)
{
	int i, n = 1;

	for (i = 1; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "-s"))
			race_seconds = strtol(argv[++i], NULL, 0);
		else if (i + 1 < argc && !strcmp(argv[i], "-n"))
			race_rounds = strtol(argv[++i], NULL, 0);
		else
			argv[n++] = argv[i];
	}
	argv[n] = NULL;
	return test_harness_run(n, argv);
}
