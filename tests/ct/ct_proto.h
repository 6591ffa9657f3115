/*
 * ct_proto.h - helpers shared by the protocol constant-time tests.
 *
 * The protocol code never branches on a secret verdict: the outcome of a
 * step travels in the return value, the state and error bytes of the
 * object, and (for channels) in fields that are public by nature. These
 * helpers declassify exactly those after each call, as a caller reading
 * the outcome would; secrets (keys, ephemeral keys, passwords, PSKs,
 * plaintexts) stay poisoned throughout.
 */
#ifndef CT_PROTO_H
#define CT_PROTO_H

#include <stddef.h>
#include <string.h>

#include "ct_poison.h"
#include "hopebox.h"
#include "hopebox_protocol.h"
#include "testutil.h"

/* The verdict of a step: return value, state and error bytes. */
#define CT_OUTCOME(rc, st)                                                                         \
	do {                                                                                       \
		CT_PUBLIC(&(rc), sizeof(rc));                                                      \
		CT_PUBLIC(&(st)->state, sizeof((st)->state));                                      \
		CT_PUBLIC(&(st)->err, sizeof((st)->err));                                          \
	} while (0)

/* A channel's public fields (all but its two keys): counters, window,
 * flags, session id. */
static inline void ct_channel_public(hbox_channel *ch)
{
	CT_PUBLIC(ch->session_id, sizeof ch->session_id);
	CT_PUBLIC(&ch->send_next, sizeof ch->send_next);
	CT_PUBLIC(&ch->recv_top, sizeof ch->recv_top);
	CT_PUBLIC(ch->window, sizeof ch->window);
	CT_PUBLIC(&ch->state, 1);
	CT_PUBLIC(&ch->mode, 1);
	CT_PUBLIC(&ch->used, 1);
	CT_PUBLIC(&ch->send_done, 1);
	CT_PUBLIC(&ch->recv_done, 1);
	CT_PUBLIC(&ch->err, 1);
}

/*
 * Records both ways on copies of two fresh channels whose keys are secret,
 * in the receive mode given; plaintexts are poisoned, records published,
 * the opened text declassified only to compare; last, a forged record
 * (datagram: dropped; stream: ends the channel). Returns 1 when all went
 * as expected.
 */
static inline int ct_records(const hbox_channel *a0, const hbox_channel *b0, int mode)
{
	hbox_channel ca = *a0, cb = *b0, *a = &ca, *b = &cb;
	uint8_t pt[100], rec[125], out[100];
	int ok = 1, k, rc;

	ok &= hbox_channel_set_mode(a, mode) == 0 && hbox_channel_set_mode(b, mode) == 0;
	for (k = 0; k < 4; k++) {
		hbox_channel *s = (k & 1) ? b : a, *r = (k & 1) ? a : b;
		size_t n = k < 2 ? 0 : 100;
		memset(pt, 0x41 + k, sizeof pt);
		CT_SECRET(pt, n);
		rc = hbox_channel_seal(s, rec, pt, n);
		CT_PUBLIC(&rc, sizeof rc);
		CT_PUBLIC(rec, n + 25); /* the record is sent */
		ct_channel_public(s);
		ok &= rc == 0;
		rc = hbox_channel_open(r, out, rec, n + 25);
		CT_PUBLIC(&rc, sizeof rc);
		ct_channel_public(r);
		CT_PUBLIC(out, n); /* only to compare */
		ok &= rc == 0;
		memset(pt, 0x41 + k, sizeof pt);
		ok &= memcmp(out, pt, n) == 0;
		if (k == 3) {
			/* a forged record (datagram mode: dropped, channel goes on) */
			rec[30] ^= 1;
			rc = hbox_channel_open(r, out, rec, n + 25);
			CT_PUBLIC(&rc, sizeof rc);
			ct_channel_public(r);
			ok &= rc == -1 && hbox_channel_is_open(r) == (mode == HBOX_CHANNEL_DATAGRAM);
		}
	}
	hbox_channel_close(a);
	hbox_channel_close(b);
	return ok;
}

#endif
