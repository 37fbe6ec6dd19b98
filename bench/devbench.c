// SPDX-License-Identifier: GPL-2.0-only
/*
 * devbench - cost of the KVM device control API, per call.
 *
 * Prints one line per measurement:
 *   BENCH <name> <median_ns> <p99_ns> <count>
 *   MEM <name> avail <kB>... slab <kB>... (before and after each round)
 * "devbench mem" runs the memory rounds only (for the debug kernels,
 * whose leak scan follows).
 * The same static binary runs on the base and on the patched kernel;
 * bench/run.sh compares them. Times are emulated time under QEMU TCG
 * (with -icount, guest instructions): only ratios between kernels booted
 * the same way mean anything.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#define WARMUP	200
#define CALLS	4000
#define CYCLES	200	/* create + close, VM create + teardown */
#define SETTLE_S 5

static int kvm;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *name, uint64_t *t, int n)
{
	qsort(t, n, sizeof(*t), cmp_u64);
	printf("BENCH %s %llu %llu %d\n", name, (unsigned long long)t[n / 2],
	       (unsigned long long)t[(n * 99) / 100], n);
}

static void die(const char *what)
{
	printf("devbench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int create_vm(void)
{
	int vm = ioctl(kvm, KVM_CREATE_VM, 0);

	if (vm < 0)
		die("KVM_CREATE_VM");
	return vm;
}

static int create_dev(int vm, uint32_t type, uint32_t flags)
{
	struct kvm_create_device cd = { .type = type, .flags = flags };

	if (ioctl(vm, KVM_CREATE_DEVICE, &cd))
		return -errno;
	return flags ? 0 : (int)cd.fd;
}

/*
 * The device @type needs first (the ITS wants a VGIC), if any.  It is a
 * VM-lifetime device: its fd is closed at once, the VM keeps the device,
 * and no fd is left to hold the VM past its teardown.  Without it every
 * later measurement would time a failing create: stop instead.
 */
static void create_pre(int vm, uint32_t pre)
{
	int fd;

	if (!pre)
		return;
	fd = create_dev(vm, pre, 0);
	if (fd < 0)
		die("KVM_CREATE_DEVICE of the prerequisite");
	close(fd);
}

struct attr_call {
	int fd;
	unsigned long req;
	struct kvm_device_attr attr;
};

/* Time one attribute ioctl (or KVM_CHECK_EXTENSION when req is that). */
static void bench_ioctl(const char *name, int fd, unsigned long req,
			unsigned long arg)
{
	static uint64_t t[CALLS];
	int i;

	if (ioctl(fd, req, arg) < 0) {
		printf("SKIP %s: %s\n", name, strerror(errno));
		return;
	}
	for (i = 0; i < WARMUP; i++)
		ioctl(fd, req, arg);
	for (i = 0; i < CALLS; i++) {
		uint64_t t0 = now_ns();

		ioctl(fd, req, arg);
		t[i] = now_ns() - t0;
	}
	report(name, t, CALLS);
}

static void bench_attr(const char *name, int fd, unsigned long req,
		       uint32_t group, uint64_t attr, void *data)
{
	static struct kvm_device_attr a;

	a = (struct kvm_device_attr){ .group = group, .attr = attr,
				      .addr = (uintptr_t)data };
	bench_ioctl(name, fd, req, (unsigned long)&a);
}

static void bench_create_close(const char *name, int vm, uint32_t type,
			       int cycles)
{
	static uint64_t t[CYCLES];
	int i, fd;

	for (i = 0; i < cycles; i++) {
		uint64_t t0 = now_ns();

		fd = create_dev(vm, type, 0);
		if (fd < 0) {
			printf("SKIP %s: %s\n", name, strerror(-fd));
			return;
		}
		close(fd);
		t[i] = now_ns() - t0;
	}
	report(name, t, cycles);
}

/* The floor of an fd's life: eventfd() + close(), nothing else. */
static void bench_eventfd_close(const char *name, int cycles)
{
	static uint64_t t[CYCLES];
	int i, fd;

	for (i = 0; i < cycles; i++) {
		uint64_t t0 = now_ns();

		fd = eventfd(0, EFD_CLOEXEC);
		if (fd < 0) {
			printf("SKIP %s: %s\n", name, strerror(errno));
			return;
		}
		close(fd);
		t[i] = now_ns() - t0;
	}
	report(name, t, cycles);
}

static void bench_create_test(const char *name, int vm, uint32_t type)
{
	static uint64_t t[CALLS];
	int i;

	for (i = 0; i < CALLS; i++) {
		uint64_t t0 = now_ns();

		create_dev(vm, type, KVM_CREATE_DEVICE_TEST);
		t[i] = now_ns() - t0;
	}
	report(name, t, CALLS);
}

static long meminfo(const char *key)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)))
			v = atol(line + strlen(key) + 1);
	if (f)
		fclose(f);
	return v;
}

/* VM + vCPU + @ndev devices of @type (+ @pre first), then close all. */
static void bench_vm_cycle(const char *name, uint32_t pre, uint32_t type,
			   int ndev, int cycles)
{
	static uint64_t t[CYCLES];
	int i, j, fds[300];

	for (i = 0; i < cycles; i++) {
		uint64_t t0 = now_ns();
		int vm = create_vm();
		int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);

		create_pre(vm, pre);
		for (j = 0; j < ndev; j++)
			fds[j] = create_dev(vm, type, 0);
		for (j = 0; j < ndev; j++)
			if (fds[j] >= 0)
				close(fds[j]);
		close(vcpu);
		close(vm);
		t[i] = now_ns() - t0;
	}
	report(name, t, cycles);
}

/*
 * Make the slab caches give back what no object uses: empty slabs and, on
 * a KASAN kernel, the freed objects its quarantine holds back from reuse
 * (kmem_cache_shrink()).  Without it, a debug kernel's Slab grows with
 * every free until the quarantine is full, leak or not.
 */
static void shrink_slabs(void)
{
	DIR *dir = opendir("/sys/kernel/slab");
	struct dirent *d;
	char path[320];
	int fd;

	while (dir && (d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink",
			 d->d_name);
		fd = open(path, O_WRONLY);
		if (fd < 0)
			continue;
		/* a cache that cannot shrink is left as it is */
		(void)!write(fd, "1", 1);
		close(fd);
	}
	if (dir)
		closedir(dir);
}

/*
 * Memory of one lifetime class, in ROUNDS rounds: a VM (with @pre), 1000
 * create + close of @type in it, the VM's teardown. MemAvailable and Slab
 * before the first round and after each: a leak grows every round, caches
 * that warm up grow the first only.
 */
#define ROUNDS	3
static void mem_cycles(const char *name, uint32_t pre, uint32_t type)
{
	long avail[ROUNDS + 1], slab[ROUNDS + 1];
	int vm, i, r, fd;

	for (r = 0; r <= ROUNDS; r++) {
		if (r) {
			vm = create_vm();
			create_pre(vm, pre);
			for (i = 0; i < 1000; i++) {
				fd = create_dev(vm, type, 0);
				if (fd >= 0)
					close(fd);
			}
			close(vm);
		}
		usleep(200000);	/* let RCU callbacks and the teardown run */
		shrink_slabs();
		avail[r] = meminfo("MemAvailable:");
		slab[r] = meminfo("Slab:");
	}
	printf("MEM %s avail", name);
	for (r = 0; r <= ROUNDS; r++)
		printf(" %ld", avail[r]);
	printf(" slab");
	for (r = 0; r <= ROUNDS; r++)
		printf(" %ld", slab[r]);
	printf("\n");
}

/* One class released on close, and on arm64 the VM-lifetime VGIC and ITS. */
static void memory(void)
{
	mem_cycles("vfio_1000_create_close", 0, KVM_DEV_TYPE_VFIO);
#if defined(__aarch64__)
	mem_cycles("its_1000_create_close_teardown", KVM_DEV_TYPE_ARM_VGIC_V3,
		   KVM_DEV_TYPE_ARM_VGIC_ITS);
#endif
}

#if defined(__aarch64__) || defined(__powerpc64__)
/*
 * An interrupt request @req with @arg, timed per sample: once, or with
 * @level (KVM_IRQ_LINE's) set and then cleared, raise and lower as one
 * sample.  The caller has seen a first call work; a call that fails now
 * makes the row a SKIP, not a number.
 */
static void bench_inject(const char *name, int vm, unsigned long req,
			 void *arg, uint32_t *level)
{
	static uint64_t t[CALLS];
	int i, bad = 0;

	for (i = 0; i < WARMUP + CALLS; i++) {
		uint64_t t0 = now_ns();

		if (level)
			*level = 1;
		bad |= ioctl(vm, req, arg) < 0;
		if (level) {
			*level = 0;
			bad |= ioctl(vm, req, arg) < 0;
		}
		if (i >= WARMUP)
			t[i - WARMUP] = now_ns() - t0;
	}
	if (bad)
		printf("SKIP %s: %s\n", name, strerror(errno));
	else
		report(name, t, CALLS);
}

static int set_attr(int fd, uint32_t group, uint64_t attr, void *data)
{
	struct kvm_device_attr a = { .group = group, .attr = attr,
				     .addr = (uintptr_t)data };

	return ioctl(fd, KVM_SET_DEVICE_ATTR, &a);
}
#endif

#if defined(__aarch64__)
#define GIC_DIST	0x08000000ull
#define GIC_REDIST	0x080a0000ull
#define GIC_ITS		0x08080000ull
#define GITS_CTLR	0x0000
#define GITS_CBASER	0x0080
#define GITS_BASER0	0x0100	/* the device table */
#define GITS_BASER1	0x0108	/* the collection table */
#define GITS_VALID	(1ull << 63)
#define GITS_TRANSLATER	0x10040

/*
 * KVM_SIGNAL_MSI into an enabled ITS that has no mapping for the event:
 * the ITS drops it (0, "blocked by the guest") after a translation cache
 * miss, the lookup of the ITS by its doorbell and the device table walk.
 * The series does not touch this path: the row is a control.  The ITS
 * register writes return 0 whatever they do; the first MSI's 0 (not
 * -EBUSY, an ITS left disabled) is the check.  A mapped event would also
 * need a memslot, the tables in guest memory and LPIs enabled on the
 * redistributor.
 */
static void bench_its_msi(void)
{
	uint64_t dist = GIC_DIST, redist = GIC_REDIST, itsb = GIC_ITS;
	uint64_t cbaser = GITS_VALID | 0x40000000ull;
	uint64_t dt = GITS_VALID | 0x40010000ull, ct = GITS_VALID | 0x40020000ull;
	uint64_t on = 1;
	struct kvm_msi msi = { .address_lo = GIC_ITS + GITS_TRANSLATER,
			       .data = 0, .flags = KVM_MSI_VALID_DEVID,
			       .devid = 0 };
	struct kvm_vcpu_init init;
	int vm = create_vm(), vcpu, gic, its;

	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	gic = create_dev(vm, KVM_DEV_TYPE_ARM_VGIC_V3, 0);
	its = create_dev(vm, KVM_DEV_TYPE_ARM_VGIC_ITS, 0);
	if (vcpu < 0 || gic < 0 || its < 0 ||
	    ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init) ||
	    ioctl(vcpu, KVM_ARM_VCPU_INIT, &init) ||
	    set_attr(gic, KVM_DEV_ARM_VGIC_GRP_ADDR,
		     KVM_VGIC_V3_ADDR_TYPE_DIST, &dist) ||
	    set_attr(gic, KVM_DEV_ARM_VGIC_GRP_ADDR,
		     KVM_VGIC_V3_ADDR_TYPE_REDIST, &redist) ||
	    set_attr(its, KVM_DEV_ARM_VGIC_GRP_ADDR,
		     KVM_VGIC_ITS_ADDR_TYPE, &itsb) ||
	    set_attr(gic, KVM_DEV_ARM_VGIC_GRP_CTRL,
		     KVM_DEV_ARM_VGIC_CTRL_INIT, NULL) ||
	    set_attr(its, KVM_DEV_ARM_VGIC_GRP_CTRL,
		     KVM_DEV_ARM_ITS_CTRL_RESET, NULL) ||
	    set_attr(its, KVM_DEV_ARM_VGIC_GRP_ITS_REGS, GITS_CBASER,
		     &cbaser) ||
	    set_attr(its, KVM_DEV_ARM_VGIC_GRP_ITS_REGS, GITS_BASER0, &dt) ||
	    set_attr(its, KVM_DEV_ARM_VGIC_GRP_ITS_REGS, GITS_BASER1, &ct) ||
	    set_attr(its, KVM_DEV_ARM_VGIC_GRP_ITS_REGS, GITS_CTLR, &on))
		printf("SKIP its_signal_msi_unmapped: setup: %s\n",
		       strerror(errno));
	else if (ioctl(vm, KVM_SIGNAL_MSI, &msi))
		printf("SKIP its_signal_msi_unmapped: first MSI: %s\n",
		       strerror(errno));
	else
		bench_inject("its_signal_msi_unmapped", vm, KVM_SIGNAL_MSI,
			     &msi, NULL);
	close(its);
	close(gic);
	close(vcpu);
	close(vm);
}
#endif

#if defined(__powerpc64__) && defined(KVM_DEV_XICS_GRP_SOURCES)
#define XICS_IRQ	16	/* the first source number of an ICS */

/*
 * KVM_IRQ_LINE raising and lowering a level source of the in-kernel XICS
 * (server 0, priority 5) whose presenter accepts every priority (CPPR
 * 0xff): the injection path the series makes hold the device
 * (kvmppc_xics_set_irq()).  KVM_IRQ_LINE returns 0 whatever became of
 * the interrupt, so the first raise is checked on the source: presented
 * to vCPU 0.  Later raises find it still presented (no vCPU runs to take
 * it), the lowers clear the line.
 */
static void bench_xics_irq_line(void)
{
	uint64_t src = 0 | 5ull << KVM_XICS_PRIORITY_SHIFT |
		       KVM_XICS_LEVEL_SENSITIVE;
	uint64_t icp = 0xffull << KVM_REG_PPC_ICP_CPPR_SHIFT |
		       0xffull << KVM_REG_PPC_ICP_MFRR_SHIFT |
		       0xffull << KVM_REG_PPC_ICP_PPRI_SHIFT;
	struct kvm_one_reg reg = { .id = KVM_REG_PPC_ICP_STATE,
				   .addr = (uintptr_t)&icp };
	struct kvm_irq_level line = { .irq = XICS_IRQ, .level = 1 };
	struct kvm_enable_cap cap = { .cap = KVM_CAP_IRQ_XICS };
	struct kvm_device_attr get = { .group = KVM_DEV_XICS_GRP_SOURCES,
				       .attr = XICS_IRQ,
				       .addr = (uintptr_t)&src };
	int vm = create_vm(), vcpu, xics;

	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	xics = create_dev(vm, KVM_DEV_TYPE_XICS, 0);
	cap.args[0] = xics;
	cap.args[1] = 0;
	if (vcpu < 0 || xics < 0 || ioctl(vcpu, KVM_ENABLE_CAP, &cap) ||
	    ioctl(vcpu, KVM_SET_ONE_REG, &reg) ||
	    set_attr(xics, KVM_DEV_XICS_GRP_SOURCES, XICS_IRQ, &src) ||
	    ioctl(vm, KVM_IRQ_LINE, &line) ||
	    ioctl(xics, KVM_GET_DEVICE_ATTR, &get))
		printf("SKIP xics_irq_line_raise_lower: setup: %s\n",
		       strerror(errno));
	else if (!(src & KVM_XICS_PRESENTED))
		printf("SKIP xics_irq_line_raise_lower: not presented (%#llx)\n",
		       (unsigned long long)src);
	else
		bench_inject("xics_irq_line_raise_lower", vm, KVM_IRQ_LINE,
			     &line, &line.level);
	close(xics);
	close(vcpu);
	close(vm);
}
#endif

struct thr {
	int fd;
	unsigned long req;
	struct kvm_device_attr attr;
	uint64_t ns;
	pthread_barrier_t *bar;
};

static void *attr_thread(void *p)
{
	struct thr *th = p;
	uint64_t t0;
	int i;

	pthread_barrier_wait(th->bar);
	t0 = now_ns();
	for (i = 0; i < CALLS; i++)
		ioctl(th->fd, th->req, &th->attr);
	th->ns = (now_ns() - t0) / CALLS;
	return NULL;
}

/* Mean ns per call, per thread, with @n threads on @fds[0..n-1]. */
static void bench_threads(const char *name, int n, int *fds, uint32_t group,
			  uint64_t attr)
{
	pthread_barrier_t bar;
	pthread_t tid[4];
	struct thr th[4];
	uint64_t t[4];
	int i;

	pthread_barrier_init(&bar, NULL, n);
	for (i = 0; i < n; i++) {
		th[i] = (struct thr){ .fd = fds[i], .req = KVM_HAS_DEVICE_ATTR,
				      .attr = { .group = group, .attr = attr },
				      .bar = &bar };
		pthread_create(&tid[i], NULL, attr_thread, &th[i]);
	}
	for (i = 0; i < n; i++) {
		pthread_join(tid[i], NULL);
		t[i] = th[i].ns;
	}
	report(name, t, n);
}

static void scaling(const char *tag, uint32_t pre, uint32_t type,
		    uint32_t group, uint64_t attr)
{
	int vms[4], fds[4], one[4], i;
	char name[64];

	for (i = 0; i < 4; i++) {
		vms[i] = create_vm();
		create_pre(vms[i], pre);
		fds[i] = create_dev(vms[i], type, 0);
		one[i] = fds[0];
	}
	for (i = 1; i <= 4; i *= 2) {
		snprintf(name, sizeof(name), "%s_has_%dthr_distinct", tag, i);
		bench_threads(name, i, fds, group, attr);
		snprintf(name, sizeof(name), "%s_has_%dthr_same", tag, i);
		bench_threads(name, i, one, group, attr);
	}
	for (i = 0; i < 4; i++) {
		close(fds[i]);
		close(vms[i]);
	}
}

int main(int argc, char **argv)
{
	int vm, vcpu, fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/*
	 * Let the boot settle: work the kernel defers past init (on the
	 * other vCPU) otherwise slows the first measurements of whichever
	 * kernel boots faster.
	 */
	sleep(SETTLE_S);
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		die("/dev/kvm");
	if (argc > 1 && !strcmp(argv[1], "mem")) {
		memory();
		printf("devbench: done\n");
		return 0;
	}
	vm = create_vm();
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		die("KVM_CREATE_VCPU");

	bench_ioctl("floor_check_extension_vm", vm, KVM_CHECK_EXTENSION,
		    KVM_CAP_DEVICE_CTRL);
	bench_create_test("create_test_vfio", vm, KVM_DEV_TYPE_VFIO);

	fd = create_dev(vm, KVM_DEV_TYPE_VFIO, 0);
	bench_attr("vfio_has_attr", fd, KVM_HAS_DEVICE_ATTR, KVM_DEV_VFIO_FILE,
		   KVM_DEV_VFIO_FILE_ADD, NULL);
	close(fd);
	bench_create_close("vfio_create_close", vm, KVM_DEV_TYPE_VFIO, CYCLES);
	bench_eventfd_close("floor_eventfd_close", CYCLES);

#if defined(__x86_64__)
	{
		uint64_t off;

		bench_attr("vcpu_has_tsc_offset", vcpu, KVM_HAS_DEVICE_ATTR,
			   KVM_VCPU_TSC_CTRL, KVM_VCPU_TSC_OFFSET, NULL);
		bench_attr("vcpu_get_tsc_offset", vcpu, KVM_GET_DEVICE_ATTR,
			   KVM_VCPU_TSC_CTRL, KVM_VCPU_TSC_OFFSET, &off);
		bench_attr("sys_has_xcomp", kvm, KVM_HAS_DEVICE_ATTR,
			   KVM_X86_GRP_SYSTEM, KVM_X86_XCOMP_GUEST_SUPP, NULL);
		bench_vm_cycle("vm_vcpu_vfio_cycle", 0, KVM_DEV_TYPE_VFIO, 1, 50);
		scaling("vfio", 0, KVM_DEV_TYPE_VFIO, KVM_DEV_VFIO_FILE,
			KVM_DEV_VFIO_FILE_ADD);
	}
#elif defined(__aarch64__)
	{
		struct kvm_vcpu_init init;
		uint32_t nirq;
		int gic, its;

		gic = create_dev(vm, KVM_DEV_TYPE_ARM_VGIC_V3, 0);
		its = create_dev(vm, KVM_DEV_TYPE_ARM_VGIC_ITS, 0);
		bench_attr("vgic_v3_has_ctrl_init", gic, KVM_HAS_DEVICE_ATTR,
			   KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_VGIC_CTRL_INIT,
			   NULL);
		bench_attr("vgic_v3_get_nr_irqs", gic, KVM_GET_DEVICE_ATTR,
			   KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &nirq);
		bench_attr("its_has_ctrl_reset", its, KVM_HAS_DEVICE_ATTR,
			   KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_ITS_CTRL_RESET,
			   NULL);
		if (!ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init) &&
		    !ioctl(vcpu, KVM_ARM_VCPU_INIT, &init)) {
			bench_attr("vcpu_has_timer_vtimer", vcpu,
				   KVM_HAS_DEVICE_ATTR, KVM_ARM_VCPU_TIMER_CTRL,
				   KVM_ARM_VCPU_TIMER_IRQ_VTIMER, NULL);
			bench_attr("vcpu_get_timer_vtimer", vcpu,
				   KVM_GET_DEVICE_ATTR, KVM_ARM_VCPU_TIMER_CTRL,
				   KVM_ARM_VCPU_TIMER_IRQ_VTIMER, &nirq);
		}
		bench_create_close("its_create_close", vm,
				   KVM_DEV_TYPE_ARM_VGIC_ITS, CYCLES);
		close(its);
		close(gic);
		bench_vm_cycle("vm_vcpu_gic_its1_cycle", KVM_DEV_TYPE_ARM_VGIC_V3,
			       KVM_DEV_TYPE_ARM_VGIC_ITS, 1, 50);
		bench_vm_cycle("vm_vcpu_gic_its16_cycle", KVM_DEV_TYPE_ARM_VGIC_V3,
			       KVM_DEV_TYPE_ARM_VGIC_ITS, 16, 20);
		bench_vm_cycle("vm_vcpu_gic_its256_cycle", KVM_DEV_TYPE_ARM_VGIC_V3,
			       KVM_DEV_TYPE_ARM_VGIC_ITS, 256, 5);
		scaling("its", KVM_DEV_TYPE_ARM_VGIC_V3, KVM_DEV_TYPE_ARM_VGIC_ITS,
			KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_ITS_CTRL_RESET);
		bench_its_msi();
	}
#elif defined(__powerpc64__) && defined(KVM_DEV_XICS_GRP_SOURCES)
	bench_vm_cycle("vm_vcpu_vfio_cycle", 0, KVM_DEV_TYPE_VFIO, 1, 50);
	scaling("vfio", 0, KVM_DEV_TYPE_VFIO, KVM_DEV_VFIO_FILE,
		KVM_DEV_VFIO_FILE_ADD);
	bench_xics_irq_line();
#endif
	close(vcpu);
	close(vm);
	memory();
	printf("devbench: done\n");
	return 0;
}
