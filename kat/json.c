/*
 * json.c - a small recursive-descent JSON reader for the vector files.
 * Test-harness code: it trusts its input to be well-formed JSON of modest
 * depth and exits on anything else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kat.h"

struct jp {
	const char *s;
};

static void jfail(const char *why)
{
	fprintf(stderr, "kat: json: %s\n", why);
	exit(2);
}

static void *jalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);
	if (p == NULL)
		jfail("out of memory");
	return p;
}

static void ws(struct jp *p)
{
	while (*p->s == ' ' || *p->s == '\n' || *p->s == '\r' || *p->s == '\t')
		p->s++;
}

static char *jstring(struct jp *p)
{
	size_t cap = 16, n = 0;
	char *out = jalloc(cap);
	if (*p->s != '"')
		jfail("expected string");
	p->s++;
	while (*p->s != '"') {
		char c = *p->s++;
		if (c == '\0')
			jfail("unterminated string");
		if (c == '\\') {
			char e = *p->s++;
			switch (e) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'u': {
				/* Vector files use \u only in comments: keep ASCII, else '?'. */
				unsigned v = (unsigned)strtoul((char[5]){p->s[0], p->s[1], p->s[2], p->s[3], 0}, NULL, 16);
				c = v < 0x80 ? (char)v : '?';
				p->s += 4;
				break;
			}
			default: c = e; break;
			}
		}
		if (n + 1 >= cap) {
			cap *= 2;
			out = realloc(out, cap);
			if (out == NULL)
				jfail("out of memory");
		}
		out[n++] = c;
	}
	p->s++;
	out[n] = '\0';
	return out;
}

static void jvalue(struct jp *p, struct json *j);

static void jcontainer(struct jp *p, struct json *j, int obj)
{
	size_t cap = 8;
	char close = obj ? '}' : ']';
	j->type = obj ? JSON_OBJ : JSON_ARR;
	j->v = jalloc(cap * sizeof *j->v);
	if (obj)
		j->keys = jalloc(cap * sizeof *j->keys);
	p->s++;
	ws(p);
	if (*p->s == close) {
		p->s++;
		return;
	}
	for (;;) {
		if (j->n == cap) {
			cap *= 2;
			j->v = realloc(j->v, cap * sizeof *j->v);
			if (obj)
				j->keys = realloc(j->keys, cap * sizeof *j->keys);
			if (j->v == NULL || (obj && j->keys == NULL))
				jfail("out of memory");
		}
		ws(p);
		if (obj) {
			j->keys[j->n] = jstring(p);
			ws(p);
			if (*p->s++ != ':')
				jfail("expected ':'");
		}
		jvalue(p, &j->v[j->n]);
		j->n++;
		ws(p);
		if (*p->s == ',') {
			p->s++;
			continue;
		}
		if (*p->s++ != close)
			jfail("expected ',' or close");
		return;
	}
}

static void jvalue(struct jp *p, struct json *j)
{
	memset(j, 0, sizeof *j);
	ws(p);
	switch (*p->s) {
	case '{': jcontainer(p, j, 1); break;
	case '[': jcontainer(p, j, 0); break;
	case '"': j->type = JSON_STR; j->str = jstring(p); break;
	case 't': j->type = JSON_BOOL; j->num = 1; p->s += 4; break;
	case 'f': j->type = JSON_BOOL; p->s += 5; break;
	case 'n': j->type = JSON_NULL; p->s += 4; break;
	default: {
		char *end;
		j->type = JSON_NUM;
		j->num = strtod(p->s, &end);
		if (end == p->s)
			jfail("unexpected character");
		p->s = end;
	}
	}
}

struct json *json_load(const struct kat *k, const char *rel)
{
	FILE *f = fopen(kat_path(k, rel), "rb");
	long size;
	char *buf;
	struct jp p;
	struct json *j;
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = jalloc((size_t)size + 1);
	if (fread(buf, 1, (size_t)size, f) != (size_t)size)
		jfail("short read");
	fclose(f);
	p.s = buf;
	j = jalloc(sizeof *j);
	jvalue(&p, j);
	free(buf);
	return j;
}

const struct json *json_get(const struct json *obj, const char *key)
{
	size_t i;
	if (obj == NULL || obj->type != JSON_OBJ)
		return NULL;
	for (i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return &obj->v[i];
	return NULL;
}

const char *json_str(const struct json *obj, const char *key)
{
	const struct json *v = json_get(obj, key);
	return v != NULL && v->type == JSON_STR ? v->str : NULL;
}

long json_long(const struct json *obj, const char *key)
{
	const struct json *v = json_get(obj, key);
	return v != NULL && v->type == JSON_NUM ? (long)v->num : -1;
}

uint8_t *json_bytes(const struct json *obj, const char *key, size_t *len)
{
	const char *s = json_str(obj, key);
	if (s == NULL) {
		*len = 0;
		return NULL;
	}
	return kat_hex(s, len);
}

static void json_free_inner(struct json *j)
{
	size_t i;
	for (i = 0; i < j->n; i++) {
		json_free_inner(&j->v[i]);
		if (j->keys != NULL)
			free(j->keys[i]);
	}
	free(j->v);
	free(j->keys);
	free(j->str);
}

void json_free(struct json *j)
{
	if (j == NULL)
		return;
	json_free_inner(j);
	free(j);
}
