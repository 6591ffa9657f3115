/*
 * fuzz_newhope.c - NewHope's message decoders on arbitrary input. The first
 * byte picks the step (bit 0 clear: Bob's hbox_newhope_sharedb_derand on
 * senda, set: Alice's hbox_newhope_shareda on sendb with a fixed secret
 * key); the rest fills the message from its start (missing bytes are zero,
 * extra bytes ignored). Asserted: no crash; the call fails exactly when one
 * of the message's 1024 packed 14-bit coefficients is >= q = 12289 (decoded
 * here independently), and a failure zeroes key (and sendb); a successful
 * sharedb writes a sendb whose coefficients are all below q; on Alice's
 * genuine senda, Bob's key is the key Alice derives from his reply.
 *
 * Seeds: -DFUZZ_WRITE_SEEDS (see fuzz_proto.h) writes the genuine senda and
 * sendb, and damaged copies.
 */
#include "fuzz_proto.h"

#define NH_Q 12289u
#define NH_POLYBYTES 1792 /* 1024 coefficients, 4 per 7 bytes */

static uint8_t senda0[HBOX_NEWHOPE_SENDABYTES], sk0[HBOX_NEWHOPE_SKBYTES];
static uint8_t sendb0[HBOX_NEWHOPE_SENDBBYTES], coins[HBOX_NEWHOPE_SHAREDB_COINBYTES];
static int ready;

static void setup(void)
{
	uint8_t kc[HBOX_NEWHOPE_KEYGEN_COINBYTES], key[HBOX_NEWHOPE_BYTES];
	if (ready)
		return;
	fz_rng(kc, sizeof kc);
	fz_rng(coins, sizeof coins);
	FZ_ASSERT(hbox_newhope_keygen_derand(senda0, sk0, kc) == 0);
	FZ_ASSERT(hbox_newhope_sharedb_derand(key, sendb0, senda0, coins) == 0);
	ready = 1;
}

/* 1 when every 14-bit little-endian field of p[0..1792) is below q. */
static int nh_in_range(const uint8_t *p)
{
	size_t bit;
	for (bit = 0; bit < 8 * NH_POLYBYTES; bit += 14) {
		/* a 14-bit field spans at most 3 bytes; the third exists unless at the end */
		size_t byte = bit / 8;
		uint32_t w = p[byte] | (uint32_t)p[byte + 1] << 8;
		if (byte + 2 < NH_POLYBYTES)
			w |= (uint32_t)p[byte + 2] << 16;
		if (((w >> (bit % 8)) & 0x3fffu) >= NH_Q)
			return 0;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *msg, *key = malloc(HBOX_NEWHOPE_BYTES);
	size_t msglen, n;
	int rc, valid;
	if (size < 1 || key == NULL)
		goto out;
	setup();
	msglen = (data[0] & 1) ? HBOX_NEWHOPE_SENDBBYTES : HBOX_NEWHOPE_SENDABYTES;
	msg = calloc(1, msglen);
	FZ_ASSERT(msg != NULL);
	n = size - 1 < msglen ? size - 1 : msglen;
	memcpy(msg, data + 1, n);
	valid = nh_in_range(msg);
	memset(key, 0xa5, HBOX_NEWHOPE_BYTES);
	if ((data[0] & 1) == 0) {
		uint8_t *sendb = malloc(HBOX_NEWHOPE_SENDBBYTES);
		FZ_ASSERT(sendb != NULL);
		memset(sendb, 0xa5, HBOX_NEWHOPE_SENDBBYTES);
		rc = hbox_newhope_sharedb_derand(key, sendb, msg, coins);
		FZ_ASSERT(rc == (valid ? 0 : -1));
		if (rc != 0) {
			FZ_ASSERT(fz_zero(key, HBOX_NEWHOPE_BYTES));
			FZ_ASSERT(fz_zero(sendb, HBOX_NEWHOPE_SENDBBYTES));
		} else {
			FZ_ASSERT(nh_in_range(sendb));
			if (memcmp(msg, senda0, msglen) == 0) {
				uint8_t keya[HBOX_NEWHOPE_BYTES];
				FZ_ASSERT(hbox_newhope_shareda(keya, sk0, sendb) == 0);
				FZ_ASSERT(memcmp(keya, key, HBOX_NEWHOPE_BYTES) == 0);
			}
		}
		free(sendb);
	} else {
		rc = hbox_newhope_shareda(key, sk0, msg);
		FZ_ASSERT(rc == (valid ? 0 : -1));
		if (rc != 0)
			FZ_ASSERT(fz_zero(key, HBOX_NEWHOPE_BYTES));
	}
	free(msg);
out:
	free(key);
	return 0;
}

#ifdef FUZZ_WRITE_SEEDS
int main(int argc, char **argv)
{
	uint8_t bad[HBOX_NEWHOPE_SENDBBYTES];
	if (argc != 2)
		return 2;
	fz_dir = argv[1];
	setup();
	fz_seeds_for(0, senda0, sizeof senda0);
	fz_seeds_for(1, sendb0, sizeof sendb0);
	/* coefficient 0 = 0x3fff (>= q), then the last one too */
	memcpy(bad, senda0, sizeof senda0);
	bad[0] = 0xff;
	bad[1] |= 0x3f;
	fz_seed(0, bad, sizeof senda0);
	memcpy(bad, sendb0, sizeof sendb0);
	bad[NH_POLYBYTES - 1] = 0xff;
	bad[NH_POLYBYTES - 2] |= 0xfc;
	fz_seed(1, bad, sizeof sendb0);
	fz_seed(0, bad, 10);
	return 0;
}
#endif
