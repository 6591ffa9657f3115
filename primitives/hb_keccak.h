/*
 * hb_keccak.h - private: the Keccak-f[1600] permutation and the sponge core
 * behind SHA3-256 and SHAKE (FIPS 202). Used by sha3.c and by NewHope's
 * gen_a.
 *
 * The sponge state is the public hbox_shake_ctx (sha3.h). Lanes are held as
 * uint64_t and bytes enter and leave them little-endian (FIPS 202 section
 * B.1 bit order), written with shifts so big-endian hosts agree.
 *
 * Life cycle: hb_keccak_init, hb_keccak_absorb*, hb_keccak_finish (padding,
 * once), hb_keccak_squeeze*. The callers enforce the order.
 */
#ifndef HB_KECCAK_H
#define HB_KECCAK_H

#include <stddef.h>
#include <stdint.h>

#include "sha3.h"

/* Domain-separation + first padding bit (FIPS 202 B.2), as the first pad byte. */
#define HB_KECCAK_PAD_SHA3 0x06u
#define HB_KECCAK_PAD_SHAKE 0x1Fu

/* Apply the 24-round Keccak-f[1600] permutation to the state in place. */
void hb_keccak_f1600(uint64_t lanes[25]);

/* Empty state with a rate of `rate` bytes (a multiple of 8, at most 192). */
void hb_keccak_init(hbox_shake_ctx *ctx, uint32_t rate);

/* Absorb in[0..len) (in may be NULL when len is 0). Requires !ctx->squeezing. */
void hb_keccak_absorb(hbox_shake_ctx *ctx, const uint8_t *in, size_t len);

/*
 * Pad with `pad` (HB_KECCAK_PAD_*) and the final 1 bit, permute, and switch to
 * squeezing. Requires !ctx->squeezing.
 */
void hb_keccak_finish(hbox_shake_ctx *ctx, uint8_t pad);

/* Next len bytes of output (out may be NULL when len is 0). Requires ctx->squeezing. */
void hb_keccak_squeeze(hbox_shake_ctx *ctx, uint8_t *out, size_t len);

/*
 * NewHope's entry: nblocks * 168 bytes of SHAKE-128 output into out, the same
 * bytes hbox_shake_squeeze would give (the first call applies the padding).
 * ctx must come from hbox_shake128_init + hbox_shake_absorb; nblocks * 168
 * must fit in a size_t. out may be NULL when nblocks is 0.
 */
void hb_shake128_squeezeblocks(hbox_shake_ctx *ctx, uint8_t *out, size_t nblocks);

#endif
