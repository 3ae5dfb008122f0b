/* SPDX-License-Identifier: MIT */
/*
 * Septet packing: TS 23.038 6.1.2.1.1 (SMS packing), TS 23.040 9.2.3.16
 * and 9.2.3.24 (fill bits after a UDH), TS 23.038 6.1.2.3.1 (CR fill).
 *
 * How this works:
 *  - Septet k of the user data occupies bits fill + 7k .. fill + 7k + 6,
 *    counting from bit 0 of octet 0 (the low bit first).
 *  - Eight septets are exactly seven octets, so the word kernels read
 *    eight septets as one little-endian 64-bit word, squeeze the eight
 *    7-bit fields into 56 bits (pext, or three shift-and-mask steps) and
 *    store the 56 bits shifted by the bit offset, which stays the same
 *    from group to group. Unpacking is the mirror image (pdep).
 *  - Stores are 8 bytes wide while at least 8 bytes of room remain; the
 *    tail runs through a bit accumulator, so nothing is written or read
 *    outside the buffers.
 *  - BMI2 is used where the CPU has it, chosen at run time, except on AMD
 *    Zen 1 and 2, whose pext/pdep are microcoded and slower than the
 *    shift-and-mask version.
 *  - With AVX-512 VBMI, 64 septets (56 octets) go per step: the same
 *    three shift-and-mask steps in every 64-bit lane, then one byte
 *    permute to close the gaps (vpermb); unpacking spreads 7 octets per
 *    lane (vpermb) and cuts the eight septets out with vpmultishiftqb.
 *    Loads and stores are masked, so they never touch bytes outside the
 *    range; the bit offset is a cross-lane shift by 0-6 bits.
 */
#include "septet.h"
#include "simd512.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_BMI2_KERNEL 1
#include <immintrin.h>
#else
#define HAVE_BMI2_KERNEL 0
#endif

#define LOW7_LANES 0x7F7F7F7F7F7F7F7Full
#define HIGH_LANES 0x8080808080808080ull

/* Eight 7-bit fields in 8-bit lanes -> 56 contiguous bits. */
static inline uint64_t compress_swar(uint64_t x)
{
    x &= LOW7_LANES;
    x = (x & 0x007F007F007F007Full) | ((x & 0x7F007F007F007F00ull) >> 1);
    x = (x & 0x00003FFF00003FFFull) | ((x & 0x3FFF00003FFF0000ull) >> 2);
    x = (x & 0x000000000FFFFFFFull) | ((x & 0x0FFFFFFF00000000ull) >> 4);
    return x;
}

/* 56 contiguous bits -> eight 7-bit fields in 8-bit lanes. */
static inline uint64_t expand_swar(uint64_t x)
{
    x &= 0x00FFFFFFFFFFFFFFull;
    x = (x & 0x000000000FFFFFFFull) | ((x << 4) & 0x0FFFFFFF00000000ull);
    x = (x & 0x00003FFF00003FFFull) | ((x << 2) & 0x3FFF00003FFF0000ull);
    x = (x & 0x007F007F007F007Full) | ((x << 1) & 0x7F007F007F007F00ull);
    return x;
}

/* End of the octets that `n` septets from `bitpos` occupy, within `cap`:
 * wide stores stay below it, so no byte past the output is touched. */
static inline size_t write_limit(size_t cap, size_t bitpos, size_t n)
{
    size_t end = smsk__bits_octets(bitpos + 7 * n);
    return end < cap ? end : cap;
}

/* Scalar tail shared by the word kernels: septets through an accumulator.
 * With no septets it writes nothing (the octet at `o` is already right). */
static inline int pack_tail(uint8_t *dst, size_t o, uint64_t acc,
        unsigned nb, const uint8_t *s, size_t n)
{
    unsigned hi = 0;
    for (size_t i = 0; i < n; i++) {
        hi |= s[i];
        acc |= (uint64_t)(s[i] & 0x7Fu) << nb;
        nb += 7;
        if (nb >= 8) {
            dst[o++] = (uint8_t)acc;
            acc >>= 8;
            nb -= 8;
        }
    }
    if (nb > 0 && n > 0)
        dst[o] = (uint8_t)acc;
    return (hi & 0x80u) != 0;
}

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

static ALWAYS_INLINE int pack_words(uint64_t (*compress)(uint64_t),
        uint8_t *dst, size_t cap, size_t bitpos, const uint8_t *s, size_t n)
{
    size_t o = bitpos >> 3;
    unsigned nb = (unsigned)(bitpos & 7);
    uint64_t acc = nb ? (uint64_t)(dst[o] & ((1u << nb) - 1)) : 0;
    uint64_t hi = 0;
    size_t i = 0;
    size_t lim = write_limit(cap, bitpos, n);
    while (n - i >= 8 && lim - o >= 8) {
        uint64_t w = smsk__load_le64(s + i);
        hi |= w;
        uint64_t c = compress(w);
        smsk__store_le64(dst + o, (c << nb) | acc);
        acc = c >> (56 - nb);
        o += 7;
        i += 8;
    }
    int bad = pack_tail(dst, o, acc, nb, s + i, n - i);
    return bad || (hi & HIGH_LANES) != 0;
}

static ALWAYS_INLINE void unpack_words(uint64_t (*expand)(uint64_t),
        uint8_t *dst, const uint8_t *src, size_t src_len, size_t bitpos,
        size_t n)
{
    size_t o = bitpos >> 3;
    unsigned b = (unsigned)(bitpos & 7);
    size_t i = 0;
    while (n - i >= 8 && src_len - o >= 8) {
        smsk__store_le64(dst + i, expand(smsk__load_le64(src + o) >> b));
        o += 7;
        i += 8;
    }
    if (i == n)
        return;
    uint64_t acc = (uint64_t)src[o++] >> b;
    unsigned nb = 8 - b;
    for (; i < n; i++) {
        if (nb < 7) {
            acc |= (uint64_t)src[o++] << nb;
            nb += 8;
        }
        dst[i] = (uint8_t)(acc & 0x7F);
        acc >>= 7;
        nb -= 7;
    }
}

/* The reference: one bit at a time, as the standard draws it. */
static int pack_ref(uint8_t *dst, size_t bitpos, const uint8_t *s, size_t n)
{
    int bad = 0;
    size_t end = bitpos + 7 * n;
    if (n == 0)
        return 0;
    dst[bitpos / 8] &= (uint8_t)((1u << (bitpos % 8)) - 1);
    for (size_t o = bitpos / 8 + 1; o < smsk__bits_octets(end); o++)
        dst[o] = 0;
    for (size_t k = 0; k < n; k++) {
        bad |= (s[k] & 0x80) != 0;
        for (unsigned j = 0; j < 7; j++) {
            size_t p = bitpos + 7 * k + j;
            dst[p / 8] |= (uint8_t)(((s[k] >> j) & 1u) << (p % 8));
        }
    }
    return bad;
}

static void unpack_ref(uint8_t *dst, const uint8_t *src, size_t bitpos,
        size_t n)
{
    for (size_t k = 0; k < n; k++) {
        uint8_t v = 0;
        for (unsigned j = 0; j < 7; j++) {
            size_t p = bitpos + 7 * k + j;
            v |= (uint8_t)((((unsigned)src[p / 8] >> (p % 8)) & 1u) << j);
        }
        dst[k] = v;
    }
}

static int pack_swar(uint8_t *dst, size_t cap, size_t bitpos,
        const uint8_t *s, size_t n)
{
    return pack_words(compress_swar, dst, cap, bitpos, s, n);
}

static void unpack_swar(uint8_t *dst, const uint8_t *src, size_t src_len,
        size_t bitpos, size_t n)
{
    unpack_words(expand_swar, dst, src, src_len, bitpos, n);
}

#if HAVE_BMI2_KERNEL
__attribute__((target("bmi2"))) static inline uint64_t compress_bmi2(uint64_t x)
{
    return _pext_u64(x, LOW7_LANES);
}

__attribute__((target("bmi2"))) static inline uint64_t expand_bmi2(uint64_t x)
{
    return _pdep_u64(x, LOW7_LANES);
}

__attribute__((target("bmi2"))) static int pack_bmi2(uint8_t *dst,
        size_t cap, size_t bitpos, const uint8_t *s, size_t n)
{
    return pack_words(compress_bmi2, dst, cap, bitpos, s, n);
}

__attribute__((target("bmi2"))) static void unpack_bmi2(uint8_t *dst,
        const uint8_t *src, size_t src_len, size_t bitpos, size_t n)
{
    unpack_words(expand_bmi2, dst, src, src_len, bitpos, n);
}

#endif /* HAVE_BMI2_KERNEL */

#if SMSK__HAVE_AVX512
/*
 * AVX-512: whole blocks of 64 septets, then one masked block for the rest,
 * so that no load or store touches a byte outside the range.
 */
/* Blocks from octet `o` at bit offset `b` with `carry` in its low bits;
 * inlined twice, so that b == 0 (no UDH) compiles without any shifts. */
SMSK__AVX512_TARGET static ALWAYS_INLINE int pack512_body(uint8_t *dst,
        size_t lim, size_t o, unsigned b, uint64_t carry, const uint8_t *s, size_t n)
{
    size_t i = 0;
    const size_t block_out = 56 + (b != 0); /* and the octet of the last b bits */
    __m512i seen = _mm512_setzero_si512();  /* OR of all septets: bit 7 check */
    for (; n - i >= 64 && lim - o >= block_out; i += 64, o += 56) {
        __m512i x = _mm512_loadu_si512((const void *)(s + i));
        seen = _mm512_or_si512(seen, x);
        _mm512_mask_storeu_epi8(dst + o, smsk__low_bytes(block_out), smsk__pack_block(x, b, carry));
        carry = b ? (uint64_t)((s[i + 63] & 0x7Fu) >> (7 - b)) : 0;
    }
    if (i < n) {
        size_t m = n - i < 64 ? n - i : 64;
        __m512i x = _mm512_maskz_loadu_epi8(smsk__low_bytes(m), s + i);
        seen = _mm512_or_si512(seen, x);
        _mm512_mask_storeu_epi8(dst + o, smsk__low_bytes(lim - o), smsk__pack_block(x, b, carry));
    }
    return _mm512_test_epi8_mask(seen, _mm512_set1_epi8((char)0x80)) != 0;
}

SMSK__AVX512_TARGET static int pack_avx512(uint8_t *dst, size_t cap,
        size_t bitpos, const uint8_t *s, size_t n)
{
    size_t o = bitpos >> 3;
    unsigned b = (unsigned)(bitpos & 7);
    size_t lim = write_limit(cap, bitpos, n);
    if (b == 0)
        return pack512_body(dst, lim, o, 0, 0, s, n);
    return pack512_body(dst, lim, o, b, (uint64_t)(dst[o] & ((1u << b) - 1)), s, n);
}

SMSK__AVX512_TARGET static void unpack_avx512(uint8_t *dst, const uint8_t *src,
        size_t src_len, size_t bitpos, size_t n)
{
    size_t o = bitpos >> 3, i = 0;
    unsigned b = (unsigned)(bitpos & 7);
    size_t end = smsk__bits_octets(bitpos + 7 * n);
    (void)src_len; /* end <= src_len is the caller's contract */
    const size_t block_in = 56 + (b != 0);
    const __mmask64 block_mask = smsk__low_bytes(block_in);
    for (; n - i >= 64; i += 64, o += 56) {
        __m512i v = _mm512_maskz_loadu_epi8(block_mask, src + o);
        _mm512_storeu_si512((void *)(dst + i), smsk__unpack_block(v, b));
    }
    if (i < n) {
        __m512i v = _mm512_maskz_loadu_epi8(smsk__low_bytes(end - o), src + o);
        _mm512_mask_storeu_epi8(dst + i, smsk__low_bytes(n - i), smsk__unpack_block(v, b));
    }
}

#endif /* SMSK__HAVE_AVX512 */

#if HAVE_BMI2_KERNEL
static int cpu_has_fast_bmi2(void)
{
    if (!__builtin_cpu_supports("bmi2"))
        return 0;
    /* Zen 1/2 run pext/pdep in microcode (hundreds of cycles). */
    return !__builtin_cpu_is("znver1") && !__builtin_cpu_is("znver2");
}
#endif

smsk__septet_impl smsk__septet_auto_impl(void)
{
#if SMSK__HAVE_AVX512
    if (smsk__avx512_usable())
        return SMSK__SEPTET_AVX512;
#endif
#if HAVE_BMI2_KERNEL
    if (cpu_has_fast_bmi2())
        return SMSK__SEPTET_BMI2;
#endif
    return SMSK__SEPTET_SWAR;
}

int smsk__septet_impl_available(smsk__septet_impl impl)
{
    switch (impl) {
    case SMSK__SEPTET_REF:
    case SMSK__SEPTET_SWAR:
        return 1;
    case SMSK__SEPTET_BMI2:
#if HAVE_BMI2_KERNEL
        return __builtin_cpu_supports("bmi2") != 0;
#else
        return 0;
#endif
    case SMSK__SEPTET_AVX512:
#if SMSK__HAVE_AVX512
        return smsk__avx512_usable();
#else
        return 0;
#endif
    }
    return 0;
}

int smsk__septet_pack_at(smsk__septet_impl impl, uint8_t *dst,
        size_t dst_cap, size_t bitpos, const uint8_t *septets, size_t n)
{
    switch (impl) {
    case SMSK__SEPTET_REF:
        return pack_ref(dst, bitpos, septets, n);
#if HAVE_BMI2_KERNEL
    case SMSK__SEPTET_BMI2:
        return pack_bmi2(dst, dst_cap, bitpos, septets, n);
#endif
#if SMSK__HAVE_AVX512
    case SMSK__SEPTET_AVX512:
        return pack_avx512(dst, dst_cap, bitpos, septets, n);
#endif
    default:
        return pack_swar(dst, dst_cap, bitpos, septets, n);
    }
}

void smsk__septet_unpack_at(smsk__septet_impl impl, uint8_t *dst,
        const uint8_t *src, size_t src_len, size_t bitpos, size_t n)
{
    switch (impl) {
    case SMSK__SEPTET_REF:
        unpack_ref(dst, src, bitpos, n);
        return;
#if HAVE_BMI2_KERNEL
    case SMSK__SEPTET_BMI2:
        unpack_bmi2(dst, src, src_len, bitpos, n);
        return;
#endif
#if SMSK__HAVE_AVX512
    case SMSK__SEPTET_AVX512:
        unpack_avx512(dst, src, src_len, bitpos, n);
        return;
#endif
    default:
        unpack_swar(dst, src, src_len, bitpos, n);
        return;
    }
}

/* Largest septet count whose bit length cannot overflow size_t. */
#define MAX_SEPTETS ((SIZE_MAX - 64) / 7)

static size_t first_high_bit(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] <= 0x7F)
        i++;
    return i;
}

smsk_status smsk_septet_pack(uint8_t *dst, size_t dst_cap, size_t *dst_len,
        const uint8_t *septets, size_t n_septets, unsigned fill_bits,
        unsigned flags, smsk_diag *diag)
{
    if (dst_len == NULL || !SMSK_BUF_OK(dst, dst_cap)
            || !SMSK_BUF_OK(septets, n_septets) || fill_bits > 6
            || (flags & ~(unsigned)SMSK_GSM7_CR_PAD) != 0)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer, fill bits above 6 or unknown flag");
    if (n_septets > MAX_SEPTETS)
        return smsk__fail(diag, SMSK_E_RANGE, 0, SMSK_NO_CODEPOINT, "septet count too large");
    int pad = (flags & SMSK_GSM7_CR_PAD)
              && smsk__cr_pad_needed(n_septets, fill_bits,
                      n_septets > 0 && septets[n_septets - 1] == SMSK__CR);
    size_t total = n_septets + (size_t)pad;
    size_t need = total ? smsk__bits_octets(fill_bits + 7 * total) : 0;
    *dst_len = need;
    if (dst_cap < need)
        return smsk__fail(diag, SMSK_E_NOSPACE, 0, SMSK_NO_CODEPOINT, "destination too small");
    if (need == 0)
        return SMSK_OK;
    dst[0] = 0; /* fill bits are zero (TS 23.040 9.2.3.24) */
    smsk__septet_impl impl = smsk__septet_auto_impl();
    if (smsk__septet_pack_at(impl, dst, dst_cap, fill_bits, septets, n_septets)) {
        *dst_len = 0;
        return smsk__fail(diag, SMSK_E_RANGE, first_high_bit(septets, n_septets), SMSK_NO_CODEPOINT, "septet value above 0x7F");
    }
    if (pad) {
        static const uint8_t cr = SMSK__CR;
        smsk__septet_pack_at(impl, dst, dst_cap, fill_bits + 7 * n_septets, &cr, 1);
    }
    return SMSK_OK;
}

smsk_status smsk_septet_unpack(uint8_t *dst, size_t dst_cap, size_t *n_out,
        const uint8_t *src, size_t src_len, size_t n_septets,
        unsigned fill_bits, unsigned flags)
{
    if (n_out == NULL || !SMSK_BUF_OK(dst, dst_cap) || !SMSK_BUF_OK(src, src_len)
            || fill_bits > 6 || (flags & ~(unsigned)SMSK_GSM7_CR_PAD) != 0)
        return SMSK_E_ARG;
    size_t n = n_septets;
    if (n == SMSK_SEPTETS_ALL)
        n = SMSK_OCTETS_SEPTETS(src_len, fill_bits);
    else if (n > MAX_SEPTETS || (n > 0 && smsk__bits_octets(fill_bits + 7 * n) > src_len))
        return SMSK_E_TRUNC;
    *n_out = n;
    if (dst_cap < n)
        return SMSK_E_NOSPACE;
    smsk__septet_unpack_at(smsk__septet_auto_impl(), dst, src, src_len, fill_bits, n);
    if ((flags & SMSK_GSM7_CR_PAD) && smsk__cr_pad_present(n, fill_bits, n > 0 && dst[n - 1] == SMSK__CR))
        *n_out = n - 1;
    return SMSK_OK;
}
