#!/bin/sh
# Guest side of tests/e2e/run (busybox sh, run by scripts/vm-run as
# /root/run.sh in /root): load bpf_testmod, run the selected test_progs
# tests, exit with their status.
#
# Files expected in /root: test_progs (static), bpf_testmod.ko, e2e-tests
# (the -t selection, one line) and optionally e2e-args (more test_progs
# arguments, one line).
. /root/guest-lib.sh
cd /root

tests=$(cat e2e-tests)
args=
[ -s e2e-args ] && args=$(cat e2e-args)

echo "e2e: kernel $(uname -r), module $(wc -c <bpf_testmod.ko) bytes"

# What test_progs needs besides what the VM init mounted.
mkdir -p /sys/fs/bpf /sys/fs/cgroup
mountpoint -q /sys/fs/bpf || mount -t bpf bpffs /sys/fs/bpf
mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug
mountpoint -q /sys/kernel/tracing || mount -t tracefs tracefs /sys/kernel/tracing
ulimit -l unlimited 2>/dev/null

# Keep kernel messages off the console while tests print; all of dmesg is
# printed at the end (scripts/vm-run scans the console for oops/WARN).
dmesg -n 1

status=0
echo "e2e: insmod bpf_testmod.ko"
if ! insmod ./bpf_testmod.ko; then
	echo "e2e: FAIL: bpf_testmod.ko does not load"
	status=1
elif [ ! -e /sys/kernel/btf/bpf_testmod ]; then
	echo "e2e: FAIL: bpf_testmod loaded without BTF (no /sys/kernel/btf/bpf_testmod)"
	status=1
else
	echo "e2e: bpf_testmod loaded, BTF $(wc -c </sys/kernel/btf/bpf_testmod) bytes"
fi
dmesg | grep -iE 'bpf_testmod|btf' | sed 's/^/e2e: dmesg: /'

echo "e2e: ./test_progs -t $tests $args"
# shellcheck disable=SC2086
./test_progs -t "$tests" $args
rc=$?
echo "e2e: test_progs exit status $rc"
[ "$rc" -eq 0 ] || status=$rc

echo "e2e: ---- dmesg ----"
dmesg
echo "e2e: ---- end of dmesg ----"
exit "$status"
