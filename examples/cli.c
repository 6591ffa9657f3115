/*
 * cli.c - shared helpers of the hopebox command (see cli.h).
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hopebox.h"

const char *cli_cmd = "hopebox";
int cli_verbose = 1;

static void vmsg(const char *fmt, va_list ap)
{
	fprintf(stderr, "hopebox %s: ", cli_cmd);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	fflush(stderr);
}

void cli_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(1);
}

void cli_note(const char *fmt, ...)
{
	va_list ap;

	if (!cli_verbose)
		return;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

int cli_opt(int argc, char **argv, int *i, const char *name, const char **value)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*value = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		cli_fail("%s needs a value", name);
	*i += 1;
	*value = argv[*i];
	return 1;
}

int cli_flag(char **argv, int i, const char *name)
{
	return strcmp(argv[i], name) == 0;
}

void cli_unknown(const char *arg)
{
	cli_fail("unknown argument '%s' (see: hopebox help)", arg);
}

double cli_parse_double(const char *opt, const char *s, double lo, double hi)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v >= lo && v <= hi))
		cli_fail("%s: '%s' is not a number from %g to %g", opt, s, lo, hi);
	return v;
}

unsigned long cli_parse_ulong(const char *opt, const char *s, unsigned long lo, unsigned long hi)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-' || v < lo || v > hi)
		cli_fail("%s: '%s' is not a whole number from %lu to %lu", opt, s, lo, hi);
	return v;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int cli_hex_decode(uint8_t *out, size_t outlen, const char *hex)
{
	size_t i;

	if (strlen(hex) != 2 * outlen)
		return -1;
	for (i = 0; i < outlen; i++) {
		int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			memset(out, 0, outlen);
			return -1;
		}
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

void cli_hex_encode(char *out, const uint8_t *in, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * len] = '\0';
}

void cli_key32(uint8_t out[32], const char *opt, const char *hex)
{
	if (cli_hex_decode(out, 32, hex) != 0)
		cli_fail("%s: expected 64 hex digits (32 bytes), got '%s'", opt, hex);
}

int64_t cli_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* splitmix64: a small, well-mixed generator; enough for choosing which
 * test datagrams to drop. */
static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

void cli_loss_init(struct cli_loss *l, const char *fraction, const char *seed)
{
	uint8_t b[8];
	int i;

	l->fraction = fraction ? cli_parse_double("--loss", fraction, 0.0, 0.95) : 0.0;
	if (seed) {
		l->state = (uint64_t)cli_parse_ulong("--seed", seed, 0, (unsigned long)-1);
		return;
	}
	if (hbox_randombytes(b, sizeof b) != 0)
		cli_fail("the random source failed");
	l->state = 0;
	for (i = 0; i < 8; i++)
		l->state = l->state << 8 | b[i];
}

int cli_drop(struct cli_loss *l)
{
	if (l->fraction <= 0.0)
		return 0;
	/* 53 random bits as a double in [0, 1) */
	return (double)(splitmix(&l->state) >> 11) * (1.0 / 9007199254740992.0) < l->fraction;
}

void cli_lines_init(struct cli_lines *r, int fd)
{
	memset(r, 0, sizeof *r);
	r->fd = fd;
}

int cli_lines_fill(struct cli_lines *r)
{
	ssize_t n;

	if (r->eof)
		return 0;
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->have - r->start);
		r->have -= r->start;
		r->start = 0;
	}
	if (r->have >= 2 * CLI_LINE_MAX)
		return 1; /* full: the caller takes lines first */
	do
		n = read(r->fd, r->buf + r->have, 2 * CLI_LINE_MAX - r->have);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	if (n == 0) {
		r->eof = 1;
		return 0;
	}
	r->have += (size_t)n;
	return 1;
}

char *cli_lines_next(struct cli_lines *r, size_t *len)
{
	const char *p = r->buf + r->start;
	size_t avail = r->have - r->start;
	const char *nl = memchr(p, '\n', avail);
	size_t n, used;

	if (nl != NULL && (size_t)(nl - p) <= CLI_LINE_MAX) {
		n = (size_t)(nl - p);
		used = n + 1;
	} else if (avail >= CLI_LINE_MAX || (r->eof && avail > 0)) {
		n = avail < CLI_LINE_MAX ? avail : CLI_LINE_MAX; /* cut or last line */
		used = n;
	} else {
		return NULL;
	}
	memcpy(r->line, p, n);
	r->start += used;
	if (n > 0 && r->line[n - 1] == '\r')
		n--;
	r->line[n] = '\0';
	*len = n;
	return r->line;
}

char *cli_lines_read(struct cli_lines *r, size_t *len)
{
	for (;;) {
		char *line = cli_lines_next(r, len);
		int got;

		if (line != NULL)
			return line;
		got = cli_lines_fill(r);
		if (got < 0)
			cli_fail("reading standard input: %s", strerror(errno));
		if (got == 0 && r->eof) {
			line = cli_lines_next(r, len);
			return line;
		}
	}
}

uint8_t *cli_read_all(int fd, size_t max, size_t *len)
{
	uint8_t *buf = malloc(max + 1);
	size_t have = 0;

	if (buf == NULL)
		cli_fail("out of memory");
	for (;;) {
		ssize_t n = read(fd, buf + have, max + 1 - have);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			cli_fail("reading standard input: %s", strerror(errno));
		if (n == 0)
			break;
		have += (size_t)n;
		if (have > max)
			cli_fail("input longer than %zu bytes", max);
	}
	*len = have;
	return buf;
}

int cli_write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

void cli_print_text(const uint8_t *pt, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		int c = pt[i];

		putchar((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ? '?' : c);
	}
	if (len == 0 || pt[len - 1] != '\n')
		putchar('\n');
	fflush(stdout);
}

const char *cli_hbox_error(int code)
{
	switch (code) {
	case HBOX_OK: return "no error";
	case HBOX_EBADMSG: return "malformed message (type, size or encoding)";
	case HBOX_ESTATE: return "message not expected in this state";
	case HBOX_EAUTH: return "authentication failed";
	case HBOX_EITERS: return "iteration count refused";
	case HBOX_EREPLAY: return "replayed or out-of-window record";
	case HBOX_ECOUNTER: return "record counter exhausted";
	case HBOX_EKEY: return "public key refused (not the pinned key, or small order)";
	case HBOX_EMODE: return "mode not offered (PSK or pinned-key flags)";
	case HBOX_EPARAM: return "invalid parameter";
	case HBOX_ERNG: return "random source failed";
	default: return "unknown error";
	}
}
