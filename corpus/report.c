// SPDX-License-Identifier: GPL-2.0
/* btfcorpus: one TSV row per module, the pair's JSON summary. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "btfcorpus.h"

void tsv_header(FILE *f)
{
	fprintf(f, "module\toutcome\tclasses\ttypes\terr\torig_bytes\tbase_ref_bytes\tsplit_bytes\tgen_us\treconcile1_us\treconcile_us\treconcile_min_us\trefs\tref_bad\tembedded_checked\tembedded_bad\tin_b\tb_types\tb_agree\tmessage\tref_check\tlayout_check\tb_check\n");
}

void record(struct pair *pr, const char *rel, struct result *r)
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
		dvec_push(&pr->enc_us, r->enc_us);
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

int write_json(struct pair *pr, const char *path, const char *name,
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
	fprintf(f, "  \"base_ref_encode_us_mean\": %.2f,\n  \"base_ref_encode_us_median\": %.2f,\n",
		dvec_mean(&pr->enc_us), dvec_pct(&pr->enc_us, 50));
	fprintf(f, "  \"base_ref_format\": ");
	json_str(f, ref_format);
	fprintf(f, ",\n");
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
	fprintf(f, "  \"check_ptr_refs_struct_size_changed\": %ld,\n",
		pr->rc.ptr_size_changed);
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
