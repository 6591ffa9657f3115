"""hopebox demo and eavesdrop-demo run to the end and show what they
claim; help and bad command lines behave."""
import re

from hbtest import check, need_program, one_error_line, report, run

need_program()

rc, out, err = run(["demo"])
text = out.decode()
check(rc == 0, "demo exits 0", err)
for step in ("HELLO, 33 bytes", "INIT, 1937 bytes", "RESP, 2113 bytes", "FIN, 33 bytes",
             "checks confirm('R'): OK", "checks confirm('I'): OK", "confirmed session id",
             "Bob reads: \"Hello Bob, this is Alice.\"", "Alice reads: \"Hi Alice!"):
    check(step in text, "demo shows: " + step, text)
parts = dict(((w, p), v) for w, p, v in
             re.findall(r"(Alice|Bob): +(NewHope key|chunk) +([0-9a-f]+)", text))
check(len(parts) == 4 and parts[("Alice", "NewHope key")] == parts[("Bob", "NewHope key")]
      and parts[("Alice", "chunk")] == parts[("Bob", "chunk")],
      "demo: Alice's and Bob's prekey halves are equal", text)

rc, out, err = run(["eavesdrop-demo"])
text = out.decode()
check(rc == 0 and "bug!" not in text, "eavesdrop-demo exits 0 and no attack succeeds", text + err)
for step in ("Oscar records: \"the key is victory\"",
             "Oscar tries to open it with his own key: fails",
             "different (every seal uses a fresh key)",
             "Oscar tries it with his key: authentication failed",
             "Bob: authentication failed", "Bob reads: \"meet at noon\"",
             "Bob: replayed or out-of-window record", "Alice reads: \"noon it is\""):
    check(step in text, "eavesdrop-demo shows: " + step, text)

rc, out, err = run(["help"])
check(rc == 0 and b"udp-server" in out and b"rendezvous" in out, "help lists the commands")
rc, out, err = run([])
check(rc == 2 and "usage" in err, "no command: usage on stderr, exit 2")
rc, out, err = run(["frobnicate"])
check(rc == 1 and one_error_line(err, "frobnicate") and len(err.splitlines()) == 1,
      "unknown command: one error line, exit 1", err)
rc, out, err = run(["chat", "--bogus"])
check(rc == 1 and one_error_line(err, "chat") and len(err.splitlines()) == 1,
      "unknown option: one error line, exit 1", err)
rc, out, err = run(["udp-client", "--connect", "127.0.0.1"])
check(rc == 1 and one_error_line(err, "udp-client") and "HOST:PORT" in err,
      "address without a port: one error line", err)
rc, out, err = run(["udp-client", "--connect", "127.0.0.1:9", "--loss", "2"])
check(rc == 1 and one_error_line(err, "udp-client") and "--loss" in err,
      "--loss out of range: one error line", err)
rc, out, err = run(["peer", "--rendezvous", "127.0.0.1:9", "--name", "a", "--meet", "a"])
check(rc == 1 and one_error_line(err, "peer"), "peer meeting itself: one error line", err)

report("test_demo")
