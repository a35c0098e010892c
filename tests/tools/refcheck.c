// SPDX-License-Identifier: GPL-2.0
/*
 * refcheck: independent check of a reconciled module BTF (refcheck.h).
 *
 * Written from the brief's compatibility rules with libbpf's public BTF
 * accessors only: no btf_rc_* helper, no libbpf internals, no code shared
 * with the reconcile implementation it checks.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refcheck.h"

#define MAX_DEPTH	64	/* nesting of types compared structurally */
#define MAX_HOPS	64	/* typedefs, modifiers and arrays in a row */
#define MAX_FLAT_DEPTH	32	/* anonymous members inside anonymous members */

/* ---- a set of (A type ID, B type ID) pairs with a small value ---------- */

struct memo_ent {
	__u64 key;		/* 0: empty */
	int val;
};

struct pairset {
	struct memo_ent *e;
	size_t cap, n;
};

struct flat {
	const char *name;
	__u32 type, bit_off, bitfield_sz;
};

struct flatv {
	struct flat *f;
	int n, cap;
};

struct work {
	__u32 a, b;
};

struct refcheck_memo {
	struct pairset same;	/* same(): 1 equal, 0 not, 2 being compared */
	struct pairset laid;	/* layouts compared */
	struct flatv fa, fb;
	struct work *work;
	size_t nwork, capwork;
};

static __u64 pair_key(__u32 a, __u32 b)
{
	return ((__u64)a << 32 | b) + 1;	/* never 0 */
}

static size_t pair_slot(const struct pairset *s, __u64 key)
{
	__u64 h = key * 0x9e3779b97f4a7c15ULL;

	return (h >> 17) & (s->cap - 1);
}

static int *pair_find(struct pairset *s, __u32 a, __u32 b)
{
	__u64 key = pair_key(a, b);
	size_t i;

	if (!s->cap)
		return NULL;
	for (i = pair_slot(s, key); s->e[i].key; i = (i + 1) & (s->cap - 1))
		if (s->e[i].key == key)
			return &s->e[i].val;
	return NULL;
}

/* Add (a, b) with @val; returns 0 or -ENOMEM. */
static int pair_add(struct pairset *s, __u32 a, __u32 b, int val)
{
	__u64 key = pair_key(a, b);
	size_t i;

	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024, j;
		struct memo_ent *e = calloc(cap, sizeof(*e)), *old = s->e;

		if (!e)
			return -ENOMEM;
		s->e = e;
		for (j = 0; j < s->cap; j++) {
			if (!old[j].key)
				continue;
			i = ((old[j].key * 0x9e3779b97f4a7c15ULL) >> 17) & (cap - 1);
			while (e[i].key)
				i = (i + 1) & (cap - 1);
			e[i] = old[j];
		}
		free(old);
		s->cap = cap;
	}
	for (i = pair_slot(s, key); s->e[i].key; i = (i + 1) & (s->cap - 1))
		;
	s->e[i].key = key;
	s->e[i].val = val;
	s->n++;
	return 0;
}

static void pair_clear(struct pairset *s)
{
	if (s->cap)
		memset(s->e, 0, s->cap * sizeof(*s->e));
	s->n = 0;
}

/* ---- one check ---------------------------------------------------------- */

struct ctx {
	struct refcheck *rc;
	struct refcheck_memo *m;
	const struct btf *a, *b;	/* as built; reconciled */
	__u32 a_start, b_start;		/* first module type ID on each side */
	__u32 nr_own;			/* module types as built */
	__u32 b_own_end;		/* B: first ID after the module's own */
	int err;			/* out of memory */
};

static void vwrong(struct ctx *c, bool layout, const char *fmt, va_list ap)
{
	char msg[sizeof(c->rc->why)];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	c->rc->wrong++;
	c->rc->wrong_layouts += layout;
	if (!c->rc->why[0])
		memcpy(c->rc->why, msg, sizeof(msg));
	if (c->rc->report)
		c->rc->report(c->rc->ctx, layout, msg);
}

static void wrong(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwrong(c, false, fmt, ap);
	va_end(ap);
}

/* a wrong embedded layout */
static void lwrong(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwrong(c, true, fmt, ap);
	va_end(ap);
}

/* A string of @btf; a bad offset gives a name no valid one equals. */
static const char *str(const struct btf *btf, __u32 off)
{
	const char *s = btf__name_by_offset(btf, off);

	return s ? s : "\x01(bad string offset)";
}

static const char *tname(const struct btf *btf, const struct btf_type *t)
{
	return t ? str(btf, t->name_off) : "?";
}

static const char *kname(const struct btf_type *t)
{
	static const char * const names[] = {
		"void", "int", "ptr", "array", "struct", "union", "enum", "fwd",
		"typedef", "volatile", "const", "restrict", "func",
		"func_proto", "var", "datasec", "float", "decl_tag",
		"type_tag", "enum64",
	};

	if (!t)
		return "(none)";
	return btf_kind(t) < sizeof(names) / sizeof(names[0]) ?
	       names[btf_kind(t)] : "(unknown kind)";
}

/* The type-ID fields of a type, in a fixed order. */
static int nr_refs(const struct btf_type *t)
{
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
		return 1;
	case BTF_KIND_ARRAY:
		return 2;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_DATASEC:
		return btf_vlen(t);
	case BTF_KIND_FUNC_PROTO:
		return btf_vlen(t) + 1;
	default:
		return 0;
	}
}

static __u32 ref_at(const struct btf_type *t, int i)
{
	switch (btf_kind(t)) {
	case BTF_KIND_ARRAY:
		return i ? btf_array(t)->index_type : btf_array(t)->type;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return btf_members(t)[i].type;
	case BTF_KIND_DATASEC:
		return btf_var_secinfos(t)[i].type;
	case BTF_KIND_FUNC_PROTO:
		return i ? btf_params(t)[i - 1].type : t->type;
	default:
		return t->type;
	}
}

static __u32 int_word(const struct btf_type *t)
{
	return *(const __u32 *)(t + 1);
}

/*
 * What differs between @x (A) and @y (B) apart from the type IDs they
 * refer to: kind, names, sizes, members, values. NULL if nothing.
 */
static const char *shape_diff(struct ctx *c, const struct btf_type *x,
			      const struct btf_type *y)
{
	const struct btf_member *mx, *my;
	const struct btf_param *px, *py;
	int i, n = btf_vlen(x);

	if (btf_kind(x) != btf_kind(y))
		return "kind";
	if (strcmp(tname(c->a, x), tname(c->b, y)))
		return "name";
	if (btf_vlen(x) != btf_vlen(y) || btf_kflag(x) != btf_kflag(y))
		return "number of members or flag";
	switch (btf_kind(x)) {
	case BTF_KIND_INT:
		if (x->size != y->size || int_word(x) != int_word(y))
			return "size or encoding";
		break;
	case BTF_KIND_FLOAT:
		if (x->size != y->size)
			return "size";
		break;
	case BTF_KIND_ARRAY:
		if (btf_array(x)->nelems != btf_array(y)->nelems)
			return "element count";
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (x->size != y->size)
			return "size";
		mx = btf_members(x);
		my = btf_members(y);
		for (i = 0; i < n; i++, mx++, my++)
			if (strcmp(str(c->a, mx->name_off), str(c->b, my->name_off)) ||
			    mx->offset != my->offset)
				return "member name or offset";
		break;
	case BTF_KIND_ENUM:
		if (x->size != y->size)
			return "size";
		for (i = 0; i < n; i++)
			if (strcmp(str(c->a, btf_enum(x)[i].name_off),
				   str(c->b, btf_enum(y)[i].name_off)) ||
			    btf_enum(x)[i].val != btf_enum(y)[i].val)
				return "enumerator";
		break;
	case BTF_KIND_ENUM64:
		if (x->size != y->size)
			return "size";
		for (i = 0; i < n; i++)
			if (strcmp(str(c->a, btf_enum64(x)[i].name_off),
				   str(c->b, btf_enum64(y)[i].name_off)) ||
			    btf_enum64_value(&btf_enum64(x)[i]) !=
			    btf_enum64_value(&btf_enum64(y)[i]))
				return "enumerator";
		break;
	case BTF_KIND_FUNC_PROTO:
		px = btf_params(x);
		py = btf_params(y);
		for (i = 0; i < n; i++, px++, py++)
			if (strcmp(str(c->a, px->name_off), str(c->b, py->name_off)))
				return "parameter name";
		break;
	case BTF_KIND_VAR:
		if (btf_var(x)->linkage != btf_var(y)->linkage)
			return "linkage";
		break;
	case BTF_KIND_DATASEC:
		if (x->size != y->size)
			return "size";
		for (i = 0; i < n; i++)
			if (btf_var_secinfos(x)[i].offset != btf_var_secinfos(y)[i].offset ||
			    btf_var_secinfos(x)[i].size != btf_var_secinfos(y)[i].size)
				return "variable offset or size";
		break;
	case BTF_KIND_DECL_TAG:
		if (btf_decl_tag(x)->component_idx != btf_decl_tag(y)->component_idx)
			return "component";
		break;
	default:
		break;
	}
	return NULL;
}

/* Kinds found again by name in the running vmlinux (the rules' list). */
static bool by_name(const struct btf *btf, const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return str(btf, t->name_off)[0] != '\0';
	default:
		return false;
	}
}

/* struct and union, with a FWD counted as what it declares */
static int kind_class(const struct btf_type *t)
{
	if (btf_is_fwd(t))
		return btf_kflag(t) ? BTF_KIND_UNION : BTF_KIND_STRUCT;
	if (btf_is_enum64(t))
		return BTF_KIND_ENUM;
	return btf_kind(t);
}

/* A named base type @x matched by name: may it land on @y? */
static const char *named_diff(struct ctx *c, const struct btf_type *x,
			      const struct btf_type *y)
{
	if (strcmp(tname(c->a, x), tname(c->b, y)))
		return "other name";
	switch (btf_kind(x)) {
	case BTF_KIND_INT:
		if (!btf_is_int(y))
			return "other kind";
		if (x->size != y->size || int_word(x) != int_word(y))
			return "other size or encoding";
		return NULL;
	case BTF_KIND_FLOAT:
		if (!btf_is_float(y))
			return "other kind";
		return x->size != y->size ? "other size" : NULL;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		if (!btf_is_any_enum(y))
			return "other kind";
		return x->size != y->size ? "other size" : NULL;
	case BTF_KIND_FWD:
		if (!btf_is_fwd(y) && !btf_is_composite(y))
			return "other kind";
		return kind_class(x) != kind_class(y) ? "struct vs union" : NULL;
	default:		/* STRUCT, UNION */
		if (btf_kind(y) == btf_kind(x)) {
			if (x->size != y->size)
				c->rc->ptr_size_changed++;
			return NULL;
		}
		if (btf_is_fwd(y) && kind_class(y) == btf_kind(x))
			return NULL;
		return "other kind";
	}
}

static const struct btf_type *type_a(struct ctx *c, __u32 id)
{
	return btf__type_by_id(c->a, id);
}

static const struct btf_type *type_b(struct ctx *c, __u32 id)
{
	return btf__type_by_id(c->b, id);
}

/*
 * Does the reference to @x in the built BTF correspond to @y in the
 * reconciled one? A module type: the same module type. A base type found
 * by name: named_diff(). Anything else: same shape, recursively. NULL if
 * it does, else why not.
 */
static const char *same(struct ctx *c, __u32 x, __u32 y, int depth)
{
	const struct btf_type *tx, *ty;
	const char *why;
	int i, n, *memo;

	if (!x || !y)
		return x == y ? NULL : "void against a type";
	if (x >= c->a_start)
		return y == c->b_start + (x - c->a_start) ? NULL :
		       "not the same module type";
	if (y >= c->b_start && y < c->b_own_end)
		return "a base type landed on a module type";
	tx = type_a(c, x);
	ty = type_b(c, y);
	if (!tx || !ty)
		return "no such type";
	if (by_name(c->a, tx))
		return named_diff(c, tx, ty);
	if (depth >= MAX_DEPTH)
		return "types nested too deeply";
	memo = pair_find(&c->m->same, x, y);
	if (memo)
		return *memo ? NULL : "different shape";
	if (pair_add(&c->m->same, x, y, 2)) {
		c->err = -ENOMEM;
		return "out of memory";
	}
	why = shape_diff(c, tx, ty);
	n = why ? 0 : nr_refs(tx);
	for (i = 0; i < n && !why; i++)
		why = same(c, ref_at(tx, i), ref_at(ty, i), depth + 1);
	/* the table may have grown: look the entry up again */
	memo = pair_find(&c->m->same, x, y);
	if (memo)
		*memo = !why;
	return why;
}

/* ---- embedded layouts --------------------------------------------------- */

/* Skip typedefs and modifiers (and arrays if @arrays); 0 if void/looped. */
static __u32 skip(const struct btf *btf, __u32 id, bool arrays)
{
	const struct btf_type *t;
	int hops;

	for (hops = 0; hops < MAX_HOPS && id; hops++) {
		t = btf__type_by_id(btf, id);
		if (!t)
			return 0;
		if (btf_is_typedef(t) || btf_is_mod(t))
			id = t->type;
		else if (arrays && btf_is_array(t))
			id = btf_array(t)->type;
		else
			return id;
	}
	return 0;
}

static int push(struct ctx *c, __u32 a, __u32 b)
{
	struct refcheck_memo *m = c->m;

	if (m->nwork == m->capwork) {
		size_t cap = m->capwork ? m->capwork * 2 : 64;
		struct work *w = realloc(m->work, cap * sizeof(*w));

		if (!w)
			return c->err = -ENOMEM;
		m->work = w;
		m->capwork = cap;
	}
	m->work[m->nwork].a = a;
	m->work[m->nwork].b = b;
	m->nwork++;
	return 0;
}

/* Named members of composite @id, anonymous members expanded in place. */
static int flatten(const struct btf *btf, __u32 id, __u32 base_off,
		   struct flatv *out, int depth)
{
	const struct btf_type *t = btf__type_by_id(btf, id), *mt;
	const struct btf_member *m;
	const char *name;
	__u32 mid;
	int i, err;

	if (!t || !btf_is_composite(t) || depth > MAX_FLAT_DEPTH)
		return -EINVAL;
	for (i = 0, m = btf_members(t); i < btf_vlen(t); i++, m++) {
		name = str(btf, m->name_off);
		if (!name[0]) {
			mid = skip(btf, m->type, false);
			mt = btf__type_by_id(btf, mid);
			if (mid && mt && btf_is_composite(mt)) {
				err = flatten(btf, mid, base_off +
					      btf_member_bit_offset(t, i), out,
					      depth + 1);
				if (err)
					return err;
			}
			continue;	/* an unnamed bitfield: padding */
		}
		if (out->n == out->cap) {
			int cap = out->cap ? out->cap * 2 : 64;
			struct flat *f = realloc(out->f, cap * sizeof(*f));

			if (!f)
				return -ENOMEM;
			out->f = f;
			out->cap = cap;
		}
		out->f[out->n].name = name;
		out->f[out->n].type = m->type;
		out->f[out->n].bit_off = base_off + btf_member_bit_offset(t, i);
		out->f[out->n].bitfield_sz = btf_member_bitfield_size(t, i);
		out->n++;
	}
	return 0;
}

/*
 * Are member types @x (A) and @y (B) compatible, looking through
 * typedefs and modifiers? An embedded struct/union is queued for its own
 * layout comparison.
 */
static bool compatible(struct ctx *c, __u32 x, __u32 y, int depth)
{
	const struct btf_type *tx, *ty, *px, *py;
	__u32 ix, iy;

	x = skip(c->a, x, false);
	y = skip(c->b, y, false);
	if (!x || !y)
		return x == y;
	tx = type_a(c, x);
	ty = type_b(c, y);
	if (!tx || !ty || depth > MAX_DEPTH)
		return false;
	switch (btf_kind(tx)) {
	case BTF_KIND_INT:
		return btf_is_int(ty) && !strcmp(tname(c->a, tx), tname(c->b, ty)) &&
		       tx->size == ty->size && int_word(tx) == int_word(ty);
	case BTF_KIND_FLOAT:
		return btf_is_float(ty) && !strcmp(tname(c->a, tx), tname(c->b, ty)) &&
		       tx->size == ty->size;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return btf_is_any_enum(ty) && !strcmp(tname(c->a, tx), tname(c->b, ty)) &&
		       tx->size == ty->size;
	case BTF_KIND_PTR:
		if (!btf_is_ptr(ty))
			return false;
		ix = skip(c->a, tx->type, false);
		iy = skip(c->b, ty->type, false);
		if (!ix || !iy)
			return ix == iy;	/* void * only void * */
		px = type_a(c, ix);
		py = type_b(c, iy);
		if (!px || !py)
			return false;
		if (btf_is_func_proto(px) || btf_is_func_proto(py))
			return btf_is_func_proto(px) && btf_is_func_proto(py);
		return kind_class(px) == kind_class(py) &&
		       !strcmp(tname(c->a, px), tname(c->b, py));
	case BTF_KIND_ARRAY:
		return btf_is_array(ty) &&
		       btf_array(tx)->nelems == btf_array(ty)->nelems &&
		       compatible(c, btf_array(tx)->type, btf_array(ty)->type, depth + 1);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (btf_kind(ty) != btf_kind(tx) || strcmp(tname(c->a, tx), tname(c->b, ty)))
			return false;
		if (x >= c->a_start)	/* a module type: checked as one */
			return y == c->b_start + (x - c->a_start);
		return !push(c, x, y);
	case BTF_KIND_FUNC_PROTO:
		return btf_is_func_proto(ty);
	default:
		return kind_class(tx) == kind_class(ty) &&
		       !strcmp(tname(c->a, tx), tname(c->b, ty));
	}
}

static const char *describe(const struct btf *btf, __u32 id, char *buf, size_t sz)
{
	const struct btf_type *t;

	id = skip(btf, id, false);
	t = id ? btf__type_by_id(btf, id) : NULL;
	if (!id)
		snprintf(buf, sz, "void");
	else if (t && btf_is_ptr(t) && skip(btf, t->type, false))
		snprintf(buf, sz, "pointer to %s %s",
			 kname(btf__type_by_id(btf, skip(btf, t->type, false))),
			 tname(btf, btf__type_by_id(btf, skip(btf, t->type, false))));
	else if (t && btf_is_ptr(t))
		snprintf(buf, sz, "void *");
	else
		snprintf(buf, sz, "%s %s", kname(t), tname(btf, t));
	return buf;
}

/* Compare the layout of base composite @x (A) with @y (B). */
static void compare_layout(struct ctx *c, __u32 x, __u32 y)
{
	const struct btf_type *tx = type_a(c, x), *ty = type_b(c, y);
	struct flatv *fa = &c->m->fa, *fb = &c->m->fb;
	const char *name = tname(c->a, tx);
	char da[128], db[128];
	int i, j, hint = 0, err;

	if (!tx || !ty) {
		lwrong(c, "embedded type [%u] -> [%u]: no such type", x, y);
		return;
	}
	if (name[0])
		c->rc->layouts++;
	if (!btf_is_composite(ty) || btf_kind(ty) != btf_kind(tx)) {
		lwrong(c, "embedded %s %s: B has a %s", kname(tx), name, kname(ty));
		return;
	}
	if (tx->size != ty->size) {
		lwrong(c, "embedded %s %s: size %u in the module's BTF, %u in B",
		      kname(tx), name, tx->size, ty->size);
		return;
	}
	if (!btf_vlen(tx) && tx->size) {
		lwrong(c, "embedded %s %s: the module's BTF records none of its members",
		      kname(tx), name);
		return;
	}
	fa->n = fb->n = 0;
	err = flatten(c->a, x, 0, fa, 0);
	if (!err)
		err = flatten(c->b, y, 0, fb, 0);
	if (err) {
		lwrong(c, "embedded %s %s: members cannot be read (%d)", kname(tx), name, err);
		return;
	}
	for (i = 0; i < fa->n; i++) {
		struct flat *m = &fa->f[i];

		for (j = 0; j < fb->n; j++)
			if (!strcmp(fb->f[(hint + j) % fb->n].name, m->name))
				break;
		if (j == fb->n) {
			lwrong(c, "embedded %s %s: member %s missing in B", kname(tx), name, m->name);
			continue;
		}
		j = (hint + j) % fb->n;
		hint = j + 1;
		if (fb->f[j].bit_off != m->bit_off || fb->f[j].bitfield_sz != m->bitfield_sz) {
			lwrong(c, "embedded %s %s: member %s at bit %u (bitfield %u), in B at %u (%u)",
			      kname(tx), name, m->name, m->bit_off, m->bitfield_sz,
			      fb->f[j].bit_off, fb->f[j].bitfield_sz);
			continue;
		}
		if (!compatible(c, m->type, fb->f[j].type, 0))
			lwrong(c, "embedded %s %s: member %s is %s, in B %s", kname(tx), name,
			      m->name, describe(c->a, m->type, da, sizeof(da)),
			      describe(c->b, fb->f[j].type, db, sizeof(db)));
	}
}

/* A module type refers to @x (A) / @y (B) by value: check what it embeds. */
static void embeds(struct ctx *c, __u32 x, __u32 y)
{
	struct refcheck_memo *m = c->m;
	const struct btf_type *t;
	struct work w;

	x = skip(c->a, x, true);
	y = skip(c->b, y, true);
	t = x ? type_a(c, x) : NULL;
	if (!t || !btf_is_composite(t) || x >= c->a_start)
		return;		/* not a struct/union of the base */
	m->nwork = 0;
	if (push(c, x, y))
		return;
	while (m->nwork && !c->err) {
		w = m->work[--m->nwork];
		if (pair_find(&m->laid, w.a, w.b))
			continue;
		if (pair_add(&m->laid, w.a, w.b, 1)) {
			c->err = -ENOMEM;
			return;
		}
		compare_layout(c, w.a, w.b);
	}
}

/* ---- the module's own types --------------------------------------------- */

/* Types whose references embed by value: members, VARs, params, returns. */
static bool embeds_by_value(const struct btf_type *t)
{
	return btf_is_composite(t) || btf_is_var(t) || btf_is_func_proto(t);
}

static void check_own(struct ctx *c, __u32 k)
{
	__u32 ax = c->a_start + k, by = c->b_start + k, x, y;
	const struct btf_type *tx = type_a(c, ax), *ty = type_b(c, by), *rx, *ry;
	const char *why;
	int i, n;

	c->rc->types++;
	if (!tx || !ty) {
		wrong(c, "module type [%u]: missing", ax);
		return;
	}
	why = shape_diff(c, tx, ty);
	if (why) {
		wrong(c, "module type [%u] %s %s: %s differs in B's [%u] %s %s", ax,
		      kname(tx), tname(c->a, tx), why, by, kname(ty), tname(c->b, ty));
		return;
	}
	n = nr_refs(tx);
	for (i = 0; i < n && !c->err; i++) {
		x = ref_at(tx, i);
		y = ref_at(ty, i);
		c->rc->refs++;
		if (c->rc->mutate && y && y < c->b_start)
			y++;
		why = same(c, x, y, 0);
		if (why) {
			rx = x ? type_a(c, x) : NULL;
			ry = y ? type_b(c, y) : NULL;
			wrong(c, "module type [%u] %s %s, reference %d: [%u] %s %s landed on B's [%u] %s %s: %s",
			      ax, kname(tx), tname(c->a, tx), i, x, kname(rx), tname(c->a, rx),
			      y, kname(ry), tname(c->b, ry), why);
			continue;
		}
		if (embeds_by_value(tx))
			embeds(c, x, y);
	}
}

int refcheck_module(struct refcheck *rc, const struct btf *built,
		    const struct btf *reconciled)
{
	const struct btf *abase = btf__base_btf(built);
	const struct btf *bbase = btf__base_btf(reconciled);
	struct ctx c = { .rc = rc, .a = built, .b = reconciled };
	__u32 k, nr_b;

	rc->why[0] = '\0';
	if (!abase || !bbase) {
		snprintf(rc->why, sizeof(rc->why), "the %s BTF is not split BTF",
			 abase ? "reconciled" : "built");
		return -EINVAL;
	}
	if (!rc->memo) {
		rc->memo = calloc(1, sizeof(*rc->memo));
		if (!rc->memo) {
			snprintf(rc->why, sizeof(rc->why), "out of memory");
			return -ENOMEM;
		}
	}
	c.m = rc->memo;
	pair_clear(&c.m->same);
	pair_clear(&c.m->laid);
	c.a_start = btf__type_cnt(abase);
	c.b_start = btf__type_cnt(bbase);
	c.nr_own = btf__type_cnt(built) - c.a_start;
	nr_b = btf__type_cnt(reconciled) - c.b_start;
	c.b_own_end = c.b_start + c.nr_own;

	if (nr_b < c.nr_own) {
		wrong(&c, "the reconciled BTF has %u module types, the built one %u",
		      nr_b, c.nr_own);
		c.nr_own = nr_b;
		c.b_own_end = c.b_start + nr_b;
	} else if (nr_b > c.nr_own && !rc->copies_ok) {
		wrong(&c, "the reconciled BTF has %u module types, the built one %u",
		      nr_b, c.nr_own);
	}
	for (k = 0; k < c.nr_own && !c.err; k++)
		check_own(&c, k);
	if (c.err) {
		snprintf(rc->why, sizeof(rc->why), "out of memory");
		return c.err;
	}
	return 0;
}

void refcheck_free(struct refcheck *rc)
{
	struct refcheck_memo *m = rc->memo;

	if (!m)
		return;
	free(m->same.e);
	free(m->laid.e);
	free(m->fa.f);
	free(m->fb.f);
	free(m->work);
	free(m);
	rc->memo = NULL;
}
