/*
 * udp.c - hopebox udp-server / udp-client: the channel handshake
 * (CONNECT / ACCEPT, PROTOCOLS.md section 2) and its records over UDP,
 * one message per datagram, as in the BittrRt seed.
 *
 * Client: sends CONNECT every 100 ms, up to 50 times, until an ACCEPT
 * verifies (a forged ACCEPT fails the handshake object, so the client
 * starts over with a fresh one, within the same 50 tries). Then each line
 * of standard input is sent as one record and its echo awaited with the
 * same rule (a lost record or echo is re-sealed under a new counter and
 * sent again); each echo is printed. At the end of input it exits 0.
 *
 * Server: one handshake state and one channel per client address (up to
 * UDP_PEERS; the least recently active is evicted). A repeated CONNECT
 * gets the same ACCEPT; a different CONNECT from the same address starts
 * over only while that session is unconfirmed (no record opened yet) or
 * idle for 30 s, so a spoofed CONNECT cannot kill a live session. Every
 * record that opens is printed and echoed under the server's key;
 * forged, replayed or unknown datagrams are dropped with one line each.
 *
 * --loss F drops that fraction of outgoing datagrams at random (tests;
 * --seed N makes it reproducible).
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

#define UDP_PEERS 64
#define UDP_RETRY_MS 100
#define UDP_TRIES 50
#define UDP_STALE_MS 30000
#define UDP_DGRAM_MAX (HBOX_RECORD_MAX_BYTES + 1)

struct udp_peer {
	struct net_addr addr;
	hbox_channel_hs hs;
	hbox_channel ch;
	int used, confirmed;
	int64_t last;
};

struct udp_server {
	int fd;
	uint8_t sk[32], psk[32];
	int have_sk, have_psk;
	struct cli_loss loss;
	struct udp_peer peers[UDP_PEERS];
};

static uint8_t dgram[UDP_DGRAM_MAX];
static uint8_t plain[HBOX_RECORD_MAX_PLAINTEXT];
static uint8_t reply[HBOX_RECORD_MAX_BYTES];

static const char *mode_name(uint8_t flags)
{
	static const char *names[4] = {"NN", "PSK", "NK (pinned server key)", "NK + PSK"};

	return names[flags & 3];
}

static void session_note(const char *who, const hbox_channel *ch, const char *what)
{
	uint8_t id[HBOX_SESSION_ID_BYTES];
	char hex[2 * HBOX_SESSION_ID_BYTES + 1];

	hbox_channel_session_id(id, ch);
	cli_hex_encode(hex, id, sizeof id);
	cli_note("%s: %s, session %s", who, what, hex);
}

static uint64_t record_counter(const uint8_t *rec, size_t len)
{
	uint64_t c = 0;
	size_t i;

	for (i = 1; i < 9 && i < len; i++)
		c = c << 8 | rec[i];
	return c;
}

/* ------------------------------------------------------------ server */

static void peer_release(struct udp_peer *p)
{
	hbox_channel_hs_wipe(&p->hs);
	hbox_channel_close(&p->ch);
	memset(p, 0, sizeof *p);
}

static struct udp_peer *peer_find(struct udp_server *s, const struct net_addr *a)
{
	int i;

	for (i = 0; i < UDP_PEERS; i++)
		if (s->peers[i].used && net_addr_eq(&s->peers[i].addr, a))
			return &s->peers[i];
	return NULL;
}

/* A free slot, or the least recently active one (unconfirmed first). */
static struct udp_peer *peer_alloc(struct udp_server *s, const struct net_addr *a)
{
	struct udp_peer *best = NULL;
	char old[NET_ADDRSTRLEN];
	int i;

	for (i = 0; i < UDP_PEERS; i++) {
		struct udp_peer *p = &s->peers[i];

		if (!p->used) {
			best = p;
			break;
		}
		if (best == NULL || p->confirmed < best->confirmed ||
		    (p->confirmed == best->confirmed && p->last < best->last))
			best = p;
	}
	if (best->used) {
		cli_note("%s: session evicted (table full)", net_addr_str(old, &best->addr));
		peer_release(best);
	}
	best->used = 1;
	best->addr = *a;
	best->last = cli_now_ms();
	return best;
}

static void server_send(struct udp_server *s, const struct udp_peer *p, const uint8_t *buf,
                        size_t len)
{
	char who[NET_ADDRSTRLEN];

	if (net_send_dgram(s->fd, &p->addr, buf, len, &s->loss) != 0)
		cli_note("%s: send failed: %s", net_addr_str(who, &p->addr), strerror(errno));
}

static void server_connect(struct udp_server *s, const struct net_addr *from, const char *who,
                           size_t n)
{
	uint8_t acc[HBOX_CHANNEL_ACCEPT_MAX];
	size_t alen;
	struct udp_peer *p = peer_find(s, from);
	int64_t now = cli_now_ms();

	if (p != NULL && hbox_channel_hs_state(&p->hs) == HBOX_CHANNEL_HS_ACCEPTED) {
		if (hbox_channel_accept(&p->hs, acc, &alen, &p->ch, dgram, n) == 0) {
			cli_note("%s: repeated CONNECT: the same ACCEPT sent again", who);
			server_send(s, p, acc, alen);
			return;
		}
		if (p->confirmed && now - p->last < UDP_STALE_MS) {
			cli_note("%s: another CONNECT ignored: this address has a live session", who);
			return;
		}
		cli_note("%s: new CONNECT: the %s session from this address is dropped", who,
		         p->confirmed ? "idle" : "unconfirmed");
		peer_release(p);
		p = NULL;
	}
	if (p == NULL)
		p = peer_alloc(s, from);
	hbox_channel_server_init(&p->hs, s->have_sk ? s->sk : NULL, s->have_psk ? s->psk : NULL,
	                         NULL);
	if (hbox_channel_accept(&p->hs, acc, &alen, &p->ch, dgram, n) != 0) {
		int e = hbox_channel_hs_last_error(&p->hs);

		if (e == HBOX_EMODE)
			cli_note("%s: CONNECT refused: it asks for %s, this server offers %s%s", who,
			         n >= 2 ? mode_name(dgram[1]) : "?", s->have_psk ? "PSK" : "NN",
			         s->have_sk ? " and NK" : "");
		else if (e == HBOX_EAUTH)
			cli_note("%s: CONNECT refused: %s (another PSK?)", who, cli_hbox_error(e));
		else
			cli_note("%s: CONNECT refused: %s", who, cli_hbox_error(e));
		peer_release(p);
		return;
	}
	hbox_channel_set_mode(&p->ch, HBOX_CHANNEL_DATAGRAM);
	p->last = now;
	server_send(s, p, acc, alen);
	session_note(who, &p->ch, mode_name(dgram[1]));
}

static void server_record(struct udp_server *s, const struct net_addr *from, const char *who,
                          size_t n)
{
	struct udp_peer *p = peer_find(s, from);
	size_t len;

	if (p == NULL || !hbox_channel_is_open(&p->ch)) {
		cli_note("%s: record from an unknown client dropped", who);
		return;
	}
	if (hbox_channel_open(&p->ch, plain, dgram, n) != 0) {
		cli_note("%s: record %llu rejected: %s", who,
		         (unsigned long long)record_counter(dgram, n),
		         cli_hbox_error(hbox_channel_last_error(&p->ch)));
		return;
	}
	len = n - HBOX_RECORD_OVERHEAD;
	p->confirmed = 1;
	p->last = cli_now_ms();
	cli_print_text(plain, len);
	if (hbox_channel_seal(&p->ch, reply, plain, len) != 0) {
		cli_note("%s: cannot seal the echo (%s): session closed", who,
		         cli_hbox_error(hbox_channel_last_error(&p->ch)));
		peer_release(p);
		return;
	}
	server_send(s, p, reply, len + HBOX_RECORD_OVERHEAD);
}

int cmd_udp_server(int argc, char **argv)
{
	static struct udp_server s;
	const char *listen = NULL, *psk = NULL, *key = NULL, *loss = NULL, *seed = NULL,
	           *timeout = NULL;
	struct net_addr a, from;
	char where[NET_ADDRSTRLEN], who[NET_ADDRSTRLEN], hex[65];
	uint8_t pk[32];
	int64_t idle_ms, last;
	int i;

	for (i = 0; i < argc; i++) {
		if (cli_opt(argc, argv, &i, "--listen", &listen) ||
		    cli_opt(argc, argv, &i, "--psk", &psk) || cli_opt(argc, argv, &i, "--key", &key) ||
		    cli_opt(argc, argv, &i, "--loss", &loss) ||
		    cli_opt(argc, argv, &i, "--seed", &seed) ||
		    cli_opt(argc, argv, &i, "--timeout", &timeout))
			continue;
		cli_unknown(argv[i]);
	}
	if (listen == NULL)
		cli_fail("missing --listen HOST:PORT");
	if (psk) {
		cli_key32(s.psk, "--psk", psk);
		s.have_psk = 1;
	}
	if (key) {
		keyfile_load(key, s.sk, pk);
		s.have_sk = 1;
		cli_hex_encode(hex, pk, 32);
		cli_note("server key %s (clients pin it with --pin %s)", hex, hex);
	}
	cli_loss_init(&s.loss, loss, seed);
	idle_ms = timeout ? 1000 * (int64_t)cli_parse_ulong("--timeout", timeout, 1, 86400) : 0;
	net_resolve(&a, "--listen", listen, 1, 1);
	s.fd = net_udp_bind(&a);
	if (s.fd < 0)
		cli_fail("cannot listen on %s: %s", listen, strerror(errno));
	net_local_addr(&a, s.fd);
	cli_note("listening on %s (UDP; %s%s)", net_addr_str(where, &a), s.have_psk ? "PSK" : "NN",
	         s.have_sk ? ", NK" : "");
	last = cli_now_ms();
	for (;;) {
		ssize_t n;
		int r = net_wait(s.fd, idle_ms ? last + idle_ms : cli_now_ms() + 3600000);

		if (r < 0)
			cli_fail("poll: %s", strerror(errno));
		if (r == 0) {
			if (idle_ms && cli_now_ms() >= last + idle_ms) {
				cli_note("no datagram for %lld s: exiting", (long long)(idle_ms / 1000));
				break;
			}
			continue;
		}
		n = net_recv_dgram(s.fd, &from, dgram, sizeof dgram);
		if (n <= 0)
			continue;
		last = cli_now_ms();
		net_addr_str(who, &from);
		if (dgram[0] == HBOX_CHANNEL_CONNECT)
			server_connect(&s, &from, who, (size_t)n);
		else if (dgram[0] == HBOX_RECORD_TYPE)
			server_record(&s, &from, who, (size_t)n);
		else
			cli_note("%s: datagram of unknown type 0x%02x (%zd bytes) dropped", who, dgram[0], n);
	}
	for (i = 0; i < UDP_PEERS; i++)
		peer_release(&s.peers[i]);
	hbox_wipe(s.sk, sizeof s.sk);
	hbox_wipe(s.psk, sizeof s.psk);
	close(s.fd);
	return 0;
}

/* ------------------------------------------------------------ client */

/* Receive one datagram from the connected server before deadline:
 * its length, or 0 at the deadline. */
static size_t client_recv(int fd, int64_t deadline)
{
	for (;;) {
		ssize_t n;
		int r = net_wait(fd, deadline);

		if (r < 0)
			cli_fail("poll: %s", strerror(errno));
		if (r == 0) {
			if (cli_now_ms() >= deadline)
				return 0;
			continue;
		}
		n = net_recv_dgram(fd, NULL, dgram, sizeof dgram);
		if (n > 0)
			return (size_t)n;
		/* ECONNREFUSED: nobody listens (yet); the retry rule copes */
	}
}

static void client_handshake(int fd, hbox_channel_hs *hs, hbox_channel *ch, const uint8_t *pin,
                             const uint8_t *psk, struct cli_loss *loss, const char *peer)
{
	uint8_t c[HBOX_CHANNEL_CONNECT_MAX];
	size_t clen, n;
	const char *why = "no answer (is the server running? same --psk?)";
	int tries;

	hbox_channel_client_init(hs, pin, psk, NULL);
	for (tries = 1; tries <= UDP_TRIES; tries++) {
		int64_t deadline;

		if (hbox_channel_connect(hs, c, &clen) != 0)
			cli_fail("cannot write CONNECT: %s", cli_hbox_error(hbox_channel_hs_last_error(hs)));
		if (net_send_dgram(fd, NULL, c, clen, loss) != 0 && errno != ECONNREFUSED)
			cli_fail("cannot send to %s: %s", peer, strerror(errno));
		if (tries == 1)
			cli_note("%s: CONNECT sent (%zu bytes, %s)", peer, clen, mode_name(c[1]));
		else
			cli_note("%s: retry %d/%d: CONNECT sent again", peer, tries, UDP_TRIES);
		deadline = cli_now_ms() + UDP_RETRY_MS;
		while ((n = client_recv(fd, deadline)) > 0) {
			int e;

			if (dgram[0] != HBOX_CHANNEL_ACCEPT) {
				cli_note("%s: datagram of type 0x%02x ignored before the handshake", peer,
				         dgram[0]);
				continue;
			}
			if (hbox_channel_finish(hs, ch, dgram, n) == 0) {
				hbox_channel_hs_wipe(hs);
				hbox_channel_set_mode(ch, HBOX_CHANNEL_DATAGRAM);
				session_note(peer, ch, "handshake done");
				return;
			}
			e = hbox_channel_hs_last_error(hs);
			if (e == HBOX_EAUTH || e == HBOX_EKEY) {
				why = e == HBOX_EAUTH ? "the ACCEPT failed authentication (wrong --pin "
				                        "or --psk, or tampering)"
				                      : cli_hbox_error(e);
				cli_note("%s: %s: a new handshake at the next try", peer, why);
				hbox_channel_client_init(hs, pin, psk, NULL);
				continue;
			}
			cli_note("%s: bad ACCEPT ignored: %s", peer, cli_hbox_error(e));
		}
	}
	cli_fail("%s: handshake failed after %d tries (%d s): %s", peer, UDP_TRIES,
	         UDP_TRIES * UDP_RETRY_MS / 1000, why);
}

/* Send one line as a record until its echo comes back (100 ms / 50 tries). */
static void client_exchange(int fd, hbox_channel *ch, const char *line, size_t len,
                            struct cli_loss *loss, const char *peer)
{
	uint8_t rec[CLI_LINE_MAX + HBOX_RECORD_OVERHEAD];
	size_t n;
	int tries;

	for (tries = 1; tries <= UDP_TRIES; tries++) {
		int64_t deadline;

		if (hbox_channel_seal(ch, rec, (const uint8_t *)line, len) != 0)
			cli_fail("cannot seal: %s", cli_hbox_error(hbox_channel_last_error(ch)));
		if (net_send_dgram(fd, NULL, rec, len + HBOX_RECORD_OVERHEAD, loss) != 0 &&
		    errno != ECONNREFUSED)
			cli_fail("cannot send to %s: %s", peer, strerror(errno));
		if (tries > 1)
			cli_note("%s: retry %d/%d: record sent again (new counter)", peer, tries,
			         UDP_TRIES);
		deadline = cli_now_ms() + UDP_RETRY_MS;
		while ((n = client_recv(fd, deadline)) > 0) {
			if (dgram[0] != HBOX_RECORD_TYPE)
				continue; /* a late copy of the ACCEPT */
			if (hbox_channel_open(ch, plain, dgram, n) != 0) {
				cli_note("%s: record %llu rejected: %s", peer,
				         (unsigned long long)record_counter(dgram, n),
				         cli_hbox_error(hbox_channel_last_error(ch)));
				continue;
			}
			if (n - HBOX_RECORD_OVERHEAD == len && memcmp(plain, line, len) == 0) {
				cli_print_text(plain, len);
				return;
			}
			cli_note("%s: echo of an earlier record ignored", peer);
		}
	}
	cli_fail("%s: no echo after %d tries (%d s)", peer, UDP_TRIES,
	         UDP_TRIES * UDP_RETRY_MS / 1000);
}

int cmd_udp_client(int argc, char **argv)
{
	static struct cli_lines in;
	const char *connect = NULL, *psk = NULL, *pin = NULL, *loss = NULL, *seed = NULL;
	uint8_t pinkey[32], pskkey[32];
	struct net_addr a;
	struct cli_loss ls;
	char peer[NET_ADDRSTRLEN], *line;
	hbox_channel_hs hs;
	hbox_channel ch;
	size_t len;
	unsigned long count = 0;
	int fd, i;

	for (i = 0; i < argc; i++) {
		if (cli_opt(argc, argv, &i, "--connect", &connect) ||
		    cli_opt(argc, argv, &i, "--psk", &psk) || cli_opt(argc, argv, &i, "--pin", &pin) ||
		    cli_opt(argc, argv, &i, "--loss", &loss) ||
		    cli_opt(argc, argv, &i, "--seed", &seed))
			continue;
		cli_unknown(argv[i]);
	}
	if (connect == NULL)
		cli_fail("missing --connect HOST:PORT");
	if (pin)
		cli_key32(pinkey, "--pin", pin);
	if (psk)
		cli_key32(pskkey, "--psk", psk);
	cli_loss_init(&ls, loss, seed);
	net_resolve(&a, "--connect", connect, 1, 0);
	net_addr_str(peer, &a);
	fd = net_udp_connect(&a);
	if (fd < 0)
		cli_fail("cannot open a UDP socket to %s: %s", peer, strerror(errno));
	client_handshake(fd, &hs, &ch, pin ? pinkey : NULL, psk ? pskkey : NULL, &ls, peer);
	hbox_wipe(pskkey, sizeof pskkey);
	cli_lines_init(&in, STDIN_FILENO);
	while ((line = cli_lines_read(&in, &len)) != NULL) {
		client_exchange(fd, &ch, line, len, &ls, peer);
		count++;
	}
	cli_note("%s: end of input, %lu record(s) echoed", peer, count);
	hbox_channel_close(&ch);
	close(fd);
	return 0;
}
