#!/bin/sh
# Guest side of 'make': load bpf_testmod, built against kernel A, on
# kernel B and hand its BTF back to the host.
. /root/guest-lib.sh
echo "DEMO: kernel $(uname -r) booted (kernel B): $(cat /proc/version)"
insmod /root/bpf_testmod.ko || { echo "DEMO: insmod bpf_testmod.ko failed"; exit 1; }
echo "DEMO: module loaded: $(grep '^bpf_testmod ' /proc/modules)"
dmesg | grep -E 'bpf_testmod: (BTF reconciled|btf_reconcile)' | sed 's/^/DEMO: kernel log: /'
if [ ! -f /sys/kernel/btf/bpf_testmod ]; then
	echo "DEMO: /sys/kernel/btf/bpf_testmod is missing: the module's BTF was rejected"
	dmesg | grep -i btf | tail -n 5
	exit 1
fi
echo "DEMO: /sys/kernel/btf/bpf_testmod: $(wc -c </sys/kernel/btf/bpf_testmod) bytes"
cp /sys/kernel/btf/vmlinux /root/out/vmlinux.btf
cp /sys/kernel/btf/bpf_testmod /root/out/bpf_testmod.btf
