/*
 * cli.h - shared helpers of the hopebox command: messages, option
 * parsing, hex, the monotonic clock, the seeded loss generator and the
 * line reader used by every subcommand.
 *
 * Messages: progress goes to stderr as "hopebox <command>: <text>"; an
 * error is one such line and exit status 1 (cli_fail).
 */
#ifndef HOPEBOX_CLI_H
#define HOPEBOX_CLI_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define CLI_NORETURN __attribute__((noreturn))
#define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_NORETURN
#define CLI_PRINTF(f, a)
#endif

/* The running subcommand, for the message prefix. */
extern const char *cli_cmd;

/* Print one error line to stderr and exit with status 1. */
void cli_fail(const char *fmt, ...) CLI_PRINTF(1, 2) CLI_NORETURN;

/* Print one progress line to stderr (silenced by --quiet). */
void cli_note(const char *fmt, ...) CLI_PRINTF(1, 2);

/* Progress lines are printed unless this is 0 (--quiet). */
extern int cli_verbose;

/*
 * Option parsing. A subcommand walks argv with an index; these helpers
 * recognise "--name VALUE" and "--name=VALUE" (cli_opt) and "--name"
 * (cli_flag), advancing the index past what they consume.
 */
int cli_opt(int argc, char **argv, int *i, const char *name, const char **value);
int cli_flag(char **argv, int i, const char *name);
/* Fail with "unknown option" for argv[i]. */
void cli_unknown(const char *arg) CLI_NORETURN;

/* Numbers from options; fail with a clear message when out of range. */
double cli_parse_double(const char *opt, const char *s, double lo, double hi);
unsigned long cli_parse_ulong(const char *opt, const char *s, unsigned long lo, unsigned long hi);

/* Hex: decode exactly outlen bytes (2 * outlen digits) or return -1. */
int cli_hex_decode(uint8_t *out, size_t outlen, const char *hex);
/* Encode len bytes as lower-case hex into out (2 * len + 1 bytes). */
void cli_hex_encode(char *out, const uint8_t *in, size_t len);
/* Decode a 32-byte key given to option opt, or fail. */
void cli_key32(uint8_t out[32], const char *opt, const char *hex);

/* Milliseconds on a monotonic clock. */
int64_t cli_now_ms(void);

/*
 * Seeded loss for tests (--loss FRACTION --seed N): cli_drop returns 1 for
 * the datagrams to drop. Not cryptographic: it only decides which test
 * datagrams get lost. Without --seed the seed comes from hbox_randombytes.
 */
struct cli_loss {
	double fraction;
	uint64_t state;
};
void cli_loss_init(struct cli_loss *l, const char *fraction, const char *seed);
int cli_drop(struct cli_loss *l);

/*
 * Line reader over a file descriptor for poll loops: cli_lines_fill reads
 * once (call it when poll says readable); cli_lines_next returns the next
 * complete line (without its '\n', NUL-terminated, *len set) or NULL.
 * After end of input, a last line without '\n' is returned too. Lines
 * longer than CLI_LINE_MAX are cut into pieces of CLI_LINE_MAX bytes.
 */
#define CLI_LINE_MAX 4096
struct cli_lines {
	int fd;
	int eof;
	size_t have;
	size_t start;
	char buf[2 * CLI_LINE_MAX];
	char line[CLI_LINE_MAX + 1];
};
void cli_lines_init(struct cli_lines *r, int fd);
/* Returns 1 after data, 0 at end of input, -1 on a read error. */
int cli_lines_fill(struct cli_lines *r);
char *cli_lines_next(struct cli_lines *r, size_t *len);
/* Blocking: the next line, or NULL at end of input (fails on read error). */
char *cli_lines_read(struct cli_lines *r, size_t *len);

/* Read all of a file descriptor (at most max bytes) into a malloc'd
 * buffer; fails with a message when it is longer. */
uint8_t *cli_read_all(int fd, size_t max, size_t *len);
/* Write all of buf to fd; returns 0 or -1. */
int cli_write_all(int fd, const void *buf, size_t len);

/* Print received text to stdout, newline-terminated; control characters
 * other than tab and newline are shown as '?' (a peer cannot drive the
 * terminal). */
void cli_print_text(const uint8_t *pt, size_t len);

/* The message for a protocol/ error code (HBOX_E*). */
const char *cli_hbox_error(int code);

#endif
