// SPDX-License-Identifier: GPL-2.0
/*
 * A small external module for the base reference BTF tests. Its types
 * embed vmlinux structs by value (struct mutex, struct list_head, struct
 * kobject through typedef-free members and an array) and reach others
 * only through pointers (struct task_struct, struct file), so its
 * .BTF.base_ref carries both name-only entries and member layouts.
 */
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/fs.h>

struct btf_sample_item {
	struct list_head node;
	struct file *file;
	u32 flags;
};

struct btf_sample_state {
	struct mutex lock;
	struct list_head items[2];
	struct task_struct *owner;
	struct kobject kobj;
	u64 counter;
};

static struct btf_sample_state btf_sample_state;

noinline int btf_sample_add(struct btf_sample_state *state,
			    struct btf_sample_item *item)
{
	mutex_lock(&state->lock);
	list_add(&item->node, &state->items[item->flags & 1]);
	state->owner = current;
	state->counter++;
	mutex_unlock(&state->lock);
	return 0;
}

static int __init btf_sample_init(void)
{
	mutex_init(&btf_sample_state.lock);
	INIT_LIST_HEAD(&btf_sample_state.items[0]);
	INIT_LIST_HEAD(&btf_sample_state.items[1]);
	pr_info("btf_sample: loaded\n");
	return 0;
}

static void __exit btf_sample_exit(void)
{
}

module_init(btf_sample_init);
module_exit(btf_sample_exit);
MODULE_DESCRIPTION("Sample external module for base reference BTF tests");
MODULE_LICENSE("GPL");
