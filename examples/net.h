/*
 * net.h - POSIX socket helpers of the hopebox command: addresses, UDP
 * and TCP sockets, waits bounded in time, and the stream framing of
 * PROTOCOLS.md "Transports" (4-byte big-endian length before every
 * message; 0 or more than 65,536 + 25 closes the connection).
 *
 * Functions that can fail return -1 with errno set (the caller words the
 * message), except net_resolve, which fails the command itself.
 */
#ifndef HOPEBOX_NET_H
#define HOPEBOX_NET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "cli.h"
#include "record.h"

struct net_addr {
	struct sockaddr_storage ss;
	socklen_t len;
};

/* Longest text form of an address: "[v6]:port". */
#define NET_ADDRSTRLEN 64

/*
 * Resolve "HOST:PORT" (or "[V6HOST]:PORT") for a UDP (udp = 1) or TCP
 * socket; passive = 1 for an address to bind. Fails the command with a
 * clear message (naming opt) when it cannot be resolved.
 */
void net_resolve(struct net_addr *a, const char *opt, const char *hostport, int udp, int passive);

/* "ip:port" text of a (into out, NET_ADDRSTRLEN bytes); returns out. */
char *net_addr_str(char out[NET_ADDRSTRLEN], const struct net_addr *a);
/* 1 when a and b are the same address and port. */
int net_addr_eq(const struct net_addr *a, const struct net_addr *b);
/* The local address a socket is bound to. */
int net_local_addr(struct net_addr *a, int fd);

/* A UDP socket bound to a. */
int net_udp_bind(const struct net_addr *a);
/* A UDP socket bound to the wildcard address of to's family, connected
 * to `to` (it then only receives from there). */
int net_udp_connect(const struct net_addr *to);
/* A TCP socket listening on a. */
int net_tcp_listen(const struct net_addr *a);
/* Connect to a within timeout_ms (ETIMEDOUT after it). */
int net_tcp_connect(const struct net_addr *a, int timeout_ms);

/*
 * Wait until fd is readable or deadline (cli_now_ms() time) has passed.
 * Returns 1 readable, 0 deadline reached (or EINTR), -1 error.
 */
int net_wait(int fd, int64_t deadline);

/*
 * Send one datagram (connected socket when to is NULL), unless loss (may
 * be NULL) says to drop it, in which case nothing is sent. Returns 0, or
 * -1 on a send error.
 */
int net_send_dgram(int fd, const struct net_addr *to, const uint8_t *buf, size_t len,
                   struct cli_loss *loss);
/* Receive one datagram (from may be NULL); returns its length or -1. */
ssize_t net_recv_dgram(int fd, struct net_addr *from, uint8_t *buf, size_t cap);

/* ---- stream framing ---- */
struct net_frame {
	uint8_t hdr[HBOX_FRAME_HEADERBYTES];
	size_t hdr_have;
	size_t len;   /* body length (valid once the header is complete) */
	size_t have;  /* body bytes read */
	uint8_t body[HBOX_FRAME_MAX];
};

#define NET_FRAME_DONE 1      /* body[0..len) is one complete message */
#define NET_FRAME_MORE 0      /* call again when readable */
#define NET_FRAME_ERROR (-1)  /* read error (errno) */
#define NET_FRAME_BADLEN (-2) /* length 0 or above HBOX_FRAME_MAX */
#define NET_FRAME_EOF (-3)    /* peer closed between frames */
#define NET_FRAME_CUT (-4)    /* peer closed inside a frame */

/* Start a new frame. */
void net_frame_reset(struct net_frame *f);
/* One read() towards the current frame (call when fd is readable). */
int net_frame_read(int fd, struct net_frame *f);
/*
 * Read one whole frame before deadline; returns NET_FRAME_DONE, one of the
 * negative codes, or NET_FRAME_MORE when the deadline passed.
 */
int net_frame_read_by(int fd, struct net_frame *f, int64_t deadline);
/* Send len bytes as one frame; returns 0 or -1. */
int net_frame_write(int fd, const uint8_t *msg, size_t len);
/* Words for a NET_FRAME_* result (for messages). */
const char *net_frame_error(int r);

#endif
