/* SPDX-License-Identifier: MIT */
/*
 * UCS-2 user data, read as UTF-16BE (TS 23.038 clause 4 names UCS-2;
 * TS 23.040 9.2.3.24 notes and every current handset carry characters
 * beyond U+FFFF as surrogate pairs, so decoders must accept them).
 *
 * How this works:
 *  - Encoding walks the strict UTF-8 decoder. With AVX-512 VBMI2, text
 *    of one- and two-byte forms goes 64 bytes a step: each byte's unit
 *    is worked out in 16-bit lanes, and vpcompressw keeps those at the
 *    start of a character; a block ends before anything else, which the
 *    decoder takes. Elsewhere ASCII runs widen 16 bytes a step.
 *  - Decoding takes 32 units a step with AVX-512 VBMI2 while they are below
 *    U+0800 (Latin, Greek, Cyrillic, Arabic, Hebrew ...): each unit becomes
 *    its one or two UTF-8 bytes in a 16-bit lane, and vpcompressb drops
 *    the second byte of the one-byte forms.
 *  - Decoding pairs a high surrogate with the low surrogate after it; an
 *    unpaired one is an error (or U+FFFD when asked), never a silent
 *    drop, so a segment cut inside a pair is visible.
 */
#include "internal.h"
#include "simd512.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "utf8.h"

static int is_high(uint32_t u)
{
    return u >= 0xD800 && u <= 0xDBFF;
}

static int is_low(uint32_t u)
{
    return u >= 0xDC00 && u <= 0xDFFF;
}

/* Octets the UTF-16 form of `cp` takes. */
static size_t utf16_octets(uint32_t cp)
{
    return cp >= 0x10000 ? 4 : 2;
}

static void put_unit(uint8_t *d, uint32_t u)
{
    d[0] = (uint8_t)(u >> 8);
    d[1] = (uint8_t)u;
}

/* ASCII, 16 characters a step (SSE2), each widened to a big-endian unit;
 * returns the characters done. */
static size_t ascii_run(uint8_t *d, size_t cap, const uint8_t *s, size_t len)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    for (; len - i >= 16 && cap - 2 * i >= 32; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned high = (unsigned)_mm_movemask_epi8(v);
        if (high != 0) {
            /* the ASCII before the first other byte, one at a time: a
             * vector store here could pass the end of the output */
            for (unsigned k = (unsigned)__builtin_ctz(high); k > 0; k--, i++) {
                d[2 * i] = 0;
                d[2 * i + 1] = s[i];
            }
            return i;
        }
        _mm_storeu_si128((__m128i *)(void *)(d + 2 * i), _mm_unpacklo_epi8(zero, v));
        _mm_storeu_si128((__m128i *)(void *)(d + 2 * i + 16), _mm_unpackhi_epi8(zero, v));
    }
#else
    (void)d;
    (void)cap;
    (void)s;
    (void)len;
#endif
    return i;
}

#if SMSK__HAVE_AVX512
/* The byte permute that swaps the two bytes of every 16-bit unit: UTF-16
 * units to and from big-endian. */
SMSK__AVX512_TARGET static inline __m512i byte_swap_units(void)
{
    return _mm512_set_epi8(
            62, 63, 60, 61, 58, 59, 56, 57, 54, 55, 52, 53, 50, 51, 48, 49,
            46, 47, 44, 45, 42, 43, 40, 41, 38, 39, 36, 37, 34, 35, 32, 33,
            30, 31, 28, 29, 26, 27, 24, 25, 22, 23, 20, 21, 18, 19, 16, 17,
            14, 15, 12, 13, 10, 11, 8, 9, 6, 7, 4, 5, 2, 3, 0, 1);
}
#endif

#if SMSK__HAVE_AVX512
/*
 * UTF-8 of one- and two-byte forms (below U+0800) to big-endian units, up
 * to 64 bytes a step with AVX-512 VBMI2. Every byte's word is worked out
 * in two 32-lane halves (a two-byte form from its lead and the byte after
 * it), then vpcompressw keeps the words at the start of a character.
 * Stops before a three- or four-byte form, and at a block with anything
 * ill-formed, which the scalar path then takes; returns the bytes of `s`
 * done and adds the octets written to `*o`.
 */
SMSK__AVX512_VBMI2_TARGET static size_t encode_blocks512(uint8_t *d,
        size_t cap, size_t *o, const uint8_t *s, size_t len)
{
    const __m512i next = _mm512_set_epi8(
            63, 63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49,
            48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33,
            32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17,
            16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
    const __m512i to_be = byte_swap_units();
    size_t i = 0, out = *o;
    while (i < len) {
        size_t m = len - i < 64 ? len - i : 64;
        __mmask64 lanes = smsk__low_bytes(m);
        __m512i v = m == 64 ? _mm512_loadu_si512((const void *)(s + i))
                            : _mm512_maskz_loadu_epi8(lanes, s + i);
        __mmask64 lead2 = _mm512_cmpge_epu8_mask(v, _mm512_set1_epi8((char)0xC0));
        __mmask64 cont = _mm512_cmpeq_epi8_mask(_mm512_and_si512(v, _mm512_set1_epi8((char)0xC0)),
                _mm512_set1_epi8((char)0x80));
        /* three- and four-byte forms, and the overlong leads C0 and C1:
         * the block ends before the first of them, for the scalar path */
        __mmask64 other = (_mm512_cmpge_epu8_mask(v, _mm512_set1_epi8((char)0xE0))
                | _mm512_mask_cmplt_epu8_mask(lead2, v, _mm512_set1_epi8((char)0xC2))) & lanes;
        if (other)
            m = (size_t)__builtin_ctzll(other);
        /* a lead whose continuation is past the block (in the next one, or
         * nowhere: the scalar path says so) waits too */
        if (m > 0 && (lead2 >> (m - 1) & 1))
            m--;
        if (m == 0)
            break;
        lanes = smsk__low_bytes(m);
        lead2 &= lanes;
        cont &= lanes;
        /* every continuation right after a lead, nothing else */
        if (cont != lead2 << 1)
            break;
        __m512i after = _mm512_permutexvar_epi8(next, v);
        __mmask64 starts = ~cont & lanes;
        size_t n = 0;
        for (unsigned half = 0; half < 2 && 32 * half < m; half++) {
            __m512i b = _mm512_cvtepu8_epi16(half ? _mm512_extracti64x4_epi64(v, 1)
                                                  : _mm512_castsi512_si256(v));
            __m512i c = _mm512_cvtepu8_epi16(half ? _mm512_extracti64x4_epi64(after, 1)
                                                  : _mm512_castsi512_si256(after));
            __m512i two = _mm512_or_si512(_mm512_slli_epi16(_mm512_and_si512(b, _mm512_set1_epi16(0x1F)), 6),
                    _mm512_and_si512(c, _mm512_set1_epi16(0x3F)));
            __m512i unit = _mm512_mask_blend_epi16((__mmask32)(lead2 >> (32 * half)), b, two);
            __mmask32 keep = (__mmask32)(starts >> (32 * half));
            size_t k = (size_t)__builtin_popcount((unsigned)keep);
            __m512i be = _mm512_shuffle_epi8(_mm512_maskz_compress_epi16(keep, unit), to_be);
            if (cap - out - n < 2 * k)
                goto stop; /* the scalar path counts the room needed */
            if (cap - out - n >= 64)
                _mm512_storeu_si512((void *)(d + out + n), be);
            else
                _mm512_mask_storeu_epi8(d + out + n, smsk__low_bytes(2 * k), be);
            n += 2 * k;
        }
        out += n;
        i += m;
    }
stop:
    *o = out;
    return i;
}
#endif

/* The characters the vector paths convert at `s`; adds the octets written
 * to `*o`. */
static size_t encode_run(uint8_t *d, size_t cap, size_t *o, const uint8_t *s,
        size_t len)
{
#if SMSK__HAVE_AVX512
    if (smsk__avx512_vbmi2_usable())
        return encode_blocks512(d, cap, o, s, len);
#endif
    if (len == 0 || s[0] >= 0x80)
        return 0;
    size_t k = ascii_run(d + *o, cap - *o, s, len);
    *o += 2 * k;
    return k;
}

smsk_status smsk_ucs2_encode(uint8_t *dst, size_t dst_cap, size_t *dst_len,
        const char *text, size_t text_len, smsk_diag *diag)
{
    if (dst_len == NULL || !SMSK_BUF_OK(dst, dst_cap) || !SMSK_BUF_OK(text, text_len))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer");
    const uint8_t *s = (const uint8_t *)text;
    size_t i = 0, o = 0;
    int room = 1;
    *dst_len = 0;
    while (i < text_len) {
        /* the vector paths stop before a three- or four-byte form, which
         * goes the scalar way; so does text made of them (CJK, Indic) */
        if (room && s[i] < 0xE0) {
            i += encode_run(dst, dst_cap, &o, s + i, text_len - i);
            if (i >= text_len)
                break;
        }
        if (room && dst_cap - o >= 2) {
            /* one and two byte forms (Latin, Greek, Cyrillic, Arabic,
             * Hebrew ...) without the general decoder */
            uint8_t b0 = s[i];
            if (b0 < 0x80) {
                put_unit(dst + o, b0);
                o += 2;
                i++;
                continue;
            }
            if (b0 >= 0xC2 && b0 <= 0xDF && text_len - i >= 2 && (s[i + 1] & 0xC0) == 0x80) {
                put_unit(dst + o, (uint32_t)(b0 & 0x1F) << 6 | (s[i + 1] & 0x3Fu));
                o += 2;
                i += 2;
                continue;
            }
        }
        const char *why = NULL;
        size_t at = i;
        uint32_t cp = smsk__utf8_next(s, text_len, &i, &why);
        if (cp == SMSK__UTF8_BAD)
            return smsk__fail(diag, SMSK_E_UTF8, at, SMSK_NO_CODEPOINT, why);
        size_t k = utf16_octets(cp);
        room = room && dst_cap - o >= k;
        if (room) {
            if (k == 4) {
                uint32_t v = cp - 0x10000;
                put_unit(dst + o, 0xD800 | (v >> 10));
                put_unit(dst + o + 2, 0xDC00 | (v & 0x3FF));
            } else {
                put_unit(dst + o, cp);
            }
        }
        o += k;
    }
    if (!room) {
        *dst_len = o;
        return smsk__fail(diag, SMSK_E_NOSPACE, text_len, SMSK_NO_CODEPOINT, "destination too small");
    }
    *dst_len = o;
    return SMSK_OK;
}

#if SMSK__HAVE_AVX512
/* 32 big-endian units below U+0800 a step; returns the octets of `src`
 * done and adds the UTF-8 bytes written to `*o`. */
SMSK__AVX512_VBMI2_TARGET static size_t decode_blocks512(uint8_t *d, size_t cap,
        size_t *o, const uint8_t *src, size_t len)
{
    const __m512i swap = byte_swap_units();
    size_t i = 0, out = *o;
    /* whole blocks, then the rest (an even count of octets) masked */
    for (; i < len; i += 64) {
        size_t m = len - i;
        __mmask64 lanes = smsk__low_bytes(m);
        __m512i raw = m >= 64 ? _mm512_loadu_si512((const void *)(src + i))
                              : _mm512_maskz_loadu_epi8(lanes, src + i);
        __m512i u = _mm512_permutexvar_epi8(swap, raw); /* lanes past the end are 0 */
        if (_mm512_cmpge_epu16_mask(u, _mm512_set1_epi16(0x800)))
            break;
        __mmask32 ascii = _mm512_cmplt_epu16_mask(u, _mm512_set1_epi16(0x80));
        __m512i lead = _mm512_mask_blend_epi16(ascii,
                _mm512_or_si512(_mm512_srli_epi16(u, 6), _mm512_set1_epi16(0xC0)), u);
        __m512i cont = _mm512_or_si512(_mm512_and_si512(u, _mm512_set1_epi16(0x3F)), _mm512_set1_epi16(0x80));
        __m512i pair = _mm512_or_si512(lead, _mm512_slli_epi16(cont, 8));
        /* every lead byte, and the continuation byte of two-byte forms */
        uint64_t keep = (0x5555555555555555ull
                        | _pdep_u64(~(uint64_t)ascii & 0xFFFFFFFFull, 0xAAAAAAAAAAAAAAAAull))
                        & lanes;
        size_t n = (size_t)__builtin_popcountll(keep);
        __m512i bytes = _mm512_maskz_compress_epi8(keep, pair);
        if (cap - out >= 64)
            _mm512_storeu_si512((void *)(d + out), bytes);
        else if (cap - out >= n)
            _mm512_mask_storeu_epi8(d + out, smsk__low_bytes(n), bytes);
        else
            break; /* the scalar path says how much room is needed */
        out += n;
    }
    if (i > len)
        i = len;
    *o = out;
    return i;
}
#endif

/* Units converted by the vector path, if the CPU has it. */
static size_t decode_blocks(uint8_t *d, size_t cap, size_t *o, const uint8_t *src, size_t len)
{
#if SMSK__HAVE_AVX512
    if (smsk__avx512_vbmi2_usable())
        return decode_blocks512(d, cap, o, src, len);
#endif
    (void)d;
    (void)cap;
    (void)o;
    (void)src;
    (void)len;
    return 0;
}

smsk_status smsk_ucs2_decode(char *dst, size_t dst_cap, size_t *dst_len,
        const uint8_t *src, size_t src_len, unsigned flags, smsk_diag *diag)
{
    if (dst_len == NULL || !SMSK_BUF_OK(dst, dst_cap) || !SMSK_BUF_OK(src, src_len)
            || (flags & ~(unsigned)SMSK_UCS2_LENIENT) != 0)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer or unknown flag");
    *dst_len = 0;
    int dangling = src_len % 2 != 0; /* half a unit at the end */
    if (dangling && !(flags & SMSK_UCS2_LENIENT))
        return smsk__fail(diag, SMSK_E_TRUNC, src_len - 1, SMSK_NO_CODEPOINT, "odd number of UCS-2 octets");
    src_len -= (size_t)dangling;
    uint8_t *d = (uint8_t *)dst;
    size_t o = 0;
    for (size_t i = decode_blocks(d, dst_cap, &o, src, src_len); i < src_len; i += 2) {
        uint32_t u = (uint32_t)src[i] << 8 | src[i + 1];
        /* one and two byte forms, the bulk of real text, without the
         * general path (room for 2 checked once) */
        if (u < 0x800 && dst_cap - o >= 2) {
            if (u < 0x80) {
                d[o++] = (uint8_t)u;
            } else {
                d[o] = (uint8_t)(0xC0 | (u >> 6));
                d[o + 1] = (uint8_t)(0x80 | (u & 0x3F));
                o += 2;
            }
            continue;
        }
        uint32_t cp = u;
        if (is_high(u) && i + 4 <= src_len) {
            uint32_t lo = (uint32_t)src[i + 2] << 8 | src[i + 3];
            if (is_low(lo)) {
                cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        if (smsk__is_surrogate(cp)) {
            if (!(flags & SMSK_UCS2_LENIENT))
                return smsk__fail(diag, SMSK_E_MALFORMED, i, u, "unpaired UTF-16 surrogate");
            cp = 0xFFFD;
        }
        size_t k = smsk__utf8_len(cp);
        if (dst_cap - o < k)
            return smsk__fail(diag, SMSK_E_NOSPACE, i, SMSK_NO_CODEPOINT, "destination too small");
        o += smsk__utf8_put(d + o, cp);
    }
    if (dangling) { /* lenient: the half unit shows as U+FFFD */
        if (dst_cap - o < 3)
            return smsk__fail(diag, SMSK_E_NOSPACE, src_len, SMSK_NO_CODEPOINT, "destination too small");
        o += smsk__utf8_put(d + o, 0xFFFD);
    }
    *dst_len = o;
    return SMSK_OK;
}
