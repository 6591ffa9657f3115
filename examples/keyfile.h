/*
 * keyfile.h - X25519 key files of the hopebox command.
 *
 * Format (text, exactly these four lines, lower-case hex):
 *   hopebox x25519 key v1
 *   public <64 hex: pk = X25519(sk, 9)>
 *   secret <64 hex: sk>
 *   check <32 hex: first 16 bytes of SHA-256("hopebox key v1" || sk || pk)>
 * A file that differs in any way, whose check does not match, or whose
 * public key is not the one of its secret key is corrupt.
 *
 * Writing is atomic: the new content goes to FILE.tmp.<pid> (created with
 * mode 0600, O_EXCL, fsync'd), the previous FILE (when it is a valid key
 * file) is kept as FILE.bak, then the temporary file is renamed over FILE;
 * FILE exists at every moment.
 *
 * Loading checks FILE; when it is missing or corrupt and FILE.bak is a
 * valid key file, the key of FILE.bak is used, the damaged FILE is kept as
 * FILE.corrupt and FILE is restored from FILE.bak (with a warning naming
 * the public key recovered: it is the key FILE held before the last
 * keygen).
 */
#ifndef HOPEBOX_KEYFILE_H
#define HOPEBOX_KEYFILE_H

#include <stdint.h>

/* Write a new key file for sk (keeping a valid previous FILE as FILE.bak).
 * Fails the command with a clear message on any error. */
void keyfile_write(const char *path, const uint8_t sk[32]);

/* Load FILE (recovering from FILE.bak as described above) into sk, pk.
 * Fails the command with a clear message when no valid key is found. */
void keyfile_load(const char *path, uint8_t sk[32], uint8_t pk[32]);

#endif
