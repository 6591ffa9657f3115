"""hopebox chat between two processes over TCP on 127.0.0.1: nhx, pinned
server key, lines both ways, clean close at end of input; a server that
meets garbage (not framed, a forged INIT, a tampered record through a man
in the middle, a client refusing its key) drops that peer with one line
and goes on serving."""
import os
import socket
import threading

from hbtest import (Proc, check, need_program, one_error_line, path, report, run,
                    session_ids)

need_program()


def recv_exact(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def recv_until_closed(s):
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return data, True
            data += chunk
    except ConnectionResetError:  # closed with our junk unread: a reset
        return data, True
    except socket.timeout:
        return data, False


class TcpTamperProxy:
    """Relays one TCP connection and flips one bit in the client's frame
    number `index` (0 = INIT, 1 = FIN, 2 = the first record)."""

    def __init__(self, server_port, index):
        self.lsock = socket.socket()
        self.lsock.bind(("127.0.0.1", 0))
        self.lsock.listen(1)
        self.lsock.settimeout(10)
        self.port = self.lsock.getsockname()[1]
        self.server_port, self.index = server_port, index
        threading.Thread(target=self._run, daemon=True).start()

    def _pipe(self, src, dst, tamper):
        n = 0
        try:
            while True:
                head = recv_exact(src, 4)
                if len(head) < 4:
                    break
                body = bytearray(recv_exact(src, int.from_bytes(head, "big")))
                if tamper and n == self.index:
                    body[-1] ^= 1
                n += 1
                dst.sendall(head + bytes(body))
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _run(self):
        c, _ = self.lsock.accept()
        u = socket.create_connection(("127.0.0.1", self.server_port), 5)
        threading.Thread(target=self._pipe, args=(u, c, False), daemon=True).start()
        self._pipe(c, u, True)


key, other = path("chat.key"), path("other.key")
rc, out, err = run(["keygen", "--out", key])
pk = out.decode().strip()
rc2, out, err2 = run(["keygen", "--out", other])
other_pk = out.decode().strip()
check(rc == 0 and rc2 == 0, "two key files", err + err2)

srv = Proc(["chat", "--listen", "127.0.0.1:0", "--key", key, "--sessions", "5", "--timeout", "10"],
           stdin=True, name="chat-server")
port = srv.port()

# 1. not a hopebox peer at all: the length prefix is nonsense
s = socket.create_connection(("127.0.0.1", port), 5)
s.settimeout(10)
hello = recv_exact(s, 4 + 33)
check(hello[:5] == b"\x00\x00\x00\x21\x10" and hello[5:].hex() == pk,
      "the server speaks first: a framed HELLO carrying its key")
s.sendall(b"GET / HTTP/1.0\r\n\r\n")
rest, closed = recv_until_closed(s)
s.close()
check(closed and rest == b"", "garbage: the server closes the connection")
check(srv.wait_for(r"dropped while waiting for INIT: bad frame length") is not None,
      "garbage: one clear line (bad frame length)", srv.err())

# 2. a well-framed INIT full of junk: the sealed chunk does not open
s = socket.create_connection(("127.0.0.1", port), 5)
s.settimeout(10)
recv_exact(s, 4 + 33)
# (a NewHope polynomial of zeros is well formed: only the seal can fail)
s.sendall((1937).to_bytes(4, "big") + b"\x11" + os.urandom(32) + bytes(1792) + os.urandom(32 + 80))
rest, closed = recv_until_closed(s)
s.close()
check(closed, "forged INIT: the server closes the connection")
check(srv.wait_for(r"dropped: bad INIT \(authentication failed\)") is not None,
      "forged INIT: one clear line", srv.err())

# 3. a real chat with the pinned key, lines both ways, clean close
cli = Proc(["chat", "--connect", "127.0.0.1:%d" % port, "--pin", pk, "--timeout", "10"],
           stdin=True, name="chat-client")
cli.send("hello from the client\n")
check(srv.wait_for(r"hello from the client\n", where="out") is not None,
      "the server prints the client's line", srv.logs() + cli.logs())
srv.send("hello from the server\n")
check(cli.wait_for(r"hello from the server\n", where="out") is not None,
      "the client prints the server's line", srv.logs() + cli.logs())
cli.send("second line\n")
check(srv.wait_for(r"second line\n", where="out") is not None, "a second line arrives")
cli.close_stdin()
rc = cli.finish(15)
check(rc == 0, "end of input: the client closes cleanly and exits 0", cli.logs())
check(srv.wait_for(r"chat closed") is not None, "the server reports the clean close", srv.err())
ids_c, ids_s = session_ids(cli.err()), session_ids(srv.err())
check(len(ids_c) == 1 and ids_c[0] in ids_s, "both sides print the same session id")
check(cli.out() == "hello from the server\n", "the client printed exactly the server's line",
      cli.out())

# 4. a man in the middle flips one bit of the first record
proxy = TcpTamperProxy(port, 2)
bad = Proc(["chat", "--connect", "127.0.0.1:%d" % proxy.port, "--pin", pk, "--timeout", "5"],
           stdin="tampered line\n", name="chat-tampered")
check(srv.wait_for(r"dropped: record rejected \(authentication failed\)") is not None,
      "tampered record: the server drops the connection with one line", srv.err())
rc = bad.finish(15)
check(rc == 1 and one_error_line(bad.err(), "chat"),
      "tampered record: the client reports the cut-short chat, exit 1", bad.logs())
check("tampered line" not in srv.out(), "the tampered line was never printed")

# 5. a client pinning another key refuses the server
rc, out, err = run(["chat", "--connect", "127.0.0.1:%d" % port, "--pin", other_pk,
                    "--timeout", "5"], stdin=b"never sent\n", timeout=20)
check(rc == 1 and one_error_line(err, "chat") and "not the pinned key" in err,
      "wrong --pin: one error line, exit 1", err)

rc = srv.finish(15)
check(rc == 0, "the server served 5 connections (--sessions 5) and exits 0", srv.logs())
check("never sent" not in srv.out(), "nothing from the refused session was printed")

# 6. a server without a key file (a fresh key per connection), client without a pin
srv2 = Proc(["chat", "--listen", "127.0.0.1:0", "--sessions", "1"], name="chat-server-nokey")
port2 = srv2.port()
rc, out, err = run(["chat", "--connect", "127.0.0.1:%d" % port2, "--timeout", "10"],
                   stdin=b"one line\nlast line without newline", timeout=20)
check(rc == 0 and "not pinned" in err, "unpinned chat: completes, warns that nothing is pinned", err)
check(srv2.finish(15) == 0 and srv2.out() == "one line\nlast line without newline\n",
      "unpinned chat: the server printed both lines", srv2.logs())

# 7. nobody listening: one line, exit 1, quickly
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
dead = probe.getsockname()[1]
probe.close()
rc, out, err = run(["chat", "--connect", "127.0.0.1:%d" % dead, "--timeout", "5"], timeout=20)
check(rc == 1 and one_error_line(err, "chat") and "cannot connect" in err,
      "no server: one error line, exit 1", err)

report("test_chat")
