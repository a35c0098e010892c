// SPDX-License-Identifier: GPL-2.0
/*
 * Negative control of the sanitizer kernel tests: on load, this module
 * makes the report its "mode" parameter names, which scripts/vm-run must
 * then catch: oob (a KASAN slab-out-of-bounds read), leak (a kmemleak
 * unreferenced object), shift (a UBSAN shift-out-of-bounds).
 */
#include <linux/module.h>
#include <linux/slab.h>

static char *mode = "oob";
module_param(mode, charp, 0444);
static void *leaked;
static volatile int shift = 40;

static int __init san_canary_init(void)
{
	if (!strcmp(mode, "oob")) {
		char *p = kmalloc(8, GFP_KERNEL);
		volatile char c;

		if (!p)
			return -ENOMEM;
		c = p[8 + shift - 40];
		kfree(p);
		(void)c;
	} else if (!strcmp(mode, "leak")) {
		leaked = kmalloc(64, GFP_KERNEL);
		leaked = NULL;
	} else if (!strcmp(mode, "shift")) {
		pr_info("san_canary: %u\n", 1u << shift);
	}
	return 0;
}

static void __exit san_canary_exit(void)
{
}

module_init(san_canary_init);
module_exit(san_canary_exit);
MODULE_DESCRIPTION("Makes a sanitizer report on purpose (negative control)");
MODULE_LICENSE("GPL");
