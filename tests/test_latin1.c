/* SPDX-License-Identifier: MIT */
/*
 * ISO-8859-1 (SMPP data_coding 3): smsk_latin1_decode and
 * smsk_latin1_encode. ISO-8859-1 maps octet x to U+00xx; the expected
 * UTF-8 is computed here from RFC 3629 section 3 (one byte below 0x80,
 * else 110000xx 10xxxxxx), not taken from the library.
 */
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "smskit.h"

TestSuite(latin1, .timeout = 5);

static void tohex(char *out, size_t cap, const uint8_t *b, size_t n)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && o + 4 < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, "%s%02X", i ? " " : "", b[i]);
}

static void assert_bytes_eq(const void *act, size_t act_len, const void *exp,
        size_t exp_len, const char *what)
{
    if (act_len == exp_len && (exp_len == 0 || memcmp(act, exp, exp_len) == 0))
        return;
    char a[256], e[256];
    tohex(a, sizeof a, act, act_len);
    tohex(e, sizeof e, exp, exp_len);
    cr_assert_fail("%s:\n  got  [%s] (%zu)\n  want [%s] (%zu)", what, a, act_len, e,
            exp_len);
}

/* The UTF-8 form of U+0000..U+00FF (RFC 3629 section 3). */
static size_t ref_utf8(uint8_t out[2], unsigned c)
{
    if (c < 0x80) {
        out[0] = (uint8_t)c;
        return 1;
    }
    out[0] = (uint8_t)(0xC0u | (c >> 6)); /* C2 or C3 */
    out[1] = (uint8_t)(0x80u | (c & 0x3Fu));
    return 2;
}

Test(latin1, every_octet_decodes_to_its_code_point)
{
    for (unsigned c = 0; c <= 0xFF; c++) {
        uint8_t src = (uint8_t)c, want[2];
        size_t want_len = ref_utf8(want, c);
        char out[4];
        memset(out, 0x55, sizeof out);
        size_t len = 999;
        cr_assert_eq(smsk_latin1_decode(out, sizeof out, &len, &src, 1), SMSK_OK,
                "0x%02X", c);
        char what[16];
        snprintf(what, sizeof what, "octet 0x%02X", c);
        assert_bytes_eq(out, len, want, want_len, what);
        cr_assert_eq((unsigned char)out[len], 0x55, "0x%02X: wrote past", c);
        uint32_t cp = 0;
        size_t pos = 0;
        cr_assert_eq(smsk_utf8_decode_next(out, len, &pos, &cp, NULL), SMSK_OK);
        cr_assert_eq(cp, c, "0x%02X decoded to U+%04X", c, cp);
    }
}

Test(latin1, all_256_octets_decode_and_encode_back)
{
    uint8_t src[256], want[512];
    size_t want_len = 0;
    for (unsigned c = 0; c <= 0xFF; c++) {
        src[c] = (uint8_t)c;
        want_len += ref_utf8(want + want_len, c);
    }
    cr_assert_eq(want_len, 128u + 2u * 128u);
    char text[512];
    size_t len = 0;
    cr_assert_eq(smsk_latin1_decode(text, sizeof text, &len, src, sizeof src), SMSK_OK);
    assert_bytes_eq(text, len, want, want_len, "0x00..0xFF");
    /* Exactly 2 * src_len is always enough; here the exact need is too. */
    cr_assert_eq(smsk_latin1_decode(text, want_len, &len, src, sizeof src), SMSK_OK);
    cr_assert_eq(len, want_len);

    uint8_t back[256];
    size_t back_len = 0;
    smsk_diag d;
    cr_assert_eq(smsk_latin1_encode(back, sizeof back, &back_len, text, len, &d), SMSK_OK);
    assert_bytes_eq(back, back_len, src, sizeof src, "encode back");
}

Test(latin1, every_code_point_up_to_u00ff_encodes_to_one_octet)
{
    for (unsigned c = 0; c <= 0xFF; c++) {
        uint8_t utf8[2];
        size_t n = ref_utf8(utf8, c);
        uint8_t out[2] = {0x55, 0x55};
        size_t len = 0;
        cr_assert_eq(smsk_latin1_encode(out, 1, &len, (const char *)utf8, n, NULL),
                SMSK_OK, "U+%04X", c);
        cr_assert_eq(len, 1);
        cr_assert_eq(out[0], c, "U+%04X gave 0x%02X", c, out[0]);
        cr_assert_eq(out[1], 0x55, "U+%04X: wrote past", c);
    }
}

Test(latin1, smpp_sample_cafe)
{
    const uint8_t latin1[] = {0x43, 0x61, 0x66, 0xE9}; /* "Caf\xE9" */
    const char utf8[] = "Caf\xC3\xA9";               /* "Café" */
    char out[16];
    size_t len = 0;
    cr_assert_eq(smsk_latin1_decode(out, sizeof out, &len, latin1, sizeof latin1), SMSK_OK);
    assert_bytes_eq(out, len, utf8, sizeof utf8 - 1, "decode Caf\\xE9");
    uint8_t back[8];
    cr_assert_eq(smsk_latin1_encode(back, sizeof back, &len, utf8, sizeof utf8 - 1, NULL),
            SMSK_OK);
    assert_bytes_eq(back, len, latin1, sizeof latin1, "encode Café");
}

Test(latin1, characters_above_u00ff_are_not_representable)
{
    static const struct {
        const char *text;
        size_t len;
        size_t offset;
        uint32_t cp;
    } cases[] = {
        {"ab\xC4\x80", 4, 2, 0x0100},                /* U+0100, first above Latin-1 */
        {"\xC3\xA9\xC4\x80", 4, 2, 0x0100},          /* after a 2-byte Latin-1 char */
        {"x\xC5\x93y", 4, 1, 0x0153},                /* oe ligature */
        {"price \xE2\x82\xAC" "5", 10, 6, 0x20AC},   /* euro sign */
        {"\xEF\xBF\xBD", 3, 0, 0xFFFD},
        {"hi \xF0\x9F\x98\x80", 7, 3, 0x1F600},
        {"\xC3\xBF\xDF\xBF", 4, 2, 0x07FF},          /* U+00FF ok, U+07FF not */
        {"\xF4\x8F\xBF\xBF", 4, 0, 0x10FFFF},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t out[16];
        size_t len = 0;
        smsk_diag d = {999, 0, NULL};
        smsk_status st = smsk_latin1_encode(out, sizeof out, &len, cases[i].text,
                cases[i].len, &d);
        cr_assert_eq(st, SMSK_E_CHARSET, "case %zu: status %d", i, (int)st);
        cr_assert_eq(d.offset, cases[i].offset, "case %zu: offset %zu, want %zu", i,
                d.offset, cases[i].offset);
        cr_assert_eq(d.codepoint, cases[i].cp, "case %zu: codepoint U+%04X, want U+%04X",
                i, d.codepoint, cases[i].cp);
        cr_assert_not_null(d.what);
        cr_assert_eq(smsk_latin1_encode(out, sizeof out, &len, cases[i].text,
                cases[i].len, NULL), SMSK_E_CHARSET, "case %zu with NULL diag", i);
    }
}

Test(latin1, encode_rejects_invalid_utf8_with_offset)
{
    static const struct {
        const char *text;
        size_t len;
        size_t offset;
    } cases[] = {
        {"Caf\xE9", 4, 3},          /* Latin-1 passed as if it were UTF-8 */
        {"ab\xC0\x80", 4, 2},       /* overlong */
        {"\xED\xA0\x80", 3, 0},     /* surrogate */
        {"ok\xC3", 3, 2},           /* truncated */
        {"\xC3\xA9\x80", 3, 2},     /* stray continuation */
        {"\xF5\x80\x80\x80", 4, 0}, /* above U+10FFFF */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t out[16];
        size_t len = 0;
        smsk_diag d = {999, 0, NULL};
        smsk_status st = smsk_latin1_encode(out, sizeof out, &len, cases[i].text,
                cases[i].len, &d);
        cr_assert_eq(st, SMSK_E_UTF8, "case %zu: status %d", i, (int)st);
        cr_assert_eq(d.offset, cases[i].offset, "case %zu: offset %zu, want %zu", i,
                d.offset, cases[i].offset);
    }
}

Test(latin1, decode_reports_bytes_needed_when_short)
{
    const uint8_t src[] = {0x43, 0x61, 0x66, 0xE9, 0xFF, 0x00}; /* C a f e-acute y-diaeresis NUL */
    const size_t need = 3 + 2 + 2 + 1;
    for (size_t cap = 0; cap < need; cap++) {
        char out[16];
        memset(out, 0x55, sizeof out);
        size_t len = 999;
        cr_assert_eq(smsk_latin1_decode(out, cap, &len, src, sizeof src), SMSK_E_NOSPACE,
                "cap %zu", cap);
        cr_assert_eq(len, need, "cap %zu: needed %zu, want %zu", cap, len, need);
        for (size_t k = cap; k < sizeof out; k++)
            cr_assert_eq((unsigned char)out[k], 0x55, "cap %zu: wrote byte %zu", cap, k);
    }
    char out[16];
    size_t len = 0;
    cr_assert_eq(smsk_latin1_decode(out, need, &len, src, sizeof src), SMSK_OK);
    cr_assert_eq(len, need);
}

Test(latin1, encode_reports_nospace_when_short)
{
    const char text[] = "Caf\xC3\xA9 \xC3\xBF"; /* "Café ÿ": 6 octets */
    const size_t need = 6;
    for (size_t cap = 0; cap < need; cap++) {
        uint8_t out[16];
        memset(out, 0x55, sizeof out);
        size_t len = 999;
        cr_assert_eq(smsk_latin1_encode(out, cap, &len, text, sizeof text - 1, NULL),
                SMSK_E_NOSPACE, "cap %zu", cap);
        /* Header convention: the size needed, else 0. */
        cr_assert(len == need || len == 0, "cap %zu: *dst_len %zu", cap, len);
        for (size_t k = cap; k < sizeof out; k++)
            cr_assert_eq(out[k], 0x55, "cap %zu: wrote octet %zu", cap, k);
    }
    uint8_t out[6];
    size_t len = 0;
    cr_assert_eq(smsk_latin1_encode(out, need, &len, text, sizeof text - 1, NULL), SMSK_OK);
    assert_bytes_eq(out, len, "Caf\xE9 \xFF", 6, "exact capacity");
}

Test(latin1, empty_input)
{
    char out[4];
    uint8_t oct[4] = {0, 0, 0, 0};
    size_t len = 999;
    cr_assert_eq(smsk_latin1_decode(out, sizeof out, &len, oct, 0), SMSK_OK);
    cr_assert_eq(len, 0);
    len = 999;
    cr_assert_eq(smsk_latin1_encode(oct, sizeof oct, &len, "", 0, NULL), SMSK_OK);
    cr_assert_eq(len, 0);
}

Test(latin1, null_arguments_are_rejected)
{
    char out[4];
    uint8_t oct[4] = {0x41, 0x42, 0x43, 0x44};
    size_t len = 0;
    cr_assert_eq(smsk_latin1_decode(out, sizeof out, NULL, oct, 4), SMSK_E_ARG);
    cr_assert_eq(smsk_latin1_decode(NULL, 8, &len, oct, 4), SMSK_E_ARG);
    cr_assert_eq(smsk_latin1_decode(out, sizeof out, &len, NULL, 4), SMSK_E_ARG);
    cr_assert_eq(smsk_latin1_encode(oct, sizeof oct, NULL, "a", 1, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_latin1_encode(NULL, 8, &len, "a", 1, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_latin1_encode(oct, sizeof oct, &len, NULL, 1, NULL), SMSK_E_ARG);
}
