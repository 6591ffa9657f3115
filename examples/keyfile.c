/*
 * keyfile.c - X25519 key files (format and recovery rules: keyfile.h).
 */
#include "keyfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "hopebox.h"

#define KF_HEADER "hopebox x25519 key v1\n"
#define KF_BYTES (sizeof KF_HEADER - 1 + 7 + 64 + 1 + 7 + 64 + 1 + 6 + 32 + 1)
#define KF_SECRET_LINE (sizeof KF_HEADER - 1 + 72) /* after the public line */
#define KF_PATHMAX 4096

enum { KF_OK = 0, KF_MISSING = -1, KF_CORRUPT = -2, KF_UNREADABLE = -3 };

/* The one valid content for sk (KF_BYTES bytes plus a NUL). */
static void kf_format(char out[KF_BYTES + 1], const uint8_t sk[32])
{
	static const uint8_t domain[] = "hopebox key v1";
	uint8_t pk[32], buf[sizeof domain - 1 + 64], sum[32];
	char pkhex[65], skhex[65], sumhex[33];

	hbox_x25519_base(pk, sk);
	memcpy(buf, domain, sizeof domain - 1);
	memcpy(buf + sizeof domain - 1, sk, 32);
	memcpy(buf + sizeof domain - 1 + 32, pk, 32);
	hbox_sha256(sum, buf, sizeof buf);
	cli_hex_encode(pkhex, pk, 32);
	cli_hex_encode(skhex, sk, 32);
	cli_hex_encode(sumhex, sum, 16);
	snprintf(out, KF_BYTES + 1, "%spublic %s\nsecret %s\ncheck %s\n", KF_HEADER, pkhex, skhex,
	         sumhex);
	hbox_wipe(buf, sizeof buf);
	hbox_wipe(skhex, sizeof skhex);
}

static void kf_name(char out[KF_PATHMAX], const char *path, const char *suffix)
{
	if ((size_t)snprintf(out, KF_PATHMAX, "%s%s", path, suffix) >= KF_PATHMAX)
		cli_fail("%s: file name too long", path);
}

/* Read and check one key file; on KF_CORRUPT, *why says what is wrong. */
static int kf_parse(const char *path, uint8_t sk[32], uint8_t pk[32], const char **why)
{
	char text[KF_BYTES + 2], want[KF_BYTES + 1], skhex[65];
	size_t have = 0;
	int fd, rc = KF_CORRUPT;

	*why = "";
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		*why = strerror(errno);
		return errno == ENOENT ? KF_MISSING : KF_UNREADABLE;
	}
	for (;;) {
		ssize_t n = read(fd, text + have, sizeof text - 1 - have);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*why = strerror(errno);
			close(fd);
			return KF_UNREADABLE;
		}
		if (n == 0 || (have += (size_t)n) == sizeof text - 1)
			break;
	}
	close(fd);
	text[have] = '\0';

	if (have < sizeof KF_HEADER - 1 || memcmp(text, KF_HEADER, sizeof KF_HEADER - 1) != 0) {
		*why = "not a hopebox key file (bad first line)";
		goto out;
	}
	/* The secret line decides the key; the whole file must then be the
	 * one canonical text for it (public key and check included). */
	if (have != KF_BYTES || memcmp(text + KF_SECRET_LINE, "secret ", 7) != 0) {
		*why = "damaged (the layout is not the one hopebox writes)";
		goto out;
	}
	memcpy(skhex, text + KF_SECRET_LINE + 7, 64);
	skhex[64] = '\0';
	if (cli_hex_decode(sk, 32, skhex) != 0) {
		*why = "damaged (the secret key is not hex)";
		goto out;
	}
	kf_format(want, sk);
	if (memcmp(want, text, KF_BYTES) != 0) {
		*why = "damaged (checksum or public key does not match the secret key)";
		goto out;
	}
	hbox_x25519_base(pk, sk);
	rc = KF_OK;
out:
	if (rc != KF_OK)
		hbox_wipe(sk, 32);
	hbox_wipe(text, sizeof text);
	hbox_wipe(want, sizeof want);
	hbox_wipe(skhex, sizeof skhex);
	return rc;
}

/* Make the rename durable (best effort: some file systems refuse). */
static void kf_sync_dir(const char *path)
{
	char dir[KF_PATHMAX];
	const char *slash = strrchr(path, '/');
	int fd;

	if (slash == NULL)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	fd = open(dir, O_RDONLY);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* Write the key file for sk to path through a temporary file + rename. */
static void kf_replace(const char *path, const uint8_t sk[32])
{
	char tmp[KF_PATHMAX], suffix[32], text[KF_BYTES + 1];
	int fd;

	snprintf(suffix, sizeof suffix, ".tmp.%ld", (long)getpid());
	kf_name(tmp, path, suffix);
	(void)unlink(tmp); /* a leftover of a crashed run of this pid */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		cli_fail("cannot create %s: %s", tmp, strerror(errno));
	kf_format(text, sk);
	if (fchmod(fd, 0600) != 0 || cli_write_all(fd, text, KF_BYTES) != 0 || fsync(fd) != 0) {
		int e = errno;

		hbox_wipe(text, sizeof text);
		close(fd);
		(void)unlink(tmp);
		cli_fail("cannot write %s: %s", tmp, strerror(e));
	}
	hbox_wipe(text, sizeof text);
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		int e = errno;

		(void)unlink(tmp);
		cli_fail("cannot replace %s: %s", path, strerror(e));
	}
	kf_sync_dir(path);
}

void keyfile_write(const char *path, const uint8_t sk[32])
{
	char bak[KF_PATHMAX];
	uint8_t old_sk[32], old_pk[32];
	const char *why;
	int rc = kf_parse(path, old_sk, old_pk, &why);

	kf_name(bak, path, ".bak");
	if (rc == KF_CORRUPT || rc == KF_UNREADABLE)
		cli_fail("%s exists and is not a valid key file (%s); not overwriting it "
		         "(hopebox pubkey %s recovers it from %s if that is valid; or remove it)",
		         path, why, path, bak);
	if (rc == KF_OK) {
		kf_replace(bak, old_sk);
		cli_note("previous key kept in %s", bak);
	}
	hbox_wipe(old_sk, sizeof old_sk);
	kf_replace(path, sk);
}

void keyfile_load(const char *path, uint8_t sk[32], uint8_t pk[32])
{
	char bak[KF_PATHMAX], corrupt[KF_PATHMAX], pkhex[65];
	const char *why, *bak_why;
	struct stat st;
	int rc = kf_parse(path, sk, pk, &why), rb;

	if (rc == KF_OK) {
		if (stat(path, &st) == 0 && (st.st_mode & 077) != 0)
			cli_note("warning: %s is accessible to other users (mode %03o); run: chmod 600 %s",
			         path, (unsigned)(st.st_mode & 0777), path);
		return;
	}
	if (rc == KF_UNREADABLE) /* not damaged: leave it to its owner */
		cli_fail("cannot read %s: %s", path, why);
	kf_name(bak, path, ".bak");
	kf_name(corrupt, path, ".corrupt");
	rb = kf_parse(bak, sk, pk, &bak_why);
	if (rb != KF_OK) {
		if (rc == KF_MISSING)
			cli_fail("no key file %s (create one with: hopebox keygen --out %s)", path, path);
		cli_fail("%s: %s, and %s cannot replace it (%s)", path, why, bak,
		         rb == KF_MISSING ? "no such file" : bak_why);
	}
	cli_hex_encode(pkhex, pk, 32);
	cli_note("%s: %s; recovered the key from %s (public key %s: the key %s held before "
	         "its last keygen)", path, rc == KF_MISSING ? "missing" : why, bak, pkhex, path);
	if (rc != KF_MISSING) {
		if (rename(path, corrupt) != 0)
			cli_fail("cannot move the damaged %s to %s: %s", path, corrupt, strerror(errno));
		cli_note("the damaged file is kept as %s", corrupt);
	}
	kf_replace(path, sk);
	cli_note("%s restored from %s", path, bak);
}
