/*
 * test_nhx_flips_resp.c - every single bit of RESP (16,904) flipped
 * (pinned set-up). Each flipped RESP is delivered to a copy of the waiting
 * initiator and must be refused: with a recoverable error (type byte, a
 * NewHope coefficient >= q), leaving the state unchanged so that the right
 * RESP still completes the handshake; or for good (epk_R, sendb, MAC),
 * with the state failed, its secrets wiped and every output zeroed.
 */
#include <stdio.h>

#include "nhx_test.h"

struct tally {
	unsigned long recoverable, final;
};

static void flip_resp(const struct nhx_run *r, struct tally *t)
{
	static uint8_t m[HBOX_NHX_RESP_BYTES];
	uint8_t fin[33], pk[64];
	hbox_channel ch;
	size_t b;

	for (b = 0; b < 8 * sizeof m; b++) {
		hbox_nhx i = r->i_sent;
		int err;

		memcpy(m, r->resp, sizeof m);
		pt_flip(m, b);
		CHECK(hbox_nhx_read_resp(&i, fin, &ch, pk, m, sizeof m) == -1);
		CHECK(tu_is_zero(fin, 33) && tu_is_zero(&ch, sizeof ch) && tu_is_zero(pk, 64));
		err = hbox_nhx_last_error(&i);
		if (pt_final(err)) {
			t->final++;
			CHECK(hbox_nhx_state(&i) == HBOX_NHX_FAILED);
			CHECK(tu_is_zero(i.nh_sk, sizeof i.nh_sk) && tu_is_zero(i.e, 32));
		} else {
			t->recoverable++;
			CHECK(err == HBOX_EBADMSG && b < 8 * (33 + 1792));
			CHECK(nhx_same(&i, &r->i_sent));
			CHECK(hbox_nhx_read_resp(&i, fin, &ch, pk, r->resp, sizeof r->resp) == 0);
			CHECK(memcmp(&ch, &r->ci, sizeof ch) == 0);
		}
	}
}

int main(void)
{
	static struct nhx_run r;
	struct tally tr = {0, 0};

	nhx_clean_run(&r, NHX_PINNED);
	flip_resp(&r, &tr);
	CHECK(tr.recoverable + tr.final == 8 * HBOX_NHX_RESP_BYTES);
	CHECK(tr.recoverable >= 8 && tr.final > 8 * 32);
	printf("RESP flips: %lu refused (object unchanged), %lu refused (final)\n", tr.recoverable,
	       tr.final);
	return tu_report("test_nhx_flips_resp");
}
