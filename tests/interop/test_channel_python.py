"""The channel protocol between the C library and an independent Python
implementation written from PROTOCOLS.md alone (hbchannel.py: OpenSSL's
X25519 / HKDF / ChaCha20-Poly1305 through python3-cryptography, libsodium's
XChaCha20-Poly1305 through python3-nacl, hashlib's SHA-256 for the
transcript), over UDP on 127.0.0.1, in the four modes (NN, NK, PSK,
NK + PSK):
  A. Python client  -> `hopebox udp-server`
  B. `hopebox udp-client` -> Python server
Both sides must agree on the session id SHA-256("id" || th), so the
transcript, the key schedule and the records all match the specification."""
import os
import socket
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "examples"))
sys.path.insert(0, HERE)
import hbchannel as hc  # noqa: E402
from hbtest import (Proc, check, flip, need_program, path, report, run,  # noqa: E402
                    session_ids)

need_program()
key = path("server.key")
rc, out, err = run(["keygen", "--out", key])
pk = bytes.fromhex(out.decode().strip())
psk = os.urandom(32)
MODES = (("NN", False, False), ("NK", True, False), ("PSK", False, True), ("NK + PSK", True, True))


def handshake(sock, client, tries=50):
    """The 100 ms / 50-try rule from PROTOCOLS.md; returns (channel, tries)."""
    sock.settimeout(0.1)
    for n in range(1, tries + 1):
        sock.send(client.connect())
        end = time.monotonic() + 0.1
        while time.monotonic() < end:
            try:
                d = sock.recv(70000)
            except socket.timeout:
                break
            try:
                return client.finish(d), n
            except hc.ProtocolError:
                continue
    return None, tries


def recv_record(sock, ch, timeout=2.0):
    sock.settimeout(timeout)
    try:
        return ch.open(sock.recv(70000))
    except (socket.timeout, hc.ProtocolError):
        return None


# ---------------------------------------------------------------- A
plain = Proc(["udp-server", "--listen", "127.0.0.1:0", "--key", key, "--timeout", "60"],
             name="udp-server")
withpsk = Proc(["udp-server", "--listen", "127.0.0.1:0", "--key", key, "--psk", psk.hex(),
                "--timeout", "60"], name="udp-server-psk")
for name, pinned, use_psk in MODES:
    server = withpsk if use_psk else plain
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.connect(("127.0.0.1", server.port()))
    client = hc.Client(pk if pinned else None, psk if use_psk else None)
    ch, tries = handshake(s, client)
    if not check(ch is not None, "A %s: Python client completes the handshake with hopebox "
                 "udp-server (%d tries)" % (name, tries), server.err()):
        continue
    check(server.wait_for(ch.session_id.hex()) is not None,
          "A %s: hopebox printed the session id Python computed" % name, server.err())
    ok = True
    for i, msg in enumerate((b"first record", b"", os.urandom(1000), b"x" * 4096)):
        s.send(ch.seal(msg))
        ok = ok and recv_record(s, ch) == msg
    check(ok, "A %s: records of 12, 0, 1000 and 4096 bytes echoed" % name)
    if name == "NN":
        # a repeated CONNECT gets the same ACCEPT, byte for byte
        s2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s2.connect(("127.0.0.1", plain.port()))
        s2.settimeout(2)
        c2 = hc.Client()
        s2.send(c2.connect())
        a1 = s2.recv(1000)
        s2.send(c2.connect())
        a2 = s2.recv(1000)
        check(a1 == a2 and len(a1) == 50, "A: a repeated CONNECT gets the same 50-byte ACCEPT")
        s2.close()
        # forged and replayed records are dropped, the channel goes on
        rec = ch.seal(b"genuine")
        s.send(flip(rec))
        s.send(rec)
        s.send(rec)
        got = [recv_record(s, ch, 5.0), recv_record(s, ch, 0.5)]
        check(got == [b"genuine", None], "A: one echo for a forged + genuine + replayed record")
        check(plain.wait_for(r"rejected: authentication failed") is not None and
              plain.wait_for(r"rejected: replayed") is not None,
              "A: hopebox reports the forged and the replayed record", plain.err())
        s.send(ch.seal(b"still alive"))
        check(recv_record(s, ch) == b"still alive", "A: the channel goes on")
    s.close()

# wrong PSK: hopebox stays silent (no oracle), and says why on its side
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.connect(("127.0.0.1", withpsk.port()))
ch, tries = handshake(s, hc.Client(None, os.urandom(32)), tries=3)
check(ch is None and withpsk.wait_for(r"CONNECT refused: authentication failed") is not None,
      "A: a Python client with another PSK gets no ACCEPT", withpsk.err())
s.close()
plain.stop()
withpsk.stop()


# ---------------------------------------------------------------- B
class PyServer:
    """Echo server on hbchannel.Server, one state per client address. The
    first CONNECT of each client is 'lost' (so hopebox must retransmit),
    and every echo is preceded by a forged copy."""

    def __init__(self, sk, psk):
        self.sk, self.psk = sk, psk
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.states, self.dropped, self.sessions, self.errors = {}, set(), [], []
        self.stop = False
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def loop(self):
        while not self.stop:
            try:
                d, addr = self.sock.recvfrom(70000)
            except socket.timeout:
                continue
            try:
                if d[0] == hc.CONNECT:
                    if addr not in self.dropped:
                        self.dropped.add(addr)
                        continue
                    st = self.states.setdefault(addr, hc.Server(self.sk, self.psk))
                    acc, ch = st.answer(d)
                    if ch.session_id not in self.sessions:
                        self.sessions.append(ch.session_id)
                    self.sock.sendto(acc, addr)
                elif d[0] == hc.RECORD and addr in self.states:
                    ch = self.states[addr].channel
                    echo = ch.seal(ch.open(d))
                    self.sock.sendto(flip(echo), addr)
                    self.sock.sendto(echo, addr)
            except hc.ProtocolError as e:
                self.errors.append(str(e))

    def close(self):
        self.stop = True
        self.thread.join(2)
        self.sock.close()


sk = hc.new_secret()
spk = hc.public_key(sk)
servers = {False: PyServer(sk, None), True: PyServer(sk, psk)}
lines = "hello python\n\nthird line from hopebox\n"
for name, pinned, use_psk in MODES:
    srv = servers[use_psk]
    args = ["udp-client", "--connect", "127.0.0.1:%d" % srv.port]
    if pinned:
        args += ["--pin", spk.hex()]
    if use_psk:
        args += ["--psk", psk.hex()]
    rc, out, err = run(args, stdin=lines.encode(), timeout=30)
    check(rc == 0 and out.decode() == lines,
          "B %s: hopebox udp-client completes with the Python server, every line echoed" % name,
          err + "\n" + "\n".join(srv.errors))
    ids = session_ids(err)
    check(len(ids) == 1 and bytes.fromhex(ids[0]) in srv.sessions,
          "B %s: hopebox printed the session id Python computed" % name, err)
    check("retry 2/50: CONNECT sent again" in err,
          "B %s: the lost first CONNECT was retransmitted" % name, err)
    check(err.count("rejected: authentication failed") >= 3,
          "B %s: every forged echo was rejected" % name, err)

# wrong pinned key: hopebox refuses the Python server's ACCEPT
rc, out, err = run(["udp-client", "--connect", "127.0.0.1:%d" % servers[False].port,
                    "--pin", os.urandom(32).hex()], stdin=b"x\n", timeout=30)
check(rc == 1 and "failed authentication" in err and out == b"",
      "B: hopebox pinning another key refuses the Python server", err)
for srv in servers.values():
    srv.close()

report("test_channel_python")
