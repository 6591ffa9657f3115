/*
 * fuzz_record.c - record opening and the stream length prefix. The first
 * byte picks the receive mode (bit 0: datagram) and the layout of the rest
 * (bit 1: a sequence of frames, each a 4-byte big-endian length and that
 * many bytes, all opened on one channel; else a single record). Asserted:
 * only a record the peer sealed (counters 0..3 of a fixed channel pair)
 * opens, a failed open zeroes its plaintext, a datagram channel never
 * accepts a counter twice, a stream channel stays closed after a failure.
 */
#include "hb_proto.h"
#include "fuzz_proto.h"

#define NREC 4

static hbox_channel receiver0;
static uint8_t recs[NREC][60 + HBOX_RECORD_OVERHEAD];
static size_t rec_len[NREC];
static int ready;

static void setup(void)
{
	uint8_t ski[32], skr[32], pki[32], pkr[32], m[HBOX_HALF_MSG_BYTES], pt[60];
	hbox_static_hs a, b;
	hbox_channel sender;
	int k;

	fz_rng(ski, 32);
	fz_rng(skr, 32);
	hbox_x25519_base(pki, ski);
	hbox_x25519_base(pkr, skr);
	hbox_half_init(&a, HBOX_ROLE_I, ski, pkr, fz_rng);
	hbox_half_init(&b, HBOX_ROLE_R, skr, pki, fz_rng);
	hbox_half_write(&a, &sender, m);
	hbox_half_read(&b, &receiver0, m, sizeof m);
	for (k = 0; k < NREC; k++) {
		size_t n = (size_t)k * 20;
		fz_rng(pt, n);
		hbox_channel_seal(&sender, recs[k], pt, n); /* counter k */
		rec_len[k] = n + HBOX_RECORD_OVERHEAD;
	}
	ready = 1;
}

/* The counter of a genuine record equal to r[0..n), or -1. */
static int genuine(const uint8_t *r, size_t n)
{
	int k;
	for (k = 0; k < NREC; k++)
		if (fz_is(r, n, recs[k], rec_len[k]))
			return k;
	return -1;
}

static uint8_t pt[HBOX_RECORD_MAX_BYTES];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hbox_channel ch = receiver0;
	const uint8_t *p = data + 1;
	size_t left = size - 1, n;
	int seen[NREC] = {0, 0, 0, 0}, failed = 0, rc, k;

	if (!ready)
		setup();
	if (size == 0)
		return 0;
	if (data[0] & 1)
		FZ_ASSERT(hbox_channel_set_mode(&ch, HBOX_CHANNEL_DATAGRAM) == 0);
	if (!(data[0] & 2)) {
		rc = hbox_channel_open(&ch, pt, p, left);
		k = genuine(p, left);
		/* a stream takes only counter 0 first; a datagram any of them */
		FZ_ASSERT(rc == -1 || (k >= 0 && ((data[0] & 1) || k == 0)));
		if (rc == -1 && left >= HBOX_RECORD_OVERHEAD && left <= HBOX_RECORD_MAX_BYTES)
			FZ_ASSERT(fz_zero(pt, left - HBOX_RECORD_OVERHEAD));
		return 0;
	}
	while (left >= HBOX_FRAME_HEADERBYTES) {
		if (hbox_frame_decode(&n, p) != 0) {
			FZ_ASSERT(n == 0);
			break;
		}
		FZ_ASSERT(n >= 1 && n <= HBOX_FRAME_MAX);
		p += HBOX_FRAME_HEADERBYTES;
		left -= HBOX_FRAME_HEADERBYTES;
		if (n > left)
			break;
		rc = hbox_channel_open(&ch, pt, p, n);
		k = genuine(p, n);
		if (rc == 0) {
			FZ_ASSERT(k >= 0 && !seen[k] && !failed);
			seen[k] = 1;
		} else {
			if (n >= HBOX_RECORD_OVERHEAD)
				FZ_ASSERT(fz_zero(pt, n - HBOX_RECORD_OVERHEAD));
			failed = !(data[0] & 1); /* a stream is over */
			if (failed)
				FZ_ASSERT(!hbox_channel_is_open(&ch));
		}
		p += n;
		left -= n;
	}
	return 0;
}

#ifdef FUZZ_WRITE_SEEDS
int main(int argc, char **argv)
{
	uint8_t buf[4 * (4 + 60 + HBOX_RECORD_OVERHEAD)];
	size_t off = 0;
	int k, mode;
	if (argc != 2)
		return 2;
	fz_dir = argv[1];
	setup();
	for (mode = 0; mode < 2; mode++)
		fz_seeds_for((uint8_t)mode, recs[0], rec_len[0]);
	fz_seed(1, recs[2], rec_len[2]);
	/* frames: in order, then out of order with a repeat */
	for (k = 0; k < NREC; k++) {
		hbox_frame_encode(buf + off, rec_len[k]);
		memcpy(buf + off + 4, recs[k], rec_len[k]);
		off += 4 + rec_len[k];
	}
	fz_seed(2, buf, off);
	fz_seed(3, buf, off);
	off = 0;
	for (k = 3; k >= 0; k--) {
		int j = k == 0 ? 3 : k;
		hbox_frame_encode(buf + off, rec_len[j]);
		memcpy(buf + off + 4, recs[j], rec_len[j]);
		off += 4 + rec_len[j];
	}
	fz_seed(2, buf, off);
	fz_seed(3, buf, off);
	return 0;
}
#endif
