#!/bin/sh
# Runs in the guest (busybox sh) for tests/kernel/refuse: each
# /root/cases/<case>.ko is a bpf_testmod whose BTF the kernel must refuse.
# For each: insmod's exit status, whether /sys/kernel/btf/bpf_testmod
# exists while it is loaded, whether a program calling its kfunc loads,
# and the kernel messages. Then the good module (/root/bpf_testmod.ko)
# must still load with its BTF. Results go to /root/out for the host.
. /root/guest-lib.sh

for f in /root/cases/*.ko; do
	c=${f##*/}
	c=${c%.ko}
	if insmod "$f" 2>$out/$c.err; then
		echo 0 >$out/$c.rc
		[ -e /sys/kernel/btf/bpf_testmod ] && echo 1 >$out/$c.sysfs-btf
		/root/kfunc_call bpf_testmod bpf_testmod_test_mod_kfunc >$out/$c.kfunc.log 2>&1
		echo $? >$out/$c.kfunc.rc
		unload bpf_testmod
	else
		echo 1 >$out/$c.rc
	fi
	dmesg -c >$out/$c.log
done

if insmod /root/bpf_testmod.ko 2>$out/good.err && [ -e /sys/kernel/btf/bpf_testmod ]; then
	echo 0 >$out/good.rc
	unload bpf_testmod
else
	echo 1 >$out/good.rc
fi
dmesg -c >$out/good.log
exit 0
