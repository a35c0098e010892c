// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: base reference generation, as resolve_btfids runs it
 * on build inputs. The input is split BTF on a fixed base
 * ($FUZZ_BASE_BTF, raw BTF loaded once): fuzz_new_split() on it, then
 * btf__new_split_base_ref(). On success both outputs must write out raw
 * data that parses again, and the new split BTF is reconciled back onto
 * the base it was made from, which must succeed: a module always matches
 * the vmlinux it was built against (when it does not, set
 * FUZZ_STRICT_ROUNDTRIP to treat that as a bug).
 */
#include "fuzz_common.h"
#include <stdint.h>

static struct btf *base;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	libbpf_set_print(fuzz_quiet_print);
	base = fuzz_load_btf_env("FUZZ_BASE_BTF");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btf *src, *ref = NULL, *split = NULL;
	const void *raw;
	__u32 sz;
	int err;

	src = fuzz_new_split(data, size, base);
	if (!src)
		return 0;
	err = btf__new_split_base_ref(src, &ref, &split);
	if (err) {
		if (err > 0)
			FUZZ_BUG("btf__new_split_base_ref returned %d", err);
		if (ref || split)
			FUZZ_BUG("btf__new_split_base_ref failed (%d) but set an output", err);
		btf__free(src);
		return 0;
	}
	if (!ref || !split || btf__base_btf(split) != ref || btf__base_btf(ref))
		FUZZ_BUG("btf__new_split_base_ref: outputs not base reference + split on it");
	raw = btf__raw_data(ref, &sz);
	if (!raw)
		FUZZ_BUG("btf__raw_data of the base reference failed");
	{
		struct btf *again = btf__new(raw, sz);

		if (!again)
			FUZZ_BUG("base reference does not parse again: %d", -errno);
		btf__free(again);
	}
	fuzz_check_reparse(split, "new split");
	if (btf__type_cnt(split) - btf__type_cnt(ref) < btf__type_cnt(src) - btf__type_cnt(base))
		FUZZ_BUG("new split BTF lost types: %u from %u",
			 btf__type_cnt(split) - btf__type_cnt(ref),
			 btf__type_cnt(src) - btf__type_cnt(base));

	err = btf__reconcile(split, base);
	if (err && getenv("FUZZ_STRICT_ROUNDTRIP"))
		FUZZ_BUG("reconciling the new split BTF back onto its own base failed: %d", err);
	if (!err)
		fuzz_check_reparse(split, "reconciled back");
	btf__free(split);
	btf__free(ref);
	btf__free(src);
	return 0;
}
