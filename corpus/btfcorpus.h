/* SPDX-License-Identifier: GPL-2.0 */
/* btfcorpus: what its files share (see btfcorpus.c). */
#ifndef BTFCORPUS_H
#define BTFCORPUS_H

#include <stdbool.h>
#include <stdio.h>
#include <bpf/btf.h>

#include "refcheck.h"

#define TOP_N		10
#define NR_WARM		3	/* timed warm reconcile calls per module */

/* ---- util.c ---- */
double now_us(void);
void *xrealloc(void *p, size_t sz);
char *xstrdup(const char *s);

struct dvec {
	double *v;
	size_t n, cap;
};

void dvec_push(struct dvec *d, double x);
double dvec_mean(const struct dvec *d);
double dvec_pct(struct dvec *d, double pct);	/* sorts in place */
double dvec_max(const struct dvec *d);

/* counted names, for "types most often responsible" */
struct counter {
	char *name;
	long cnt;
};

struct counters {
	struct counter *c;
	size_t n, cap;
};

void counters_add(struct counters *cs, const char *name);
int cmp_counter(const void *a, const void *b);
void counters_free(struct counters *cs);
void json_str(FILE *f, const char *s);
void tsv_clean(char *s);

/* ---- reasons.c: why btf__reconcile() refused a module ---- */
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

extern const char * const cls_name[NR_CLS];

void log_capture(void);		/* libbpf's warnings into the log */
void log_reset(void);
char *log_save(void);		/* a copy of the log, for log_restore() */
void log_restore(char *saved);	/* and frees @saved */
void log_first_line(char *dst, size_t sz);
void log_free(void);

/* ---- compare_b.c: B's own build of the module ---- */
struct bcmp {
	long types, agree, absent, size, members;
	long a_differs;		/* disagreeing, and A's own build differs too */
	char *why;
	size_t why_sz;
};

int compare_with_b(struct bcmp *bc, const struct btf *r, __u32 r_start,
		   __u32 nr_own, const struct btf *bm,
		   const struct btf *orig, __u32 a_start);

/* ---- the run: one kernel pair ---- */
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
	struct dvec gen_us, enc_us, rc1_us, rc2_us, rcmin_us, rcmin_acc_us, ref_bytes;
	double index_us, first_rc_us;
	bool first_done;
	unsigned long long orig_bytes, new_ref_bytes, new_split_bytes;
	unsigned long long ref_types, ref_members, ref_str_bytes;
	unsigned long long ref_layout_bytes;	/* member records + their names */
	long refs, ref_bad;
	long lay_checked, lay_bad, checked_mods;
	long in_b;
	struct bcmp bc;
	long bc_mods_agree;
	struct refcheck rc;	/* the independent check (tests/tools/refcheck.c) */
};

/* one module's results: a TSV row */
struct result {
	const char *outcome;
	char classes[128];
	char types[512];
	char msg[512];
	char check_why[512];
	char lay_why[512];
	char b_why[256];
	int err;
	size_t orig_sz, ref_sz, split_sz;
	double gen_us, enc_us, rc1_us, rc2_us, rcmin_us;
	long refs, ref_bad, lay_checked, lay_bad;
	int in_b;
	long b_types, b_agree;
};

void classify_rejection(struct pair *pr, struct result *res);
/* opts for btf__reconcile_opts() collecting the problems, until
 * classify_rejection() or problems_reset()
 */
const struct btf_reconcile_opts *problems_opts(void);
void problems_reset(void);
void problems_free(void);

/* ---- sizes.c: bytes of base references, raw dumps ---- */
/* the form of .BTF.base_ref this build writes (see the Makefile) */
extern const char ref_format[];
/* @ref's .BTF.base_ref section as a module carries it, to free() */
int ref_section(const struct btf *ref, void **data, __u32 *sz);
int ref_stats(struct pair *pr, const struct btf *ref);
void dump_raw(const char *dir, const char *rel, const struct btf *ref,
	      const struct btf *split);

/* ---- report.c: TSV rows and the JSON summary ---- */
void tsv_header(FILE *f);
void record(struct pair *pr, const char *rel, struct result *r);
int write_json(struct pair *pr, const char *path, const char *name, double wall_s);

#endif /* BTFCORPUS_H */
