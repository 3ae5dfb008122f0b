/* SPDX-License-Identifier: MIT */
/*
 * Hex <-> octets, the form AT PDU mode carries PDUs in (TS 27.005 3.1:
 * "hexadecimal format ... two IRA characters per octet").
 *
 * How this works:
 *  - The common case, an unbroken run of digits that fits, takes one pass:
 *    64 characters a step with AVX-512, 16 with SSE2 (checked and converted
 *    in registers), then a scalar tail. Anything else, or any character the
 *    fast pass does not like, goes to the careful path below, which starts
 *    again from the first character so that errors are exact.
 *  - The careful path makes two passes: the first checks every character and
 *    counts the digits, so that a bad character, an odd count and a
 *    short destination are told apart before anything is written, and
 *    SMSK_E_NOSPACE can report the octets needed; the second converts.
 *  - Spaces and tabs are skipped wherever they stand (modems and people
 *    split long PDUs into groups); nothing else is, so a stray CR or LF
 *    is an error the caller sees rather than silently eaten.
 *  - The classifier is a plain ASCII switch: no <ctype.h>, whose answers
 *    depend on the locale.
 */
#include "internal.h"
#include "simd512.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Value of an ASCII hex digit, or -1. */
static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* The character as a code point when it is ASCII (a byte of a UTF-8
 * sequence is not one). */
static uint32_t ascii_cp(char c)
{
    uint8_t b = (uint8_t)c;
    return b < 0x80 ? b : SMSK_NO_CODEPOINT;
}

/* First pass: count the digits; fail on a bad character or odd count. */
static smsk_status count_digits(size_t *n_digits, const char *hex,
        size_t hex_len, smsk_diag *diag)
{
    size_t n = 0, last = 0;
    for (size_t i = 0; i < hex_len; i++) {
        if (is_blank(hex[i]))
            continue;
        if (hex_value(hex[i]) < 0)
            return smsk__fail(diag, SMSK_E_MALFORMED, i, ascii_cp(hex[i]), "not a hex digit");
        n++;
        last = i;
    }
    if (n % 2 != 0)
        return smsk__fail(diag, SMSK_E_TRUNC, last, SMSK_NO_CODEPOINT, "odd number of hex digits: the last octet has one digit");
    *n_digits = n;
    return SMSK_OK;
}

#if defined(__SSE2__)
#define SPLAT(c) _mm_set1_epi8((char)(c))

/* 1 per byte of `v` in [lo, hi] (all bytes compared as unsigned). */
static inline __m128i in_range(__m128i v, int lo, int hi)
{
    /* v - lo <= hi - lo, unsigned: min(x, k) == x */
    __m128i x = _mm_sub_epi8(v, SPLAT(lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(x, SPLAT(hi - lo)), x);
}

/* Convert blocks of 16 digits; returns the characters done. */
static size_t decode_blocks(uint8_t *dst, const char *hex, size_t len)
{
    size_t i = 0;
    for (; len - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(hex + i));
        __m128i digit = in_range(v, '0', '9');
        __m128i lower = _mm_or_si128(v, SPLAT(0x20)); /* 'A'-'F' -> 'a'-'f' */
        __m128i letter = in_range(lower, 'a', 'f');
        if (_mm_movemask_epi8(_mm_or_si128(digit, letter)) != 0xFFFF)
            break;
        __m128i nib = _mm_or_si128(_mm_and_si128(digit, _mm_sub_epi8(v, SPLAT('0'))),
                _mm_andnot_si128(digit, _mm_sub_epi8(lower, SPLAT('a' - 10))));
        /* pairs in 16-bit lanes: first digit low byte (high nibble) */
        __m128i pairs = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(nib, _mm_set1_epi16(0x00FF)), 4),
                _mm_srli_epi16(nib, 8));
        _mm_storel_epi64((__m128i *)(void *)(dst + i / 2), _mm_packus_epi16(pairs, pairs));
    }
    return i;
}
#else
static size_t decode_blocks(uint8_t *dst, const char *hex, size_t len)
{
    (void)dst;
    (void)hex;
    (void)len;
    return 0;
}
#endif

#if SMSK__HAVE_AVX512
/* 64 digits to 32 octets a step, checked in mask registers. */
/*
 * The value of every ASCII character that is a hex digit, 0xFF for the
 * others: one vpermi2b looks up 64 characters (a byte above 0x7F is
 * caught by its own bit 7, since the lookup only reads bits 0-6).
 */
static const uint8_t hex_values[128] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
};

/* Whole blocks of 64 digits with plain moves, then the rest masked;
 * stops before a block with anything but hex digits (the caller's
 * scalar path takes over). */
SMSK__AVX512_TARGET static size_t decode_blocks512(uint8_t *dst,
        const char *hex, size_t len)
{
    const __m512i lo = _mm512_loadu_si512((const void *)hex_values);
    const __m512i hi = _mm512_loadu_si512((const void *)(hex_values + 64));
    /* (first digit, second digit) -> 16 * first + second, per byte pair */
    const __m512i weights = _mm512_set1_epi16(0x0110);
    size_t i = 0;
    for (; i < len; i += 64) {
        size_t m = len - i;
        __m512i v = m >= 64 ? _mm512_loadu_si512((const void *)(hex + i))
                            : _mm512_maskz_loadu_epi8(smsk__low_bytes(m), hex + i);
        __m512i val = _mm512_permutex2var_epi8(lo, v, hi);
        /* 0xFF for a non-digit, bit 7 set in the byte for one above 0x7F;
         * lanes past the end are '\0' -> 0xFF, hence the mask */
        if (_mm512_movepi8_mask(_mm512_or_si512(v, val)) & smsk__low_bytes(m))
            break;
        __m256i octets = _mm512_cvtepi16_epi8(_mm512_maddubs_epi16(val, weights));
        if (m >= 64)
            _mm256_storeu_si256((__m256i *)(void *)(dst + i / 2), octets);
        else
            _mm256_mask_storeu_epi8(dst + i / 2, (__mmask32)smsk__low_bytes(m / 2), octets);
    }
    return i < len ? i : len;
}
#endif

/* One pass over an even run of digits that fits `dst`: 1 when all of it
 * was digits (then `dst` holds the octets), 0 to take the careful path. */
static int decode_fast(uint8_t *dst, const char *hex, size_t len)
{
    size_t i = 0;
#if SMSK__HAVE_AVX512
    if (smsk__avx512_usable())
        i = decode_blocks512(dst, hex, len);
#endif
    i += decode_blocks(dst + i / 2, hex + i, len - i);
    for (; i < len; i += 2) {
        int hi = hex_value(hex[i]), lo = hex_value(hex[i + 1]);
        if ((hi | lo) < 0)
            return 0;
        dst[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    return 1;
}

smsk_status smsk_hex_decode(uint8_t *dst, size_t dst_cap, size_t *dst_len,
        const char *hex, size_t hex_len, smsk_diag *diag)
{
    if (dst_len == NULL || !SMSK_BUF_OK(dst, dst_cap) || !SMSK_BUF_OK(hex, hex_len))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer");
    if (hex_len == 0) { /* and no pointer arithmetic on a NULL `hex` */
        *dst_len = 0;
        return SMSK_OK;
    }
    if (hex_len % 2 == 0 && hex_len / 2 <= dst_cap && decode_fast(dst, hex, hex_len)) {
        *dst_len = hex_len / 2;
        return SMSK_OK;
    }
    *dst_len = 0;
    size_t n_digits = 0;
    SMSK_CHECK(count_digits(&n_digits, hex, hex_len, diag));
    size_t need = n_digits / 2;
    if (need > dst_cap) {
        *dst_len = need;
        return smsk__fail(diag, SMSK_E_NOSPACE, 0, SMSK_NO_CODEPOINT, "destination too small");
    }
    size_t k = 0;
    int high = -1;
    for (size_t i = 0; i < hex_len; i++) {
        if (is_blank(hex[i]))
            continue;
        int v = hex_value(hex[i]);
        if (high < 0) {
            high = v;
        } else {
            dst[k++] = (uint8_t)(high * 16 + v);
            high = -1;
        }
    }
    *dst_len = k;
    return SMSK_OK;
}

#if defined(__SSE2__)
/* Sixteen octets to 32 upper-case digits a step; returns the octets done. */
static size_t encode_blocks(char *dst, const uint8_t *src, size_t len)
{
    size_t i = 0;
    for (; len - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(src + i));
        __m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), SPLAT(0x0F));
        __m128i lo = _mm_and_si128(v, SPLAT(0x0F));
        __m128i a = _mm_unpacklo_epi8(hi, lo), b = _mm_unpackhi_epi8(hi, lo);
        /* '0' + n, and 7 more for 10-15 ('A' - '9' - 1) */
        a = _mm_add_epi8(_mm_add_epi8(a, SPLAT('0')), _mm_and_si128(_mm_cmpgt_epi8(a, SPLAT(9)), SPLAT(7)));
        b = _mm_add_epi8(_mm_add_epi8(b, SPLAT('0')), _mm_and_si128(_mm_cmpgt_epi8(b, SPLAT(9)), SPLAT(7)));
        _mm_storeu_si128((__m128i *)(void *)(dst + 2 * i), a);
        _mm_storeu_si128((__m128i *)(void *)(dst + 2 * i + 16), b);
    }
    return i;
}
#else
static size_t encode_blocks(char *dst, const uint8_t *src, size_t len)
{
    (void)dst;
    (void)src;
    (void)len;
    return 0;
}
#endif

smsk_status smsk_hex_encode(char *dst, size_t dst_cap, size_t *dst_len,
        const uint8_t *src, size_t src_len)
{
    static const char digits[] = "0123456789ABCDEF";
    if (dst_len == NULL || !SMSK_BUF_OK(dst, dst_cap) || !SMSK_BUF_OK(src, src_len))
        return SMSK_E_ARG;
    *dst_len = 0;
    if (src_len > SIZE_MAX / 2)
        return SMSK_E_NOSPACE; /* the size needed does not fit a size_t */
    if (dst_cap / 2 < src_len) {
        *dst_len = 2 * src_len;
        return SMSK_E_NOSPACE;
    }
    for (size_t i = encode_blocks(dst, src, src_len); i < src_len; i++) {
        dst[2 * i] = digits[src[i] >> 4];
        dst[2 * i + 1] = digits[src[i] & 0x0Fu];
    }
    *dst_len = 2 * src_len;
    return SMSK_OK;
}
