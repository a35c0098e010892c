// SPDX-License-Identifier: GPL-2.0
/*
 * brnames: a module's compact ("BR") .BTF.base_ref as plain BTF with
 * members, for refcheck. A BR section records each member of a layout by
 * bit offset, bitfield size, type and a 16-bit hash of its name (format:
 * Documentation/bpf/btf.rst 4.4, btf_rc_decode() in btf_reconcile.c);
 * this file decodes the section itself, not with libbpf's decoder, which
 * it checks: every bound (the packed string table, the name deltas, the
 * member offset forms, type IDs), and libbpf's reading must have the
 * same type names at the same offsets. It names each recorded member
 * after the member of the same struct in a vmlinux that has its hash,
 * preferring one at the same bit offset, as the kernel finds the running
 * member (an anonymous layout: as in the struct that holds it, else as
 * in the first anonymous vmlinux struct/union of its size with all its
 * hashes at their offsets). A member no vmlinux member has the hash of
 * is named "#hash 0x...", which refcheck reports as missing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>

#include "brnames.h"

#define MAX_DEPTH	32

struct lmember {
	__u32 type, bit_off, bsz;
	__u16 hash;
	char *name;		/* NULL: unnamed (hash 0) or not named yet */
};

struct layouts {
	__u32 n;		/* entries */
	__u32 sl;		/* bytes of the decoded string table */
	char *strs;		/* the decoded string table */
	__u32 *name;		/* per type ID: its name offset, 0 without one */
	__u32 *start, *cnt;	/* per type ID, into m */
	struct lmember *m;
	__u32 nr_m, cap_m;
};

struct bflat {
	const char *name;
	__u32 bit_off;
	__u16 hash;
};

struct bflatv {
	struct bflat *f;
	int n, cap;
};

static __u16 name_hash(const char *s)
{
	__u32 h = 0x811c9dc5;
	__u16 r;

	while (*s) {
		h ^= (__u8)*s++;
		h *= 0x01000193;
	}
	r = (h ^ (h >> 16)) & 0xffff;
	return r ? r : 1;
}

/* BR v1 (Documentation/bpf/btf.rst 4.4) */
#define BR_GLOBAL	0x20	/* FUNC of global linkage */
#define BR_LAYOUT	0x40	/* STRUCT/UNION: a layout follows */
#define BR_UNION	0x80	/* FWD of a union */
#define BR_CHAR_BITS	5	/* string table: a code per character */
#define BR_CHAR_US	27	/* '_' */
#define BR_CHAR_SP	28	/* ' ' */
#define BR_CHAR_ESC	31	/* the next 8 bits are the byte */
#define BR_MAX_MEMBERS	65535	/* per layout */

struct rd {
	const __u8 *p, *end;
	__u32 acc, bits;	/* string table: bits of its last byte not read */
	__u32 name;		/* the last name field */
	const char *why;	/* what was wrong */
};

static int bad(struct rd *r, const char *why)
{
	r->why = why;
	return -EINVAL;
}

/* minimal unsigned LEB128, at most U32_MAX */
static int u32v(struct rd *r, __u32 *v)
{
	__u64 x = 0;
	int i;

	for (i = 0; i < 5 && r->p < r->end; i++) {
		__u8 b = *r->p++;

		x |= (__u64)(b & 0x7f) << (7 * i);
		if (!(b & 0x80)) {
			if ((i && !b) || x > 0xffffffffULL)
				return bad(r, "varint not minimal or past U32_MAX");
			*v = x;
			return 0;
		}
	}
	return bad(r, "varint truncated or longer than 5 bytes");
}

/* a name field: zigzag delta from the last one, inside @sl bytes */
static int namev(struct rd *r, __u32 sl, __u32 *name)
{
	__s64 off;
	__u32 v;

	if (u32v(r, &v))
		return -EINVAL;
	off = (__s64)r->name + (v & 1 ? -((__s64)v + 1) / 2 : (__s64)(v / 2));
	if (off < 0 || off >= sl)
		return bad(r, "name offset outside the string table");
	r->name = off;
	*name = off;
	return 0;
}

/* the next @nr (at most 8) bits of the string table, lowest first */
static int bitsv(struct rd *r, __u32 nr, __u32 *v)
{
	if (r->bits < nr) {
		if (r->p >= r->end)
			return bad(r, "string table truncated");
		r->acc |= (__u32)*r->p++ << r->bits;
		r->bits += 8;
	}
	*v = r->acc & ((1U << nr) - 1);
	r->acc >>= nr;
	r->bits -= nr;
	return 0;
}

/* the 5-bit code of @c, BR_CHAR_ESC if it has none */
static __u32 char_code(__u32 c)
{
	if (!c)
		return 0;
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 1;
	if (c == '_')
		return BR_CHAR_US;
	if (c == ' ')
		return BR_CHAR_SP;
	return BR_CHAR_ESC;
}

/* the character of @code, or -1 */
static int code_char(__u32 code)
{
	if (!code)
		return 0;
	if (code <= 'z' - 'a' + 1)
		return 'a' + code - 1;
	if (code == BR_CHAR_US)
		return '_';
	if (code == BR_CHAR_SP)
		return ' ';
	return -1;
}

/* the @sl characters of the packed string table into @out; the caller
 * has checked that the bytes left can hold them
 */
static int strings(struct rd *r, __u32 sl, char *out)
{
	__u32 i, code, c;
	int ch;

	for (i = 0; i < sl; i++) {
		if (bitsv(r, BR_CHAR_BITS, &code))
			return -EINVAL;
		if (code == BR_CHAR_ESC) {
			if (bitsv(r, 8, &c))
				return -EINVAL;
			if (char_code(c) != BR_CHAR_ESC)
				return bad(r, "escaped character that has a code");
		} else {
			ch = code_char(code);
			if (ch < 0)
				return bad(r, "invalid character code");
			c = ch;
		}
		if (c && (!i || i == sl - 1))
			return bad(r, "string table not starting and ending with NUL");
		out[i] = c;
	}
	if (r->acc)
		return bad(r, "padding bits after the string table not zero");
	return 0;
}

/* Read one record's fields after the info byte: its name (0 without a
 * name field) and size; type IDs must be those of the section.
 */
static int fields(struct rd *r, __u8 kind, __u32 n, __u32 sl, __u32 *name,
		  __u32 *size)
{
	__u32 v[3];
	int err;

	*name = 0;
	*size = 0;
	switch (kind) {
	case BTF_KIND_INT:
		return namev(r, sl, name) ?: u32v(r, size) ?: u32v(r, &v[0]);
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return namev(r, sl, name) ?: u32v(r, size);
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
		return namev(r, sl, name);
	case BTF_KIND_FUNC:
		err = namev(r, sl, name) ?: u32v(r, &v[0]);
		return err ?: (!v[0] || v[0] > n ? bad(r, "bad prototype type") : 0);
	case BTF_KIND_PTR:
		err = u32v(r, &v[0]);
		return err ?: (v[0] > n ? bad(r, "bad pointee type") : 0);
	case BTF_KIND_ARRAY:
		err = u32v(r, &v[0]) ?: u32v(r, &v[1]) ?: u32v(r, &v[2]);
		return err ?: (!v[0] || v[0] > n || !v[1] || v[1] > n ?
			       bad(r, "bad array element or index type") : 0);
	case BTF_KIND_FUNC_PROTO:
		return 0;
	default:
		return bad(r, "kind not in a base reference");
	}
}

/* the flags of the info byte: each only on its kinds */
static int info_flags(struct rd *r, __u8 info)
{
	__u8 kind = info & 0x1f;

	if (((info & BR_GLOBAL) && kind != BTF_KIND_FUNC) ||
	    ((info & BR_UNION) && kind != BTF_KIND_FWD) ||
	    ((info & BR_LAYOUT) && kind != BTF_KIND_STRUCT && kind != BTF_KIND_UNION))
		return bad(r, "info flag on the wrong kind");
	return 0;
}

static struct lmember *new_member(struct layouts *l)
{
	struct lmember *m;

	if (l->nr_m == l->cap_m) {
		__u32 cap = l->cap_m ? l->cap_m * 2 : 64;

		m = realloc(l->m, cap * sizeof(*m));
		if (!m)
			return NULL;
		l->m = m;
		l->cap_m = cap;
	}
	m = &l->m[l->nr_m++];
	memset(m, 0, sizeof(*m));
	return m;
}

/* A member's offset field: an even @d is a delta of whole bytes, an odd
 * one a delta of bits followed by the bitfield size (0: none, then the
 * delta is not whole bytes). The offset must not pass @limit bits.
 */
static int member_off(struct rd *r, __u64 limit, __u32 *bit, __u32 *bsz)
{
	__u64 delta;
	__u32 d;

	*bsz = 0;
	if (u32v(r, &d))
		return -EINVAL;
	delta = d & 1 ? d >> 1 : (__u64)(d >> 1) * 8;
	if ((d & 1) && u32v(r, bsz))
		return -EINVAL;
	if (*bsz > 255)
		return bad(r, "bitfield size past 255");
	if ((d & 1) && !*bsz && !(delta % 8))
		return bad(r, "whole-byte offset delta in the bit form");
	if (*bit + delta > limit)
		return bad(r, "member offset past its struct");
	*bit += delta;
	/* BTF keeps a bitfield's offset in 24 bits */
	if (*bsz && (*bit > 0xffffff || (__u64)*bit + *bsz > limit))
		return bad(r, "bitfield past its struct or bit 2^24");
	return 0;
}

/* the layout of type @id, a STRUCT/UNION of @size bytes */
static int layout(struct rd *r, struct layouts *l, __u32 id, __u32 size)
{
	__u64 limit = (__u64)size * 8;
	__u32 cnt, i, bit = 0;
	struct lmember *m;

	if (limit > 0xffffffffULL)
		limit = 0xffffffffULL;
	if (u32v(r, &cnt))
		return -EINVAL;
	/* a member takes at least 4 bytes */
	if (!cnt || cnt > BR_MAX_MEMBERS || cnt > (r->end - r->p) / 4)
		return bad(r, "bad member count");
	l->start[id] = l->nr_m;
	l->cnt[id] = cnt;
	for (i = 0; i < cnt; i++) {
		m = new_member(l);
		if (!m)
			return -ENOMEM;
		if (member_off(r, limit, &bit, &m->bsz) || u32v(r, &m->type))
			return -EINVAL;
		if (!m->type || m->type > l->n)
			return bad(r, "bad member type");
		if (r->end - r->p < 2)
			return bad(r, "member hash truncated");
		m->bit_off = bit;
		m->hash = r->p[0] | r->p[1] << 8;
		r->p += 2;
	}
	return 0;
}

/* Decode BR data: the string table into @l->strs, each type's name
 * offset into @l->name and the layouts; on error @r->why says what.
 */
static int decode(struct rd *r, const __u8 *data, size_t len, struct layouts *l)
{
	__u32 id, size;
	__u8 info;

	r->p = data + 3;
	r->end = data + len;
	if (len < 3 || data[0] != 'B' || data[1] != 'R' || data[2] != 1)
		return bad(r, "not BR version 1");
	if (u32v(r, &l->n) || u32v(r, &l->sl))
		return -EINVAL;
	/* at least 5 bits per character, before anything else */
	if ((__u64)l->sl * BR_CHAR_BITS > (__u64)(r->end - r->p) * 8)
		return bad(r, "string table larger than the section");
	if (!l->sl)
		return bad(r, "empty string table");
	l->strs = malloc(l->sl);
	if (!l->strs)
		return -ENOMEM;
	if (strings(r, l->sl, l->strs))
		return -EINVAL;
	/* a byte or more per record */
	if (l->n > r->end - r->p)
		return bad(r, "more types than bytes left");
	l->start = calloc(l->n + 1, sizeof(*l->start));
	l->cnt = calloc(l->n + 1, sizeof(*l->cnt));
	l->name = calloc(l->n + 1, sizeof(*l->name));
	if (!l->start || !l->cnt || !l->name)
		return -ENOMEM;
	for (id = 1; id <= l->n; id++) {
		if (r->p >= r->end)
			return bad(r, "records truncated");
		info = *r->p++;
		if (info_flags(r, info) ||
		    fields(r, info & 0x1f, l->n, l->sl, &l->name[id], &size))
			return -EINVAL;
		if ((info & BR_LAYOUT) && layout(r, l, id, size))
			return -EINVAL;
	}
	return r->p == r->end ? 0 : bad(r, "bytes after the last record");
}

/* libbpf's reading of the section must have the names decoded here */
static int check_names(const struct btf *ref, const struct layouts *l)
{
	const struct btf_type *t;
	const char *name;
	__u32 id;

	if (l->n + 1 != btf__type_cnt(ref))
		return -EINVAL;
	for (id = 1; id <= l->n; id++) {
		t = btf__type_by_id(ref, id);
		name = btf__name_by_offset(ref, t->name_off);
		if (t->name_off != l->name[id] || !name ||
		    strcmp(name, l->strs + l->name[id]))
			return -EINVAL;
	}
	return 0;
}

static __u32 skip_mods(const struct btf *btf, __u32 id)
{
	const struct btf_type *t;
	int n;

	for (n = 0; n < MAX_DEPTH; n++) {
		t = btf__type_by_id(btf, id);
		if (!t || !(btf_is_typedef(t) || btf_is_mod(t) || btf_is_type_tag(t)))
			break;
		id = t->type;
	}
	return id;
}

/* named members of B composite @id, anonymous members expanded */
static int bflatten(const struct btf *b, __u32 id, __u32 off, struct bflatv *v,
		    int depth)
{
	const struct btf_type *t = btf__type_by_id(b, id), *mt;
	const struct btf_member *m;
	int i, err;

	if (!t || !btf_is_composite(t) || depth > MAX_DEPTH)
		return -EINVAL;
	for (i = 0, m = btf_members(t); i < btf_vlen(t); i++, m++) {
		__u32 bo = off + btf_member_bit_offset(t, i);
		const char *name = btf__name_by_offset(b, m->name_off);

		if (!name || !name[0]) {
			mt = btf__type_by_id(b, skip_mods(b, m->type));
			if (mt && btf_is_composite(mt)) {
				err = bflatten(b, skip_mods(b, m->type), bo, v, depth + 1);
				if (err)
					return err;
			}
			continue;
		}
		if (v->n == v->cap) {
			int cap = v->cap ? v->cap * 2 : 64;
			struct bflat *f = realloc(v->f, cap * sizeof(*f));

			if (!f)
				return -ENOMEM;
			v->f = f;
			v->cap = cap;
		}
		v->f[v->n].name = name;
		v->f[v->n].bit_off = bo;
		v->f[v->n].hash = name_hash(name);
		v->n++;
	}
	return 0;
}

/* Name the members of ref layout @id at bit @off of the B list @v. */
static int name_layout(const struct btf *ref, struct layouts *l, __u32 id,
		       __u32 off, const struct bflatv *v, int depth)
{
	__u32 i, mid;
	int j, any, err;

	if (depth > MAX_DEPTH)
		return -EINVAL;
	for (i = 0; i < l->cnt[id]; i++) {
		struct lmember *m = &l->m[l->start[id] + i];

		if (!m->hash) {
			mid = skip_mods(ref, m->type);
			if (mid && mid <= l->n && l->cnt[mid]) {
				err = name_layout(ref, l, mid, off + m->bit_off, v,
						  depth + 1);
				if (err)
					return err;
			}
			continue;
		}
		if (m->name)
			continue;
		for (j = 0, any = -1; j < v->n; j++) {
			if (v->f[j].hash != m->hash)
				continue;
			if (v->f[j].bit_off == off + m->bit_off)
				break;
			if (any < 0)
				any = j;
		}
		if (j == v->n)
			j = any;
		if (j >= 0)
			m->name = strdup(v->f[j].name);
		else if (asprintf(&m->name, "#hash 0x%04x", m->hash) < 0)
			m->name = NULL;
		if (!m->name)
			return -ENOMEM;
	}
	return 0;
}

/* the B composite of @t's kind and name, of its size if there is one */
static __u32 find_b(const struct btf *b, const struct btf *ref,
		    const struct btf_type *t)
{
	const char *name = btf__name_by_offset(ref, t->name_off);
	__u32 i, n = btf__type_cnt(b), any = 0;

	for (i = 1; i < n; i++) {
		const struct btf_type *bt = btf__type_by_id(b, i);

		if (btf_kind(bt) != btf_kind(t) ||
		    strcmp(btf__name_by_offset(b, bt->name_off), name))
			continue;
		if (bt->size == t->size)
			return i;
		if (!any)
			any = i;
	}
	return any;
}

/* Fill @v from the first anonymous B composite of @t's kind and size
 * that has every recorded member of layout @id at its offset by hash.
 */
static int find_b_anon(const struct btf *b, const struct btf_type *t,
		       const struct layouts *l, __u32 id, struct bflatv *v)
{
	__u32 i, k, n = btf__type_cnt(b);
	int j, err;

	for (i = 1; i < n; i++) {
		const struct btf_type *bt = btf__type_by_id(b, i);

		if (btf_kind(bt) != btf_kind(t) || bt->name_off || bt->size != t->size)
			continue;
		v->n = 0;
		err = bflatten(b, i, 0, v, 0);
		if (err)
			return err;
		for (k = 0; k < l->cnt[id]; k++) {
			const struct lmember *m = &l->m[l->start[id] + k];

			for (j = 0; m->hash && j < v->n; j++)
				if (v->f[j].hash == m->hash && v->f[j].bit_off == m->bit_off)
					break;
			if (m->hash && j == v->n)
				break;
		}
		if (k == l->cnt[id])
			return 0;
	}
	v->n = 0;
	return 0;
}

static void *read_section(const char *path, const char *sec, size_t *len)
{
	Elf *elf = NULL;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	void *out = NULL;
	int fd;

	elf_version(EV_CURRENT);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx))
		goto out;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			break;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!name || strcmp(name, sec))
			continue;
		d = elf_getdata(scn, NULL);
		if (d && d->d_size && (out = malloc(d->d_size))) {
			memcpy(out, d->d_buf, d->d_size);
			*len = d->d_size;
		}
		break;
	}
out:
	elf_end(elf);
	close(fd);
	return out;
}

int br_named_ref(const char *mod, const struct btf *ref, const struct btf *built,
		 const struct btf *vm, struct btf **out_ref, struct btf **out)
{
	struct layouts l = {};
	struct bflatv v = {};
	struct rd r = {};
	struct btf *nref = NULL, *nsplit = NULL;
	__u8 *data;
	size_t len = 0;
	__u32 id, i, n;
	int err;

	*out = NULL;
	*out_ref = NULL;
	data = read_section(mod, ".BTF.base_ref", &len);
	if (!data)
		return -ENOENT;
	if (len < 2 || data[0] != 'B' || data[1] != 'R') {
		free(data);
		return 0;	/* plain BTF */
	}
	err = decode(&r, data, len, &l);
	if (err && r.why)
		fprintf(stderr, "brnames: %s: .BTF.base_ref: %s (byte %td)\n", mod,
			r.why, r.p - data);
	if (!err && check_names(ref, &l)) {
		fprintf(stderr, "brnames: %s: .BTF.base_ref: libbpf has other types or names\n",
			mod);
		err = -EINVAL;
	}
	/* named layouts first: anonymous ones get names from them */
	for (id = 1; !err && id <= l.n; id++) {
		const struct btf_type *t = btf__type_by_id(ref, id);
		__u32 bid;

		if (!l.cnt[id] || !t->name_off)
			continue;
		v.n = 0;
		bid = find_b(vm, ref, t);
		err = bid ? bflatten(vm, bid, 0, &v, 0) : 0;
		if (!err)
			err = name_layout(ref, &l, id, 0, &v, 0);
	}
	/* anonymous ones not named through a named one: after a B
	 * anonymous type with all their hashes; else "#hash"
	 */
	for (id = 1; !err && id <= l.n; id++) {
		const struct btf_type *t = btf__type_by_id(ref, id);

		if (!l.cnt[id] || t->name_off)
			continue;
		for (i = 0; i < l.cnt[id]; i++)
			if (l.m[l.start[id] + i].hash && !l.m[l.start[id] + i].name)
				break;
		if (i < l.cnt[id])
			err = find_b_anon(vm, t, &l, id, &v) ?:
			      name_layout(ref, &l, id, 0, &v, 0);
	}

	nref = err ? NULL : btf__new_empty();
	if (!err && !nref)
		err = -ENOMEM;
	for (id = 1; !err && id <= l.n; id++) {
		err = btf__add_type(nref, ref, btf__type_by_id(ref, id));
		for (i = 0; err >= 0 && i < l.cnt[id]; i++) {
			struct lmember *m = &l.m[l.start[id] + i];

			err = btf__add_field(nref, m->name, m->type, m->bit_off, m->bsz);
		}
		err = err < 0 ? err : 0;
	}
	nsplit = err ? NULL : btf__new_empty_split(nref);
	if (!err && !nsplit)
		err = -ENOMEM;
	n = btf__type_cnt(built);
	for (id = btf__type_cnt(ref); !err && id < n; id++) {
		err = btf__add_type(nsplit, built, btf__type_by_id(built, id));
		err = err < 0 ? err : 0;
	}
	for (i = 0; i < l.nr_m; i++)
		free(l.m[i].name);
	free(l.m);
	free(l.start);
	free(l.cnt);
	free(l.name);
	free(l.strs);
	free(v.f);
	free(data);
	if (err) {
		btf__free(nsplit);
		btf__free(nref);
		return err;
	}
	*out_ref = nref;
	*out = nsplit;
	return 0;
}
