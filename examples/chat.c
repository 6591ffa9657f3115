/*
 * chat.c - hopebox chat: a TCP chat over the nhx handshake (NewHope +
 * X25519 with a sealed prekey chunk), then stream records.
 *
 * On the wire (PROTOCOLS.md "Transports" and section 1): every message is
 * a 4-byte big-endian length and the message. The server (responder)
 * sends HELLO as soon as the connection opens, the client answers INIT,
 * the server RESP, the client FIN; then records both ways.
 *
 * Records carry chat text: one record per line, the line with its '\n'.
 * An empty record is the authenticated end of the chat: a side whose
 * standard input ends sends it and waits for the peer's; a side that
 * receives it answers with its own and closes. A connection that ends
 * without it is reported as possibly cut short by someone in the middle.
 *
 * The server serves one connection at a time, and any number in turn: a
 * peer that breaks the protocol (bad length, bad message, forged record)
 * is dropped with one line on stderr and the server waits for the next.
 * Its standard input feeds the current session; its end does not close
 * sessions (the client decides when a chat ends).
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "hopebox.h"
#include "keyfile.h"
#include "net.h"

#define CHAT_TIMEOUT_S 30

static struct net_frame frame; /* the message being received */

struct chat_opts {
	const char *listen, *connect, *key, *pin;
	unsigned long sessions;
	int timeout_ms;
};

static int send_record(int fd, hbox_channel *ch, const char *pt, size_t len)
{
	uint8_t rec[CLI_LINE_MAX + 1 + HBOX_RECORD_OVERHEAD];

	if (hbox_channel_seal(ch, rec, (const uint8_t *)pt, len) != 0)
		return -1;
	return net_frame_write(fd, rec, len + HBOX_RECORD_OVERHEAD);
}

/* Send every complete line waiting in in (and, at its end, the rest). */
static int send_lines(int fd, hbox_channel *ch, struct cli_lines *in)
{
	size_t n;
	char *line;

	while ((line = cli_lines_next(in, &n)) != NULL) {
		line[n] = '\n';
		if (send_record(fd, ch, line, n + 1) != 0)
			return -1;
	}
	return 0;
}

/*
 * One chat over an open channel. close_on_eof: the end of in ends the
 * chat (client). Returns 0 after a clean close, -1 otherwise (reported).
 */
static int chat_session(int fd, hbox_channel *ch, const char *peer, struct cli_lines *in,
                        int close_on_eof, int timeout_ms)
{
	uint8_t pt[HBOX_RECORD_MAX_PLAINTEXT];
	int sent_close = 0;
	int64_t close_by = 0;

	net_frame_reset(&frame);
	for (;;) {
		struct pollfd p[2];
		int np = 1, wait = -1, r;

		p[0].fd = fd;
		p[0].events = POLLIN;
		p[0].revents = 0;
		if (!in->eof && !sent_close) {
			p[1].fd = in->fd;
			p[1].events = POLLIN;
			p[1].revents = 0;
			np = 2;
		}
		if (sent_close) {
			int64_t left = close_by - cli_now_ms();

			wait = left > 0 ? (int)left : 0;
		}
		r = poll(p, (nfds_t)np, wait);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			cli_fail("poll: %s", strerror(errno));
		if (r == 0) {
			cli_note("%s: no close from the peer within %d s", peer, timeout_ms / 1000);
			return -1;
		}
		if (p[0].revents != 0) {
			size_t len;

			r = net_frame_read(fd, &frame);
			if (r == NET_FRAME_EOF) {
				cli_note("%s: connection closed without a close record "
				         "(the chat may have been cut short)", peer);
				return -1;
			}
			if (r < 0) {
				cli_note("%s: dropped: %s", peer, net_frame_error(r));
				return -1;
			}
			if (r == NET_FRAME_DONE) {
				if (hbox_channel_open(ch, pt, frame.body, frame.len) != 0) {
					cli_note("%s: dropped: record rejected (%s)", peer,
					         cli_hbox_error(hbox_channel_last_error(ch)));
					return -1;
				}
				len = frame.len - HBOX_RECORD_OVERHEAD;
				net_frame_reset(&frame);
				if (len == 0) {
					if (!sent_close && send_record(fd, ch, "", 0) != 0)
						cli_note("%s: could not answer the close", peer);
					cli_note("%s: chat closed", peer);
					return 0;
				}
				cli_print_text(pt, len);
			}
		}
		if (np == 2 && p[1].revents != 0) {
			if (cli_lines_fill(in) < 0)
				cli_fail("reading standard input: %s", strerror(errno));
			if (send_lines(fd, ch, in) != 0) {
				cli_note("%s: cannot send: %s", peer, strerror(errno));
				return -1;
			}
			if (in->eof && close_on_eof) {
				if (send_record(fd, ch, "", 0) != 0) {
					cli_note("%s: cannot send the close: %s", peer, strerror(errno));
					return -1;
				}
				sent_close = 1;
				close_by = cli_now_ms() + timeout_ms;
				cli_note("end of input: close sent, waiting for the peer's");
			}
		}
	}
}

static void note_session(const char *peer, const hbox_channel *ch)
{
	uint8_t id[HBOX_SESSION_ID_BYTES];
	char hex[2 * HBOX_SESSION_ID_BYTES + 1];

	hbox_channel_session_id(id, ch);
	cli_hex_encode(hex, id, sizeof id);
	cli_note("%s: secure session %s", peer, hex);
}

/* Responder side of nhx over the connection; 0 with ch set, or -1. */
static int server_handshake(int fd, const uint8_t *sk, hbox_channel *ch, const char *peer,
                            int timeout_ms)
{
	static hbox_nhx st;
	uint8_t hello[HBOX_NHX_HELLO_BYTES], resp[HBOX_NHX_RESP_BYTES];
	int64_t deadline = cli_now_ms() + timeout_ms;
	const char *step;
	int r, rc = -1;

	if (hbox_nhx_responder_init(&st, sk, NULL) != 0 || hbox_nhx_write_hello(&st, hello) != 0)
		cli_fail("cannot start the handshake: %s", cli_hbox_error(hbox_nhx_last_error(&st)));
	if (net_frame_write(fd, hello, sizeof hello) != 0) {
		cli_note("%s: dropped: cannot send HELLO: %s", peer, strerror(errno));
		goto out;
	}
	step = "INIT";
	net_frame_reset(&frame);
	r = net_frame_read_by(fd, &frame, deadline);
	if (r != NET_FRAME_DONE)
		goto framing;
	if (hbox_nhx_read_init(&st, resp, frame.body, frame.len) != 0)
		goto proto;
	if (net_frame_write(fd, resp, sizeof resp) != 0) {
		cli_note("%s: dropped: cannot send RESP: %s", peer, strerror(errno));
		goto out;
	}
	step = "FIN";
	net_frame_reset(&frame);
	r = net_frame_read_by(fd, &frame, deadline);
	if (r != NET_FRAME_DONE)
		goto framing;
	if (hbox_nhx_read_fin(&st, ch, NULL, frame.body, frame.len) != 0)
		goto proto;
	rc = 0;
	goto out;
framing:
	cli_note("%s: dropped while waiting for %s: %s", peer, step, net_frame_error(r));
	goto out;
proto:
	cli_note("%s: dropped: bad %s (%s)", peer, step, cli_hbox_error(hbox_nhx_last_error(&st)));
out:
	hbox_nhx_wipe(&st);
	return rc;
}

/* Initiator side of nhx; 0 with ch set, or fails the command. */
static void client_handshake(int fd, const uint8_t *pin, hbox_channel *ch, const char *peer,
                             int timeout_ms)
{
	static hbox_nhx st;
	uint8_t init[HBOX_NHX_INIT_BYTES], fin[HBOX_NHX_FIN_BYTES];
	char hex[65];
	int64_t deadline = cli_now_ms() + timeout_ms;
	int r;

	hbox_nhx_initiator_init(&st, pin, NULL);
	net_frame_reset(&frame);
	r = net_frame_read_by(fd, &frame, deadline);
	if (r != NET_FRAME_DONE)
		cli_fail("%s: no HELLO from the server: %s", peer, net_frame_error(r));
	if (hbox_nhx_read_hello(&st, frame.body, frame.len) != 0) {
		if (hbox_nhx_last_error(&st) == HBOX_EKEY && frame.len == HBOX_NHX_HELLO_BYTES) {
			cli_hex_encode(hex, frame.body + 1, 32);
			cli_fail("%s: the server's key %s is not the pinned key: refusing to talk", peer,
			         hex);
		}
		cli_fail("%s: bad HELLO (%s): not a hopebox chat server?", peer,
		         cli_hbox_error(hbox_nhx_last_error(&st)));
	}
	cli_hex_encode(hex, frame.body + 1, 32);
	cli_note("%s: server key %s%s", peer, hex, pin ? " (pinned)" : " (not pinned: use --pin to authenticate it)");
	if (hbox_nhx_write_init(&st, init) != 0)
		cli_fail("cannot write INIT: %s", cli_hbox_error(hbox_nhx_last_error(&st)));
	if (net_frame_write(fd, init, sizeof init) != 0)
		cli_fail("%s: cannot send INIT: %s", peer, strerror(errno));
	net_frame_reset(&frame);
	r = net_frame_read_by(fd, &frame, deadline);
	if (r != NET_FRAME_DONE)
		cli_fail("%s: no RESP from the server: %s", peer, net_frame_error(r));
	if (hbox_nhx_read_resp(&st, fin, ch, NULL, frame.body, frame.len) != 0)
		cli_fail("%s: bad RESP (%s)", peer, cli_hbox_error(hbox_nhx_last_error(&st)));
	if (net_frame_write(fd, fin, sizeof fin) != 0)
		cli_fail("%s: cannot send FIN: %s", peer, strerror(errno));
	hbox_nhx_wipe(&st);
}

static int chat_server(const struct chat_opts *o)
{
	struct net_addr a, from;
	char where[NET_ADDRSTRLEN], peer[NET_ADDRSTRLEN], hex[65];
	uint8_t sk[32], pk[32];
	struct cli_lines in;
	hbox_channel ch;
	unsigned long served = 0;
	int lfd;

	if (o->key) {
		keyfile_load(o->key, sk, pk);
		cli_hex_encode(hex, pk, 32);
		cli_note("server key %s (clients authenticate it with --pin %s)", hex, hex);
	} else {
		cli_note("no --key: a fresh key for every connection (clients cannot pin it)");
	}
	net_resolve(&a, "--listen", o->listen, 0, 1);
	lfd = net_tcp_listen(&a);
	if (lfd < 0)
		cli_fail("cannot listen on %s: %s", o->listen, strerror(errno));
	net_local_addr(&a, lfd);
	cli_note("listening on %s", net_addr_str(where, &a));
	cli_lines_init(&in, STDIN_FILENO);
	while (o->sessions == 0 || served < o->sessions) {
		int fd;

		memset(&from, 0, sizeof from);
		from.len = sizeof from.ss;
		fd = accept(lfd, (struct sockaddr *)&from.ss, &from.len);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			cli_fail("accept: %s", strerror(errno));
		}
		served++;
		net_addr_str(peer, &from);
		cli_note("%s: connected", peer);
		if (server_handshake(fd, o->key ? sk : NULL, &ch, peer, o->timeout_ms) == 0) {
			note_session(peer, &ch);
			(void)chat_session(fd, &ch, peer, &in, 0, o->timeout_ms);
		}
		hbox_channel_close(&ch);
		close(fd);
	}
	hbox_wipe(sk, sizeof sk);
	close(lfd);
	return 0;
}

static int chat_client(const struct chat_opts *o)
{
	struct net_addr a;
	char peer[NET_ADDRSTRLEN];
	uint8_t pin[32];
	struct cli_lines in;
	hbox_channel ch;
	int fd, rc;

	if (o->pin)
		cli_key32(pin, "--pin", o->pin);
	net_resolve(&a, "--connect", o->connect, 0, 0);
	net_addr_str(peer, &a);
	fd = net_tcp_connect(&a, o->timeout_ms);
	if (fd < 0)
		cli_fail("cannot connect to %s: %s", peer, strerror(errno));
	cli_note("%s: connected, handshake (nhx)", peer);
	client_handshake(fd, o->pin ? pin : NULL, &ch, peer, o->timeout_ms);
	note_session(peer, &ch);
	cli_lines_init(&in, STDIN_FILENO);
	rc = chat_session(fd, &ch, peer, &in, 1, o->timeout_ms);
	hbox_channel_close(&ch);
	close(fd);
	if (rc != 0)
		cli_fail("the chat did not end cleanly");
	return 0;
}

int cmd_chat(int argc, char **argv)
{
	struct chat_opts o;
	const char *sessions = NULL, *timeout = NULL;
	int i;

	memset(&o, 0, sizeof o);
	for (i = 0; i < argc; i++) {
		if (cli_opt(argc, argv, &i, "--listen", &o.listen) ||
		    cli_opt(argc, argv, &i, "--connect", &o.connect) ||
		    cli_opt(argc, argv, &i, "--key", &o.key) ||
		    cli_opt(argc, argv, &i, "--pin", &o.pin) ||
		    cli_opt(argc, argv, &i, "--sessions", &sessions) ||
		    cli_opt(argc, argv, &i, "--timeout", &timeout))
			continue;
		cli_unknown(argv[i]);
	}
	if ((o.listen == NULL) == (o.connect == NULL))
		cli_fail("give exactly one of --listen HOST:PORT or --connect HOST:PORT");
	if (o.listen && o.pin)
		cli_fail("--pin is for the client (--connect)");
	if (o.connect && (o.key || sessions))
		cli_fail("--key and --sessions are for the server (--listen)");
	o.sessions = sessions ? cli_parse_ulong("--sessions", sessions, 1, 1000000) : 0;
	o.timeout_ms = 1000 * (int)(timeout ? cli_parse_ulong("--timeout", timeout, 1, 86400)
	                                    : CHAT_TIMEOUT_S);
	return o.listen ? chat_server(&o) : chat_client(&o);
}
