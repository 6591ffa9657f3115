/*
 * kat.h - the known-answer runner's small API.
 *
 * A suite file kat/suite_<name>.c defines `void kat_<name>(struct kat *k)`;
 * CMake generates the table of suites, so adding a suite is adding a file.
 * Inside, each named group of vectors is bracketed by kat_begin/kat_end,
 * which prints "group: N passed, M failed".
 *
 * Vector files live under kat/vectors/ (copied from shared/vectors with their
 * source notes). Three readers:
 *   - kv_*: the `name = value` block format (rfc/, the NIST .rsp files, newhope coins);
 *   - json_*: Wycheproof and BLAKE2 JSON;
 *   - kat_hex: hex to bytes.
 * The runner may allocate; the library never does.
 */
#ifndef HB_KAT_H
#define HB_KAT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct kat {
	const char *dir;    /* vector directory */
	int slow;           /* --slow: run million-iteration vectors */
	const char *filter; /* run only groups whose name contains this */
	unsigned long passed, failed;     /* totals */
	const char *group;                /* current group */
	unsigned long g_passed, g_failed; /* current group */
	int g_skip;                       /* current group filtered out */
};

/* Start a group; returns 0 when the group is filtered out (skip it). */
int kat_begin(struct kat *k, const char *group);
/* Record one vector; on failure print the id / reason. */
void kat_check(struct kat *k, int ok, const char *id);
void kat_end(struct kat *k);
/* A group that cannot run (missing file): counts as one failure. */
void kat_fail(struct kat *k, const char *why);

/* Path of a vector file: dir/rel, in a static buffer. */
const char *kat_path(const struct kat *k, const char *rel);

/* Hex string to freshly allocated bytes (never NULL; *len set). Exits on
 * malformed hex, which is a broken vector file. */
uint8_t *kat_hex(const char *hex, size_t *len);

/* ---- key = value blocks ---- */
#define KV_MAX_FIELDS 32
struct kv_file {
	FILE *f;
	char *line;
	size_t cap;
	int nfields;
	char *name[KV_MAX_FIELDS];
	char *value[KV_MAX_FIELDS];
	char *section; /* last "[...]" header seen (NIST .rsp), or NULL */
};
/* Open dir/rel; returns 0 on success. */
int kv_open(struct kv_file *kv, const struct kat *k, const char *rel);
/* Read the next non-empty block; returns 1, or 0 at end of file. */
int kv_next(struct kv_file *kv);
/* Value of a field (case-insensitive name) in the current block, or NULL. */
const char *kv_get(const struct kv_file *kv, const char *name);
/* Hex field as allocated bytes, or NULL when absent. */
uint8_t *kv_bytes(const struct kv_file *kv, const char *name, size_t *len);
/* Decimal field, or -1 when absent. */
long kv_long(const struct kv_file *kv, const char *name);
void kv_close(struct kv_file *kv);

/* ---- JSON (enough for Wycheproof and the BLAKE2 KAT) ---- */
enum json_type { JSON_NULL, JSON_BOOL, JSON_NUM, JSON_STR, JSON_ARR, JSON_OBJ };
struct json {
	enum json_type type;
	double num;      /* JSON_NUM, JSON_BOOL */
	char *str;       /* JSON_STR */
	size_t n;        /* JSON_ARR / JSON_OBJ element count */
	struct json *v;  /* elements */
	char **keys;     /* JSON_OBJ keys */
};
/* Parse the file dir/rel; NULL on error. */
struct json *json_load(const struct kat *k, const char *rel);
/* Object member or NULL. */
const struct json *json_get(const struct json *obj, const char *key);
/* String member or NULL. */
const char *json_str(const struct json *obj, const char *key);
/* Numeric member or -1. */
long json_long(const struct json *obj, const char *key);
/* Hex string member as bytes (NULL when absent). */
uint8_t *json_bytes(const struct json *obj, const char *key, size_t *len);
void json_free(struct json *j);

#endif
