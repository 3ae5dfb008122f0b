/* SPDX-License-Identifier: MIT */
/*
 * ASCII <-> GSM 7-bit default alphabet, 16 characters per step.
 *
 * How this works: in the default alphabet (TS 23.038 6.2.1) most of
 * printable ASCII sits at its own code: 0x20-0x23, 0x25-0x3F, 0x41-0x5A,
 * 0x61-0x7A, plus LF and CR. Three ASCII characters sit elsewhere, at one
 * septet each: '@' 0x00, '$' 0x02, '_' 0x11. Everything else (controls,
 * '[' '\' ']' '^' '`' '{' '|' '}' '~' DEL, and the septets 0x24, 0x40,
 * 0x5B-0x60, 0x7B-0x7F, which hold non-ASCII characters) leaves the fast
 * path for the table lookups of gsm7.c. A block is accepted whole or not
 * at all, so the caller continues at the first block with an exception.
 * SSE2 is part of every x86-64 CPU. Other CPUs return 0 and use the
 * table path (eight characters a step) only.
 *
 * With AVX-512, the fused paths check and convert 64 characters in mask
 * registers and pack or unpack them in the same step (simd512.h), with
 * no intermediate buffer.
 */
#include "ascii7.h"
#include "septet.h"
#include "simd512.h"

#if defined(__SSE2__)
#include <emmintrin.h>

#define SPLAT(c) _mm_set1_epi8((char)(c))

/* Bytes of v (all < 0x80) within [lo, hi]. */
static inline __m128i in_range(__m128i v, int lo, int hi)
{
    return _mm_and_si128(_mm_cmpgt_epi8(v, SPLAT(lo - 1)), _mm_cmplt_epi8(v, SPLAT(hi + 1)));
}

static inline __m128i eq(__m128i v, int c)
{
    return _mm_cmpeq_epi8(v, SPLAT(c));
}

/* Replace bytes equal to `from` by `to`. */
static inline __m128i remap(__m128i v, int from, int to)
{
    __m128i m = eq(v, from);
    return _mm_or_si128(_mm_andnot_si128(m, v), _mm_and_si128(m, SPLAT(to)));
}

size_t smsk__ascii7_encode_run(uint8_t *septets, const uint8_t *text, size_t n)
{
    size_t i = 0;
    for (; n - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
        /* signed compares: bytes >= 0x80 are negative and fail every range */
        __m128i ok = in_range(v, 0x20, 0x7A);
        ok = _mm_andnot_si128(in_range(v, 0x5B, 0x5E), ok); /* [ \ ] ^ */
        ok = _mm_andnot_si128(eq(v, 0x60), ok);             /* ` */
        ok = _mm_or_si128(ok, _mm_or_si128(eq(v, '\n'), eq(v, '\r')));
        if (_mm_movemask_epi8(ok) != 0xFFFF)
            break;
        v = remap(remap(remap(v, '@', 0x00), '$', 0x02), '_', 0x11);
        _mm_storeu_si128((__m128i *)(void *)(septets + i), v);
    }
    return i;
}

size_t smsk__ascii7_decode_run(uint8_t *text, const uint8_t *septets, size_t n)
{
    size_t i = 0;
    for (; n - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(septets + i));
        __m128i ok = _mm_or_si128(in_range(v, 0x20, 0x23), in_range(v, 0x25, 0x3F));
        ok = _mm_or_si128(ok, _mm_or_si128(in_range(v, 0x41, 0x5A), in_range(v, 0x61, 0x7A)));
        ok = _mm_or_si128(ok, _mm_or_si128(eq(v, '\n'), eq(v, '\r')));
        ok = _mm_or_si128(ok, _mm_or_si128(eq(v, 0x00), _mm_or_si128(eq(v, 0x02), eq(v, 0x11))));
        if (_mm_movemask_epi8(ok) != 0xFFFF)
            break;
        v = remap(remap(remap(v, 0x00, '@'), 0x02, '$'), 0x11, '_');
        _mm_storeu_si128((__m128i *)(void *)(text + i), v);
    }
    return i;
}

#else

size_t smsk__ascii7_encode_run(uint8_t *septets, const uint8_t *text, size_t n)
{
    (void)septets;
    (void)text;
    (void)n;
    return 0;
}

size_t smsk__ascii7_decode_run(uint8_t *text, const uint8_t *septets, size_t n)
{
    (void)text;
    (void)septets;
    (void)n;
    return 0;
}

#endif

#if SMSK__HAVE_AVX512

/* Lanes of `v` that are characters with a septet of their own. */
SMSK__AVX512_TARGET static inline __mmask64 ascii_one_to_one(__m512i v)
{
    __mmask64 printable = _mm512_cmple_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8(0x20)),
            _mm512_set1_epi8(0x7A - 0x20));
    __mmask64 ext = _mm512_cmple_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8(0x5B)),
            _mm512_set1_epi8(0x5E - 0x5B)); /* [ \ ] ^ */
    __mmask64 grave = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(0x60));
    __mmask64 lines = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'))
                      | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\r'));
    return (printable & ~ext & ~grave) | lines;
}

/* Septets of `v` that are ASCII characters of the default alphabet. */
SMSK__AVX512_TARGET static inline __mmask64 septet_one_to_one(__m512i v)
{
    __mmask64 printable = _mm512_cmple_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8(0x20)),
            _mm512_set1_epi8(0x7A - 0x20));
    __mmask64 other = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(0x24))
                      | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(0x40))
                      | _mm512_cmple_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8(0x5B)),
                              _mm512_set1_epi8(0x60 - 0x5B)); /* ÄÖÑÜ§¿ */
    __mmask64 moved = _mm512_cmpeq_epi8_mask(v, _mm512_setzero_si512())
                      | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(0x02))
                      | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(0x11));
    __mmask64 lines = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'))
                      | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\r'));
    return (printable & ~other) | moved | lines;
}

/* The septet of a character that passed ascii_one_to_one(). */
static inline unsigned ascii_septet(uint8_t c)
{
    return c == '@' ? 0x00u : c == '$' ? 0x02u : c == '_' ? 0x11u : c;
}

SMSK__AVX512_TARGET static inline __m512i remap512(__m512i v, int from, int to)
{
    return _mm512_mask_mov_epi8(v, _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8((char)from)),
            _mm512_set1_epi8((char)to));
}

SMSK__AVX512_TARGET static size_t pack_run512(uint8_t *dst, size_t dst_cap,
        const uint8_t *text, size_t len, unsigned fill)
{
    size_t i = 0, o = 0;
    uint64_t carry = 0;
    while (i < len) {
        size_t m = len - i < 64 ? len - i : 64;
        __mmask64 lanes = smsk__low_bytes(m);
        __m512i v = _mm512_maskz_loadu_epi8(lanes, text + i);
        size_t out = smsk__bits_octets(fill + 7 * m);
        if ((ascii_one_to_one(v) & lanes) != lanes || out > dst_cap - o)
            break;
        v = remap512(remap512(remap512(v, '@', 0x00), '$', 0x02), '_', 0x11);
        _mm512_mask_storeu_epi8(dst + o, smsk__low_bytes(out), smsk__pack_block(v, fill, carry));
        carry = fill ? (uint64_t)(ascii_septet(text[i + m - 1]) >> (7 - fill)) : 0;
        i += m;
        o += 56;
    }
    return i;
}

SMSK__AVX512_TARGET static size_t unpack_run512(uint8_t *text, size_t cap,
        const uint8_t *src, size_t src_len, unsigned fill, size_t n)
{
    size_t i = 0, o = 0;
    size_t end = smsk__bits_octets(fill + 7 * n);
    if (end > src_len)
        return 0;
    while (i < n) {
        size_t m = n - i < 64 ? n - i : 64;
        __mmask64 lanes = smsk__low_bytes(m);
        if (m > cap - i)
            break;
        size_t in = end - o < 57 ? end - o : 57;
        __m512i v = smsk__unpack_block(_mm512_maskz_loadu_epi8(smsk__low_bytes(in), src + o), fill);
        if ((septet_one_to_one(v) & lanes) != lanes)
            break;
        v = remap512(remap512(remap512(v, 0x00, '@'), 0x02, '$'), 0x11, '_');
        _mm512_mask_storeu_epi8(text + i, lanes, v);
        i += m;
        o += 56;
    }
    return i;
}

#endif

size_t smsk__ascii7_pack_run(uint8_t *dst, size_t dst_cap, const uint8_t *text,
        size_t len, unsigned fill)
{
#if SMSK__HAVE_AVX512
    if (smsk__avx512_usable())
        return pack_run512(dst, dst_cap, text, len, fill);
#endif
    (void)dst;
    (void)dst_cap;
    (void)text;
    (void)len;
    (void)fill;
    return 0;
}

size_t smsk__ascii7_unpack_run(uint8_t *text, size_t cap, const uint8_t *src,
        size_t src_len, unsigned fill, size_t n)
{
#if SMSK__HAVE_AVX512
    if (smsk__avx512_usable())
        return unpack_run512(text, cap, src, src_len, fill, n);
#endif
    (void)text;
    (void)cap;
    (void)src;
    (void)src_len;
    (void)fill;
    (void)n;
    return 0;
}
