/*
 * kat_util.c - group accounting, hex decoding and the key = value reader.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kat.h"

int kat_begin(struct kat *k, const char *group)
{
	k->group = group;
	k->g_passed = k->g_failed = 0;
	k->g_skip = k->filter != NULL && strstr(group, k->filter) == NULL;
	return !k->g_skip;
}

void kat_check(struct kat *k, int ok, const char *id)
{
	if (ok) {
		k->g_passed++;
		return;
	}
	k->g_failed++;
	if (k->g_failed <= 10)
		printf("  FAIL %s: %s\n", k->group, id != NULL ? id : "?");
}

void kat_fail(struct kat *k, const char *why)
{
	kat_check(k, 0, why);
}

void kat_end(struct kat *k)
{
	if (k->g_skip)
		return;
	printf("%s: %lu passed, %lu failed\n", k->group, k->g_passed, k->g_failed);
	k->passed += k->g_passed;
	k->failed += k->g_failed;
	/* A group that ran no vector is a broken group, not a pass. */
	if (k->g_passed + k->g_failed == 0)
		k->failed++;
}

const char *kat_path(const struct kat *k, const char *rel)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, "%s/%s", k->dir, rel);
	return buf;
}

static int nibble(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

uint8_t *kat_hex(const char *hex, size_t *len)
{
	size_t n = strlen(hex), i;
	uint8_t *out;
	if (n % 2 != 0) {
		fprintf(stderr, "kat: odd-length hex string\n");
		exit(2);
	}
	out = malloc(n / 2 + 1);
	if (out == NULL)
		exit(2);
	for (i = 0; i < n / 2; i++) {
		int hi = nibble((unsigned char)hex[2 * i]), lo = nibble((unsigned char)hex[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			fprintf(stderr, "kat: bad hex digit in '%.40s'\n", hex);
			exit(2);
		}
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	*len = n / 2;
	return out;
}

int kv_open(struct kv_file *kv, const struct kat *k, const char *rel)
{
	memset(kv, 0, sizeof *kv);
	kv->f = fopen(kat_path(k, rel), "r");
	return kv->f != NULL ? 0 : -1;
}

static void kv_clear(struct kv_file *kv)
{
	int i;
	for (i = 0; i < kv->nfields; i++) {
		free(kv->name[i]);
		free(kv->value[i]);
	}
	kv->nfields = 0;
}

static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static char *dupstr(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	if (d == NULL)
		exit(2);
	strcpy(d, s);
	return d;
}

int kv_next(struct kv_file *kv)
{
	kv_clear(kv);
	for (;;) {
		ssize_t r = getline(&kv->line, &kv->cap, kv->f);
		char *s, *eq;
		if (r < 0)
			return kv->nfields > 0;
		s = trim(kv->line);
		if (*s == '\0') {
			if (kv->nfields > 0)
				return 1;
			continue;
		}
		if (*s == '#')
			continue;
		if (*s == '[') {
			free(kv->section);
			kv->section = dupstr(s);
			continue;
		}
		eq = strchr(s, '=');
		if (eq == NULL || kv->nfields == KV_MAX_FIELDS)
			continue;
		*eq = '\0';
		kv->name[kv->nfields] = dupstr(trim(s));
		kv->value[kv->nfields] = dupstr(trim(eq + 1));
		kv->nfields++;
	}
}

const char *kv_get(const struct kv_file *kv, const char *name)
{
	int i;
	for (i = 0; i < kv->nfields; i++)
		if (strcasecmp(kv->name[i], name) == 0)
			return kv->value[i];
	return NULL;
}

uint8_t *kv_bytes(const struct kv_file *kv, const char *name, size_t *len)
{
	const char *v = kv_get(kv, name);
	if (v == NULL) {
		*len = 0;
		return NULL;
	}
	return kat_hex(v, len);
}

long kv_long(const struct kv_file *kv, const char *name)
{
	const char *v = kv_get(kv, name);
	return v != NULL ? strtol(v, NULL, 10) : -1;
}

void kv_close(struct kv_file *kv)
{
	kv_clear(kv);
	free(kv->line);
	free(kv->section);
	if (kv->f != NULL)
		fclose(kv->f);
	memset(kv, 0, sizeof *kv);
}
