#!/bin/sh
# Runs in the kernel B guest (busybox sh). Modules are in /root:
#   bpf_testmod.ko          base reference module built against kernel A
#   classic.ko              the same module without base reference (used
#                           by guest-a.sh; refusals are tests/kernel/refuse)
#   btf_sample.ko           external module embedding vmlinux structs
# Results go to /root/out for the host to judge; the exit status is 0
# unless the guest could not run the steps at all.
. /root/guest-lib.sh

# The reconciled BTF, to be checked on the host.
insmod /root/bpf_testmod.ko || exit 1
cp /sys/kernel/btf/vmlinux $out/vmlinux.btf
cp /sys/kernel/btf/bpf_testmod $out/bpf_testmod.btf
/root/kfunc_call bpf_testmod bpf_testmod_test_mod_kfunc >$out/kfunc.log 2>&1
echo $? >$out/kfunc.rc
/root/kfunc_call bpf_testmod bpf_testmod_test_read >$out/kfunc-neg.log 2>&1
echo $? >$out/kfunc-neg.rc
rmmod bpf_testmod
dmesg -c >$out/load.log

# Recorded layouts of real structs (struct mutex holds a qspinlock, an
# anonymous union of anonymous structs) pass the kernel's BTF checks.
if insmod /root/btf_sample.ko 2>$out/sample.err; then
	echo 0 >$out/sample.rc
	cp /sys/kernel/btf/btf_sample $out/btf_sample.btf
	rmmod btf_sample
else
	echo 1 >$out/sample.rc
fi
dmesg -c >$out/sample.log

# Load/unload 100 times; slab and vmalloc use before and after. Twenty
# loads first, so that caches which grow once (slab pages of caches the
# load path uses) do not count as growth.
# Shrinking every slab cache first empties KASAN's quarantine of freed
# objects (kernel san), so that Slab counts live objects.
mem() {
	for f in /sys/kernel/slab/*/shrink; do echo 1 >$f 2>/dev/null; done
	awk '$1 == "Slab:" || $1 == "VmallocUsed:" { printf "%s %s ", $1, $2 }' /proc/meminfo; echo
}
loads() {
	i=0
	while [ $i -lt $1 ]; do
		insmod /root/bpf_testmod.ko && rmmod bpf_testmod || { echo "load $i failed" >>$out/mem-errors; }
		i=$((i + 1))
	done
}
loads 20
sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null
sleep 1
mem >$out/mem-before
loads 100
sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null
sleep 1
mem >$out/mem-after
dmesg -c >$out/loop.log
exit 0
