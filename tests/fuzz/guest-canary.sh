#!/bin/sh
# Guest side of the sanitizer negative controls: load san_canary with the
# mode named in /root/mode; scripts/vm-run must fail on the report.
. /root/guest-lib.sh
insmod /root/san_canary.ko mode=$(cat /root/mode)
exit 0
