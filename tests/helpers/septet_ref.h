/* SPDX-License-Identifier: MIT */
/*
 * Test-side reference for septet packing, written from the picture in
 * TS 23.038 6.1.2.1.1 (and TS 23.040 9.2.3.24 for fill bits): septet k
 * occupies bits fill + 7k .. fill + 7k + 6 of the octet stream, bit 0
 * of the septet first, bit 0 of octet 0 being the least significant bit
 * of the first octet. Fill bits and unused high bits are zero. It is
 * independent of lib/septet.c on purpose, and slow.
 *
 * Also includes rng.h, the fixed-seed generator of the randomised tests.
 */
#ifndef SMSK_TEST_HELPERS_SEPTET_REF_H
#define SMSK_TEST_HELPERS_SEPTET_REF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "rng.h"

/* Octets that `n` septets take after `fill` fill bits. */
static inline size_t ref_packed_len(size_t n, unsigned fill)
{
    return n == 0 ? 0 : (fill + 7 * n + 7) / 8;
}

/* Pack `n` septets (bit 7 ignored) after `fill` zero bits into `dst`. */
static inline size_t ref_pack(
        uint8_t *dst, const uint8_t *septets, size_t n, unsigned fill)
{
    size_t len = ref_packed_len(n, fill);
    memset(dst, 0, len);
    for (size_t k = 0; k < n; k++) {
        for (unsigned j = 0; j < 7; j++) {
            if ((septets[k] >> j) & 1u) {
                size_t bit = fill + 7 * k + j;
                dst[bit / 8] = (uint8_t)(dst[bit / 8] | (1u << (bit % 8)));
            }
        }
    }
    return len;
}

/* Septet `k` of packed data with `fill` fill bits. */
static inline uint8_t ref_septet_at(const uint8_t *src, size_t k, unsigned fill)
{
    unsigned v = 0;
    for (unsigned j = 0; j < 7; j++) {
        size_t bit = fill + 7 * k + j;
        v |= (((unsigned)src[bit / 8] >> (bit % 8)) & 1u) << j;
    }
    return (uint8_t)v;
}

#endif /* SMSK_TEST_HELPERS_SEPTET_REF_H */
