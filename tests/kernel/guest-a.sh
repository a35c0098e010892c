#!/bin/sh
# Runs in the kernel A guest: time insmod+rmmod of the module with and
# without base reference (both built against A), and record the BTF each
# keeps after load.
. /root/guest-lib.sh
N=${N:-20}
now() { cut -d' ' -f1 /proc/uptime; }

insmod /root/bpf_testmod.ko || exit 1	# the first load builds the name index
wc -c </sys/kernel/btf/bpf_testmod >$out/btf-bytes-base-ref
rmmod bpf_testmod
insmod /root/classic.ko || exit 1
wc -c </sys/kernel/btf/bpf_testmod >$out/btf-bytes-classic
rmmod bpf_testmod

for m in classic bpf_testmod classic bpf_testmod; do
	t0=$(now)
	i=0
	while [ $i -lt $N ]; do
		insmod /root/$m.ko && rmmod bpf_testmod || exit 1
		i=$((i + 1))
	done
	t1=$(now)
	echo "$m $t0 $t1 $N" >>$out/times
done
dmesg >$out/dmesg.log
exit 0
