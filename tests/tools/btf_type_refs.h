/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The type-ID fields of one BTF type, for the project's host-side checkers
 * (tests/tools/btf_base_ref_check.c, corpus/btfcorpus.c). Written apart
 * from libbpf's internal visitors on purpose: the checkers verify the
 * reconcile code and must not share its walking code.
 */
#ifndef BTF_TYPE_REFS_H
#define BTF_TYPE_REFS_H

#include <errno.h>
#include <bpf/btf.h>

/* The type-ID fields of @t in a fixed order, at most @max, into @ids;
 * returns how many, or -E2BIG.
 */
static inline int btf_type_refs(const struct btf_type *t, __u32 *ids, int max)
{
	int i, n = 0, vlen = btf_vlen(t);

	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		if (max < 1)
			return -E2BIG;
		ids[n++] = t->type;
		return n;
	case BTF_KIND_ARRAY:
		if (max < 2)
			return -E2BIG;
		ids[n++] = btf_array(t)->type;
		ids[n++] = btf_array(t)->index_type;
		return n;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (vlen > max)
			return -E2BIG;
		for (i = 0; i < vlen; i++)
			ids[n++] = btf_members(t)[i].type;
		return n;
	case BTF_KIND_FUNC_PROTO:
		if (vlen + 1 > max)
			return -E2BIG;
		ids[n++] = t->type;
		for (i = 0; i < vlen; i++)
			ids[n++] = btf_params(t)[i].type;
		return n;
	case BTF_KIND_DATASEC:
		if (vlen > max)
			return -E2BIG;
		for (i = 0; i < vlen; i++)
			ids[n++] = btf_var_secinfos(t)[i].type;
		return n;
	default:
		return 0;
	}
}

#endif /* BTF_TYPE_REFS_H */
