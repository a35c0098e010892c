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

die() {
	echo "error: $*" >&2
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
