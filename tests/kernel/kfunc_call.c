// SPDX-License-Identifier: GPL-2.0
/*
 * Load a SCHED_CLS program that calls the kfunc FUNC_NAME of module MODULE.
 * The verifier allows it only if the type ID of FUNC_NAME in the module's
 * BTF is in a kfunc set the module registered: so this checks that the IDs
 * of a reconciled module's BTF_SET8 were translated.
 *
 *   kfunc_call MODULE FUNC_NAME   exit 0 if loaded, 1 if refused
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static char *slurp(const char *path, long *len)
{
	static char buf[16 << 20];
	int fd = open(path, O_RDONLY);
	long n, tot = 0;
	char *p;

	if (fd < 0) {
		perror(path);
		exit(2);
	}
	while ((n = read(fd, buf + tot, sizeof(buf) - tot)) > 0)
		tot += n;
	close(fd);
	p = malloc(tot);
	memcpy(p, buf, tot);
	*len = tot;
	return p;
}

/*
 * Count the types of raw BTF @d; if @name is given, also find FUNC @name
 * (*@found: its index from 0) in split BTF whose strings start at @str_base.
 */
static long walk(const char *d, const char *name, long str_base, long *found)
{
	const struct btf_header *h = (const void *)d;
	const char *t = d + h->hdr_len + h->type_off, *end = t + h->type_len;
	const char *strs = d + h->hdr_len + h->str_off;
	long n = 0;

	while (t < end) {
		const struct btf_type *bt = (const void *)t;
		int vlen = BTF_INFO_VLEN(bt->info), kind = BTF_INFO_KIND(bt->info);
		long sz = sizeof(*bt);

		switch (kind) {
		case BTF_KIND_INT: case BTF_KIND_VAR: case BTF_KIND_DECL_TAG:
			sz += 4; break;
		case BTF_KIND_ARRAY: sz += 12; break;
		case BTF_KIND_STRUCT: case BTF_KIND_UNION: case BTF_KIND_DATASEC:
		case BTF_KIND_ENUM64:
			sz += 12L * vlen; break;
		case BTF_KIND_ENUM: case BTF_KIND_FUNC_PROTO:
			sz += 8L * vlen; break;
		}
		if (name && kind == BTF_KIND_FUNC && *found < 0 &&
		    bt->name_off >= str_base &&
		    bt->name_off - str_base < h->str_len &&
		    !strcmp(strs + bt->name_off - str_base, name))
			*found = n;
		t += sz;
		n++;
	}
	return n;
}

int main(int argc, char **argv)
{
	struct bpf_insn insns[4] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 1, .imm = 0 },
		{ .code = BPF_JMP | BPF_CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .off = 1 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	char path[256], bname[64], log[4096] = "";
	long vlen, mlen, nr_vmlinux, found = -1;
	const struct btf_header *vh;
	struct bpf_btf_info info;
	union bpf_attr attr;
	int fd_array[2] = { 0, -1 }, fd;
	char *v, *m;
	__u32 id = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: %s MODULE FUNC_NAME\n", argv[0]);
		return 2;
	}
	v = slurp("/sys/kernel/btf/vmlinux", &vlen);
	snprintf(path, sizeof(path), "/sys/kernel/btf/%s", argv[1]);
	m = slurp(path, &mlen);
	vh = (const void *)v;
	nr_vmlinux = walk(v, NULL, 0, NULL) + 1;
	walk(m, argv[2], vh->str_len, &found);
	if (found < 0) {
		fprintf(stderr, "no FUNC %s in %s\n", argv[2], path);
		return 2;
	}
	insns[1].imm = nr_vmlinux + found;

	for (;;) {
		memset(&attr, 0, sizeof(attr));
		attr.start_id = id;
		if (syscall(SYS_bpf, BPF_BTF_GET_NEXT_ID, &attr, sizeof(attr))) {
			fprintf(stderr, "no BTF object named %s\n", argv[1]);
			return 2;
		}
		id = attr.next_id;
		memset(&attr, 0, sizeof(attr));
		attr.btf_id = id;
		fd = syscall(SYS_bpf, BPF_BTF_GET_FD_BY_ID, &attr, sizeof(attr));
		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		info.name = (unsigned long)bname;
		info.name_len = sizeof(bname);
		memset(&attr, 0, sizeof(attr));
		attr.info.bpf_fd = fd;
		attr.info.info_len = sizeof(info);
		attr.info.info = (unsigned long)&info;
		if (!syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof(attr)) &&
		    !strcmp(bname, argv[1]))
			break;
		close(fd);
	}
	fd_array[1] = fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SCHED_CLS;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = 4;
	attr.license = (unsigned long)"GPL";
	attr.log_buf = (unsigned long)log;
	attr.log_size = sizeof(log);
	attr.log_level = 1;
	attr.fd_array = (unsigned long)fd_array;
	fd = syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	printf("kfunc %s: type ID %ld in %s BTF (%ld vmlinux types): %s\n",
	       argv[2], (long)insns[1].imm, argv[1], nr_vmlinux,
	       fd >= 0 ? "program loaded" : strerror(errno));
	if (fd < 0) {
		printf("%s\n", log);
		return 1;
	}
	return 0;
}
