"""A second, independent implementation of the hopebox channel protocol.

Written from ../shared/PROTOCOLS.md section 2 ("channel") and the common
notation alone, on peers no one here wrote: X25519, HKDF-SHA256, HMAC and
ChaCha20-Poly1305 from python3-cryptography (OpenSSL), XChaCha20-Poly1305
from python3-nacl (libsodium), SHA-256 from hashlib. Used by
test_channel_python.py against the C library's `hopebox udp-server` and
`hopebox udp-client`.

Specification points implemented (quoted or paraphrased from PROTOCOLS.md):
  CONNECT  I->R  0x21 || flags || key field        34 or 74 bytes
  ACCEPT   R->I  0x22 || flags || key field || confirm16   50 or 90 bytes
  flags bit0 = PSK, bit1 = the client pins the server's static key (NK)
  ikm = X25519(e_I, e_R) [|| X25519(e_I, s_R) when bit1] [|| psk when bit0]
  th  = SHA-256 that absorbs "hopebox/v1 channel", then CONNECT as sent,
        then ACCEPT up to (not including) confirm16
  KDF(ikm, label) = HKDF-SHA256(salt = th, ikm, info = "hopebox/v1 " || label),
        96 bytes = k_i2r || k_r2i || k_confirm; label "channel"
  confirm('R') = HMAC-SHA256(k_confirm, 'R' || th); confirm16 = first 16 bytes
  session_id = SHA-256("id" || th)
  PSK: key field = nonce (24) || XChaCha20-Poly1305(k_obf, key, ad = type || flags),
        k_obf = HKDF-SHA256(salt = "", ikm = psk, info = "hopebox/v1 obfs")
  record = 0x23 || counter (8, big-endian) || ciphertext || tag (16);
        nonce = 4 zero bytes || counter; AD = 0x23 || counter
"""
import hashlib
import hmac as std_hmac
import os

import nacl.bindings as sodium
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives import serialization

CONNECT, ACCEPT, RECORD = 0x21, 0x22, 0x23
FLAG_PSK, FLAG_PINNED = 0x01, 0x02
PROTOCOL_NAME = b"hopebox/v1 channel"


class ProtocolError(Exception):
    pass


def public_key(sk):
    return X25519PrivateKey.from_private_bytes(sk).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def new_secret():
    return X25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
        serialization.NoEncryption())


def dh(sk, pk):
    try:
        out = X25519PrivateKey.from_private_bytes(sk).exchange(X25519PublicKey.from_public_bytes(pk))
    except ValueError as e:  # OpenSSL refuses an all-zero result
        raise ProtocolError("small-order key") from e
    if out == bytes(32):
        raise ProtocolError("small-order key")
    return out


def hkdf(ikm, salt, info, length):
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


def kdf(th, ikm, label):
    okm = hkdf(ikm, th, b"hopebox/v1 " + label, 96)
    return okm[:32], okm[32:64], okm[64:]


def confirm(k_confirm, role, th):
    return std_hmac.new(k_confirm, role + th, hashlib.sha256).digest()


def obfs_key(psk):
    return hkdf(psk, b"", b"hopebox/v1 obfs", 32)


def hide(psk, typ, flags, key):
    nonce = os.urandom(24)
    ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(key, bytes([typ, flags]), nonce, obfs_key(psk))
    return nonce + ct


def unhide(psk, typ, flags, field):
    try:
        return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
            field[24:], bytes([typ, flags]), field[:24], obfs_key(psk))
    except Exception as e:
        raise ProtocolError("wrong PSK or forged key field") from e


def field_len(flags):
    return 72 if flags & FLAG_PSK else 32


class Channel:
    """Records in datagram mode (PROTOCOLS.md: a 2,048-packet window)."""
    WINDOW = 2048

    def __init__(self, k_send, k_recv, session_id):
        self.send = ChaCha20Poly1305(k_send)
        self.recv = ChaCha20Poly1305(k_recv)
        self.session_id = session_id
        self.send_next = 0
        self.top = -1
        self.seen = set()

    def seal(self, pt):
        head = bytes([RECORD]) + self.send_next.to_bytes(8, "big")
        nonce = bytes(4) + self.send_next.to_bytes(8, "big")
        self.send_next += 1
        return head + self.send.encrypt(nonce, pt, head)

    def open(self, rec):
        if len(rec) < 25 or rec[0] != RECORD:
            raise ProtocolError("not a record")
        head, counter = rec[:9], int.from_bytes(rec[1:9], "big")
        try:
            pt = self.recv.decrypt(bytes(4) + rec[1:9], rec[9:], head)
        except Exception as e:
            raise ProtocolError("forged record") from e
        if counter in self.seen or counter + self.WINDOW <= self.top:
            raise ProtocolError("replayed record")
        self.seen.add(counter)
        self.top = max(self.top, counter)
        self.seen = {c for c in self.seen if c + self.WINDOW > self.top}
        return pt


class Client:
    def __init__(self, server_pk=None, psk=None):
        self.server_pk, self.psk = server_pk, psk
        self.flags = (FLAG_PSK if psk else 0) | (FLAG_PINNED if server_pk else 0)
        self.e = new_secret()
        key = public_key(self.e)
        field = hide(psk, CONNECT, self.flags, key) if psk else key
        self.message = bytes([CONNECT, self.flags]) + field

    def connect(self):
        return self.message  # the same bytes on every retransmission

    def finish(self, accept):
        n = 2 + field_len(self.flags)
        if len(accept) != n + 16 or accept[0] != ACCEPT or accept[1] != self.flags:
            raise ProtocolError("malformed ACCEPT")
        field = accept[2:n]
        epk_r = unhide(self.psk, ACCEPT, self.flags, field) if self.psk else field
        ikm = dh(self.e, epk_r)
        if self.server_pk:
            ikm += dh(self.e, self.server_pk)
        if self.psk:
            ikm += self.psk
        th = hashlib.sha256(PROTOCOL_NAME + self.message + accept[:n]).digest()
        k_i2r, k_r2i, k_confirm = kdf(th, ikm, b"channel")
        if not std_hmac.compare_digest(confirm(k_confirm, b"R", th)[:16], accept[n:]):
            raise ProtocolError("ACCEPT does not authenticate")
        return Channel(k_i2r, k_r2i, hashlib.sha256(b"id" + th).digest())


class Server:
    """One instance per client address; answers a repeated CONNECT with
    the same ACCEPT."""

    def __init__(self, sk=None, psk=None):
        self.sk, self.psk = sk, psk
        self.connect = self.accept = self.channel = None

    def answer(self, connect):
        if self.connect is not None:
            if connect == self.connect:
                return self.accept, self.channel
            raise ProtocolError("another CONNECT for a live state")
        if len(connect) < 2 or connect[0] != CONNECT:
            raise ProtocolError("not a CONNECT")
        flags = connect[1]
        if flags & ~3 or len(connect) != 2 + field_len(flags):
            raise ProtocolError("malformed CONNECT")
        if bool(flags & FLAG_PSK) != bool(self.psk):
            raise ProtocolError("PSK mode mismatch")
        if flags & FLAG_PINNED and not self.sk:
            raise ProtocolError("no static key for NK")
        field = connect[2:]
        epk_i = unhide(self.psk, CONNECT, flags, field) if self.psk else field
        e = new_secret()
        key = public_key(e)
        out = bytes([ACCEPT, flags]) + (hide(self.psk, ACCEPT, flags, key) if self.psk else key)
        ikm = dh(e, epk_i)
        if flags & FLAG_PINNED:
            ikm += dh(self.sk, epk_i)
        if self.psk:
            ikm += self.psk
        th = hashlib.sha256(PROTOCOL_NAME + connect + out).digest()
        k_i2r, k_r2i, k_confirm = kdf(th, ikm, b"channel")
        self.connect = connect
        self.accept = out + confirm(k_confirm, b"R", th)[:16]
        self.channel = Channel(k_r2i, k_i2r, hashlib.sha256(b"id" + th).digest())
        return self.accept, self.channel
