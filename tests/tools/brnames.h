/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BRNAMES_H
#define BRNAMES_H

#include <bpf/btf.h>

/*
 * If module @mod's .BTF.base_ref is compact ("BR"): make *@out_ref, a
 * copy of @ref (libbpf's reading of that section) with the recorded
 * members of each layout, named from vmlinux @vm (see brnames.c), and
 * *@out, a copy of @built (the module's .BTF on @ref) on *@out_ref.
 * Both NULL if the section is plain BTF. Returns 0 or a negative errno
 * (-ENOENT: no such section; -EINVAL: it does not decode, or @ref has
 * other type names than it, said on stderr); the caller frees *@out,
 * then *@out_ref.
 */
int br_named_ref(const char *mod, const struct btf *ref, const struct btf *built,
		 const struct btf *vm, struct btf **out_ref, struct btf **out);

#endif /* BRNAMES_H */
