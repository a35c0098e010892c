/* SPDX-License-Identifier: GPL-2.0 */
/*
 * refcheck: the project's one independent check of a reconciled module
 * BTF, written from the compatibility rules of the brief (BRIEF.md) with
 * libbpf's public BTF accessors only, apart from the reconcile code.
 *
 * Given the module's BTF as built (split BTF on its base: the module's
 * .BTF.base_ref, or vmlinux A for a classic build) and the module's BTF
 * reconciled onto vmlinux B (split BTF on B), it checks:
 *  - the module's own types are the same types in the same order (kind,
 *    name, size, members, values: everything but type IDs); with
 *    copies_ok, B may hold more types after them (the anonymous vmlinux
 *    types base reference generation copies into the split BTF);
 *  - every type reference of the module's own types lands where it
 *    should: on the same own type, or, for a reference into the base, on
 *    a B type of the same name and kind (INT and FLOAT also by size and
 *    encoding, enums by size, a FWD on a struct/union/fwd of its kind, a
 *    struct/union on one of its kind or a FWD of it); anonymous types and
 *    types that travel in the split BTF are compared structurally;
 *  - every named struct/union of the base that the module embeds by value
 *    (members, VARs, by-value parameters and returns, through typedefs,
 *    modifiers and arrays, and transitively through members of embedded
 *    types) has in B the same size and each of its members (anonymous
 *    sub-structs/unions flattened) at the same bit offset, with the same
 *    bitfield size and a compatible type.
 */
#ifndef REFCHECK_H
#define REFCHECK_H

#include <stdbool.h>
#include <bpf/btf.h>

struct refcheck_memo;

struct refcheck {
	/* set by the caller */
	bool copies_ok;		/* B may hold copied types after the module's */
	bool mutate;		/* self-test: read every reference into B's
				 * base as the next type ID (all must be wrong)
				 */
	/* called for each wrong finding (NULL: none); @msg is one line,
	 * @layout says it is one of an embedded layout
	 */
	void (*report)(void *ctx, bool layout, const char *msg);
	void *ctx;

	/* results, summed over calls of refcheck_module() */
	long types;		/* module types compared */
	long refs;		/* type references checked */
	long layouts;		/* embedded struct/union layouts checked */
	long wrong;		/* wrong ones among all of these */
	long wrong_layouts;	/* of which in embedded layouts */
	long ptr_size_changed;	/* refs to a struct/union of another size
				 * (fine where it is not embedded: counted)
				 */
	char why[512];		/* first wrong finding of the last call */

	struct refcheck_memo *memo;	/* private */
};

/*
 * Check @reconciled (split BTF on vmlinux B) against @built (the module's
 * BTF as built, split BTF on its base). Returns 0 when the check ran
 * (wrong findings counted in rc->wrong, the first in rc->why), or a
 * negative errno for unusable input (rc->why says why).
 */
int refcheck_module(struct refcheck *rc, const struct btf *built,
		    const struct btf *reconciled);

/* Free what refcheck_module() kept between calls. */
void refcheck_free(struct refcheck *rc);

#endif /* REFCHECK_H */
