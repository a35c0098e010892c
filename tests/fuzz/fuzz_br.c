// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: btf_rc_decode() (tools/lib/bpf/btf_reconcile.c, also
 * compiled into the kernel, where it reads a module's .BTF.base_ref
 * section: untrusted bytes) on any input, as one whole section.
 *
 * Oracles besides the sanitizers, when the input decodes:
 * - the layout table is within bounds (fuzz_check_layouts(): starts and
 *   counts inside the member array, member types in 1..nr_types, bit
 *   offsets in order) and the image is a BTF header with the input's
 *   string table at its end (unpacked here: br_strings());
 * - if btf__new() parses the image: nr_types + 1 types, layouts only on
 *   STRUCT/UNION without members and inside their size
 *   (fuzz_check_layout_types()), and btf__base_ref_raw_data() of that
 *   ref with the table gives back the input bytes (one spelling per
 *   section: every varint minimal, no trailing bytes);
 * - the input without its last byte and the input with one more byte are
 *   refused (the format has no length field to hide slack in).
 */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	libbpf_set_print(fuzz_quiet_print);
	return 0;
}

static bool decodes(const void *data, size_t len)
{
	struct btf_rc_layouts lay;
	__u32 img_len;
	void *img;

	if (btf_rc_decode(data, len, &img, &img_len, &lay))
		return false;
	free(img);
	btf_rc_layouts_free(&lay);
	return true;
}

/* A varint of BR data that decoded (minimal, so at most 5 bytes). */
static __u32 br_varint(const uint8_t *data, size_t len, size_t *i)
{
	__u32 v = 0;
	int k;

	for (k = 0; k < 5 && *i < len; k++) {
		v |= (__u32)(data[*i] & 0x7f) << (7 * k);
		if (!(data[(*i)++] & 0x80))
			return v;
	}
	FUZZ_BUG("decoded input has a bad varint at byte %zu", *i);
}

/* The next @nr (at most 8) bits of the bit stream at data[*@i...],
 * lowest first; *@acc holds the *@bits bits read and not used yet.
 */
static __u32 br_bits(const uint8_t *data, size_t len, size_t *i, __u32 *acc,
		     __u32 *bits, __u32 nr)
{
	__u32 v;

	if (*bits < nr) {
		if (*i >= len)
			FUZZ_BUG("decoded input: string table past the end");
		*acc |= (__u32)data[(*i)++] << *bits;
		*bits += 8;
	}
	v = *acc & ((1U << nr) - 1);
	*acc >>= nr;
	*bits -= nr;
	return v;
}

/* The string table of BR data that decoded, unpacked here, not with the
 * decoder's code: after the magic, the version, nr_types and str_len, a
 * bit stream of 5-bit codes, 0 NUL, 1-26 'a'-'z', 27 '_', 28 ' ', 31
 * followed by the 8 bits of the byte. Returns the str_len bytes
 * (malloc()ed) and sets *@sl.
 */
static char *br_strings(const uint8_t *data, size_t len, __u32 *sl)
{
	static const char chars[] = "\0abcdefghijklmnopqrstuvwxyz_ ";
	__u32 acc = 0, bits = 0, k, code;
	size_t i = 3;
	char *out;

	br_varint(data, len, &i);
	*sl = br_varint(data, len, &i);
	out = malloc(*sl ?: 1);
	if (!out)
		FUZZ_BUG("out of memory");
	for (k = 0; k < *sl; k++) {
		code = br_bits(data, len, &i, &acc, &bits, 5);
		if (code == 31)
			out[k] = br_bits(data, len, &i, &acc, &bits, 8);
		else if (code < sizeof(chars) - 1)
			out[k] = chars[code];
		else
			FUZZ_BUG("decoded input: character code %u", code);
	}
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const struct btf_header *hdr;
	struct btf_rc_layouts *lay;
	__u32 img_len, again_len, sl;
	char *strs;
	void *img, *again;
	uint8_t *longer;
	struct btf *btf;
	int err;

	if (len > 1 << 20)
		return 0;
	lay = calloc(1, sizeof(*lay));
	if (!lay)
		FUZZ_BUG("out of memory");
	err = btf_rc_decode(data, len, &img, &img_len, lay);
	if (err) {
		if (err != -EINVAL && err != -E2BIG && err != -ENOMEM)
			FUZZ_BUG("btf_rc_decode: error %d", err);
		if (img || lay->start || lay->cnt || lay->m)
			FUZZ_BUG("btf_rc_decode failed (%d) but left an output", err);
		free(lay);
		return 0;
	}
	fuzz_check_layouts(lay, len);
	hdr = img;
	strs = br_strings(data, len, &sl);
	if (img_len < sizeof(*hdr) || hdr->magic != BTF_MAGIC ||
	    hdr->version != BTF_VERSION || hdr->hdr_len != sizeof(*hdr) ||
	    hdr->type_off || hdr->str_off != hdr->type_len ||
	    (__u64)sizeof(*hdr) + hdr->type_len + hdr->str_len != img_len ||
	    hdr->str_len != sl ||
	    memcmp((const char *)img + img_len - hdr->str_len, strs, hdr->str_len))
		FUZZ_BUG("btf_rc_decode: image of %u bytes: bad header or strings", img_len);
	free(strs);

	/* a prefix or one byte more must be refused */
	if (decodes(data, len - 1))
		FUZZ_BUG("btf_rc_decode accepts the input without its last byte");
	longer = malloc(len + 1);
	if (!longer)
		FUZZ_BUG("out of memory");
	memcpy(longer, data, len);
	longer[len] = 0;
	if (decodes(longer, len + 1))
		FUZZ_BUG("btf_rc_decode accepts the input with one more byte");
	free(longer);

	btf = btf__new(img, img_len);
	free(img);
	if (!btf) {
		btf_rc_layouts_free(lay);
		free(lay);
		return 0;
	}
	if (btf__type_cnt(btf) != lay->nr_types + 1)
		FUZZ_BUG("decoded: %u types, layouts for %u",
			 btf__type_cnt(btf) - 1, lay->nr_types);
	fuzz_check_layout_types(btf, lay);
	btf_rc_set_layouts(btf, lay);
	again = NULL;
	err = btf__base_ref_raw_data(btf, &again, &again_len);
	if (err)
		FUZZ_BUG("btf__base_ref_raw_data of a decoded base reference: %d", err);
	if (again_len != len || memcmp(again, data, len))
		FUZZ_BUG("re-encoding gives %u bytes, not the %zu of the input%s",
			 again_len, len, again_len == len ? " (they differ)" : "");
	free(again);
	btf__free(btf);
	return 0;
}
