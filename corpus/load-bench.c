// SPDX-License-Identifier: GPL-2.0
/*
 * load-bench: what loading a module's BTF costs, step by step, as
 * btf_parse_module() takes the steps: decode the .BTF.base_ref section
 * (btf_rc_decode()) and parse the image, parse the split BTF on it, and
 * reconcile it onto the running vmlinux BTF.
 *
 *   load-bench DIR VMLINUX_BTF [ROUNDS]
 *
 * DIR holds the sections btfcorpus -d wrote (<module>.base_ref in the
 * compact form, <module>.split). Each module is loaded ROUNDS times
 * (default 5), each step timed, and the fastest of each kept, which
 * filters out interference from other load. Prints the means over the
 * modules in microseconds, one "name value" per line, for comparing
 * builds of libbpf on their own sections.
 *
 * Built with -DLOAD_PLAIN against the series at "libbpf: Add
 * btf__reconcile()" (base references in plain BTF, their layouts as
 * members, as v1 had them), it measures that form instead: the base
 * reference is parsed with btf__new() and the split BTF, not timed there,
 * from a file. The sections for it are made by
 *
 *   load-bench -g KO_LIST VMLINUX_BTF OUTDIR
 *
 * from the modules listed in KO_LIST and the vmlinux BTF they were
 * built against, with btf__new_split_base_ref() and btf__raw_data().
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#ifndef LOAD_PLAIN
#include "btf_reconcile.h"
#endif

struct step_min {
	double decode, split, reconcile, total;
};

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void *read_file(const char *path, __u32 *len)
{
	FILE *f = fopen(path, "rb");
	void *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET))
		goto out;
	buf = malloc(n);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	*len = n;
out:
	fclose(f);
	return buf;
}

#ifdef LOAD_PLAIN
static struct btf *split_from_file(const void *data, __u32 len,
				   struct btf *base)
{
	char path[] = "/tmp/load-bench-XXXXXX";
	struct btf *btf = NULL;
	int fd;

	fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	if (write(fd, data, len) == (ssize_t)len)
		btf = btf__parse_raw_split(path, base);
	close(fd);
	unlink(path);
	return btf;
}

/* the base reference in plain BTF */
static struct btf *ref_load(const void *data, __u32 len)
{
	return btf__new(data, len);
}
#else
static struct btf *split_from_file(const void *data, __u32 len,
				   struct btf *base)
{
	return btf_rc_new_split(data, len, base);
}

/* the compact form, decoded as btf_parse_module() does */
static struct btf *ref_load(const void *data, __u32 len)
{
	struct btf_rc_layouts *lay;
	struct btf *ref;
	__u32 img_len;
	void *img;

	lay = calloc(1, sizeof(*lay));
	if (!lay)
		return NULL;
	if (btf_rc_decode(data, len, &img, &img_len, lay)) {
		free(lay);
		return NULL;
	}
	ref = btf__new(img, img_len);
	free(img);
	if (!ref) {
		btf_rc_layouts_free(lay);
		free(lay);
		return NULL;
	}
	btf_rc_set_layouts(ref, lay);
	return ref;
}
#endif

/* One load of a module's BTF; 0 or a negative errno, times in @t. */
static int load_once(const void *ref_data, __u32 ref_len, const void *split_data,
		     __u32 split_len, struct btf *vml, struct step_min *t)
{
	struct btf *ref, *split;
	double t0, t1, t2, t3;
	int err;

	t0 = now_us();
	ref = ref_load(ref_data, ref_len);
	if (!ref)
		return -EBADMSG;	/* not the -EINVAL of a rejected module */
	t1 = now_us();
	split = split_from_file(split_data, split_len, ref);
	if (!split) {
		btf__free(ref);
		return -EBADMSG;
	}
	t2 = now_us();
#ifdef LOAD_PLAIN
	/* the split from a file: not comparable, not timed */
	t2 = t1;
#endif
	err = btf__reconcile(split, vml);
	t3 = now_us();
	btf__free(split);
	btf__free(ref);
	t->decode = t1 - t0;
	t->split = t2 - t1;
	t->reconcile = t3 - t2;
	t->total = t->decode + t->split + t->reconcile;
	/* a rejected module was still timed: it is loaded the same way */
	return err == -EINVAL ? 0 : err;
}

static int bench_module(const char *dir, const char *name, struct btf *vml,
			int rounds, struct step_min *best)
{
	void *ref_data, *split_data;
	__u32 ref_len, split_len;
	struct step_min t = {};
	char path[4096];
	int i, err = 0;

	snprintf(path, sizeof(path), "%s/%s.base_ref", dir, name);
	ref_data = read_file(path, &ref_len);
	snprintf(path, sizeof(path), "%s/%s.split", dir, name);
	split_data = read_file(path, &split_len);
	if (!ref_data || !split_data) {
		fprintf(stderr, "load-bench: cannot read %s/%s.*\n", dir, name);
		err = -EIO;
		goto out;
	}
	for (i = 0; i < rounds; i++) {
		err = load_once(ref_data, ref_len, split_data, split_len, vml, &t);
		if (err) {
			fprintf(stderr, "load-bench: %s: load failed: %d\n", name, err);
			goto out;
		}
		if (!i || t.decode < best->decode)
			best->decode = t.decode;
		if (!i || t.split < best->split)
			best->split = t.split;
		if (!i || t.reconcile < best->reconcile)
			best->reconcile = t.reconcile;
		if (!i || t.total < best->total)
			best->total = t.total;
	}
out:
	free(ref_data);
	free(split_data);
	return err;
}

#ifdef LOAD_PLAIN
static int write_file(const char *dir, const char *name, const char *ext,
		      const void *data, __u32 len)
{
	char path[4096];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s%s", dir, name, ext);
	f = fopen(path, "wb");
	if (!f)
		return -errno;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) || !ok ? -EIO : 0;
}

/* -g: plain base references and their split BTF */
static int gen_plain(const char *list, const char *vmlinux, const char *out)
{
	struct btf *vml, *orig, *ref, *split;
	const void *rd, *sd;
	char ko[4096], *base;
	__u32 rl, sl;
	long n = 0;
	FILE *f;
	int err;

	vml = btf__parse_raw(vmlinux);
	f = fopen(list, "r");
	if (!vml || !f) {
		fprintf(stderr, "load-bench: cannot read %s or %s\n", vmlinux, list);
		return 2;
	}
	while (fgets(ko, sizeof(ko), f)) {
		ko[strcspn(ko, "\n")] = 0;
		orig = btf__parse_split(ko, vml);
		if (!orig)
			continue;	/* no BTF: btfcorpus skips it too */
		err = btf__new_split_base_ref(orig, &ref, &split);
		btf__free(orig);
		if (err) {
			fprintf(stderr, "load-bench: %s: no base reference: %d\n", ko, err);
			return 1;
		}
		rd = btf__raw_data(ref, &rl);
		sd = btf__raw_data(split, &sl);
		base = strrchr(ko, '/') ? strrchr(ko, '/') + 1 : ko;
		if (!rd || !sd || write_file(out, base, ".base_ref", rd, rl) ||
		    write_file(out, base, ".split", sd, sl)) {
			fprintf(stderr, "load-bench: %s: cannot write\n", ko);
			return 1;
		}
		btf__free(split);
		btf__free(ref);
		n++;
	}
	fclose(f);
	btf__free(vml);
	printf("load-bench: %ld modules written to %s\n", n, out);
	return 0;
}
#endif

int main(int argc, char **argv)
{
	struct step_min sum = {}, best;
	int rounds = argc > 3 ? atoi(argv[3]) : 5;
	struct dirent *de;
	struct btf *vml;
	size_t len;
	long n = 0;
	DIR *d;

#ifdef LOAD_PLAIN
	if (argc == 5 && !strcmp(argv[1], "-g"))
		return gen_plain(argv[2], argv[3], argv[4]);
#endif
	if (argc < 3 || rounds < 1) {
		fprintf(stderr, "usage: load-bench DIR VMLINUX_BTF [ROUNDS]\n"
			"       load-bench -g KO_LIST VMLINUX_BTF OUTDIR\n");
		return 2;
	}
	vml = btf__parse_raw(argv[2]);
	if (!vml || btf__index_names(vml)) {
		fprintf(stderr, "load-bench: cannot read %s\n", argv[2]);
		return 2;
	}
	libbpf_set_print(NULL);
	d = opendir(argv[1]);
	if (!d) {
		fprintf(stderr, "load-bench: cannot open %s\n", argv[1]);
		return 2;
	}
	while ((de = readdir(d))) {
		len = strlen(de->d_name);
		if (len <= 9 || strcmp(de->d_name + len - 9, ".base_ref"))
			continue;
		de->d_name[len - 9] = 0;
		if (bench_module(argv[1], de->d_name, vml, rounds, &best))
			return 1;
		sum.decode += best.decode;
		sum.split += best.split;
		sum.reconcile += best.reconcile;
		sum.total += best.total;
		n++;
	}
	closedir(d);
	if (!n) {
		fprintf(stderr, "load-bench: no *.base_ref in %s\n", argv[1]);
		return 2;
	}
	printf("modules %ld\n", n);
	printf("decode_us %.2f\n", sum.decode / n);
	printf("split_us %.2f\n", sum.split / n);
	printf("reconcile_us %.2f\n", sum.reconcile / n);
	printf("total_us %.2f\n", sum.total / n);
	btf__free(vml);
	return 0;
}
