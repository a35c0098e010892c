// SPDX-License-Identifier: GPL-2.0
/* btfcorpus: where the bytes of base references go; raw dumps (-d). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btfcorpus.h"

enum { STR_UNUSED, STR_TYPE_NAME, STR_MEMBER_NAME_ONLY };

/* Bytes of the member layouts in base reference @ref: 12 per member
 * record plus the strings only member names use. What is left is what a
 * base reference of names and sizes alone (upstream's design) would hold.
 */
static unsigned long long layout_bytes(const struct btf *ref, __u32 str_len)
{
	unsigned long long bytes = 0;
	__u32 id, i, n = btf__type_cnt(ref);
	const struct btf_member *m;
	const struct btf_type *t;
	__u8 *use;

	use = calloc(str_len ? str_len : 1, 1);
	if (!use)
		return 0;
	for (id = 1; id < n; id++) {
		t = btf__type_by_id(ref, id);
		if (t->name_off < str_len)
			use[t->name_off] = STR_TYPE_NAME;
	}
	for (id = 1; id < n; id++) {
		t = btf__type_by_id(ref, id);
		if (!btf_is_composite(t))
			continue;
		bytes += (unsigned long long)btf_vlen(t) * sizeof(*m);
		for (i = 0, m = btf_members(t); i < btf_vlen(t); i++, m++)
			if (m->name_off && m->name_off < str_len &&
			    use[m->name_off] == STR_UNUSED)
				use[m->name_off] = STR_MEMBER_NAME_ONLY;
	}
	for (i = 0; i < str_len; i++)
		if (use[i] == STR_MEMBER_NAME_ONLY)
			bytes += strlen(btf__str_by_offset(ref, i)) + 1;
	free(use);
	return bytes;
}

/* where base reference bytes go: entries, recorded members, strings */
void ref_stats(struct pair *pr, const struct btf *ref)
{
	const struct btf_header *hdr;
	const struct btf_type *t;
	__u32 id, n = btf__type_cnt(ref), sz;

	for (id = 1; id < n; id++) {
		t = btf__type_by_id(ref, id);
		pr->ref_types++;
		if (btf_is_composite(t))
			pr->ref_members += btf_vlen(t);
	}
	hdr = btf__raw_data(ref, &sz);
	if (hdr && sz >= sizeof(*hdr)) {
		pr->ref_str_bytes += hdr->str_len;
		pr->ref_layout_bytes += layout_bytes(ref, hdr->str_len);
	}
}

static void dump_one(const char *dir, const char *rel, const char *ext,
		     const struct btf *btf)
{
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	char path[PATH_MAX];
	const void *data;
	__u32 sz;
	FILE *f;

	data = btf__raw_data(btf, &sz);
	snprintf(path, sizeof(path), "%s/%s%s", dir, base, ext);
	f = fopen(path, "w");
	if (!data || !f || fwrite(data, 1, sz, f) != sz) {
		fprintf(stderr, "btfcorpus: cannot write %s\n", path);
		exit(2);
	}
	if (fclose(f)) {
		fprintf(stderr, "btfcorpus: cannot write %s\n", path);
		exit(2);
	}
}

/* -d DIR: keep the raw sections, for bpftool btf dump */
void dump_raw(const char *dir, const char *rel, const struct btf *ref,
		     const struct btf *split)
{
	dump_one(dir, rel, ".base_ref", ref);
	dump_one(dir, rel, ".split", split);
}
