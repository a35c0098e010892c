// SPDX-License-Identifier: GPL-2.0
/*
 * btf_refcheck: check a module's BTF reconciled onto vmlinux B against
 * the module's BTF as built, independently of the reconcile code (the
 * checks are those of refcheck.h). See usage().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "brnames.h"
#include "refcheck.h"

#define MAX_SHOWN	20

static const char *prog = "btf_refcheck";

static void usage(FILE *f)
{
	fprintf(f,
"usage: btf_refcheck [-a VMLINUX_A] [-o OUT] [-q] MODULE VMLINUX_B [RECONCILED]\n"
"Check the module's BTF reconciled onto vmlinux B against its BTF as built:\n"
"the module's own types are the same, in the same order; every reference\n"
"into the base lands on a B type of the same name and kind (anonymous and\n"
"copied types compared structurally); every struct/union the module embeds\n"
"by value has in B the same size and its members at the same bit offsets,\n"
"with the same bitfield sizes and compatible types.\n"
"  MODULE      the module as built (.ko): its .BTF split on its\n"
"              .BTF.base_ref, or with -a on vmlinux A (a classic build);\n"
"              a compact (\"BR\") base reference records member name\n"
"              hashes: each member is named after the VMLINUX_B member\n"
"              of its hash (brnames.c)\n"
"  VMLINUX_B   vmlinux B: ELF or raw BTF (e.g. /sys/kernel/btf/vmlinux)\n"
"  RECONCILED  the module's BTF on B: raw split BTF on VMLINUX_B, e.g. a\n"
"              copy of /sys/kernel/btf/<module>; default: what\n"
"              btf__reconcile() makes of MODULE on VMLINUX_B (with -a: of\n"
"              the base reference btf__new_split_base_ref() makes)\n"
"  -a VMLINUX_A  MODULE's .BTF is classic split BTF on VMLINUX_A\n"
"  -o OUT      write the reconciled BTF (raw) to OUT\n"
"  -q          no summary line when all is right\n"
"Prints one line: module types, references and embedded layouts checked,\n"
"wrong ones. Exit status: 0 all right, 1 something wrong (each on stderr)\n"
"or the module does not reconcile, 2 unusable input.\n");
}

static long shown;

static void report(void *ctx, bool layout, const char *msg)
{
	if (shown++ < MAX_SHOWN)
		fprintf(stderr, "%s: %s: wrong: %s\n", prog, (const char *)ctx, msg);
}

static struct btf *parse(const char *path, const char *sec, struct btf *base)
{
	LIBBPF_OPTS(btf_parse_opts, opts, .btf_sec = sec, .base_btf = base);
	struct btf *btf = btf__parse_opts(path, &opts);

	if (!btf)
		fprintf(stderr, "%s: %s: cannot read %s%s%s: %s\n", prog, path,
			sec ? sec : "BTF", base ? " as split BTF" : "",
			sec ? "" : " (ELF or raw)", strerror(errno));
	return btf;
}

static int write_raw(const struct btf *btf, const char *path)
{
	const void *data;
	__u32 sz;
	FILE *f;

	data = btf__raw_data(btf, &sz);
	f = fopen(path, "w");
	if (!data || !f || fwrite(data, 1, sz, f) != sz || fclose(f)) {
		fprintf(stderr, "%s: cannot write %s\n", prog, path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *vml_a_path = NULL, *out = NULL, *mod, *vml_b_path, *rec_path;
	struct btf *vml_a = NULL, *vml_b = NULL, *ref = NULL, *built = NULL;
	struct btf *rec = NULL, *ref2 = NULL, *split2 = NULL;
	struct btf *nref = NULL, *nbuilt = NULL;
	struct refcheck rc = { .report = report };
	bool quiet = false;
	int opt, ret = 2, err;

	while ((opt = getopt(argc, argv, "a:o:qh")) != -1) {
		switch (opt) {
		case 'a': vml_a_path = optarg; break;
		case 'o': out = optarg; break;
		case 'q': quiet = true; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (argc - optind != 2 && argc - optind != 3) {
		usage(stderr);
		return 2;
	}
	mod = argv[optind];
	vml_b_path = argv[optind + 1];
	rec_path = argc - optind == 3 ? argv[optind + 2] : NULL;
	rc.ctx = (void *)mod;

	vml_b = parse(vml_b_path, NULL, NULL);
	if (!vml_b)
		goto out;
	if (vml_a_path) {
		vml_a = parse(vml_a_path, NULL, NULL);
		if (!vml_a)
			goto out;
		built = parse(mod, ".BTF", vml_a);
		rc.copies_ok = true;
	} else {
		ref = parse(mod, ".BTF.base_ref", NULL);
		if (!ref)
			goto out;
		built = parse(mod, ".BTF", ref);
		err = built ? br_named_ref(mod, ref, built, vml_b, &nref, &nbuilt) : 0;
		if (err) {
			fprintf(stderr, "%s: %s: cannot read the compact base reference: %s\n",
				prog, mod, strerror(-err));
			goto out;
		}
	}
	if (!built)
		goto out;

	if (rec_path) {
		rec = parse(rec_path, NULL, vml_b);
		if (!rec)
			goto out;
	} else {
		if (vml_a) {
			err = btf__new_split_base_ref(built, &ref2, &split2);
			if (err) {
				fprintf(stderr, "%s: %s: no base reference made: %s\n",
					prog, mod, strerror(-err));
				goto out;
			}
			rec = split2;
			split2 = NULL;
		} else {
			rec = parse(mod, ".BTF", ref);
			if (!rec)
				goto out;
		}
		err = btf__reconcile(rec, vml_b);
		if (err) {
			fprintf(stderr, "%s: %s: does not reconcile onto %s: %s\n",
				prog, mod, vml_b_path, strerror(-err));
			ret = 1;
			goto out;
		}
	}
	if (out && write_raw(rec, out))
		goto out;

	err = refcheck_module(&rc, nbuilt ? nbuilt : built, rec);
	if (err) {
		fprintf(stderr, "%s: %s: cannot check: %s\n", prog, mod, rc.why);
		goto out;
	}
	if (rc.wrong > MAX_SHOWN)
		fprintf(stderr, "%s: %s: ... and %ld more wrong\n", prog, mod,
			rc.wrong - MAX_SHOWN);
	if (rc.wrong || !quiet)
		printf("%s on %s: %ld module types, %ld references, %ld embedded layouts checked, %ld wrong\n",
		       mod, vml_b_path, rc.types, rc.refs, rc.layouts, rc.wrong);
	ret = rc.wrong ? 1 : 0;
out:
	refcheck_free(&rc);
	btf__free(rec);
	btf__free(split2);
	btf__free(ref2);
	btf__free(nbuilt);
	btf__free(nref);
	btf__free(built);
	btf__free(ref);
	btf__free(vml_a);
	btf__free(vml_b);
	return ret;
}
