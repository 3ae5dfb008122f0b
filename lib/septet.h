/* SPDX-License-Identifier: MIT */
/* Septet packing kernels, shared by the septet and GSM 7-bit code. */
#ifndef SMSK_SEPTET_H
#define SMSK_SEPTET_H

#include "internal.h"

typedef enum smsk__septet_impl {
    SMSK__SEPTET_REF = 0,  /* bit by bit, straight from TS 23.038 6.1.2.1.1 */
    SMSK__SEPTET_SWAR = 1, /* 64-bit shift-and-mask, any CPU */
    SMSK__SEPTET_BMI2 = 2,  /* 64-bit pext/pdep (x86-64 with fast BMI2) */
    SMSK__SEPTET_AVX512 = 3 /* 64 septets a step (AVX-512 VBMI), then BMI2 */
} smsk__septet_impl;

/* The kernel this CPU runs by default; the CPU checks run once, the
 * answer is cached. */
smsk__septet_impl smsk__septet_auto_impl(void);

/* 1 when `impl` can run on this CPU and build. */
int smsk__septet_impl_available(smsk__septet_impl impl);

/*
 * Pack `n` septets into `dst` from bit `bitpos` on (bit 0 is the low bit
 * of dst[0]). Bits below `bitpos` in its octet are kept; the high bits of
 * the last octet written are zeroed. Writes only octets
 * [bitpos/8, ceil((bitpos+7n)/8)), which must be below `dst_cap`.
 * Returns nonzero when a septet had its bit 7 set; the octets in that
 * range are then unspecified (the callers report an error).
 */
int smsk__septet_pack_at(smsk__septet_impl impl, uint8_t *dst,
        size_t dst_cap, size_t bitpos, const uint8_t *septets, size_t n);

/*
 * Unpack `n` septets from bit `bitpos` of `src`, one per byte of `dst`.
 * ceil((bitpos+7n)/8) must not exceed `src_len`.
 */
void smsk__septet_unpack_at(smsk__septet_impl impl, uint8_t *dst,
        const uint8_t *src, size_t src_len, size_t bitpos, size_t n);

/* One implementation's pack and unpack, with the contracts of
 * smsk__septet_pack_at and smsk__septet_unpack_at. */
typedef struct smsk__septet_kernels {
    int (*pack)(uint8_t *dst, size_t dst_cap, size_t bitpos,
            const uint8_t *septets, size_t n);
    void (*unpack)(uint8_t *dst, const uint8_t *src, size_t src_len,
            size_t bitpos, size_t n);
} smsk__septet_kernels;

/* The kernels of `impl` (one that smsk__septet_impl_available says runs). */
const smsk__septet_kernels *smsk__septet_kernels_of(smsk__septet_impl impl);

/* Octets that `bits` bits take. */
static inline size_t smsk__bits_octets(size_t bits)
{
    return bits / 8 + (bits % 8 != 0);
}

#define SMSK__CR 0x0Du

/* TS 23.038 6.1.2.3.1: does a CR have to follow these septets? */
static inline int smsk__cr_pad_needed(size_t n, unsigned fill, int last_is_cr)
{
    if (n == 0)
        return 0;
    unsigned spare = (unsigned)((8 - (fill + 7 * (n % 8)) % 8) % 8);
    return spare == 7 || (spare == 0 && last_is_cr);
}

/* TS 23.038 6.1.2.3.1: is the final CR of these septets fill to remove? */
static inline int smsk__cr_pad_present(size_t n, unsigned fill, int last_is_cr)
{
    return n > 0 && last_is_cr && (fill + 7 * (n % 8)) % 8 == 0;
}

#endif /* SMSK_SEPTET_H */
