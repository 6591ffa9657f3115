#!/usr/bin/python3
"""Compute the expected values of hbox_selftest() with independent
implementations (Python's hashlib, OpenSSL via python3-cryptography,
libsodium via python3-nacl / ctypes) and print them as C initialisers.

Every self-test feeds a primitive fixed inputs (byte i of an n-byte input is
i*k mod 256 for a per-test k) and compares SHA-256 of its output with the
value printed here (SHA-256 itself is checked first, against "abc").
Run with Debian's /usr/bin/python3 (python3-nacl, python3-cryptography).
"""
import ctypes, hashlib, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives import hashes
import nacl.bindings as nb

so = ctypes.CDLL("libsodium.so.23")

def pat(n, k):
    return bytes((i * k) & 0xff for i in range(n))

def h(b):
    return hashlib.sha256(b).digest()

def sodium(fn, outlen, *args):
    out = ctypes.create_string_buffer(outlen)
    getattr(so, fn)(out, *args)
    return out.raw

key, nonce24, msg = pat(32, 3), pat(24, 5), pat(100, 7)
tests = []
tests.append(("sha256", hashlib.sha256(b"abc").digest()))
tests.append(("hmac_sha256", h(hmac.new(key, msg, "sha256").digest())))
tests.append(("hkdf_sha256", h(HKDF(hashes.SHA256(), 64, pat(13, 9), b"selftest").derive(pat(22, 11)))))
tests.append(("pbkdf2_sha256", h(hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 2, 40))))
tests.append(("sha3_256", h(hashlib.sha3_256(msg).digest())))
tests.append(("shake128", h(hashlib.shake_128(msg).digest(200))))
tests.append(("shake256", h(hashlib.shake_256(msg).digest(200))))
tests.append(("blake2b", h(hashlib.blake2b(msg, digest_size=64, key=pat(16, 13)).digest())))
# ChaCha20, IETF: OpenSSL's 16-byte IV = counter (4, LE) || nonce (12).
ietf = Cipher(algorithms.ChaCha20(key, (1).to_bytes(4, "little") + pat(12, 5)), None).encryptor()
tests.append(("chacha20_ietf", h(ietf.update(msg))))
# Original ChaCha20: words 12-13 = 64-bit counter, 14-15 = 8-byte nonce.
orig = Cipher(algorithms.ChaCha20(key, (7).to_bytes(8, "little") + pat(8, 5)), None).encryptor()
tests.append(("chacha20", h(orig.update(msg))))
tests.append(("hchacha20", h(sodium("crypto_core_hchacha20", 32, pat(16, 5), key, None))))
tests.append(("hsalsa20", h(sodium("crypto_core_hsalsa20", 32, pat(16, 5), key, None))))
tests.append(("xsalsa20", h(nb.crypto_stream_xsalsa20_xor(msg, nonce24, key)
                         if hasattr(nb, "crypto_stream_xsalsa20_xor")
                         else sodium("crypto_stream_xsalsa20_xor", len(msg), msg, ctypes.c_ulonglong(len(msg)), nonce24, key))))
tests.append(("poly1305", h(sodium("crypto_onetimeauth", 16, msg, ctypes.c_ulonglong(len(msg)), key))))
ad = pat(11, 17)
tests.append(("aead_chacha20poly1305", h(ChaCha20Poly1305(key).encrypt(pat(12, 5), msg, ad))))
tests.append(("aead_xchacha20poly1305", h(nb.crypto_aead_xchacha20poly1305_ietf_encrypt(msg, ad, nonce24, key))))
tests.append(("secretbox", h(nb.crypto_secretbox(msg, nonce24, key))))
ska, skb = pat(32, 19), pat(32, 23)
pkb = nb.crypto_scalarmult_base(skb)
tests.append(("x25519_base", h(nb.crypto_scalarmult_base(ska))))
tests.append(("x25519", h(nb.crypto_scalarmult(ska, pkb))))
tests.append(("box", h(nb.crypto_box(msg, nonce24, pkb, ska))))

for name, v in tests:
    body = ", ".join("0x%02x" % b for b in v)
    print("\t/* %s */\n\t{%s}," % (name, body))
# A sealed box of pat(16, 7) to pkb (random ephemeral key: an open-only check).
sealed = nb.crypto_box_seal(pat(16, 7), pkb)
print("/* box_seal_open input */")
print("\t" + ", ".join("0x%02x" % b for b in sealed))
