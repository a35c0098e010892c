// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: what the kernel does with one module's sections at
 * load time, in the shared code (tools/lib/bpf/btf_reconcile.c).
 *
 * Input: a 4-byte little-endian length L, then the .BTF.base_ref section
 * (L bytes, cut to what is there), then the .BTF section (the rest).
 * The base reference is parsed with btf__new(), the split BTF with
 * fuzz_new_split() on it (libbpf's parser checks what the kernel's
 * btf_parse checks in shared code: header, sections, type records, string
 * offsets), then btf__reconcile() moves it onto a fixed vmlinux BTF
 * ($FUZZ_VMLINUX_BTF, loaded once).
 *
 * Oracles besides the sanitizers: on success the result is split BTF on
 * vmlinux whose raw data parses again; on failure the split BTF is
 * unchanged (same raw bytes) and still on its base reference.
 */
#include "fuzz_common.h"
#include <stdint.h>

static struct btf *vmlinux;

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
	__u32 sz, before_sz, ref_len;
	int err;

	if (size < 4)
		return 0;
	ref_len = data[0] | data[1] << 8 | data[2] << 16 | (__u32)data[3] << 24;
	data += 4;
	size -= 4;
	if (ref_len > size)
		ref_len = size;

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

	err = btf__reconcile(split, vmlinux);
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
