// SPDX-License-Identifier: GPL-2.0
/*
 * btfcorpus: why btf__reconcile() refused a module, from libbpf's warning
 * lines. classify_rejection() is the one place that reads message text;
 * it is to read reasons as data once libbpf reports them that way.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/*
 * The module was refused: its result's message (the first line), reject
 * classes and responsible types, and the pair's counts of them, from the
 * captured warnings. Resets the log.
 */
void classify_rejection(struct pair *pr, struct result *res)
{
	char line_type[256], *line, *save = NULL;
	bool seen_cls[NR_CLS] = {};
	size_t tlen = 0;
	int i;

	log_first_line(res->msg, sizeof(res->msg));
	if (!log_len) {
		seen_cls[CLS_OTHER] = true;
		counters_add(&pr->other_lines, "(no message)");
	}
	for (line = log_buf ? strtok_r(log_buf, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		enum cls c = classify(line, line_type, sizeof(line_type));

		pr->cls_lines[c]++;
		if (c == CLS_OTHER) {
			const char *p = strstr(line, "libbpf: ");

			counters_add(&pr->other_lines, p ? p + 8 : line);
		}
		seen_cls[c] = true;
		if (line_type[0] && !strstr(res->types, line_type) &&
		    tlen + strlen(line_type) + 2 < sizeof(res->types)) {
			tlen += snprintf(res->types + tlen, sizeof(res->types) - tlen,
					 "%s%s", tlen ? ";" : "", line_type);
			counters_add(&pr->types, line_type);
		}
	}
	log_reset();
	for (i = 0, tlen = 0; i < NR_CLS; i++) {
		if (!seen_cls[i])
			continue;
		pr->cls_mods[i]++;
		tlen += snprintf(res->classes + tlen, sizeof(res->classes) - tlen,
				 "%s%s", tlen ? "," : "", cls_name[i]);
	}
}
