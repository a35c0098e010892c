# Harness for the .BTF.base_ref patch series on Debian's linux-source-6.1.
# 'make' builds and shows the series at work; 'make check' runs every test.
# Run 'make help' for the list of targets.

SHELL := /bin/bash
.DEFAULT_GOAL := all
S := scripts

.PHONY: all check deps tree export kernel testmod bpftool demo corpus fuzz apply clean distclean help

all: deps tree kernel testmod bpftool demo ## the main job: install, apply, build, boot B with a module built for A, show

check: ## run every test tier, or TIER="vm-kernel ..." (tests/run-check --help); ends with "N passed, N failed"
	@tests/run-check $(TIER)

deps: ## install the Debian packages the harness needs (no-op if present)
	@$(S)/install-deps

tree: deps ## fetch the pinned source; apply patches/series to build/linux (FORCE=1 to reset)
	@$(S)/apply-series

export: ## write build/linux's commits since 'pristine' to patches/
	@$(S)/export-series

kernel: tree ## build kernels A and B in build/kernel-{a,b} (incremental)
	@$(S)/build-kernel a
	@$(S)/build-kernel b

testmod: ## build bpf_testmod out of tree against kernel A
	@$(S)/build-testmod a

bpftool: tree ## build the series' bpftool in build/bpftool (with build/libbpf)
	@$(S)/need bpftool

demo: ## boot kernel B with bpf_testmod built against A in QEMU; show the reconciled BTF
	@$(S)/demo

corpus: tree ## Debian 6.1 kernels' modules reconciled across versions: build/corpus/report.md
	@LIBBPF_SRC=$(CURDIR)/build/linux corpus/run

fuzz: deps tree ## libFuzzer targets under ASan+UBSan, ~10M executions (FUZZ_SECONDS=, FUZZ_RUNS= per target)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) tests/fuzz/run fuzz

apply: ## apply the series to your own tree: make apply KDIR=/path/to/linux-6.1
	@$(S)/apply-to KDIR="$(KDIR)"

clean: ## remove build outputs, keep the downloaded source and build/linux
	rm -rf build/kernel-* build/testmod-* build/fuzz build/check build/demo build/vm build/test_progs_min build/bpftool build/tools build/headers-a \
		build/libbpf build/extmod-* build/e2e

distclean: ## remove build/ entirely (build/linux too: export first!)
	rm -rf build

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk -F':.*## ' '{ printf "  make %-10s %s\n", $$1, $$2 }'
