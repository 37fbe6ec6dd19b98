// SPDX-License-Identifier: GPL-2.0-only
/*
 * devctl-demo - show the KVM device control API at work.
 *
 * Opens /dev/kvm, creates a VM and a vCPU, probes every device type with
 * KVM_CREATE_DEVICE_TEST, creates what this architecture has, queries and
 * sets a few attributes, and shows what closing a device fd means for each
 * lifetime class. Prints one readable line per step.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

static const char *const type_names[] = {
	[KVM_DEV_TYPE_FSL_MPIC_20] = "fsl-mpic-20",
	[KVM_DEV_TYPE_FSL_MPIC_42] = "fsl-mpic-42",
	[KVM_DEV_TYPE_XICS] = "xics",
	[KVM_DEV_TYPE_VFIO] = "kvm-vfio",
	[KVM_DEV_TYPE_ARM_VGIC_V2] = "arm-vgic-v2",
	[KVM_DEV_TYPE_FLIC] = "s390-flic",
	[KVM_DEV_TYPE_ARM_VGIC_V3] = "arm-vgic-v3",
	[KVM_DEV_TYPE_ARM_VGIC_ITS] = "arm-vgic-its",
	[KVM_DEV_TYPE_XIVE] = "xive",
	[KVM_DEV_TYPE_ARM_PV_TIME] = "arm-pv-time",
	[KVM_DEV_TYPE_RISCV_AIA] = "riscv-aia",
};

static int create(int vm, uint32_t type, uint32_t flags)
{
	struct kvm_create_device cd = { .type = type, .flags = flags };

	if (ioctl(vm, KVM_CREATE_DEVICE, &cd))
		return -errno;
	return flags ? 0 : (int)cd.fd;
}

static int attr(int fd, unsigned long req, uint32_t group, uint64_t a,
		void *data)
{
	struct kvm_device_attr da = {
		.group = group, .attr = a, .addr = (uintptr_t)data,
	};

	return ioctl(fd, req, &da) ? -errno : 0;
}

static const char *err(int r)
{
	return r ? strerror(-r) : "ok";
}

int main(void)
{
	int kvm, vm, vcpu, fd, fd2, r;
	unsigned int t;

	setvbuf(stdout, NULL, _IOLBF, 0);
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		printf("devctl-demo: /dev/kvm: %s\n", strerror(errno));
		return 4;
	}
	printf("devctl-demo: KVM API %d, KVM_CAP_DEVICE_CTRL=%d\n",
	       ioctl(kvm, KVM_GET_API_VERSION, 0),
	       ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_DEVICE_CTRL));
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	printf("devctl-demo: VM fd %d, vCPU fd %d\n", vm, vcpu);

	printf("devctl-demo: KVM_CREATE_DEVICE_TEST per type:\n");
	for (t = 0; t < KVM_DEV_TYPE_MAX; t++) {
		r = create(vm, t, KVM_CREATE_DEVICE_TEST);
		printf("  type %2u %-13s %s\n", t,
		       t < sizeof(type_names) / sizeof(type_names[0]) &&
		       type_names[t] ? type_names[t] : "-",
		       r ? "not available" : "available");
	}
	printf("devctl-demo: unknown flag 0x2 -> %s; unknown type 999 -> %s\n",
	       err(create(vm, KVM_DEV_TYPE_VFIO, 2)), err(create(vm, 999, 0)));

	/* kvm-vfio: released when its fd is closed, then re-creatable */
	fd = create(vm, KVM_DEV_TYPE_VFIO, 0);
	printf("devctl-demo: kvm-vfio fd %d; HAS FILE/ADD -> %s; HAS 99/0 -> %s\n",
	       fd, err(attr(fd, KVM_HAS_DEVICE_ATTR, KVM_DEV_VFIO_FILE,
			    KVM_DEV_VFIO_FILE_ADD, NULL)),
	       err(attr(fd, KVM_HAS_DEVICE_ATTR, 99, 0, NULL)));
	printf("devctl-demo: second kvm-vfio while open -> %s\n",
	       err(create(vm, KVM_DEV_TYPE_VFIO, 0)));
	close(fd);
	fd = create(vm, KVM_DEV_TYPE_VFIO, 0);
	printf("devctl-demo: kvm-vfio closed, created again -> fd %d\n", fd);
	fd2 = dup(fd);
	close(fd);
	printf("devctl-demo: dup()ed fd %d keeps it alive: HAS -> %s\n", fd2,
	       err(attr(fd2, KVM_HAS_DEVICE_ATTR, KVM_DEV_VFIO_FILE,
			KVM_DEV_VFIO_FILE_ADD, NULL)));
	close(fd2);

#ifdef __aarch64__
	{
		uint64_t base = 0x8000000, redist = 0x80a0000, its = 0x8080000;
		uint32_t nirq = 0;
		int itsfd;

		/* VGIC v3: kept for the guest until VM teardown */
		fd = create(vm, KVM_DEV_TYPE_ARM_VGIC_V3, 0);
		printf("devctl-demo: arm-vgic-v3 fd %d\n", fd);
		printf("  SET ADDR DIST -> %s, SET ADDR REDIST -> %s\n",
		       err(attr(fd, KVM_SET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_ADDR,
				KVM_VGIC_V3_ADDR_TYPE_DIST, &base)),
		       err(attr(fd, KVM_SET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_ADDR,
				KVM_VGIC_V3_ADDR_TYPE_REDIST, &redist)));
		itsfd = create(vm, KVM_DEV_TYPE_ARM_VGIC_ITS, 0);
		printf("  arm-vgic-its fd %d: SET ADDR -> %s\n", itsfd,
		       err(attr(itsfd, KVM_SET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_ADDR,
				KVM_VGIC_ITS_ADDR_TYPE, &its)));
		printf("  CTRL_INIT -> %s\n",
		       err(attr(fd, KVM_SET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_CTRL,
				KVM_DEV_ARM_VGIC_CTRL_INIT, NULL)));
		printf("  GET NR_IRQS -> %s (%u)\n",
		       err(attr(fd, KVM_GET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_NR_IRQS,
				0, &nirq)), nirq);
		printf("  SET ADDR DIST after init -> %s\n",
		       err(attr(fd, KVM_SET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_ADDR,
				KVM_VGIC_V3_ADDR_TYPE_DIST, &base)));
		close(itsfd);
		close(fd);
		printf("  fds closed; second arm-vgic-v3 -> %s (the guest keeps it)\n",
		       err(create(vm, KVM_DEV_TYPE_ARM_VGIC_V3, 0)));
	}
#endif
	close(vcpu);
	close(vm);
	close(kvm);
	printf("devctl-demo: done\n");
	return 0;
}
