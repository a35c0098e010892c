#!/bin/sh
# Guest side of 'make': show that the kernel booted, bpf_testmod loaded
# and its BTF is visible.
echo "DEMO: kernel $(uname -r) booted: $(cat /proc/version)"
insmod /root/bpf_testmod.ko || { echo "DEMO: insmod bpf_testmod.ko failed"; exit 1; }
echo "DEMO: module loaded: $(grep '^bpf_testmod ' /proc/modules)"
if [ -f /sys/kernel/btf/bpf_testmod ]; then
	echo "DEMO: /sys/kernel/btf/bpf_testmod: $(wc -c </sys/kernel/btf/bpf_testmod) bytes of split BTF on /sys/kernel/btf/vmlinux ($(wc -c </sys/kernel/btf/vmlinux) bytes)"
else
	echo "DEMO: /sys/kernel/btf/bpf_testmod is missing: the module's BTF was rejected"
	dmesg | grep -i btf | tail -n 5
	exit 1
fi
