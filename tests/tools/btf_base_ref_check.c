// SPDX-License-Identifier: GPL-2.0
/*
 * btf_base_ref_check: read a module's .BTF.base_ref and .BTF with libbpf,
 * reconcile the split BTF onto each given base BTF, and check the result
 * independently of the reconcile code: every type reference of the split
 * BTF must land on a type of the same kind and name as the base reference
 * type it referred to, and references between split types must keep
 * pointing at the same split type.
 *
 *   btf_base_ref_check MODULE.ko BASE_BTF...
 *
 * BASE_BTF is a vmlinux ELF or a raw BTF file. Exit status 0 when every
 * base accepted the module and every reference checked out.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "btf_type_refs.h"

static const char *type_name(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	return t ? btf__name_by_offset(btf, t->name_off) : NULL;
}

/* Kinds a base reference entry may match: FWD matches STRUCT/UNION/FWD. */
static int kind_class(const struct btf_type *t)
{
	int kind = btf_kind(t);

	if (kind == BTF_KIND_FWD)
		return btf_kflag(t) ? BTF_KIND_UNION : BTF_KIND_STRUCT;
	if (kind == BTF_KIND_ENUM64)
		return BTF_KIND_ENUM;
	return kind;
}

static int check_one(const char *mod, const char *base_path)
{
	struct btf *ref = NULL, *split = NULL, *base = NULL, *orig = NULL;
	LIBBPF_OPTS(btf_parse_opts, opts);
	__u32 i, nr_ref, nr_base, nr_types, checked = 0, bad = 0;
	__u32 before[1024], after[1024];
	int err = 1;

	opts.btf_sec = ".BTF.base_ref";
	ref = btf__parse_opts(mod, &opts);
	if (!ref) {
		fprintf(stderr, "%s: cannot read .BTF.base_ref: %s\n", mod, strerror(errno));
		goto out;
	}
	opts.btf_sec = ".BTF";
	opts.base_btf = ref;
	split = btf__parse_opts(mod, &opts);
	orig = btf__parse_opts(mod, &opts);
	if (!split || !orig) {
		fprintf(stderr, "%s: cannot read .BTF on .BTF.base_ref: %s\n", mod, strerror(errno));
		goto out;
	}
	base = btf__parse(base_path, NULL);
	if (!base) {
		fprintf(stderr, "%s: cannot read base BTF: %s\n", base_path, strerror(errno));
		goto out;
	}
	nr_ref = btf__type_cnt(ref);
	nr_base = btf__type_cnt(base);
	nr_types = btf__type_cnt(orig) - nr_ref;

	if (btf__reconcile(split, base)) {
		fprintf(stderr, "%s: not reconciled onto %s: %s\n", mod, base_path, strerror(errno));
		goto out;
	}
	if (btf__base_btf(split) != base || btf__type_cnt(split) != nr_base + nr_types) {
		fprintf(stderr, "%s: reconciled BTF has the wrong base or type count\n", mod);
		goto out;
	}

	for (i = 0; i < nr_types; i++) {
		const struct btf_type *a = btf__type_by_id(orig, nr_ref + i);
		const struct btf_type *b = btf__type_by_id(split, nr_base + i);
		int n, m, j;

		n = btf_type_refs(a, before, 1024);
		m = btf_type_refs(b, after, 1024);
		if (n < 0 || n != m || btf_kind(a) != btf_kind(b)) {
			fprintf(stderr, "%s: type %u changed shape\n", mod, nr_base + i);
			bad++;
			continue;
		}
		for (j = 0; j < n; j++) {
			__u32 x = before[j], y = after[j];
			const char *xn, *yn;

			checked++;
			if (x == 0 ? y == 0 : x >= nr_ref ? y == x - nr_ref + nr_base : 0)
				continue;
			if (x == 0 || x >= nr_ref || y == 0 || y >= nr_base) {
				bad++;
				continue;
			}
			xn = type_name(orig, x);
			yn = type_name(split, y);
			if (!xn || !yn || strcmp(xn, yn) || !*xn ||
			    kind_class(btf__type_by_id(orig, x)) !=
			    kind_class(btf__type_by_id(split, y))) {
				fprintf(stderr, "%s: reference [%u] '%s' landed on [%u] '%s'\n",
					mod, x, xn ?: "?", y, yn ?: "?");
				bad++;
			}
		}
	}
	printf("%s on %s: %u base reference types, %u split types, %u references checked, %u wrong\n",
	       mod, base_path, nr_ref - 1, nr_types, checked, bad);
	err = bad ? 1 : 0;
out:
	btf__free(split);
	btf__free(orig);
	btf__free(ref);
	btf__free(base);
	return err;
}

int main(int argc, char **argv)
{
	int i, err = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: %s MODULE.ko BASE_BTF...\n", argv[0]);
		return 2;
	}
	for (i = 2; i < argc; i++)
		err |= check_one(argv[1], argv[i]);
	return err;
}
