// SPDX-License-Identifier: GPL-2.0
/*
 * brnames: a module's compact ("BR") .BTF.base_ref as plain BTF with
 * members, for refcheck. A BR section records each member of a layout by
 * bit offset, bitfield size, type and a 16-bit hash of its name (format:
 * Documentation/bpf/btf.rst, btf_rc_decode() in btf_reconcile.c); this
 * file reads the layouts itself (not with libbpf's decoder, which it
 * checks) and names each recorded member after the member of the same
 * struct in a vmlinux that has its hash, preferring one at the same bit
 * offset, as the kernel finds the running member (an anonymous layout:
 * as in the struct that holds it, else as in the first anonymous vmlinux
 * struct/union of its size with all its hashes at their offsets). A
 * member no vmlinux member has the hash of is named "#hash 0x...", which
 * refcheck reports as missing.
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

struct rd {
	const __u8 *p, *end;
};

static int u32v(struct rd *r, __u32 *v)
{
	__u64 x = 0;
	int i;

	for (i = 0; i < 5 && r->p < r->end; i++) {
		__u8 b = *r->p++;

		x |= (__u64)(b & 0x7f) << (7 * i);
		if (!(b & 0x80)) {
			if (x > 0xffffffffULL)
				return -EINVAL;
			*v = x;
			return 0;
		}
	}
	return -EINVAL;
}

/* fields after the info byte, by kind (as in btf_rc_decode()) */
static int nr_fields(__u8 kind)
{
	switch (kind) {
	case BTF_KIND_INT:
	case BTF_KIND_ARRAY:
		return 3;
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_FUNC:
		return 2;
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_PTR:
		return 1;
	case BTF_KIND_FUNC_PROTO:
		return 0;
	default:
		return -1;
	}
}

static int decode(const __u8 *data, size_t len, struct layouts *l)
{
	struct rd r = { data + 3, data + len };
	__u32 sl, id, i, v, cnt, bit;
	int k, nf;

	if (len < 3 || data[2] != 1 || u32v(&r, &l->n) || u32v(&r, &sl) ||
	    sl > (size_t)(r.end - r.p) || l->n > len)
		return -EINVAL;
	r.p += sl;
	l->start = calloc(l->n + 1, sizeof(*l->start));
	l->cnt = calloc(l->n + 1, sizeof(*l->cnt));
	if (!l->start || !l->cnt)
		return -ENOMEM;
	for (id = 1; id <= l->n; id++) {
		__u8 info;

		if (r.p >= r.end)
			return -EINVAL;
		info = *r.p++;
		nf = nr_fields(info & 0x1f);
		if (nf < 0)
			return -EINVAL;
		for (k = 0; k < nf; k++)
			if (u32v(&r, &v))
				return -EINVAL;
		if (!(info & 0x40))
			continue;
		if (u32v(&r, &cnt) || cnt > len)
			return -EINVAL;
		l->start[id] = l->nr_m;
		l->cnt[id] = cnt;
		for (i = 0, bit = 0; i < cnt; i++) {
			struct lmember *m;

			if (l->nr_m == l->cap_m) {
				__u32 cap = l->cap_m ? l->cap_m * 2 : 64;

				m = realloc(l->m, cap * sizeof(*m));
				if (!m)
					return -ENOMEM;
				l->m = m;
				l->cap_m = cap;
			}
			m = &l->m[l->nr_m++];
			memset(m, 0, sizeof(*m));
			if (u32v(&r, &v))
				return -EINVAL;
			bit += v >> 1;
			m->bit_off = bit;
			if ((v & 1) && u32v(&r, &m->bsz))
				return -EINVAL;
			if (u32v(&r, &m->type) || r.end - r.p < 2)
				return -EINVAL;
			m->hash = r.p[0] | r.p[1] << 8;
			r.p += 2;
		}
	}
	return r.p == r.end ? 0 : -EINVAL;
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
	err = decode(data, len, &l);
	if (!err && l.n + 1 != btf__type_cnt(ref))
		err = -EINVAL;
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
