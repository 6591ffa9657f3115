/*
 * rendezvous.c - hopebox rendezvous / peer: two peers meet through a
 * rendezvous server, punch through with UDP, run nhx directly between
 * themselves and exchange one message each (the seed's Twisted rendezvous
 * and hole-punching client, with framing, retransmission and time-outs).
 *
 * Rendezvous wire format: ASCII, one message per UDP datagram, fields
 * separated by one space. NAME is 1 to 32 of [A-Za-z0-9._-].
 *   peer -> server  "HBRV1 REGISTER NAME MEET"   I am NAME, I want to meet MEET
 *   server -> peer  "HBRV1 WAIT MEET"            MEET has not asked for you yet
 *                   "HBRV1 PEER MEET ADDR"       MEET is at ADDR ("ip:port" or
 *                                                "[ip6]:port", as the server sees it)
 *                   "HBRV1 ERROR TEXT"           the request was refused
 *   peer -> peer    "HBRV1 PUNCH NAME"           opens the path (NATs) before nhx
 * A peer repeats REGISTER every 100 ms until it gets PEER; the server
 * answers every REGISTER (it is idempotent) and pairs NAME and MEET when
 * each asked for the other and both registrations are live (refreshed in
 * the last second: a peer that stopped asking, e.g. one that already met
 * or exited, is never handed out). Registrations are forgotten after 60 s.
 * The server authenticates nothing: it only introduces addresses.
 *
 * Between the peers, on the same socket (so the address the server saw
 * is the one that works): the peer whose name sorts first (strcmp) is the
 * nhx initiator I, the other the responder R. nhx messages go one per
 * datagram (HELLO, INIT, RESP, FIN: PROTOCOLS.md section 1), then records
 * in datagram mode whose plaintext is 'M' || message or 'A' (the
 * acknowledgement of a message). Each side resends its last flight every
 * 100 ms, up to 50 times, until the peer's next step shows it arrived:
 *   I: PUNCH until HELLO; INIT until RESP; FIN + its message until the ack
 *   R: HELLO until INIT; RESP until FIN; its message until the ack
 * (a resent message is sealed again under a new counter). Every message
 * received is acknowledged; acknowledgements are never acknowledged. A
 * side is done when it has the peer's message and the ack of its own, and
 * then stays 1 s after the last datagram to acknowledge repeats.
 *
 * Authentication: R's key is pinned with --pin (the other peer's
 * hopebox pubkey of its --key file); without a pin the exchange resists
 * passive eavesdroppers only, and both sides print the session id to
 * compare out of band.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "hopebox.h"
#include "keyfile.h"
#include "net.h"

#define RV_MAGIC "HBRV1"
#define RV_ERROR RV_MAGIC " ERROR "
#define RV_NAME_MAX 32
#define RV_SLOTS 128
#define RV_EXPIRE_MS 60000
#define RV_LIVE_MS 1000
#define RV_RETRY_MS 100
#define RV_TRIES 50
#define RV_LINGER_MS 1000
#define RV_MESSAGE_MAX 1024
#define RV_DGRAM_MAX 4096
#define RV_TIMEOUT_S 30

static int name_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > RV_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* Split a NUL-terminated datagram into up to max space-separated words
 * (words past the count are empty strings); returns the count, or max + 1
 * when there are more. */
static int split_words(char *text, char **words, int max)
{
	char *end = text + strlen(text), *p = text;
	int n;

	for (n = 0; n < max; n++)
		words[n] = end;
	n = 0;
	while (*p != '\0' && n < max) {
		words[n++] = p;
		p = strchr(p, ' ');
		if (p == NULL)
			break;
		*p++ = '\0';
	}
	return (p != NULL && *p != '\0') ? max + 1 : n;
}

/* ------------------------------------------------------------ server */

struct rv_slot {
	char name[RV_NAME_MAX + 1], meet[RV_NAME_MAX + 1];
	struct net_addr addr;
	int64_t last;
	int used;
};

static void rv_send(int fd, const struct net_addr *to, const char *text)
{
	char who[NET_ADDRSTRLEN];

	if (net_send_dgram(fd, to, (const uint8_t *)text, strlen(text), NULL) != 0)
		cli_note("%s: send failed: %s", net_addr_str(who, to), strerror(errno));
}

static struct rv_slot *rv_lookup(struct rv_slot *slots, const char *name, int64_t now)
{
	int i;

	for (i = 0; i < RV_SLOTS; i++) {
		if (slots[i].used && now - slots[i].last > RV_EXPIRE_MS)
			slots[i].used = 0;
		if (slots[i].used && strcmp(slots[i].name, name) == 0)
			return &slots[i];
	}
	return NULL;
}

static void rv_register(int fd, struct rv_slot *slots, const struct net_addr *from,
                        const char *who, char *text)
{
	char *w[4], msg[128], addr[NET_ADDRSTRLEN];
	struct rv_slot *me, *other;
	int64_t now = cli_now_ms();
	int i;

	if (split_words(text, w, 4) != 4 || strcmp(w[0], RV_MAGIC) != 0 ||
	    strcmp(w[1], "REGISTER") != 0 || !name_ok(w[2], strlen(w[2])) ||
	    !name_ok(w[3], strlen(w[3])) || strcmp(w[2], w[3]) == 0) {
		cli_note("%s: bad request dropped", who);
		rv_send(fd, from, RV_ERROR "expected: " RV_MAGIC " REGISTER NAME MEET");
		return;
	}
	me = rv_lookup(slots, w[2], now);
	if (me != NULL && !net_addr_eq(&me->addr, from))
		cli_note("%s: %s moved from %s", who, w[2], net_addr_str(addr, &me->addr));
	if (me == NULL) {
		for (i = 0; i < RV_SLOTS && slots[i].used; i++)
			;
		if (i == RV_SLOTS) {
			rv_send(fd, from, RV_ERROR "the rendezvous is full");
			return;
		}
		me = &slots[i];
		me->used = 1;
		snprintf(me->name, sizeof me->name, "%s", w[2]);
		cli_note("%s: %s registered, wants to meet %s", who, w[2], w[3]);
	}
	snprintf(me->meet, sizeof me->meet, "%s", w[3]);
	me->addr = *from;
	me->last = now;
	other = rv_lookup(slots, w[3], now);
	if (other == NULL || strcmp(other->meet, me->name) != 0 || now - other->last > RV_LIVE_MS) {
		snprintf(msg, sizeof msg, RV_MAGIC " WAIT %s", me->meet);
		rv_send(fd, from, msg);
		return;
	}
	snprintf(msg, sizeof msg, RV_MAGIC " PEER %s %s", other->name, net_addr_str(addr, &other->addr));
	rv_send(fd, from, msg);
	snprintf(msg, sizeof msg, RV_MAGIC " PEER %s %s", me->name, net_addr_str(addr, from));
	rv_send(fd, &other->addr, msg);
	cli_note("%s and %s introduced to each other", me->name, other->name);
}

int cmd_rendezvous(int argc, char **argv)
{
	static struct rv_slot slots[RV_SLOTS];
	const char *listen = NULL, *timeout = NULL;
	struct net_addr a, from;
	char where[NET_ADDRSTRLEN], who[NET_ADDRSTRLEN], text[RV_DGRAM_MAX + 1];
	int64_t idle_ms, last;
	int fd, i;

	for (i = 0; i < argc; i++) {
		if (cli_opt(argc, argv, &i, "--listen", &listen) ||
		    cli_opt(argc, argv, &i, "--timeout", &timeout))
			continue;
		cli_unknown(argv[i]);
	}
	if (listen == NULL)
		cli_fail("missing --listen HOST:PORT");
	idle_ms = timeout ? 1000 * (int64_t)cli_parse_ulong("--timeout", timeout, 1, 86400) : 0;
	net_resolve(&a, "--listen", listen, 1, 1);
	fd = net_udp_bind(&a);
	if (fd < 0)
		cli_fail("cannot listen on %s: %s", listen, strerror(errno));
	net_local_addr(&a, fd);
	cli_note("listening on %s (UDP)", net_addr_str(where, &a));
	last = cli_now_ms();
	for (;;) {
		ssize_t n;
		int r = net_wait(fd, idle_ms ? last + idle_ms : cli_now_ms() + 3600000);

		if (r < 0)
			cli_fail("poll: %s", strerror(errno));
		if (r == 0) {
			if (idle_ms && cli_now_ms() >= last + idle_ms) {
				cli_note("no request for %lld s: exiting", (long long)(idle_ms / 1000));
				break;
			}
			continue;
		}
		n = net_recv_dgram(fd, &from, (uint8_t *)text, RV_DGRAM_MAX);
		if (n <= 0)
			continue;
		last = cli_now_ms();
		text[n] = '\0';
		if (memchr(text, '\0', (size_t)n) != NULL) {
			cli_note("%s: binary datagram dropped", net_addr_str(who, &from));
			continue;
		}
		rv_register(fd, slots, &from, net_addr_str(who, &from), text);
	}
	close(fd);
	return 0;
}

/* ------------------------------------------------------------ peer */

struct peer {
	int fd;
	struct net_addr rv, addr;
	const char *name, *meet, *message;
	char who[NET_ADDRSTRLEN];
	struct cli_loss loss;
	int initiator;
	hbox_nhx st;
	hbox_channel ch;
	/* the last flight, resent until the peer's next step arrives */
	uint8_t flight[2][HBOX_NHX_RESP_BYTES];
	size_t flight_len[2];
	int flight_n, flight_msg; /* flight_msg: slot 1 (or 0) is our message, resealed */
	const char *stage;
	int tries;
	int64_t next_send, deadline;
	int got_msg, got_ack;
};

static uint8_t pdgram[RV_DGRAM_MAX];

static void peer_send(struct peer *p, const struct net_addr *to, const uint8_t *buf, size_t len)
{
	if (net_send_dgram(p->fd, to, buf, len, &p->loss) != 0)
		cli_fail("cannot send: %s", strerror(errno));
}

/* Seal 'M' || message or 'A' into out; returns the record length. */
static size_t peer_record(struct peer *p, uint8_t *out, int ack)
{
	uint8_t pt[1 + RV_MESSAGE_MAX];
	size_t len = 1;

	pt[0] = ack ? 'A' : 'M';
	if (!ack) {
		len += strlen(p->message);
		memcpy(pt + 1, p->message, len - 1);
	}
	if (hbox_channel_seal(&p->ch, out, pt, len) != 0)
		cli_fail("cannot seal: %s", cli_hbox_error(hbox_channel_last_error(&p->ch)));
	return len + HBOX_RECORD_OVERHEAD;
}

/* Make buf the new flight (one or two datagrams) and send it now. */
static void set_flight(struct peer *p, const char *stage, const uint8_t *a, size_t alen,
                       int with_msg)
{
	p->flight_n = 0;
	if (a != NULL) {
		memcpy(p->flight[0], a, alen);
		p->flight_len[0] = alen;
		p->flight_n = 1;
	}
	p->flight_msg = with_msg ? p->flight_n++ : -1;
	p->stage = stage;
	p->tries = 0;
	p->next_send = cli_now_ms();
}

static void send_flight(struct peer *p)
{
	int i;

	if (p->flight_n == 0)
		return;
	if (p->tries == RV_TRIES)
		cli_fail("%s: no answer from the peer after %d tries (%s)", p->who, RV_TRIES, p->stage);
	if (p->tries > 0)
		cli_note("%s: retry %d/%d: %s sent again", p->who, p->tries + 1, RV_TRIES, p->stage);
	if (p->flight_msg >= 0)
		p->flight_len[p->flight_msg] = peer_record(p, p->flight[p->flight_msg], 0);
	for (i = 0; i < p->flight_n; i++)
		peer_send(p, &p->addr, p->flight[i], p->flight_len[i]);
	p->tries++;
	p->next_send = cli_now_ms() + RV_RETRY_MS;
}

static void peer_channel_up(struct peer *p)
{
	uint8_t id[HBOX_SESSION_ID_BYTES];
	char hex[2 * HBOX_SESSION_ID_BYTES + 1];

	hbox_channel_set_mode(&p->ch, HBOX_CHANNEL_DATAGRAM);
	hbox_channel_session_id(id, &p->ch);
	cli_hex_encode(hex, id, sizeof id);
	cli_note("%s: nhx done, session %s", p->who, hex);
}

static void nhx_fail(struct peer *p, const char *what)
{
	cli_fail("%s: bad %s: %s", p->who, what, cli_hbox_error(hbox_nhx_last_error(&p->st)));
}

/* One datagram from the peer. */
static void peer_input(struct peer *p, size_t n)
{
	static uint8_t out[HBOX_NHX_RESP_BYTES];
	uint8_t pt[1 + RV_MESSAGE_MAX + HBOX_RECORD_OVERHEAD];
	int state = hbox_nhx_state(&p->st);
	size_t rlen;

	switch (pdgram[0]) {
	case HBOX_NHX_HELLO:
		if (!p->initiator || state != HBOX_NHX_I_START)
			return;
		if (hbox_nhx_read_hello(&p->st, pdgram, n) != 0) {
			if (hbox_nhx_last_error(&p->st) == HBOX_EKEY)
				cli_fail("%s: the peer's key is not the pinned key: refusing to talk",
				         p->who);
			nhx_fail(p, "HELLO");
		}
		if (hbox_nhx_write_init(&p->st, out) != 0)
			nhx_fail(p, "INIT");
		cli_note("%s: HELLO received, INIT sent (%d bytes)", p->who, HBOX_NHX_INIT_BYTES);
		set_flight(p, "INIT", out, HBOX_NHX_INIT_BYTES, 0);
		return;
	case HBOX_NHX_INIT:
		if (p->initiator || state != HBOX_NHX_R_START)
			return; /* a repeat: RESP goes out again on the timer */
		if (hbox_nhx_read_init(&p->st, out, pdgram, n) != 0)
			nhx_fail(p, "INIT");
		cli_note("%s: INIT received, RESP sent (%d bytes)", p->who, HBOX_NHX_RESP_BYTES);
		set_flight(p, "RESP", out, HBOX_NHX_RESP_BYTES, 0);
		return;
	case HBOX_NHX_RESP:
		if (!p->initiator || state != HBOX_NHX_I_SENT)
			return;
		if (hbox_nhx_read_resp(&p->st, out, &p->ch, NULL, pdgram, n) != 0)
			nhx_fail(p, "RESP");
		peer_channel_up(p);
		set_flight(p, "FIN and message", out, HBOX_NHX_FIN_BYTES, 1);
		return;
	case HBOX_NHX_FIN:
		if (p->initiator || state != HBOX_NHX_R_SENT)
			return;
		if (hbox_nhx_read_fin(&p->st, &p->ch, NULL, pdgram, n) != 0)
			nhx_fail(p, "FIN");
		peer_channel_up(p);
		set_flight(p, "message", NULL, 0, 1);
		return;
	case HBOX_RECORD_TYPE:
		if (!hbox_channel_is_open(&p->ch) || n > sizeof pt)
			return; /* before FIN (lost): the peer sends it again */
		if (hbox_channel_open(&p->ch, pt, pdgram, n) != 0) {
			cli_note("%s: record rejected: %s", p->who,
			         cli_hbox_error(hbox_channel_last_error(&p->ch)));
			return;
		}
		if (n == HBOX_RECORD_OVERHEAD + 1 && pt[0] == 'A') {
			if (!p->got_ack)
				cli_note("%s: our message was received", p->who);
			p->got_ack = 1;
			p->flight_n = 0;
			return;
		}
		if (n == HBOX_RECORD_OVERHEAD || pt[0] != 'M')
			return;
		rlen = peer_record(p, out, 1);
		peer_send(p, &p->addr, out, rlen);
		if (!p->got_msg) {
			p->got_msg = 1;
			cli_print_text(pt + 1, n - HBOX_RECORD_OVERHEAD - 1);
		}
		return;
	default:
		return; /* PUNCH, or noise */
	}
}

static void peer_meet(struct peer *p)
{
	char req[128], *w[4], text[RV_DGRAM_MAX + 1];
	struct net_addr from;
	int waiting = 0, words;

	snprintf(req, sizeof req, RV_MAGIC " REGISTER %s %s", p->name, p->meet);
	for (;;) {
		int64_t until = cli_now_ms() + RV_RETRY_MS;
		ssize_t n;

		if (cli_now_ms() >= p->deadline)
			cli_fail("%s did not show up within the time-out", p->meet);
		peer_send(p, &p->rv, (const uint8_t *)req, strlen(req));
		while (net_wait(p->fd, until) > 0) {
			n = net_recv_dgram(p->fd, &from, (uint8_t *)text, RV_DGRAM_MAX);
			if (n <= 0 || !net_addr_eq(&from, &p->rv))
				continue;
			text[n] = '\0';
			if (strncmp(text, RV_ERROR, strlen(RV_ERROR)) == 0)
				cli_fail("the rendezvous refused: %s", text + strlen(RV_ERROR));
			words = split_words(text, w, 4);
			if (words < 3 || strcmp(w[0], RV_MAGIC) != 0 || strcmp(w[2], p->meet) != 0)
				continue;
			if (words == 3 && strcmp(w[1], "WAIT") == 0 && !waiting) {
				cli_note("registered as %s, waiting for %s", p->name, p->meet);
				waiting = 1;
			}
			if (words == 4 && strcmp(w[1], "PEER") == 0) {
				net_resolve(&p->addr, "the rendezvous's answer", w[3], 1, 0);
				net_addr_str(p->who, &p->addr);
				cli_note("%s is at %s", p->meet, p->who);
				return;
			}
		}
	}
}

int cmd_peer(int argc, char **argv)
{
	static struct peer p;
	const char *rv = NULL, *key = NULL, *pin = NULL, *loss = NULL, *seed = NULL,
	           *timeout = NULL, *bind_to = NULL;
	char msgbuf[64 + RV_NAME_MAX];
	uint8_t sk[32], pk[32], pinkey[32];
	struct net_addr local, from;
	int64_t linger_end = 0;
	int i;

	memset(&p, 0, sizeof p);
	for (i = 0; i < argc; i++) {
		if (cli_opt(argc, argv, &i, "--rendezvous", &rv) ||
		    cli_opt(argc, argv, &i, "--name", &p.name) ||
		    cli_opt(argc, argv, &i, "--meet", &p.meet) ||
		    cli_opt(argc, argv, &i, "--message", &p.message) ||
		    cli_opt(argc, argv, &i, "--key", &key) || cli_opt(argc, argv, &i, "--pin", &pin) ||
		    cli_opt(argc, argv, &i, "--loss", &loss) ||
		    cli_opt(argc, argv, &i, "--seed", &seed) ||
		    cli_opt(argc, argv, &i, "--timeout", &timeout) ||
		    cli_opt(argc, argv, &i, "--bind", &bind_to))
			continue;
		cli_unknown(argv[i]);
	}
	if (rv == NULL || p.name == NULL || p.meet == NULL)
		cli_fail("usage: hopebox peer --rendezvous HOST:PORT --name NAME --meet NAME");
	if (!name_ok(p.name, strlen(p.name)) || !name_ok(p.meet, strlen(p.meet)))
		cli_fail("names are 1 to %d of the characters A-Z a-z 0-9 . _ -", RV_NAME_MAX);
	if (strcmp(p.name, p.meet) == 0)
		cli_fail("--name and --meet must differ");
	if (p.message == NULL) {
		snprintf(msgbuf, sizeof msgbuf, "hello from %s", p.name);
		p.message = msgbuf;
	}
	if (strlen(p.message) > RV_MESSAGE_MAX)
		cli_fail("--message is longer than %d bytes", RV_MESSAGE_MAX);
	p.initiator = strcmp(p.name, p.meet) < 0;
	if (pin != NULL && !p.initiator)
		cli_fail("--pin is for the initiator, and %s is the responder here (%s sorts first): "
		         "give --key FILE here and --pin to %s", p.name, p.meet, p.meet);
	if (key != NULL && p.initiator)
		cli_fail("--key is for the responder, and %s is the initiator here (it sorts first): "
		         "give --pin here and --key to %s", p.name, p.meet);
	if (pin)
		cli_key32(pinkey, "--pin", pin);
	if (key)
		keyfile_load(key, sk, pk);
	cli_loss_init(&p.loss, loss, seed);
	p.deadline = cli_now_ms() +
	             1000 * (int64_t)(timeout ? cli_parse_ulong("--timeout", timeout, 1, 86400)
	                                      : RV_TIMEOUT_S);
	net_resolve(&p.rv, "--rendezvous", rv, 1, 0);
	if (bind_to) {
		net_resolve(&local, "--bind", bind_to, 1, 1);
	} else {
		memset(&local, 0, sizeof local);
		local.ss.ss_family = p.rv.ss.ss_family;
		local.len = p.rv.len; /* the wildcard address, port 0 */
	}
	p.fd = net_udp_bind(&local);
	if (p.fd < 0)
		cli_fail("cannot open a UDP socket: %s", strerror(errno));

	peer_meet(&p);
	if (p.initiator) {
		uint8_t punch[64];
		int len = snprintf((char *)punch, sizeof punch, RV_MAGIC " PUNCH %s", p.name);

		hbox_nhx_initiator_init(&p.st, pin ? pinkey : NULL, NULL);
		cli_note("%s: initiator: punching, waiting for HELLO", p.who);
		set_flight(&p, "PUNCH", punch, (size_t)len, 0);
	} else {
		uint8_t hello[HBOX_NHX_HELLO_BYTES];

		if (hbox_nhx_responder_init(&p.st, key ? sk : NULL, NULL) != 0 ||
		    hbox_nhx_write_hello(&p.st, hello) != 0)
			nhx_fail(&p, "start");
		hbox_wipe(sk, sizeof sk);
		cli_note("%s: responder: sending HELLO", p.who);
		set_flight(&p, "HELLO", hello, sizeof hello, 0);
	}
	for (;;) {
		int64_t now = cli_now_ms(), until;
		ssize_t n;

		if (now >= p.deadline)
			cli_fail("%s: timed out (%s)", p.who, p.stage);
		if (p.got_msg && p.got_ack) {
			if (linger_end == 0)
				linger_end = now + RV_LINGER_MS;
			if (now >= linger_end)
				break;
		} else if (now >= p.next_send) {
			send_flight(&p);
		}
		until = linger_end ? linger_end : p.flight_n ? p.next_send : now + RV_RETRY_MS;
		if (net_wait(p.fd, until < p.deadline ? until : p.deadline) <= 0)
			continue;
		n = net_recv_dgram(p.fd, &from, pdgram, sizeof pdgram);
		if (n <= 0 || !net_addr_eq(&from, &p.addr))
			continue; /* late rendezvous answers, strangers */
		if (linger_end)
			linger_end = cli_now_ms() + RV_LINGER_MS;
		peer_input(&p, (size_t)n);
	}
	hbox_nhx_wipe(&p.st);
	hbox_channel_close(&p.ch);
	close(p.fd);
	cli_note("%s: done", p.who);
	return 0;
}
