// SPDX-License-Identifier: GPL-2.0
/*
 * pkvm_attr_test - arm64 under pKVM (kvm-arm.mode=protected) refuses the
 * attribute ioctls of a protected VM's fd with EINVAL before reading the
 * structure, and reports no vCPU or VM attributes on that fd, while its
 * vCPU fds and every fd of a normal VM keep their attributes.  7.3 does it
 * in kvm_arch_vm_ioctl() and kvm_vm_ioctl_check_extension(); the series
 * dispatches the VM ioctls in generic code, which must keep exactly that
 * refusal (arm64's kvm_arch_vm_attr_ops.ioctl_allowed).  The same answers
 * are expected on plain 7.3 and on the series, but one: a normal VM reports
 * KVM_CAP_VM_ATTRIBUTES from v3 0023 on (0 on plain 7.3).
 *
 * The protected cases skip on a boot without pKVM (KVM_CREATE_VM of a
 * protected VM fails with EINVAL there); the normal-VM cases run on every
 * arm64 boot.  Raw ioctls: kvm_util creates no protected VMs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "kselftest_harness.h"

#ifndef KVM_VM_TYPE_ARM_PROTECTED
#define KVM_VM_TYPE_ARM_PROTECTED	(1UL << 31)
#endif

static int open_kvm(struct __test_metadata *_metadata)
{
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);

	ASSERT_GE(kvm, 0) TH_LOG("open /dev/kvm: %s", strerror(errno));
	return kvm;
}

/* The SMCCC filter's group, the VM attribute arm64 has. */
static struct kvm_smccc_filter filter = {
	.base = 0x86000000,	/* a vendor hypervisor range */
	.nr_functions = 1,
	.action = KVM_SMCCC_FILTER_DENY,
};

static struct kvm_device_attr smccc_attr = {
	.group = KVM_ARM_VM_SMCCC_CTRL,
	.attr = KVM_ARM_VM_SMCCC_FILTER,
	.addr = (uint64_t)(uintptr_t)&filter,
};

static struct kvm_device_attr vtimer_attr = {
	.group = KVM_ARM_VCPU_TIMER_CTRL,
	.attr = KVM_ARM_VCPU_TIMER_IRQ_VTIMER,
};

/* -errno of the ioctl, 0 on success */
static int attr_ioctl(int fd, unsigned long ioctl_nr, void *arg)
{
	return ioctl(fd, ioctl_nr, arg) ? -errno : 0;
}

FIXTURE(protected) {
	int kvm, vm;
};

FIXTURE_SETUP(protected)
{
	self->kvm = open_kvm(_metadata);
	self->vm = ioctl(self->kvm, KVM_CREATE_VM, KVM_VM_TYPE_ARM_PROTECTED);
	if (self->vm < 0 && errno == EINVAL)
		SKIP(return, "no pKVM: boot with kvm-arm.mode=protected");
	ASSERT_GE(self->vm, 0) TH_LOG("KVM_CREATE_VM: %s", strerror(errno));
}

FIXTURE_TEARDOWN(protected)
{
	if (self->vm >= 0)
		close(self->vm);
	close(self->kvm);
}

TEST_F(protected, vm_attr_ioctls_einval)
{
	EXPECT_EQ(attr_ioctl(self->vm, KVM_HAS_DEVICE_ATTR, &smccc_attr), -EINVAL);
	EXPECT_EQ(attr_ioctl(self->vm, KVM_SET_DEVICE_ATTR, &smccc_attr), -EINVAL);
	EXPECT_EQ(attr_ioctl(self->vm, KVM_GET_DEVICE_ATTR, &smccc_attr), -EINVAL);
}

/* Refused before the structure is read: no EFAULT for a bad pointer. */
TEST_F(protected, vm_attr_refused_before_copy)
{
	EXPECT_EQ(attr_ioctl(self->vm, KVM_HAS_DEVICE_ATTR, NULL), -EINVAL);
	EXPECT_EQ(attr_ioctl(self->vm, KVM_SET_DEVICE_ATTR, NULL), -EINVAL);
	EXPECT_EQ(attr_ioctl(self->vm, KVM_GET_DEVICE_ATTR, NULL), -EINVAL);
}

TEST_F(protected, vm_capabilities)
{
	EXPECT_EQ(ioctl(self->vm, KVM_CHECK_EXTENSION, KVM_CAP_VCPU_ATTRIBUTES), 0);
	EXPECT_EQ(ioctl(self->vm, KVM_CHECK_EXTENSION, KVM_CAP_VM_ATTRIBUTES), 0);
	EXPECT_EQ(ioctl(self->vm, KVM_CHECK_EXTENSION, KVM_CAP_DEVICE_CTRL), 1);
}

/* 7.3 filters the VM fd only: the vCPU attributes stay. */
TEST_F(protected, vcpu_attr_not_refused)
{
	int vcpu = ioctl(self->vm, KVM_CREATE_VCPU, 0);

	ASSERT_GE(vcpu, 0) TH_LOG("KVM_CREATE_VCPU: %s", strerror(errno));
	EXPECT_EQ(attr_ioctl(vcpu, KVM_HAS_DEVICE_ATTR, &vtimer_attr), 0);
	EXPECT_EQ(attr_ioctl(vcpu, KVM_HAS_DEVICE_ATTR, NULL), -EFAULT);
	close(vcpu);
}

/* A normal VM, on every boot: its attributes are not filtered. */
TEST(normal_vm)
{
	int kvm = open_kvm(_metadata);
	int vm = ioctl(kvm, KVM_CREATE_VM, 0);

	ASSERT_GE(vm, 0) TH_LOG("KVM_CREATE_VM: %s", strerror(errno));
	EXPECT_EQ(attr_ioctl(vm, KVM_HAS_DEVICE_ATTR, &smccc_attr), 0);
	EXPECT_EQ(attr_ioctl(vm, KVM_HAS_DEVICE_ATTR, NULL), -EFAULT);
	/* arm64's VM attributes are write-only: GET is EINVAL, unread. */
	EXPECT_EQ(attr_ioctl(vm, KVM_GET_DEVICE_ATTR, NULL), -EINVAL);
	EXPECT_EQ(ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_VCPU_ATTRIBUTES), 1);
	/* v3 0023: arm64 reports the VM attributes it has */
	EXPECT_EQ(ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_VM_ATTRIBUTES), 1);
	close(vm);
	close(kvm);
}

TEST_HARNESS_MAIN
