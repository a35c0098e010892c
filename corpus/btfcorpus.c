// SPDX-License-Identifier: GPL-2.0
/*
 * btfcorpus - real-world corpus benchmark for base reference BTF.
 *
 * For a kernel pair A -> B (two unpacked Debian kernel images, see
 * corpus/fetch) and every module of A (or those of a list):
 *
 *  1. load: parse the module's .BTF as split BTF on A's vmlinux BTF
 *     (btf__parse_opts() with .btf_sec = ".BTF");
 *  2. generate: btf__new_split_base_ref(): base reference BTF + new split;
 *  3. round-trip: write both out as a module carries them (the base
 *     reference with btf__base_ref_raw_data(): the compact "BR" form, see
 *     ref_section(); the split with btf__raw_data()) and read them back
 *     from a file with btf__parse_raw() and btf__parse_raw_split(), as a
 *     loader reads the two sections;
 *  4. reconcile: btf__reconcile() the read-back split BTF onto B's vmlinux
 *     BTF, capturing libbpf's warnings, timed (the first call and the
 *     fastest of NR_WARM more, on fresh copies);
 *  5. classify a refusal from its warnings (reasons.c);
 *  6. check an accepted module independently of the reconcile code: the
 *     project's one reference checker (tests/tools/refcheck.c) compares
 *     the module's original BTF on A with the reconciled BTF on B;
 *  7. compare the module's named structs/unions after reconciliation with
 *     B's own build of the same module, where B ships it (compare_b.c);
 *  8. emit the module's TSV row and add it to the pair's summary
 *     (report.c), with the sizes of sizes.c.
 *
 * Usage: btfcorpus [-l LIST] [-t TSV] [-j JSON] [-n NAME] [-d DIR] [-M] [-q] A_DIR B_DIR
 * A_DIR/B_DIR hold vmlinux.btf, modules/ and modules.list (corpus/fetch).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btfcorpus.h"

/*
 * Raw bytes -> BTF, through a memory file: btf__new_split() is declared
 * in 6.1's btf.h and listed in libbpf.map, but 6.1's btf.c never defines
 * it, so split BTF is read back with btf__parse_raw_split() instead; a
 * base reference with btf__parse_raw(), which decodes the compact form
 * (btf__new() does not).
 */
static struct btf *from_raw(const void *data, __u32 sz, struct btf *base)
{
	char path[64];
	struct btf *btf;
	int fd, err;

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
	btf = base ? btf__parse_raw_split(path, base) : btf__parse_raw(path);
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
	const void *sd;
	void *rd;
	__u32 rsz, ssz;
	struct btf *r, *s;
	int err;

	err = ref_section(ref, &rd, &rsz);
	if (err)
		return err;
	sd = btf__raw_data(split, &ssz);
	if (!sd) {
		free(rd);
		return -errno ?: -ENOMEM;
	}
	r = from_raw(rd, rsz, NULL);
	free(rd);
	if (!r)
		return -errno;
	s = from_raw(sd, ssz, r);
	if (!s) {
		err = -errno;
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

/* one module's BTF objects, freed by module_free() */
struct module {
	const char *rel;
	char path[PATH_MAX];
	struct btf *orig;		/* split on A's vmlinux, as shipped */
	struct btf *ref, *split;	/* generated */
	struct btf *ref1, *split1;	/* read back; split1 reconciled */
	__u32 nr_own;
};

static void module_free(struct module *m)
{
	btf__free(m->split1);
	btf__free(m->ref1);
	btf__free(m->split);
	btf__free(m->ref);
	btf__free(m->orig);
}

static int genfail(struct result *res, int err, const char *cls)
{
	res->err = err;
	res->outcome = "genfail";
	snprintf(res->classes, sizeof(res->classes), "%s", cls);
	return err;
}

/* 1. the module's split BTF on A's vmlinux */
static int load_module(struct pair *pr, struct module *m, struct result *res)
{
	LIBBPF_OPTS(btf_parse_opts, popts, .btf_sec = ".BTF", .base_btf = pr->a_vml);
	__u32 osz;

	snprintf(m->path, sizeof(m->path), "%s/modules/%s", pr->a_dir, m->rel);
	log_reset();
	m->orig = btf__parse_opts(m->path, &popts);
	if (!m->orig)
		return genfail(res, -errno, "parse");
	if (!btf__raw_data(m->orig, &osz))
		return genfail(res, -errno, "raw");
	res->orig_sz = osz;
	m->nr_own = btf__type_cnt(m->orig) - btf__type_cnt(pr->a_vml);
	return 0;
}

/* 2. base reference + new split */
static int generate(struct pair *pr, struct module *m, struct result *res)
{
	double t0 = now_us();
	void *sec = NULL;
	__u32 sec_sz;
	int err;

	err = btf__new_split_base_ref(m->orig, &m->ref, &m->split);
	res->gen_us = now_us() - t0;
	if (err) {
		m->ref = m->split = NULL;
		return genfail(res, err, "base_ref");
	}
	/* writing the section: what resolve_btfids does after generating */
	t0 = now_us();
	err = ref_section(m->ref, &sec, &sec_sz);
	res->enc_us = now_us() - t0;
	free(sec);
	if (err)
		return genfail(res, err, "base_ref_raw");
	if (pr->dump_dir)
		dump_raw(pr->dump_dir, m->rel, m->ref, m->split);
	err = ref_stats(pr, m->ref);
	if (err)
		return genfail(res, err, "base_ref_stats");
	return 0;
}

/* 3. raw bytes and back: the copy reconciled and checked */
static int round_trip(struct pair *pr, struct module *m, struct result *res)
{
	int err;

	err = roundtrip(m->ref, m->split, &m->ref1, &m->split1,
			&res->ref_sz, &res->split_sz);
	if (err)
		return genfail(res, err, "roundtrip");
	if (btf__type_cnt(m->split1) - btf__type_cnt(m->ref1) < m->nr_own)
		return genfail(res, -EINVAL, "lost_types");
	if (!pr->first_done) {
		err = warm_up(pr, m->ref, m->split);
		if (err)
			return genfail(res, err, "roundtrip");
	}
	return 0;
}

/*
 * 4. reconcile onto B: the first call (its problems and warnings are
 * kept), then NR_WARM calls on fresh copies, timed: the second call
 * overall, and the fastest, which filters out interference from other
 * load on the machine.
 * Returns the first call's result.
 */
static int reconcile_timed(struct pair *pr, struct module *m, struct result *res)
{
	struct btf *ref2, *split2;
	double t0, us;
	char *saved;
	int err, err2, i;

	log_reset();
	problems_reset();
	t0 = now_us();
	err = btf__reconcile_opts(m->split1, pr->b_vml, problems_opts());
	res->rc1_us = now_us() - t0;
	saved = log_save();
	for (i = 0; i < NR_WARM; i++) {
		err2 = roundtrip(m->ref, m->split, &ref2, &split2, NULL, NULL);
		if (err2) {
			fprintf(stderr, "btfcorpus: %s: roundtrip failed: %d\n", m->rel, err2);
			exit(2);
		}
		log_reset();
		t0 = now_us();
		err2 = btf__reconcile(split2, pr->b_vml);
		us = now_us() - t0;
		btf__free(split2);
		btf__free(ref2);
		if (!i || us < res->rcmin_us)
			res->rcmin_us = us;
		if (!i)
			res->rc2_us = us;
		if (err2 != err) {
			fprintf(stderr, "btfcorpus: %s: reconcile not repeatable: %d then %d\n",
				m->rel, err, err2);
			exit(2);
		}
	}
	log_restore(saved);
	res->err = err;
	return err;
}

static void check_report(void *ctx, bool layout, const char *msg)
{
	struct result *res = ctx;
	char *why = layout ? res->lay_why : res->check_why;
	size_t sz = layout ? sizeof(res->lay_why) : sizeof(res->check_why);

	if (!why[0])
		snprintf(why, sz, "%s", msg);
}

/* 6. the independent check of an accepted module */
static void check(struct pair *pr, struct module *m, struct result *res)
{
	struct refcheck *rc = &pr->rc;
	long refs = rc->refs, layouts = rc->layouts;
	long wrong = rc->wrong, wrong_layouts = rc->wrong_layouts;
	int err;

	rc->ctx = res;
	if (btf__base_btf(m->split1) != pr->b_vml) {
		res->ref_bad = 1;
		snprintf(res->check_why, sizeof(res->check_why),
			 "base of reconciled BTF is not B's vmlinux");
		return;
	}
	err = refcheck_module(rc, m->orig, m->split1);
	if (err) {
		res->ref_bad = 1;
		snprintf(res->check_why, sizeof(res->check_why),
			 "check failed: %.480s", rc->why);
		return;
	}
	res->refs = rc->refs - refs;
	res->lay_checked = rc->layouts - layouts;
	res->lay_bad = rc->wrong_layouts - wrong_layouts;
	res->ref_bad = rc->wrong - wrong - res->lay_bad;
}

/* 7. B's own build of the module */
static void compare_b(struct pair *pr, struct module *m, struct result *res)
{
	LIBBPF_OPTS(btf_parse_opts, popts, .btf_sec = ".BTF", .base_btf = pr->b_vml);
	struct bcmp bc = { .why = res->b_why, .why_sz = sizeof(res->b_why) };
	char path[PATH_MAX];
	struct btf *bmod;

	snprintf(path, sizeof(path), "%s/modules/%s", pr->b_dir, m->rel);
	if (access(path, R_OK)) {
		res->in_b = 0;
		return;
	}
	log_reset();
	bmod = btf__parse_opts(path, &popts);
	if (!bmod) {
		res->in_b = 0;
		snprintf(res->b_why, sizeof(res->b_why),
			 "B's module BTF does not parse: %d", -errno);
		return;
	}
	res->in_b = 1;
	compare_with_b(&bc, m->split1, btf__type_cnt(pr->b_vml), m->nr_own, bmod,
		       m->orig, btf__type_cnt(pr->a_vml));
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
	btf__free(bmod);
}

static void genfail_reason(struct pair *pr, struct result *res)
{
	char why[1024];

	log_first_line(res->msg, sizeof(res->msg));
	snprintf(why, sizeof(why), "%s: %s (%d)%s%s", res->classes,
		 strerror(-res->err), res->err, res->msg[0] ? ": " : "",
		 res->msg);
	counters_add(&pr->genfail_why, why);
}

static void do_module(struct pair *pr, const char *rel, struct result *res)
{
	struct module m = { .rel = rel };

	memset(res, 0, sizeof(*res));
	res->in_b = -1;
	if (load_module(pr, &m, res) || generate(pr, &m, res) ||
	    round_trip(pr, &m, res)) {
		genfail_reason(pr, res);
	} else if (reconcile_timed(pr, &m, res)) {
		res->outcome = "rejected";
		classify_rejection(pr, res);
	} else {
		res->outcome = "accepted";
		check(pr, &m, res);
		compare_b(pr, &m, res);
	}
	module_free(&m);
	log_reset();
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
"  -d DIR        write each module's base reference (its .BTF.base_ref\n"
"                section, BR v1) and new split BTF (raw) into DIR, as\n"
"                <module>.ko.base_ref and .split\n"
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

	log_capture();
	pr.rc.copies_ok = true;	/* orig is split BTF on A, not on its base reference */
	pr.rc.mutate = pr.mutate;
	pr.rc.report = check_report;
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
	tsv_header(pr.tsv);

	if (!pr.quiet)
		fprintf(stderr, "   %s: base references written as %s\n", name, ref_format);
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
	log_free();
	problems_free();
	refcheck_free(&pr.rc);
	free(pr.gen_us.v);
	free(pr.enc_us.v);
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
