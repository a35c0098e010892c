#!/bin/sh
# Runs in the guest (busybox sh) for tests/kernel/ids. Modules in /root:
#   testmod-<variant>.ko   bpf_testmod built for A: unstripped, and copies
#                          stripped with --strip-unneeded / --strip-debug
#   ids-<variant>.ko       btf_ids_sample (tests/extmod-ids) built for A:
#                          unstripped, --strip-unneeded, classic
# For each: exit status of insmod, the kernel messages, the module's
# /sys/kernel/btf file, and for bpf_testmod a BPF program calling its kfunc.
# Results go to /root/out; the host judges them.
. /root/guest-lib.sh
cp /sys/kernel/btf/vmlinux $out/vmlinux.btf

for f in /root/testmod-*.ko /root/ids-*.ko; do
	v=${f##*/}
	v=${v%.ko}
	case $v in testmod-*) mod=bpf_testmod ;; *) mod=btf_ids_sample ;; esac
	if insmod "$f" 2>$out/$v.err; then
		echo 0 >$out/$v.rc
		[ -f /sys/kernel/btf/$mod ] && cp /sys/kernel/btf/$mod $out/$v.btf
		if [ $mod = bpf_testmod ]; then
			/root/kfunc_call bpf_testmod bpf_testmod_test_mod_kfunc >$out/$v.kfunc.log 2>&1
			echo $? >$out/$v.kfunc.rc
		fi
		unload $mod
	else
		echo 1 >$out/$v.rc
	fi
	dmesg -c >$out/$v.log
done
exit 0
