"""Sealed boxes between `hopebox seal` / `hopebox open` and PyNaCl
(python3-nacl, i.e. libsodium's crypto_box_seal), both ways, at several
message sizes; a box for another key or a damaged box is refused by both."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
from hbtest import check, need_program, one_error_line, path, report, run  # noqa: E402

from nacl.exceptions import CryptoError  # noqa: E402
from nacl.public import PrivateKey, PublicKey, SealedBox  # noqa: E402

need_program()
sizes = (0, 1, 31, 32, 33, 1000, 65536, 100000)

# hopebox seals, PyNaCl opens
sk = PrivateKey.generate()
pkhex = bytes(sk.public_key).hex()
for n in sizes:
    msg = os.urandom(n)
    rc, sealed, err = run(["seal", "--to", pkhex], stdin=msg)
    try:
        opened = SealedBox(sk).decrypt(sealed)
    except CryptoError:
        opened = None
    check(rc == 0 and len(sealed) == n + 48 and opened == msg,
          "hopebox seal -> PyNaCl SealedBox.decrypt, %d bytes" % n, err)
rc, sealed, err = run(["seal", "--to", pkhex, "--hex"], stdin=b"hex output")
check(rc == 0 and SealedBox(sk).decrypt(bytes.fromhex(sealed.decode())) == b"hex output",
      "hopebox seal --hex -> PyNaCl", err)
try:
    SealedBox(PrivateKey.generate()).decrypt(sealed)
    other_ok = True
except CryptoError:
    other_ok = False
check(not other_ok, "PyNaCl refuses a hopebox box sealed to another key")

# PyNaCl seals, hopebox opens (a hopebox key file)
key = path("interop.key")
rc, out, err = run(["keygen", "--out", key])
pk = PublicKey(bytes.fromhex(out.decode().strip()))
for n in sizes:
    msg = os.urandom(n)
    sealed = SealedBox(pk).encrypt(msg)
    rc, opened, err = run(["open", "--key", key], stdin=sealed)
    check(rc == 0 and opened == msg, "PyNaCl SealedBox.encrypt -> hopebox open, %d bytes" % n, err)
sealed = SealedBox(pk).encrypt(b"via hex")
rc, opened, err = run(["open", "--key", key, "--hex"], stdin=sealed.hex().encode() + b"\n")
check(rc == 0 and opened == b"via hex", "PyNaCl -> hopebox open --hex", err)
for i in (0, 31, 32, 47, len(sealed) - 1):
    bad = bytearray(sealed)
    bad[i] ^= 0x80
    rc, opened, err = run(["open", "--key", key], stdin=bytes(bad))
    check(rc == 1 and opened == b"" and one_error_line(err, "open"),
          "hopebox refuses a PyNaCl box with byte %d damaged" % i, err)
rc, opened, err = run(["open", "--key", key], stdin=SealedBox(PrivateKey.generate().public_key)
                      .encrypt(b"not for you"))
check(rc == 1 and opened == b"", "hopebox refuses a PyNaCl box sealed to another key", err)

report("test_sealedbox_pynacl")
