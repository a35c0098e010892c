// SPDX-License-Identifier: GPL-2.0
/* btfcorpus: where the bytes of base references go; raw dumps (-d). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btfcorpus.h"
#include "btf_reconcile.h"	/* libbpf-internal: btf_rc_decode() */

const char ref_format[] = "BR v1";

/*
 * The .BTF.base_ref section of @ref as a module carries it: the compact
 * form, written with btf__base_ref_raw_data() as resolve_btfids does
 * (btf__raw_data() of @ref would drop its layouts).
 */
int ref_section(const struct btf *ref, void **data, __u32 *sz)
{
	return btf__base_ref_raw_data(ref, data, sz);
}

/*
 * BR: the layouts are not members of @ref but part of the section: count
 * the recorded members by decoding it (btf_rc_decode(), the kernel's
 * decoder), and their bytes as what the section loses without them (the
 * same entries encoded with no layout table).
 */
static int br_layouts(const struct btf *ref, unsigned long long *members,
		      unsigned long long *bytes)
{
	struct btf_rc_layouts lay;
	void *sec = NULL, *bare = NULL, *img = NULL;
	__u32 sec_sz, bare_sz, img_sz, raw_sz;
	const void *raw;
	struct btf *entries = NULL;
	int err;

	err = btf__base_ref_raw_data(ref, &sec, &sec_sz);
	if (err)
		return err;
	err = btf_rc_decode(sec, sec_sz, &img, &img_sz, &lay);
	if (err)
		goto out;
	*members += lay.nr_members;
	btf_rc_layouts_free(&lay);
	raw = btf__raw_data(ref, &raw_sz);
	entries = raw ? btf__new(raw, raw_sz) : NULL;
	if (!entries) {
		err = -errno ?: -ENOMEM;
		goto out;
	}
	err = btf__base_ref_raw_data(entries, &bare, &bare_sz);
	if (err)
		goto out;
	*bytes += sec_sz - bare_sz;
out:
	btf__free(entries);
	free(bare);
	free(img);
	free(sec);
	return err;
}

/* where base reference bytes go: entries, recorded members, strings */
int ref_stats(struct pair *pr, const struct btf *ref)
{
	const struct btf_header *hdr;
	__u32 sz;

	/* entries and shapes; STRUCT/UNION have no members (the layouts) */
	pr->ref_types += btf__type_cnt(ref) - 1;
	hdr = btf__raw_data(ref, &sz);
	if (!hdr || sz < sizeof(*hdr))
		return -errno ?: -EINVAL;
	pr->ref_str_bytes += hdr->str_len;
	return br_layouts(ref, &pr->ref_members, &pr->ref_layout_bytes);
}

static void dump_one(const char *dir, const char *rel, const char *ext,
		     const void *data, __u32 sz)
{
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	char path[PATH_MAX];
	FILE *f;

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

/*
 * -d DIR: keep the sections as a module carries them (.base_ref: BR,
 * .split: raw split BTF), for baseref-bytes.py, btfverify and bpftool
 */
void dump_raw(const char *dir, const char *rel, const struct btf *ref,
		     const struct btf *split)
{
	const void *sd;
	void *rd = NULL;
	__u32 rsz = 0, ssz = 0;

	if (ref_section(ref, &rd, &rsz))
		rd = NULL;
	dump_one(dir, rel, ".base_ref", rd, rsz);
	free(rd);
	sd = btf__raw_data(split, &ssz);
	dump_one(dir, rel, ".split", sd, ssz);
}
