/*
 * fuzz_static_hs.c - the half, mutual and seal parsers: first byte (mod 3)
 * selects the receiver (half, mutual initiator after writing, seal).
 * Only a message boxed by a holder of one of the two static keys may
 * authenticate (half and mutual box with the same key pair, so R's mutual
 * message with its type byte changed to 0x41 opens as a half message: a
 * spec-level confusion the fuzzer found; the keys it yields are unusable
 * without the boxed secret, as with a replayed half message); failures
 * zero the channel.
 */
#include "fuzz_proto.h"

static hbox_static_hs half_r, mutual_i, seal_r;
static uint8_t half_m[HBOX_HALF_MSG_BYTES], mutual_m[HBOX_MUTUAL_MSG_BYTES];
static uint8_t seal_m[HBOX_SEAL_MSG_BYTES];
static int ready;
static uint8_t skr_g[32], pki_g[32];

/* 1 when msg is type-byte ‖ nonce ‖ box that opens under the static pair. */
static int boxed_by_pair(const uint8_t *msg, size_t n)
{
	uint8_t secret[32];
	if (n != HBOX_HALF_MSG_BYTES)
		return 0;
	return hbox_box_open(secret, msg + 25, n - 25, msg + 1, pki_g, skr_g) == 0;
}

static void setup(void)
{
	uint8_t ski[32], skr[32], pki[32], pkr[32], m[HBOX_MUTUAL_MSG_BYTES];
	hbox_static_hs a, b;
	hbox_channel ch;

	fz_rng(ski, 32);
	fz_rng(skr, 32);
	hbox_x25519_base(pki, ski);
	hbox_x25519_base(pkr, skr);
	memcpy(skr_g, skr, 32);
	memcpy(pki_g, pki, 32);
	hbox_half_init(&a, HBOX_ROLE_I, ski, pkr, fz_rng);
	hbox_half_init(&half_r, HBOX_ROLE_R, skr, pki, fz_rng);
	hbox_half_write(&a, &ch, half_m);
	hbox_mutual_init(&mutual_i, HBOX_ROLE_I, ski, pkr, fz_rng);
	hbox_mutual_init(&b, HBOX_ROLE_R, skr, pki, fz_rng);
	hbox_mutual_write(&mutual_i, m);
	hbox_mutual_write(&b, mutual_m);
	hbox_seal_init(&a, HBOX_ROLE_I, pkr, fz_rng);
	hbox_seal_init(&seal_r, HBOX_ROLE_R, skr, fz_rng);
	hbox_seal_write(&a, &ch, seal_m);
	ready = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *m = data + 1;
	size_t n = size - 1;
	hbox_static_hs st;
	hbox_channel ch;
	int rc;

	if (!ready)
		setup();
	if (size == 0)
		return 0;
	switch (data[0] % 3) {
	case 0:
		st = half_r;
		rc = hbox_half_read(&st, &ch, m, n);
		FZ_ASSERT(rc == -1 || fz_is(m, n, half_m, sizeof half_m) || boxed_by_pair(m, n));
		break;
	case 1:
		st = mutual_i;
		rc = hbox_mutual_read(&st, &ch, m, n);
		FZ_ASSERT(rc == -1 || fz_is(m, n, mutual_m, sizeof mutual_m) || boxed_by_pair(m, n));
		break;
	default:
		st = seal_r;
		rc = hbox_seal_read(&st, &ch, m, n);
		FZ_ASSERT(rc == -1 || fz_is(m, n, seal_m, sizeof seal_m));
		break;
	}
	FZ_ASSERT(rc == 0 || fz_zero(&ch, sizeof ch));
	return 0;
}

#ifdef FUZZ_WRITE_SEEDS
int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	fz_dir = argv[1];
	setup();
	fz_seeds_for(0, half_m, sizeof half_m);
	fz_seeds_for(1, mutual_m, sizeof mutual_m);
	fz_seeds_for(2, seal_m, sizeof seal_m);
	return 0;
}
#endif
