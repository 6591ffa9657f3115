/*
 * net.c - POSIX socket helpers of the hopebox command (see net.h).
 */
#include "net.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/types.h>
#include <unistd.h>

void net_resolve(struct net_addr *a, const char *opt, const char *hostport, int udp, int passive)
{
	char host[256];
	const char *colon = strrchr(hostport, ':');
	const char *port;
	size_t hlen;
	struct addrinfo hints, *res = NULL;
	int rc;

	if (colon == NULL || colon[1] == '\0')
		cli_fail("%s: expected HOST:PORT, got '%s'", opt, hostport);
	port = colon + 1;
	hlen = (size_t)(colon - hostport);
	if (hlen >= 2 && hostport[0] == '[' && hostport[hlen - 1] == ']') {
		hostport++;
		hlen -= 2;
	}
	if (hlen == 0 || hlen >= sizeof host)
		cli_fail("%s: expected HOST:PORT, got '%s'", opt, hostport);
	memcpy(host, hostport, hlen);
	host[hlen] = '\0';
	(void)cli_parse_ulong(opt, port, 0, 65535);

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = udp ? SOCK_DGRAM : SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0);
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0 || res == NULL)
		cli_fail("%s: cannot resolve '%s': %s", opt, host, gai_strerror(rc));
	memset(a, 0, sizeof *a);
	memcpy(&a->ss, res->ai_addr, res->ai_addrlen);
	a->len = (socklen_t)res->ai_addrlen;
	freeaddrinfo(res);
}

char *net_addr_str(char out[NET_ADDRSTRLEN], const struct net_addr *a)
{
	char ip[INET6_ADDRSTRLEN];

	if (a->ss.ss_family == AF_INET) {
		const struct sockaddr_in *s = (const struct sockaddr_in *)(const void *)&a->ss;

		inet_ntop(AF_INET, &s->sin_addr, ip, sizeof ip);
		snprintf(out, NET_ADDRSTRLEN, "%s:%u", ip, (unsigned)ntohs(s->sin_port));
	} else if (a->ss.ss_family == AF_INET6) {
		const struct sockaddr_in6 *s = (const struct sockaddr_in6 *)(const void *)&a->ss;

		inet_ntop(AF_INET6, &s->sin6_addr, ip, sizeof ip);
		snprintf(out, NET_ADDRSTRLEN, "[%s]:%u", ip, (unsigned)ntohs(s->sin6_port));
	} else {
		snprintf(out, NET_ADDRSTRLEN, "(unknown address)");
	}
	return out;
}

int net_addr_eq(const struct net_addr *a, const struct net_addr *b)
{
	if (a->ss.ss_family != b->ss.ss_family)
		return 0;
	if (a->ss.ss_family == AF_INET) {
		const struct sockaddr_in *x = (const struct sockaddr_in *)(const void *)&a->ss;
		const struct sockaddr_in *y = (const struct sockaddr_in *)(const void *)&b->ss;

		return x->sin_port == y->sin_port &&
		       memcmp(&x->sin_addr, &y->sin_addr, sizeof x->sin_addr) == 0;
	}
	if (a->ss.ss_family == AF_INET6) {
		const struct sockaddr_in6 *x = (const struct sockaddr_in6 *)(const void *)&a->ss;
		const struct sockaddr_in6 *y = (const struct sockaddr_in6 *)(const void *)&b->ss;

		return x->sin6_port == y->sin6_port &&
		       memcmp(&x->sin6_addr, &y->sin6_addr, sizeof x->sin6_addr) == 0;
	}
	return 0;
}

int net_local_addr(struct net_addr *a, int fd)
{
	memset(a, 0, sizeof *a);
	a->len = sizeof a->ss;
	return getsockname(fd, (struct sockaddr *)&a->ss, &a->len);
}

static int new_socket(int family, int type)
{
	int fd = socket(family, type, 0);

	if (fd >= 0)
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

int net_udp_bind(const struct net_addr *a)
{
	int fd = new_socket(a->ss.ss_family, SOCK_DGRAM);

	if (fd < 0)
		return -1;
	if (bind(fd, (const struct sockaddr *)&a->ss, a->len) != 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int net_udp_connect(const struct net_addr *to)
{
	int fd = new_socket(to->ss.ss_family, SOCK_DGRAM);

	if (fd < 0)
		return -1;
	if (connect(fd, (const struct sockaddr *)&to->ss, to->len) != 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int net_tcp_listen(const struct net_addr *a)
{
	int fd = new_socket(a->ss.ss_family, SOCK_STREAM);
	int one = 1;

	if (fd < 0)
		return -1;
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (const struct sockaddr *)&a->ss, a->len) != 0 || listen(fd, 8) != 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int net_tcp_connect(const struct net_addr *a, int timeout_ms)
{
	int fd = new_socket(a->ss.ss_family, SOCK_STREAM);
	int flags, err = 0;
	socklen_t elen = sizeof err;
	struct pollfd p;

	if (fd < 0)
		return -1;
	flags = fcntl(fd, F_GETFL);
	(void)fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	if (connect(fd, (const struct sockaddr *)&a->ss, a->len) != 0) {
		if (errno != EINPROGRESS)
			goto fail;
		p.fd = fd;
		p.events = POLLOUT;
		p.revents = 0;
		if (poll(&p, 1, timeout_ms) != 1) {
			errno = ETIMEDOUT;
			goto fail;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0)
			goto fail;
		if (err != 0) {
			errno = err;
			goto fail;
		}
	}
	(void)fcntl(fd, F_SETFL, flags);
	return fd;
fail:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

int net_wait(int fd, int64_t deadline)
{
	struct pollfd p;
	int64_t left = deadline - cli_now_ms();
	int r;

	if (left < 0)
		left = 0;
	p.fd = fd;
	p.events = POLLIN;
	p.revents = 0;
	r = poll(&p, 1, (int)left);
	if (r < 0)
		return errno == EINTR ? 0 : -1;
	return r > 0;
}

int net_send_dgram(int fd, const struct net_addr *to, const uint8_t *buf, size_t len,
                   struct cli_loss *loss)
{
	ssize_t n;

	if (loss != NULL && cli_drop(loss))
		return 0;
	if (to != NULL)
		n = sendto(fd, buf, len, 0, (const struct sockaddr *)&to->ss, to->len);
	else
		n = send(fd, buf, len, 0);
	/* A refused datagram (ICMP port unreachable from an earlier send) is
	 * the network's business: retransmission copes with it. */
	if (n < 0 && errno != ECONNREFUSED)
		return -1;
	return 0;
}

ssize_t net_recv_dgram(int fd, struct net_addr *from, uint8_t *buf, size_t cap)
{
	struct net_addr tmp;
	struct net_addr *a = from != NULL ? from : &tmp;
	ssize_t n;

	memset(a, 0, sizeof *a);
	a->len = sizeof a->ss;
	do
		n = recvfrom(fd, buf, cap, 0, (struct sockaddr *)&a->ss, &a->len);
	while (n < 0 && errno == EINTR);
	return n;
}

void net_frame_reset(struct net_frame *f)
{
	f->hdr_have = 0;
	f->len = 0;
	f->have = 0;
}

int net_frame_read(int fd, struct net_frame *f)
{
	ssize_t n;

	if (f->hdr_have < HBOX_FRAME_HEADERBYTES) {
		do
			n = read(fd, f->hdr + f->hdr_have, HBOX_FRAME_HEADERBYTES - f->hdr_have);
		while (n < 0 && errno == EINTR);
		if (n < 0)
			return NET_FRAME_ERROR;
		if (n == 0)
			return f->hdr_have == 0 ? NET_FRAME_EOF : NET_FRAME_CUT;
		f->hdr_have += (size_t)n;
		if (f->hdr_have < HBOX_FRAME_HEADERBYTES)
			return NET_FRAME_MORE;
		if (hbox_frame_decode(&f->len, f->hdr) != 0)
			return NET_FRAME_BADLEN;
		return NET_FRAME_MORE;
	}
	do
		n = read(fd, f->body + f->have, f->len - f->have);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return NET_FRAME_ERROR;
	if (n == 0)
		return NET_FRAME_CUT;
	f->have += (size_t)n;
	return f->have == f->len ? NET_FRAME_DONE : NET_FRAME_MORE;
}

int net_frame_read_by(int fd, struct net_frame *f, int64_t deadline)
{
	for (;;) {
		int r = net_wait(fd, deadline);

		if (r < 0)
			return NET_FRAME_ERROR;
		if (r == 0) {
			if (cli_now_ms() >= deadline)
				return NET_FRAME_MORE;
			continue;
		}
		r = net_frame_read(fd, f);
		if (r != NET_FRAME_MORE)
			return r;
	}
}

int net_frame_write(int fd, const uint8_t *msg, size_t len)
{
	uint8_t hdr[HBOX_FRAME_HEADERBYTES];

	if (hbox_frame_encode(hdr, len) != 0) {
		errno = EMSGSIZE;
		return -1;
	}
	if (cli_write_all(fd, hdr, sizeof hdr) != 0 || cli_write_all(fd, msg, len) != 0)
		return -1;
	return 0;
}

const char *net_frame_error(int r)
{
	switch (r) {
	case NET_FRAME_MORE: return "timed out";
	case NET_FRAME_ERROR: return strerror(errno);
	case NET_FRAME_BADLEN: return "bad frame length (0 or above 65,561 bytes): not a hopebox peer";
	case NET_FRAME_EOF: return "connection closed";
	case NET_FRAME_CUT: return "connection closed in the middle of a message";
	default: return "unknown framing error";
	}
}
