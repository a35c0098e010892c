/* SPDX-License-Identifier: GPL-2.0 */
/* Shared helpers of the libFuzzer targets in tests/fuzz. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
/* libbpf-internal: btf_rc_decode(), struct btf_rc_layouts, and the
 * accessors of the layouts a base reference keeps (libbpf.a exports them)
 */
#include "btf_reconcile.h"

/* Abort (libFuzzer saves the input as a crash) with a message. */
#define FUZZ_BUG(...) do {						\
	fprintf(stderr, "fuzz: BUG: " __VA_ARGS__);			\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

static inline int fuzz_quiet_print(enum libbpf_print_level level, const char *fmt,
			    va_list args)
{
	return 0;
}

/* Raw BTF from the file named by environment variable @var, loaded once. */
static inline struct btf *fuzz_load_btf_env(const char *var)
{
	const char *path = getenv(var);
	struct btf *btf;

	if (!path || !*path) {
		fprintf(stderr, "fuzz: set %s to a raw vmlinux BTF file (tests/fuzz/run does)\n", var);
		exit(2);
	}
	btf = btf__parse_raw(path);
	if (!btf) {
		fprintf(stderr, "fuzz: cannot parse %s=%s as raw BTF\n", var, path);
		exit(2);
	}
	/* every input is reconciled onto it: index its names once */
	if (btf__index_names(btf)) {
		fprintf(stderr, "fuzz: cannot index %s=%s\n", var, path);
		exit(2);
	}
	return btf;
}

/*
 * Split BTF from memory on @base. This tree's libbpf has no
 * btf__new_split() (libbpf.map names it, btf.c does not define it), so
 * the bytes go through a memfd and btf__parse_raw_split(), which ends in
 * the same btf_new() parser on a buffer of exactly @size bytes.
 */
static inline struct btf *fuzz_new_split(const void *data, size_t size,
				  struct btf *base)
{
	static int fd = -1;
	static char path[64];

	if (fd < 0) {
		fd = memfd_create("fuzz-btf", 0);
		if (fd < 0) {
			perror("fuzz: memfd_create");
			exit(2);
		}
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) || (size && pwrite(fd, data, size, 0) != (ssize_t)size)) {
		perror("fuzz: memfd write");
		exit(2);
	}
	return btf__parse_raw_split(path, base);
}

/* Split BTF @btf must write out raw data that parses again on its base,
 * with the same number of types.
 */
static inline void fuzz_check_reparse(const struct btf *btf, const char *what)
{
	const struct btf *base = btf__base_btf(btf);
	struct btf *again;
	const void *raw;
	__u32 sz;

	raw = btf__raw_data(btf, &sz);
	if (!raw)
		FUZZ_BUG("%s: btf__raw_data failed", what);
	again = fuzz_new_split(raw, sz, (struct btf *)base);
	if (!again)
		FUZZ_BUG("%s: raw data does not parse again: %d", what, -errno);
	if (btf__type_cnt(again) != btf__type_cnt(btf))
		FUZZ_BUG("%s: %u types, %u after re-parse", what,
			 btf__type_cnt(btf), btf__type_cnt(again));
	btf__free(again);
}

/*
 * The layouts btf_rc_decode() gives for @len bytes of BR data must be a
 * table within bounds: per type ID 0..nr_types a start and a count inside
 * the member array, the layouts one after the other in type ID order
 * (every member in exactly one), type 0 without one, each layout in bit
 * offset order, member types in 1..nr_types, bitfields of 1..255 bits.
 * The table is at most 3 members per 4 input bytes in size terms.
 */
static inline void fuzz_check_layouts(const struct btf_rc_layouts *lay, size_t len)
{
	__u32 i, j, next = 0;
	const struct btf_rc_layout_member *m;

	if (!lay->start || !lay->cnt || !lay->m)
		FUZZ_BUG("layouts: a table is missing");
	if (lay->nr_types > len || lay->nr_members > len / 4)
		FUZZ_BUG("layouts: %u types, %u members from %zu bytes",
			 lay->nr_types, lay->nr_members, len);
	if (lay->cnt[0] || lay->start[0])
		FUZZ_BUG("layouts: void has a layout");
	for (i = 1; i <= lay->nr_types; i++) {
		if (!lay->cnt[i])
			continue;
		if (lay->start[i] != next || lay->cnt[i] > lay->nr_members - next)
			FUZZ_BUG("layouts: type %u: start %u count %u, expected start %u of %u",
				 i, lay->start[i], lay->cnt[i], next, lay->nr_members);
		m = lay->m + lay->start[i];
		for (j = 0; j < lay->cnt[i]; j++) {
			if (!m[j].type_id || m[j].type_id > lay->nr_types)
				FUZZ_BUG("layouts: type %u member %u: type %u of %u",
					 i, j, m[j].type_id, lay->nr_types);
			if (j && m[j].bit_off < m[j - 1].bit_off)
				FUZZ_BUG("layouts: type %u member %u: bit %u after %u",
					 i, j, m[j].bit_off, m[j - 1].bit_off);
		}
		next += lay->cnt[i];
	}
	if (next != lay->nr_members)
		FUZZ_BUG("layouts: %u members in layouts, %u in the table",
			 next, lay->nr_members);
}

/* Only STRUCT/UNION entries of @ref have a layout, whose members lie
 * inside them (bitfields too).
 */
static inline void fuzz_check_layout_types(const struct btf *ref,
					   const struct btf_rc_layouts *lay)
{
	const struct btf_rc_layout_member *m;
	const struct btf_type *t;
	__u64 bits;
	__u32 i, j;

	for (i = 1; i <= lay->nr_types; i++) {
		if (!lay->cnt[i])
			continue;
		t = btf__type_by_id(ref, i);
		if (!t || !btf_is_composite(t) || btf_vlen(t))
			FUZZ_BUG("layouts: type %u has one but is not a STRUCT/UNION without members", i);
		bits = (__u64)t->size * 8;
		m = lay->m + lay->start[i];
		for (j = 0; j < lay->cnt[i]; j++)
			if (m[j].bit_off > bits || m[j].bitfield_sz > bits - m[j].bit_off)
				FUZZ_BUG("layouts: type %u (%u bytes) member %u at bit %u, %u bits",
					 i, t->size, j, m[j].bit_off, m[j].bitfield_sz);
	}
}

/*
 * A base reference from its section bytes, as the kernel reads one
 * (btf_parse_module() after v2): btf_rc_decode() of the "BR" data to a
 * plain BTF image and a layout table (checked with fuzz_check_layouts()),
 * btf__new() of the image (the kernel: btf_parse_module_data()), and the
 * layouts handed to the reconciliation with the ref (the kernel: struct
 * btf_rc .layouts; libbpf: kept with the struct btf, what btf_new_br()
 * does for btf__parse_raw()). NULL if the section is refused.
 */
static inline struct btf *fuzz_new_ref_br(const void *data, size_t size)
{
	struct btf_rc_layouts *lay;
	struct btf *ref;
	__u32 img_len;
	void *img;

	lay = calloc(1, sizeof(*lay));
	if (!lay)
		FUZZ_BUG("out of memory");
	if (size > UINT32_MAX || btf_rc_decode(data, size, &img, &img_len, lay)) {
		free(lay);
		return NULL;
	}
	fuzz_check_layouts(lay, size);
	ref = btf__new(img, img_len);
	free(img);
	if (!ref) {
		btf_rc_layouts_free(lay);
		free(lay);
		return NULL;
	}
	if (btf__type_cnt(ref) != lay->nr_types + 1)
		FUZZ_BUG("decoded base reference: %u types, layouts for %u",
			 btf__type_cnt(ref) - 1, lay->nr_types);
	fuzz_check_layout_types(ref, lay);
	btf_rc_set_layouts(ref, lay);
	return ref;
}

#endif
