#!/bin/sh
# Guest side of tests/fuzz/concurrency (busybox sh). Modules in /root/mods
# (each with .BTF.base_ref): every one but
# bpf_testmod is loaded and unloaded in its own loop for DUR seconds, all
# loops starting together with the first load of the boot, so that the
# first loads race to build the vmlinux name index; bpf_testmod is loaded
# by test_progs (from /root), which attaches module_attach's BPF programs
# to its functions and unloads it, in a loop of its own; a reader walks
# /sys/kernel/btf/.
# Counts go to /root/out for the host to judge.
. /root/guest-lib.sh
DUR=$(cat /root/duration)
mem() {
	# Under KASAN freed objects wait in a quarantine: shrinking every
	# cache empties it, so that Slab counts live objects.
	sync
	echo 3 >/proc/sys/vm/drop_caches
	for f in /sys/kernel/slab/*/shrink; do echo 1 >$f 2>/dev/null; done
	sleep 1
	awk '$1 == "Slab:" { print $2 }' /proc/meminfo
}
mkdir -p /sys/fs/bpf
mount -t bpf bpffs /sys/fs/bpf
ulimit -l unlimited 2>/dev/null
cp /root/mods/bpf_testmod.ko /root/
mem >$out/slab-before
end=$(($(date +%s) + DUR))

loop() {	# loop NAME: insmod/rmmod until the end
	ok=0 refused=0 nobtf=0
	while [ "$(date +%s)" -lt $end ]; do
		if insmod /root/mods/$1.ko 2>/dev/null; then
			ok=$((ok + 1))
			[ -f /sys/kernel/btf/$1 ] || nobtf=$((nobtf + 1))
			rmmod $1 || echo "rmmod $1 failed" >>$out/errors
		else
			refused=$((refused + 1))
		fi
	done
	echo "$1 $ok $refused $nobtf" >$out/count.$1
}

reader() {
	n=0
	while [ "$(date +%s)" -lt $end ]; do
		for f in /sys/kernel/btf/*; do cat $f >/dev/null 2>&1; done
		n=$((n + 1))
	done
	echo $n >$out/reader
}

attach() {
	ok=0 bad=0
	while [ "$(date +%s)" -lt $end ]; do
		if ./test_progs -t module_attach >$out/attach.last 2>&1 &&
		   grep -q 'module_attach:OK' $out/attach.last; then
			ok=$((ok + 1))
		else
			bad=$((bad + 1))
			cp $out/attach.last $out/attach.fail
		fi
	done
	echo "$ok $bad" >$out/attach
}

for m in /root/mods/*.ko; do
	m=${m##*/}
	m=${m%.ko}
	[ $m = bpf_testmod ] || loop $m &
done
attach &
reader &
wait
mem >$out/slab-after
# Then 20 more loads of each, one at a time: what stays after the race
# (the vmlinux name index, built once) is not growth; this must add none.
for m in /root/mods/*.ko; do
	i=0 ok=0
	while [ $i -lt 20 ]; do
		name=${m##*/}
		insmod $m 2>/dev/null && ok=$((ok + 1)) && rmmod ${name%.ko}
		i=$((i + 1))
	done
	name=${m##*/}
	echo $ok >$out/seq.${name%.ko}
done
mem >$out/slab-again
exit 0
