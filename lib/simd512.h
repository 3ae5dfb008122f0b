/* SPDX-License-Identifier: MIT */
/*
 * AVX-512 (F, BW, VBMI) building blocks for septet packing, shared by the
 * septet kernels (septet.c) and the fused ASCII paths (ascii7.c).
 *
 * A block is 64 septets, one per byte of a 512-bit register, and packs
 * into 56 octets (TS 23.038 6.1.2.1.1). Packing makes the seven octets
 * of every 64-bit lane with two vpmultishiftqb and a bit select, closes
 * the one-byte gaps between lanes with vpermb, then shifts the whole
 * block by the bit offset (0-6). Unpacking spreads 7 octets to
 * each lane (vpermb) and cuts eight septets out of it (vpmultishiftqb).
 */
#ifndef SMSK_SIMD512_H
#define SMSK_SIMD512_H

#include "internal.h"

/*
 * clang 14 cannot compile these functions under AddressSanitizer or
 * MemorySanitizer ("Cannot emit physreg copy instruction" for mask
 * registers): such builds use the BMI2 and SSE2 paths, which the tests
 * and fuzzers then exercise instead.
 */
#if defined(__clang__) && __clang_major__ < 15 && defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define SMSK__AVX512_BROKEN_COMPILER 1
#endif
#endif

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) \
    && !defined(SMSK__AVX512_BROKEN_COMPILER)
#define SMSK__HAVE_AVX512 1
#include <immintrin.h>

#define SMSK__AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi,bmi2")))

/* 1 when the CPU runs the AVX-512 paths. Every CPU with AVX-512 VBMI
 * (Ice Lake and later, Zen 4) also has AVX-512 BW and BMI2. */
static inline int smsk__avx512_usable(void)
{
    return __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512bw")
           && __builtin_cpu_supports("avx512vl");
}

#define SMSK__AVX512_VBMI2_TARGET \
    __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,bmi2")))

/* 1 when the CPU also has AVX-512 VBMI2 (byte compress, for UTF-8 output). */
static inline int smsk__avx512_vbmi2_usable(void)
{
    return smsk__avx512_usable() && __builtin_cpu_supports("avx512vbmi2");
}

/* Mask of the low `n` bytes (all 64 when n >= 64): one bzhi, which
 * leaves every bit set for an index of 64 (but reads only 8 bits of it,
 * hence the clamp). */
SMSK__AVX512_TARGET static inline __mmask64 smsk__low_bytes(size_t n)
{
    return (__mmask64)_bzhi_u64(~0ull, (unsigned)(n < 64 ? n : 64));
}

/*
 * Pack the septets in the bytes of `x` (bit 7 ignored; unused lanes must
 * be zero) into octets shifted left by `b` (0-6) bits, with `carry` (the
 * b bits already in the first octet) merged in. Octet 56 holds the top
 * b bits of the block when b > 0, and octets 57-63 are zero; when b == 0
 * (no carry then) octets 56-63 are unspecified, for callers to drop or
 * write over.
 *
 * Octet j (0-6) of a lane of eight septets is s[j] >> j in its low 7 - j
 * bits and s[j + 1] << (7 - j) above. Reading the lane as one 64-bit word
 * (s[k] at bit 8k), the first part is the 8 bits from bit 9j and the
 * second the 8 bits from bit 9j + 1, so two vpmultishiftqb and one bit
 * select make all seven octets, and bit 7 of a septet is never used.
 */
SMSK__AVX512_TARGET static inline __m512i smsk__pack_block(__m512i x,
        unsigned b, uint64_t carry)
{
    const __m512i gather = _mm512_set_epi8(
            0, 0, 0, 0, 0, 0, 0, 0, 62, 61, 60, 59, 58, 57, 56, 54,
            53, 52, 51, 50, 49, 48, 46, 45, 44, 43, 42, 41, 40, 38, 37, 36,
            35, 34, 33, 32, 30, 29, 28, 27, 26, 25, 24, 22, 21, 20, 19, 18,
            17, 16, 14, 13, 12, 11, 10, 9, 8, 6, 5, 4, 3, 2, 1, 0);
    const __m512i low_from = _mm512_set1_epi64(0x3F362D241B120900ll);  /* 9j */
    const __m512i high_from = _mm512_set1_epi64(0x00372E251C130A01ll); /* 9j + 1 */
    const __m512i low_bits = _mm512_set1_epi64(0x000103070F1F3F7Fll);  /* 7 - j bits */
    __m512i lo = _mm512_multishift_epi64_epi8(low_from, x);
    __m512i hi = _mm512_multishift_epi64_epi8(high_from, x);
    x = _mm512_ternarylogic_epi64(low_bits, lo, hi, 0xCA); /* low_bits ? lo : hi */
    if (b == 0) /* octets 56-63 are never stored */
        return _mm512_permutexvar_epi8(gather, x);
    __m512i y = _mm512_maskz_permutexvar_epi8(smsk__low_bytes(56), gather, x);
    __m512i prev = _mm512_alignr_epi64(y, _mm512_setzero_si512(), 7);
    y = _mm512_or_si512(_mm512_sll_epi64(y, _mm_cvtsi32_si128((int)b)),
            _mm512_srl_epi64(prev, _mm_cvtsi32_si128((int)(64 - b))));
    if (carry)
        y = _mm512_or_si512(y, _mm512_zextsi128_si512(_mm_cvtsi64_si128((long long)carry)));
    return y;
}

/* 1 when a byte of `x` has bit 7 set. */
SMSK__AVX512_TARGET static inline int smsk__any_high_bit(__m512i x)
{
    return _mm512_movepi8_mask(x) != 0;
}

/*
 * Unpack 64 septets from the octets in `v` (octet 0 first), which start
 * `b` (0-6) bits into octet 0; octet 56 must be present when b > 0.
 */
SMSK__AVX512_TARGET static inline __m512i smsk__unpack_block(__m512i v,
        unsigned b)
{
    const __m512i spread = _mm512_set_epi8(
            55, 55, 54, 53, 52, 51, 50, 49, 48, 48, 47, 46, 45, 44, 43, 42,
            41, 41, 40, 39, 38, 37, 36, 35, 34, 34, 33, 32, 31, 30, 29, 28,
            27, 27, 26, 25, 24, 23, 22, 21, 20, 20, 19, 18, 17, 16, 15, 14,
            13, 13, 12, 11, 10, 9, 8, 7, 6, 6, 5, 4, 3, 2, 1, 0);
    const __m512i cuts = _mm512_set1_epi64(0x312A231C150E0700ll); /* 49, 42, ..., 7, 0 */
    if (b) {
        __m512i next = _mm512_alignr_epi64(_mm512_setzero_si512(), v, 1);
        v = _mm512_or_si512(_mm512_srl_epi64(v, _mm_cvtsi32_si128((int)b)),
                _mm512_sll_epi64(next, _mm_cvtsi32_si128((int)(64 - b))));
    }
    __m512i w = _mm512_permutexvar_epi8(spread, v);
    return _mm512_and_si512(_mm512_multishift_epi64_epi8(cuts, w), _mm512_set1_epi8(0x7F));
}

#else
#define SMSK__HAVE_AVX512 0
static inline int smsk__avx512_usable(void)
{
    return 0;
}
static inline int smsk__avx512_vbmi2_usable(void)
{
    return 0;
}
#endif

#endif /* SMSK_SIMD512_H */
