/*
 * keys.c - hopebox keygen / pubkey / seal / open: X25519 key files and
 * libsodium-compatible sealed boxes (crypto_box_seal) over stdin/stdout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "hopebox.h"
#include "keyfile.h"

/* Largest message seal / open accept on stdin. */
#define SEAL_MAX (1u << 20)

int cmd_keygen(int argc, char **argv)
{
	const char *out = NULL;
	uint8_t sk[32], pk[32];
	char hex[65];
	int i;

	for (i = 0; i < argc; i++) {
		if (cli_opt(argc, argv, &i, "--out", &out))
			continue;
		cli_unknown(argv[i]);
	}
	if (out == NULL)
		cli_fail("missing --out FILE");
	if (hbox_box_keypair(pk, sk) != 0)
		cli_fail("the random source failed");
	keyfile_write(out, sk);
	hbox_wipe(sk, sizeof sk);
	cli_hex_encode(hex, pk, 32);
	cli_note("wrote %s (mode 0600)", out);
	printf("%s\n", hex);
	return 0;
}

int cmd_pubkey(int argc, char **argv)
{
	uint8_t sk[32], pk[32];
	char hex[65];

	if (argc != 1)
		cli_fail("usage: hopebox pubkey FILE");
	keyfile_load(argv[0], sk, pk);
	hbox_wipe(sk, sizeof sk);
	cli_hex_encode(hex, pk, 32);
	printf("%s\n", hex);
	return 0;
}

/* stdin as bytes, or (hex) as hex digits with white space ignored */
static uint8_t *read_input(int hex, size_t *len)
{
	uint8_t *buf = cli_read_all(STDIN_FILENO, hex ? 2 * SEAL_MAX + 2 * SEAL_MAX / 32 : SEAL_MAX, len);
	char *digits, two[3] = {0, 0, 0};
	size_t i, n = 0;

	if (!hex)
		return buf;
	digits = (char *)buf;
	for (i = 0; i < *len; i++)
		if (digits[i] != ' ' && digits[i] != '\n' && digits[i] != '\r' && digits[i] != '\t')
			digits[n++] = digits[i];
	if (n % 2 != 0)
		cli_fail("the input is not hex (odd number of digits)");
	for (i = 0; i < n / 2; i++) {
		two[0] = digits[2 * i];
		two[1] = digits[2 * i + 1];
		if (cli_hex_decode(buf + i, 1, two) != 0)
			cli_fail("the input is not hex");
	}
	*len = n / 2;
	return buf;
}

static void write_output(const uint8_t *buf, size_t len, int hex)
{
	int rc;

	if (hex) {
		char *text = malloc(2 * len + 2);

		if (text == NULL)
			cli_fail("out of memory");
		cli_hex_encode(text, buf, len);
		text[2 * len] = '\n';
		rc = cli_write_all(STDOUT_FILENO, text, 2 * len + 1);
		free(text);
	} else {
		rc = cli_write_all(STDOUT_FILENO, buf, len);
	}
	if (rc != 0)
		cli_fail("cannot write to standard output");
}

int cmd_seal(int argc, char **argv)
{
	const char *to = NULL;
	uint8_t pk[32], *m, *c;
	size_t mlen;
	int i, hex = 0;

	for (i = 0; i < argc; i++) {
		if (cli_opt(argc, argv, &i, "--to", &to))
			continue;
		if (cli_flag(argv, i, "--hex")) {
			hex = 1;
			continue;
		}
		cli_unknown(argv[i]);
	}
	if (to == NULL)
		cli_fail("missing --to PUBKEYHEX");
	cli_key32(pk, "--to", to);
	m = read_input(0, &mlen);
	c = malloc(mlen + HBOX_BOX_SEALBYTES);
	if (c == NULL)
		cli_fail("out of memory");
	if (hbox_box_seal(c, m, mlen, pk) != 0)
		cli_fail("cannot seal to this key (a point of small order) or the random source failed");
	write_output(c, mlen + HBOX_BOX_SEALBYTES, hex);
	hbox_wipe(m, mlen);
	free(m);
	free(c);
	return 0;
}

int cmd_open(int argc, char **argv)
{
	const char *key = NULL;
	uint8_t sk[32], pk[32], *c, *m;
	size_t clen;
	int i, hex = 0;

	for (i = 0; i < argc; i++) {
		if (cli_opt(argc, argv, &i, "--key", &key))
			continue;
		if (cli_flag(argv, i, "--hex")) {
			hex = 1;
			continue;
		}
		cli_unknown(argv[i]);
	}
	if (key == NULL)
		cli_fail("missing --key FILE");
	keyfile_load(key, sk, pk);
	c = read_input(hex, &clen);
	if (clen < HBOX_BOX_SEALBYTES)
		cli_fail("input too short for a sealed box (%zu bytes, at least %d needed)", clen,
		         HBOX_BOX_SEALBYTES);
	m = malloc(clen - HBOX_BOX_SEALBYTES + 1);
	if (m == NULL)
		cli_fail("out of memory");
	if (hbox_box_seal_open(m, c, clen, pk, sk) != 0)
		cli_fail("the sealed box does not open with this key (another recipient, or damaged)");
	hbox_wipe(sk, sizeof sk);
	write_output(m, clen - HBOX_BOX_SEALBYTES, 0);
	hbox_wipe(m, clen - HBOX_BOX_SEALBYTES);
	free(m);
	free(c);
	return 0;
}
