// SPDX-License-Identifier: GPL-2.0
/*
 * btfcorpus - real-world corpus benchmark for base reference BTF.
 *
 * For a kernel pair A -> B (two unpacked Debian kernel images, see
 * corpus/fetch) and every module of A (or those of a list):
 *
 *  1. parse the module's .BTF as split BTF on A's vmlinux BTF
 *     (btf__parse_opts() with .btf_sec = ".BTF");
 *  2. btf__new_split_base_ref(): base reference BTF + new split BTF;
 *  3. write both out with btf__raw_data() and read them back with
 *     btf__new() / btf__new_split(), as a loader reads the two sections;
 *  4. btf__reconcile() the read-back split BTF onto B's vmlinux BTF,
 *     capturing libbpf's warnings, and classify the outcome;
 *  5. for accepted modules, check the result independently of the
 *     reconcile code: every reference from the module's original types
 *     into A's vmlinux must land on a B type of the same name and kind
 *     (anonymous / copied types compared structurally), references inside
 *     the module must be unchanged, and every struct/union the module
 *     embeds by value must have the same size and the same members at the
 *     same offsets in B (transitively);
 *  6. compare the module's named structs/unions after reconciliation with
 *     B's own build of the same module, where B ships it;
 *  7. time generation and reconciliation (the latter twice, on fresh
 *     copies: the second call is the steady state) and measure sizes.
 *
 * Writes one TSV line per module and a JSON summary.
 *
 * Usage: btfcorpus [-l LIST] [-t TSV] [-j JSON] [-n NAME] [-d DIR] [-M] [-q] A_DIR B_DIR
 * A_DIR/B_DIR hold vmlinux.btf, modules/ and modules.list (corpus/fetch).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf_type_refs.h"

#define MAX_DEPTH	24	/* structural comparison depth */
#define MAX_REFS	65536	/* type references of one type */
#define TOP_N		10
#define NR_WARM		3	/* timed warm reconcile calls per module */

enum cls {
	CLS_SIZE,	/* embedded struct/union size change */
	CLS_MOVED,
	CLS_RETYPED,
	CLS_REMOVED,
	CLS_BITFIELD,
	CLS_MISSING,
	CLS_AMBIGUOUS,
	CLS_OTHER,
	NR_CLS,
};

static const char * const cls_name[NR_CLS] = {
	"size", "moved", "retyped", "removed", "bitfield", "missing",
	"ambiguous", "other",
};

/* ---- captured libbpf output ------------------------------------------ */

static char *log_buf;
static size_t log_len, log_cap;

static int print_cb(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char line[1024];
	size_t n;
	int len;

	if (level != LIBBPF_WARN)
		return 0;
	len = vsnprintf(line, sizeof(line), fmt, ap);
	if (len < 0)
		return 0;
	n = strnlen(line, sizeof(line) - 1);
	if (log_len + n + 1 > log_cap) {
		size_t cap = (log_cap ? log_cap * 2 : 4096) + n;
		char *p = realloc(log_buf, cap);

		if (!p)
			return 0;	/* lose the line rather than crash */
		log_buf = p;
		log_cap = cap;
	}
	memcpy(log_buf + log_len, line, n);
	log_len += n;
	log_buf[log_len] = '\0';
	return 0;
}

static void log_reset(void)
{
	log_len = 0;
	if (log_buf)
		log_buf[0] = '\0';
}

/* ---- small helpers ------------------------------------------------------ */

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void *xrealloc(void *p, size_t sz)
{
	p = realloc(p, sz);
	if (!p) {
		fprintf(stderr, "btfcorpus: out of memory\n");
		exit(2);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p) {
		fprintf(stderr, "btfcorpus: out of memory\n");
		exit(2);
	}
	return p;
}

struct dvec {
	double *v;
	size_t n, cap;
};

static void dvec_push(struct dvec *d, double x)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 1024;
		d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	d->v[d->n++] = x;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double dvec_mean(const struct dvec *d)
{
	double s = 0;
	size_t i;

	for (i = 0; i < d->n; i++)
		s += d->v[i];
	return d->n ? s / d->n : 0;
}

/* sorts in place */
static double dvec_pct(struct dvec *d, double pct)
{
	size_t i;

	if (!d->n)
		return 0;
	qsort(d->v, d->n, sizeof(*d->v), cmp_double);
	if (pct == 50 && !(d->n & 1))
		return (d->v[d->n / 2 - 1] + d->v[d->n / 2]) / 2;
	i = (size_t)(pct / 100.0 * (d->n - 1) + 0.5);
	return d->v[i];
}

static double dvec_max(const struct dvec *d)
{
	double m = 0;
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i] > m)
			m = d->v[i];
	return m;
}

/* counted names, for "types most often responsible" */
struct counter {
	char *name;
	long cnt;
};

struct counters {
	struct counter *c;
	size_t n, cap;
};

static void counters_add(struct counters *cs, const char *name)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		if (!strcmp(cs->c[i].name, name)) {
			cs->c[i].cnt++;
			return;
		}
	}
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 64;
		cs->c = xrealloc(cs->c, cs->cap * sizeof(*cs->c));
	}
	cs->c[cs->n].name = xstrdup(name);
	cs->c[cs->n].cnt = 1;
	cs->n++;
}

static int cmp_counter(const void *a, const void *b)
{
	const struct counter *x = a, *y = b;

	if (x->cnt != y->cnt)
		return x->cnt < y->cnt ? 1 : -1;
	return strcmp(x->name, y->name);
}

static void counters_free(struct counters *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		free(cs->c[i].name);
	free(cs->c);
	cs->c = NULL;
	cs->n = cs->cap = 0;
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

/* TSV fields must not hold tabs or newlines */
static void tsv_clean(char *s)
{
	for (; *s; s++)
		if (*s == '\t' || *s == '\n')
			*s = ' ';
}

/* ---- BTF walking, written here independently of libbpf's internals ---- */

static const char *tname(const struct btf *btf, const struct btf_type *t)
{
	const char *s = btf__name_by_offset(btf, t->name_off);

	return s ? s : "";
}

static bool is_name_matched_kind(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return t->name_off != 0;
	default:
		return false;
	}
}

/* Kinds a reference to @a may land on, per the compatibility rules. */
static bool kind_compatible(const struct btf_type *a, const struct btf_type *b)
{
	int ka = btf_kind(a), kb = btf_kind(b);

	if (ka == kb)
		return ka != BTF_KIND_FWD || btf_kflag(a) == btf_kflag(b);
	if (btf_is_any_enum(a) && btf_is_any_enum(b))
		return true;
	if (ka == BTF_KIND_FWD)
		return (kb == BTF_KIND_STRUCT && !btf_kflag(a)) ||
		       (kb == BTF_KIND_UNION && btf_kflag(a));
	/* a struct/union B only declares (embedding is checked apart) */
	if (kb == BTF_KIND_FWD)
		return (ka == BTF_KIND_STRUCT && !btf_kflag(b)) ||
		       (ka == BTF_KIND_UNION && btf_kflag(b));
	return false;
}

struct check {
	const struct btf *a;	/* original split BTF, on A's vmlinux */
	const struct btf *r;	/* reconciled split BTF, on B's vmlinux */
	__u32 a_start, r_start;	/* first split type ID on each side */
	char *why;		/* first mismatch, for the TSV */
	size_t why_sz;
	long refs, ref_bad, ptr_size_changed, depth_cut;
	bool mutate;		/* -M: self-test, shift every B reference */
};

static void check_fail(struct check *c, const char *fmt, ...)
{
	va_list ap;

	if (c->why[0])
		return;
	va_start(ap, fmt);
	vsnprintf(c->why, c->why_sz, fmt, ap);
	va_end(ap);
}

/*
 * Does type @aid of the original BTF correspond to @rid of the reconciled
 * one? Named INT/FLOAT/ENUM/FWD/STRUCT/UNION: same name and compatible
 * kind (matched by name). Everything else: same kind, name and shape,
 * recursively.
 */
static bool same_type(struct check *c, __u32 aid, __u32 rid, int depth)
{
	const struct btf_type *at, *rt;
	const struct btf_member *am, *rm;
	const struct btf_param *ap, *rp;
	__u32 arefs[2], rrefs[2];
	int i, n, vlen;

	if (!aid || !rid)
		return aid == rid;
	at = btf__type_by_id(c->a, aid);
	rt = btf__type_by_id(c->r, rid);
	if (!at || !rt)
		return false;
	if (strcmp(tname(c->a, at), tname(c->r, rt)))
		return false;
	if (is_name_matched_kind(at)) {
		if (!kind_compatible(at, rt))
			return false;
		if (btf_is_composite(at) && btf_is_composite(rt) &&
		    at->size != rt->size)
			c->ptr_size_changed++;
		return true;
	}
	if (btf_kind(at) != btf_kind(rt) || btf_vlen(at) != btf_vlen(rt))
		return false;
	if (depth >= MAX_DEPTH) {
		c->depth_cut++;
		return true;
	}
	vlen = btf_vlen(at);
	switch (btf_kind(at)) {
	case BTF_KIND_STRUCT:	/* anonymous */
	case BTF_KIND_UNION:
		if (at->size != rt->size)
			return false;
		am = btf_members(at);
		rm = btf_members(rt);
		for (i = 0; i < vlen; i++, am++, rm++) {
			if (strcmp(btf__name_by_offset(c->a, am->name_off) ?: "",
				   btf__name_by_offset(c->r, rm->name_off) ?: "") ||
			    am->offset != rm->offset ||
			    !same_type(c, am->type, rm->type, depth + 1))
				return false;
		}
		return true;
	case BTF_KIND_ENUM:	/* anonymous: values travel with it */
	case BTF_KIND_ENUM64:
		if (at->size != rt->size)
			return false;
		if (vlen && strcmp(btf__name_by_offset(c->a, btf_is_enum(at) ?
						btf_enum(at)->name_off :
						btf_enum64(at)->name_off) ?: "",
				   btf__name_by_offset(c->r, btf_is_enum(rt) ?
						btf_enum(rt)->name_off :
						btf_enum64(rt)->name_off) ?: ""))
			return false;
		return true;
	case BTF_KIND_FUNC_PROTO:
		if (!same_type(c, at->type, rt->type, depth + 1))
			return false;
		ap = btf_params(at);
		rp = btf_params(rt);
		for (i = 0; i < vlen; i++, ap++, rp++)
			if (!same_type(c, ap->type, rp->type, depth + 1))
				return false;
		return true;
	case BTF_KIND_ARRAY:
		if (btf_array(at)->nelems != btf_array(rt)->nelems)
			return false;
		/* fall through */
	default:
		n = btf_type_refs(at, arefs, 2);
		if (n != btf_type_refs(rt, rrefs, 2))
			return false;
		for (i = 0; i < n; i++)
			if (!same_type(c, arefs[i], rrefs[i], depth + 1))
				return false;
		return true;
	}
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

/*
 * Check every type reference of the module's own types: into A's vmlinux
 * (must land on a corresponding B type) and inside the module (must be
 * the same type, renumbered).
 */
static int check_refs(struct check *c, __u32 nr_own)
{
	static __u32 arefs[MAX_REFS], rrefs[MAX_REFS];
	const struct btf_type *at, *rt;
	__u32 k, aid, rid;
	int i, n, m;

	for (k = 0; k < nr_own; k++) {
		aid = c->a_start + k;
		rid = c->r_start + k;
		at = btf__type_by_id(c->a, aid);
		rt = btf__type_by_id(c->r, rid);
		if (!at || !rt)
			return -EINVAL;
		if (btf_kind(at) != btf_kind(rt) || btf_vlen(at) != btf_vlen(rt) ||
		    strcmp(tname(c->a, at), tname(c->r, rt))) {
			c->ref_bad++;
			check_fail(c, "own type [%u] %s changed kind/name/vlen",
				   aid, tname(c->a, at));
			continue;
		}
		if (btf_is_composite(at) &&
		    (at->size != rt->size || !same_members(c->a, at, c->r, rt))) {
			c->ref_bad++;
			check_fail(c, "own type [%u] %s changed layout",
				   aid, tname(c->a, at));
			continue;
		}
		n = btf_type_refs(at, arefs, MAX_REFS);
		m = btf_type_refs(rt, rrefs, MAX_REFS);
		if (n < 0 || m < 0)
			return n < 0 ? n : m;
		for (i = 0; i < n; i++) {
			c->refs++;
			if (c->mutate && rrefs[i] && rrefs[i] + 1 < c->r_start)
				rrefs[i]++;
			if (arefs[i] >= c->a_start) {
				if (rrefs[i] != arefs[i] - c->a_start + c->r_start) {
					c->ref_bad++;
					check_fail(c, "[%u] %s: internal ref %u -> %u",
						   aid, tname(c->a, at), arefs[i],
						   rrefs[i]);
				}
				continue;
			}
			if (!same_type(c, arefs[i], rrefs[i], 0)) {
				const struct btf_type *x = btf__type_by_id(c->a, arefs[i]);
				const struct btf_type *y = btf__type_by_id(c->r, rrefs[i]);

				c->ref_bad++;
				check_fail(c, "[%u] %s: ref to A [%u] kind %u '%s' landed on [%u] kind %u '%s'",
					   aid, tname(c->a, at), arefs[i],
					   x ? btf_kind(x) : 0, x ? tname(c->a, x) : "?",
					   rrefs[i], y ? btf_kind(y) : 0,
					   y ? tname(c->r, y) : "?");
			}
		}
	}
	return 0;
}

/* ---- independent layout check of embedded structs/unions --------------- */

/* Skip typedefs, modifiers (and arrays if @arrays); 0 if looped. */
static __u32 skip_mods(const struct btf *btf, __u32 id, bool arrays)
{
	const struct btf_type *t;
	int hops;

	for (hops = 0; hops < 64 && id; hops++) {
		t = btf__type_by_id(btf, id);
		if (!t)
			return 0;
		switch (btf_kind(t)) {
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			id = t->type;
			break;
		case BTF_KIND_ARRAY:
			if (!arrays)
				return id;
			id = btf_array(t)->type;
			break;
		default:
			return id;
		}
	}
	return 0;
}

struct flat {
	const char *name;
	__u32 type, bit_off, bitfield_sz;
};

struct flatv {
	struct flat *f;
	int n, cap;
};

/* members of composite @id, anonymous members expanded, absolute offsets */
static int flatten(const struct btf *btf, __u32 id, __u32 base_off,
		   struct flatv *out, int depth)
{
	const struct btf_type *t = btf__type_by_id(btf, id), *mt;
	const struct btf_member *m;
	const char *name;
	__u32 mid;
	int i, err;

	if (!t || !btf_is_composite(t) || depth > 32)
		return -EINVAL;
	for (i = 0, m = btf_members(t); i < btf_vlen(t); i++, m++) {
		name = btf__name_by_offset(btf, m->name_off) ?: "";
		if (!name[0]) {
			mid = skip_mods(btf, m->type, false);
			mt = btf__type_by_id(btf, mid);
			if (mt && btf_is_composite(mt)) {
				err = flatten(btf, mid, base_off +
					      btf_member_bit_offset(t, i), out,
					      depth + 1);
				if (err)
					return err;
			}
			continue;
		}
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 64;
			out->f = xrealloc(out->f, out->cap * sizeof(*out->f));
		}
		out->f[out->n].name = name;
		out->f[out->n].type = m->type;
		out->f[out->n].bit_off = base_off + btf_member_bit_offset(t, i);
		out->f[out->n].bitfield_sz = btf_member_bitfield_size(t, i);
		out->n++;
	}
	return 0;
}

/* A short description of a member type for compatibility checks. */
static void shape(const struct btf *btf, __u32 id, char *buf, size_t sz)
{
	const struct btf_type *t;
	size_t len = 0;
	int hops;

	buf[0] = '\0';
	for (hops = 0; hops < 16; hops++) {
		id = skip_mods(btf, id, false);
		t = id ? btf__type_by_id(btf, id) : NULL;
		if (!t) {
			snprintf(buf + len, sz - len, "void");
			return;
		}
		if (btf_is_array(t)) {
			len += snprintf(buf + len, sz - len, "[%u]",
					btf_array(t)->nelems);
			if (len >= sz)
				return;
			id = btf_array(t)->type;
			continue;
		}
		if (btf_is_any_enum(t)) {
			snprintf(buf + len, sz - len, "enum:%s/%u",
				 tname(btf, t), t->size);
			return;
		}
		if (btf_is_ptr(t)) {
			/* a pointer by its pointee's kind and name: a FWD
			 * is the struct/union it declares, an enum64 an
			 * enum, any function prototype is like any other
			 */
			id = skip_mods(btf, t->type, false);
			t = id ? btf__type_by_id(btf, id) : NULL;
			if (!t)
				snprintf(buf + len, sz - len, "ptr:void");
			else if (btf_is_func_proto(t))
				snprintf(buf + len, sz - len, "ptr:proto");
			else
				snprintf(buf + len, sz - len, "ptr:%u:%s",
					 btf_is_fwd(t) ? (btf_kflag(t) ?
					 BTF_KIND_UNION : BTF_KIND_STRUCT) :
					 btf_is_enum64(t) ? BTF_KIND_ENUM :
					 btf_kind(t), tname(btf, t));
			return;
		}
		snprintf(buf + len, sz - len, "%u:%s", btf_kind(t),
			 tname(btf, t));
		return;
	}
}

struct lay {
	const struct btf *a, *r;
	__u32 a_start;
	__u32 *seen;		/* A-side composite IDs already checked */
	int nseen, capseen;
	struct flatv fa, fr;
	long checked, bad;
	char *why;
	size_t why_sz;
};

static bool lay_seen(struct lay *l, __u32 aid)
{
	int i;

	for (i = 0; i < l->nseen; i++)
		if (l->seen[i] == aid)
			return true;
	if (l->nseen == l->capseen) {
		l->capseen = l->capseen ? l->capseen * 2 : 64;
		l->seen = xrealloc(l->seen, l->capseen * sizeof(*l->seen));
	}
	l->seen[l->nseen++] = aid;
	return false;
}

static void lay_fail(struct lay *l, const char *fmt, ...)
{
	va_list ap;

	l->bad++;
	if (l->why[0])
		return;
	va_start(ap, fmt);
	vsnprintf(l->why, l->why_sz, fmt, ap);
	va_end(ap);
}

/*
 * Composite @aid (original side) is embedded by value and corresponds to
 * @rid (reconciled side). If it is a vmlinux type of A, its B counterpart
 * must have the same size and every A member at the same place with a
 * compatible type; recurse into members embedded by value either way.
 */
static int check_embedded(struct lay *l, __u32 aid, __u32 rid)
{
	struct { __u32 a, r; } *work = NULL, *w;
	int nwork = 0, capwork = 0, i, j, err = 0, na;
	const struct btf_type *at, *rt;
	char sa[128], sr[128];
	struct flat *fa;

	capwork = 16;
	work = xrealloc(NULL, capwork * sizeof(*work));
	work[nwork].a = aid;
	work[nwork].r = rid;
	nwork++;

	while (nwork) {
		nwork--;
		aid = work[nwork].a;
		rid = work[nwork].r;
		if (lay_seen(l, aid))
			continue;
		at = btf__type_by_id(l->a, aid);
		rt = btf__type_by_id(l->r, rid);
		if (!at || !rt) {
			err = -EINVAL;
			break;
		}
		if (aid < l->a_start && at->name_off) {
			l->checked++;
			if (!btf_is_composite(rt) || btf_kind(at) != btf_kind(rt)) {
				lay_fail(l, "%s: embedded, landed on kind %u",
					 tname(l->a, at), btf_kind(rt));
				continue;
			}
			if (at->size != rt->size) {
				lay_fail(l, "%s: embedded, size %u -> %u",
					 tname(l->a, at), at->size, rt->size);
				continue;
			}
		}
		l->fa.n = l->fr.n = 0;
		err = flatten(l->a, aid, 0, &l->fa, 0);
		if (!err)
			err = flatten(l->r, rid, 0, &l->fr, 0);
		if (err)
			break;
		na = l->fa.n;
		for (i = 0; i < na; i++) {
			fa = &l->fa.f[i];
			for (j = 0; j < l->fr.n; j++)
				if (!strcmp(l->fr.f[j].name, fa->name))
					break;
			if (j == l->fr.n) {
				lay_fail(l, "%s: member %s missing",
					 tname(l->a, at), fa->name);
				continue;
			}
			if (l->fr.f[j].bit_off != fa->bit_off ||
			    l->fr.f[j].bitfield_sz != fa->bitfield_sz) {
				lay_fail(l, "%s: member %s at %u:%u -> %u:%u",
					 tname(l->a, at), fa->name, fa->bit_off,
					 fa->bitfield_sz, l->fr.f[j].bit_off,
					 l->fr.f[j].bitfield_sz);
				continue;
			}
			shape(l->a, fa->type, sa, sizeof(sa));
			shape(l->r, l->fr.f[j].type, sr, sizeof(sr));
			if (strcmp(sa, sr)) {
				lay_fail(l, "%s: member %s type %s -> %s",
					 tname(l->a, at), fa->name, sa, sr);
				continue;
			}
			{
				__u32 ma = skip_mods(l->a, fa->type, true);
				__u32 mr = skip_mods(l->r, l->fr.f[j].type, true);
				const struct btf_type *mt = btf__type_by_id(l->a, ma);

				if (!mt || !btf_is_composite(mt))
					continue;
				if (nwork == capwork) {
					capwork *= 2;
					work = xrealloc(work, capwork * sizeof(*work));
				}
				w = &work[nwork++];
				w->a = ma;
				w->r = mr;
			}
		}
	}
	free(work);
	return err;
}

/* Structs/unions/vars of the module's own types embed composites by value. */
static int check_layouts(struct lay *l, __u32 r_start, __u32 nr_own)
{
	static __u32 arefs[MAX_REFS], rrefs[MAX_REFS];
	const struct btf_type *at, *rt, *mt;
	__u32 k, ma, mr;
	int i, n, err;

	for (k = 0; k < nr_own; k++) {
		at = btf__type_by_id(l->a, l->a_start + k);
		rt = btf__type_by_id(l->r, r_start + k);
		if (!at || !rt)
			return -EINVAL;
		if (!btf_is_composite(at) && !btf_is_var(at))
			continue;
		n = btf_type_refs(at, arefs, MAX_REFS);
		if (n < 0 || n != btf_type_refs(rt, rrefs, MAX_REFS))
			return -EINVAL;
		for (i = 0; i < n; i++) {
			ma = skip_mods(l->a, arefs[i], true);
			mr = skip_mods(l->r, rrefs[i], true);
			mt = btf__type_by_id(l->a, ma);
			if (!ma || !mt || !btf_is_composite(mt))
				continue;
			if (ma >= l->a_start)
				continue;	/* module's own: checked itself */
			err = check_embedded(l, ma, mr);
			if (err)
				return err;
		}
	}
	return 0;
}

/* ---- comparison with B's own build of the module ----------------------- */

struct bcmp {
	long types, agree, absent, size, members;
	long a_differs;		/* disagreeing, and A's own build differs too */
	char *why;
	size_t why_sz;
};

/* Is @u (B's build) the same as @t? */
static bool same_layout(const struct btf *x, const struct btf_type *t,
			const struct btf *y, const struct btf_type *u)
{
	return t->size == u->size && same_members(x, t, y, u);
}

static int compare_with_b(struct bcmp *bc, const struct btf *r, __u32 r_start,
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

/* ---- classification of reconcile warnings ------------------------------ */

/* Classify one warn line; put the responsible type into @type. */
static enum cls classify(const char *line, char *type, size_t sz)
{
	const char *p = strstr(line, "btf_reconcile: ");
	const char *colon;
	size_t n;

	type[0] = '\0';
	if (!p)
		return CLS_OTHER;
	p += strlen("btf_reconcile: ");
	colon = strstr(p, ": ");
	if (colon) {
		n = colon - p < (long)sz - 1 ? (size_t)(colon - p) : sz - 1;
		memcpy(type, p, n);
		type[n] = '\0';
	}
	if (strstr(p, "' moved from bit "))
		return CLS_MOVED;
	if (strstr(p, "' retyped: "))
		return CLS_RETYPED;
	if (strstr(p, "' removed"))
		return CLS_REMOVED;
	if (strstr(p, "' bitfield size "))
		return CLS_BITFIELD;
	if (strstr(p, ": not found in base BTF"))
		return CLS_MISSING;
	if (strstr(p, ": ambiguous"))
		return CLS_AMBIGUOUS;
	if (strstr(p, ": expected size ") &&
	    (!strncmp(p, "struct ", 7) || !strncmp(p, "union ", 6)))
		return CLS_SIZE;
	return CLS_OTHER;
}

/* ---- per-module processing --------------------------------------------- */

struct pair {
	const char *a_dir, *b_dir;
	struct btf *a_vml, *b_vml;
	FILE *tsv;
	bool quiet;
	const char *dump_dir;
	bool mutate;

	long nr, accepted, rejected, genfail;
	long cls_mods[NR_CLS], cls_lines[NR_CLS];
	struct counters types, genfail_why, other_lines;
	struct dvec gen_us, rc1_us, rc2_us, rcmin_us, rcmin_acc_us, ref_bytes;
	double index_us, first_rc_us;
	bool first_done;
	unsigned long long orig_bytes, new_ref_bytes, new_split_bytes;
	unsigned long long ref_types, ref_members, ref_str_bytes;
	unsigned long long ref_layout_bytes;	/* member records + their names */
	long refs, ref_bad, ptr_size_changed, depth_cut;
	long lay_checked, lay_bad, checked_mods;
	long in_b;
	struct bcmp bc;
	long bc_mods_agree;
	struct lay lay;
};

struct result {
	const char *outcome;
	char classes[128];
	char types[512];
	char msg[512];
	char check_why[256];
	char lay_why[256];
	char b_why[256];
	int err;
	size_t orig_sz, ref_sz, split_sz;
	double gen_us, rc1_us, rc2_us, rcmin_us;
	long refs, ref_bad, lay_checked, lay_bad;
	int in_b;
	long b_types, b_agree;
};

static void first_line(char *dst, size_t sz)
{
	const char *s = log_buf ? log_buf : "";
	const char *p = strstr(s, "libbpf: ");
	size_t n;

	if (p)
		s = p + strlen("libbpf: ");
	n = strcspn(s, "\n");
	if (n >= sz)
		n = sz - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
	tsv_clean(dst);
}

/*
 * Raw bytes -> BTF, through a memory file: btf__new_split() is declared
 * in 6.1's btf.h and listed in libbpf.map, but 6.1's btf.c never defines
 * it, so split BTF is read back with btf__parse_raw_split() instead.
 */
static struct btf *from_raw(const void *data, __u32 sz, struct btf *base)
{
	char path[64];
	struct btf *btf;
	int fd, err;

	if (!base)
		return btf__new(data, sz);
	fd = memfd_create("btfcorpus", MFD_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (write(fd, data, sz) != (ssize_t)sz) {
		err = errno ?: EIO;
		close(fd);
		errno = err;
		return NULL;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	btf = btf__parse_raw_split(path, base);
	err = errno;
	close(fd);
	errno = err;
	return btf;
}

/* read back raw bytes as a loader reads two ELF sections */
static int roundtrip(const struct btf *ref, const struct btf *split,
		     struct btf **ref_out, struct btf **split_out,
		     size_t *ref_sz, size_t *split_sz)
{
	const void *rd, *sd;
	__u32 rsz, ssz;
	struct btf *r, *s;

	rd = btf__raw_data(ref, &rsz);
	sd = btf__raw_data(split, &ssz);
	if (!rd || !sd)
		return -errno ?: -ENOMEM;
	r = from_raw(rd, rsz, NULL);
	if (!r)
		return -errno;
	s = from_raw(sd, ssz, r);
	if (!s) {
		int err = -errno;

		btf__free(r);
		return err;
	}
	*ref_out = r;
	*split_out = s;
	if (ref_sz)
		*ref_sz = rsz;
	if (split_sz)
		*split_sz = ssz;
	return 0;
}

enum { STR_UNUSED, STR_TYPE_NAME, STR_MEMBER_NAME_ONLY };

/* Bytes of the member layouts in base reference @ref: 12 per member
 * record plus the strings only member names use. What is left is what a
 * base reference of names and sizes alone (upstream's design) would hold.
 */
static unsigned long long layout_bytes(const struct btf *ref, __u32 str_len)
{
	unsigned long long bytes = 0;
	__u32 id, i, n = btf__type_cnt(ref);
	const struct btf_member *m;
	const struct btf_type *t;
	__u8 *use;

	use = calloc(str_len ? str_len : 1, 1);
	if (!use)
		return 0;
	for (id = 1; id < n; id++) {
		t = btf__type_by_id(ref, id);
		if (t->name_off < str_len)
			use[t->name_off] = STR_TYPE_NAME;
	}
	for (id = 1; id < n; id++) {
		t = btf__type_by_id(ref, id);
		if (!btf_is_composite(t))
			continue;
		bytes += (unsigned long long)btf_vlen(t) * sizeof(*m);
		for (i = 0, m = btf_members(t); i < btf_vlen(t); i++, m++)
			if (m->name_off && m->name_off < str_len &&
			    use[m->name_off] == STR_UNUSED)
				use[m->name_off] = STR_MEMBER_NAME_ONLY;
	}
	for (i = 0; i < str_len; i++)
		if (use[i] == STR_MEMBER_NAME_ONLY)
			bytes += strlen(btf__str_by_offset(ref, i)) + 1;
	free(use);
	return bytes;
}

/* where base reference bytes go: entries, recorded members, strings */
static void ref_stats(struct pair *pr, const struct btf *ref)
{
	const struct btf_header *hdr;
	const struct btf_type *t;
	__u32 id, n = btf__type_cnt(ref), sz;

	for (id = 1; id < n; id++) {
		t = btf__type_by_id(ref, id);
		pr->ref_types++;
		if (btf_is_composite(t))
			pr->ref_members += btf_vlen(t);
	}
	hdr = btf__raw_data(ref, &sz);
	if (hdr && sz >= sizeof(*hdr)) {
		pr->ref_str_bytes += hdr->str_len;
		pr->ref_layout_bytes += layout_bytes(ref, hdr->str_len);
	}
}

static void dump_one(const char *dir, const char *rel, const char *ext,
		     const struct btf *btf)
{
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	char path[PATH_MAX];
	const void *data;
	__u32 sz;
	FILE *f;

	data = btf__raw_data(btf, &sz);
	snprintf(path, sizeof(path), "%s/%s%s", dir, base, ext);
	f = fopen(path, "w");
	if (!data || !f || fwrite(data, 1, sz, f) != sz) {
		fprintf(stderr, "btfcorpus: cannot write %s\n", path);
		exit(2);
	}
	if (fclose(f)) {
		fprintf(stderr, "btfcorpus: cannot write %s\n", path);
		exit(2);
	}
}

/* -d DIR: keep the raw sections, for bpftool btf dump */
static void dump_raw(const char *dir, const char *rel, const struct btf *ref,
		     const struct btf *split)
{
	dump_one(dir, rel, ".base_ref", ref);
	dump_one(dir, rel, ".split", split);
}

/*
 * btf__index_names() builds B's name index once: time it, then the first
 * btf__reconcile() of a module (cold caches).
 */
static int warm_up(struct pair *pr, const struct btf *ref,
		   const struct btf *split)
{
	struct btf *r = NULL, *s = NULL;
	double t;
	int err;

	t = now_us();
	err = btf__index_names(pr->b_vml);
	pr->index_us = now_us() - t;
	if (err)
		return err;
	err = roundtrip(ref, split, &r, &s, NULL, NULL);
	if (err)
		return err;
	t = now_us();
	btf__reconcile(s, pr->b_vml);
	pr->first_rc_us = now_us() - t;
	btf__free(s);
	btf__free(r);
	log_reset();
	pr->first_done = true;
	return 0;
}

static void do_module(struct pair *pr, const char *rel, struct result *res)
{
	LIBBPF_OPTS(btf_parse_opts, popts, .btf_sec = ".BTF");
	struct btf *orig = NULL, *ref = NULL, *split = NULL;
	struct btf *ref1 = NULL, *split1 = NULL, *ref2 = NULL, *split2 = NULL;
	struct btf *bmod = NULL;
	char path[PATH_MAX], line_type[256], *line, *save = NULL;
	bool seen_cls[NR_CLS] = {};
	size_t tlen = 0;
	__u32 nr_own, osz;
	double t0;
	int err, i;

	memset(res, 0, sizeof(*res));
	res->in_b = -1;
	snprintf(path, sizeof(path), "%s/modules/%s", pr->a_dir, rel);

	/* 1. the module's split BTF on A's vmlinux */
	log_reset();
	popts.base_btf = pr->a_vml;
	orig = btf__parse_opts(path, &popts);
	if (!orig) {
		res->err = -errno;
		res->outcome = "genfail";
		snprintf(res->classes, sizeof(res->classes), "parse");
		goto out;
	}
	if (!btf__raw_data(orig, &osz)) {
		res->err = -errno;
		res->outcome = "genfail";
		snprintf(res->classes, sizeof(res->classes), "raw");
		goto out;
	}
	res->orig_sz = osz;
	nr_own = btf__type_cnt(orig) - btf__type_cnt(pr->a_vml);

	/* 2. base reference + new split */
	t0 = now_us();
	err = btf__new_split_base_ref(orig, &ref, &split);
	res->gen_us = now_us() - t0;
	if (err) {
		res->err = err;
		res->outcome = "genfail";
		snprintf(res->classes, sizeof(res->classes), "base_ref");
		ref = split = NULL;
		goto out;
	}

	if (pr->dump_dir)
		dump_raw(pr->dump_dir, rel, ref, split);
	ref_stats(pr, ref);

	/* 3. raw bytes and back, twice: one copy per reconcile call */
	err = roundtrip(ref, split, &ref1, &split1, &res->ref_sz, &res->split_sz);
	if (!err)
		err = roundtrip(ref, split, &ref2, &split2, NULL, NULL);
	if (err) {
		res->err = err;
		res->outcome = "genfail";
		snprintf(res->classes, sizeof(res->classes), "roundtrip");
		goto out;
	}
	if (btf__type_cnt(split1) - btf__type_cnt(ref1) < nr_own) {
		res->err = -EINVAL;
		res->outcome = "genfail";
		snprintf(res->classes, sizeof(res->classes), "lost_types");
		goto out;
	}

	/* 4. reconcile onto B, twice */
	if (!pr->first_done) {
		err = warm_up(pr, ref, split);
		if (err) {
			res->err = err;
			res->outcome = "genfail";
			snprintf(res->classes, sizeof(res->classes), "roundtrip");
			goto out;
		}
	}
	log_reset();
	t0 = now_us();
	err = btf__reconcile(split1, pr->b_vml);
	res->rc1_us = now_us() - t0;
	{
		size_t n = log_len;
		char *saved = xrealloc(NULL, n + 1);
		int err2;

		memcpy(saved, log_buf ? log_buf : "", n);
		saved[n] = '\0';
		/* warm calls on fresh copies: the second call overall, and
		 * the fastest of NR_WARM, which filters out interference
		 * from other load on the machine
		 */
		for (i = 0; i < NR_WARM; i++) {
			double us;

			if (i) {
				btf__free(split2);
				btf__free(ref2);
				split2 = ref2 = NULL;
				err2 = roundtrip(ref, split, &ref2, &split2,
						 NULL, NULL);
				if (err2) {
					fprintf(stderr, "btfcorpus: %s: roundtrip failed: %d\n",
						rel, err2);
					exit(2);
				}
			}
			log_reset();
			t0 = now_us();
			err2 = btf__reconcile(split2, pr->b_vml);
			us = now_us() - t0;
			if (!i || us < res->rcmin_us)
				res->rcmin_us = us;
			if (!i)
				res->rc2_us = us;
			if (err2 != err) {
				fprintf(stderr, "btfcorpus: %s: reconcile not repeatable: %d then %d\n",
					rel, err, err2);
				exit(2);
			}
		}
		/* keep the first call's warnings */
		log_len = 0;
		if (n) {
			if (n + 1 > log_cap) {
				log_buf = xrealloc(log_buf, n + 1);
				log_cap = n + 1;
			}
			memcpy(log_buf, saved, n + 1);
			log_len = n;
		}
		free(saved);
	}
	res->err = err;

	if (err) {
		res->outcome = "rejected";
		first_line(res->msg, sizeof(res->msg));
		if (!log_len) {
			seen_cls[CLS_OTHER] = true;
			counters_add(&pr->other_lines, "(no message)");
		}
		for (line = strtok_r(log_buf, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			enum cls c = classify(line, line_type, sizeof(line_type));

			pr->cls_lines[c]++;
			if (c == CLS_OTHER) {
				const char *p = strstr(line, "libbpf: ");

				counters_add(&pr->other_lines, p ? p + 8 : line);
			}
			if (!seen_cls[c])
				seen_cls[c] = true;
			if (line_type[0] && !strstr(res->types, line_type) &&
			    tlen + strlen(line_type) + 2 < sizeof(res->types)) {
				tlen += snprintf(res->types + tlen,
						 sizeof(res->types) - tlen,
						 "%s%s", tlen ? ";" : "",
						 line_type);
				counters_add(&pr->types, line_type);
			}
		}
		log_reset();
		for (i = 0, tlen = 0; i < NR_CLS; i++) {
			if (!seen_cls[i])
				continue;
			pr->cls_mods[i]++;
			tlen += snprintf(res->classes + tlen,
					 sizeof(res->classes) - tlen, "%s%s",
					 tlen ? "," : "", cls_name[i]);
		}
		goto out;
	}
	res->outcome = "accepted";

	/* 5. independent check of the result */
	{
		struct check c = {
			.a = orig, .r = split1,
			.a_start = btf__type_cnt(pr->a_vml),
			.r_start = btf__type_cnt(pr->b_vml),
			.why = res->check_why, .why_sz = sizeof(res->check_why),
			.mutate = pr->mutate,
		};

		if (btf__base_btf(split1) != pr->b_vml) {
			res->ref_bad = 1;
			snprintf(res->check_why, sizeof(res->check_why),
				 "base of reconciled BTF is not B's vmlinux");
		} else {
			err = check_refs(&c, nr_own);
			if (err) {
				res->ref_bad++;
				snprintf(res->check_why, sizeof(res->check_why),
					 "check_refs failed: %d", err);
			}
			res->refs = c.refs;
			res->ref_bad += c.ref_bad;
			pr->ptr_size_changed += c.ptr_size_changed;
			pr->depth_cut += c.depth_cut;

			pr->lay.a = orig;
			pr->lay.r = split1;
			pr->lay.a_start = c.a_start;
			pr->lay.nseen = 0;
			pr->lay.checked = pr->lay.bad = 0;
			pr->lay.why = res->lay_why;
			pr->lay.why_sz = sizeof(res->lay_why);
			err = check_layouts(&pr->lay, c.r_start, nr_own);
			if (err) {
				pr->lay.bad++;
				snprintf(res->lay_why, sizeof(res->lay_why),
					 "check_layouts failed: %d", err);
			}
			res->lay_checked = pr->lay.checked;
			res->lay_bad = pr->lay.bad;
		}
	}

	/* 6. B's own build of the module */
	snprintf(path, sizeof(path), "%s/modules/%s", pr->b_dir, rel);
	if (access(path, R_OK)) {
		res->in_b = 0;
	} else {
		struct bcmp bc = { .why = res->b_why, .why_sz = sizeof(res->b_why) };

		log_reset();
		popts.base_btf = pr->b_vml;
		bmod = btf__parse_opts(path, &popts);
		if (!bmod) {
			res->in_b = 0;
			snprintf(res->b_why, sizeof(res->b_why),
				 "B's module BTF does not parse: %d", -errno);
		} else {
			res->in_b = 1;
			compare_with_b(&bc, split1, btf__type_cnt(pr->b_vml),
				       nr_own, bmod, orig,
				       btf__type_cnt(pr->a_vml));
			res->b_types = bc.types;
			res->b_agree = bc.agree;
			pr->bc.types += bc.types;
			pr->bc.agree += bc.agree;
			pr->bc.absent += bc.absent;
			pr->bc.size += bc.size;
			pr->bc.members += bc.members;
			pr->bc.a_differs += bc.a_differs;
			if (bc.types == bc.agree)
				pr->bc_mods_agree++;
		}
	}
out:
	if (!strcmp(res->outcome, "genfail")) {
		char why[1024];

		first_line(res->msg, sizeof(res->msg));
		snprintf(why, sizeof(why), "%s: %s (%d)%s%s", res->classes,
			 strerror(-res->err), res->err, res->msg[0] ? ": " : "",
			 res->msg);
		counters_add(&pr->genfail_why, why);
	}
	btf__free(bmod);
	btf__free(split1);
	btf__free(ref1);
	btf__free(split2);
	btf__free(ref2);
	btf__free(split);
	btf__free(ref);
	btf__free(orig);
	log_reset();
}

static void record(struct pair *pr, const char *rel, struct result *r)
{
	pr->nr++;
	if (!strcmp(r->outcome, "genfail")) {
		pr->genfail++;
	} else {
		if (!strcmp(r->outcome, "accepted"))
			pr->accepted++;
		else
			pr->rejected++;
		dvec_push(&pr->gen_us, r->gen_us);
		dvec_push(&pr->rc1_us, r->rc1_us);
		dvec_push(&pr->rc2_us, r->rc2_us);
		dvec_push(&pr->rcmin_us, r->rcmin_us);
		if (!strcmp(r->outcome, "accepted"))
			dvec_push(&pr->rcmin_acc_us, r->rcmin_us);
		dvec_push(&pr->ref_bytes, r->ref_sz);
		pr->orig_bytes += r->orig_sz;
		pr->new_ref_bytes += r->ref_sz;
		pr->new_split_bytes += r->split_sz;
	}
	if (!strcmp(r->outcome, "accepted")) {
		pr->checked_mods++;
		pr->refs += r->refs;
		pr->ref_bad += r->ref_bad;
		pr->lay_checked += r->lay_checked;
		pr->lay_bad += r->lay_bad;
		if (r->in_b == 1)
			pr->in_b++;
	}
	tsv_clean(r->types);
	tsv_clean(r->check_why);
	tsv_clean(r->lay_why);
	tsv_clean(r->b_why);
	fprintf(pr->tsv,
		"%s\t%s\t%s\t%s\t%d\t%zu\t%zu\t%zu\t%.1f\t%.1f\t%.1f\t%.1f\t%ld\t%ld\t%ld\t%ld\t%d\t%ld\t%ld\t%s\t%s\t%s\t%s\n",
		rel, r->outcome, r->classes[0] ? r->classes : "-",
		r->types[0] ? r->types : "-", r->err, r->orig_sz, r->ref_sz,
		r->split_sz, r->gen_us, r->rc1_us, r->rc2_us, r->rcmin_us, r->refs,
		r->ref_bad, r->lay_checked, r->lay_bad, r->in_b, r->b_types,
		r->b_agree, r->msg[0] ? r->msg : "-",
		r->check_why[0] ? r->check_why : "-",
		r->lay_why[0] ? r->lay_why : "-",
		r->b_why[0] ? r->b_why : "-");
}

static void write_counters(FILE *f, const char *key, struct counters *cs, size_t max)
{
	size_t i;

	qsort(cs->c, cs->n, sizeof(*cs->c), cmp_counter);
	fprintf(f, "  \"%s\": [", key);
	for (i = 0; i < cs->n && i < max; i++) {
		fprintf(f, "%s\n    [", i ? "," : "");
		json_str(f, cs->c[i].name);
		fprintf(f, ", %ld]", cs->c[i].cnt);
	}
	fprintf(f, "%s],\n", i ? "\n  " : "");
}

static int write_json(struct pair *pr, const char *path, const char *name,
		      double wall_s)
{
	struct rusage ru;
	long n = pr->accepted + pr->rejected;
	FILE *f;
	int i;

	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "btfcorpus: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	getrusage(RUSAGE_SELF, &ru);
	fprintf(f, "{\n  \"pair\": ");
	json_str(f, name);
	fprintf(f, ",\n  \"modules\": %ld,\n  \"accepted\": %ld,\n  \"rejected\": %ld,\n  \"genfail\": %ld,\n",
		pr->nr, pr->accepted, pr->rejected, pr->genfail);
	fprintf(f, "  \"reject_classes_modules\": {");
	for (i = 0; i < NR_CLS; i++)
		fprintf(f, "%s\"%s\": %ld", i ? ", " : "", cls_name[i], pr->cls_mods[i]);
	fprintf(f, "},\n  \"reject_classes_lines\": {");
	for (i = 0; i < NR_CLS; i++)
		fprintf(f, "%s\"%s\": %ld", i ? ", " : "", cls_name[i], pr->cls_lines[i]);
	fprintf(f, "},\n");
	write_counters(f, "top_types", &pr->types, TOP_N);
	write_counters(f, "other_messages", &pr->other_lines, 20);
	write_counters(f, "genfail_reasons", &pr->genfail_why, 50);
	fprintf(f, "  \"reconcile_first_call_us\": %.1f,\n  \"index_build_us\": %.1f,\n",
		pr->first_rc_us, pr->index_us);
	fprintf(f, "  \"reconcile_us_mean\": %.2f,\n  \"reconcile_us_median\": %.2f,\n",
		dvec_mean(&pr->rc2_us), dvec_pct(&pr->rc2_us, 50));
	fprintf(f, "  \"reconcile_us_p90\": %.2f,\n  \"reconcile_us_max\": %.2f,\n",
		dvec_pct(&pr->rc2_us, 90), dvec_max(&pr->rc2_us));
	fprintf(f, "  \"reconcile_min%d_us_mean\": %.2f,\n  \"reconcile_min%d_us_median\": %.2f,\n  \"reconcile_min%d_us_p90\": %.2f,\n  \"reconcile_min%d_us_max\": %.2f,\n",
		NR_WARM, dvec_mean(&pr->rcmin_us), NR_WARM, dvec_pct(&pr->rcmin_us, 50),
		NR_WARM, dvec_pct(&pr->rcmin_us, 90), NR_WARM, dvec_max(&pr->rcmin_us));
	fprintf(f, "  \"reconcile_accepted_min%d_us_mean\": %.2f,\n  \"reconcile_accepted_min%d_us_median\": %.2f,\n",
		NR_WARM, dvec_mean(&pr->rcmin_acc_us), NR_WARM, dvec_pct(&pr->rcmin_acc_us, 50));
	fprintf(f, "  \"reconcile_pass1_us_mean\": %.2f,\n  \"reconcile_pass1_us_median\": %.2f,\n",
		dvec_mean(&pr->rc1_us), dvec_pct(&pr->rc1_us, 50));
	fprintf(f, "  \"base_ref_gen_us_mean\": %.2f,\n  \"base_ref_gen_us_median\": %.2f,\n",
		dvec_mean(&pr->gen_us), dvec_pct(&pr->gen_us, 50));
	fprintf(f, "  \"base_ref_bytes_mean\": %.1f,\n  \"base_ref_bytes_median\": %.1f,\n  \"base_ref_bytes_max\": %.0f,\n",
		dvec_mean(&pr->ref_bytes), dvec_pct(&pr->ref_bytes, 50),
		dvec_max(&pr->ref_bytes));
	fprintf(f, "  \"orig_split_bytes\": %llu,\n  \"new_base_ref_bytes\": %llu,\n  \"new_split_bytes\": %llu,\n",
		pr->orig_bytes, pr->new_ref_bytes, pr->new_split_bytes);
	fprintf(f, "  \"generated_modules\": %ld,\n", n);
	fprintf(f, "  \"base_ref_types\": %llu,\n  \"base_ref_members\": %llu,\n  \"base_ref_str_bytes\": %llu,\n",
		pr->ref_types, pr->ref_members, pr->ref_str_bytes);
	fprintf(f, "  \"base_ref_layout_bytes\": %llu,\n", pr->ref_layout_bytes);
	fprintf(f, "  \"check_modules\": %ld,\n  \"check_refs\": %ld,\n  \"check_ref_mismatches\": %ld,\n",
		pr->checked_mods, pr->refs, pr->ref_bad);
	fprintf(f, "  \"check_ptr_refs_struct_size_changed\": %ld,\n  \"check_depth_cut\": %ld,\n",
		pr->ptr_size_changed, pr->depth_cut);
	fprintf(f, "  \"check_embedded_layouts\": %ld,\n  \"check_embedded_mismatches\": %ld,\n",
		pr->lay_checked, pr->lay_bad);
	fprintf(f, "  \"b_build_modules\": %ld,\n  \"b_build_modules_all_agree\": %ld,\n",
		pr->in_b, pr->bc_mods_agree);
	fprintf(f, "  \"b_build_types\": %ld,\n  \"b_build_agree\": %ld,\n  \"b_build_absent\": %ld,\n  \"b_build_size_differs\": %ld,\n  \"b_build_members_differ\": %ld,\n  \"b_build_disagree_also_in_a_build\": %ld,\n",
		pr->bc.types, pr->bc.agree, pr->bc.absent, pr->bc.size, pr->bc.members,
		pr->bc.a_differs);
	fprintf(f, "  \"peak_rss_kb\": %ld,\n  \"wall_s\": %.1f\n}\n", ru.ru_maxrss, wall_s);
	if (fclose(f)) {
		fprintf(stderr, "btfcorpus: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f,
"usage: btfcorpus [-l LIST] [-t TSV] [-j JSON] [-n NAME] [-d DIR] [-M] [-q] A_DIR B_DIR\n"
"Generate base reference BTF for modules of kernel A and reconcile it onto\n"
"kernel B's vmlinux BTF; classify, check and time every module.\n"
"  A_DIR, B_DIR  unpacked kernels (corpus/fetch): vmlinux.btf, modules/,\n"
"                modules.list\n"
"  -l LIST       module paths to process (default: A_DIR/modules.list)\n"
"  -t TSV        per-module results (default: stdout)\n"
"  -j JSON       summary (default: none)\n"
"  -n NAME       pair name for the summary (default: A->B)\n"
"  -d DIR        write each module's base reference and new split BTF\n"
"                (raw) into DIR, as <module>.ko.base_ref and .split\n"
"  -M            self-test of the independent check: shift every reference\n"
"                into B's vmlinux by one; the check must then report them\n"
"  -q            no progress lines\n");
}

static struct btf *load_vmlinux(const char *dir)
{
	char path[PATH_MAX];
	struct btf *btf;

	snprintf(path, sizeof(path), "%s/vmlinux.btf", dir);
	btf = btf__parse_raw(path);
	if (!btf)
		fprintf(stderr, "btfcorpus: cannot parse %s: %s; run corpus/fetch\n",
			path, strerror(errno));
	return btf;
}

int main(int argc, char **argv)
{
	const char *list = NULL, *tsv = NULL, *json = NULL, *name = NULL;
	char lpath[PATH_MAX], *line = NULL, pname[256];
	struct pair pr = {};
	struct result res;
	size_t cap = 0;
	long total = 0, done = 0;
	ssize_t len;
	double t0;
	FILE *lf;
	int opt, ret = 0;

	while ((opt = getopt(argc, argv, "l:t:j:n:d:Mqh")) != -1) {
		switch (opt) {
		case 'l': list = optarg; break;
		case 't': tsv = optarg; break;
		case 'j': json = optarg; break;
		case 'n': name = optarg; break;
		case 'q': pr.quiet = true; break;
		case 'd': pr.dump_dir = optarg; break;
		case 'M': pr.mutate = true; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (argc - optind != 2) {
		usage(stderr);
		return 2;
	}
	pr.a_dir = argv[optind];
	pr.b_dir = argv[optind + 1];
	if (!name) {
		snprintf(pname, sizeof(pname), "%s->%s", pr.a_dir, pr.b_dir);
		name = pname;
	}
	if (!list) {
		snprintf(lpath, sizeof(lpath), "%s/modules.list", pr.a_dir);
		list = lpath;
	}

	libbpf_set_print(print_cb);
	pr.a_vml = load_vmlinux(pr.a_dir);
	pr.b_vml = load_vmlinux(pr.b_dir);
	if (!pr.a_vml || !pr.b_vml) {
		ret = 2;
		goto out;
	}

	lf = fopen(list, "r");
	if (!lf) {
		fprintf(stderr, "btfcorpus: cannot open module list %s: %s\n",
			list, strerror(errno));
		ret = 2;
		goto out;
	}
	while ((len = getline(&line, &cap, lf)) > 0)
		if (line[0] != '#' && line[0] != '\n')
			total++;
	rewind(lf);

	pr.tsv = tsv ? fopen(tsv, "w") : stdout;
	if (!pr.tsv) {
		fprintf(stderr, "btfcorpus: cannot write %s: %s\n", tsv, strerror(errno));
		fclose(lf);
		ret = 2;
		goto out;
	}
	fprintf(pr.tsv, "module\toutcome\tclasses\ttypes\terr\torig_bytes\tbase_ref_bytes\tsplit_bytes\tgen_us\treconcile1_us\treconcile_us\treconcile_min_us\trefs\tref_bad\tembedded_checked\tembedded_bad\tin_b\tb_types\tb_agree\tmessage\tref_check\tlayout_check\tb_check\n");

	t0 = now_us();
	while ((len = getline(&line, &cap, lf)) > 0) {
		char *rel = line, *sp;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		/* sample lists carry the expected outcome after the path */
		sp = strpbrk(rel, " \t");
		if (sp)
			*sp = '\0';
		do_module(&pr, rel, &res);
		record(&pr, rel, &res);
		done++;
		if (!pr.quiet && (done % 250 == 0 || done == total))
			fprintf(stderr, "   %s: %ld/%ld modules (%ld accepted, %ld rejected, %ld generation failures), %.0f s\n",
				name, done, total, pr.accepted, pr.rejected,
				pr.genfail, (now_us() - t0) / 1e6);
	}
	fclose(lf);
	if (tsv && fclose(pr.tsv)) {
		fprintf(stderr, "btfcorpus: cannot write %s: %s\n", tsv, strerror(errno));
		ret = 2;
	}
	if (json && write_json(&pr, json, name, (now_us() - t0) / 1e6))
		ret = 2;
out:
	free(line);
	free(log_buf);
	free(pr.lay.seen);
	free(pr.lay.fa.f);
	free(pr.lay.fr.f);
	free(pr.gen_us.v);
	free(pr.rc1_us.v);
	free(pr.rc2_us.v);
	free(pr.rcmin_us.v);
	free(pr.rcmin_acc_us.v);
	free(pr.ref_bytes.v);
	counters_free(&pr.types);
	counters_free(&pr.genfail_why);
	counters_free(&pr.other_lines);
	btf__free(pr.a_vml);
	btf__free(pr.b_vml);
	return ret;
}
