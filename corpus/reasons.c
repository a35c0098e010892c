// SPDX-License-Identifier: GPL-2.0
/*
 * btfcorpus: why btf__reconcile() refused a module. The problems come as
 * data from btf__reconcile_opts()'s report callback (reason, kind, type);
 * libbpf's other warnings, captured from its print callback, only fill
 * the "other" class and generation failures' messages.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btfcorpus.h"

const char * const cls_name[NR_CLS] = {
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

void log_reset(void)
{
	log_len = 0;
	if (log_buf)
		log_buf[0] = '\0';
}

void log_capture(void)
{
	libbpf_set_print(print_cb);
}

char *log_save(void)
{
	char *saved = xrealloc(NULL, log_len + 1);

	memcpy(saved, log_buf ? log_buf : "", log_len);
	saved[log_len] = '\0';
	return saved;
}

void log_restore(char *saved)
{
	size_t n = strlen(saved);

	if (n + 1 > log_cap) {
		log_buf = xrealloc(log_buf, n + 1);
		log_cap = n + 1;
	}
	memcpy(log_buf, saved, n + 1);
	log_len = n;
	free(saved);
}

void log_free(void)
{
	free(log_buf);
	log_buf = NULL;
	log_len = log_cap = 0;
}

/* the first captured line, without libbpf's prefix, fit for a TSV field */
void log_first_line(char *dst, size_t sz)
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

/* ---- reconcile problems, as data ------------------------------------- */

struct problem {
	enum cls cls;
	char type[128];		/* "struct device": kind and name */
	char msg[256];		/* for CLS_OTHER: what it was */
};

static struct problem *problems;
static size_t nr_problems, cap_problems;
static char first_msg[512];

static enum cls problem_cls(const struct btf_reconcile_problem *p)
{
	switch (p->reason) {
	case BTF_RECONCILE_MEMBER_MOVED:
		return CLS_MOVED;
	case BTF_RECONCILE_MEMBER_RETYPED:
		return CLS_RETYPED;
	case BTF_RECONCILE_MEMBER_REMOVED:
		return CLS_REMOVED;
	case BTF_RECONCILE_BITFIELD_SIZE:
		return CLS_BITFIELD;
	case BTF_RECONCILE_NOT_FOUND:
		return CLS_MISSING;
	case BTF_RECONCILE_AMBIGUOUS:
		return CLS_AMBIGUOUS;
	case BTF_RECONCILE_SIZE:
		if (p->kind == BTF_KIND_STRUCT || p->kind == BTF_KIND_UNION)
			return CLS_SIZE;
		return CLS_OTHER;
	default:
		return CLS_OTHER;
	}
}

static const char *kind_str(__u32 kind)
{
	static const char * const names[] = {
		[BTF_KIND_INT] = "int", [BTF_KIND_FLOAT] = "float",
		[BTF_KIND_ENUM] = "enum", [BTF_KIND_ENUM64] = "enum64",
		[BTF_KIND_STRUCT] = "struct", [BTF_KIND_UNION] = "union",
		[BTF_KIND_FWD] = "fwd", [BTF_KIND_TYPEDEF] = "typedef",
		[BTF_KIND_FUNC] = "func",
	};

	return kind < sizeof(names) / sizeof(names[0]) && names[kind] ?
	       names[kind] : "type";
}

static void on_problem(const struct btf_reconcile_problem *p, void *ctx __attribute__((unused)))
{
	struct problem *pb;

	if (!nr_problems) {
		snprintf(first_msg, sizeof(first_msg), "%s", p->msg);
		tsv_clean(first_msg);
	}
	if (nr_problems == cap_problems) {
		cap_problems = cap_problems ? cap_problems * 2 : 64;
		problems = xrealloc(problems, cap_problems * sizeof(*problems));
	}
	pb = &problems[nr_problems++];
	pb->cls = problem_cls(p);
	pb->type[0] = '\0';
	if (p->kind)
		snprintf(pb->type, sizeof(pb->type), "%s %s", kind_str(p->kind),
			 p->type_name ? p->type_name : "(anon)");
	pb->msg[0] = '\0';
	if (pb->cls == CLS_OTHER)
		snprintf(pb->msg, sizeof(pb->msg), "%s", p->msg);
}

const struct btf_reconcile_opts *problems_opts(void)
{
	static const struct btf_reconcile_opts opts = {
		.sz = sizeof(opts),
		.report = on_problem,
	};

	return &opts;
}

void problems_reset(void)
{
	nr_problems = 0;
	first_msg[0] = '\0';
}

void problems_free(void)
{
	free(problems);
	problems = NULL;
	nr_problems = cap_problems = 0;
}

/*
 * The module was refused: its result's message (the first problem, else
 * libbpf's first other warning), reject classes and responsible types,
 * and the pair's counts of them. Resets the log and the problems.
 */
void classify_rejection(struct pair *pr, struct result *res)
{
	bool seen_cls[NR_CLS] = {};
	char *line, *save = NULL;
	size_t i, tlen = 0;

	if (nr_problems)
		snprintf(res->msg, sizeof(res->msg), "%s", first_msg);
	else
		log_first_line(res->msg, sizeof(res->msg));
	for (i = 0; i < nr_problems; i++) {
		const char *type = problems[i].type;

		pr->cls_lines[problems[i].cls]++;
		seen_cls[problems[i].cls] = true;
		if (problems[i].cls == CLS_OTHER)
			counters_add(&pr->other_lines, problems[i].msg);
		if (type[0] && !strstr(res->types, type) &&
		    tlen + strlen(type) + 2 < sizeof(res->types)) {
			tlen += snprintf(res->types + tlen, sizeof(res->types) - tlen,
					 "%s%s", tlen ? ";" : "", type);
			counters_add(&pr->types, type);
		}
	}
	/* warnings that are no reconcile problem: "other" */
	for (line = log_buf ? strtok_r(log_buf, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		const char *p = strstr(line, "libbpf: ");

		pr->cls_lines[CLS_OTHER]++;
		seen_cls[CLS_OTHER] = true;
		counters_add(&pr->other_lines, p ? p + 8 : line);
	}
	if (!nr_problems && !log_len) {
		seen_cls[CLS_OTHER] = true;
		counters_add(&pr->other_lines, "(no message)");
	}
	log_reset();
	problems_reset();
	for (i = 0, tlen = 0; i < NR_CLS; i++) {
		if (!seen_cls[i])
			continue;
		pr->cls_mods[i]++;
		tlen += snprintf(res->classes + tlen, sizeof(res->classes) - tlen,
				 "%s%s", tlen ? "," : "", cls_name[i]);
	}
}
