// SPDX-License-Identifier: GPL-2.0
/*
 * btfcorpus: compare the module's named structs/unions after
 * reconciliation with B's own build of the same module.
 */
#include <stdio.h>
#include <string.h>

#include "btfcorpus.h"

static const char *tname(const struct btf *btf, const struct btf_type *t)
{
	const char *s = btf__name_by_offset(btf, t->name_off);

	return s ? s : "";
}

static bool same_members(const struct btf *x, const struct btf_type *a,
			 const struct btf *y, const struct btf_type *b)
{
	const struct btf_member *ma = btf_members(a), *mb = btf_members(b);
	int i;

	if (btf_vlen(a) != btf_vlen(b))
		return false;
	for (i = 0; i < btf_vlen(a); i++, ma++, mb++) {
		if (strcmp(btf__name_by_offset(x, ma->name_off) ?: "",
			   btf__name_by_offset(y, mb->name_off) ?: "") ||
		    ma->offset != mb->offset)
			return false;
	}
	return true;
}

/* Is @u (B's build) the same as @t? */
static bool same_layout(const struct btf *x, const struct btf_type *t,
			const struct btf *y, const struct btf_type *u)
{
	return t->size == u->size && same_members(x, t, y, u);
}

int compare_with_b(struct bcmp *bc, const struct btf *r, __u32 r_start,
			  __u32 nr_own, const struct btf *bm,
			  const struct btf *orig, __u32 a_start)
{
	const struct btf_type *ot;
	__u32 k, id, bstart = btf__type_cnt(btf__base_btf(bm));
	__u32 bend = btf__type_cnt(bm);
	const struct btf_type *t, *u, *best;
	const char *name;
	int res;		/* 0 agree, 1 size, 2 members */

	for (k = 0; k < nr_own; k++) {
		t = btf__type_by_id(r, r_start + k);
		if (!t || !btf_is_composite(t) || !t->name_off)
			continue;
		name = tname(r, t);
		bc->types++;
		best = NULL;
		res = 3;
		/* B's module types first, then B's vmlinux */
		for (id = bstart; id < bend && res; id++) {
			u = btf__type_by_id(bm, id);
			if (btf_kind(u) != btf_kind(t) || strcmp(tname(bm, u), name))
				continue;
			best = u;
			if (u->size != t->size)
				res = res < 1 ? res : 1;
			else if (!same_members(r, t, bm, u))
				res = 2;
			else
				res = 0;
		}
		if (!best) {
			id = btf__find_by_name_kind(bm, name, btf_kind(t));
			if ((int)id > 0) {
				u = btf__type_by_id(bm, id);
				best = u;
				res = u->size != t->size ? 1 :
				      !same_members(r, t, bm, u) ? 2 : 0;
			}
		}
		/* the module's own type is copied by reconciliation, so a
		 * difference from B's build must already be in A's build
		 */
		ot = btf__type_by_id(orig, a_start + k);
		if (res && ot && (!best || !same_layout(orig, ot, bm, best)))
			bc->a_differs++;
		if (!best) {
			bc->absent++;
			if (!bc->why[0])
				snprintf(bc->why, bc->why_sz, "%s absent in B", name);
			continue;
		}
		if (res == 0) {
			bc->agree++;
		} else if (res == 1) {
			bc->size++;
			if (!bc->why[0])
				snprintf(bc->why, bc->why_sz, "%s size %u vs B %u",
					 name, t->size, best->size);
		} else {
			bc->members++;
			if (!bc->why[0])
				snprintf(bc->why, bc->why_sz, "%s members differ",
					 name);
		}
	}
	return 0;
}
