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
 *   string table at its end;
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

/* Where the string table starts in BR data that decoded: after the
 * magic, the version and two varints (nr_types, str_len).
 */
static const uint8_t *str_table(const uint8_t *data, size_t len)
{
	size_t i = 3;
	int n;

	for (n = 0; n < 2; n++) {
		while (i < len && (data[i] & 0x80))
			i++;
		i++;
	}
	if (i > len)
		FUZZ_BUG("decoded input has no string table");
	return data + i;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const struct btf_header *hdr;
	const uint8_t *strs;
	struct btf_rc_layouts *lay;
	__u32 img_len, again_len;
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
	strs = str_table(data, len);
	if (img_len < sizeof(*hdr) || hdr->magic != BTF_MAGIC ||
	    hdr->version != BTF_VERSION || hdr->hdr_len != sizeof(*hdr) ||
	    hdr->type_off || hdr->str_off != hdr->type_len ||
	    (__u64)sizeof(*hdr) + hdr->type_len + hdr->str_len != img_len ||
	    hdr->str_len > len - (strs - data) ||
	    memcmp((const char *)img + img_len - hdr->str_len, strs, hdr->str_len))
		FUZZ_BUG("btf_rc_decode: image of %u bytes: bad header or strings", img_len);

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
