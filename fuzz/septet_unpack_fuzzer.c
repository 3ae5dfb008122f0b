/* SPDX-License-Identifier: MIT */
/*
 * Septet unpacking of arbitrary octets (TS 23.038 6.1.2.1.1, TS 23.040
 * 9.2.3.24 fill bits), and GSM 7-bit decoding of whatever comes out.
 *
 * Input: the whole input is packed user data. For every fill bit count
 * 0-6:
 *  - smsk_septet_unpack(SMSK_SEPTETS_ALL) gives
 *    SMSK_OCTETS_SEPTETS(len, fill) septets, all 0x00-0x7F, the same as
 *    asking for that count explicitly; one more is SMSK_E_TRUNC, a
 *    destination one septet short SMSK_E_NOSPACE (nothing written past);
 *  - smsk_septet_pack() of the septets reproduces every input bit the
 *    septets cover (bits fill .. fill + 7n - 1), with zero fill and
 *    spare bits, in at most `len` octets;
 *  - with SMSK_GSM7_CR_PAD, a final CR is dropped exactly when it ends
 *    on an octet boundary (6.1.2.3.1);
 *  - smsk_gsm7_decode() of the septets, under a few table pairs (five
 *    fixed ones and one chosen by the first input byte, a different one
 *    for each fill count, so that each pair sees a different septet
 *    stream without decoding everything six times): never crashes; with
 *    SMSK_GSM7_LENIENT it succeeds with valid UTF-8; strict decoding
 *    fails only with SMSK_E_MALFORMED or SMSK_E_TRUNC, and when it
 *    succeeds gives the lenient text, which smsk_gsm7_decode_packed()
 *    straight from the octets also gives, and which encodes and decodes
 *    back to itself.
 */
#include <smskit.h>

#include "fuzz.h"

static const smsk_gsm7_shift FIXED_PAIRS[] = {
    {SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT},
    {SMSK_LANG_TURKISH, SMSK_LANG_TURKISH},
    {SMSK_LANG_DEFAULT, SMSK_LANG_SPANISH},
    {SMSK_LANG_PORTUGUESE, SMSK_LANG_PORTUGUESE},
    {SMSK_LANG_HINDI, SMSK_LANG_URDU},
};
#define N_FIXED (sizeof FIXED_PAIRS / sizeof FIXED_PAIRS[0])

/* Bit `i` of `p` (bit 0 = low bit of p[0]). */
static unsigned bit_at(const uint8_t *p, size_t i)
{
    return ((unsigned)p[i / 8] >> (i % 8)) & 1u;
}

/* Text decoded strictly must encode, and that must decode to it again. */
static void check_reencode(const char *text, size_t len,
        smsk_gsm7_shift shift)
{
    smsk_diag diag;
    size_t n = (size_t)-1;
    FUZZ_ASSERT(smsk_gsm7_count(&n, text, len, shift, 0, &diag) == SMSK_OK);
    uint8_t *septets = fuzz_alloc(n);
    size_t n2 = (size_t)-1;
    FUZZ_ASSERT(smsk_gsm7_encode(septets, n, &n2, text, len, shift, 0, &diag)
            == SMSK_OK);
    FUZZ_ASSERT(n2 == n);
    size_t cap = SMSK_GSM7_TEXT_MAX(n);
    char *again = fuzz_alloc(cap);
    size_t again_len = (size_t)-1;
    FUZZ_ASSERT(smsk_gsm7_decode(again, cap, &again_len, septets, n, shift, 0,
            &diag) == SMSK_OK);
    FUZZ_ASSERT(again_len == len);
    FUZZ_ASSERT(len == 0 || memcmp(again, text, len) == 0);
    free(again);
    free(septets);
}

static void check_decode(const uint8_t *src, size_t src_len,
        const uint8_t *septets, size_t n, unsigned fill,
        smsk_gsm7_shift shift)
{
    smsk_diag diag;
    size_t cap = SMSK_GSM7_TEXT_MAX(n);

    char *lenient = fuzz_alloc(cap);
    size_t lenient_len = (size_t)-1;
    smsk_status st = smsk_gsm7_decode(lenient, cap, &lenient_len, septets, n,
            shift, SMSK_GSM7_LENIENT, &diag);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(lenient_len <= cap);
    FUZZ_ASSERT(smsk_utf8_validate(lenient, lenient_len, NULL, &diag)
            == SMSK_OK);

    /* The packed decoder reads the octets the same way. */
    char *direct = fuzz_alloc(cap);
    size_t direct_len = (size_t)-1;
    st = smsk_gsm7_decode_packed(direct, cap, &direct_len, src, src_len,
            SMSK_SEPTETS_ALL, shift, fill, SMSK_GSM7_LENIENT, &diag);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(direct_len == lenient_len);
    FUZZ_ASSERT(lenient_len == 0
            || memcmp(direct, lenient, lenient_len) == 0);
    free(direct);

    char *strict = fuzz_alloc(cap);
    size_t strict_len = (size_t)-1;
    st = smsk_gsm7_decode(strict, cap, &strict_len, septets, n, shift, 0,
            &diag);
    FUZZ_ASSERT(st == SMSK_OK || st == SMSK_E_MALFORMED
            || st == SMSK_E_TRUNC);
    if (st != SMSK_OK) {
        FUZZ_ASSERT(diag.offset < n);
    } else {
        FUZZ_ASSERT(strict_len == lenient_len);
        FUZZ_ASSERT(strict_len == 0
                || memcmp(strict, lenient, strict_len) == 0);
        check_reencode(strict, strict_len, shift);
    }
    free(strict);

    /* A text destination one byte short. */
    if (lenient_len > 0) {
        uint8_t *dst = fuzz_guarded(lenient_len - 1);
        st = smsk_gsm7_decode((char *)dst, lenient_len - 1, &strict_len,
                septets, n, shift, SMSK_GSM7_LENIENT, &diag);
        FUZZ_ASSERT(st == SMSK_E_NOSPACE);
        FUZZ_ASSERT(fuzz_guard_intact(dst, lenient_len - 1));
        free(dst);
    }
    free(lenient);
}

static void check_fill(const uint8_t *src, size_t len, unsigned fill,
        smsk_gsm7_shift chosen)
{
    size_t n = SMSK_OCTETS_SEPTETS(len, fill);
    FUZZ_ASSERT(n <= len * 8 / 7);

    uint8_t *septets = fuzz_alloc(n);
    size_t n_out = (size_t)-1;
    smsk_status st = smsk_septet_unpack(septets, n, &n_out, src, len,
            SMSK_SEPTETS_ALL, fill, 0);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(n_out == n);
    for (size_t i = 0; i < n; i++)
        FUZZ_ASSERT(septets[i] <= 0x7F);

    /* The same count asked for explicitly; one more does not fit. */
    uint8_t *again = fuzz_alloc(n);
    st = smsk_septet_unpack(again, n, &n_out, src, len, n, fill, 0);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(n_out == n);
    FUZZ_ASSERT(n == 0 || memcmp(again, septets, n) == 0);
    free(again);
    st = smsk_septet_unpack(NULL, 0, &n_out, src, len, n + 1, fill, 0);
    FUZZ_ASSERT(st == SMSK_E_TRUNC);

    /* One septet short. */
    if (n > 0) {
        uint8_t *dst = fuzz_guarded(n - 1);
        st = smsk_septet_unpack(dst, n - 1, &n_out, src, len,
                SMSK_SEPTETS_ALL, fill, 0);
        FUZZ_ASSERT(st == SMSK_E_NOSPACE);
        FUZZ_ASSERT(n_out == n);
        FUZZ_ASSERT(fuzz_guard_intact(dst, n - 1));
        free(dst);
    }

    /* Packing again: the covered bits come back, the others are zero. */
    size_t need = SMSK_SEPTETS_PACKED_LEN(n, fill);
    FUZZ_ASSERT(need <= len);
    uint8_t *packed = fuzz_alloc(need);
    size_t plen = (size_t)-1;
    smsk_diag diag;
    st = smsk_septet_pack(packed, need, &plen, septets, n, fill, 0, &diag);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(plen == need);
    size_t first = fill, end = fill + 7 * n;
    for (size_t i = 0; i < 8 * plen; i++) {
        if (i >= first && i < end)
            FUZZ_ASSERT(bit_at(packed, i) == bit_at(src, i));
        else
            FUZZ_ASSERT(bit_at(packed, i) == 0);
    }
    free(packed);

    /* CR fill: a final CR on an octet boundary is dropped. */
    uint8_t *cr = fuzz_alloc(n);
    st = smsk_septet_unpack(cr, n, &n_out, src, len, SMSK_SEPTETS_ALL, fill,
            SMSK_GSM7_CR_PAD);
    FUZZ_ASSERT(st == SMSK_OK);
    int dropped = n > 0 && septets[n - 1] == 0x0D && (fill + 7 * n) % 8 == 0;
    FUZZ_ASSERT(n_out == n - (size_t)dropped);
    FUZZ_ASSERT(n_out == 0 || memcmp(cr, septets, n_out) == 0);
    free(cr);

    check_decode(src, len, septets, n, fill,
            fill < N_FIXED ? FIXED_PAIRS[fill] : chosen);

    free(septets);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *src = fuzz_dup(data, size);

    /* One more table pair, from the first octet (which is data too). */
    unsigned pick = size > 0 ? data[0] : 0;
    smsk_gsm7_shift chosen;
    chosen.locking = (smsk_lang)(pick % SMSK_LANG_COUNT);
    if (!smsk_lang_has_locking(chosen.locking))
        chosen.locking = SMSK_LANG_DEFAULT;
    chosen.single = (smsk_lang)((pick / SMSK_LANG_COUNT) % SMSK_LANG_COUNT);

    for (unsigned fill = 0; fill <= 6; fill++)
        check_fill(src, size, fill, chosen);

    free(src);
    return 0;
}
