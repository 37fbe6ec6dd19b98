#!/bin/sh
# trace.sh - run as a test of the x86_64-trace kernel (bench/trace.list):
# profile, function by function, the ioctls of bench/ioctlprof.c with the
# ftrace function profiler (time includes children).
T=/sys/kernel/debug/tracing
for f in __x64_sys_ioctl kvm_vm_ioctl kvm_vm_ioctl_check_extension_generic \
	 kvm_vcpu_ioctl kvm_vcpu_ioctl_attr kvm_attr_from_user \
	 kvm_arch_vcpu_get_attr mutex_lock_killable mutex_unlock \
	 vcpu_load vcpu_put; do
	echo "$f" >> $T/set_ftrace_filter 2>/dev/null
done
echo 1 > $T/function_profile_enabled
./ioctlprof
echo 0 > $T/function_profile_enabled
cat $T/trace_stat/function*
