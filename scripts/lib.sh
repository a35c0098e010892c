# shellcheck shell=bash
# Common settings and helpers for the harness scripts. Sourced, not run.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
LINUX=$BUILD/linux
PATCHES=$TOP/patches

# The pinned kernel base: Debian's linux-source-6.1 package.
KSRC_PKG=linux-source-6.1
KSRC_VERSION=6.1.192-2
KSRC_TARBALL_SHA256=4d415b3d364834fd818270e88813e90323bbfce4f519a0e6bd4940ddcd7df693

# Identity used for commits in build/linux: the project, not a person.
GIT_NAME="BTF base reference project"
GIT_EMAIL="btf-base-ref@project.invalid"

JOBS=${JOBS:-3}

# die MESSAGE: stop the script with "<script>: error: MESSAGE".
die() {
	echo "${0#"$TOP"/}: error: $*" >&2
	exit 1
}

# has_section FILE NAME: the ELF file FILE has a section NAME.
# Not "readelf | grep -q": under pipefail, grep stopping at the first match
# can kill readelf with SIGPIPE and make the pipeline fail at random.
has_section() {
	local headers
	headers=$(readelf -S -W "$1") || return 1
	grep -qF " $2 " <<<"$headers"
}

step() {
	printf '==> %s\n' "$*"
}

# Run a long command with its output in a log; print a progress line
# every 30 seconds and the log's tail if it fails.
run_logged() {
	local log=$1 what=$2
	shift 2
	local start=$SECONDS last=$SECONDS rc=0 pid
	mkdir -p "$(dirname "$log")"
	step "$what (log: ${log#"$TOP"/})"
	"$@" >"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		if ((SECONDS - last >= 30)); then
			last=$SECONDS
			printf '    ... %s: %ds\n' "$what" $((SECONDS - start))
		fi
	done
	wait "$pid" || rc=$?
	if ((rc != 0)); then
		echo "error: $what failed (exit $rc); last lines of $log:" >&2
		tail -n 25 "$log" >&2
		return "$rc"
	fi
	printf '    done in %ds\n' $((SECONDS - start))
}

# The test runners' results: one line "PASS: NAME" or "FAIL: NAME (WHY)"
# per test (tests/run-check's run_suite counts them), then finish: exit
# status 1 if anything failed.
FAILS=0
pass() {
	echo "PASS: $1"
}
fail() {
	echo "FAIL: $1${2:+ ($2)}"
	FAILS=$((FAILS + 1))
}
finish() {
	local what=${1:-${0#"$TOP"/}}
	if ((FAILS)); then
		echo "$what: $FAILS failed"
		exit 1
	fi
	echo "$what: all passed"
	exit 0
}

# need_libbpf: the one libbpf of the harness, from build/linux, static,
# in $BUILD/libbpf (libbpf.a, headers in include/bpf). Incremental:
# libbpf's Makefile tracks its sources. Makefiles take it as LIBBPF_OUT
# (scripts/libbpf.mk) and build it the same way when it is missing. The
# fuzz targets (tests/fuzz) compile libbpf with the sanitizers and
# libFuzzer's coverage instead: the one other build.
need_libbpf() {
	[ -f "$LINUX/tools/lib/bpf/btf.h" ] || die "no libbpf in build/linux; run 'make tree' first"
	mkdir -p "$BUILD/libbpf" &&
		run_logged "$BUILD/libbpf/build.log" "libbpf (build/libbpf)" \
		make -C "$LINUX/tools/lib/bpf" -j"$JOBS" OUTPUT="$BUILD/libbpf/" \
		DESTDIR="$BUILD/libbpf" prefix= EXTRA_CFLAGS="-g -O2" \
		"$BUILD/libbpf/libbpf.a" install_headers
}

# need THING...: build under build/ what a test tier needs and is missing
# or out of date, with a progress line; a tier asks for its inputs this
# way, never reads another tier's logs. THING is one of
#   kernel-a kernel-b kernel-san   scripts/build-kernel (only if missing)
#   testmod-a testmod-a-classic testmod-san testmod-san-classic
#                                  bpf_testmod (scripts/build-testmod)
#   extmod-a extmod-san            tests/extmod (btf_sample.ko) for A/san
#   libbpf                         build/libbpf (need_libbpf)
#   tools                          build/tools (tests/tools)
#   bpftool                        build/bpftool: bpftool and bootstrap/bpftool
#   e2e                            build/e2e/test_progs (tests/e2e)
# A missing input stops the script (die); needs is the same in a
# subshell, for a caller that must go on (tests/run-check: run_test NAME
# needs THING...).
needs() {
	(need "$@")
}
need() {
	local thing k
	for thing; do
		case $thing in
		kernel-a | kernel-b | kernel-san)
			k=${thing#kernel-}
			[ -f "$BUILD/$thing/vmlinux" ] && [ -f "$BUILD/$thing/arch/x86/boot/bzImage" ] ||
				"$TOP/scripts/build-kernel" "$k" || die "kernel $k does not build"
			;;
		testmod-*)
			k=${thing#testmod-}
			local classic=0
			[ "${k%-classic}" = "$k" ] || classic=1
			k=${k%-classic}
			need "kernel-$k" || return 1
			if [ ! -f "$BUILD/$thing/bpf_testmod.ko" ] ||
				[ "$BUILD/kernel-$k/vmlinux" -nt "$BUILD/$thing/bpf_testmod.ko" ]; then
				CLASSIC=$classic "$TOP/scripts/build-testmod" "$k" || die "build/$thing does not build"
			fi
			;;
		extmod-*)
			k=${thing#extmod-}
			need "kernel-$k" || return 1
			local d=$BUILD/$thing
			if [ ! -f "$d/btf_sample.ko" ] || [ "$BUILD/kernel-$k/vmlinux" -nt "$d/btf_sample.ko" ] ||
				[ "$TOP/tests/extmod/btf_sample.c" -nt "$d/btf_sample.ko" ]; then
				rm -rf "$d"
				mkdir -p "$d"
				cp "$TOP"/tests/extmod/* "$d"/
				run_logged "$d/build.log" "btf_sample against kernel $k (build/$thing)" \
					make -C "$BUILD/kernel-$k" M="$d" -j"$JOBS" modules || die "build/$thing does not build"
				has_section "$d/btf_sample.ko" .BTF.base_ref ||
					die "$d/btf_sample.ko has no .BTF.base_ref"
			fi
			;;
		libbpf) need_libbpf || die "build/libbpf does not build" ;;
		tools)
			need libbpf || return 1
			run_logged "$BUILD/tools/build.log" "host test tools (build/tools)" \
				make -C "$TOP/tests/tools" KDIR="$LINUX" O="$BUILD/tools" LIBBPF_OUT="$BUILD/libbpf" ||
				die "build/tools does not build"
			;;
		bpftool)
			need libbpf || return 1
			# bpftool and its bootstrap build (the one e2e makes its
			# skeletons with) both link build/libbpf.
			mkdir -p "$BUILD/bpftool"
			run_logged "$BUILD/bpftool/build.log" "bpftool (build/bpftool)" \
				make -C "$LINUX/tools/bpf/bpftool" -j"$JOBS" OUTPUT="$BUILD/bpftool/" \
				LIBBPF_OUTPUT="$BUILD/libbpf/" LIBBPF_BOOTSTRAP_OUTPUT="$BUILD/libbpf/" \
				all bootstrap || die "build/bpftool does not build"
			;;
		e2e)
			need bpftool kernel-a || return 1
			mkdir -p "$BUILD/e2e"
			run_logged "$BUILD/e2e/build.log" "e2e test_progs (build/e2e)" \
				make -C "$TOP/tests/e2e" O="$BUILD/e2e" -j"$JOBS" || die "build/e2e does not build"
			;;
		*) die "need: unknown input '$thing'" ;;
		esac
	done
}
