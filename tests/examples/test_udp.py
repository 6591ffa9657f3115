"""hopebox udp-server / udp-client on 127.0.0.1: the channel in all four
modes, the 100 ms / 50-try rule at 30% loss, and a relay in the middle
that forges, replays and injects datagrams: each is rejected with one
line and the session goes on."""
import os
import re

from hbtest import (Proc, UdpProxy, check, flip, need_program, one_error_line, path, report,
                    run, session_ids)

need_program()
key = path("udp.key")
rc, out, err = run(["keygen", "--out", key])
pk = out.decode().strip()
psk = os.urandom(32).hex()
lines = "".join("line %d of the test\n" % i for i in range(5))


def client(port, extra, stdin=lines, timeout=30):
    return run(["udp-client", "--connect", "127.0.0.1:%d" % port] + extra,
               stdin=stdin.encode(), timeout=timeout)


# 1. the four modes against one server with a static key (NN, NK) and one with a PSK too
plain = Proc(["udp-server", "--listen", "127.0.0.1:0", "--key", key, "--timeout", "60"],
             name="udp-server")
withpsk = Proc(["udp-server", "--listen", "127.0.0.1:0", "--key", key, "--psk", psk,
                "--timeout", "60"], name="udp-server-psk")
p_plain, p_psk = plain.port(), withpsk.port()
for name, port, extra in (("NN", p_plain, []), ("NK", p_plain, ["--pin", pk]),
                          ("PSK", p_psk, ["--psk", psk]),
                          ("NK + PSK", p_psk, ["--psk", psk, "--pin", pk])):
    rc, out, err = client(port, extra)
    check(rc == 0 and out.decode() == lines, "%s: every line echoed, exit 0" % name, err)
    ids = session_ids(err)
    server = plain if port == p_plain else withpsk
    check(len(ids) == 1 and server.wait_for(ids[0]) is not None,
          "%s: client and server print the same session id" % name, err + server.err())
    check("CONNECT sent (%d bytes, %s" % (74 if "PSK" in name else 34,
                                          name if name != "NK" else "NK (pinned"),
          "%s: CONNECT of the specified size" % name, err)

# 2. at 30% loss both ways (fixed seeds), several runs: the retry rule completes
for seed in range(1, 6):
    lossy = Proc(["udp-server", "--listen", "127.0.0.1:0", "--psk", psk, "--loss", "0.3",
                  "--seed", str(100 + seed), "--timeout", "30"], name="udp-server-lossy")
    rc, out, err = client(lossy.port(), ["--psk", psk, "--loss", "0.3", "--seed", str(seed)])
    retries = len(re.findall(r"retry \d+/50", err))
    check(rc == 0 and out.decode() == lines,
          "30%% loss, seeds %d/%d: handshake and every echo complete (%d retries)"
          % (seed, 100 + seed, retries), err + lossy.err())
    lossy.stop()
    if seed == 1:
        first_err = err
check(True, "(retries are printed as progress: %s)" %
      (re.search(r"retry \d+/50: \w+", first_err).group(0) if "retry" in first_err else "none"))

# 3. wrong PSK / wrong pin: bounded failure, one line, exit 1
rc, out, err = client(p_psk, ["--psk", os.urandom(32).hex()], timeout=30)
check(rc == 1 and one_error_line(err, "udp-client") and "after 50 tries (5 s)" in err,
      "wrong --psk: the client gives up after 50 tries with one line", err)
check(withpsk.wait_for(r"CONNECT refused: authentication failed") is not None,
      "wrong --psk: the server refuses the CONNECT", withpsk.err())
rc, out, err = client(p_plain, ["--pin", os.urandom(32).hex()], timeout=30)
check(rc == 1 and one_error_line(err, "udp-client") and "failed authentication" in err,
      "wrong --pin: the ACCEPT fails authentication, one line, exit 1", err)
rc, out, err = client(p_psk, [], timeout=30)
check(rc == 1 and withpsk.wait_for(r"it asks for NN, this server offers PSK") is not None,
      "NN client, PSK server: refused with a clear line", withpsk.err())

# 4. a relay in the middle: forged and replayed records both ways, a
# repeated and a foreign CONNECT; everything still arrives
seen = {"connect": None, "records": 0}


def to_server(d):
    if d[0] == 0x21:
        seen["connect"] = d
        return [d, d]                       # a duplicated CONNECT
    if d[0] == 0x23:
        seen["records"] += 1
        return [flip(d), d, d]              # forged first, then genuine, then replayed
    return [d]


def to_client(d):
    if d[0] == 0x23:
        return [flip(d, 12), d, d]
    return [d]


proxy = UdpProxy(p_plain, to_server, to_client)
cli = Proc(["udp-client", "--connect", "127.0.0.1:%d" % proxy.port, "--pin", pk], stdin=True,
           name="udp-client-mitm")
cli.send("first through the relay\n")
check(cli.wait_for(r"first through the relay", where="out") is not None,
      "relay: the first line is echoed", cli.logs() + plain.err())
# the session is confirmed now: a new CONNECT from the same address must not kill it
proxy.inject(bytes([0x21, 0]) + os.urandom(32))
check(plain.wait_for(r"another CONNECT ignored: this address has a live session") is not None,
      "relay: a foreign CONNECT from the client's address is ignored", plain.err())
cli.send("second through the relay\nthird\n")
cli.close_stdin()
rc = cli.finish(30)
check(rc == 0 and cli.out() == "first through the relay\nsecond through the relay\nthird\n",
      "relay: every line echoed exactly once, exit 0", cli.logs())
serr = plain.err()
check(re.search(r"repeated CONNECT: the same ACCEPT sent again", serr) is not None,
      "relay: the duplicated CONNECT got the same ACCEPT", serr)
check(len(re.findall(r"record \d+ rejected: authentication failed", serr)) >= 3,
      "relay: the server rejected each forged record", serr)
check(len(re.findall(r"record \d+ rejected: replayed", serr)) >= 3,
      "relay: the server rejected each replayed record", serr)
cerr = cli.err()
# (the last echo's replay may come after the client has left)
check(len(re.findall(r"record \d+ rejected: authentication failed", cerr)) >= 3 and
      len(re.findall(r"record \d+ rejected: replayed", cerr)) >= 2,
      "relay: the client rejected the forged and replayed echoes", cerr)
check(plain.out().count("first through the relay") == 1,
      "relay: the server printed the line once (replays never open)", plain.out())
proxy.close()

# 5. junk to the server: one line each, the server keeps working
proxy2 = UdpProxy(p_plain)
proxy2.inject(b"\x99hello")
proxy2.inject(bytes([0x23]) + os.urandom(40))
check(plain.wait_for(r"unknown type 0x99") is not None and
      plain.wait_for(r"record from an unknown client dropped") is not None,
      "junk datagrams: dropped with one line each", plain.err())
rc, out, err = client(p_plain, [], stdin="still alive\n")
check(rc == 0 and out == b"still alive\n", "the server still serves new clients", err)
proxy2.close()

plain.stop()
withpsk.stop()
report("test_udp")
