# The harness' one libbpf, for Makefiles that link it (include this file
# after setting TOP to the repository root):
#   LIBBPF_OUT   where it is built (default build/libbpf): libbpf.a and
#                include/bpf/*.h, as need_libbpf in scripts/lib.sh
#   LIBBPF_SRC   kernel tree it is built from (default build/linux)
# gives LIBBPF_A and LIBBPF_INC, and a rule that builds it with the
# command need_libbpf uses, so that a lone 'make -C <dir>' works too.
LIBBPF_OUT ?= $(TOP)/build/libbpf
LIBBPF_SRC ?= $(TOP)/build/linux
override LIBBPF_OUT := $(abspath $(LIBBPF_OUT))
LIBBPF_A := $(LIBBPF_OUT)/libbpf.a
LIBBPF_INC := $(LIBBPF_OUT)/include
LIBBPF_DIR := $(abspath $(LIBBPF_SRC))/tools/lib/bpf

$(LIBBPF_A): $(wildcard $(LIBBPF_DIR)/*.[ch] $(LIBBPF_DIR)/Makefile)
	@test -f $(LIBBPF_DIR)/btf.h || { echo "no libbpf in $(LIBBPF_DIR); run 'make tree'" >&2; exit 1; }
	@mkdir -p $(LIBBPF_OUT)
	$(MAKE) -s -C $(LIBBPF_DIR) OUTPUT=$(LIBBPF_OUT)/ DESTDIR=$(LIBBPF_OUT) prefix= \
		EXTRA_CFLAGS="-g -O2" $(LIBBPF_A) install_headers

# Not the includer's default goal.
ifeq ($(.DEFAULT_GOAL),$(LIBBPF_A))
.DEFAULT_GOAL :=
endif
