/* SPDX-License-Identifier: MIT */
/*
 * GSM 7-bit round trip: UTF-8 text -> packed septets -> UTF-8 text.
 *
 * Input: the first byte picks the table pair (byte % 182: locking table
 * = LOCKING[pick / 14], one of the 13 languages that have one; single
 * shift table = pick % 14, any language); the rest is the text. Each
 * input is checked with every fill bit count 0-6: 182 table pairs times
 * 7 fill counts do not fit in one selector byte, and the fill only moves
 * the septets, so trying all seven is cheap.
 *
 * Invariants (TS 23.038 6.1.2.1.1, 6.2.1.1; the contracts of smskit.h):
 *  - smsk_gsm7_encode_packed() succeeds, or fails with SMSK_E_UTF8 or
 *    SMSK_E_CHARSET at an offset inside the text; smsk_gsm7_count() and
 *    smsk_gsm7_encode() fail the same way at the same offset;
 *  - on success, smsk_gsm7_decode_packed() of the result (same septet
 *    count, fill bits and tables, no CR fill) gives back exactly the
 *    text; smsk_gsm7_count() gives the same septet count and
 *    smsk_gsm7_encode() + smsk_septet_pack() the same octets; fill bits
 *    and spare bits are zero;
 *  - a destination one byte short gives SMSK_E_NOSPACE and nothing is
 *    written past its capacity (encoders and decoders);
 *  - with SMSK_GSM7_CR_PAD (6.1.2.3.1) the decoder removes the fill CR
 *    again, so the text comes back, plus one CR exactly when the
 *    septets end on an octet boundary with septet 0x0D (the spec's
 *    "<CR><CR>" case).
 */
#include <smskit.h>

#include "fuzz.h"

static const smsk_lang LOCKING[] = {
    SMSK_LANG_DEFAULT, SMSK_LANG_TURKISH, SMSK_LANG_PORTUGUESE,
    SMSK_LANG_BENGALI, SMSK_LANG_GUJARATI, SMSK_LANG_HINDI,
    SMSK_LANG_KANNADA, SMSK_LANG_MALAYALAM, SMSK_LANG_ORIYA,
    SMSK_LANG_PUNJABI, SMSK_LANG_TAMIL, SMSK_LANG_TELUGU, SMSK_LANG_URDU,
};
#define N_LOCKING (sizeof LOCKING / sizeof LOCKING[0])
#define N_PAIRS ((unsigned)N_LOCKING * SMSK_LANG_COUNT)

/* Decode `n` septets from `src` packed after `fill` bits; the text must
 * come back, followed by `tail` (NULL/0 for none). */
static void expect_decoded(const uint8_t *src, size_t src_len, size_t n,
        smsk_gsm7_shift shift, unsigned fill, unsigned flags,
        const char *text, size_t len, const char *tail, size_t tail_len)
{
    size_t cap = SMSK_GSM7_TEXT_MAX(n);
    char *out = fuzz_alloc(cap);
    size_t out_len = (size_t)-1;
    smsk_diag diag;
    smsk_status st = smsk_gsm7_decode_packed(out, cap, &out_len, src,
            src_len, n, shift, fill, flags, &diag);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(out_len == len + tail_len);
    FUZZ_ASSERT(len == 0 || memcmp(out, text, len) == 0);
    FUZZ_ASSERT(tail_len == 0 || memcmp(out + len, tail, tail_len) == 0);
    free(out);

    /* One byte short: the decoder stops inside its capacity. */
    if (len + tail_len > 0) {
        size_t short_cap = len + tail_len - 1;
        uint8_t *dst = fuzz_guarded(short_cap);
        st = smsk_gsm7_decode_packed((char *)dst, short_cap, &out_len,
                src, src_len, n, shift, fill, flags, &diag);
        FUZZ_ASSERT(st == SMSK_E_NOSPACE);
        FUZZ_ASSERT(fuzz_guard_intact(dst, short_cap));
        free(dst);
    }
}

/* Bits of `p` outside the septets (fill bits, spare bits) are zero. */
static int spare_bits_zero(const uint8_t *p, size_t len, size_t n,
        unsigned fill)
{
    if (len == 0)
        return 1;
    if ((p[0] & ((1u << fill) - 1u)) != 0)
        return 0;
    unsigned used = (unsigned)((fill + 7 * n) % 8);
    return used == 0 || (p[len - 1] >> used) == 0;
}

/* The text encoded to `septets` (n of them): check every fill. */
static void check_packed(const char *text, size_t len,
        const uint8_t *septets, size_t n, smsk_gsm7_shift shift,
        unsigned fill)
{
    smsk_diag diag;
    size_t need = SMSK_SEPTETS_PACKED_LEN(n, fill);

    uint8_t *packed = fuzz_alloc(need);
    size_t plen = (size_t)-1, pn = (size_t)-1;
    smsk_status st = smsk_gsm7_encode_packed(packed, need, &plen, &pn, text,
            len, shift, fill, 0, &diag);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(pn == n);
    FUZZ_ASSERT(plen == need);
    FUZZ_ASSERT(spare_bits_zero(packed, plen, n, fill));

    /* Unpacked encoding + smsk_septet_pack: the same octets. */
    uint8_t *repacked = fuzz_alloc(need);
    size_t rlen = (size_t)-1;
    st = smsk_septet_pack(repacked, need, &rlen, septets, n, fill, 0, &diag);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(rlen == plen);
    FUZZ_ASSERT(plen == 0 || memcmp(repacked, packed, plen) == 0);
    free(repacked);

    /* smsk_septet_unpack: the septets again. */
    uint8_t *unpacked = fuzz_alloc(n);
    size_t un = (size_t)-1;
    st = smsk_septet_unpack(unpacked, n, &un, packed, plen, n, fill, 0);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(un == n);
    FUZZ_ASSERT(n == 0 || memcmp(unpacked, septets, n) == 0);
    free(unpacked);

    /* The identity: decoding gives back exactly the text. */
    expect_decoded(packed, plen, n, shift, fill, 0, text, len, NULL, 0);

    /* One byte short: SMSK_E_NOSPACE, *dst_len 0, nothing written past. */
    if (need > 0) {
        uint8_t *dst = fuzz_guarded(need - 1);
        st = smsk_gsm7_encode_packed(dst, need - 1, &plen, &pn, text, len,
                shift, fill, 0, &diag);
        FUZZ_ASSERT(st == SMSK_E_NOSPACE);
        FUZZ_ASSERT(plen == 0);
        FUZZ_ASSERT(fuzz_guard_intact(dst, need - 1));
        memset(dst, (int)FUZZ_CANARY, need - 1);
        st = smsk_septet_pack(dst, need - 1, &rlen, septets, n, fill, 0,
                &diag);
        FUZZ_ASSERT(st == SMSK_E_NOSPACE);
        FUZZ_ASSERT(rlen == need);
        FUZZ_ASSERT(fuzz_guard_intact(dst, need - 1));
        free(dst);
    }

    /*
     * CR fill (TS 23.038 6.1.2.3.1): a CR goes into 7 spare bits, and a
     * final septet 0x0D ending on an octet boundary gets a second one.
     * Decoding with the flag drops a final CR on an octet boundary, so
     * only the second case leaves a CR (the locking table's 0x0D) over.
     */
    int ends_on_0d = n > 0 && septets[n - 1] == 0x0D;
    unsigned spare = (unsigned)((8 - (fill + 7 * (n % 8)) % 8) % 8);
    int pad = n > 0 && (spare == 7 || (spare == 0 && ends_on_0d));
    size_t cr_n = n + (size_t)pad;
    size_t cr_need = SMSK_SEPTETS_PACKED_LEN(cr_n, fill);
    uint8_t *cr = fuzz_alloc(cr_need);
    st = smsk_gsm7_encode_packed(cr, cr_need, &plen, &pn, text, len, shift,
            fill, SMSK_GSM7_CR_PAD, &diag);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(pn == cr_n);
    FUZZ_ASSERT(plen == cr_need);
    uint8_t *cr2 = fuzz_alloc(cr_need);
    st = smsk_septet_pack(cr2, cr_need, &rlen, septets, n, fill,
            SMSK_GSM7_CR_PAD, &diag);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(rlen == cr_need);
    FUZZ_ASSERT(cr_need == 0 || memcmp(cr, cr2, cr_need) == 0);
    free(cr2);
    char tail[4];
    size_t tail_len = 0;
    if (spare == 0 && ends_on_0d) {
        uint32_t cp = smsk_gsm7_table_get(shift.locking, 0, 0x0D);
        FUZZ_ASSERT(smsk_utf8_encode_cp(tail, sizeof tail, &tail_len, cp)
                == SMSK_OK);
    }
    expect_decoded(cr, plen, pn, shift, fill, SMSK_GSM7_CR_PAD, text, len,
            tail, tail_len);
    free(cr);

    free(packed);
}

/* 1 if `cp` is in neither table of `shift`. */
static int in_no_table(uint32_t cp, smsk_gsm7_shift shift)
{
    for (unsigned s = 0; s < 0x80; s++) {
        if (s == 0x1B)
            continue; /* the escape, not a character */
        if (smsk_gsm7_table_get(shift.locking, 0, s) == cp
                || smsk_gsm7_table_get(shift.single, 1, s) == cp)
            return 0;
    }
    return 1;
}

/* Encoding failed with `st` at `diag`: the failure must be explained. */
static void check_failure(const char *text, size_t len,
        smsk_gsm7_shift shift, smsk_status st, const smsk_diag *diag)
{
    FUZZ_ASSERT(st == SMSK_E_UTF8 || st == SMSK_E_CHARSET);
    FUZZ_ASSERT(diag->offset < len);

    /* Every entry point fails the same way at the same place. */
    for (unsigned fill = 0; fill <= 6; fill++) {
        smsk_diag d2;
        size_t plen, pn;
        smsk_status st2 = smsk_gsm7_encode_packed(NULL, 0, &plen, &pn, text,
                len, shift, fill, 0, &d2);
        FUZZ_ASSERT(st2 == st);
        FUZZ_ASSERT(d2.offset == diag->offset);
    }
    smsk_diag d3;
    size_t n3;
    size_t cap = 2 * len;
    uint8_t *septets = fuzz_alloc(cap);
    smsk_status st3 = smsk_gsm7_encode(septets, cap, &n3, text, len, shift,
            0, &d3);
    free(septets);
    FUZZ_ASSERT(st3 == st);
    FUZZ_ASSERT(d3.offset == diag->offset);

    /* The text up to the offset is fine; the character there is not. */
    smsk_diag dv;
    smsk_status sv = smsk_utf8_validate(text, diag->offset, NULL, &dv);
    FUZZ_ASSERT(sv == SMSK_OK);
    size_t pos = diag->offset;
    uint32_t cp = 0;
    sv = smsk_utf8_decode_next(text, len, &pos, &cp, &dv);
    if (st == SMSK_E_UTF8) {
        FUZZ_ASSERT(sv == SMSK_E_UTF8);
        FUZZ_ASSERT(dv.offset == diag->offset);
    } else {
        FUZZ_ASSERT(sv == SMSK_OK);
        FUZZ_ASSERT(cp == diag->codepoint);
        FUZZ_ASSERT(in_no_table(cp, shift));
        /* SMSK_GSM7_SUBSTITUTE sends it as '?' unless the UTF-8 is bad. */
        if (smsk_utf8_validate(text, len, NULL, &dv) == SMSK_OK) {
            size_t n_sub;
            FUZZ_ASSERT(smsk_gsm7_count(&n_sub, text, len, shift,
                    SMSK_GSM7_SUBSTITUTE, &dv) == SMSK_OK);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reader r = fuzz_reader_init(data, size);
    unsigned pick = fuzz_take_range(&r, N_PAIRS);
    smsk_gsm7_shift shift;
    shift.locking = LOCKING[pick / SMSK_LANG_COUNT];
    shift.single = (smsk_lang)(pick % SMSK_LANG_COUNT);
    size_t len;
    const uint8_t *rest = fuzz_take_rest(&r, &len);
    char *text = (char *)fuzz_dup(rest, len);

    smsk_diag diag;
    size_t n = (size_t)-1;
    smsk_status st = smsk_gsm7_count(&n, text, len, shift, 0, &diag);
    if (st != SMSK_OK) {
        check_failure(text, len, shift, st, &diag);
        free(text);
        return 0;
    }
    FUZZ_ASSERT(n <= 2 * len);
    FUZZ_ASSERT(smsk_utf8_validate(text, len, NULL, &diag) == SMSK_OK);

    /* Unpacked septets, into exactly as many bytes as the count says. */
    uint8_t *septets = fuzz_alloc(n);
    size_t n2 = (size_t)-1;
    st = smsk_gsm7_encode(septets, n, &n2, text, len, shift, 0, &diag);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(n2 == n);
    for (size_t i = 0; i < n; i++)
        FUZZ_ASSERT(septets[i] <= 0x7F);

    /* smsk_gsm7_decode of the unpacked septets: the text again. */
    size_t cap = SMSK_GSM7_TEXT_MAX(n);
    char *out = fuzz_alloc(cap);
    size_t out_len = (size_t)-1;
    st = smsk_gsm7_decode(out, cap, &out_len, septets, n, shift, 0, &diag);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(out_len == len);
    FUZZ_ASSERT(len == 0 || memcmp(out, text, len) == 0);
    free(out);

    /* One septet short. */
    if (n > 0) {
        uint8_t *dst = fuzz_guarded(n - 1);
        st = smsk_gsm7_encode(dst, n - 1, &n2, text, len, shift, 0, &diag);
        FUZZ_ASSERT(st == SMSK_E_NOSPACE);
        FUZZ_ASSERT(n2 == n);
        FUZZ_ASSERT(fuzz_guard_intact(dst, n - 1));
        free(dst);
    }

    for (unsigned fill = 0; fill <= 6; fill++)
        check_packed(text, len, septets, n, shift, fill);

    free(septets);
    free(text);
    return 0;
}
