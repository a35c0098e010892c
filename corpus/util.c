// SPDX-License-Identifier: GPL-2.0
/* btfcorpus: small helpers (timing, growing arrays, counters, output). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "btfcorpus.h"

double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

void *xrealloc(void *p, size_t sz)
{
	p = realloc(p, sz);
	if (!p) {
		fprintf(stderr, "btfcorpus: out of memory\n");
		exit(2);
	}
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p) {
		fprintf(stderr, "btfcorpus: out of memory\n");
		exit(2);
	}
	return p;
}

void dvec_push(struct dvec *d, double x)
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

double dvec_mean(const struct dvec *d)
{
	double s = 0;
	size_t i;

	for (i = 0; i < d->n; i++)
		s += d->v[i];
	return d->n ? s / d->n : 0;
}

/* sorts in place */
double dvec_pct(struct dvec *d, double pct)
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

double dvec_max(const struct dvec *d)
{
	double m = 0;
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i] > m)
			m = d->v[i];
	return m;
}

void counters_add(struct counters *cs, const char *name)
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

int cmp_counter(const void *a, const void *b)
{
	const struct counter *x = a, *y = b;

	if (x->cnt != y->cnt)
		return x->cnt < y->cnt ? 1 : -1;
	return strcmp(x->name, y->name);
}

void counters_free(struct counters *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		free(cs->c[i].name);
	free(cs->c);
	cs->c = NULL;
	cs->n = cs->cap = 0;
}

void json_str(FILE *f, const char *s)
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
void tsv_clean(char *s)
{
	for (; *s; s++)
		if (*s == '\t' || *s == '\n')
			*s = ' ';
}
