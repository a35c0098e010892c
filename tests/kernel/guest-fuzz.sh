#!/bin/sh
# Runs in the guest (busybox sh) for tests/kernel/fuzz: load each module
# with damaged sections in /root/mods (refused or accepted, never an oops
# or WARN: scripts/vm-run judges the console), then the good module
# /root/bpf_testmod.ko, which must load with its BTF.
. /root/guest-lib.sh
loaded=0 refused=0
for f in /root/mods/f*.ko; do
	if insmod "$f" 2>/dev/null; then
		loaded=$((loaded + 1))
		rmmod bpf_testmod
	else
		refused=$((refused + 1))
	fi
done
echo "fuzz: $loaded loaded, $refused refused"
insmod /root/bpf_testmod.ko && [ -f /sys/kernel/btf/bpf_testmod ] ||
	{ echo "fuzz: the good module does not load with its BTF afterwards"; exit 1; }
echo "fuzz: the good module loads with its BTF afterwards"
