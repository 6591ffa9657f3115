/*
 * hopebox_protocol.h - umbrella header for the handshakes and the channel
 * (PROTOCOLS.md): every public declaration of protocol/.
 *
 *   record.h     hbox_channel (records, replay window, stream framing) and
 *                the HBOX_E* error codes shared by every protocol
 *   channel.h    CONNECT / ACCEPT (X25519, optional pinned key and PSK)
 *   nhx.h        hybrid NewHope + X25519 with a sealed prekey chunk
 *   password.h   PBKDF2 password handshake
 *   static_hs.h  half, mutual and seal handshakes on static X25519 keys
 */
#ifndef HOPEBOX_PROTOCOL_H
#define HOPEBOX_PROTOCOL_H

#include "record.h"
#include "channel.h"
#include "nhx.h"
#include "password.h"
#include "static_hs.h"

#endif
