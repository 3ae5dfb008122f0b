/* SPDX-License-Identifier: MIT */
/*
 * Hex <-> octets (AT PDU mode, TS 27.005 3.1) through the public API.
 * Expected octets come from tests/helpers/bytes.h's own hex reader or are
 * written out; expected hex from the PDUs of tests/vectors/pdu_decode.jsonl
 * (row ids cited) or from snprintf. The guard-page tests at the end take
 * theirs from a digit-by-digit reference decoder written in this file.
 */
#define _DEFAULT_SOURCE /* tests/helpers/guard.c: mmap, sysconf */
#include <criterion/criterion.h>
#include <smskit.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "helpers/bytes.h"
#include "helpers/guard.c"
#include "helpers/rng.h"

TestSuite(hex, .timeout = 5);

#define BUF 256

/* dec-0001 (warthog618): SC address, SMS-DELIVER "Test". */
static const char PDU_0001[] = "07914151551512F2040B916105551511F100006060605130308A04D4F29C0E";

static smsk_status decode(uint8_t *dst, size_t cap, size_t *len, const char *hex,
        smsk_diag *diag)
{
    return smsk_hex_decode(dst, cap, len, hex, strlen(hex), diag);
}

Test(hex, decode_upper_case_pdu)
{
    uint8_t out[BUF], exp[BUF];
    size_t n = 0, e = hex_decode(exp, sizeof exp, PDU_0001);
    cr_assert_eq(decode(out, sizeof out, &n, PDU_0001, NULL), SMSK_OK);
    assert_bytes_eq(out, n, exp, e);
}

Test(hex, decode_lower_and_mixed_case)
{
    /* dec-0069 asks for lower-case input to be accepted. */
    static const uint8_t exp[] = {0xAB, 0xCD, 0xEF, 0x0A, 0xF0};
    uint8_t out[8];
    size_t n = 0;
    cr_assert_eq(decode(out, sizeof out, &n, "abcdef0af0", NULL), SMSK_OK);
    assert_bytes_eq(out, n, exp, sizeof exp);
    cr_assert_eq(decode(out, sizeof out, &n, "aBcDeF0aF0", NULL), SMSK_OK);
    assert_bytes_eq(out, n, exp, sizeof exp);
}

Test(hex, decode_skips_spaces_and_tabs_anywhere)
{
    static const uint8_t exp[] = {0x07, 0x91, 0x41, 0x51};
    uint8_t out[8];
    size_t n = 0;
    cr_assert_eq(decode(out, sizeof out, &n, " 07 91\t4151 ", NULL), SMSK_OK);
    assert_bytes_eq(out, n, exp, sizeof exp);
    cr_assert_eq(decode(out, sizeof out, &n, "0 7\t\t9 1 4 1 5 1", NULL), SMSK_OK);
    assert_bytes_eq(out, n, exp, sizeof exp);
}

Test(hex, decode_empty_and_blank_input_give_no_octets)
{
    uint8_t out[4];
    size_t n = 99;
    cr_assert_eq(smsk_hex_decode(out, sizeof out, &n, "", 0, NULL), SMSK_OK);
    cr_assert_eq(n, 0);
    n = 99;
    cr_assert_eq(smsk_hex_decode(NULL, 0, &n, NULL, 0, NULL), SMSK_OK);
    cr_assert_eq(n, 0);
    n = 99;
    cr_assert_eq(decode(out, sizeof out, &n, " \t ", NULL), SMSK_OK);
    cr_assert_eq(n, 0);
}

Test(hex, decode_every_octet_value)
{
    char hex[513]; /* snprintf writes a NUL after the last pair */
    uint8_t out[256];
    for (unsigned i = 0; i < 256; i++)
        snprintf(hex + 2 * i, 3, "%02x", i);
    size_t n = 0;
    cr_assert_eq(smsk_hex_decode(out, sizeof out, &n, hex, 512, NULL), SMSK_OK);
    cr_assert_eq(n, 256);
    for (unsigned i = 0; i < 256; i++)
        cr_assert_eq(out[i], i, "octet %u", i);
}

Test(hex, decode_rejects_a_character_that_is_no_hex_digit)
{
    static const struct {
        const char *hex;
        size_t offset;
        uint32_t cp;
    } cases[] = {
        {"0G", 1, 'G'},
        {"07\n91", 2, '\n'},   /* only spaces and tabs are skipped */
        {"07\r\n", 2, '\r'},
        {"+07", 0, '+'},
        {"0x07", 1, 'x'},
        {"07,91", 2, ','},
        {"07\xC3\xA9", 2, SMSK_NO_CODEPOINT}, /* a UTF-8 byte is no ASCII character */
    };
    uint8_t out[8];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        smsk_diag d = {0, 0, NULL};
        size_t n = 0;
        cr_assert_eq(decode(out, sizeof out, &n, cases[i].hex, &d), SMSK_E_MALFORMED, "case %zu", i);
        cr_assert_eq(d.offset, cases[i].offset, "case %zu", i);
        cr_assert_eq(d.codepoint, cases[i].cp, "case %zu", i);
        cr_assert_not_null(d.what);
    }
}

Test(hex, decode_odd_digit_count_is_truncated_at_the_last_digit)
{
    uint8_t out[8];
    size_t n = 0;
    smsk_diag d = {0, 0, NULL};
    cr_assert_eq(decode(out, sizeof out, &n, "079", &d), SMSK_E_TRUNC);
    cr_assert_eq(d.offset, 2);
    cr_assert_eq(decode(out, sizeof out, &n, "0", &d), SMSK_E_TRUNC);
    cr_assert_eq(d.offset, 0);
    cr_assert_eq(decode(out, sizeof out, &n, "07 9 ", &d), SMSK_E_TRUNC);
    cr_assert_eq(d.offset, 3);
}

Test(hex, decode_truncation_at_every_length)
{
    uint8_t out[BUF], exp[BUF];
    size_t len = strlen(PDU_0001), e = hex_decode(exp, sizeof exp, PDU_0001);
    for (size_t k = 0; k <= len; k++) {
        size_t n = 0;
        smsk_diag d = {0, 0, NULL};
        smsk_status st = smsk_hex_decode(out, sizeof out, &n, PDU_0001, k, &d);
        if (k % 2 == 0) {
            cr_assert_eq(st, SMSK_OK, "length %zu", k);
            cr_assert_eq(n, k / 2);
            assert_bytes_eq(out, n, exp, k / 2);
        } else {
            cr_assert_eq(st, SMSK_E_TRUNC, "length %zu", k);
            cr_assert_eq(d.offset, k - 1);
        }
    }
    cr_assert_eq(e, len / 2);
}

Test(hex, decode_reports_the_octets_needed_and_writes_nothing)
{
    size_t need = strlen(PDU_0001) / 2;
    for (size_t cap = 0; cap < need; cap++) {
        uint8_t out[BUF];
        memset(out, 0xEE, sizeof out);
        size_t n = 0;
        cr_assert_eq(decode(out, cap, &n, PDU_0001, NULL), SMSK_E_NOSPACE, "cap %zu", cap);
        cr_assert_eq(n, need, "cap %zu", cap);
        for (size_t i = 0; i < sizeof out; i++)
            cr_assert_eq(out[i], 0xEE, "cap %zu wrote byte %zu", cap, i);
    }
    size_t n = 0;
    cr_assert_eq(decode(NULL, 0, &n, "0791", NULL), SMSK_E_NOSPACE);
    cr_assert_eq(n, 2);
}

Test(hex, decode_checks_characters_before_the_room)
{
    size_t n = 0;
    smsk_diag d = {0, 0, NULL};
    uint8_t out[1];
    cr_assert_eq(decode(out, sizeof out, &n, "0791Z1", &d), SMSK_E_MALFORMED);
    cr_assert_eq(d.offset, 4);
    cr_assert_eq(decode(out, sizeof out, &n, "07914", &d), SMSK_E_TRUNC);
}

Test(hex, decode_rejects_null_pointers)
{
    uint8_t out[4];
    size_t n = 0;
    cr_assert_eq(smsk_hex_decode(out, sizeof out, NULL, "00", 2, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_hex_decode(out, sizeof out, &n, NULL, 2, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_hex_decode(NULL, 4, &n, "00", 2, NULL), SMSK_E_ARG);
}

Test(hex, encode_writes_upper_case)
{
    uint8_t in[BUF];
    size_t n = hex_decode(in, sizeof in, PDU_0001);
    char out[2 * BUF];
    size_t len = 0;
    cr_assert_eq(smsk_hex_encode(out, sizeof out, &len, in, n), SMSK_OK);
    expect_text_eq("dec-0001", out, len, PDU_0001, strlen(PDU_0001));
}

Test(hex, encode_every_octet_value)
{
    uint8_t in[256];
    char exp[513], out[512];
    for (unsigned i = 0; i < 256; i++) {
        in[i] = (uint8_t)i;
        snprintf(exp + 2 * i, 3, "%02X", i);
    }
    size_t len = 0;
    cr_assert_eq(smsk_hex_encode(out, sizeof out, &len, in, sizeof in), SMSK_OK);
    expect_text_eq("0x00-0xFF", out, len, exp, 512);
}

Test(hex, encode_empty_input)
{
    size_t len = 99;
    cr_assert_eq(smsk_hex_encode(NULL, 0, &len, NULL, 0), SMSK_OK);
    cr_assert_eq(len, 0);
}

Test(hex, encode_reports_the_characters_needed)
{
    static const uint8_t in[] = {0x07, 0x91, 0x41};
    for (size_t cap = 0; cap < 6; cap++) {
        char out[8];
        memset(out, '~', sizeof out);
        size_t len = 0;
        cr_assert_eq(smsk_hex_encode(out, cap, &len, in, sizeof in), SMSK_E_NOSPACE, "cap %zu", cap);
        cr_assert_eq(len, 6);
        for (size_t i = 0; i < sizeof out; i++)
            cr_assert_eq(out[i], '~', "cap %zu wrote byte %zu", cap, i);
    }
}

Test(hex, encode_rejects_null_pointers)
{
    static const uint8_t in[] = {0x00};
    char out[4];
    size_t len = 0;
    cr_assert_eq(smsk_hex_encode(out, sizeof out, NULL, in, 1), SMSK_E_ARG);
    cr_assert_eq(smsk_hex_encode(out, sizeof out, &len, NULL, 1), SMSK_E_ARG);
    cr_assert_eq(smsk_hex_encode(NULL, 4, &len, in, 1), SMSK_E_ARG);
}

Test(hex, encode_then_decode_gives_the_octets_back)
{
    uint8_t in[64], back[64];
    char hex[128];
    for (size_t n = 0; n <= sizeof in; n++) {
        for (size_t i = 0; i < n; i++)
            in[i] = (uint8_t)(i * 37u + n);
        size_t hl = 0, bl = 0;
        cr_assert_eq(smsk_hex_encode(hex, sizeof hex, &hl, in, n), SMSK_OK);
        cr_assert_eq(hl, 2 * n);
        cr_assert_eq(smsk_hex_decode(back, sizeof back, &bl, hex, hl, NULL), SMSK_OK);
        assert_bytes_eq(back, bl, in, n);
    }
}

/* The 16-character fast path: every length up to 80 digits, both cases,
 * and a bad character at every position must give the same answers as
 * the digit-by-digit definition (TS 27.005 3.1). */
Test(hex, fast_path_agrees_with_the_definition_at_every_length_and_position)
{
    static const char up[] = "0123456789ABCDEF", low[] = "0123456789abcdef";
    uint64_t r = 0x243F6A8885A308D3ull;
    for (size_t octets = 0; octets <= 40; octets++) {
        uint8_t want[40], got[40];
        char hex[80];
        for (size_t i = 0; i < octets; i++) {
            r ^= r << 13, r ^= r >> 7, r ^= r << 17;
            want[i] = (uint8_t)r;
            const char *d = (r >> 20) & 1 ? up : low;
            hex[2 * i] = d[want[i] >> 4];
            hex[2 * i + 1] = d[want[i] & 15];
        }
        size_t n = 99;
        cr_assert_eq(smsk_hex_decode(got, sizeof got, &n, hex, 2 * octets, NULL), SMSK_OK);
        cr_assert_eq(n, octets);
        cr_assert(octets == 0 || memcmp(got, want, octets) == 0, "%zu octets", octets);
        for (size_t bad = 0; bad < 2 * octets; bad++) {
            static const char not_hex[] = {'g', 'G', '/', ':', '@', '`', '\x80', '\xff'};
            char saved = hex[bad];
            hex[bad] = not_hex[bad % sizeof not_hex];
            smsk_diag d;
            cr_assert_eq(smsk_hex_decode(got, sizeof got, &n, hex, 2 * octets, &d), SMSK_E_MALFORMED,
                    "bad character at %zu of %zu", bad, 2 * octets);
            cr_assert_eq(d.offset, bad);
            hex[bad] = saved;
        }
    }
}

Test(hex, encode_writes_upper_case_digits_at_every_length)
{
    /* TS 27.005 3.1: two IRA characters per octet, high nibble first */
    uint8_t src[70];
    char got[140];
    for (size_t i = 0; i < sizeof src; i++)
        src[i] = (uint8_t)(i * 37 + 11);
    for (size_t n = 0; n <= sizeof src; n++) {
        size_t len = 0;
        cr_assert_eq(smsk_hex_encode(got, sizeof got, &len, src, n), SMSK_OK);
        cr_assert_eq(len, 2 * n);
        for (size_t i = 0; i < n; i++) {
            unsigned hi = src[i] >> 4, lo = src[i] & 15u;
            cr_assert_eq(got[2 * i], (char)(hi < 10 ? '0' + hi : 'A' + hi - 10), "n %zu octet %zu", n, i);
            cr_assert_eq(got[2 * i + 1], (char)(lo < 10 ? '0' + lo : 'A' + lo - 10), "n %zu octet %zu", n, i);
        }
    }
}

/* ---------------------------------------------------------------------
 * Guard pages
 *
 * The fast path reads 64 characters a step with AVX-512 (a plain load
 * while 64 remain, a masked one for the tail) or 16 with SSE2, and
 * stores 32 or 8 octets. Here the hex and the octets each end exactly
 * at a PROT_NONE page (tests/helpers/guard.c), so a read or a write one
 * byte past either buffer faults instead of passing unseen.
 * ------------------------------------------------------------------- */

/* `len` pseudo-random hex digits, the case of each letter drawn apart. */
static void random_hex(char *hex, size_t len, test_rng *rng)
{
    static const char up[] = "0123456789ABCDEF", low[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        uint64_t r = rng_next(rng);
        hex[i] = ((r >> 32) & 1 ? up : low)[r & 15];
    }
}

/* The reference: TS 27.005 3.1 "two IRA characters per octet", the first
 * the high nibble, one pair at a time with bytes.h's hex_nibble. */
static void ref_decode(uint8_t *dst, const char *hex, size_t len)
{
    for (size_t i = 0; i + 1 < len; i += 2)
        dst[i / 2] = (uint8_t)(hex_nibble(hex[i]) << 4 | hex_nibble(hex[i + 1]));
}

Test(hex, decode_at_guard_pages_every_even_length_to_400)
{
    /* 0-400 digits: no block, whole 16- and 64-digit blocks, and every
     * tail length of the masked AVX-512 step (0-62 digits after them) */
    test_rng rng = {0x9E3779B97F4A7C15ull};
    uint8_t want[200];
    for (size_t len = 0; len <= 400; len += 2) {
        size_t octets = len / 2;
        guard_buf src, dst;
        cr_assert(guard_alloc(&src, len) == 0);
        cr_assert(guard_alloc(&dst, octets) == 0);
        char *hex = (char *)src.ptr;
        random_hex(hex, len, &rng);
        ref_decode(want, hex, len);
        char what[48];
        snprintf(what, sizeof what, "%zu digits", len);
        size_t n = 999;
        smsk_diag d = {0, 0, NULL};
        smsk_status st = smsk_hex_decode(dst.ptr, octets, &n, hex, len, &d);
        cr_assert_eq(st, SMSK_OK, "%s: %s at %zu", what, smsk_status_name(st), d.offset);
        cr_assert(expect_bytes_eq(what, dst.ptr, n, want, octets));
        guard_free(&dst);
        /* One octet short: the careful path counts and refuses before
         * it writes (the header's SMSK_E_NOSPACE with the size needed). */
        if (octets > 0) {
            cr_assert(guard_alloc(&dst, octets - 1) == 0);
            memset(dst.ptr, 0xEE, octets - 1);
            n = 0;
            st = smsk_hex_decode(dst.ptr, octets - 1, &n, hex, len, &d);
            cr_assert_eq(st, SMSK_E_NOSPACE, "%s, room for %zu: %s", what, octets - 1, smsk_status_name(st));
            cr_assert_eq(n, octets, "%s: needed %zu", what, n);
            for (size_t i = 0; i < octets - 1; i++)
                cr_assert_eq(dst.ptr[i], 0xEE, "%s, room for %zu: wrote octet %zu", what, octets - 1, i);
            guard_free(&dst);
        }
        guard_free(&src);
    }
}

Test(hex, decode_at_guard_pages_names_a_bad_character_at_every_position)
{
    /* 2: scalar only; 62, 64, 66: a masked block, one whole block, one
     * whole block and a masked one; 128, 130: two blocks, and a tail;
     * 330: five blocks and a tail of 10 (SSE2 then picks up where an
     * AVX-512 block stopped) */
    static const size_t lens[] = {2, 62, 64, 66, 128, 130, 330};
    /* No space or tab: those are blanks the decoder skips. The rest sit
     * next to the digit ranges, have bit 7 set (0xB0 and 0xE1 are '0'
     * and 'a' to a table lookup on bits 0-6 alone), or are the NUL the
     * masked load fills in past the end. */
    static const char bad[] = {'g', 'G', '/', ':', '@', '`', '\x7f', '\x80', '\xb0', '\xe1', '\xff', '\0'};
    test_rng rng = {0xB7E151628AED2A6Bull};
    for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
        size_t len = lens[k];
        guard_buf src, dst;
        cr_assert(guard_alloc(&src, len) == 0);
        cr_assert(guard_alloc(&dst, len / 2) == 0);
        char *hex = (char *)src.ptr;
        random_hex(hex, len, &rng);
        for (size_t pos = 0; pos < len; pos++) {
            char saved = hex[pos];
            for (size_t b = 0; b < sizeof bad; b++) {
                hex[pos] = bad[b];
                unsigned char c = (unsigned char)bad[b];
                uint32_t cp = c < 0x80 ? c : SMSK_NO_CODEPOINT; /* a byte above 0x7F is no ASCII character */
                size_t n = 0;
                smsk_diag d = {999, 0, NULL};
                smsk_status st = smsk_hex_decode(dst.ptr, len / 2, &n, hex, len, &d);
                cr_assert_eq(st, SMSK_E_MALFORMED, "%zu digits, 0x%02X at %zu: %s", len, c, pos, smsk_status_name(st));
                cr_assert_eq(d.offset, pos, "%zu digits, 0x%02X at %zu: offset %zu", len, c, pos, d.offset);
                cr_assert_eq(d.codepoint, cp, "%zu digits, 0x%02X at %zu", len, c, pos);
                cr_assert_not_null(d.what);
            }
            hex[pos] = saved;
        }
        guard_free(&dst);
        guard_free(&src);
    }
}

Test(hex, decode_at_guard_pages_odd_length_is_truncated)
{
    /* TS 27.005 3.1 has two digits per octet: an odd count ends inside
     * one. The careful path says so at the last digit, the byte just
     * before the guard page. */
    test_rng rng = {0x243F6A8885A308D3ull};
    for (size_t len = 1; len <= 401; len += 2) {
        guard_buf src, dst;
        cr_assert(guard_alloc(&src, len) == 0);
        cr_assert(guard_alloc(&dst, (len + 1) / 2) == 0); /* room is not the reason */
        char *hex = (char *)src.ptr;
        random_hex(hex, len, &rng);
        size_t n = 0;
        smsk_diag d = {999, 0, NULL};
        smsk_status st = smsk_hex_decode(dst.ptr, (len + 1) / 2, &n, hex, len, &d);
        cr_assert_eq(st, SMSK_E_TRUNC, "%zu digits: %s", len, smsk_status_name(st));
        cr_assert_eq(d.offset, len - 1, "%zu digits: offset %zu", len, d.offset);
        guard_free(&dst);
        guard_free(&src);
    }
}
