/*
 * hopebox.h - umbrella header: every public hopebox declaration.
 *
 * Conventions (see README.md): functions that can fail return 0 on success
 * and -1 on failure, and zero every output buffer when they fail; outputs
 * come first, then inputs; fixed sizes are HBOX_*_BYTES macros.
 */
#ifndef HOPEBOX_H
#define HOPEBOX_H

#include "ct.h"
#include "info.h"
#include "randombytes.h"

#include "sha256.h"
#include "hmac_sha256.h"
#include "hkdf_sha256.h"
#include "pbkdf2_sha256.h"
#include "sha3.h"
#include "blake2b.h"

#include "chacha20.h"
#include "salsa20.h"
#include "poly1305.h"
#include "aead.h"
#include "secretbox.h"

#include "x25519.h"
#include "box.h"

#include "newhope.h"

/* The handshakes and the channel (protocol/). Firmware that vendors only
 * primitives/ defines HOPEBOX_NO_PROTOCOL. */
#ifndef HOPEBOX_NO_PROTOCOL
#include "hopebox_protocol.h"
#endif

#endif
