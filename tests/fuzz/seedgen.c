// SPDX-License-Identifier: GPL-2.0
/*
 * Seed maker for the fuzz targets: for a module whose .BTF is split BTF
 * on BASE (a classic build, e.g. a Debian .ko), write
 *   OUT.base_ref: the .BTF section as raw split BTF (input of fuzz_base_ref)
 *   OUT.reconcile: 4-byte length, base reference, split BTF on it, as
 *                  btf__new_split_base_ref() makes them (input of
 *                  fuzz_reconcile)
 * usage: seedgen BASE.btf MODULE.ko OUT
 */
#include "fuzz_common.h"

static void write_file(const char *path, const void *a, size_t a_sz,
		       const void *b, size_t b_sz, const void *c, size_t c_sz)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(a, 1, a_sz, f) != a_sz || fwrite(b, 1, b_sz, f) != b_sz ||
	    (c_sz && fwrite(c, 1, c_sz, f) != c_sz) || fclose(f)) {
		perror(path);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	struct btf *base, *src, *ref, *split;
	const void *src_raw, *ref_raw, *split_raw;
	__u32 src_sz, ref_sz, split_sz;
	unsigned char hdr[4];
	char path[4096];
	int err;

	if (argc != 4) {
		fprintf(stderr, "usage: %s BASE.btf MODULE.ko OUT\n", argv[0]);
		return 2;
	}
	libbpf_set_print(fuzz_quiet_print);
	base = btf__parse_raw(argv[1]);
	if (!base) {
		fprintf(stderr, "seedgen: cannot parse %s\n", argv[1]);
		return 1;
	}
	src = btf__parse_elf_split(argv[2], base);
	if (!src) {
		fprintf(stderr, "seedgen: %s: no .BTF split on %s (%d)\n", argv[2], argv[1], -errno);
		return 1;
	}
	err = btf__new_split_base_ref(src, &ref, &split);
	if (err) {
		fprintf(stderr, "seedgen: %s: btf__new_split_base_ref: %d\n", argv[2], err);
		return 1;
	}
	src_raw = btf__raw_data(src, &src_sz);
	ref_raw = btf__raw_data(ref, &ref_sz);
	split_raw = btf__raw_data(split, &split_sz);
	if (!src_raw || !ref_raw || !split_raw) {
		fprintf(stderr, "seedgen: %s: btf__raw_data failed\n", argv[2]);
		return 1;
	}
	snprintf(path, sizeof(path), "%s.base_ref", argv[3]);
	write_file(path, src_raw, src_sz, "", 0, "", 0);
	hdr[0] = ref_sz;
	hdr[1] = ref_sz >> 8;
	hdr[2] = ref_sz >> 16;
	hdr[3] = ref_sz >> 24;
	snprintf(path, sizeof(path), "%s.reconcile", argv[3]);
	write_file(path, hdr, 4, ref_raw, ref_sz, split_raw, split_sz);
	btf__free(split);
	btf__free(ref);
	btf__free(src);
	btf__free(base);
	return 0;
}
