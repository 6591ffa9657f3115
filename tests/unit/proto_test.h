/*
 * proto_test.h - helpers shared by the protocol unit tests (test_record,
 * test_channel, test_nhx*, test_password, test_static_hs).
 */
#ifndef PROTO_TEST_H
#define PROTO_TEST_H

#include <stdint.h>
#include <string.h>

#include "hopebox.h"
#include "hopebox_protocol.h"
#include "testutil.h"

/* A point of order 8 (RFC 7748 section 6.1): X25519 with it is all zero. */
static const uint8_t pt_order8[32] = {0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae,
                                      0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a,
                                      0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd,
                                      0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00};

static inline int pt_failing_rng(uint8_t *out, size_t len)
{
	memset(out, 0x55, len);
	return -1;
}

/*
 * Two independent deterministic random sources, one per side, so that
 * either side's draws can be replayed on their own: pt_seed_i / pt_seed_r
 * set the position of each stream.
 */
static uint64_t pt_state_i, pt_state_r;

static inline void pt_stream(uint64_t *s, uint8_t *out, size_t len)
{
	while (len > 0) {
		uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		z ^= z >> 31;
		*out++ = (uint8_t)z;
		len--;
	}
}

static inline int pt_rng_i(uint8_t *out, size_t len)
{
	pt_stream(&pt_state_i, out, len);
	return 0;
}

static inline int pt_rng_r(uint8_t *out, size_t len)
{
	pt_stream(&pt_state_r, out, len);
	return 0;
}

static inline void pt_seed_i(uint64_t s)
{
	pt_state_i = s;
}

static inline void pt_seed_r(uint64_t s)
{
	pt_state_r = s;
}

/* Flip bit i (0 = lsb of byte 0) of p. */
static inline void pt_flip(uint8_t *p, size_t i)
{
	p[i >> 3] ^= (uint8_t)(1u << (i & 7));
}

/* 1 when the error code marks a final failure of a handshake. */
static inline int pt_final(int err)
{
	return err == HBOX_EAUTH || err == HBOX_EKEY;
}

/* A fixed-key channel pair (I's channel a, R's channel b). */
static inline void pt_channel_pair(hbox_channel *a, hbox_channel *b, uint64_t seed)
{
	uint8_t sk_i[32], sk_r[32], pk_i[32], pk_r[32], msg[HBOX_HALF_MSG_BYTES];
	hbox_static_hs s, r;
	tu_seed(seed);
	tu_rand_bytes(sk_i, 32);
	tu_rand_bytes(sk_r, 32);
	hbox_x25519_base(pk_i, sk_i);
	hbox_x25519_base(pk_r, sk_r);
	hbox_half_init(&s, HBOX_ROLE_I, sk_i, pk_r, tu_det_randombytes);
	hbox_half_init(&r, HBOX_ROLE_R, sk_r, pk_i, NULL);
	hbox_half_write(&s, a, msg);
	hbox_half_read(&r, b, msg, sizeof msg);
}

#endif
