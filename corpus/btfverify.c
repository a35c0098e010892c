// SPDX-License-Identifier: GPL-2.0
/*
 * btfverify - have the running kernel's BTF verifier check raw BTF files.
 *
 * The module loader checks a .BTF.base_ref section with the same code as
 * BTF loaded with BPF_BTF_LOAD, so loading each base reference written by
 * btfcorpus -d shows whether a kernel would take it, without loading any
 * module. Prints each refused file with the end of the verifier's log.
 * A base reference is in the compact form ("BR" v1): as the module loader,
 * btfverify decodes it with btf_rc_decode() (the shared code the kernel
 * runs) and loads the plain BTF image that gives; a file that is not BR,
 * or that the decoder refuses, is refused as the loader refuses it.
 *
 * Usage: btfverify FILE...
 * Exit status: 0 all accepted, 1 some refused or unreadable, 2 this
 * machine cannot load BTF at all (no bpf() or no privilege).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include "btf_reconcile.h"	/* libbpf-internal: btf_rc_decode() */

static char log_buf[1 << 20];

/* Load raw BTF; returns 0 or a negative errno, the log in log_buf. */
static int load_raw(const void *data, __u32 size)
{
	LIBBPF_OPTS(bpf_btf_load_opts, opts, .log_buf = log_buf,
		    .log_size = sizeof(log_buf), .log_level = 1);
	int fd;

	log_buf[0] = '\0';
	fd = bpf_btf_load(data, size, &opts);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static int load(const struct btf *btf)
{
	const void *data;
	__u32 size;

	data = btf__raw_data(btf, &size);
	if (!data)
		return -ENOMEM;
	return load_raw(data, size);
}

/* Can this machine load BTF at all? One int is valid BTF. */
static int probe(void)
{
	struct btf *btf = btf__new_empty();
	int err;

	if (!btf)
		return -ENOMEM;
	btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	err = load(btf);
	btf__free(btf);
	return err;
}

/*
 * As the module loader: the section must be BR; btf_rc_decode() checks
 * it and gives the plain BTF image the BTF verifier then checks.
 * Returns 1 (said why) if the file is refused before loading, else
 * load_raw()'s result.
 */
static int verify_br(const char *path)
{
	struct btf_rc_layouts lay;
	void *data = NULL, *img = NULL;
	__u32 img_sz;
	long sz = -1;
	FILE *f;
	int err;

	f = fopen(path, "rb");
	if (f && !fseek(f, 0, SEEK_END))
		sz = ftell(f);
	if (sz >= 0 && !fseek(f, 0, SEEK_SET))
		data = malloc(sz ?: 1);
	if (!data || fread(data, 1, sz, f) != (size_t)sz) {
		printf("%s: cannot read: %s\n", path, strerror(errno ?: EIO));
		err = 1;
		goto out;
	}
	if (!btf_rc_is_br(data, sz)) {
		printf("%s: refused: not a BR base reference (the module loader takes only BR)\n",
		       path);
		err = 1;
		goto out;
	}
	err = btf_rc_decode(data, sz, &img, &img_sz, &lay);
	if (err) {
		printf("%s: refused by btf_rc_decode(): %s\n", path, strerror(-err));
		err = 1;
		goto out;
	}
	btf_rc_layouts_free(&lay);
	err = load_raw(img, img_sz);
out:
	free(img);
	free(data);
	if (f)
		fclose(f);
	return err;
}

/* the last @n lines of the verifier log */
static const char *log_tail(int n)
{
	size_t len = strlen(log_buf);
	const char *p = log_buf + len;

	while (p > log_buf && n >= 0)
		if (*--p == '\n')
			n--;
	return p == log_buf ? p : p + 1;
}

int main(int argc, char **argv)
{
	int i, err, refused = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: btfverify FILE...\n");
		return 2;
	}
	err = probe();
	if (err) {
		fprintf(stderr, "btfverify: this machine cannot load BTF (BPF_BTF_LOAD: %s); run as root on a kernel with CONFIG_BPF_SYSCALL\n",
			strerror(-err));
		return 2;
	}
	for (i = 1; i < argc; i++) {
		err = verify_br(argv[i]);
		if (err > 0) {
			refused++;
			continue;
		}
		if (err) {
			printf("%s: refused (%s):\n%s\n", argv[i], strerror(-err),
			       log_tail(4));
			refused++;
		}
	}
	printf("btfverify: %d of %d accepted by the kernel's BTF verifier\n",
	       argc - 1 - refused, argc - 1);
	return refused ? 1 : 0;
}
