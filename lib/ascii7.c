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
 * With AVX-512 VBMI, the fused paths convert 64 characters a step through
 * any table's 128-entry ASCII map with one two-register byte permute
 * (vpermi2b), check them with one bit test and pack or unpack them in the
 * same step (simd512.h), with no intermediate buffer.
 */
#include "ascii7.h"
#include "gsm7.h"
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

/* Map the bytes (0-127) of `v` in `lanes` through a 128-entry table
 * (vpermi2b); other lanes become zero. */
SMSK__AVX512_TARGET static inline __m512i lookup128(__mmask64 lanes, __m512i v,
        __m512i lo, __m512i hi)
{
    return _mm512_maskz_permutex2var_epi8(lanes, lo, v, hi);
}

SMSK__AVX512_TARGET static size_t pack_run512(uint8_t *dst, size_t dst_cap,
        const uint8_t *text, size_t len, unsigned fill, const uint8_t *from_ascii)
{
    const __m512i lo = _mm512_loadu_si512((const void *)from_ascii);
    const __m512i hi = _mm512_loadu_si512((const void *)(from_ascii + 64));
    const __m512i high = _mm512_set1_epi8((char)0x80);
    size_t i = 0, o = 0;
    uint64_t carry = 0;
    while (i < len) {
        size_t m = len - i < 64 ? len - i : 64;
        size_t out = smsk__bits_octets(fill + 7 * m);
        if (out > dst_cap - o)
            break;
        __mmask64 lanes = smsk__low_bytes(m);
        __m512i v = _mm512_maskz_loadu_epi8(lanes, text + i);
        __m512i sept = lookup128(lanes, v, lo, hi);
        /* non-ASCII text, or an ASCII character without a septet of its own */
        if (_mm512_test_epi8_mask(_mm512_or_si512(v, sept), high))
            break;
        _mm512_mask_storeu_epi8(dst + o, smsk__low_bytes(out), smsk__pack_block(sept, fill, carry));
        carry = fill ? (uint64_t)(from_ascii[text[i + m - 1]] >> (7 - fill)) : 0;
        i += m;
        o += 56;
    }
    return i;
}

SMSK__AVX512_TARGET static size_t unpack_run512(uint8_t *text, size_t cap,
        const uint8_t *src, size_t src_len, unsigned fill, size_t n, const uint8_t *to_ascii)
{
    const __m512i lo = _mm512_loadu_si512((const void *)to_ascii);
    const __m512i hi = _mm512_loadu_si512((const void *)(to_ascii + 64));
    const __m512i high = _mm512_set1_epi8((char)0x80);
    size_t i = 0, o = 0;
    size_t end = smsk__bits_octets(fill + 7 * n);
    if (end > src_len)
        return 0;
    while (i < n) {
        size_t m = n - i < 64 ? n - i : 64;
        if (m > cap - i)
            break;
        size_t in = end - o < 57 ? end - o : 57;
        __m512i sept = smsk__unpack_block(_mm512_maskz_loadu_epi8(smsk__low_bytes(in), src + o), fill);
        __mmask64 lanes = smsk__low_bytes(m);
        __m512i chars = lookup128(lanes, sept, lo, hi);
        if (_mm512_test_epi8_mask(chars, high))
            break;
        _mm512_mask_storeu_epi8(text + i, lanes, chars);
        i += m;
        o += 56;
    }
    return i;
}

#endif

#if SMSK__HAVE_AVX512
/*
 * One half (32 characters) of smsk__ascii7_encode_ext_run: `codes` holds
 * their septets in its low 32 bytes, `ext` says which take an escape and
 * `valid` which are there. Each character takes two output slots, the
 * escape's (kept only for `ext`) and the code's; pext squeezes the kept
 * slots together, and vpexpandb puts the codes at theirs, the escape
 * elsewhere. Returns the septets, or 0 when more than `room`.
 */
SMSK__AVX512_VBMI2_TARGET static size_t encode_ext_half(uint8_t *out,
        size_t room, __m512i codes, uint32_t ext, uint32_t valid)
{
    uint64_t code_slots = _pdep_u64(valid, 0xAAAAAAAAAAAAAAAAull);
    uint64_t kept = _pdep_u64(ext & valid, 0x5555555555555555ull) | code_slots;
    size_t n = (size_t)__builtin_popcountll(kept);
    if (n > room)
        return 0;
    __mmask64 at = _pext_u64(code_slots, kept);
    __m512i v = _mm512_mask_expand_epi8(_mm512_set1_epi8(SMSK__GSM7_ESC), at, codes);
    _mm512_mask_storeu_epi8(out, smsk__low_bytes(n), v); /* nothing past them */
    return n;
}

SMSK__AVX512_VBMI2_TARGET static size_t encode_ext_run512(uint8_t *septets,
        size_t cap, size_t *n_out, const uint8_t *text, size_t len,
        const uint8_t *lock_map, const uint8_t *single_map)
{
    const __m512i lock_lo = _mm512_loadu_si512((const void *)lock_map);
    const __m512i lock_hi = _mm512_loadu_si512((const void *)(lock_map + 64));
    const __m512i single_lo = _mm512_loadu_si512((const void *)single_map);
    const __m512i single_hi = _mm512_loadu_si512((const void *)(single_map + 64));
    size_t i = 0, n = 0;
    while (i < len) {
        size_t m = len - i < 64 ? len - i : 64;
        __mmask64 lanes = smsk__low_bytes(m);
        __m512i v = m == 64 ? _mm512_loadu_si512((const void *)(text + i))
                            : _mm512_maskz_loadu_epi8(lanes, text + i);
        __m512i lock = _mm512_permutex2var_epi8(lock_lo, v, lock_hi);
        __m512i single = _mm512_permutex2var_epi8(single_lo, v, single_hi);
        /* bit 7: not ASCII, not in the locking table, not in the single */
        __mmask64 ext = _mm512_movepi8_mask(lock) & lanes;
        __mmask64 other = (_mm512_movepi8_mask(v) | (ext & _mm512_movepi8_mask(single))) & lanes;
        if (other) { /* the characters before it, then the caller's turn */
            m = (size_t)__builtin_ctzll(other);
            if (m == 0)
                break;
            lanes = smsk__low_bytes(m);
            ext &= lanes;
        }
        __m512i codes = _mm512_mask_blend_epi8(ext, lock, single);
        size_t k = encode_ext_half(septets + n, cap - n, codes, (uint32_t)ext, (uint32_t)lanes);
        if (k == 0)
            break;
        n += k;
        if (m <= 32) {
            i += m;
            if (other)
                break;
            continue;
        }
        size_t k2 = encode_ext_half(septets + n, cap - n,
                _mm512_shuffle_i64x2(codes, codes, 0xEE), /* bytes 32-63 down */
                (uint32_t)(ext >> 32), (uint32_t)(lanes >> 32));
        if (k2 == 0) {
            i += 32;
            break;
        }
        n += k2;
        i += m;
        if (other)
            break;
    }
    *n_out = n;
    return i;
}
#endif

size_t smsk__ascii7_encode_ext_run(uint8_t *septets, size_t cap,
        size_t *n_out, const uint8_t *text, size_t len,
        const uint8_t *lock_map, const uint8_t *single_map)
{
    *n_out = 0;
#if SMSK__HAVE_AVX512
    if (smsk__avx512_vbmi2_usable())
        return encode_ext_run512(septets, cap, n_out, text, len, lock_map, single_map);
#endif
    (void)septets;
    (void)cap;
    (void)text;
    (void)len;
    (void)lock_map;
    (void)single_map;
    return 0;
}

size_t smsk__ascii7_pack_run(uint8_t *dst, size_t dst_cap, const uint8_t *text,
        size_t len, unsigned fill, const uint8_t *from_ascii)
{
#if SMSK__HAVE_AVX512
    if (smsk__avx512_usable())
        return pack_run512(dst, dst_cap, text, len, fill, from_ascii);
#endif
    (void)dst;
    (void)dst_cap;
    (void)text;
    (void)len;
    (void)fill;
    (void)from_ascii;
    return 0;
}

size_t smsk__ascii7_unpack_run(uint8_t *text, size_t cap, const uint8_t *src,
        size_t src_len, unsigned fill, size_t n, const uint8_t *to_ascii)
{
#if SMSK__HAVE_AVX512
    if (smsk__avx512_usable())
        return unpack_run512(text, cap, src, src_len, fill, n, to_ascii);
#endif
    (void)text;
    (void)cap;
    (void)src;
    (void)src_len;
    (void)fill;
    (void)n;
    (void)to_ascii;
    return 0;
}
