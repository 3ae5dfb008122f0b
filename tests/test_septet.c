/* SPDX-License-Identifier: MIT */
/*
 * Septet packing: TS 23.038 6.1.2.1.1 (packing), TS 23.040 9.2.3.16 and
 * 9.2.3.24 (lengths, fill bits after a UDH), TS 23.038 6.1.2.3.1 (CR
 * fill). The public functions against the vectors and the standard, and
 * the internal kernels (REF, SWAR, BMI2) against each other and against
 * the test's own bit-by-bit reference (tests/helpers/septet_ref.h).
 */
#define _DEFAULT_SOURCE /* tests/helpers/guard.c: mmap, sysconf */
#include <criterion/criterion.h>
#include <smskit.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../lib/septet.h"
#include "helpers/bytes.h"
#include "helpers/guard.c"
#include "helpers/septet_ref.h"
#include "helpers/septet_rows.h"
#include "vectors/gsm7_pack.h"

TestSuite(septet, .timeout = 10);

#define CR 0x0Du

/* ---------------------------------------------------------------------
 * Vectors
 * ------------------------------------------------------------------- */

Test(septet, vectors_with_septet_values)
{
    size_t ran = 0, expected = 0;
    for (size_t i = 0; i < GSM7_PACK_N_VECS; i++) {
        const struct gsm7_pack_vec *v = &gsm7_pack_vecs[i];
        if (v->septet_values != NULL && v->packed != NULL
                && (row_is(v, "sms") || row_is(v, "sms-with-udh")
                        || row_is(v, "ussd-cr-padding")))
            expected++;
        ran += (size_t)run_septet_values_row(v);
    }
    cr_expect(ran == expected && ran >= 36,
            "ran %zu septet_values rows, expected %zu (36 in the file)", ran,
            expected);
}

/* The rows again, with every fill bit count: the vectors' septets must
 * land where TS 23.040 9.2.3.24 puts them and come back. */
Test(septet, vectors_at_every_fill)
{
    for (size_t i = 0; i < GSM7_PACK_N_VECS; i++) {
        const struct gsm7_pack_vec *v = &gsm7_pack_vecs[i];
        if (v->septet_values == NULL || !row_is(v, "sms"))
            continue;
        uint8_t sept[ROW_MAX], exp[ROW_MAX], out[ROW_MAX], back[ROW_MAX];
        size_t n = hex_decode(sept, sizeof sept, v->septet_values);
        for (unsigned fill = 0; fill <= 6; fill++) {
            char what[96];
            size_t elen = ref_pack(exp, sept, n, fill), len = 0, got = 0;
            snprintf(what, sizeof what, "%s with %u fill bits", v->id, fill);
            smsk_status st = smsk_septet_pack(
                    out, sizeof out, &len, sept, n, fill, 0, NULL);
            cr_expect(st == SMSK_OK, "%s: pack status %s", what,
                    smsk_status_name(st));
            expect_bytes_eq(what, out, len, exp, elen);
            st = smsk_septet_unpack(
                    back, sizeof back, &got, exp, elen, n, fill, 0);
            cr_expect(st == SMSK_OK, "%s: unpack status %s", what,
                    smsk_status_name(st));
            expect_bytes_eq(what, back, got, sept, n);
        }
    }
}

/* TS 23.038 6.1.2.1.1 example: "hellohello" (10 septets, 9 octets). */
Test(septet, pack_spec_example_hellohello)
{
    static const uint8_t sept[] = {
            0x68, 0x65, 0x6C, 0x6C, 0x6F, 0x68, 0x65, 0x6C, 0x6C, 0x6F};
    static const uint8_t exp[] = {
            0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9, 0xEC, 0x37};
    uint8_t out[16], back[16];
    size_t len = 0, n = 0;
    cr_assert(smsk_septet_pack(
                      out, sizeof out, &len, sept, sizeof sept, 0, 0, NULL)
            == SMSK_OK);
    expect_bytes_eq("hellohello", out, len, exp, sizeof exp);
    cr_assert(
            smsk_septet_unpack(back, sizeof back, &n, exp, sizeof exp, 10, 0, 0)
            == SMSK_OK);
    expect_bytes_eq("hellohello unpacked", back, n, sept, sizeof sept);
}

/* "SMSK_OK: *dst_len octets written": the octets after them are the
 * caller's (a buffer with room to spare, e.g. a whole TPDU). */
Test(septet, pack_writes_only_dst_len_octets)
{
    uint8_t sept[200], out[256];
    for (size_t i = 0; i < sizeof sept; i++)
        sept[i] = (uint8_t)('A' + i % 26);
    for (size_t n = 0; n <= 200; n++)
        for (unsigned fill = 0; fill <= 6; fill++)
            for (unsigned flags = 0; flags <= SMSK_GSM7_CR_PAD; flags++) {
                size_t len = 0, bad = SIZE_MAX;
                memset(out, 0xEE, sizeof out);
                cr_assert_eq(smsk_septet_pack(out, sizeof out, &len, sept, n,
                                     fill, flags, NULL),
                        SMSK_OK);
                for (size_t i = len; i < sizeof out && bad == SIZE_MAX; i++)
                    if (out[i] != 0xEE)
                        bad = i;
                cr_expect(bad == SIZE_MAX,
                        "n %zu fill %u flags %u: *dst_len %zu "
                        "but octet %zu overwritten with %02X",
                        n, fill, flags, len, bad,
                        bad == SIZE_MAX ? 0 : out[bad]);
            }
}

/* TS 23.040 9.2.3.24: fill bits are zero whatever dst held before. */
Test(septet, pack_zeroes_fill_bits_and_high_bits)
{
    static const uint8_t sept[] = {0x7F, 0x7F, 0x7F};
    for (unsigned fill = 0; fill <= 6; fill++) {
        uint8_t out[8], exp[8];
        size_t len = 0;
        memset(out, 0xFF, sizeof out);
        size_t elen = ref_pack(exp, sept, 3, fill);
        cr_assert(
                smsk_septet_pack(out, sizeof out, &len, sept, 3, fill, 0, NULL)
                == SMSK_OK);
        cr_expect((out[0] & ((1u << fill) - 1)) == 0,
                "fill %u: fill bits not zero: %02X", fill, out[0]);
        expect_bytes_eq("0x7F x3", out, len, exp, elen);
    }
}

/* ---------------------------------------------------------------------
 * Lengths (TS 23.040 9.2.3.16: TP-UDL counts septets)
 * ------------------------------------------------------------------- */

Test(septet, packed_len_macro)
{
    cr_expect_eq(SMSK_SEPTETS_PACKED_LEN(0, 0), 0u);
    cr_expect_eq(SMSK_SEPTETS_PACKED_LEN(0, 6), 0u);
    cr_expect_eq(SMSK_SEPTETS_PACKED_LEN(1, 0), 1u);
    cr_expect_eq(SMSK_SEPTETS_PACKED_LEN(1, 1), 1u);
    cr_expect_eq(SMSK_SEPTETS_PACKED_LEN(1, 2), 2u);
    cr_expect_eq(SMSK_SEPTETS_PACKED_LEN(7, 0), 7u);
    cr_expect_eq(SMSK_SEPTETS_PACKED_LEN(8, 0), 7u);
    cr_expect_eq(SMSK_SEPTETS_PACKED_LEN(9, 0), 8u);
    cr_expect_eq(SMSK_SEPTETS_PACKED_LEN(8, 1), 8u);
    cr_expect_eq(SMSK_SEPTETS_PACKED_LEN(160, 0), 140u);
    /* 6-octet UDH (concatenation, 8-bit reference): 1 fill bit, 153
     * septets in the remaining 134 octets. */
    cr_expect_eq(SMSK_SEPTETS_PACKED_LEN(153, 1), 134u);
    /* 7-octet UDH (16-bit reference): 56 bits are 8 septets, so no fill
     * bits, and 152 septets in the remaining 133 octets. */
    cr_expect_eq(SMSK_SEPTETS_PACKED_LEN(152, 0), 133u);
    for (size_t n = 0; n <= 400; n++)
        for (unsigned f = 0; f <= 6; f++)
            cr_expect_eq(SMSK_SEPTETS_PACKED_LEN(n, f), ref_packed_len(n, f),
                    "SMSK_SEPTETS_PACKED_LEN(%zu, %u)", n, f);
}

Test(septet, octets_septets_macro)
{
    cr_expect_eq(SMSK_OCTETS_SEPTETS(0, 0), 0u);
    cr_expect_eq(SMSK_OCTETS_SEPTETS(0, 3), 0u);
    cr_expect_eq(SMSK_OCTETS_SEPTETS(1, 0), 1u);
    cr_expect_eq(SMSK_OCTETS_SEPTETS(1, 1), 1u);
    cr_expect_eq(SMSK_OCTETS_SEPTETS(1, 2), 0u);
    cr_expect_eq(SMSK_OCTETS_SEPTETS(7, 0), 8u);
    cr_expect_eq(SMSK_OCTETS_SEPTETS(140, 0), 160u);
    cr_expect_eq(SMSK_OCTETS_SEPTETS(134, 1), 153u);
    for (size_t o = 0; o <= 300; o++)
        for (unsigned f = 0; f <= 6; f++) {
            size_t n = SMSK_OCTETS_SEPTETS(o, f);
            /* The most septets that fit: n fit, n + 1 do not. */
            cr_expect(ref_packed_len(n, f) <= o && ref_packed_len(n + 1, f) > o,
                    "SMSK_OCTETS_SEPTETS(%zu, %u) = %zu", o, f, n);
        }
}

/* ---------------------------------------------------------------------
 * Every status of smsk_septet_pack / smsk_septet_unpack
 * ------------------------------------------------------------------- */

Test(septet, pack_rejects_bad_arguments)
{
    uint8_t sept[4] = {1, 2, 3, 4}, out[8];
    size_t len = 99;
    cr_expect_eq(smsk_septet_pack(out, sizeof out, NULL, sept, 4, 0, 0, NULL),
            SMSK_E_ARG);
    cr_expect_eq(
            smsk_septet_pack(NULL, 8, &len, sept, 4, 0, 0, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_septet_pack(out, sizeof out, &len, NULL, 4, 0, 0, NULL),
            SMSK_E_ARG);
    cr_expect_eq(smsk_septet_pack(out, sizeof out, &len, sept, 4, 7, 0, NULL),
            SMSK_E_ARG);
    cr_expect_eq(smsk_septet_pack(out, sizeof out, &len, sept, 4, 255, 0, NULL),
            SMSK_E_ARG);
    /* NULL is fine with a zero length. */
    len = 99;
    cr_expect_eq(smsk_septet_pack(NULL, 0, &len, NULL, 0, 0, 0, NULL), SMSK_OK);
    cr_expect_eq(len, 0u);
    len = 99;
    cr_expect_eq(smsk_septet_pack(out, sizeof out, &len, sept, 0, 3, 0, NULL),
            SMSK_OK);
    cr_expect_eq(len, 0u, "no septets take no octets, fill or not");
}

/* Sizes that take each of the kernels' paths: one block, two, one SMS
 * (129-192 septets) and more; with and without fill bits. */
Test(septet, pack_rejects_septet_above_0x7f)
{
    static const size_t sizes[] = {10, 100, 160, 250};
    uint8_t sept[250], out[256];
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
        for (unsigned fill = 0; fill <= 3; fill += 3)
            for (size_t at = 0; at < sizes[z]; at += at < 12 || at + 12 > sizes[z] ? 1 : 11) {
                size_t n = sizes[z];
                memset(sept, 0x41, sizeof sept);
                sept[at] = 0x80;
                if (at + 1 < n)
                    sept[at + 1] = 0xFF; /* only the first one is reported */
                smsk_diag diag = {12345, 0, NULL};
                size_t len = 99;
                smsk_status st = smsk_septet_pack(
                        out, sizeof out, &len, sept, n, fill, 0, &diag);
                cr_expect_eq(st, SMSK_E_RANGE, "n %zu fill %u 0x80 at %zu: %s", n,
                        fill, at, smsk_status_name(st));
                cr_expect_eq(diag.offset, at, "n %zu fill %u 0x80 at %zu: diag.offset %zu",
                        n, fill, at, diag.offset);
                cr_expect_eq(len, 0u, "n %zu: no length on error", n);
                cr_expect(diag.what != NULL);
            }
}

Test(septet, pack_rejects_count_whose_length_overflows)
{
    uint8_t sept[1] = {0}, out[1];
    size_t len = 0;
    /* The count is checked before any septet is read. */
    cr_expect_eq(smsk_septet_pack(out, sizeof out, &len, sept, SIZE_MAX / 7 + 1,
                         0, 0, NULL),
            SMSK_E_RANGE);
    cr_expect_eq(
            smsk_septet_pack(out, sizeof out, &len, sept, SIZE_MAX, 0, 0, NULL),
            SMSK_E_RANGE);
}

Test(septet, pack_nospace_reports_octets_needed)
{
    uint8_t sept[160], out[200];
    memset(sept, 0x55, sizeof sept);
    for (size_t n = 1; n <= 160; n++) {
        for (unsigned fill = 0; fill <= 6; fill++) {
            size_t need = ref_packed_len(n, fill), len = 0;
            smsk_status st = smsk_septet_pack(
                    out, need - 1, &len, sept, n, fill, 0, NULL);
            cr_expect(st == SMSK_E_NOSPACE && len == need,
                    "n %zu fill %u cap %zu: %s, *dst_len %zu (want %zu)", n,
                    fill, need - 1, smsk_status_name(st), len, need);
            st = smsk_septet_pack(out, need, &len, sept, n, fill, 0, NULL);
            cr_expect(st == SMSK_OK && len == need,
                    "n %zu fill %u exact cap: %s", n, fill,
                    smsk_status_name(st));
        }
    }
    /* With CR fill the added CR counts: 8 septets ending in CR become 9
     * (TS 23.038 6.1.2.3.1), 8 octets. */
    sept[7] = CR;
    size_t len = 0;
    cr_expect_eq(
            smsk_septet_pack(out, 7, &len, sept, 8, 0, SMSK_GSM7_CR_PAD, NULL),
            SMSK_E_NOSPACE);
    cr_expect_eq(len, 8u);
}

Test(septet, unpack_rejects_bad_arguments)
{
    uint8_t src[8] = {0}, out[16];
    size_t n = 0;
    cr_expect_eq(smsk_septet_unpack(out, sizeof out, NULL, src, 8, 9, 0, 0),
            SMSK_E_ARG);
    cr_expect_eq(smsk_septet_unpack(NULL, 16, &n, src, 8, 9, 0, 0), SMSK_E_ARG);
    cr_expect_eq(smsk_septet_unpack(out, sizeof out, &n, NULL, 8, 9, 0, 0),
            SMSK_E_ARG);
    cr_expect_eq(smsk_septet_unpack(out, sizeof out, &n, src, 8, 9, 7, 0),
            SMSK_E_ARG);
    n = 99;
    cr_expect_eq(smsk_septet_unpack(NULL, 0, &n, NULL, 0, 0, 0, 0), SMSK_OK);
    cr_expect_eq(n, 0u);
    n = 99;
    cr_expect_eq(
            smsk_septet_unpack(NULL, 0, &n, NULL, 0, SMSK_SEPTETS_ALL, 0, 0),
            SMSK_OK);
    cr_expect_eq(n, 0u);
}

/* Truncation at every length of a full 160-septet TP-UD. */
Test(septet, unpack_truncated_at_every_octet)
{
    uint8_t sept[160], packed[140], out[160];
    for (size_t i = 0; i < sizeof sept; i++)
        sept[i] = (uint8_t)(i * 37 % 128);
    cr_assert_eq(ref_pack(packed, sept, 160, 0), 140u);
    for (size_t len = 0; len < 140; len++) {
        size_t n = 0;
        smsk_status st =
                smsk_septet_unpack(out, sizeof out, &n, packed, len, 160, 0, 0);
        cr_expect_eq(st, SMSK_E_TRUNC, "160 septets from %zu octets: %s", len,
                smsk_status_name(st));
    }
    size_t n = 0;
    cr_expect_eq(
            smsk_septet_unpack(out, sizeof out, &n, packed, 140, 160, 0, 0),
            SMSK_OK);
    expect_bytes_eq("160 septets", out, n, sept, 160);
    /* One fill bit: 7 septets need 50 bits, 7 octets. */
    cr_expect_eq(smsk_septet_unpack(out, sizeof out, &n, packed, 6, 7, 1, 0),
            SMSK_E_TRUNC);
    cr_expect_eq(smsk_septet_unpack(out, sizeof out, &n, packed, 7, 7, 1, 0),
            SMSK_OK);
    cr_expect_eq(smsk_septet_unpack(
                         out, sizeof out, &n, packed, 1, SIZE_MAX - 1, 0, 0),
            SMSK_E_TRUNC);
}

Test(septet, unpack_nospace_reports_septets_needed)
{
    uint8_t packed[140] = {0}, out[160];
    size_t n = 0;
    cr_expect_eq(smsk_septet_unpack(out, 9, &n, packed, 140, 10, 0, 0),
            SMSK_E_NOSPACE);
    cr_expect_eq(n, 10u);
    n = 0;
    cr_expect_eq(smsk_septet_unpack(
                         out, 159, &n, packed, 140, SMSK_SEPTETS_ALL, 0, 0),
            SMSK_E_NOSPACE);
    cr_expect_eq(n, 160u);
    cr_expect_eq(smsk_septet_unpack(
                         out, 160, &n, packed, 140, SMSK_SEPTETS_ALL, 0, 0),
            SMSK_OK);
    cr_expect_eq(n, 160u);
}

Test(septet, unpack_all_counts_septets_after_fill)
{
    uint8_t packed[16], out[32];
    memset(packed, 0, sizeof packed);
    for (size_t octets = 0; octets <= sizeof packed; octets++)
        for (unsigned fill = 0; fill <= 6; fill++) {
            size_t n = 0, want = 0;
            while (ref_packed_len(want + 1, fill) <= octets)
                want++;
            cr_expect_eq(smsk_septet_unpack(out, sizeof out, &n, packed, octets,
                                 SMSK_SEPTETS_ALL, fill, 0),
                    SMSK_OK);
            cr_expect_eq(n, want,
                    "%zu octets after %u fill bits: %zu septets, want %zu",
                    octets, fill, n, want);
        }
}

/* ---------------------------------------------------------------------
 * CR fill, TS 23.038 6.1.2.3.1
 * ------------------------------------------------------------------- */

static void fill_text_septets(uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        s[i] = (uint8_t)('a' + i % 26); /* no CR */
}

/* "If the total number of characters to be sent equals (8n-1) ... the
 * carriage return or <CR> character ... shall be used for padding". */
Test(septet, cr_pad_fills_seven_spare_bits_with_cr)
{
    uint8_t sept[200], exp[200], out[200];
    for (size_t n = 1; n <= 190; n++) {
        fill_text_septets(sept, n + 1);
        sept[n] = CR;
        int pad = n % 8 == 7;
        size_t elen = ref_pack(exp, sept, n + (size_t)pad, 0), len = 0;
        char what[64];
        snprintf(what, sizeof what, "%zu septets with CR fill", n);
        cr_expect_eq(smsk_septet_pack(out, sizeof out, &len, sept, n, 0,
                             SMSK_GSM7_CR_PAD, NULL),
                SMSK_OK);
        expect_bytes_eq(what, out, len, exp, elen);
        /* Without the flag the spare bits are zero. */
        elen = ref_pack(exp, sept, n, 0);
        cr_expect_eq(
                smsk_septet_pack(out, sizeof out, &len, sept, n, 0, 0, NULL),
                SMSK_OK);
        expect_bytes_eq(what, out, len, exp, elen);
    }
}

/* "If <CR> is intended to be the last character and the message
 * (including the wanted <CR>) ends on an octet boundary, then another
 * <CR> must be added together with a padding bit 0." */
Test(septet, cr_pad_doubles_final_cr_on_octet_boundary)
{
    uint8_t sept[200], exp[200], out[200];
    for (size_t n = 1; n <= 190; n++) {
        fill_text_septets(sept, n);
        sept[n - 1] = CR;
        sept[n] = CR;
        /* 8k septets end on a boundary: a second CR; 8k-1 septets ending
         * in CR leave 7 spare bits: the fill CR as ever. */
        int extra = n % 8 == 0 || n % 8 == 7;
        size_t elen = ref_pack(exp, sept, n + (size_t)extra, 0), len = 0;
        char what[64];
        snprintf(what, sizeof what, "%zu septets ending in CR", n);
        cr_expect_eq(smsk_septet_pack(out, sizeof out, &len, sept, n, 0,
                             SMSK_GSM7_CR_PAD, NULL),
                SMSK_OK);
        expect_bytes_eq(what, out, len, exp, elen);
    }
}

/* The receiver removes a final CR only where the septets end on an
 * octet boundary ("the receiving entity will perform a carriage return
 * twice" otherwise). */
Test(septet, cr_pad_unpack_removes_cr_only_on_octet_boundary)
{
    uint8_t sept[200], packed[200], out[200];
    for (size_t n = 1; n <= 190; n++) {
        fill_text_septets(sept, n);
        sept[n - 1] = CR;
        size_t plen = ref_pack(packed, sept, n, 0), got = 0;
        size_t want = n % 8 == 0 ? n - 1 : n;
        cr_expect_eq(smsk_septet_unpack(out, sizeof out, &got, packed, plen, n,
                             0, SMSK_GSM7_CR_PAD),
                SMSK_OK);
        cr_expect_eq(got, want, "%zu septets ending in CR: %zu out, want %zu",
                n, got, want);
        cr_expect(memcmp(out, sept, want) == 0, "%zu septets: content", n);
        /* Without the flag nothing is removed. */
        cr_expect_eq(smsk_septet_unpack(
                             out, sizeof out, &got, packed, plen, n, 0, 0),
                SMSK_OK);
        cr_expect_eq(got, n);
        /* A final septet other than CR is never removed. */
        sept[n - 1] = 'z';
        plen = ref_pack(packed, sept, n, 0);
        cr_expect_eq(smsk_septet_unpack(out, sizeof out, &got, packed, plen, n,
                             0, SMSK_GSM7_CR_PAD),
                SMSK_OK);
        cr_expect_eq(got, n, "%zu septets ending in 'z'", n);
    }
}

/* What pack-0106 (skipped in its decode direction) decodes to per the
 * standard: 'pattern' CR CR, both CRs kept (9 septets, 63 bits). */
Test(septet, cr_pad_unpack_keeps_cr_off_boundary)
{
    static const uint8_t packed[] = {
            0xF0, 0x30, 0x9D, 0x5E, 0x96, 0xBB, 0x1B, 0x0D};
    static const uint8_t exp[] = {'p', 'a', 't', 't', 'e', 'r', 'n', CR, CR};
    uint8_t out[16];
    size_t n = 0;
    cr_expect_eq(smsk_septet_unpack(out, sizeof out, &n, packed, sizeof packed,
                         SMSK_SEPTETS_ALL, 0, SMSK_GSM7_CR_PAD),
            SMSK_OK);
    expect_bytes_eq("F0309D5E96BB1B0D, SMSK_SEPTETS_ALL, CR fill", out, n, exp,
            sizeof exp);
}

/* Pack then unpack every septet count with CR fill on both sides gives
 * the septets back, except that a wanted final CR on an octet boundary
 * comes back doubled (6.1.2.3.1: "perform a carriage return twice"). */
Test(septet, cr_pad_round_trip_all_septets)
{
    uint8_t sept[200], packed[200], out[220];
    for (size_t n = 0; n <= 190; n++) {
        for (int last_cr = 0; last_cr <= 1; last_cr++) {
            if (n == 0 && last_cr)
                continue;
            fill_text_septets(sept, n);
            if (last_cr)
                sept[n - 1] = CR;
            size_t plen = 0, got = 0;
            cr_assert_eq(smsk_septet_pack(packed, sizeof packed, &plen, sept, n,
                                 0, SMSK_GSM7_CR_PAD, NULL),
                    SMSK_OK);
            cr_assert_eq(smsk_septet_unpack(out, sizeof out, &got, packed, plen,
                                 SMSK_SEPTETS_ALL, 0, SMSK_GSM7_CR_PAD),
                    SMSK_OK);
            size_t want = n + (last_cr && n % 8 == 0);
            cr_expect_eq(got, want, "%zu septets (last CR %d): %zu back", n,
                    last_cr, got);
            cr_expect(memcmp(out, sept, n) == 0, "%zu septets: content", n);
            if (want > n)
                cr_expect_eq(out[n], CR);
        }
    }
}

/* ---------------------------------------------------------------------
 * Kernels: REF, SWAR and BMI2 agree, and write only what they document
 * ------------------------------------------------------------------- */

#define K_MAX_N 200u
#define K_SLACK 16u           /* random capacity beyond the documented range */
#define K_PAD 24u             /* canary bytes before and after */
#define K_AREA (K_MAX_N + 8u) /* octets the septets can span */
#define K_BUF (K_PAD + K_AREA + K_SLACK + K_PAD)

/*
 * The kernels to compare: every value that smsk__septet_impl_available()
 * accepts, REF first. Counting through the values (rather than naming
 * them) picks up a kernel added later without a change here.
 */
#define K_MAX_IMPLS 8
static smsk__septet_impl k_impls[K_MAX_IMPLS];
static const char *k_names[K_MAX_IMPLS];

static int k_find_impls(void)
{
    static const char *const known[] = {"REF", "SWAR", "BMI2"};
    static const char *const later[] = {
            "impl 3", "impl 4", "impl 5", "impl 6", "impl 7"};
    int n = 0;
    for (int v = 0; v < K_MAX_IMPLS; v++) {
        smsk__septet_impl impl = (smsk__septet_impl)v;
        if (!smsk__septet_impl_available(impl))
            continue;
        k_impls[n] = impl;
        k_names[n] = v < 3 ? known[v] : later[v - 3];
        n++;
    }
    cr_assert(n >= 2 && k_impls[0] == SMSK__SEPTET_REF
                    && k_impls[1] == SMSK__SEPTET_SWAR,
            "REF and SWAR are always available");
    return n;
}

#define K_REPORT_MAX 20
#define K_CASES 2000000u

typedef struct k_stats {
    size_t cases, failures;
} k_stats;

static void k_fail(k_stats *st, const char *fmt_what, const char *impl,
        size_t n, size_t bitpos, size_t cap, size_t at)
{
    if (++st->failures <= K_REPORT_MAX)
        cr_expect_fail(
                "%s: %s kernel, n %zu, bitpos %zu, cap/src_len %zu, at %zu",
                fmt_what, impl, n, bitpos, cap, at);
}

/* First octet where `a` and `b` differ (n if none). */
static size_t k_first_diff(const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t i = 0;
    while (i < n && a[i] == b[i])
        i++;
    return i;
}

/*
 * One random case: pack `n` random septets at `bitpos` with each kernel
 * into a buffer of random bytes, check what changed, then unpack them
 * with each kernel (REF only when `ref_unpack`: it is slow, and every
 * kernel's output is checked against the septets themselves anyway)
 * into another one. `check_ref`: also check REF against the test's own
 * bit-by-bit packing.
 */
static void k_case(test_rng *rng, k_stats *st, size_t n, size_t bitpos,
        int n_impls, int check_ref, int ref_unpack)
{
    uint8_t sept[K_MAX_N], low7[K_MAX_N], canary[K_BUF],
            buf[K_MAX_IMPLS][K_BUF];
    uint8_t exp[K_AREA], out[K_PAD + K_MAX_N + K_PAD], ocanary[sizeof out];
    int high = rng_below(rng, 8) == 0; /* some cases carry bit 7 */
    rng_fill(rng, sept, n);
    int any_high = 0;
    for (size_t i = 0; i < n; i++) {
        if (!high)
            sept[i] &= 0x7F;
        any_high |= sept[i] > 0x7F;
        low7[i] = sept[i] & 0x7F;
    }
    rng_fill(rng, canary, sizeof canary);
    size_t lo = bitpos / 8, end = smsk__bits_octets(bitpos + 7 * n);
    size_t cap = (end > lo ? end : lo + 1) + rng_below(rng, K_SLACK + 1);
    unsigned keep = (unsigned)(bitpos % 8);
    size_t after = K_PAD + end;
    st->cases++;

    for (int k = 0; k < n_impls; k++) {
        uint8_t *b = buf[k], *dst = b + K_PAD;
        memcpy(b, canary, sizeof canary);
        int r = smsk__septet_pack_at(k_impls[k], dst, cap, bitpos, sept, n);
        if ((r != 0) != any_high)
            k_fail(st, "pack_at return disagrees with bit 7 of the septets",
                    k_names[k], n, bitpos, cap, 0);
        /* Octets outside [bitpos/8, end) are untouched, even inside cap. */
        if (memcmp(b, canary, K_PAD + lo) != 0)
            k_fail(st, "pack_at wrote below bitpos/8", k_names[k], n, bitpos,
                    cap, k_first_diff(b, canary, K_PAD + lo) - K_PAD);
        if (memcmp(b + after, canary + after, sizeof canary - after) != 0)
            k_fail(st, "pack_at wrote past ceil((bitpos+7n)/8)", k_names[k], n,
                    bitpos, cap,
                    end
                            + k_first_diff(b + after, canary + after,
                                    sizeof canary - after));
        /* The bits below bitpos in its octet are kept. */
        if (keep && ((dst[lo] ^ canary[K_PAD + lo]) & ((1u << keep) - 1)) != 0)
            k_fail(st, "pack_at changed the bits below bitpos", k_names[k], n,
                    bitpos, cap, lo);
        /* With a septet above 0x7F the octets are unspecified. */
        if (n == 0 || any_high)
            continue;
        /* The high bits of the last octet are zero. */
        unsigned used = (unsigned)((bitpos + 7 * n) % 8);
        if (used && (dst[end - 1] >> used) != 0)
            k_fail(st, "pack_at left high bits set in the last octet",
                    k_names[k], n, bitpos, cap, end - 1);
        if (k > 0 && memcmp(buf[0] + K_PAD + lo, dst + lo, end - lo) != 0)
            k_fail(st, "pack_at differs from the REF kernel", k_names[k], n,
                    bitpos, cap,
                    lo + k_first_diff(buf[0] + K_PAD + lo, dst + lo, end - lo));
    }
    if (n > 0 && check_ref) {
        /* REF against the test's own reading of TS 23.038 6.1.2.1.1. */
        uint8_t *dst = buf[0] + K_PAD;
        memset(exp, 0, sizeof exp);
        ref_pack(exp, sept, n, keep);
        exp[0] = (uint8_t)(exp[0] | (canary[K_PAD + lo] & ((1u << keep) - 1)));
        if (memcmp(dst + lo, exp, end - lo) != 0)
            k_fail(st, "REF kernel differs from TS 23.038 6.1.2.1.1", "REF", n,
                    bitpos, cap, lo + k_first_diff(dst + lo, exp, end - lo));
    }

    /* Unpack from the REF-packed octets, reading at most src_len. */
    const uint8_t *src = buf[0] + K_PAD;
    size_t src_len = end + rng_below(rng, K_SLACK + 1);
    rng_fill(rng, ocanary, sizeof ocanary);
    for (int k = ref_unpack ? 0 : 1; k < n_impls; k++) {
        memcpy(out, ocanary, sizeof out);
        smsk__septet_unpack_at(
                k_impls[k], out + K_PAD, src, src_len, bitpos, n);
        if (memcmp(out + K_PAD, low7, n) != 0)
            k_fail(st, "unpack_at does not give the packed septets back",
                    k_names[k], n, bitpos, src_len,
                    k_first_diff(out + K_PAD, low7, n));
        if (memcmp(out, ocanary, K_PAD) != 0
                || memcmp(out + K_PAD + n, ocanary + K_PAD + n,
                           sizeof out - K_PAD - n)
                        != 0)
            k_fail(st, "unpack_at wrote outside dst[0..n)", k_names[k], n,
                    bitpos, src_len, 0);
    }
}

/* Every length 0..200 at every bit position 0..6 (and one or two octets
 * further in), four times, then random ones: 2 million cases, each packed
 * and unpacked by every kernel (about 5 s at -O2 with four kernels, 20 s
 * under ASan and UBSan). */
Test(septet, kernels_agree_on_random_input, .timeout = 120)
{
    test_rng rng = {0x9E3779B97F4A7C15ull};
    k_stats st = {0, 0};
    int n_impls = k_find_impls();
    cr_log_info("septet kernels compared: %d (BMI2 %s)", n_impls,
            smsk__septet_impl_available(SMSK__SEPTET_BMI2) ? "available"
                                                           : "not available");
    for (unsigned rep = 0; rep < 4; rep++)
        for (size_t n = 0; n <= K_MAX_N; n++)
            for (size_t b = 0; b < 7 * 3; b++)
                k_case(&rng, &st, n, b % 7 + 8 * (b / 7), n_impls, 1, 1);
    for (size_t i = 0; i < K_CASES - 4 * 201 * 21; i++) {
        size_t n = rng_below(&rng, K_MAX_N + 1);
        size_t bitpos = i % 7 + 8 * rng_below(&rng, 3);
        k_case(&rng, &st, n, bitpos, n_impls, i % 16 == 0, i % 4 == 0);
    }
    cr_expect(st.failures == 0, "%zu of %zu kernel cases failed", st.failures,
            st.cases);
    cr_expect(st.cases >= 2000000, "only %zu cases", st.cases);
}

/* Agreement with BMI2 explicitly named, so that a missing BMI2 kernel
 * shows as a skip rather than passing silently. */
Test(septet, bmi2_kernel_available_where_cpu_has_it)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (!__builtin_cpu_supports("bmi2"))
        cr_skip_test("CPU without BMI2");
    cr_expect(smsk__septet_impl_available(SMSK__SEPTET_BMI2),
            "x86-64 CPU with BMI2 but no BMI2 kernel");
#else
    cr_skip_test("not x86-64");
#endif
}

/* ---------------------------------------------------------------------
 * Guard pages: nothing reads or writes past the end of a buffer
 * ------------------------------------------------------------------- */

#define G_MAX_N 200u

Test(septet, kernels_stop_at_guard_page)
{
    guard_buf gd, gs;
    cr_assert(guard_alloc(&gd, 256) == 0 && guard_alloc(&gs, 256) == 0, "mmap");
    uint8_t sept[G_MAX_N], packed[G_MAX_N];
    for (size_t i = 0; i < G_MAX_N; i++)
        sept[i] = (uint8_t)((i * 71 + 5) & 0x7F);
    int n_impls = k_find_impls();
    for (size_t n = 0; n <= G_MAX_N; n++)
        for (size_t bitpos = 0; bitpos <= 6; bitpos++) {
            /* The kernels' range: with n 0 it may still be octet 0. */
            size_t end = smsk__bits_octets(bitpos + 7 * n);
            size_t plen = ref_pack(packed, sept, n, (unsigned)bitpos);
            cr_assert(plen == (n ? end : 0));
            for (int k = 0; k < n_impls; k++) {
                /* dst ends where the septets do. */
                uint8_t *dst = gd.ptr + gd.len - end;
                memset(dst, 0, end);
                smsk__septet_pack_at(k_impls[k], dst, end, bitpos, sept, n);
                cr_expect(memcmp(dst, packed, plen) == 0,
                        "%s pack_at n %zu bitpos %zu", k_names[k], n, bitpos);
                /* src ends where the septets do; dst holds n septets. */
                uint8_t *src = gs.ptr + gs.len - end;
                memset(src, 0, end);
                memcpy(src, packed, plen);
                uint8_t *out = gd.ptr + gd.len - n;
                smsk__septet_unpack_at(k_impls[k], out, src, end, bitpos, n);
                cr_expect(memcmp(out, sept, n) == 0,
                        "%s unpack_at n %zu bitpos %zu", k_names[k], n, bitpos);
            }
        }
    guard_free(&gd);
    guard_free(&gs);
}

Test(septet, pack_and_unpack_stop_at_guard_page)
{
    guard_buf gd, gs;
    cr_assert(guard_alloc(&gd, 256) == 0 && guard_alloc(&gs, 256) == 0, "mmap");
    uint8_t packed[G_MAX_N];
    for (size_t n = 0; n <= G_MAX_N; n++)
        for (unsigned fill = 0; fill <= 6; fill++) {
            /* The septets end at the guard page, and so does dst. */
            uint8_t *sept = gs.ptr + gs.len - n;
            for (size_t i = 0; i < n; i++)
                sept[i] = (uint8_t)((i * 29 + n) & 0x7F);
            size_t plen = ref_pack(packed, sept, n, fill), len = 0, got = 0;
            uint8_t *dst = gd.ptr + gd.len - plen;
            cr_expect_eq(
                    smsk_septet_pack(dst, plen, &len, sept, n, fill, 0, NULL),
                    SMSK_OK);
            cr_expect(len == plen && memcmp(dst, packed, plen) == 0,
                    "pack n %zu fill %u", n, fill);
            /* Now the packed octets end at the guard page. */
            uint8_t *src = gs.ptr + gs.len - plen;
            memcpy(src, packed, plen);
            uint8_t *out = gd.ptr + gd.len - n;
            cr_expect_eq(
                    smsk_septet_unpack(out, n, &got, src, plen, n, fill, 0),
                    SMSK_OK);
            cr_expect_eq(got, n);
            got = 0;
            cr_expect_eq(smsk_septet_unpack(out, n, &got, src, plen, n, fill,
                                 SMSK_GSM7_CR_PAD),
                    SMSK_OK);
            size_t all = SMSK_OCTETS_SEPTETS(plen, fill);
            out = gd.ptr + gd.len - all;
            cr_expect_eq(smsk_septet_unpack(out, all, &got, src, plen,
                                 SMSK_SEPTETS_ALL, fill, SMSK_GSM7_CR_PAD),
                    SMSK_OK);
        }
    guard_free(&gd);
    guard_free(&gs);
}

/* smsk_gsm7_decode_packed and smsk_gsm7_encode_packed at the very end
 * of their buffers. */
Test(septet, gsm7_packed_stop_at_guard_page)
{
    guard_buf gd, gs;
    cr_assert(
            guard_alloc(&gd, 1024) == 0 && guard_alloc(&gs, 1024) == 0, "mmap");
    static const smsk_gsm7_shift def = {SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT};
    uint8_t sept[G_MAX_N], packed[G_MAX_N];
    char text[G_MAX_N];
    for (size_t n = 0; n <= G_MAX_N; n++)
        for (unsigned fill = 0; fill <= 6; fill++) {
            for (size_t i = 0; i < n; i++) {
                text[i] = (char)('A' + (i + fill) % 26);
                sept[i] = (uint8_t)text[i]; /* A-Z sit at their ASCII codes */
            }
            size_t plen = ref_pack(packed, sept, n, fill), len = 0, ns = 0;
            uint8_t *src = gs.ptr + gs.len - plen;
            memcpy(src, packed, plen);
            char *dst = (char *)gd.ptr + gd.len - n;
            smsk_status st = smsk_gsm7_decode_packed(
                    dst, n, &len, src, plen, n, def, fill, 0, NULL);
            cr_expect(st == SMSK_OK && len == n && memcmp(dst, text, n) == 0,
                    "decode_packed n %zu fill %u: %s", n, fill,
                    smsk_status_name(st));
            st = smsk_gsm7_decode_packed(dst, n, &len, src, plen, n, def, fill,
                    SMSK_GSM7_CR_PAD, NULL);
            cr_expect(st == SMSK_OK, "decode_packed CR n %zu fill %u: %s", n,
                    fill, smsk_status_name(st));
            size_t all = SMSK_OCTETS_SEPTETS(plen, fill);
            dst = (char *)gd.ptr + gd.len - SMSK_GSM7_TEXT_MAX(all);
            st = smsk_gsm7_decode_packed(dst, SMSK_GSM7_TEXT_MAX(all), &len,
                    src, plen, SMSK_SEPTETS_ALL, def, fill, SMSK_GSM7_LENIENT,
                    NULL);
            cr_expect(st == SMSK_OK, "decode_packed ALL n %zu fill %u: %s", n,
                    fill, smsk_status_name(st));
            /* Text at the end of one buffer, packed octets at the end of the
             * other. */
            char *tx = (char *)gs.ptr + gs.len - n;
            memcpy(tx, text, n);
            uint8_t *pd = gd.ptr + gd.len - plen;
            st = smsk_gsm7_encode_packed(
                    pd, plen, &len, &ns, tx, n, def, fill, 0, NULL);
            cr_expect(st == SMSK_OK && len == plen && ns == n
                            && memcmp(pd, packed, plen) == 0,
                    "encode_packed n %zu fill %u: %s", n, fill,
                    smsk_status_name(st));
            /* Unpacked septets at the end of a buffer. */
            uint8_t *us = gs.ptr + gs.len - n;
            memcpy(us, sept, n);
            dst = (char *)gd.ptr + gd.len - n;
            st = smsk_gsm7_decode(dst, n, &len, us, n, def, 0, NULL);
            cr_expect(st == SMSK_OK && len == n && memcmp(dst, text, n) == 0,
                    "decode n %zu: %s", n, smsk_status_name(st));
        }
    guard_free(&gd);
    guard_free(&gs);
}
