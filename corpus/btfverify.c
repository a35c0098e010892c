// SPDX-License-Identifier: GPL-2.0
/*
 * btfverify - have the running kernel's BTF verifier check raw BTF files.
 *
 * The module loader checks a .BTF.base_ref section with the same code as
 * BTF loaded with BPF_BTF_LOAD, so loading each base reference written by
 * btfcorpus -d shows whether a kernel would take it, without loading any
 * module. Prints each refused file with the end of the verifier's log.
 *
 * Usage: btfverify FILE...
 * Exit status: 0 all accepted, 1 some refused or unreadable, 2 this
 * machine cannot load BTF at all (no bpf() or no privilege).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

static char log_buf[1 << 20];

/* Load @btf; returns 0 or a negative errno, the log in log_buf. */
static int load(const struct btf *btf)
{
	LIBBPF_OPTS(bpf_btf_load_opts, opts, .log_buf = log_buf,
		    .log_size = sizeof(log_buf), .log_level = 1);
	const void *data;
	__u32 size;
	int fd;

	data = btf__raw_data(btf, &size);
	if (!data)
		return -ENOMEM;
	log_buf[0] = '\0';
	fd = bpf_btf_load(data, size, &opts);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
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
	struct btf *btf;

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
		btf = btf__parse_raw(argv[i]);
		if (!btf) {
			printf("%s: cannot parse: %s\n", argv[i], strerror(errno));
			refused++;
			continue;
		}
		err = load(btf);
		btf__free(btf);
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
