// SPDX-License-Identifier: GPL-2.0
/*
 * ioctlprof - the two ioctls bench/trace.sh profiles, many times each: the
 * floor (KVM_CHECK_EXTENSION on a VM fd) and KVM_GET_DEVICE_ATTR of a
 * vCPU attribute (x86: the TSC offset).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#define CALLS	20000

int main(void)
{
	int kvm = open("/dev/kvm", O_RDWR), vm, vcpu, i;
	uint64_t val;
	struct kvm_device_attr attr = {
		.group = KVM_VCPU_TSC_CTRL,
		.attr = KVM_VCPU_TSC_OFFSET,
		.addr = (uintptr_t)&val,
	};

	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (kvm < 0 || vm < 0 || vcpu < 0) {
		perror("ioctlprof: setup");
		return 1;
	}
	for (i = 0; i < CALLS; i++) {
		ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_DEVICE_CTRL);
		if (ioctl(vcpu, KVM_GET_DEVICE_ATTR, &attr)) {
			perror("ioctlprof: KVM_GET_DEVICE_ATTR");
			return 1;
		}
	}
	printf("ioctlprof: %d calls of each\n", CALLS);
	return 0;
}
