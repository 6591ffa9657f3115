/*
 * suite_protocol.c - deterministic transcripts of every protocol in
 * protocol/ (PROTOCOLS.md): with fixed keys and fixed random bytes, every
 * message, the transcript hash th, the channel keys, the session id, the
 * nhx prekey and one record each way must come out byte for byte, so any
 * change to a wire format or key schedule shows up here.
 *
 *   protocol/nhx.txt       protocol-nhx       pinned; HELLO; HELLO + per-session key
 *   protocol/channel.txt   protocol-channel   NN, PSK, NK, NK + PSK
 *   protocol/password.txt  protocol-password  two passwords / counts
 *   protocol/static.txt    protocol-static    half, mutual, seal
 *
 * Each block gives the inputs (keys, password, flags) and rand_i / rand_r,
 * the bytes each side's random source returns, in the order drawn (the
 * header of each file lists the layout); the rest are outputs. th is also
 * recomputed here from the messages as PROTOCOLS.md defines it, and
 * session_id must be SHA-256("id" || th). record_i2r / record_r2i seal the
 * 18 ASCII bytes "hopebox kat record" with counter 0, and must open at the
 * peer. A peer implementation can replay these files to prove it
 * interoperates.
 *
 * Regenerating (after a deliberate change of the protocol, which also
 * needs new type bytes: see PROTOCOLS.md "Versioning"):
 *   HOPEBOX_KAT_WRITE_PROTOCOL=kat/vectors/protocol hopebox-kat --filter protocol
 * writes the four files instead of checking them; inputs and random bytes
 * are then derived from SHA-256("hopebox kat" || id || "/" || field || i).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hb_proto.h"
#include "hopebox.h"
#include "hopebox_protocol.h"
#include "kat.h"

#define RECORD_PT "hopebox kat record"
#define RECORD_PT_LEN 18

/* ---- inputs and outputs of one vector: checked, or written ---- */

struct io {
	struct kat *k;
	const struct kv_file *kv; /* check mode */
	FILE *out;                /* write mode */
	const char *id;
	uint8_t *owned[16];       /* input buffers to free */
	int nowned;
	int bad;                  /* an input was missing or malformed */
};

static void gen_bytes(uint8_t *p, size_t len, const char *id, const char *field)
{
	uint8_t blk[32], buf[256];
	size_t n = 0, idl = strlen(id), fl = strlen(field);
	uint32_t ctr = 0;
	while (n < len) {
		size_t m = 0, take;
		memcpy(buf, "hopebox kat", 11);
		m = 11;
		memcpy(buf + m, id, idl);
		m += idl;
		buf[m++] = '/';
		memcpy(buf + m, field, fl);
		m += fl;
		hb_store32_be(buf + m, ctr++);
		hbox_sha256(blk, buf, m + 4);
		take = len - n < 32 ? len - n : 32;
		memcpy(p + n, blk, take);
		n += take;
	}
}

static void put_hex(FILE *f, const char *name, const uint8_t *p, size_t n)
{
	size_t i;
	fprintf(f, "%s = ", name);
	for (i = 0; i < n; i++)
		fprintf(f, "%02x", p[i]);
	fprintf(f, "\n");
}

/* An input of len bytes (NULL when absent or of another length). */
static const uint8_t *in_bytes(struct io *io, const char *name, size_t len)
{
	uint8_t *p;
	size_t n = len;
	if (io->out != NULL) {
		p = malloc(len > 0 ? len : 1);
		gen_bytes(p, len, io->id, name);
		put_hex(io->out, name, p, len);
	} else {
		p = kv_bytes(io->kv, name, &n);
	}
	if (p == NULL || n != len) {
		free(p);
		io->bad = 1;
		printf("  %s: input %s missing or not %zu bytes\n", io->id, name, len);
		return NULL;
	}
	io->owned[io->nowned++] = p;
	return p;
}

/* A decimal input, with its value when writing. */
static long in_num(struct io *io, const char *name, long value)
{
	if (io->out != NULL) {
		fprintf(io->out, "%s = %ld\n", name, value);
		return value;
	}
	value = kv_long(io->kv, name);
	if (value < 0)
		io->bad = 1;
	return value;
}

/* An output: written, or compared with the file. */
static void out_bytes(struct io *io, const char *name, const uint8_t *p, size_t len)
{
	char what[128];
	uint8_t *want;
	size_t n;
	if (io->out != NULL) {
		put_hex(io->out, name, p, len);
		return;
	}
	want = kv_bytes(io->kv, name, &n);
	snprintf(what, sizeof what, "%s: %s", io->id, name);
	kat_check(io->k, want != NULL && n == len && memcmp(want, p, len) == 0, what);
	free(want);
}

/* A property that must hold (checked in both modes). */
static void must(struct io *io, int ok, const char *what)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s: %s", io->id, what);
	if (io->out != NULL && !ok) {
		printf("  %s does not hold while writing\n", buf);
		io->bad = 1;
	}
	if (io->out == NULL)
		kat_check(io->k, ok, buf);
}

static void io_done(struct io *io)
{
	int i;
	for (i = 0; i < io->nowned; i++)
		free(io->owned[i]);
	io->nowned = 0;
	if (io->out != NULL)
		fprintf(io->out, "\n");
}

/* ---- replayed random sources ---- */

struct replay {
	const uint8_t *p;
	size_t n, pos;
};
static struct replay rp_i, rp_r;

static int replay_draw(struct replay *r, uint8_t *out, size_t len)
{
	if (r->p == NULL || len > r->n - r->pos)
		return -1;
	memcpy(out, r->p + r->pos, len);
	r->pos += len;
	return 0;
}

static int rng_i(uint8_t *out, size_t len)
{
	return replay_draw(&rp_i, out, len);
}

static int rng_r(uint8_t *out, size_t len)
{
	return replay_draw(&rp_r, out, len);
}

static void replay_set(struct replay *r, const uint8_t *p, size_t n)
{
	r->p = p;
	r->n = n;
	r->pos = 0;
}

/* ---- common outputs: th, keys, session id, records ---- */

static void sha256_name_msgs(uint8_t th[32], const char *name, const uint8_t *m1, size_t l1,
                             const uint8_t *m2, size_t l2, const uint8_t *m3, size_t l3)
{
	hbox_sha256_ctx h;
	hbox_sha256_init(&h);
	hbox_sha256_update(&h, (const uint8_t *)name, strlen(name));
	hbox_sha256_update(&h, m1, l1);
	if (m2 != NULL)
		hbox_sha256_update(&h, m2, l2);
	if (m3 != NULL)
		hbox_sha256_update(&h, m3, l3);
	hbox_sha256_final(&h, th);
}

static void out_channels(struct io *io, const uint8_t th[32], hbox_channel *ci, hbox_channel *cr)
{
	uint8_t idm[34], id[32], rec[RECORD_PT_LEN + 25], pt[RECORD_PT_LEN];

	out_bytes(io, "th", th, 32);
	out_bytes(io, "k_i2r", ci->key_send, 32);
	out_bytes(io, "k_r2i", ci->key_recv, 32);
	must(io, memcmp(ci->key_send, cr->key_recv, 32) == 0 &&
	             memcmp(ci->key_recv, cr->key_send, 32) == 0,
	     "keys agree");
	idm[0] = 'i';
	idm[1] = 'd';
	memcpy(idm + 2, th, 32);
	hbox_sha256(id, idm, 34);
	must(io, memcmp(ci->session_id, id, 32) == 0 && memcmp(cr->session_id, id, 32) == 0,
	     "session_id = SHA-256(\"id\" || th)");
	out_bytes(io, "session_id", id, 32);
	must(io, hbox_channel_seal(ci, rec, (const uint8_t *)RECORD_PT, RECORD_PT_LEN) == 0,
	     "seal i2r");
	out_bytes(io, "record_i2r", rec, sizeof rec);
	must(io, hbox_channel_open(cr, pt, rec, sizeof rec) == 0 &&
	             memcmp(pt, RECORD_PT, RECORD_PT_LEN) == 0,
	     "open i2r");
	must(io, hbox_channel_seal(cr, rec, (const uint8_t *)RECORD_PT, RECORD_PT_LEN) == 0,
	     "seal r2i");
	out_bytes(io, "record_r2i", rec, sizeof rec);
	must(io, hbox_channel_open(ci, pt, rec, sizeof rec) == 0 &&
	             memcmp(pt, RECORD_PT, RECORD_PT_LEN) == 0,
	     "open r2i");
}

static void must_consume_all(struct io *io)
{
	must(io, rp_i.pos == rp_i.n && rp_r.pos == rp_r.n, "every random byte used");
}

/* ---- nhx ---- */

static void run_nhx(struct io *io, const char *setup)
{
	int pinned = strcmp(setup, "pinned") == 0;
	int ephemeral = strcmp(setup, "hello-ephemeral") == 0;
	static uint8_t init[HBOX_NHX_INIT_BYTES], resp[HBOX_NHX_RESP_BYTES];
	uint8_t hello[HBOX_NHX_HELLO_BYTES], fin[HBOX_NHX_FIN_BYTES], pk[32], th[32];
	uint8_t pre_i[64], pre_r[64];
	const uint8_t *sk = NULL, *ri, *rr;
	hbox_nhx i, r;
	hbox_channel ci, cr;

	if (!ephemeral)
		sk = in_bytes(io, "sk_r", 32);
	ri = in_bytes(io, "rand_i", 160);
	rr = in_bytes(io, "rand_r", ephemeral ? 96 : 64);
	if (io->bad)
		return;
	replay_set(&rp_i, ri, 160);
	replay_set(&rp_r, rr, ephemeral ? 96 : 64);
	must(io, hbox_nhx_responder_init(&r, sk, rng_r) == 0, "responder_init");
	hbox_x25519_base(pk, r.sk_r);
	hbox_nhx_initiator_init(&i, pinned ? pk : NULL, rng_i);
	if (!pinned) {
		must(io, hbox_nhx_write_hello(&r, hello) == 0, "write_hello");
		out_bytes(io, "hello", hello, sizeof hello);
		must(io, hbox_nhx_read_hello(&i, hello, sizeof hello) == 0, "read_hello");
	}
	must(io, hbox_nhx_write_init(&i, init) == 0, "write_init");
	out_bytes(io, "init", init, sizeof init);
	must(io, hbox_nhx_read_init(&r, resp, init, sizeof init) == 0, "read_init");
	out_bytes(io, "resp", resp, sizeof resp);
	must(io, hbox_nhx_read_resp(&i, fin, &ci, pre_i, resp, sizeof resp) == 0, "read_resp");
	out_bytes(io, "fin", fin, sizeof fin);
	must(io, hbox_nhx_read_fin(&r, &cr, pre_r, fin, sizeof fin) == 0, "read_fin");
	out_bytes(io, "prekey", pre_i, 64);
	must(io, memcmp(pre_i, pre_r, 64) == 0, "prekeys agree");
	must_consume_all(io);
	if (pinned)
		sha256_name_msgs(th, "hopebox/v1 nhx", init, sizeof init, resp, 2081, NULL, 0);
	else
		sha256_name_msgs(th, "hopebox/v1 nhx", hello, sizeof hello, init, sizeof init, resp,
		                 2081);
	out_channels(io, th, &ci, &cr);
}

/* ---- channel ---- */

static void run_channel(struct io *io, long flags)
{
	const uint8_t *sk = NULL, *psk = NULL, *ri, *rr;
	uint8_t con[HBOX_CHANNEL_CONNECT_MAX], acc[HBOX_CHANNEL_ACCEPT_MAX], pk[32], th[32];
	size_t cl, al, nr = (flags & 1) ? 56 : 32;
	hbox_channel_hs c, s;
	hbox_channel ci, cr;

	if (flags & 2)
		sk = in_bytes(io, "server_sk", 32);
	if (flags & 1)
		psk = in_bytes(io, "psk", 32);
	ri = in_bytes(io, "rand_i", nr);
	rr = in_bytes(io, "rand_r", nr);
	if (io->bad)
		return;
	replay_set(&rp_i, ri, nr);
	replay_set(&rp_r, rr, nr);
	if (sk != NULL)
		hbox_x25519_base(pk, sk);
	hbox_channel_client_init(&c, sk != NULL ? pk : NULL, psk, rng_i);
	hbox_channel_server_init(&s, sk, psk, rng_r);
	must(io, hbox_channel_connect(&c, con, &cl) == 0, "connect");
	out_bytes(io, "connect", con, cl);
	must(io, hbox_channel_accept(&s, acc, &al, &cr, con, cl) == 0, "accept");
	out_bytes(io, "accept", acc, al);
	must(io, hbox_channel_finish(&c, &ci, acc, al) == 0, "finish");
	must_consume_all(io);
	sha256_name_msgs(th, "hopebox/v1 channel", con, cl, acc, al - 16, NULL, 0);
	out_channels(io, th, &ci, &cr);
}

/* ---- password ---- */

static void run_password(struct io *io, long pwlen, long iters)
{
	const uint8_t *pw, *ri, *rr;
	uint8_t mi[HBOX_PASSWORD_MSG_BYTES], mr[HBOX_PASSWORD_MSG_BYTES], th[32];
	hbox_password i, r;
	hbox_channel ci, cr;

	pw = in_bytes(io, "password", (size_t)pwlen);
	ri = in_bytes(io, "rand_i", 16);
	rr = in_bytes(io, "rand_r", 16);
	if (io->bad || iters <= 0)
		return;
	replay_set(&rp_i, ri, 16);
	replay_set(&rp_r, rr, 16);
	must(io, hbox_password_init(&i, HBOX_ROLE_I, pw, (size_t)pwlen, (uint32_t)iters, rng_i) == 0,
	     "init I");
	must(io, hbox_password_init(&r, HBOX_ROLE_R, pw, (size_t)pwlen, (uint32_t)iters, rng_r) == 0,
	     "init R");
	must(io, hbox_password_write(&i, mi) == 0, "write I");
	must(io, hbox_password_write(&r, mr) == 0, "write R");
	out_bytes(io, "msg_i", mi, sizeof mi);
	out_bytes(io, "msg_r", mr, sizeof mr);
	must(io, hbox_password_read(&i, &ci, mr, sizeof mr) == 0, "read I");
	must(io, hbox_password_read(&r, &cr, mi, sizeof mi) == 0, "read R");
	must_consume_all(io);
	sha256_name_msgs(th, "hopebox/v1 password", mi, sizeof mi, mr, sizeof mr, NULL, 0);
	out_channels(io, th, &ci, &cr);
}

/* ---- half, mutual, seal ---- */

static void run_static(struct io *io, const char *proto)
{
	const uint8_t *sk_i = NULL, *sk_r, *ri, *rr = NULL;
	uint8_t pk_i[32], pk_r[32], m1[HBOX_SEAL_MSG_BYTES], m2[HBOX_MUTUAL_MSG_BYTES], th[32];
	hbox_static_hs a, b;
	hbox_channel ci, cr;
	int is_half = strcmp(proto, "half") == 0, is_mutual = strcmp(proto, "mutual") == 0;
	size_t ni = is_half || is_mutual ? 56 : 64;

	if (is_half || is_mutual)
		sk_i = in_bytes(io, "sk_i", 32);
	sk_r = in_bytes(io, "sk_r", 32);
	ri = in_bytes(io, "rand_i", ni);
	if (is_mutual)
		rr = in_bytes(io, "rand_r", 56);
	if (io->bad)
		return;
	replay_set(&rp_i, ri, ni);
	replay_set(&rp_r, rr, rr != NULL ? 56 : 0);
	if (sk_i != NULL)
		hbox_x25519_base(pk_i, sk_i);
	hbox_x25519_base(pk_r, sk_r);
	if (is_half) {
		hbox_half_init(&a, HBOX_ROLE_I, sk_i, pk_r, rng_i);
		hbox_half_init(&b, HBOX_ROLE_R, sk_r, pk_i, rng_r);
		must(io, hbox_half_write(&a, &ci, m1) == 0, "write");
		out_bytes(io, "msg", m1, HBOX_HALF_MSG_BYTES);
		must(io, hbox_half_read(&b, &cr, m1, HBOX_HALF_MSG_BYTES) == 0, "read");
		sha256_name_msgs(th, "hopebox/v1 half", m1, HBOX_HALF_MSG_BYTES, NULL, 0, NULL, 0);
	} else if (is_mutual) {
		hbox_mutual_init(&a, HBOX_ROLE_I, sk_i, pk_r, rng_i);
		hbox_mutual_init(&b, HBOX_ROLE_R, sk_r, pk_i, rng_r);
		must(io, hbox_mutual_write(&a, m1) == 0 && hbox_mutual_write(&b, m2) == 0, "write");
		out_bytes(io, "msg_i", m1, HBOX_MUTUAL_MSG_BYTES);
		out_bytes(io, "msg_r", m2, HBOX_MUTUAL_MSG_BYTES);
		must(io, hbox_mutual_read(&a, &ci, m2, HBOX_MUTUAL_MSG_BYTES) == 0 &&
		             hbox_mutual_read(&b, &cr, m1, HBOX_MUTUAL_MSG_BYTES) == 0,
		     "read");
		sha256_name_msgs(th, "hopebox/v1 mutual", m1, HBOX_MUTUAL_MSG_BYTES, m2,
		                 HBOX_MUTUAL_MSG_BYTES, NULL, 0);
	} else {
		hbox_seal_init(&a, HBOX_ROLE_I, pk_r, rng_i);
		hbox_seal_init(&b, HBOX_ROLE_R, sk_r, rng_r);
		must(io, hbox_seal_write(&a, &ci, m1) == 0, "write");
		out_bytes(io, "msg", m1, HBOX_SEAL_MSG_BYTES);
		must(io, hbox_seal_read(&b, &cr, m1, HBOX_SEAL_MSG_BYTES) == 0, "read");
		sha256_name_msgs(th, "hopebox/v1 seal", m1, HBOX_SEAL_MSG_BYTES, NULL, 0, NULL, 0);
	}
	must_consume_all(io);
	out_channels(io, th, &ci, &cr);
}

/* ---- the four files ---- */

struct spec {
	const char *id;
	const char *setup; /* nhx set-up, channel flags, password "len/iters", static proto */
};

static const struct spec nhx_specs[] = {
	{"nhx-1", "pinned"}, {"nhx-2", "hello"}, {"nhx-3", "hello-ephemeral"}, {NULL, NULL}};
static const struct spec channel_specs[] = {
	{"channel-nn", "0"}, {"channel-psk", "1"}, {"channel-nk", "2"}, {"channel-nk-psk", "3"},
	{NULL, NULL}};
static const struct spec password_specs[] = {
	{"password-1", "24/10000"}, {"password-2", "80/20000"}, {NULL, NULL}};
static const struct spec static_specs[] = {
	{"half-1", "half"}, {"mutual-1", "mutual"}, {"seal-1", "seal"}, {NULL, NULL}};

static const char *const nhx_header =
	"# nhx transcripts (PROTOCOLS.md section 1), generated by kat/suite_protocol.c.\n"
	"# setup: pinned (I pins pk_R = X25519(sk_r, 9), no HELLO), hello (HELLO sent, not\n"
	"# pinned), hello-ephemeral (R draws a per-session sk_R first).\n"
	"# rand_i (160) = e_I || NewHope keygen coins (64: seed || noise seed) || chunk ||\n"
	"#   sealed-box ephemeral secret key.\n"
	"# rand_r = [sk_R (32), hello-ephemeral only] || NewHope sharedb coins (32) || e_R.\n"
	"# th = SHA-256(\"hopebox/v1 nhx\" [|| hello] || init || resp[0..2081)).\n"
	"# record_* = record (counter 0) of the 18 bytes \"hopebox kat record\".\n\n";
static const char *const channel_header =
	"# channel transcripts (PROTOCOLS.md section 2), generated by kat/suite_protocol.c.\n"
	"# flags: bit0 PSK, bit1 NK (the client pins X25519(server_sk, 9)).\n"
	"# rand_i = e_I [|| obfuscation nonce (24) with a PSK]; rand_r = e_R [|| nonce].\n"
	"# th = SHA-256(\"hopebox/v1 channel\" || connect || accept minus confirm16).\n"
	"# record_* = record (counter 0) of the 18 bytes \"hopebox kat record\".\n\n";
static const char *const password_header =
	"# password transcripts (PROTOCOLS.md section 3), generated by kat/suite_protocol.c.\n"
	"# rand_i / rand_r = each side's iv (16). th = SHA-256(\"hopebox/v1 password\" ||\n"
	"# msg_i || msg_r). record_* = record (counter 0) of \"hopebox kat record\".\n\n";
static const char *const static_header =
	"# half / mutual / seal transcripts (PROTOCOLS.md section 4), generated by\n"
	"# kat/suite_protocol.c. Public keys are X25519(sk, 9).\n"
	"# half, mutual: rand = secret (32) || box nonce (24) of that side;\n"
	"# seal: rand_i = secret (32) || sealed-box ephemeral secret key (32).\n"
	"# th = SHA-256(\"hopebox/v1 <proto>\" || message(s), I's first).\n"
	"# record_* = record (counter 0) of \"hopebox kat record\".\n\n";

static void run_one(struct io *io, const char *file, const char *setup)
{
	if (strcmp(file, "nhx") == 0) {
		run_nhx(io, setup);
	} else if (strcmp(file, "channel") == 0) {
		run_channel(io, in_num(io, "flags", strtol(setup, NULL, 10)));
	} else if (strcmp(file, "password") == 0) {
		/* setup "len/iters" (write mode only) */
		const char *slash = strchr(setup, '/');
		long len = in_num(io, "password_len", strtol(setup, NULL, 10));
		run_password(io, len, in_num(io, "iters", slash != NULL ? strtol(slash + 1, NULL, 10) : 0));
	} else {
		run_static(io, setup);
	}
}

static void protocol_file(struct kat *k, const char *file, const struct spec *specs,
                          const char *header)
{
	char group[64], rel[64];
	const char *wdir = getenv("HOPEBOX_KAT_WRITE_PROTOCOL");
	struct io io;

	snprintf(group, sizeof group, "protocol-%s", file);
	snprintf(rel, sizeof rel, "protocol/%s.txt", file);
	if (!kat_begin(k, group))
		return;
	memset(&io, 0, sizeof io);
	io.k = k;
	if (wdir != NULL) {
		char path[4096];
		const struct spec *s;
		snprintf(path, sizeof path, "%s/%s.txt", wdir, file);
		io.out = fopen(path, "w");
		if (io.out == NULL) {
			kat_fail(k, path);
			kat_end(k);
			return;
		}
		fputs(header, io.out);
		for (s = specs; s->id != NULL; s++) {
			io.id = s->id;
			fprintf(io.out, "id = %s\n", s->id);
			if (strcmp(file, "nhx") == 0 || strcmp(file, "static") == 0)
				fprintf(io.out, "setup = %s\n", s->setup);
			run_one(&io, file, s->setup);
			kat_check(k, !io.bad, s->id);
			io_done(&io);
		}
		fclose(io.out);
		printf("  wrote %s\n", path);
	} else {
		struct kv_file kv;
		if (kv_open(&kv, k, rel) != 0) {
			kat_fail(k, rel);
			kat_end(k);
			return;
		}
		while (kv_next(&kv)) {
			const char *setup = kv_get(&kv, "setup");
			io.kv = &kv;
			io.id = kv_get(&kv, "id") != NULL ? kv_get(&kv, "id") : "?";
			io.bad = 0;
			run_one(&io, file, setup != NULL ? setup : "");
			if (io.bad)
				kat_fail(k, io.id);
			io_done(&io);
		}
		kv_close(&kv);
	}
	kat_end(k);
}

void kat_protocol(struct kat *k)
{
	protocol_file(k, "nhx", nhx_specs, nhx_header);
	protocol_file(k, "channel", channel_specs, channel_header);
	protocol_file(k, "password", password_specs, password_header);
	protocol_file(k, "static", static_specs, static_header);
}
