"""hopebox keygen / pubkey / seal / open: key files written atomically with
mode 0600, the previous key kept as FILE.bak, corruption detected and
recovered from FILE.bak, clear one-line errors when nothing is left."""
import os
import stat

from hbtest import check, need_program, one_error_line, path, report, run

need_program()
key = path("server.key")

rc, out1, err = run(["keygen", "--out", key])
pk1 = out1.decode().strip()
check(rc == 0 and len(pk1) == 64, "keygen writes a key file and prints its public key", err)
check(stat.S_IMODE(os.stat(key).st_mode) == 0o600, "the key file has mode 0600")
rc, out, err = run(["pubkey", key])
check(rc == 0 and out.decode().strip() == pk1, "pubkey prints the same public key", err)
check(not os.path.exists(key + ".bak"), "no .bak after the first keygen")

rc, out2, err = run(["keygen", "--out", key])
pk2 = out2.decode().strip()
check(rc == 0 and pk2 != pk1, "a second keygen makes a new key", err)
rc, out, err = run(["pubkey", key + ".bak"])
check(rc == 0 and out.decode().strip() == pk1, "the previous key is kept as FILE.bak", err)
check(stat.S_IMODE(os.stat(key + ".bak").st_mode) == 0o600, "FILE.bak has mode 0600")
check(not [f for f in os.listdir(path("")) if ".tmp." in f], "no temporary file left behind")

# seal / open round trip with the key file
msg = os.urandom(1000)
rc, sealed, err = run(["seal", "--to", pk2], stdin=msg)
check(rc == 0 and len(sealed) == len(msg) + 48, "seal: output is 48 bytes longer", err)
rc, opened, err = run(["open", "--key", key], stdin=sealed)
check(rc == 0 and opened == msg, "open recovers the sealed message", err)
rc, hexsealed, err = run(["seal", "--to", pk2, "--hex"], stdin=b"hex mode")
rc2, opened, err2 = run(["open", "--key", key, "--hex"], stdin=hexsealed)
check(rc == 0 and rc2 == 0 and opened == b"hex mode", "seal --hex / open --hex", err + err2)
rc, out, err = run(["open", "--key", key + ".bak"], stdin=sealed)
check(rc == 1 and one_error_line(err, "open") and out == b"",
      "open with another key fails with one error line", err)
bad = bytearray(sealed)
bad[60] ^= 1
rc, out, err = run(["open", "--key", key], stdin=bytes(bad))
check(rc == 1 and one_error_line(err, "open") and out == b"", "a damaged sealed box is refused", err)
rc, out, err = run(["seal", "--to", "zz"], stdin=b"x")
check(rc == 1 and one_error_line(err, "seal"), "seal --to with a bad key: one error line", err)


def damage(p, offset):
    with open(p, "r+b") as f:
        f.seek(offset)
        c = f.read(1)
        f.seek(offset)
        f.write(b"0" if c != b"0" else b"1")


# one flipped hex digit of the secret, of the public key, of the check
for what, offset in (("secret key", 22 + 72 + 7 + 5), ("public key", 22 + 7 + 10),
                     ("checksum", 22 + 72 + 72 + 6 + 3)):
    run(["keygen", "--out", key])                     # FILE = new key, .bak = previous
    rc, out, _ = run(["pubkey", key + ".bak"])
    previous = out.decode().strip()
    damage(key, offset)
    rc, out, err = run(["pubkey", key])
    check(rc == 0 and out.decode().strip() == previous and "recovered the key from" in err,
          "damaged %s: detected, the key recovered from FILE.bak" % what, err)
    rc, out, err = run(["pubkey", key])
    check(rc == 0 and out.decode().strip() == previous and err == "",
          "damaged %s: FILE restored (loads without a warning)" % what, err)
    check(os.path.exists(key + ".corrupt"), "damaged %s: the damaged copy kept as FILE.corrupt" % what)
    check(stat.S_IMODE(os.stat(key).st_mode) == 0o600, "damaged %s: restored file has mode 0600" % what)

# truncated file (a crash of a non-atomic writer)
with open(key, "r+b") as f:
    f.truncate(100)
rc, out, err = run(["pubkey", key])
check(rc == 0 and "recovered" in err, "a truncated key file is recovered from FILE.bak", err)

# both damaged: a clear error, non-zero exit
damage(key, 22 + 72 + 7 + 1)
damage(key + ".bak", 22 + 72 + 7 + 1)
rc, out, err = run(["pubkey", key])
check(rc == 1 and out == b"" and one_error_line(err, "pubkey") and "cannot replace" in err,
      "FILE and FILE.bak damaged: one error line, exit 1", err)
# keygen refuses to overwrite something that is not a valid key file
with open(path("notes.txt"), "w") as f:
    f.write("my notes\n")
rc, out, err = run(["keygen", "--out", path("notes.txt")])
check(rc == 1 and one_error_line(err, "keygen") and open(path("notes.txt")).read() == "my notes\n",
      "keygen does not overwrite a file that is not a key file", err)
rc, out, err = run(["pubkey", path("missing.key")])
check(rc == 1 and one_error_line(err, "pubkey") and "hopebox keygen --out" in err,
      "a missing key file: one error line telling how to make one", err)
rc, out, err = run(["keygen"])
check(rc == 1 and one_error_line(err, "keygen"), "keygen without --out: one error line", err)

report("test_keyfile")
