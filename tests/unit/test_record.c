/*
 * test_record.c - hbox_channel records: wire format against an explicit
 * AEAD construction, both receive modes, the replay window (repeat inside,
 * left of, far right of the window, 64-bit word boundaries, a forged huge
 * counter, a random trace against a naive model), forged tags, the wrong
 * direction's key, truncated / extended / mistyped records, the counter
 * limit on both sides, modes, closing, and the stream length prefix.
 */
#include <stdlib.h>

#include "hb_proto.h"
#include "proto_test.h"

#define BIG (HBOX_RECORD_MAX_BYTES + 8)

static uint8_t pt[BIG], rec[BIG], out[BIG];

/* Seal pt[0..n) on a, check the bytes against the AEAD, open on b. */
static void roundtrip(hbox_channel *a, hbox_channel *b, size_t n, uint64_t ctr)
{
	uint8_t nonce[12] = {0}, ad[9], tag[16];
	static uint8_t ct[BIG];

	tu_rand_bytes(pt, n);
	CHECK(hbox_channel_seal(a, rec, pt, n) == 0);
	ad[0] = 0x23;
	hb_store64_be(ad + 1, ctr);
	memcpy(nonce + 4, ad + 1, 8);
	hbox_aead_chacha20poly1305_encrypt(ct, tag, pt, n, ad, 9, nonce, a->key_send);
	CHECK_EQ_BYTES(rec, ad, 9);
	CHECK(memcmp(rec + 9, ct, n) == 0);
	CHECK_EQ_BYTES(rec + 9 + n, tag, 16);
	memset(out, 0xaa, n);
	CHECK(hbox_channel_open(b, out, rec, n + 25) == 0);
	CHECK(memcmp(out, pt, n) == 0);
	CHECK(hbox_channel_last_error(b) == HBOX_OK);
}

static void test_roundtrip_and_format(void)
{
	static const size_t lens[] = {0, 1, 15, 16, 17, 63, 64, 65, 1000, 16384, 65536};
	hbox_channel a, b;
	uint8_t id1[32], id2[32];
	size_t i;

	pt_channel_pair(&a, &b, 1);
	CHECK(hbox_channel_is_open(&a) && hbox_channel_is_open(&b));
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		roundtrip(&a, &b, lens[i], i);
		roundtrip(&b, &a, lens[i], i); /* the other direction counts on its own */
	}
	CHECK(hbox_channel_session_id(id1, &a) == 0);
	CHECK(hbox_channel_session_id(id2, &b) == 0);
	CHECK_EQ_BYTES(id1, id2, 32);
	CHECK(memcmp(a.key_send, a.key_recv, 32) != 0);

	/* too long a plaintext: nothing written, channel unchanged */
	memset(rec, 0x77, 64);
	CHECK(hbox_channel_seal(&a, rec, pt, HBOX_RECORD_MAX_PLAINTEXT + 1) == -1);
	CHECK(hbox_channel_last_error(&a) == HBOX_EPARAM);
	CHECK(rec[0] == 0x77 && hbox_channel_is_open(&a));
	roundtrip(&a, &b, 10, sizeof lens / sizeof lens[0]);

	hbox_channel_close(&a);
	CHECK(tu_is_zero(&a, sizeof a));
	CHECK(!hbox_channel_is_open(&a));
	memset(rec, 0x77, 40);
	CHECK(hbox_channel_seal(&a, rec, pt, 15) == -1);
	CHECK(hbox_channel_last_error(&a) == HBOX_ESTATE);
	CHECK(tu_is_zero(rec, 40));
	memset(id1, 1, 32);
	CHECK(hbox_channel_session_id(id1, &a) == -1 && tu_is_zero(id1, 32));
}

/* Seal a record with counter c on a (counters set through the test hook). */
static void seal_at(hbox_channel *a, uint64_t c, size_t n)
{
	hb_channel_set_counters(a, c, 0);
	tu_rand_bytes(pt, n);
	CHECK(hbox_channel_seal(a, rec, pt, n) == 0);
}

static void test_stream_failures(void)
{
	hbox_channel a, b;
	int k;

	/* Each failure ends a stream channel. */
	for (k = 0; k < 7; k++) {
		pt_channel_pair(&a, &b, 2);
		CHECK(hbox_channel_seal(&a, rec, pt, 20) == 0);
		CHECK(hbox_channel_open(&b, out, rec, 45) == 0);
		CHECK(hbox_channel_seal(&a, rec, pt, 20) == 0); /* counter 1 */
		memset(out, 0xaa, sizeof out);
		switch (k) {
		case 0: /* replay of counter 0 */
			seal_at(&a, 0, 20);
			CHECK(hbox_channel_open(&b, out, rec, 45) == -1);
			CHECK(hbox_channel_last_error(&b) == HBOX_EREPLAY);
			break;
		case 1: /* a gap: counter 2 before 1 */
			seal_at(&a, 2, 20);
			CHECK(hbox_channel_open(&b, out, rec, 45) == -1);
			CHECK(hbox_channel_last_error(&b) == HBOX_EREPLAY);
			break;
		case 2: /* forged tag */
			rec[44] ^= 1;
			CHECK(hbox_channel_open(&b, out, rec, 45) == -1);
			CHECK(hbox_channel_last_error(&b) == HBOX_EAUTH);
			break;
		case 3: /* truncated */
			CHECK(hbox_channel_open(&b, out, rec, 24) == -1);
			CHECK(hbox_channel_last_error(&b) == HBOX_EBADMSG);
			break;
		case 4: /* extended by one byte */
			rec[45] = 0;
			CHECK(hbox_channel_open(&b, out, rec, 46) == -1);
			CHECK(hbox_channel_last_error(&b) == HBOX_EAUTH);
			break;
		case 5: /* wrong type byte */
			rec[0] = 0x24;
			CHECK(hbox_channel_open(&b, out, rec, 45) == -1);
			CHECK(hbox_channel_last_error(&b) == HBOX_EBADMSG);
			break;
		case 6: /* over the maximum size */
			CHECK(hbox_channel_open(&b, out, rec, HBOX_RECORD_MAX_BYTES + 1) == -1);
			CHECK(hbox_channel_last_error(&b) == HBOX_EBADMSG);
			break;
		}
		if (k != 3 && k != 6) /* otherwise there is no plaintext length */
			CHECK(tu_is_zero(out, 20));
		CHECK(!hbox_channel_is_open(&b));
		/* nothing opens any more: the channel is over */
		CHECK(hbox_channel_open(&b, out, rec, 45) == -1);
		CHECK(hbox_channel_last_error(&b) == HBOX_ESTATE);
	}
}

/* Naive model of the datagram window: accept iff unseen and within 2048 of
 * the highest accepted counter. */
struct model {
	uint64_t top;
	unsigned char *seen; /* indexed by counter, counters < limit */
};

static int model_accept(struct model *m, uint64_t c)
{
	if (m->seen[c])
		return 0;
	if (c <= m->top && m->top - c >= HBOX_REPLAY_WINDOW)
		return 0;
	m->seen[c] = 1;
	if (c > m->top)
		m->top = c;
	return 1;
}

static void test_datagram_window(void)
{
	hbox_channel a, b, b0;
	uint8_t forged[64];
	struct model m;
	uint64_t c;
	int i;

	pt_channel_pair(&a, &b, 3);
	CHECK(hbox_channel_set_mode(&a, HBOX_CHANNEL_DATAGRAM) == 0);
	CHECK(hbox_channel_set_mode(&b, HBOX_CHANNEL_DATAGRAM) == 0);
	CHECK(hbox_channel_set_mode(&b, 7) == -1 && hbox_channel_last_error(&b) == HBOX_EPARAM);

	/* reordering inside the window, repeats refused, channel goes on */
	seal_at(&a, 5, 10);
	CHECK(hbox_channel_open(&b, out, rec, 35) == 0);
	seal_at(&a, 0, 10);
	CHECK(hbox_channel_open(&b, out, rec, 35) == 0);
	CHECK(hbox_channel_open(&b, out, rec, 35) == -1);
	CHECK(hbox_channel_last_error(&b) == HBOX_EREPLAY && hbox_channel_is_open(&b));
	seal_at(&a, 3, 10);
	CHECK(hbox_channel_open(&b, out, rec, 35) == 0);

	/* window edges at top = 5000: 5000 - 2047 accepted, 5000 - 2048 not */
	seal_at(&a, 5000, 10);
	CHECK(hbox_channel_open(&b, out, rec, 35) == 0);
	seal_at(&a, 5000 - 2048, 10);
	CHECK(hbox_channel_open(&b, out, rec, 35) == -1);
	CHECK(hbox_channel_last_error(&b) == HBOX_EREPLAY);
	seal_at(&a, 5000 - 2047, 10);
	CHECK(hbox_channel_open(&b, out, rec, 35) == 0);
	CHECK(hbox_channel_open(&b, out, rec, 35) == -1);
	/* 64-bit word boundaries around the new top */
	for (c = 4990; c < 5000; c++) {
		seal_at(&a, c, 0);
		CHECK(hbox_channel_open(&b, out, rec, 25) == 0);
	}
	for (c = 5001; c <= 5200; c += 63) {
		seal_at(&a, c, 0);
		CHECK(hbox_channel_open(&b, out, rec, 25) == 0);
	}

	/* a forged record with a huge counter does not move the window */
	b0 = b;
	seal_at(&a, UINT64_MAX - 5, 10);
	memcpy(forged, rec, 35);
	forged[34] ^= 0x80;
	memset(out, 0xaa, 10);
	CHECK(hbox_channel_open(&b, out, forged, 35) == -1);
	CHECK(hbox_channel_last_error(&b) == HBOX_EAUTH && tu_is_zero(out, 10));
	CHECK(hbox_channel_is_open(&b));
	b.err = b0.err;
	CHECK(memcmp(&b, &b0, sizeof b) == 0);
	seal_at(&a, 5100, 0); /* still inside the unmoved window */
	CHECK(hbox_channel_open(&b, out, rec, 25) == 0);

	/* far right: a jump of more than the window clears everything */
	seal_at(&a, 100000, 0);
	CHECK(hbox_channel_open(&b, out, rec, 25) == 0);
	seal_at(&a, 5201, 0);
	CHECK(hbox_channel_open(&b, out, rec, 25) == -1);
	seal_at(&a, 100000 - 2047, 0);
	CHECK(hbox_channel_open(&b, out, rec, 25) == 0);

	/* wrong direction: a's own record does not open on a */
	seal_at(&a, 7, 5);
	CHECK(hbox_channel_set_mode(&a, HBOX_CHANNEL_STREAM) == -1); /* already used */
	CHECK(hbox_channel_last_error(&a) == HBOX_ESTATE);
	CHECK(hbox_channel_open(&a, out, rec, 30) == -1);
	CHECK(hbox_channel_last_error(&a) == HBOX_EAUTH);
	/* bad sizes and type are dropped, the channel goes on */
	seal_at(&a, 100001, 5);
	CHECK(hbox_channel_open(&b, out, rec, 24) == -1 &&
	      hbox_channel_last_error(&b) == HBOX_EBADMSG);
	rec[0] ^= 0x40;
	CHECK(hbox_channel_open(&b, out, rec, 30) == -1 &&
	      hbox_channel_last_error(&b) == HBOX_EBADMSG);
	rec[0] ^= 0x40;
	CHECK(hbox_channel_open(&b, out, rec, 30) == 0);

	/* a random trace of reordering, duplicates and jumps against the model */
	pt_channel_pair(&a, &b, 4);
	CHECK(hbox_channel_set_mode(&b, HBOX_CHANNEL_DATAGRAM) == 0);
	m.top = 0;
	m.seen = calloc(1000000, 1);
	c = 0;
	for (i = 0; i < 20000; i++) {
		uint64_t r = tu_rand64() % 100, x;
		if (r < 60)
			x = c + (tu_rand64() % 4); /* mostly forward */
		else if (r < 90)
			x = c > 3000 ? c - (tu_rand64() % 3000) : tu_rand64() % (c + 1);
		else if (r < 98)
			x = c + (tu_rand64() % 64);
		else
			x = c + (tu_rand64() % 2500); /* a jump */
		if (x >= 1000000)
			break;
		if (x > c)
			c = x;
		seal_at(&a, x, 0);
		CHECK((hbox_channel_open(&b, out, rec, 25) == 0) == model_accept(&m, x));
	}
	free(m.seen);
}

static void test_counter_limit(void)
{
	hbox_channel a, b;

	/* sender: counters up to 2^64 - 1 are used, then the channel ends */
	pt_channel_pair(&a, &b, 5);
	CHECK(hbox_channel_set_mode(&b, HBOX_CHANNEL_DATAGRAM) == 0);
	hb_channel_set_counters(&a, UINT64_MAX - 1, 0);
	hb_channel_set_counters(&b, 0, UINT64_MAX - 10);
	CHECK(hbox_channel_seal(&a, rec, pt, 8) == 0);
	CHECK(hb_load64_be(rec + 1) == UINT64_MAX - 1);
	CHECK(hbox_channel_open(&b, out, rec, 33) == 0);
	CHECK(hbox_channel_seal(&a, rec, pt, 8) == 0);
	CHECK(hb_load64_be(rec + 1) == UINT64_MAX);
	CHECK(hbox_channel_open(&b, out, rec, 33) == 0);
	CHECK(hbox_channel_open(&b, out, rec, 33) == -1); /* replay at the top */
	memset(rec, 0x77, 33);
	CHECK(hbox_channel_seal(&a, rec, pt, 8) == -1);
	CHECK(hbox_channel_last_error(&a) == HBOX_ECOUNTER);
	CHECK(tu_is_zero(rec, 33));
	CHECK(!hbox_channel_is_open(&a));
	CHECK(tu_is_zero(a.key_send, 32) && tu_is_zero(a.key_recv, 32));

	/* stream receiver: after counter 2^64 - 1 nothing more is accepted */
	pt_channel_pair(&a, &b, 6);
	hb_channel_set_counters(&a, UINT64_MAX - 1, 0);
	hb_channel_set_counters(&b, 0, UINT64_MAX - 1);
	CHECK(hbox_channel_seal(&a, rec, pt, 8) == 0);
	CHECK(hbox_channel_open(&b, out, rec, 33) == 0);
	CHECK(hbox_channel_seal(&a, rec, pt, 8) == 0);
	CHECK(hbox_channel_open(&b, out, rec, 33) == 0);
	/* a record with counter 0 (as after a wrap) is refused and ends b */
	seal_at(&a, 0, 8);
	CHECK(hbox_channel_open(&b, out, rec, 33) == -1);
	CHECK(hbox_channel_last_error(&b) == HBOX_ECOUNTER);
	CHECK(!hbox_channel_is_open(&b));
}

static void test_framing(void)
{
	uint8_t p[4];
	size_t n = 99;

	CHECK(hbox_frame_encode(p, 1) == 0 && p[0] == 0 && p[3] == 1);
	CHECK(hbox_frame_decode(&n, p) == 0 && n == 1);
	CHECK(hbox_frame_encode(p, HBOX_FRAME_MAX) == 0);
	CHECK(p[0] == 0x00 && p[1] == 0x01 && p[2] == 0x00 && p[3] == 0x19);
	CHECK(hbox_frame_decode(&n, p) == 0 && n == 65561);
	CHECK(hbox_frame_encode(p, 0) == -1 && tu_is_zero(p, 4));
	CHECK(hbox_frame_encode(p, HBOX_FRAME_MAX + 1) == -1 && tu_is_zero(p, 4));
	CHECK(hbox_frame_decode(&n, p) == -1 && n == 0); /* length 0 */
	p[0] = 0;
	p[1] = 1;
	p[2] = 0;
	p[3] = 0x1a; /* 65562 */
	n = 5;
	CHECK(hbox_frame_decode(&n, p) == -1 && n == 0);
	memset(p, 0xff, 4);
	CHECK(hbox_frame_decode(&n, p) == -1 && n == 0);
	/* the largest record fits the largest frame */
	CHECK(HBOX_RECORD_MAX_BYTES == HBOX_FRAME_MAX);
}

int main(void)
{
	test_roundtrip_and_format();
	test_stream_failures();
	test_datagram_window();
	test_counter_limit();
	test_framing();
	return tu_report("test_record");
}
