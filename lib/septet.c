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
 *  - With AVX-512 VBMI, 64 septets (56 octets) go per step: two
 *    vpmultishiftqb and a bit select make the seven octets of every
 *    64-bit lane, one byte permute closes the gaps (vpermb); unpacking
 *    spreads 7 octets per lane (vpermb) and cuts the eight septets out
 *    with vpmultishiftqb (lib/simd512.h). The bit offset is a cross-lane
 *    shift by 0-6 bits.
 *  - The public functions check their arguments and hand the common case
 *    (no flags, the room there) to one leaf per kernel, with all the
 *    vector code inlined and its arguments in registers; for one SMS the
 *    checks and calls would otherwise cost as much as the packing. The
 *    kernel is chosen once: with glibc the public symbols are GNU
 *    indirect functions bound when the library loads, elsewhere a cached
 *    table lookup.
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
#define LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define ALWAYS_INLINE inline
#define LIKELY(x) (x)
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
static int pack_ref(uint8_t *dst, size_t cap, size_t bitpos,
        const uint8_t *s, size_t n)
{
    (void)cap; /* writes exactly the octets of the septets */
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

static void unpack_ref(uint8_t *dst, const uint8_t *src, size_t src_len,
        size_t bitpos, size_t n)
{
    (void)src_len; /* reads exactly the octets of the septets */
    for (size_t k = 0; k < n; k++) {
        uint8_t v = 0;
        for (unsigned j = 0; j < 7; j++) {
            size_t p = bitpos + 7 * k + j;
            v |= (uint8_t)((((unsigned)src[p / 8] >> (p % 8)) & 1u) << j);
        }
        dst[k] = v;
    }
}

static ALWAYS_INLINE int pack_swar(uint8_t *dst, size_t cap, size_t bitpos,
        const uint8_t *s, size_t n)
{
    return pack_words(compress_swar, dst, cap, bitpos, s, n);
}

static ALWAYS_INLINE void unpack_swar(uint8_t *dst, const uint8_t *src, size_t src_len,
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

__attribute__((target("bmi2"))) static ALWAYS_INLINE int pack_bmi2(uint8_t *dst,
        size_t cap, size_t bitpos, const uint8_t *s, size_t n)
{
    return pack_words(compress_bmi2, dst, cap, bitpos, s, n);
}

__attribute__((target("bmi2"))) static ALWAYS_INLINE void unpack_bmi2(uint8_t *dst,
        const uint8_t *src, size_t src_len, size_t bitpos, size_t n)
{
    unpack_words(expand_bmi2, dst, src, src_len, bitpos, n);
}

#endif /* HAVE_BMI2_KERNEL */

#if SMSK__HAVE_AVX512
/*
 * AVX-512, 64 septets (56 octets) a block. No load or store touches a
 * byte outside the range. How the blocks move, found by measuring on
 * Sapphire Rapids: a block is
 * loaded and stored with plain 64-byte moves wherever the buffer has the
 * room, since a masked move costs about as much as the packing; and the
 * last one to three blocks (one SMS) run as straight-line code that
 * loads all of them before it stores any, since a masked load behind a
 * store or a branch is several times slower. A block's plain store may
 * write past its 56 (57) octets: the next block's store writes those
 * octets again, and no store passes `lim`.
 */

/* The b low bits of a block's first octet: the top bits of the last
 * septet of the whole block before it, which starts at `prev`. */
static ALWAYS_INLINE uint64_t carry_of(const uint8_t *prev, unsigned b)
{
    return b ? (uint64_t)((prev[63] & 0x7Fu) >> (7 - b)) : 0;
}

/*
 * The last `n` septets, in `full` (0-2, a constant) whole blocks with
 * plain moves and one masked block: 64 * full < n <= 64 * (full + 1) and
 * lim - o >= 56 * full + 8. Returns the OR of the septets.
 */
SMSK__AVX512_TARGET static ALWAYS_INLINE __m512i pack512_last(uint8_t *dst,
        size_t lim, size_t o, unsigned b, uint64_t carry, const uint8_t *s,
        size_t n, unsigned full)
{
    __m512i zero = _mm512_setzero_si512();
    __m512i x0 = full > 0 ? _mm512_loadu_si512((const void *)s) : zero;
    __m512i x1 = full > 1 ? _mm512_loadu_si512((const void *)(s + 64)) : zero;
    __m512i last = _mm512_maskz_loadu_epi8(smsk__low_bytes(n - 64 * full), s + 64 * full);
    if (full > 0)
        _mm512_storeu_si512((void *)(dst + o), smsk__pack_block(x0, b, carry));
    if (full > 1)
        _mm512_storeu_si512((void *)(dst + o + 56), smsk__pack_block(x1, b, carry_of(s, b)));
    _mm512_mask_storeu_epi8(dst + o + 56 * full, smsk__low_bytes(lim - o - 56 * full),
            smsk__pack_block(last, b, full ? carry_of(s + 64 * (full - 1), b) : carry));
    return _mm512_ternarylogic_epi64(x0, x1, last, 0xFE); /* x0 | x1 | last */
}

/* One SMS: 129 to 192 septets, with `room` octets (the source's or the
 * destination's, from the first block) enough for two plain moves before
 * the last block (pack512_last and unpack512_last with `full` 2). */
static inline int one_sms(size_t n, size_t room)
{
    return n - 129 < 64 && room >= 120;
}

/*
 * Blocks from octet `o` at bit offset `b` with `carry` in its low bits;
 * inlined twice, so that b == 0 (no UDH) compiles without any shifts.
 */
SMSK__AVX512_TARGET static ALWAYS_INLINE int pack512_body(uint8_t *dst,
        size_t lim, size_t o, unsigned b, uint64_t carry, const uint8_t *s, size_t n)
{
    __m512i seen = _mm512_setzero_si512(); /* OR of all septets: bit 7 check */
    for (; n > 192 && lim - o >= 64; s += 64, n -= 64, o += 56) {
        __m512i x = _mm512_loadu_si512((const void *)s);
        seen = _mm512_or_si512(seen, x);
        _mm512_storeu_si512((void *)(dst + o), smsk__pack_block(x, b, carry));
        carry = carry_of(s, b);
    }
    if (LIKELY(one_sms(n, lim - o)))
        seen = _mm512_or_si512(seen, pack512_last(dst, lim, o, b, carry, s, n, 2));
    else if (n > 64 && n <= 128 && lim - o >= 64)
        seen = _mm512_or_si512(seen, pack512_last(dst, lim, o, b, carry, s, n, 1));
    else {
        /* n <= 64, or a rare size whose second block has no room for a
         * plain store: masked blocks */
        for (; n > 0; s += 64, o += 56) {
            size_t m = n < 64 ? n : 64;
            size_t room = lim - o;
            __m512i x = _mm512_maskz_loadu_epi8(smsk__low_bytes(m), s);
            seen = _mm512_or_si512(seen, x);
            _mm512_mask_storeu_epi8(dst + o, smsk__low_bytes(room < 57 ? room : 57),
                    smsk__pack_block(x, b, carry));
            if (n > 64)
                carry = carry_of(s, b);
            n -= m;
        }
    }
    return smsk__any_high_bit(seen);
}

SMSK__AVX512_TARGET static ALWAYS_INLINE int pack_avx512(uint8_t *dst, size_t cap,
        size_t bitpos, const uint8_t *s, size_t n)
{
    size_t o = bitpos >> 3;
    unsigned b = (unsigned)(bitpos & 7);
    size_t lim = write_limit(cap, bitpos, n);
    if (b == 0)
        return pack512_body(dst, lim, o, 0, 0, s, n);
    return pack512_body(dst, lim, o, b, (uint64_t)(dst[o] & ((1u << b) - 1)), s, n);
}

/*
 * The last `n` septets from octet `o`, in `full` (0-2, a constant) whole
 * blocks with plain moves and one masked block, as in pack512_last:
 * 64 * full < n <= 64 * (full + 1), src_len - o >= 56 * full + 8, and the
 * septets end at octet `end`.
 */
SMSK__AVX512_TARGET static ALWAYS_INLINE void unpack512_last(uint8_t *dst,
        const uint8_t *src, size_t o, size_t end, unsigned b, size_t n,
        unsigned full)
{
    __m512i zero = _mm512_setzero_si512();
    __m512i v0 = full > 0 ? _mm512_loadu_si512((const void *)(src + o)) : zero;
    __m512i v1 = full > 1 ? _mm512_loadu_si512((const void *)(src + o + 56)) : zero;
    __m512i last = _mm512_maskz_loadu_epi8(smsk__low_bytes(end - o - 56 * full), src + o + 56 * full);
    if (full > 0)
        _mm512_storeu_si512((void *)dst, smsk__unpack_block(v0, b));
    if (full > 1)
        _mm512_storeu_si512((void *)(dst + 64), smsk__unpack_block(v1, b));
    _mm512_mask_storeu_epi8(dst + 64 * full, smsk__low_bytes(n - 64 * full),
            smsk__unpack_block(last, b));
}

/* The blocks of `n` septets from octet `o` at bit offset `b`, by the
 * rules above; `src_len` is the size of the source buffer. */
SMSK__AVX512_TARGET static ALWAYS_INLINE void unpack512_body(uint8_t *dst,
        const uint8_t *src, size_t src_len, size_t o, unsigned b, size_t n)
{
    size_t end = smsk__bits_octets(8 * o + b + 7 * n);
    for (; n > 192 && src_len - o >= 64; dst += 64, n -= 64, o += 56) {
        __m512i v = _mm512_loadu_si512((const void *)(src + o));
        _mm512_storeu_si512((void *)dst, smsk__unpack_block(v, b));
    }
    if (LIKELY(one_sms(n, src_len - o)))
        unpack512_last(dst, src, o, end, b, n, 2);
    else if (n > 64 && n <= 128 && src_len - o >= 64)
        unpack512_last(dst, src, o, end, b, n, 1);
    else {
        for (; n > 0; dst += 64, o += 56) {
            size_t m = n < 64 ? n : 64;
            __m512i v = _mm512_maskz_loadu_epi8(smsk__low_bytes(end - o), src + o);
            _mm512_mask_storeu_epi8(dst, smsk__low_bytes(m), smsk__unpack_block(v, b));
            n -= m;
        }
    }
}

SMSK__AVX512_TARGET static ALWAYS_INLINE void unpack_avx512(uint8_t *dst, const uint8_t *src,
        size_t src_len, size_t bitpos, size_t n)
{
    size_t o = bitpos >> 3;
    unsigned b = (unsigned)(bitpos & 7);
    if (b == 0)
        unpack512_body(dst, src, src_len, o, 0, n);
    else
        unpack512_body(dst, src, src_len, o, b, n);
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

/* The kernel for this CPU, from its feature bits. */
static smsk__septet_impl choose_impl(void)
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

static const smsk__septet_kernels kernels[] = {
    [SMSK__SEPTET_REF] = { pack_ref, unpack_ref },
    [SMSK__SEPTET_SWAR] = { pack_swar, unpack_swar },
#if HAVE_BMI2_KERNEL
    [SMSK__SEPTET_BMI2] = { pack_bmi2, unpack_bmi2 },
#else
    [SMSK__SEPTET_BMI2] = { pack_swar, unpack_swar },
#endif
#if SMSK__HAVE_AVX512
    [SMSK__SEPTET_AVX512] = { pack_avx512, unpack_avx512 },
#else
    [SMSK__SEPTET_AVX512] = { pack_swar, unpack_swar },
#endif
};

const smsk__septet_kernels *smsk__septet_kernels_of(smsk__septet_impl impl)
{
    return &kernels[impl];
}

/*
 * The CPU checks run once: the choice is cached, so a call costs one load
 * instead of a few feature tests. Threads racing on the first call store
 * the same value. 0 means not chosen yet, else the impl + 1.
 */
#if defined(__STDC_NO_ATOMICS__)
static volatile int best_plus_one;
#define LOAD_BEST() best_plus_one
#define STORE_BEST(v) (best_plus_one = (v))
#else
#include <stdatomic.h>
static atomic_int best_plus_one;
#define LOAD_BEST() atomic_load_explicit(&best_plus_one, memory_order_relaxed)
#define STORE_BEST(v) atomic_store_explicit(&best_plus_one, (v), memory_order_relaxed)
#endif

smsk__septet_impl smsk__septet_auto_impl(void)
{
    int v = LOAD_BEST();
    if (v == 0) {
        v = (int)choose_impl() + 1;
        STORE_BEST(v);
    }
    return (smsk__septet_impl)(v - 1);
}

/* The kernels of smsk__septet_auto_impl(). */
static const smsk__septet_kernels *best_kernels(void)
{
    return &kernels[smsk__septet_auto_impl()];
}


int smsk__septet_pack_at(smsk__septet_impl impl, uint8_t *dst,
        size_t dst_cap, size_t bitpos, const uint8_t *septets, size_t n)
{
    return kernels[impl].pack(dst, dst_cap, bitpos, septets, n);
}

void smsk__septet_unpack_at(smsk__septet_impl impl, uint8_t *dst,
        const uint8_t *src, size_t src_len, size_t bitpos, size_t n)
{
    kernels[impl].unpack(dst, src, src_len, bitpos, n);
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

typedef int (*pack_kernel)(uint8_t *dst, size_t dst_cap, size_t bitpos,
        const uint8_t *septets, size_t n);
typedef void (*unpack_kernel)(uint8_t *dst, const uint8_t *src,
        size_t src_len, size_t bitpos, size_t n);

/* Septet `v` at bit `bitpos`, after the septets before it; the bits
 * above it in its last octet are zeroed. */
static void put_septet(uint8_t *dst, size_t bitpos, unsigned v)
{
    size_t o = bitpos / 8;
    unsigned b = (unsigned)(bitpos % 8);
    dst[o] = (uint8_t)((dst[o] & ((1u << b) - 1)) | (v << b));
    if (b > 1)
        dst[o + 1] = (uint8_t)(v >> (8 - b));
}

/* The whole of smsk_septet_pack, with the kernels best_kernels()
 * picks: the API functions below run it for all but the common case. */
static smsk_status pack_general(uint8_t *dst, size_t dst_cap, size_t *dst_len,
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
    if (best_kernels()->pack(dst, dst_cap, fill_bits, septets, n_septets)) {
        *dst_len = 0;
        return smsk__fail(diag, SMSK_E_RANGE, first_high_bit(septets, n_septets), SMSK_NO_CODEPOINT, "septet value above 0x7F");
    }
    if (pad)
        put_septet(dst, fill_bits + 7 * n_septets, SMSK__CR);
    return SMSK_OK;
}

/* The error of a septet above 0x7F, found by the kernel. */
static smsk_status high_bit_error(size_t *dst_len, const uint8_t *septets,
        size_t n, smsk_diag *diag)
{
    *dst_len = 0;
    return smsk__fail(diag, SMSK_E_RANGE, first_high_bit(septets, n), SMSK_NO_CODEPOINT, "septet value above 0x7F");
}

/*
 * The leaf of smsk_septet_pack's common case: `n` septets into the
 * *dst_len octets of `dst`, whose octet 0 is zero, with the kernel `pack`
 * inlined; one instance per kernel (pack_leaf_* below).
 */
static ALWAYS_INLINE smsk_status pack_leaf(pack_kernel pack, uint8_t *dst,
        size_t *dst_len, unsigned fill_bits, const uint8_t *septets, size_t n,
        smsk_diag *diag)
{
    if (pack(dst, *dst_len, fill_bits, septets, n))
        return high_bit_error(dst_len, septets, n, diag);
    return SMSK_OK;
}

typedef smsk_status (*pack_leaf_fn)(uint8_t *dst, size_t *dst_len,
        unsigned fill_bits, const uint8_t *septets, size_t n, smsk_diag *diag);

/*
 * smsk_septet_pack, instantiated once per kernel (pack_api_* below). For
 * 160 septets the checks and calls cost as much as the packing, so the
 * common case (no flags, 1 or more septets, the room there) runs a few
 * predictable branches and ends in a tail call of the leaf, which has its arguments in
 * registers and holds all the vector code; everything else goes to
 * pack_general.
 */
static ALWAYS_INLINE smsk_status pack_api(pack_leaf_fn leaf,
        pack_leaf_fn leaf_fill, uint8_t *dst,
        size_t dst_cap, size_t *dst_len, const uint8_t *septets,
        size_t n_septets, unsigned fill_bits, unsigned flags, smsk_diag *diag)
{
    /* garbage when n_septets is too large, but then unused */
    size_t need = smsk__bits_octets(fill_bits + 7 * n_septets);
    /* each test and branch is one fused micro-op */
    if (!LIKELY(dst_len != NULL && dst != NULL && septets != NULL
                && n_septets - 1 < MAX_SEPTETS && fill_bits <= 6 && flags == 0
                && need <= dst_cap))
        return pack_general(dst, dst_cap, dst_len, septets, n_septets, fill_bits, flags, diag);
    *dst_len = need;
    dst[0] = 0; /* fill bits are zero (TS 23.040 9.2.3.24) */
    if (fill_bits)
        return leaf_fill(dst, dst_len, fill_bits, septets, n_septets, diag);
    return leaf(dst, dst_len, fill_bits, septets, n_septets, diag);
}

/* The whole of smsk_septet_unpack, as pack_general. */
static smsk_status unpack_general(uint8_t *dst, size_t dst_cap,
        size_t *n_out, const uint8_t *src, size_t src_len, size_t n_septets,
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
    best_kernels()->unpack(dst, src, src_len, fill_bits, n);
    if ((flags & SMSK_GSM7_CR_PAD) && smsk__cr_pad_present(n, fill_bits, n > 0 && dst[n - 1] == SMSK__CR))
        *n_out = n - 1;
    return SMSK_OK;
}

/* The leaf of smsk_septet_unpack's common case, as pack_leaf. */
static ALWAYS_INLINE smsk_status unpack_leaf(unpack_kernel unpack,
        uint8_t *dst, const uint8_t *src, size_t src_len, size_t fill_bits,
        size_t n)
{
    unpack(dst, src, src_len, fill_bits, n);
    return SMSK_OK;
}

typedef smsk_status (*unpack_leaf_fn)(uint8_t *dst, const uint8_t *src,
        size_t src_len, size_t fill_bits, size_t n);

/* smsk_septet_unpack, as pack_api. */
static ALWAYS_INLINE smsk_status unpack_api(unpack_leaf_fn leaf,
        unpack_leaf_fn leaf_fill, uint8_t *dst,
        size_t dst_cap, size_t *n_out, const uint8_t *src, size_t src_len,
        size_t n_septets, unsigned fill_bits, unsigned flags)
{
    size_t n = n_septets;
    if (!LIKELY(n_out != NULL && dst != NULL && src != NULL
                && n - 1 < MAX_SEPTETS && fill_bits <= 6 && flags == 0
                && n <= dst_cap && smsk__bits_octets(fill_bits + 7 * n) <= src_len))
        return unpack_general(dst, dst_cap, n_out, src, src_len, n_septets, fill_bits, flags);
    *n_out = n;
    if (fill_bits)
        return leaf_fill(dst, src, src_len, fill_bits, n);
    return leaf(dst, src, src_len, fill_bits, n);
}

#define PACK_PARAMS uint8_t *dst, size_t dst_cap, size_t *dst_len, \
        const uint8_t *septets, size_t n_septets, unsigned fill_bits, \
        unsigned flags, smsk_diag *diag
#define PACK_ARGS dst, dst_cap, dst_len, septets, n_septets, fill_bits, flags, diag
#define UNPACK_PARAMS uint8_t *dst, size_t dst_cap, size_t *n_out, \
        const uint8_t *src, size_t src_len, size_t n_septets, \
        unsigned fill_bits, unsigned flags
#define UNPACK_ARGS dst, dst_cap, n_out, src, src_len, n_septets, fill_bits, flags

#define PACK_LEAF_PARAMS uint8_t *dst, size_t *dst_len, unsigned fill_bits, \
        const uint8_t *septets, size_t n, smsk_diag *diag
#define PACK_LEAF_ARGS dst, dst_len, fill_bits, septets, n, diag
#define UNPACK_LEAF_PARAMS uint8_t *dst, const uint8_t *src, size_t src_len, \
        size_t fill_bits, size_t n
#define UNPACK_LEAF_ARGS dst, src, src_len, fill_bits, n

static smsk_status pack_leaf_swar(PACK_LEAF_PARAMS)
{
    return pack_leaf(pack_swar, PACK_LEAF_ARGS);
}

static smsk_status unpack_leaf_swar(UNPACK_LEAF_PARAMS)
{
    return unpack_leaf(unpack_swar, UNPACK_LEAF_ARGS);
}

static smsk_status pack_api_swar(PACK_PARAMS)
{
    return pack_api(pack_leaf_swar, pack_leaf_swar, PACK_ARGS);
}

static smsk_status unpack_api_swar(UNPACK_PARAMS)
{
    return unpack_api(unpack_leaf_swar, unpack_leaf_swar, UNPACK_ARGS);
}

#if HAVE_BMI2_KERNEL
__attribute__((target("bmi2"))) static smsk_status pack_leaf_bmi2(PACK_LEAF_PARAMS)
{
    return pack_leaf(pack_bmi2, PACK_LEAF_ARGS);
}

__attribute__((target("bmi2"))) static smsk_status unpack_leaf_bmi2(UNPACK_LEAF_PARAMS)
{
    return unpack_leaf(unpack_bmi2, UNPACK_LEAF_ARGS);
}

static smsk_status pack_api_bmi2(PACK_PARAMS)
{
    return pack_api(pack_leaf_bmi2, pack_leaf_bmi2, PACK_ARGS);
}

static smsk_status unpack_api_bmi2(UNPACK_PARAMS)
{
    return unpack_api(unpack_leaf_bmi2, unpack_leaf_bmi2, UNPACK_ARGS);
}
#endif

#if SMSK__HAVE_AVX512
/*
 * The leaves of the AVX-512 kernel. Octet 0 is zero and `*dst_len` is the
 * end, so there is no carry and no limit to work out. One SMS (129-192
 * septets) runs straight through, one leaf without fill bits and one
 * with; any other size goes to pack_leaf_avx512_any, kept out of line so
 * that the short path needs few registers.
 */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
SMSK__AVX512_TARGET static smsk_status pack_leaf_avx512_any(PACK_LEAF_PARAMS)
{
    int bad = fill_bits ? pack512_body(dst, *dst_len, 0, fill_bits, 0, septets, n)
                        : pack512_body(dst, *dst_len, 0, 0, 0, septets, n);
    if (bad)
        return high_bit_error(dst_len, septets, n, diag);
    return SMSK_OK;
}

SMSK__AVX512_TARGET static smsk_status pack_leaf_avx512(PACK_LEAF_PARAMS)
{
    size_t lim = *dst_len;
    if (!LIKELY(one_sms(n, lim)))
        return pack_leaf_avx512_any(PACK_LEAF_ARGS);
    if (smsk__any_high_bit(pack512_last(dst, lim, 0, 0, 0, septets, n, 2)))
        return high_bit_error(dst_len, septets, n, diag);
    return SMSK_OK;
}

SMSK__AVX512_TARGET static smsk_status pack_leaf_avx512_fill(PACK_LEAF_PARAMS)
{
    size_t lim = *dst_len;
    if (!LIKELY(one_sms(n, lim)))
        return pack_leaf_avx512_any(PACK_LEAF_ARGS);
    if (smsk__any_high_bit(pack512_last(dst, lim, 0, fill_bits, 0, septets, n, 2)))
        return high_bit_error(dst_len, septets, n, diag);
    return SMSK_OK;
}

#if defined(__GNUC__)
__attribute__((noinline))
#endif
SMSK__AVX512_TARGET static smsk_status unpack_leaf_avx512_any(UNPACK_LEAF_PARAMS)
{
    if (fill_bits)
        unpack512_body(dst, src, src_len, 0, (unsigned)fill_bits, n);
    else
        unpack512_body(dst, src, src_len, 0, 0, n);
    return SMSK_OK;
}

SMSK__AVX512_TARGET static smsk_status unpack_leaf_avx512(UNPACK_LEAF_PARAMS)
{
    if (!LIKELY(one_sms(n, src_len)))
        return unpack_leaf_avx512_any(UNPACK_LEAF_ARGS);
    unpack512_last(dst, src, 0, smsk__bits_octets(7 * n), 0, n, 2);
    return SMSK_OK;
}

SMSK__AVX512_TARGET static smsk_status unpack_leaf_avx512_fill(UNPACK_LEAF_PARAMS)
{
    if (!LIKELY(one_sms(n, src_len)))
        return unpack_leaf_avx512_any(UNPACK_LEAF_ARGS);
    unpack512_last(dst, src, 0, smsk__bits_octets(fill_bits + 7 * n), (unsigned)fill_bits, n, 2);
    return SMSK_OK;
}

static smsk_status pack_api_avx512(PACK_PARAMS)
{
    return pack_api(pack_leaf_avx512, pack_leaf_avx512_fill, PACK_ARGS);
}

static smsk_status unpack_api_avx512(UNPACK_PARAMS)
{
    return unpack_api(unpack_leaf_avx512, unpack_leaf_avx512_fill, UNPACK_ARGS);
}
#endif

/*
 * Where the loader supports GNU indirect functions (glibc on x86-64), the
 * public symbols are bound to the chosen kernel's function when the
 * library is loaded, so a call goes straight there. Not in sanitizer
 * builds: a resolver runs before the sanitizer runtime is set up (those
 * builds test the table path instead).
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#endif
#if defined(__x86_64__) && defined(__ELF__) && defined(__GLIBC__) \
    && (defined(__GNUC__) || defined(__clang__)) && !defined(SANITIZED)
#define USE_IFUNC 1
#endif

#if defined(USE_IFUNC)
/* The resolvers read no data that needs relocating: they may run before
 * the library's own relocations are done. */
__attribute__((used)) static smsk_status (*resolve_pack(void))(PACK_PARAMS)
{
    __builtin_cpu_init();
    switch (smsk__septet_auto_impl()) {
#if SMSK__HAVE_AVX512
    case SMSK__SEPTET_AVX512:
        return pack_api_avx512;
#endif
#if HAVE_BMI2_KERNEL
    case SMSK__SEPTET_BMI2:
        return pack_api_bmi2;
#endif
    default:
        return pack_api_swar;
    }
}

__attribute__((used)) static smsk_status (*resolve_unpack(void))(UNPACK_PARAMS)
{
    __builtin_cpu_init();
    switch (smsk__septet_auto_impl()) {
#if SMSK__HAVE_AVX512
    case SMSK__SEPTET_AVX512:
        return unpack_api_avx512;
#endif
#if HAVE_BMI2_KERNEL
    case SMSK__SEPTET_BMI2:
        return unpack_api_bmi2;
#endif
    default:
        return unpack_api_swar;
    }
}

smsk_status smsk_septet_pack(PACK_PARAMS) __attribute__((ifunc("resolve_pack")));
smsk_status smsk_septet_unpack(UNPACK_PARAMS) __attribute__((ifunc("resolve_unpack")));

#else

typedef struct septet_api {
    smsk_status (*pack)(PACK_PARAMS);
    smsk_status (*unpack)(UNPACK_PARAMS);
} septet_api;

/* The public functions of each kernel but the reference one. */
static const septet_api apis[] = {
    [SMSK__SEPTET_REF] = { pack_api_swar, unpack_api_swar },
    [SMSK__SEPTET_SWAR] = { pack_api_swar, unpack_api_swar },
#if HAVE_BMI2_KERNEL
    [SMSK__SEPTET_BMI2] = { pack_api_bmi2, unpack_api_bmi2 },
#else
    [SMSK__SEPTET_BMI2] = { pack_api_swar, unpack_api_swar },
#endif
#if SMSK__HAVE_AVX512
    [SMSK__SEPTET_AVX512] = { pack_api_avx512, unpack_api_avx512 },
#else
    [SMSK__SEPTET_AVX512] = { pack_api_swar, unpack_api_swar },
#endif
};

smsk_status smsk_septet_pack(PACK_PARAMS)
{
    return apis[smsk__septet_auto_impl()].pack(PACK_ARGS);
}

smsk_status smsk_septet_unpack(UNPACK_PARAMS)
{
    return apis[smsk__septet_auto_impl()].unpack(UNPACK_ARGS);
}

#endif
