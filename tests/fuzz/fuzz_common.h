/* SPDX-License-Identifier: GPL-2.0 */
/* Shared helpers of the libFuzzer targets in tests/fuzz. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

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

#endif
