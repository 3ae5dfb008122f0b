/* SPDX-License-Identifier: MIT */
/*
 * The one pseudo-random generator of the randomised tests. Each test
 * starts it from a fixed, nonzero seed, so every run tests the same
 * inputs and a failure can be reproduced.
 */
#ifndef SMSK_TEST_HELPERS_RNG_H
#define SMSK_TEST_HELPERS_RNG_H

#include <stddef.h>
#include <stdint.h>

/* xorshift64* (Vigna), fixed seeds: every run tests the same inputs.
 * The seed must not be 0 (the state would stay 0). */
typedef struct test_rng {
    uint64_t s;
} test_rng;

static inline uint64_t rng_next(test_rng *r)
{
    uint64_t x = r->s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->s = x;
    return x * 0x2545F4914F6CDD1Dull;
}

/* Uniform enough below `n` (n > 0) for test input. */
static inline size_t rng_below(test_rng *r, size_t n)
{
    return (size_t)((rng_next(r) >> 11) % n);
}

static inline void rng_fill(test_rng *r, uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint64_t x = rng_next(r);
        for (unsigned k = 0; k < 8 && i < n; k++, i++) {
            p[i] = (uint8_t)x;
            x >>= 8;
        }
    }
}

#endif /* SMSK_TEST_HELPERS_RNG_H */
