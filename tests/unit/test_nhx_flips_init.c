/*
 * test_nhx_flips_init.c - every single bit of INIT (15,496) flipped
 * (pinned set-up; test_nhx.c covers HELLO and FIN, test_nhx_flips_resp.c
 * RESP). Each flipped message is delivered to a copy of the waiting
 * responder (no key generation is redone) and must end in failure:
 *   - refused with a recoverable error (type byte, a NewHope coefficient
 *     >= q): the state is unchanged and still accepts the right message;
 *   - refused for good (the sealed chunk, a MAC, a small-order key): the
 *     state is failed and wiped, outputs zeroed;
 *   - or, for INIT bits the responder cannot check (epk_I, senda), answered,
 *     and then the initiator refuses that answer for good.
 */
#include <stdio.h>

#include "nhx_test.h"

struct tally {
	unsigned long recoverable, final, later;
};

static void flip_init(const struct nhx_run *r, struct tally *t)
{
	static uint8_t m[HBOX_NHX_INIT_BYTES], resp[HBOX_NHX_RESP_BYTES], again[HBOX_NHX_RESP_BYTES];
	uint8_t fin[33], pk[64];
	hbox_channel ch;
	size_t b;

	for (b = 0; b < 8 * sizeof m; b++) {
		hbox_nhx s = r->r_start;
		int err;

		memcpy(m, r->init, sizeof m);
		pt_flip(m, b);
		pt_state_r = r->rs_r;
		if (hbox_nhx_read_init(&s, resp, m, sizeof m) == 0) {
			hbox_nhx i = r->i_sent;
			t->later++;
			CHECK(b >= 8 && b < 8 * (33 + 1824)); /* epk_I or senda */
			CHECK(hbox_nhx_read_resp(&i, fin, &ch, pk, resp, sizeof resp) == -1);
			CHECK(hbox_nhx_last_error(&i) == HBOX_EAUTH);
			CHECK(hbox_nhx_state(&i) == HBOX_NHX_FAILED);
			continue;
		}
		err = hbox_nhx_last_error(&s);
		CHECK(tu_is_zero(resp, sizeof resp));
		if (pt_final(err)) {
			t->final++;
			CHECK(hbox_nhx_state(&s) == HBOX_NHX_FAILED);
			CHECK(err == HBOX_EAUTH ? b >= 8 * 1857 : b < 8 * 33);
			CHECK(tu_is_zero(s.keys, sizeof s.keys) && tu_is_zero(s.prekey, 64));
		} else {
			t->recoverable++;
			CHECK(err == HBOX_EBADMSG && b < 8 * (33 + 1824));
			CHECK(nhx_same(&s, &r->r_start));
			pt_state_r = r->rs_r;
			CHECK(hbox_nhx_read_init(&s, again, r->init, sizeof r->init) == 0);
			CHECK(memcmp(again, r->resp, sizeof again) == 0);
		}
	}
}

int main(void)
{
	static struct nhx_run r;
	struct tally ti = {0, 0, 0};

	nhx_clean_run(&r, NHX_PINNED);
	flip_init(&r, &ti);
	CHECK(ti.recoverable + ti.final + ti.later == 8 * HBOX_NHX_INIT_BYTES);
	CHECK(ti.recoverable >= 8 && ti.final >= 8 * 80 && ti.later > 0);
	printf("INIT flips: %lu refused (object unchanged), %lu refused (final), %lu caught later\n",
	       ti.recoverable, ti.final, ti.later);
	return tu_report("test_nhx_flips_init");
}
