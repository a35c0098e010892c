#!/bin/sh
# In the VM: load each /root/*.ko (btf_sample built by DKMS, with and
# without BTF) in turn and leave for the host, per module NAME:
#   NAME.rc   insmod's exit status
#   NAME.btf  /sys/kernel/btf/btf_sample while it was loaded, if any
#   NAME.log  insmod's errors and the kernel messages of the load
. /root/guest-lib.sh
cp /sys/kernel/btf/vmlinux $out/vmlinux.btf
for ko in /root/*.ko; do
	name=$(basename "$ko" .ko)
	dmesg -c >/dev/null
	if insmod "$ko" 2>$out/$name.log; then
		echo 0 >$out/$name.rc
		[ ! -e /sys/kernel/btf/btf_sample ] ||
			cp /sys/kernel/btf/btf_sample $out/$name.btf
		rmmod btf_sample
	else
		echo 1 >$out/$name.rc
	fi
	dmesg -c >>$out/$name.log
done
exit 0
