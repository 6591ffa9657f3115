/*
 * fuzz_password.c - the password message parser, on a copy of the
 * initiator waiting for the responder's message (10,000 iterations, the
 * floor). Only the genuine message may authenticate; failures zero the
 * channel. (The first byte is ignored, for symmetry with the others.)
 */
#include "fuzz_proto.h"

static hbox_password i_sent;
static uint8_t msg_r[HBOX_PASSWORD_MSG_BYTES];
static int ready;

static void setup(void)
{
	static const uint8_t pw[] = "fuzzing password";
	uint8_t mi[HBOX_PASSWORD_MSG_BYTES];
	hbox_password i, r;
	hbox_password_init(&i, HBOX_ROLE_I, pw, sizeof pw - 1, HBOX_PASSWORD_MIN_ITERS, fz_rng);
	hbox_password_init(&r, HBOX_ROLE_R, pw, sizeof pw - 1, HBOX_PASSWORD_MIN_ITERS, fz_rng);
	hbox_password_write(&i, mi);
	hbox_password_write(&r, msg_r);
	i_sent = i;
	ready = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hbox_password st;
	hbox_channel ch;
	int rc;

	if (!ready)
		setup();
	if (size == 0)
		return 0;
	st = i_sent;
	rc = hbox_password_read(&st, &ch, data + 1, size - 1);
	FZ_ASSERT(rc == -1 || fz_is(data + 1, size - 1, msg_r, sizeof msg_r));
	FZ_ASSERT(rc == 0 || fz_zero(&ch, sizeof ch));
	return 0;
}

#ifdef FUZZ_WRITE_SEEDS
int main(int argc, char **argv)
{
	uint8_t m[HBOX_PASSWORD_MSG_BYTES];
	if (argc != 2)
		return 2;
	fz_dir = argv[1];
	setup();
	fz_seeds_for(0, msg_r, sizeof msg_r);
	memcpy(m, msg_r, sizeof m);
	m[4] ^= 1; /* another iteration count */
	fz_seed(0, m, sizeof m);
	return 0;
}
#endif
