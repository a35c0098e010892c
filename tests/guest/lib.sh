# shellcheck shell=sh
# The prologue of every guest script (busybox sh): scripts/vm-run puts it
# in the guest as /root/guest-lib.sh and each script starts with
# ". /root/guest-lib.sh". Results go to $out (/root/out, copied back by
# vm-run -o), the kernel log starts empty, the BPF JIT is on.
out=/root/out
mkdir -p $out
dmesg -c >/dev/null
echo 1 >/proc/sys/net/core/bpf_jit_enable 2>/dev/null

# unload MODULE: rmmod, retried for up to 10 s, since a BPF program just
# closed may hold the module a little longer.
unload() {
	i=0
	until rmmod $1 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || { echo "rmmod $1 failed" >>$out/errors; return 1; }
		sleep 0.1
	done
}
