"""hopebox rendezvous + two hopebox peers on 127.0.0.1: registration,
introduction, hole punching, nhx over UDP with retransmission (also at
20% loss), one message each way; a pinned responder key; a pin that does
not match; the rendezvous answers bad requests and keeps working."""
import re
import socket

from hbtest import Proc, check, need_program, one_error_line, path, report, run, session_ids

need_program()
rv = Proc(["rendezvous", "--listen", "127.0.0.1:0", "--timeout", "60"], name="rendezvous")
where = "127.0.0.1:%d" % rv.port()


def meet(a_args, b_args, label, a_rc=0, b_rc=0):
    a = Proc(["peer", "--rendezvous", where, "--name", "alice", "--meet", "bob",
              "--timeout", "15"] + a_args, name="alice")
    b = Proc(["peer", "--rendezvous", where, "--name", "bob", "--meet", "alice",
              "--timeout", "15"] + b_args, name="bob")
    ra, rb = a.finish(30), b.finish(30)
    ok = ra == a_rc and rb == b_rc
    check(ok, "%s: exit statuses %s/%s" % (label, ra, rb), a.logs() + b.logs())
    return a, b


# 1. plain meeting
a, b = meet([], ["--message", "hi alice, bob here"], "meeting")
check(a.out() == "hi alice, bob here\n" and b.out() == "hello from alice\n",
      "meeting: each peer prints the other's message", a.logs() + b.logs())
ia, ib = session_ids(a.err()), session_ids(b.err())
check(len(ia) == 1 and ia == ib, "meeting: both print the same nhx session id", a.err() + b.err())
check("initiator" in a.err() and "responder" in b.err(),
      "meeting: alice (sorts first) initiates, bob responds")
check(rv.wait_for(r"alice and bob introduced|bob and alice introduced") is not None,
      "the rendezvous introduced them", rv.err())
check(re.search(r"bob is at 127\.0\.0\.1:\d+", a.err()) is not None,
      "alice learned bob's address from the rendezvous", a.err())

# 2. 20% loss on both peers (fixed seeds): retransmission completes it
a, b = meet(["--loss", "0.2", "--seed", "11"], ["--loss", "0.2", "--seed", "12"], "20% loss")
check(a.out() == "hello from bob\n" and b.out() == "hello from alice\n",
      "20% loss: both messages arrive", a.logs() + b.logs())

# 3. bob's static key pinned by alice
key = path("bob.key")
rc, out, err = run(["keygen", "--out", key])
pk = out.decode().strip()
a, b = meet(["--pin", pk], ["--key", key], "pinned responder key")
check(a.out() == "hello from bob\n" and "HELLO received" in a.err(),
      "pinned: the exchange completes", a.logs())

# 4. a pin that does not match: alice refuses, bob times out; both one line, exit 1
a, b = meet(["--pin", "11" * 32], ["--key", key, "--timeout", "3"], "wrong pin", 1, 1)
check(one_error_line(a.err(), "peer") and "not the pinned key" in a.err(),
      "wrong pin: alice refuses with one line", a.err())
check(one_error_line(b.err(), "peer"), "wrong pin: bob gives up with one line", b.err())
check(a.out() == "" and b.out() == "", "wrong pin: no message was delivered")

# 5. a bad request gets an ERROR answer; the rendezvous goes on
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
s.sendto(b"HBRV1 REGISTER bad/name bob", ("127.0.0.1", int(where.split(":")[1])))
answer = s.recv(1000)
check(answer.startswith(b"HBRV1 ERROR"), "a bad name gets an ERROR answer", repr(answer))
s.sendto(b"HBRV1 REGISTER carol dave", ("127.0.0.1", int(where.split(":")[1])))
check(s.recv(1000) == b"HBRV1 WAIT dave", "a lone registration gets WAIT")
s.close()
a, b = meet([], [], "meeting again after bad requests")

# 6. nobody to meet: bounded, one line
rc, out, err = run(["peer", "--rendezvous", where, "--name", "erin", "--meet", "frank",
                    "--timeout", "1"], timeout=20)
check(rc == 1 and one_error_line(err, "peer") and "did not show up" in err,
      "nobody to meet: one error line after --timeout", err)

rv.stop()
report("test_rendezvous")
