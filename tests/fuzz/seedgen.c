// SPDX-License-Identifier: GPL-2.0
/*
 * Seed maker for the fuzz targets: for a module whose .BTF is split BTF
 * on BASE (a classic build, e.g. a Debian .ko), write
 *   OUT.base_ref: the .BTF section as raw split BTF (input of fuzz_base_ref)
 *   OUT.reconcile: 4-byte length, base reference, split BTF on it, as
 *                  btf__new_split_base_ref() makes them, the base
 *                  reference as a module carries it:
 *                  btf__base_ref_raw_data() ("BR") (input of
 *                  fuzz_reconcile)
 *   OUT.br: that base reference section alone (input of fuzz_br)
 * usage: seedgen BASE.btf MODULE.ko OUT
 *
 *        seedgen -c IN OUT
 * converts an input of fuzz_reconcile whose base reference is plain BTF
 * (the section before BR, e.g. of a module built then) to one with the
 * same base reference as BR (btf__base_ref_raw_data() of the plain
 * reference: its string table unchanged, so the split BTF stays valid;
 * the layouts are its members, names hashed); the flag bit 31 and the
 * split BTF are kept. An input already BR is copied. Also writes OUT.br.
 */
#include "fuzz_common.h"
#include <stdint.h>

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

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	void *buf = NULL;
	long sz;

	if (!f || fseek(f, 0, SEEK_END) || (sz = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) || !(buf = malloc(sz ?: 1)) ||
	    fread(buf, 1, sz, f) != (size_t)sz) {
		perror(path);
		exit(1);
	}
	fclose(f);
	*size = sz;
	return buf;
}

static void put_le32(unsigned char *p, __u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

/* seedgen -c IN OUT: see the top of the file */
static int convert(const char *in, const char *out)
{
	unsigned char hdr[4], *data;
	struct btf *ref = NULL;
	__u32 word, ref_len;
	void *br = NULL;
	__u32 br_len;
	char path[4096];
	size_t size;
	int err;

	data = read_file(in, &size);
	if (size < 4) {
		fprintf(stderr, "seedgen: %s: shorter than the 4-byte length word\n", in);
		return 1;
	}
	word = data[0] | data[1] << 8 | data[2] << 16 | (__u32)data[3] << 24;
	ref_len = word & ~(1U << 31);
	if (ref_len > size - 4) {
		fprintf(stderr, "seedgen: %s: base reference of %u bytes, %zu there\n",
			in, ref_len, size - 4);
		return 1;
	}
	if (btf_rc_is_br(data + 4, ref_len)) {
		br_len = ref_len;
		br = malloc(br_len ?: 1);
		if (!br)
			return 1;
		memcpy(br, data + 4, br_len);
	} else {
		ref = btf__new(data + 4, ref_len);
		if (!ref) {
			fprintf(stderr, "seedgen: %s: base reference is neither BR nor BTF (%d)\n",
				in, -errno);
			return 1;
		}
		err = btf__base_ref_raw_data(ref, &br, &br_len);
		if (err) {
			fprintf(stderr, "seedgen: %s: btf__base_ref_raw_data: %d\n", in, err);
			return 1;
		}
		btf__free(ref);
	}
	put_le32(hdr, br_len | (word & 1U << 31));
	write_file(out, hdr, 4, br, br_len, data + 4 + ref_len, size - 4 - ref_len);
	snprintf(path, sizeof(path), "%s.br", out);
	write_file(path, br, br_len, "", 0, "", 0);
	free(br);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	struct btf *base, *src, *ref, *split;
	const void *src_raw, *split_raw;
	void *ref_br;
	__u32 src_sz, ref_sz, split_sz;
	unsigned char hdr[4];
	char path[4096];
	int err;

	libbpf_set_print(fuzz_quiet_print);
	if (argc == 4 && !strcmp(argv[1], "-c"))
		return convert(argv[2], argv[3]);
	if (argc != 4) {
		fprintf(stderr, "usage: %s BASE.btf MODULE.ko OUT\n"
			"       %s -c IN.reconcile OUT\n", argv[0], argv[0]);
		return 2;
	}
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
	split_raw = btf__raw_data(split, &split_sz);
	if (!src_raw || !split_raw) {
		fprintf(stderr, "seedgen: %s: btf__raw_data failed\n", argv[2]);
		return 1;
	}
	/* the section as resolve_btfids writes it */
	err = btf__base_ref_raw_data(ref, &ref_br, &ref_sz);
	if (err) {
		fprintf(stderr, "seedgen: %s: btf__base_ref_raw_data: %d\n", argv[2], err);
		return 1;
	}
	snprintf(path, sizeof(path), "%s.base_ref", argv[3]);
	write_file(path, src_raw, src_sz, "", 0, "", 0);
	put_le32(hdr, ref_sz);
	snprintf(path, sizeof(path), "%s.reconcile", argv[3]);
	write_file(path, hdr, 4, ref_br, ref_sz, split_raw, split_sz);
	snprintf(path, sizeof(path), "%s.br", argv[3]);
	write_file(path, ref_br, ref_sz, "", 0, "", 0);
	free(ref_br);
	btf__free(split);
	btf__free(ref);
	btf__free(src);
	btf__free(base);
	return 0;
}
