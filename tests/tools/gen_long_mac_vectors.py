#!/usr/bin/python3
"""Expected values for the long-message known answers of Poly1305,
ChaCha20-Poly1305, XChaCha20-Poly1305 and secretbox (kat/suite_longmacs.c),
computed by libsodium through ctypes, and
for Poly1305 also by Python integers (RFC 8439 2.5 written out), so that no
hopebox code is involved.

The lengths straddle the SIMD thresholds (runs of 24 and 32 blocks), the
16-block kernel groups and the AEADs' first 448-byte batch. Inputs are
patterns: byte i of an n-byte input is (i * k + (i >> 8) + c) mod 256.
Run with Debian's /usr/bin/python3 and paste the output into the suite.
"""
import ctypes, hashlib

so = ctypes.CDLL("libsodium.so.23")
assert so.sodium_init() >= 0


def pat(n, k, c):
    return bytes((i * k + (i >> 8) + c) & 0xff for i in range(n))


def poly1305_int(key, msg):
    r = int.from_bytes(key[:16], "little") & 0x0ffffffc0ffffffc0ffffffc0fffffff
    s = int.from_bytes(key[16:], "little")
    p, h = (1 << 130) - 5, 0
    for i in range(0, len(msg), 16):
        blk = msg[i:i + 16]
        h = (h + int.from_bytes(blk + b"\x01", "little")) * r % p
    return ((h + s) & ((1 << 128) - 1)).to_bytes(16, "little")


def sodium_poly1305(key, msg):
    out = ctypes.create_string_buffer(16)
    so.crypto_onetimeauth_poly1305(out, msg, ctypes.c_ulonglong(len(msg)), key)
    return out.raw


def sodium_aead(fn, m, ad, nonce, key):
    c = ctypes.create_string_buffer(len(m) + 16)
    clen = ctypes.c_ulonglong(0)
    getattr(so, fn)(c, ctypes.byref(clen), m, ctypes.c_ulonglong(len(m)), ad,
                    ctypes.c_ulonglong(len(ad)), None, nonce, key)
    assert clen.value == len(m) + 16
    return c.raw  # ciphertext || tag


def sodium_secretbox(m, nonce, key):
    c = ctypes.create_string_buffer(len(m) + 16)
    so.crypto_secretbox_easy(c, m, ctypes.c_ulonglong(len(m)), nonce, key)
    return c.raw  # tag || ciphertext


POLY_LENS = [0, 15, 256, 383, 384, 400, 511, 512, 1000, 4096, 16383, 16384, 65541]
AEAD_LENS = [0, 63, 448, 449, 511, 512, 1000, 4096, 16387, 65553]

print("/* Poly1305: length, key pattern k, message pattern k, tag */")
for t, n in enumerate(POLY_LENS):
    kk, mk = 2 * t + 3, 4 * t + 1
    key, msg = pat(32, kk, t), pat(n, mk, 7 * t)
    if t % 4 == 3:  # r at its clamped maximum, s all ones, message all ones
        key, msg = b"\xff" * 32, b"\xff" * n
        kk = mk = 0
    tag = sodium_poly1305(key, msg)
    assert tag == poly1305_int(key, msg)
    print('\t{%d, %d, %d, "%s"},' % (n, kk, mk, tag.hex()))

for name, fn, nlen in (("ietf", "crypto_aead_chacha20poly1305_ietf_encrypt", 12),
                       ("xchacha", "crypto_aead_xchacha20poly1305_ietf_encrypt", 24)):
    print("/* %s: length, SHA-256(ciphertext || tag) */" % name)
    for t, n in enumerate(AEAD_LENS):
        key, nonce = pat(32, 5, t), pat(nlen, 3, 11 * t)
        ad, m = pat(t + 9, 7, 1), pat(n, 13, t)
        print('\t{%d, "%s"},' % (n, hashlib.sha256(sodium_aead(fn, m, ad, nonce, key)).hexdigest()))

print("/* secretbox: length, SHA-256(box) */")
for t, n in enumerate(AEAD_LENS):
    key, nonce, m = pat(32, 5, t), pat(24, 3, 11 * t), pat(n, 13, t)
    print('\t{%d, "%s"},' % (n, hashlib.sha256(sodium_secretbox(m, nonce, key)).hexdigest()))
