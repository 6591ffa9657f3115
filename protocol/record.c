/*
 * record.c - the records of hbox_channel (PROTOCOLS.md section 2
 * "Records") and the stream length prefix ("Transports").
 *
 * The replay window is a ring of 2,048 bits, bit (c mod 2048) for counter
 * c, valid for the counters (top - 2048, top]. Moving top forward clears
 * the bits of the counters that enter the window (their ring slots held
 * counters that leave it). Counters are public; the tag verdict is not
 * branched on (hb_proto.h), so the window moves under a mask.
 */
#include "aead.h"
#include "hb_proto.h"

#define HB_WINDOW_WORDS (HBOX_REPLAY_WINDOW / 64)

HB_STATIC_ASSERT((HBOX_REPLAY_WINDOW & (HBOX_REPLAY_WINDOW - 1)) == 0, window_pow2);

static int channel_reject(hbox_channel *ch, int code)
{
	ch->err = hb_errbyte(code);
	return -1;
}

/* Wipe and close, keeping the reason. */
static int channel_end(hbox_channel *ch, int code)
{
	hbox_wipe(ch, sizeof *ch);
	return channel_reject(ch, code);
}

int hbox_channel_set_mode(hbox_channel *ch, int mode)
{
	if (ch->state != HBOX_CHANNEL_OPEN || ch->used)
		return channel_reject(ch, HBOX_ESTATE);
	if (mode != HBOX_CHANNEL_STREAM && mode != HBOX_CHANNEL_DATAGRAM)
		return channel_reject(ch, HBOX_EPARAM);
	ch->mode = (uint8_t)mode;
	ch->err = 0;
	return 0;
}

static void record_nonce_ad(uint8_t nonce[12], uint8_t ad[HBOX_RECORD_HEADERBYTES], uint64_t ctr)
{
	ad[0] = HBOX_RECORD_TYPE;
	hb_store64_be(ad + 1, ctr);
	memset(nonce, 0, 4);
	memcpy(nonce + 4, ad + 1, 8);
}

int hbox_channel_seal(hbox_channel *ch, uint8_t *record, const uint8_t *pt, size_t ptlen)
{
	uint8_t nonce[12];
	uint64_t ctr;

	if (ptlen > HBOX_RECORD_MAX_PLAINTEXT)
		return channel_reject(ch, HBOX_EPARAM);
	if (ch->state != HBOX_CHANNEL_OPEN) {
		memset(record, 0, ptlen + HBOX_RECORD_OVERHEAD);
		return channel_reject(ch, HBOX_ESTATE);
	}
	if (ch->send_done) {
		memset(record, 0, ptlen + HBOX_RECORD_OVERHEAD);
		return channel_end(ch, HBOX_ECOUNTER);
	}
	ctr = ch->send_next;
	record_nonce_ad(nonce, record, ctr);
	hbox_aead_chacha20poly1305_encrypt(record + HBOX_RECORD_HEADERBYTES,
	                                   record + HBOX_RECORD_HEADERBYTES + ptlen, pt, ptlen,
	                                   record, HBOX_RECORD_HEADERBYTES, nonce, ch->key_send);
	if (ctr == UINT64_MAX)
		ch->send_done = 1; /* the next counter would wrap */
	else
		ch->send_next = ctr + 1;
	ch->used = 1;
	ch->err = 0;
	return 0;
}

/* 1 when the datagram window refuses counter c (seen, or too old). */
static int window_refuses(const hbox_channel *ch, uint64_t c)
{
	if (c > ch->recv_top)
		return 0;
	if (ch->recv_top - c >= HBOX_REPLAY_WINDOW)
		return 1;
	return (int)((ch->window[(c >> 6) & (HB_WINDOW_WORDS - 1)] >> (c & 63)) & 1);
}

/* Accept counter c into the window when ok (all-ones), else change nothing. */
static void window_accept(hbox_channel *ch, uint64_t c, uint32_t ok)
{
	uint64_t ok64 = (uint64_t)0 - (uint64_t)(ok & 1u);
	size_t i;

	HB_BARRIER64(ok64);
	if (c > ch->recv_top) {
		uint64_t n = c - ch->recv_top, x = ch->recv_top + 1;
		if (n >= HBOX_REPLAY_WINDOW) {
			for (i = 0; i < HB_WINDOW_WORDS; i++)
				ch->window[i] &= ~ok64;
		} else {
			/* clear the ring bits of counters top+1 .. c, word by word */
			while (n > 0) {
				unsigned bit = (unsigned)(x & 63);
				uint64_t take = 64 - bit, bits;
				if (take > n)
					take = n;
				bits = take == 64 ? ~(uint64_t)0 : (((uint64_t)1 << take) - 1) << bit;
				ch->window[(x >> 6) & (HB_WINDOW_WORDS - 1)] &= ~(bits & ok64);
				x += take;
				n -= take;
			}
		}
		ch->recv_top = hb_ct_sel64(ok, c, ch->recv_top);
	}
	ch->window[(c >> 6) & (HB_WINDOW_WORDS - 1)] |= ((uint64_t)1 << (c & 63)) & ok64;
}

int hbox_channel_open(hbox_channel *ch, uint8_t *pt, const uint8_t *record, size_t reclen)
{
	uint8_t nonce[12], ad[HBOX_RECORD_HEADERBYTES];
	uint32_t bad_tag, bad_ctr, fail;
	uint64_t ctr;
	size_t len;
	int ctr_code;

	if (ch->state != HBOX_CHANNEL_OPEN) {
		if (reclen >= HBOX_RECORD_OVERHEAD && reclen <= HBOX_RECORD_MAX_BYTES)
			memset(pt, 0, reclen - HBOX_RECORD_OVERHEAD);
		return channel_reject(ch, HBOX_ESTATE);
	}
	if (reclen < HBOX_RECORD_OVERHEAD || reclen > HBOX_RECORD_MAX_BYTES ||
	    record[0] != HBOX_RECORD_TYPE) {
		if (reclen >= HBOX_RECORD_OVERHEAD && reclen <= HBOX_RECORD_MAX_BYTES)
			memset(pt, 0, reclen - HBOX_RECORD_OVERHEAD);
		if (ch->mode == HBOX_CHANNEL_STREAM)
			return channel_end(ch, HBOX_EBADMSG);
		return channel_reject(ch, HBOX_EBADMSG);
	}
	len = reclen - HBOX_RECORD_OVERHEAD;
	ctr = hb_load64_be(record + 1);
	record_nonce_ad(nonce, ad, ctr);
	bad_tag = hb_fail_mask(hbox_aead_chacha20poly1305_decrypt(
		pt, record + HBOX_RECORD_HEADERBYTES, len, record + HBOX_RECORD_HEADERBYTES + len, ad,
		sizeof ad, nonce, ch->key_recv));
	ch->used = 1;

	if (ch->mode == HBOX_CHANNEL_DATAGRAM) {
		bad_ctr = window_refuses(ch, ctr) ? 0xffffffffu : 0;
		ctr_code = HBOX_EREPLAY;
		fail = bad_tag | bad_ctr;
		window_accept(ch, ctr, ~fail);
	} else {
		bad_ctr = (ch->recv_done || ctr != ch->recv_top) ? 0xffffffffu : 0;
		ctr_code = ch->recv_done ? HBOX_ECOUNTER : HBOX_EREPLAY;
		fail = bad_tag | bad_ctr;
		ch->recv_done = hb_ct_sel8(fail, ch->recv_done, (uint8_t)(ctr == UINT64_MAX));
		ch->recv_top = hb_ct_sel64(fail, ch->recv_top, ctr + 1);
		/* a stream cannot resynchronise: any failure ends the channel */
		hb_channel_fail_if(ch, fail);
	}
	hb_ct_zero_if(pt, len, fail);
	ch->err = hb_ct_sel8(bad_tag, hb_errbyte(HBOX_EAUTH),
	                     hb_ct_sel8(bad_ctr, hb_errbyte(ctr_code), 0));
	return -(int)(fail & 1u);
}

int hbox_channel_session_id(uint8_t id[HBOX_SESSION_ID_BYTES], const hbox_channel *ch)
{
	if (ch->state != HBOX_CHANNEL_OPEN) {
		memset(id, 0, HBOX_SESSION_ID_BYTES);
		return -1;
	}
	memcpy(id, ch->session_id, HBOX_SESSION_ID_BYTES);
	return 0;
}

int hbox_channel_is_open(const hbox_channel *ch)
{
	return ch->state == HBOX_CHANNEL_OPEN;
}

int hbox_channel_last_error(const hbox_channel *ch)
{
	return -(int)ch->err;
}

void hbox_channel_close(hbox_channel *ch)
{
	hbox_wipe(ch, sizeof *ch);
}

void hb_channel_set_counters(hbox_channel *ch, uint64_t send_next, uint64_t recv_top)
{
	ch->send_next = send_next;
	ch->send_done = 0;
	ch->recv_top = recv_top;
	ch->recv_done = 0;
	memset(ch->window, 0, sizeof ch->window);
}

int hbox_frame_encode(uint8_t prefix[HBOX_FRAME_HEADERBYTES], size_t len)
{
	if (len == 0 || len > HBOX_FRAME_MAX) {
		memset(prefix, 0, HBOX_FRAME_HEADERBYTES);
		return -1;
	}
	hb_store32_be(prefix, (uint32_t)len);
	return 0;
}

int hbox_frame_decode(size_t *len, const uint8_t prefix[HBOX_FRAME_HEADERBYTES])
{
	uint32_t n = hb_load32_be(prefix);
	if (n == 0 || n > HBOX_FRAME_MAX) {
		*len = 0;
		return -1;
	}
	*len = n;
	return 0;
}
