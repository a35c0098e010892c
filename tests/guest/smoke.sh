#!/bin/sh
# Guest side of the smoke test: load bpf_testmod and check that its BTF
# is visible. Runs under busybox sh in the VM.
. /root/guest-lib.sh
fail() {
	echo "FAIL: $*"
	exit 1
}

uname -r
[ -f /sys/kernel/btf/vmlinux ] || fail "no /sys/kernel/btf/vmlinux"
insmod /root/bpf_testmod.ko || fail "insmod bpf_testmod.ko"
grep -q '^bpf_testmod ' /proc/modules || fail "bpf_testmod is not in /proc/modules"
[ -f /sys/kernel/btf/bpf_testmod ] || fail "no /sys/kernel/btf/bpf_testmod: the module's BTF was not accepted"
size=$(wc -c </sys/kernel/btf/bpf_testmod)
[ "$size" -gt 24 ] || fail "/sys/kernel/btf/bpf_testmod is only $size bytes"
echo "PASS: bpf_testmod loaded, /sys/kernel/btf/bpf_testmod has $size bytes"
rmmod bpf_testmod || fail "rmmod bpf_testmod"
