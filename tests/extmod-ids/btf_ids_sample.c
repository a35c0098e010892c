// SPDX-License-Identifier: GPL-2.0
/*
 * An external module whose BTF_ID_LIST names vmlinux types that none of
 * its own types refer to: a struct reached by nothing else, a typedef and
 * a function. resolve_btfids fills the list at build time; after the
 * module's BTF is reconciled with the running vmlinux, each ID must name
 * the same type there. The module prints the list at init, one line per
 * entry, for the tests to check by name:
 *
 *   btf_ids_sample: id <index> <kind> <name> <type ID>
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/btf_ids.h>

BTF_ID_LIST(btf_ids_sample_ids)
BTF_ID(struct, task_struct)
BTF_ID(struct, maple_node)
BTF_ID(struct, file)
BTF_ID(typedef, hsiphash_key_t)
BTF_ID(func, bpf_fentry_test1)

static const char *const btf_ids_sample_names[][2] = {
	{ "STRUCT", "task_struct" },
	{ "STRUCT", "maple_node" },
	{ "STRUCT", "file" },
	{ "TYPEDEF", "hsiphash_key_t" },
	{ "FUNC", "bpf_fentry_test1" },
};

static int __init btf_ids_sample_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(btf_ids_sample_names); i++)
		pr_info("btf_ids_sample: id %d %s %s %u\n", i,
			btf_ids_sample_names[i][0], btf_ids_sample_names[i][1],
			btf_ids_sample_ids[i]);
	return 0;
}

static void __exit btf_ids_sample_exit(void)
{
}

module_init(btf_ids_sample_init);
module_exit(btf_ids_sample_exit);
MODULE_DESCRIPTION("BTF_ID_LIST of vmlinux types the module's BTF does not use");
MODULE_LICENSE("GPL");
