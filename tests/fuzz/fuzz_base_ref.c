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
 * The section a module carries is btf__base_ref_raw_data() of the new
 * base reference (compact "BR" form): it must decode (btf_rc_decode())
 * to exactly btf__raw_data() of the reference and to its layout table,
 * re-encode byte for byte, and the split BTF read on the decoded
 * reference (what the kernel does at load time) must reconcile onto the
 * base with the same result as on the generated one, byte for byte.
 */
#include "fuzz_common.h"
#include <stdint.h>

static struct btf *base;

static void check_same_layouts(const struct btf_rc_layouts *a,
			       const struct btf_rc_layouts *b)
{
	__u32 i, j;

	if (a->nr_types != b->nr_types || a->nr_members != b->nr_members)
		FUZZ_BUG("BR: decoded layouts of %u types, %u members; generated %u, %u",
			 b->nr_types, b->nr_members, a->nr_types, a->nr_members);
	for (i = 0; i <= a->nr_types; i++) {
		if (a->cnt[i] != b->cnt[i])
			FUZZ_BUG("BR: type %u: %u members decoded, %u generated",
				 i, b->cnt[i], a->cnt[i]);
		for (j = 0; j < a->cnt[i]; j++) {
			const struct btf_rc_layout_member *x = &a->m[a->start[i] + j];
			const struct btf_rc_layout_member *y = &b->m[b->start[i] + j];

			if (x->type_id != y->type_id || x->bit_off != y->bit_off ||
			    x->hash != y->hash || x->bitfield_sz != y->bitfield_sz)
				FUZZ_BUG("BR: type %u member %u differs after decoding", i, j);
		}
	}
}

/*
 * The BR section of generated base reference @ref with split BTF @split
 * on it: decodes to @ref, re-encodes to itself; returns the split BTF
 * re-read on the decoded reference.
 */
static struct btf *check_br(const struct btf *ref, const struct btf *split)
{
	const struct btf_rc_layouts *lay, *dlay;
	void *br, *again;
	__u32 br_len, again_len, sz, raw_sz;
	const void *raw;
	struct btf *dref, *dsplit;
	int err;

	err = btf__base_ref_raw_data(ref, &br, &br_len);
	if (err)
		FUZZ_BUG("btf__base_ref_raw_data of a new base reference: %d", err);
	dref = fuzz_new_ref_br(br, br_len);
	if (!dref)
		FUZZ_BUG("BR section of a new base reference (%u bytes) is refused", br_len);
	raw = btf__raw_data(ref, &raw_sz);
	if (!raw)
		FUZZ_BUG("btf__raw_data of the base reference failed");
	{
		const void *draw = btf__raw_data(dref, &sz);

		if (!draw || sz != raw_sz || memcmp(draw, raw, sz))
			FUZZ_BUG("BR: decoded base reference is not the generated one (%u, %u bytes)",
				 sz, raw_sz);
	}
	lay = btf_rc_layouts_of(ref);
	dlay = btf_rc_layouts_of(dref);
	if (lay)
		check_same_layouts(lay, dlay);
	err = btf__base_ref_raw_data(dref, &again, &again_len);
	if (err)
		FUZZ_BUG("btf__base_ref_raw_data of a decoded base reference: %d", err);
	if (again_len != br_len || memcmp(again, br, br_len))
		FUZZ_BUG("BR: re-encoding gives %u bytes, not the same %u", again_len, br_len);
	free(again);
	free(br);

	raw = btf__raw_data(split, &sz);
	if (!raw)
		FUZZ_BUG("btf__raw_data of the new split BTF failed");
	dsplit = fuzz_new_split(raw, sz, dref);
	if (!dsplit)
		FUZZ_BUG("new split BTF does not parse on the decoded base reference: %d", -errno);
	return dsplit;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	libbpf_set_print(fuzz_quiet_print);
	base = fuzz_load_btf_env("FUZZ_BASE_BTF");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btf *src, *ref = NULL, *split = NULL, *dref, *dsplit;
	const void *raw;
	__u32 sz;
	int err, derr;

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

	dsplit = check_br(ref, split);
	dref = (struct btf *)btf__base_btf(dsplit);

	err = btf__reconcile(split, base);
	if (err && getenv("FUZZ_STRICT_ROUNDTRIP"))
		FUZZ_BUG("reconciling the new split BTF back onto its own base failed: %d", err);
	if (!err)
		fuzz_check_reparse(split, "reconciled back");
	derr = btf__reconcile(dsplit, base);
	if (derr != err)
		FUZZ_BUG("reconciling back: %d from the generated base reference, %d from its BR section",
			 err, derr);
	if (!err) {
		const void *a, *b;
		__u32 a_sz, b_sz;

		a = btf__raw_data(split, &a_sz);
		b = btf__raw_data(dsplit, &b_sz);
		if (!a || !b || a_sz != b_sz || memcmp(a, b, a_sz))
			FUZZ_BUG("reconciled back: different split BTF from the BR section");
	}
	btf__free(dsplit);
	btf__free(dref);
	btf__free(split);
	btf__free(ref);
	btf__free(src);
	return 0;
}
