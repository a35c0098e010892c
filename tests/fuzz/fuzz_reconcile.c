// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: what the kernel does with one module's sections at
 * load time, in the shared code (tools/lib/bpf/btf_reconcile.c).
 *
 * Input: a 4-byte little-endian word: bit 31 set means problems go to a
 * btf__reconcile_opts() report callback instead of the log, bits 0-30
 * are a length L; then the .BTF.base_ref section (L bytes, cut to what is
 * there), then the .BTF section (the rest).
 * The base reference is in the compact "BR" form, read as the kernel
 * reads it (fuzz_new_ref_br(): btf_rc_decode() to a plain BTF image and a
 * layout table, btf__new() of the image, the table handed to the
 * reconciliation). A base reference in plain BTF (magic 0xeb9f), which
 * the kernel refuses but libbpf still reads, is parsed with btf__new()
 * and reconciled with layouts built from its members. The split BTF is
 * parsed with fuzz_new_split() on it (libbpf's parser checks what the
 * kernel's btf_parse checks in shared code: header, sections, type
 * records, string offsets), then btf__reconcile() moves it onto a fixed
 * vmlinux BTF ($FUZZ_VMLINUX_BTF, loaded once).
 *
 * Oracles besides the sanitizers: on success the result is split BTF on
 * vmlinux whose raw data parses again; on failure the split BTF is
 * unchanged (same raw bytes) and still on its base reference; a reported
 * problem has a reason and a message, and means failure.
 */
#include "fuzz_common.h"
#include <stdint.h>

static struct btf *vmlinux;
static unsigned int nr_problems;

static void on_problem(const struct btf_reconcile_problem *p, void *ctx)
{
	if (!p->reason || !p->msg || strlen(p->msg) >= 1024)
		FUZZ_BUG("problem without a reason or a message");
	if (p->type_name)
		(void)strlen(p->type_name);
	if (p->member_name)
		(void)strlen(p->member_name);
	nr_problems++;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	libbpf_set_print(fuzz_quiet_print);
	vmlinux = fuzz_load_btf_env("FUZZ_VMLINUX_BTF");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btf *ref, *split;
	const void *raw;
	void *before;
	LIBBPF_OPTS(btf_reconcile_opts, opts, .report = on_problem);
	__u32 sz, before_sz, ref_len;
	bool report;
	int err;

	if (size < 4)
		return 0;
	ref_len = data[0] | data[1] << 8 | data[2] << 16 | (__u32)data[3] << 24;
	report = ref_len >> 31;
	ref_len &= ~(1U << 31);
	data += 4;
	size -= 4;
	if (ref_len > size)
		ref_len = size;

	if (btf_rc_is_br(data, ref_len))
		ref = fuzz_new_ref_br(data, ref_len);
	else
		ref = btf__new(data, ref_len);
	if (!ref)
		return 0;
	split = fuzz_new_split(data + ref_len, size - ref_len, ref);
	if (!split) {
		btf__free(ref);
		return 0;
	}

	raw = btf__raw_data(split, &before_sz);
	if (!raw)
		FUZZ_BUG("btf__raw_data of the parsed split BTF failed");
	before = malloc(before_sz);
	if (!before)
		FUZZ_BUG("out of memory");
	memcpy(before, raw, before_sz);

	nr_problems = 0;
	err = report ? btf__reconcile_opts(split, vmlinux, &opts) :
		       btf__reconcile(split, vmlinux);
	if (nr_problems && !err)
		FUZZ_BUG("%u problems reported, and reconciled", nr_problems);
	if (err == 0) {
		if (btf__base_btf(split) != vmlinux)
			FUZZ_BUG("reconciled split BTF is not on vmlinux");
		if (btf__type_cnt(split) < btf__type_cnt(vmlinux))
			FUZZ_BUG("reconciled split BTF has fewer types than vmlinux");
		fuzz_check_reparse(split, "reconciled");
	} else {
		if (err > 0)
			FUZZ_BUG("btf__reconcile returned %d", err);
		if (btf__base_btf(split) != ref)
			FUZZ_BUG("failed btf__reconcile (%d) changed the base", err);
		raw = btf__raw_data(split, &sz);
		if (!raw || sz != before_sz || memcmp(raw, before, sz))
			FUZZ_BUG("failed btf__reconcile (%d) changed the split BTF", err);
	}
	free(before);
	btf__free(split);
	btf__free(ref);
	return 0;
}
