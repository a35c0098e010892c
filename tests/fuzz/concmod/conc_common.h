/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small modules for the concurrency test (tests/fuzz/concurrency): each
 * conc_<x>.c defines CONC_NAME and the vmlinux structs its state embeds by
 * value (CONC_EMBED, members of struct conc_state), then includes this
 * file. Some share embedded structs (list_head, hlist_node, kref); some
 * embed lock types (struct mutex, struct completion), whose layouts the
 * base reference records member by member.
 */
#include <linux/list.h>
#include <linux/module.h>
#include <linux/kref.h>
#include <linux/sched.h>

struct conc_state {
	CONC_EMBED
	struct task_struct *owner;
	u64 counter;
};

static struct conc_state conc_state;

noinline int CONC_FN(struct conc_state *state)
{
	state->owner = current;
	state->counter++;
	return 0;
}

static int __init conc_init(void)
{
	CONC_INIT
	return CONC_FN(&conc_state);
}

static void __exit conc_exit(void)
{
}

module_init(conc_init);
module_exit(conc_exit);
MODULE_DESCRIPTION("Concurrency test module for base reference BTF");
MODULE_LICENSE("GPL");
