# SPDX-License-Identifier: GPL-2.0
#
# One out-of-tree test_progs build, included by tests/libbpf/Makefile and
# tests/e2e/Makefile: the selftests of KDIR listed in TESTS, with the BPF
# programs of BPF_PROGS (skeletons) and BPF_LSKELS (light skeletons),
# linked with the harness' libbpf (scripts/libbpf.mk, build/libbpf). BPF
# objects, skeletons and vmlinux.h (from VMLINUX) are made with the
# bootstrap bpftool of build/bpftool. Nothing is written inside KDIR:
# everything else goes to O.
#
# The including Makefile sets TOP, and may set before the include:
#   TESTS        test_progs tests linked in (file names under prog_tests/)
#   BPF_PROGS    BPF programs (progs/<name>.c) made into .skel.h
#   BPF_LSKELS   those of them also made into .lskel.h
#   TP_LDFLAGS   link flags (e.g. -static), TP_LDLIBS extra libraries
# and gets the targets all, libbpf, bpftool, skels, clean and print-TESTS.

KDIR ?= $(TOP)/build/linux
VMLINUX ?= $(TOP)/build/kernel-a/vmlinux
BPFTOOL_OUT ?= $(TOP)/build/bpftool
override KDIR := $(abspath $(KDIR))
override O := $(abspath $(O))
override VMLINUX := $(abspath $(VMLINUX))
override BPFTOOL_OUT := $(abspath $(BPFTOOL_OUT))

LIBBPF_SRC := $(KDIR)
include $(TOP)/scripts/libbpf.mk

SELFTESTS := $(KDIR)/tools/testing/selftests/bpf
BPFTOOL_SRC := $(KDIR)/tools/bpf/bpftool
BPFTOOL := $(BPFTOOL_OUT)/bootstrap/bpftool
INC := $(O)/include
GEN := $(O)/gen
OBJ := $(O)/obj

CC ?= gcc
CLANG ?= clang

# As the selftests Makefile: BPF_CFLAGS, CLANG_CFLAGS, CLANG_BPF_BUILD_RULE
# (test_progs flavour: -mcpu=v3, -DENABLE_ATOMICS_TESTS). -I$(SELFTESTS)/progs
# lets "../bpf_testmod/bpf_testmod.h" resolve for progs that live here.
CLANG_SYS_INCLUDES = $(shell $(CLANG) -v -E - </dev/null 2>&1 \
	| sed -n '/<...> search starts here:/,/End of search list./{ s| \(/.*\)|-idirafter \1|p }')
BPF_CFLAGS = -g -Werror -D__TARGET_ARCH_x86 -mlittle-endian \
	      -I$(INC) -I$(LIBBPF_INC) -I$(SELFTESTS) -I$(SELFTESTS)/progs \
	      -I$(KDIR)/tools/include/uapi \
	      $(CLANG_SYS_INCLUDES) -Wno-compare-distinct-pointer-types \
	      -DENABLE_ATOMICS_TESTS

# As the selftests Makefile for test_progs.
CFLAGS := -g -O0 -Wall -Werror -Wno-unused-function \
	  -I$(GEN) -I$(LIBBPF_INC) -I$(SELFTESTS) \
	  -I$(KDIR)/tools/include -I$(KDIR)/tools/include/uapi \
	  -I$(KDIR)/tools/lib
LDLIBS := -lelf -lz -lrt -lpthread $(TP_LDLIBS)

HELPERS := test_progs.c cgroup_helpers.c trace_helpers.c \
	   network_helpers.c testing_helpers.c btf_helpers.c cap_helpers.c
HELPER_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(HELPERS))
TEST_OBJS := $(patsubst %,$(OBJ)/prog_tests/%.o,$(TESTS))
BPF_OBJS := $(patsubst %,$(GEN)/%.bpf.o,$(BPF_PROGS))
SKELS := $(patsubst %,$(GEN)/%.skel.h,$(BPF_PROGS)) \
	 $(patsubst %,$(GEN)/%.lskel.h,$(BPF_LSKELS))

vpath %.c $(SELFTESTS)

.PHONY: all clean libbpf bpftool skels print-TESTS FORCE
.DELETE_ON_ERROR:
.SECONDARY:
all: $(O)/test_progs

libbpf: $(LIBBPF_A)
bpftool: $(BPFTOOL)
skels: $(SKELS)
print-TESTS:
	@echo $(TESTS)

$(O) $(OBJ)/prog_tests $(GEN)/prog_tests $(INC):
	mkdir -p $@

# The bootstrap bpftool (enough for 'btf dump', 'gen object' and 'gen
# skeleton [-L]') of build/bpftool, with build/libbpf; made if missing.
$(BPFTOOL): | $(LIBBPF_A)
	$(MAKE) -s -C $(BPFTOOL_SRC) OUTPUT=$(BPFTOOL_OUT)/ \
		LIBBPF_OUTPUT=$(LIBBPF_OUT)/ LIBBPF_BOOTSTRAP_OUTPUT=$(LIBBPF_OUT)/ bootstrap

$(INC)/vmlinux.h: $(VMLINUX) $(BPFTOOL) | $(INC)
	$(BPFTOOL) btf dump file $(VMLINUX) format c > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

# BPF objects, then skeletons the way the selftests Makefile makes them:
# linked through 'bpftool gen object' first.
$(GEN)/%.bpf.o: progs/%.c $(INC)/vmlinux.h $(LIBBPF_A) | $(GEN)/prog_tests
	$(CLANG) $(BPF_CFLAGS) -O2 -target bpf -c $< -mcpu=v3 -o $@

$(GEN)/%.skel.h: $(GEN)/%.bpf.o $(BPFTOOL)
	$(BPFTOOL) gen object $(<:.o=.linked1.o) $<
	$(BPFTOOL) gen object $(<:.o=.linked2.o) $(<:.o=.linked1.o)
	$(BPFTOOL) gen object $(<:.o=.linked3.o) $(<:.o=.linked2.o)
	diff $(<:.o=.linked2.o) $(<:.o=.linked3.o)
	$(BPFTOOL) gen skeleton $(<:.o=.linked3.o) name $(notdir $(<:.bpf.o=)) > $@

$(GEN)/%.lskel.h: $(GEN)/%.bpf.o $(BPFTOOL)
	$(BPFTOOL) gen object $(<:.o=.llinked1.o) $<
	$(BPFTOOL) gen object $(<:.o=.llinked2.o) $(<:.o=.llinked1.o)
	$(BPFTOOL) gen object $(<:.o=.llinked3.o) $(<:.o=.llinked2.o)
	diff $(<:.o=.llinked2.o) $(<:.o=.llinked3.o)
	$(BPFTOOL) gen skeleton -L $(<:.o=.llinked3.o) name $(notdir $(<:.bpf.o=_lskel)) > $@

$(GEN)/prog_tests/tests.h: FORCE | $(GEN)/prog_tests
	@{ echo '/* Generated header, do not edit */'; \
	   for t in $(TESTS); do \
		f=$(SELFTESTS)/prog_tests/$$t.c; \
		sed -n -E 's/^void (serial_)?test_([a-zA-Z0-9_]+)\((void)?\).*/DEFINE_TEST(\2)/p' $$f; \
	   done | sort; } > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(OBJ)/%.o: %.c $(GEN)/prog_tests/tests.h $(SKELS) $(LIBBPF_A) | $(OBJ)/prog_tests
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

-include $(HELPER_OBJS:.o=.d) $(TEST_OBJS:.o=.d)

$(O)/test_progs: $(HELPER_OBJS) $(TEST_OBJS) $(LIBBPF_A)
	$(CC) $(TP_LDFLAGS) -o $@ $(HELPER_OBJS) $(TEST_OBJS) $(LIBBPF_A) $(LDLIBS)

clean:
	rm -rf $(O)
