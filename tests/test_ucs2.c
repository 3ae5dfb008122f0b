/* SPDX-License-Identifier: MIT */
/*
 * UCS-2 / UTF-16BE user data: smsk_ucs2_encode and smsk_ucs2_decode.
 * Expected octets come from RFC 2781 section 2.1 (surrogate pairs), RFC
 * 3629 (UTF-8 forms) and the "ucs2" rows of tests/vectors/gsm7_pack.jsonl
 * (see tests/vectors/README.md for their sources and licences). The
 * guard-page tests at the end build UTF-16BE from code points drawn by a
 * seeded generator and expect the UTF-8 of an encoder written here.
 */
#define _DEFAULT_SOURCE /* tests/helpers/guard.c: mmap, sysconf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "smskit.h"

#include "helpers/guard.c"
#include "helpers/rng.h"

TestSuite(ucs2, .timeout = 5);

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */

static unsigned hexval(char c)
{
    if (c >= '0' && c <= '9')
        return (unsigned)(c - '0');
    if (c >= 'A' && c <= 'F')
        return (unsigned)(c - 'A' + 10);
    if (c >= 'a' && c <= 'f')
        return (unsigned)(c - 'a' + 10);
    cr_assert_fail("bad hex digit '%c'", c);
    return 0;
}

/* Hex string (spaces ignored) to octets; returns the count. */
static size_t unhex(uint8_t *out, size_t cap, const char *hex)
{
    size_t n = 0;
    unsigned hi = 0;
    int half = 0;
    for (const char *p = hex; *p; p++) {
        if (*p == ' ')
            continue;
        unsigned v = hexval(*p);
        if (!half) {
            hi = v;
            half = 1;
        } else {
            cr_assert_lt(n, cap, "hex string too long");
            out[n++] = (uint8_t)(hi << 4 | v);
            half = 0;
        }
    }
    cr_assert_not(half, "odd number of hex digits in \"%s\"", hex);
    return n;
}

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
    char a[512], e[512];
    tohex(a, sizeof a, act, act_len);
    tohex(e, sizeof e, exp, exp_len);
    cr_assert_fail("%s:\n  got  [%s] (%zu)\n  want [%s] (%zu)", what, a, act_len, e,
            exp_len);
}

/* ---------------------------------------------------------------------
 * Vectors: text <-> UTF-16BE octets
 * ------------------------------------------------------------------- */

struct vec {
    const char *name;
    const char *text; /* UTF-8 */
    size_t text_len;
    const char *hex;  /* UTF-16BE */
    const char *source;
};
#define T(s) s, sizeof(s) - 1

static const struct vec vectors[] = {
    /* tests/vectors/gsm7_pack.jsonl, "mode": "ucs2", "direction": "both" */
    {"pack-0077 UCS2 'Je pompe donc je suis.'", T("Je pompe donc je suis."),
        "004A006500200070006F006D0070006500200064006F006E00630020006A006500200073007500690073002E",
        "qotto/smspdudecoder:smspdudecoder/codecs.py (doctest), MIT"},
    {"pack-0078 UCS2 'Lorem Ipsum'", T("Lorem Ipsum"),
        "004C006F00720065006D00200049007000730075006D",
        "qotto/smspdudecoder:smspdudecoder/codecs.py (doctest), MIT"},
    /* BMP characters: one unit each, the code point itself */
    {"U+0000", T("\x00"), "0000", "hand-built"},
    {"U+00E9 e-acute", T("\xC3\xA9"), "00E9", "hand-built"},
    {"U+20AC euro", T("\xE2\x82\xAC"), "20AC", "hand-built"},
    {"U+D7FF last before surrogates", T("\xED\x9F\xBF"), "D7FF", "hand-built"},
    {"U+E000 first after surrogates", T("\xEE\x80\x80"), "E000", "hand-built"},
    {"U+FFFD", T("\xEF\xBF\xBD"), "FFFD", "hand-built"},
    {"U+FFFF", T("\xEF\xBF\xBF"), "FFFF", "hand-built"},
    /* RFC 2781 2.1: U' = U - 0x10000, W1 = D800 | U' >> 10, W2 = DC00 | U' & 3FF */
    {"U+10000", T("\xF0\x90\x80\x80"), "D800DC00", "RFC 2781 2.1"},
    {"U+10302", T("\xF0\x90\x8C\x82"), "D800DF02", "RFC 2781 2.1"},
    {"U+1F600 grinning face", T("\xF0\x9F\x98\x80"), "D83DDE00", "RFC 2781 2.1"},
    {"U+10FFFF", T("\xF4\x8F\xBF\xBF"), "DBFFDFFF", "RFC 2781 2.1"},
    {"mixed", T("A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z"), "004100E920ACD83DDE00007A",
        "hand-built"},
    {"empty", T(""), "", "hand-built"},
};
#define N_VECTORS (sizeof vectors / sizeof vectors[0])

Test(ucs2, encode_vectors)
{
    for (size_t i = 0; i < N_VECTORS; i++) {
        const struct vec *v = &vectors[i];
        uint8_t want[128], got[128];
        size_t want_len = unhex(want, sizeof want, v->hex);
        size_t got_len = 999;
        smsk_diag d;
        smsk_status st = smsk_ucs2_encode(got, sizeof got, &got_len, v->text,
                v->text_len, &d);
        cr_assert_eq(st, SMSK_OK, "%s (%s): status %d", v->name, v->source, (int)st);
        assert_bytes_eq(got, got_len, want, want_len, v->name);
        cr_assert_leq(got_len, 2 * v->text_len, "%s: over 2 * text_len", v->name);
    }
}

Test(ucs2, decode_vectors)
{
    static const unsigned flags[] = {0, SMSK_UCS2_LENIENT};
    for (size_t i = 0; i < N_VECTORS; i++) {
        for (size_t f = 0; f < 2; f++) {
            const struct vec *v = &vectors[i];
            uint8_t src[128];
            char got[256];
            size_t src_len = unhex(src, sizeof src, v->hex);
            size_t got_len = 999;
            smsk_diag d;
            smsk_status st = smsk_ucs2_decode(got, sizeof got, &got_len, src, src_len,
                    flags[f], &d);
            cr_assert_eq(st, SMSK_OK, "%s (%s) flags %u: status %d", v->name,
                    v->source, flags[f], (int)st);
            assert_bytes_eq(got, got_len, v->text, v->text_len, v->name);
            cr_assert_leq(got_len, SMSK_UCS2_TEXT_MAX(src_len));
        }
    }
}

Test(ucs2, decode_into_exact_capacity)
{
    for (size_t i = 0; i < N_VECTORS; i++) {
        const struct vec *v = &vectors[i];
        uint8_t src[128];
        char got[256];
        size_t src_len = unhex(src, sizeof src, v->hex);
        size_t got_len = 0;
        memset(got, 0x55, sizeof got);
        cr_assert_eq(smsk_ucs2_decode(got, v->text_len, &got_len, src, src_len, 0,
                NULL), SMSK_OK, "%s", v->name);
        cr_assert_eq(got_len, v->text_len);
        cr_assert_eq((unsigned char)got[v->text_len], 0x55, "%s: wrote past", v->name);
        uint8_t enc[128];
        size_t enc_len = 0;
        memset(enc, 0x55, sizeof enc);
        cr_assert_eq(smsk_ucs2_encode(enc, src_len, &enc_len, v->text, v->text_len,
                NULL), SMSK_OK, "%s", v->name);
        cr_assert_eq(enc_len, src_len);
        cr_assert_eq(enc[src_len], 0x55, "%s: wrote past", v->name);
    }
}

/* ---------------------------------------------------------------------
 * Unpaired surrogates
 * ------------------------------------------------------------------- */

struct bad_utf16 {
    const char *name;
    const char *hex;
    size_t offset;      /* octet offset of the offending unit */
    uint32_t unit;      /* the offending unit */
    const char *lenient; /* UTF-8 with U+FFFD for each unpaired unit */
    size_t lenient_len;
};
#define FFFD "\xEF\xBF\xBD"

static const struct bad_utf16 bad_utf16[] = {
    {"unpaired high before ASCII", "0041 D83D 0042", 2, 0xD83D, T("A" FFFD "B")},
    {"unpaired low", "0041 DE00 0042", 2, 0xDE00, T("A" FFFD "B")},
    {"lone low at start", "DC00", 0, 0xDC00, T(FFFD)},
    {"lone high at start", "D800", 0, 0xD800, T(FFFD)},
    {"high at the end", "0041 0042 DBFF", 4, 0xDBFF, T("AB" FFFD)},
    {"high then BMP non-surrogate", "0041 D800 E000", 2, 0xD800,
        T("A" FFFD "\xEE\x80\x80")},
    {"high then high then low", "0041 D83D D83D DE00", 2, 0xD83D,
        T("A" FFFD "\xF0\x9F\x98\x80")},
    {"low then high (reversed pair)", "0041 DE00 D83D", 2, 0xDE00,
        T("A" FFFD FFFD)},
    {"pair then lone low", "D83D DE00 DE00 0041", 4, 0xDE00,
        T("\xF0\x9F\x98\x80" FFFD "A")},
    {"high then U+0000", "D800 0000", 0, 0xD800, T(FFFD "\x00")},
    {"high then U+FFFF", "DBFF FFFF", 0, 0xDBFF, T(FFFD "\xEF\xBF\xBF")},
};
#define N_BAD16 (sizeof bad_utf16 / sizeof bad_utf16[0])

Test(ucs2, decode_rejects_unpaired_surrogates)
{
    for (size_t i = 0; i < N_BAD16; i++) {
        const struct bad_utf16 *b = &bad_utf16[i];
        uint8_t src[64];
        char out[128];
        size_t src_len = unhex(src, sizeof src, b->hex);
        size_t out_len = 0;
        smsk_diag d = {999, 0, NULL};
        smsk_status st = smsk_ucs2_decode(out, sizeof out, &out_len, src, src_len, 0, &d);
        cr_assert_eq(st, SMSK_E_MALFORMED, "%s: status %d", b->name, (int)st);
        cr_assert_eq(d.offset, b->offset, "%s: offset %zu, want %zu", b->name,
                d.offset, b->offset);
        cr_assert_eq(d.codepoint, b->unit, "%s: codepoint 0x%X, want 0x%X", b->name,
                d.codepoint, b->unit);
        cr_assert_not_null(d.what, "%s: no rule named", b->name);
        cr_assert_eq(smsk_ucs2_decode(out, sizeof out, &out_len, src, src_len, 0, NULL),
                SMSK_E_MALFORMED, "%s with NULL diag", b->name);
    }
}

Test(ucs2, lenient_decode_replaces_each_unpaired_surrogate)
{
    for (size_t i = 0; i < N_BAD16; i++) {
        const struct bad_utf16 *b = &bad_utf16[i];
        uint8_t src[64];
        char out[128];
        size_t src_len = unhex(src, sizeof src, b->hex);
        size_t out_len = 0;
        smsk_status st = smsk_ucs2_decode(out, sizeof out, &out_len, src, src_len,
                SMSK_UCS2_LENIENT, NULL);
        cr_assert_eq(st, SMSK_OK, "%s: status %d", b->name, (int)st);
        assert_bytes_eq(out, out_len, b->lenient, b->lenient_len, b->name);
        /* The result is well-formed UTF-8. */
        cr_assert_eq(smsk_utf8_validate(out, out_len, NULL, NULL), SMSK_OK, "%s", b->name);
    }
}

Test(ucs2, lenient_decode_of_many_lone_surrogates)
{
    /* Every surrogate unit alone between two 'x': each gives one U+FFFD. */
    for (uint32_t u = 0xD800; u <= 0xDFFF; u++) {
        uint8_t src[6] = {0x00, 'x', (uint8_t)(u >> 8), (uint8_t)u, 0x00, 'x'};
        char out[16];
        size_t out_len = 0;
        smsk_diag d = {999, 0, NULL};
        cr_assert_eq(smsk_ucs2_decode(out, sizeof out, &out_len, src, 6, 0, &d),
                SMSK_E_MALFORMED, "0x%04X", u);
        cr_assert_eq(d.offset, 2, "0x%04X: offset %zu", u, d.offset);
        cr_assert_eq(d.codepoint, u, "0x%04X: codepoint 0x%X", u, d.codepoint);
        cr_assert_eq(smsk_ucs2_decode(out, sizeof out, &out_len, src, 6,
                SMSK_UCS2_LENIENT, NULL), SMSK_OK, "0x%04X", u);
        assert_bytes_eq(out, out_len, "x" FFFD "x", 5, "lone surrogate");
    }
}

Test(ucs2, every_surrogate_pair_round_trips)
{
    /* All 1024 * 1024 pairs, against RFC 2781 2.1/2.2 written out here. */
    for (uint32_t hi = 0xD800; hi <= 0xDBFF; hi++) {
        for (uint32_t lo = 0xDC00; lo <= 0xDFFF; lo++) {
            uint32_t cp = 0x10000 + ((hi & 0x3FF) << 10) + (lo & 0x3FF);
            uint8_t src[4] = {(uint8_t)(hi >> 8), (uint8_t)hi, (uint8_t)(lo >> 8),
                (uint8_t)lo};
            uint8_t want[4] = {(uint8_t)(0xF0 | cp >> 18), (uint8_t)(0x80 | (cp >> 12 & 0x3F)),
                (uint8_t)(0x80 | (cp >> 6 & 0x3F)), (uint8_t)(0x80 | (cp & 0x3F))};
            char out[8];
            size_t out_len = 0;
            smsk_status st = smsk_ucs2_decode(out, sizeof out, &out_len, src, 4, 0, NULL);
            if (st != SMSK_OK || out_len != 4 || memcmp(out, want, 4) != 0)
                cr_assert_fail("%04X %04X: status %d, %zu bytes", hi, lo, (int)st, out_len);
            uint8_t back[8];
            size_t back_len = 0;
            st = smsk_ucs2_encode(back, sizeof back, &back_len, (const char *)want, 4, NULL);
            if (st != SMSK_OK || back_len != 4 || memcmp(back, src, 4) != 0)
                cr_assert_fail("U+%04X: encode status %d, %zu octets", cp, (int)st, back_len);
        }
    }
}

Test(ucs2, every_bmp_unit_outside_surrogates_round_trips)
{
    for (uint32_t u = 0; u <= 0xFFFF; u++) {
        if (u >= 0xD800 && u <= 0xDFFF)
            continue;
        uint8_t src[2] = {(uint8_t)(u >> 8), (uint8_t)u};
        char out[4];
        size_t out_len = 0;
        cr_assert_eq(smsk_ucs2_decode(out, sizeof out, &out_len, src, 2, 0, NULL),
                SMSK_OK, "%04X", u);
        size_t want_len = u < 0x80 ? 1u : u < 0x800 ? 2u : 3u;
        cr_assert_eq(out_len, want_len, "%04X: %zu bytes", u, out_len);
        uint32_t cp = 0;
        size_t pos = 0;
        cr_assert_eq(smsk_utf8_decode_next(out, out_len, &pos, &cp, NULL), SMSK_OK);
        cr_assert_eq(cp, u, "%04X decoded to U+%04X", u, cp);
        uint8_t back[4];
        size_t back_len = 0;
        cr_assert_eq(smsk_ucs2_encode(back, sizeof back, &back_len, out, out_len, NULL),
                SMSK_OK);
        assert_bytes_eq(back, back_len, src, 2, "BMP round trip");
    }
}

/* ---------------------------------------------------------------------
 * Length, space and argument errors
 * ------------------------------------------------------------------- */

Test(ucs2, odd_length_is_truncated_unless_lenient)
{
    static const char *const odd[] = {"00", "0041 00", "0041 0042 D8", "D83D DE"};
    /* lenient: the whole units, then U+FFFD for the half unit (a lone
     * high surrogate before it is U+FFFD too) */
    static const char *const lenient[] = {"\xEF\xBF\xBD", "A\xEF\xBF\xBD",
            "AB\xEF\xBF\xBD", "\xEF\xBF\xBD\xEF\xBF\xBD"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        uint8_t src[16];
        char out[32];
        size_t n = unhex(src, sizeof src, odd[i]);
        size_t out_len = 0;
        smsk_diag d = {999, 0, NULL};
        smsk_status st = smsk_ucs2_decode(out, sizeof out, &out_len, src, n, 0, &d);
        cr_assert_eq(st, SMSK_E_TRUNC, "\"%s\": status %d", odd[i], (int)st);
        cr_assert_eq(d.offset, n - 1, "\"%s\": offset %zu, want the last octet %zu",
                odd[i], d.offset, n - 1);
        st = smsk_ucs2_decode(out, sizeof out, &out_len, src, n, SMSK_UCS2_LENIENT, &d);
        cr_assert_eq(st, SMSK_OK, "\"%s\" lenient: status %d", odd[i], (int)st);
        cr_assert_eq(out_len, strlen(lenient[i]), "\"%s\" lenient: length", odd[i]);
        cr_assert(memcmp(out, lenient[i], out_len) == 0, "\"%s\" lenient: text", odd[i]);
        cr_assert_leq(out_len, SMSK_UCS2_TEXT_MAX(n));
    }
}

Test(ucs2, encode_reports_octets_needed_when_short)
{
    /* "A" + e-acute + euro + U+1F600: 2 + 2 + 2 + 4 octets */
    const char text[] = "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    const size_t need = 10;
    for (size_t cap = 0; cap < need; cap++) {
        uint8_t dst[16];
        memset(dst, 0x55, sizeof dst);
        size_t len = 999;
        smsk_diag d;
        smsk_status st = smsk_ucs2_encode(dst, cap, &len, text, sizeof text - 1, &d);
        cr_assert_eq(st, SMSK_E_NOSPACE, "cap %zu: status %d", cap, (int)st);
        cr_assert_eq(len, need, "cap %zu: needed %zu, want %zu", cap, len, need);
        for (size_t k = cap; k < sizeof dst; k++)
            cr_assert_eq(dst[k], 0x55, "cap %zu: wrote octet %zu", cap, k);
    }
    /* A long ASCII text, one octet short. */
    char ascii[100];
    memset(ascii, 'q', sizeof ascii);
    uint8_t big[256];
    memset(big, 0x55, sizeof big);
    size_t len = 0;
    cr_assert_eq(smsk_ucs2_encode(big, 199, &len, ascii, sizeof ascii, NULL),
            SMSK_E_NOSPACE);
    cr_assert_eq(len, 200);
    cr_assert_eq(big[199], 0x55, "wrote past the capacity");
    cr_assert_eq(smsk_ucs2_encode(big, 200, &len, ascii, sizeof ascii, NULL), SMSK_OK);
    cr_assert_eq(len, 200);
}

Test(ucs2, decode_reports_nospace_when_short)
{
    uint8_t src[10];
    size_t n = unhex(src, sizeof src, "0041 00E9 20AC D83D DE00");
    const size_t need = 1 + 2 + 3 + 4;
    for (size_t cap = 0; cap < need; cap++) {
        char out[16];
        memset(out, 0x55, sizeof out);
        size_t len = 999;
        smsk_status st = smsk_ucs2_decode(out, cap, &len, src, n, 0, NULL);
        cr_assert_eq(st, SMSK_E_NOSPACE, "cap %zu: status %d", cap, (int)st);
        /* Header convention: the size needed, else 0. */
        cr_assert(len == 0 || len == need, "cap %zu: *dst_len %zu", cap, len);
        for (size_t k = cap; k < sizeof out; k++)
            cr_assert_eq((unsigned char)out[k], 0x55, "cap %zu: wrote byte %zu", cap, k);
    }
}

Test(ucs2, encode_rejects_invalid_utf8_with_offset)
{
    static const struct {
        const char *text;
        size_t len;
        size_t offset;
    } cases[] = {
        {"ab\xC0\x80", 4, 2},            /* overlong */
        {"abc\xED\xA0\x80", 6, 3},       /* surrogate D800 */
        {"x\xF0\x9F\x98", 4, 1},         /* truncated at end */
        {"\xF4\x90\x80\x80", 4, 0},      /* above U+10FFFF */
        {"\xC3\xA9\x80", 3, 2},          /* stray continuation */
        {"\xE2\x82\xAC\xE2\x82 z", 7, 3}, /* truncated before ASCII */
        {"ok\xFF", 3, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t dst[32];
        size_t len = 0;
        smsk_diag d = {999, 0, NULL};
        smsk_status st = smsk_ucs2_encode(dst, sizeof dst, &len, cases[i].text,
                cases[i].len, &d);
        cr_assert_eq(st, SMSK_E_UTF8, "case %zu: status %d", i, (int)st);
        cr_assert_eq(d.offset, cases[i].offset, "case %zu: offset %zu, want %zu", i,
                d.offset, cases[i].offset);
        /* Also with no room: invalid input is not reported as NOSPACE. */
        st = smsk_ucs2_encode(dst, 0, &len, cases[i].text, cases[i].len, &d);
        cr_assert(st == SMSK_E_UTF8 || st == SMSK_E_NOSPACE, "case %zu cap 0: %d", i,
                (int)st);
    }
}

Test(ucs2, encode_ascii_fast_path_finds_bad_byte_at_every_position)
{
    char text[64];
    uint8_t dst[160];
    for (size_t k = 0; k <= 40; k++) {
        memset(text, 'm', sizeof text);
        text[k] = (char)0x80;
        size_t len = 0;
        smsk_diag d = {999, 0, NULL};
        cr_assert_eq(smsk_ucs2_encode(dst, sizeof dst, &len, text, k + 9, &d),
                SMSK_E_UTF8, "bad at %zu", k);
        cr_assert_eq(d.offset, k, "bad at %zu: offset %zu", k, d.offset);
        /* And a clean run of the same length widens byte by byte. */
        text[k] = 'm';
        cr_assert_eq(smsk_ucs2_encode(dst, sizeof dst, &len, text, k + 9, NULL), SMSK_OK);
        cr_assert_eq(len, 2 * (k + 9));
        for (size_t j = 0; j < k + 9; j++)
            cr_assert(dst[2 * j] == 0 && dst[2 * j + 1] == 'm', "unit %zu", j);
    }
}

Test(ucs2, empty_input)
{
    uint8_t dst[4];
    char out[4];
    size_t len = 999;
    cr_assert_eq(smsk_ucs2_encode(dst, sizeof dst, &len, "", 0, NULL), SMSK_OK);
    cr_assert_eq(len, 0);
    len = 999;
    cr_assert_eq(smsk_ucs2_encode(NULL, 0, &len, NULL, 0, NULL), SMSK_OK);
    cr_assert_eq(len, 0);
    len = 999;
    cr_assert_eq(smsk_ucs2_decode(out, sizeof out, &len, dst, 0, 0, NULL), SMSK_OK);
    cr_assert_eq(len, 0);
    len = 999;
    cr_assert_eq(smsk_ucs2_decode(NULL, 0, &len, NULL, 0, SMSK_UCS2_LENIENT, NULL),
            SMSK_OK);
    cr_assert_eq(len, 0);
}

Test(ucs2, null_arguments_are_rejected)
{
    uint8_t dst[8];
    char out[8];
    const uint8_t src[2] = {0x00, 0x41};
    size_t len = 0;
    cr_assert_eq(smsk_ucs2_encode(dst, sizeof dst, NULL, "a", 1, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_ucs2_encode(NULL, 8, &len, "a", 1, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_ucs2_encode(dst, sizeof dst, &len, NULL, 1, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_ucs2_decode(out, sizeof out, NULL, src, 2, 0, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_ucs2_decode(NULL, 8, &len, src, 2, 0, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_ucs2_decode(out, sizeof out, &len, NULL, 2, 0, NULL), SMSK_E_ARG);
}

/* ---------------------------------------------------------------------
 * SMSK_UCS2_TEXT_MAX holds for random input
 * ------------------------------------------------------------------- */

/* A unit drawn so that surrogates, ASCII and high BMP all appear often. */
static uint32_t random_unit(test_rng *rng)
{
    uint32_t r = (uint32_t)(rng_next(rng) >> 32); /* 32 bits, cut up below */
    switch (r % 6) {
    case 0: return r >> 8 & 0x7F;                 /* ASCII */
    case 1: return 0xD800 + (r >> 8 & 0x3FF);     /* high */
    case 2: return 0xDC00 + (r >> 8 & 0x3FF);     /* low */
    case 3: return 0xE000 + (r >> 8 & 0x1FFF);    /* 3-byte, above surrogates */
    default: return r >> 16;                      /* any */
    }
}

/* Independent count: UTF-8 bytes after lenient decoding (RFC 2781 2.2). */
static size_t lenient_len(const uint8_t *s, size_t n)
{
    size_t out = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t u = (uint32_t)s[i] << 8 | s[i + 1];
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            uint32_t w2 = (uint32_t)s[i + 2] << 8 | s[i + 3];
            if (w2 >= 0xDC00 && w2 <= 0xDFFF) {
                out += 4;
                i += 2;
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF)
            out += 3; /* U+FFFD */
        else
            out += u < 0x80 ? 1u : u < 0x800 ? 2u : 3u;
    }
    return out;
}

/* Octet offset of the first unpaired surrogate, or n if there is none. */
static size_t first_unpaired(const uint8_t *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t u = (uint32_t)s[i] << 8 | s[i + 1];
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            uint32_t w2 = (uint32_t)s[i + 2] << 8 | s[i + 3];
            if (w2 >= 0xDC00 && w2 <= 0xDFFF) {
                i += 2;
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF)
            return i;
    }
    return n;
}

Test(ucs2, text_max_bound_holds_for_random_utf16)
{
    test_rng rng = {0x2545F4914F6CDD1Dull};
    uint8_t src[2 * 96];
    char out[3 * 96 + 8];
    unsigned n_clean = 0, n_unpaired = 0;
    for (int iter = 0; iter < 20000; iter++) {
        size_t units = rng_below(&rng, 97);
        for (size_t k = 0; k < units; k++) {
            uint32_t u = random_unit(&rng);
            src[2 * k] = (uint8_t)(u >> 8);
            src[2 * k + 1] = (uint8_t)u;
        }
        size_t n = 2 * units;
        size_t cap = SMSK_UCS2_TEXT_MAX(n);
        memset(out, 0x55, sizeof out);
        size_t len = 0;
        smsk_diag d = {0, 0, NULL};
        smsk_status st = smsk_ucs2_decode(out, cap, &len, src, n, SMSK_UCS2_LENIENT, &d);
        cr_assert_eq(st, SMSK_OK, "iter %d, %zu units: status %d at %zu", iter, units,
                (int)st, d.offset);
        cr_assert_leq(len, cap);
        cr_assert_eq(len, lenient_len(src, n), "iter %d: %zu bytes, want %zu", iter,
                len, lenient_len(src, n));
        for (size_t k = cap; k < sizeof out; k++)
            cr_assert_eq((unsigned char)out[k], 0x55, "iter %d: wrote past cap", iter);
        cr_assert_eq(smsk_utf8_validate(out, len, NULL, NULL), SMSK_OK,
                "iter %d: output is not UTF-8", iter);
        /* Strict decoding succeeds exactly when there is no unpaired
         * surrogate, and then encoding gives the octets back. */
        char strict[3 * 96 + 8];
        size_t slen = 0;
        size_t bad = first_unpaired(src, n);
        st = smsk_ucs2_decode(strict, sizeof strict, &slen, src, n, 0, &d);
        if (bad == n) {
            cr_assert_eq(st, SMSK_OK, "iter %d: strict status %d", iter, (int)st);
            n_clean++;
            assert_bytes_eq(strict, slen, out, len, "strict vs lenient");
            uint8_t back[2 * 96];
            size_t blen = 0;
            cr_assert_eq(smsk_ucs2_encode(back, sizeof back, &blen, strict, slen, NULL),
                    SMSK_OK);
            assert_bytes_eq(back, blen, src, n, "round trip");
        } else {
            cr_assert_eq(st, SMSK_E_MALFORMED, "iter %d: strict status %d", iter, (int)st);
            cr_assert_eq(d.offset, bad, "iter %d: offset %zu, want %zu", iter, d.offset, bad);
            cr_assert_eq(d.codepoint, (uint32_t)src[bad] << 8 | src[bad + 1],
                    "iter %d: codepoint 0x%X", iter, d.codepoint);
            n_unpaired++;
        }
    }
    /* The generator reached both kinds of input. */
    cr_assert_gt(n_clean, 500u, "%u clean inputs", n_clean);
    cr_assert_gt(n_unpaired, 500u, "%u inputs with unpaired surrogates", n_unpaired);
}

Test(ucs2, text_max_is_reached_by_units_above_u0800)
{
    /* 3 bytes per unit is the worst case: U+0800..U+FFFF and U+FFFD. */
    uint8_t src[8] = {0xFF, 0xFF, 0xDC, 0x00, 0x08, 0x00, 0xD8, 0x00};
    char out[12];
    size_t len = 0;
    cr_assert_eq(SMSK_UCS2_TEXT_MAX(8), 12);
    cr_assert_eq(smsk_ucs2_decode(out, SMSK_UCS2_TEXT_MAX(8), &len, src, 8,
            SMSK_UCS2_LENIENT, NULL), SMSK_OK);
    cr_assert_eq(len, 12);
    assert_bytes_eq(out, len, "\xEF\xBF\xBF" FFFD "\xE0\xA0\x80" FFFD, 12, "worst case");
    cr_assert_eq(smsk_ucs2_decode(out, 11, &len, src, 8, SMSK_UCS2_LENIENT, NULL),
            SMSK_E_NOSPACE);
}

/* ---------------------------------------------------------------------
 * Guard pages
 *
 * The decoder takes 32 units a step with AVX-512 while they are below
 * U+0800: a plain 64-octet load while 64 remain, a masked one for the
 * tail, and a plain 64-byte store while 64 bytes of room remain, a
 * masked one after. Here the UTF-16 and the UTF-8 each end exactly at a
 * PROT_NONE page (tests/helpers/guard.c), so one byte read or written
 * past either buffer faults.
 * ------------------------------------------------------------------- */

/* RFC 3629 section 3: the UTF-8 form of `cp` (no surrogate), written out
 * here rather than taken from the library. Returns its bytes. */
static size_t ref_utf8(uint8_t *p, uint32_t cp)
{
    if (cp < 0x80) {
        p[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        p[0] = (uint8_t)(0xC0 | cp >> 6);
        p[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        p[0] = (uint8_t)(0xE0 | cp >> 12);
        p[1] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
        p[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    p[0] = (uint8_t)(0xF0 | cp >> 18);
    p[1] = (uint8_t)(0x80 | (cp >> 12 & 0x3F));
    p[2] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
    p[3] = (uint8_t)(0x80 | (cp & 0x3F));
    return 4;
}

static void put_be16(uint8_t *p, uint32_t u)
{
    p[0] = (uint8_t)(u >> 8);
    p[1] = (uint8_t)u;
}

/* What the units of a generated text are drawn from. */
enum mix {
    MIX_ALL,      /* ASCII, U+0080-07FF, U+0800-FFFF, surrogate pairs */
    MIX_BELOW_800, /* ASCII and U+0080-07FF: the vector path throughout */
    MIX_ASCII,    /* one UTF-8 byte per unit */
    MIX_ONE_HIGH, /* below U+0800 but for one U+0800-FFFF unit anywhere */
    MIX_COUNT
};

static const char *const mix_name[MIX_COUNT] = {"mixed", "below U+0800", "ASCII", "one unit above U+07FF"};

/*
 * Write `units` UTF-16BE units to `src` and their UTF-8 to `want`
 * (`*want_len` bytes). Characters above U+FFFF take two units (RFC 2781
 * 2.1: U' = U - 0x10000, W1 = D800 | U' >> 10, W2 = DC00 | U' & 3FF), so
 * a pair is only drawn where two units are left.
 */
static void make_utf16(uint8_t *src, size_t units, enum mix mix, test_rng *rng,
        uint8_t *want, size_t *want_len)
{
    size_t k = 0, o = 0;
    size_t high_at = units > 0 ? rng_below(rng, units) : 0;
    while (k < units) {
        uint32_t r = (uint32_t)(rng_next(rng) >> 32); /* 32 bits, cut up below */
        unsigned kind;
        switch (mix) {
        case MIX_ALL: kind = r % 4; break;
        case MIX_BELOW_800: kind = r % 2; break;
        case MIX_ASCII: kind = 0; break;
        default: kind = k == high_at ? 2 : r % 2; break;
        }
        if (kind == 3 && k + 1 == units)
            kind = 2; /* no room for a pair */
        uint32_t x = r >> 8, cp;
        switch (kind) {
        case 0:
            cp = x & 0x7F;
            break;
        case 1:
            cp = 0x80 + x % (0x800 - 0x80);
            break;
        case 2: /* U+0800-D7FF and U+E000-FFFF: 0xF000 values */
            cp = 0x800 + x % 0xF000;
            if (cp >= 0xD800)
                cp += 0x800;
            break;
        default:
            cp = 0x10000 + x % 0x100000;
            break;
        }
        if (cp >= 0x10000) {
            uint32_t v = cp - 0x10000;
            put_be16(src + 2 * k, 0xD800 | v >> 10);
            put_be16(src + 2 * k + 2, 0xDC00 | (v & 0x3FF));
            k += 2;
        } else {
            put_be16(src + 2 * k, cp);
            k++;
        }
        o += ref_utf8(want + o, cp);
    }
    *want_len = o;
}

#define GUARD_UNITS 200

Test(ucs2, decode_at_guard_pages_every_unit_count_to_200)
{
    /* 0-200 units: no block, whole 32-unit blocks and every masked tail
     * (0-31 units), with output that crosses the 64-byte store size */
    test_rng rng = {0x6A09E667F3BCC908ull};
    uint8_t units_buf[2 * GUARD_UNITS], want[3 * GUARD_UNITS];
    for (size_t units = 0; units <= GUARD_UNITS; units++) {
        for (int m = 0; m < MIX_COUNT; m++) {
            for (int rep = 0; rep < 2; rep++) {
                size_t want_len = 0, n = 2 * units;
                make_utf16(units_buf, units, (enum mix)m, &rng, want, &want_len);
                guard_buf src, dst;
                cr_assert(guard_alloc(&src, n) == 0);
                cr_assert(guard_alloc(&dst, want_len) == 0);
                if (n > 0)
                    memcpy(src.ptr, units_buf, n);
                char what[64];
                snprintf(what, sizeof what, "%zu units, %s, rep %d", units, mix_name[m], rep);
                for (unsigned flags = 0; flags <= SMSK_UCS2_LENIENT; flags += SMSK_UCS2_LENIENT) {
                    size_t len = 999;
                    smsk_diag d = {0, 0, NULL};
                    smsk_status st = smsk_ucs2_decode((char *)dst.ptr, want_len, &len, src.ptr, n, flags, &d);
                    cr_assert_eq(st, SMSK_OK, "%s, flags %u: status %d at %zu", what, flags, (int)st, d.offset);
                    assert_bytes_eq(dst.ptr, len, want, want_len, what);
                }
                guard_free(&dst);
                guard_free(&src);
            }
        }
    }
}

Test(ucs2, decode_at_guard_pages_short_destination_is_nospace)
{
    /* One byte short, and a shorter room drawn at random: SMSK_E_NOSPACE,
     * and no store past the room (the guard page right after it). */
    test_rng rng = {0xBB67AE8584CAA73Bull};
    uint8_t units_buf[2 * GUARD_UNITS], want[3 * GUARD_UNITS];
    for (size_t units = 1; units <= GUARD_UNITS; units++) {
        for (int m = 0; m < MIX_COUNT; m++) {
            size_t want_len = 0, n = 2 * units;
            make_utf16(units_buf, units, (enum mix)m, &rng, want, &want_len);
            guard_buf src;
            cr_assert(guard_alloc(&src, n) == 0);
            memcpy(src.ptr, units_buf, n);
            size_t caps[2] = {want_len - 1, rng_below(&rng, want_len)};
            for (size_t c = 0; c < 2; c++) {
                size_t cap = caps[c];
                guard_buf dst;
                cr_assert(guard_alloc(&dst, cap) == 0);
                size_t len = 999;
                smsk_status st = smsk_ucs2_decode((char *)dst.ptr, cap, &len, src.ptr, n, 0, NULL);
                cr_assert_eq(st, SMSK_E_NOSPACE, "%zu units, %s, room %zu of %zu: status %d", units,
                        mix_name[m], cap, want_len, (int)st);
                /* Header convention: the size needed, else 0. */
                cr_assert(len == 0 || len == want_len, "%zu units, %s, room %zu: *dst_len %zu", units,
                        mix_name[m], cap, len);
                guard_free(&dst);
            }
            guard_free(&src);
        }
    }
}

/* ---------------------------------------------------------------------
 * Encoding at guard pages, and invalid UTF-8 at every position
 *
 * The AVX-512 encoder converts 64 bytes of one- and two-byte forms a
 * step (a plain load while 64 remain, a masked one for the tail), holds
 * back a lead byte that ends a block, and leaves any block with a three-
 * or four-byte form or anything ill-formed to the scalar path. The same
 * generated texts as above, the other way round: UTF-8 in, UTF-16BE out.
 * ------------------------------------------------------------------- */

Test(ucs2, encode_at_guard_pages_every_unit_count_to_200)
{
    test_rng rng = {0x3C6EF372FE94F82Bull};
    uint8_t units_buf[2 * GUARD_UNITS], text[3 * GUARD_UNITS];
    for (size_t units = 0; units <= GUARD_UNITS; units++) {
        for (int m = 0; m < MIX_COUNT; m++) {
            for (int rep = 0; rep < 2; rep++) {
                size_t text_len = 0, n = 2 * units;
                make_utf16(units_buf, units, (enum mix)m, &rng, text, &text_len);
                guard_buf src, dst;
                cr_assert(guard_alloc(&src, text_len) == 0);
                cr_assert(guard_alloc(&dst, n) == 0);
                if (text_len > 0)
                    memcpy(src.ptr, text, text_len);
                char what[64];
                snprintf(what, sizeof what, "%zu units, %s, rep %d", units, mix_name[m], rep);
                size_t len = 999;
                smsk_diag d = {0, 0, NULL};
                smsk_status st = smsk_ucs2_encode(dst.ptr, n, &len, (const char *)src.ptr, text_len, &d);
                cr_assert_eq(st, SMSK_OK, "%s: status %d at %zu", what, (int)st, d.offset);
                assert_bytes_eq(dst.ptr, len, units_buf, n, what);
                /* one octet short: the size needed, no store past the room */
                if (n > 0) {
                    guard_buf small;
                    cr_assert(guard_alloc(&small, n - 1) == 0);
                    st = smsk_ucs2_encode(small.ptr, n - 1, &len, (const char *)src.ptr, text_len, NULL);
                    cr_assert_eq(st, SMSK_E_NOSPACE, "%s, one short: status %d", what, (int)st);
                    cr_assert_eq(len, n, "%s, one short: *dst_len %zu, want %zu", what, len, n);
                    guard_free(&small);
                }
                guard_free(&dst);
                guard_free(&src);
            }
        }
    }
}

/*
 * RFC 3629 section 3 and 4: in a text of one- and two-byte forms (150
 * bytes: more than two blocks), each of these faults at each character,
 * reported at the start of the ill-formed sequence:
 *  - a continuation byte (0x80-0xBF) where a character starts;
 *  - a two-byte lead whose next byte is not a continuation;
 *  - the overlong leads 0xC0 and 0xC1, and 0xF8-0xFF, which never occur;
 *  - the text cut right after a two-byte lead.
 */
Test(ucs2, encode_reports_ill_formed_utf8_at_every_character)
{
    test_rng rng = {0xA54FF53A5F1D36F1ull};
    uint8_t units_buf[2 * GUARD_UNITS], text[3 * GUARD_UNITS], dst[2 * GUARD_UNITS];
    size_t text_len = 0;
    size_t units = 0;
    do { /* a text of 150 bytes or a little more */
        units += 10;
        make_utf16(units_buf, units, MIX_BELOW_800, &rng, text, &text_len);
    } while (text_len < 150);
    static const uint8_t bad_start[] = {0x80, 0xBF, 0xC0, 0xC1, 0xF8, 0xFF};
    for (size_t p = 0; p < text_len; p++) {
        if ((text[p] & 0xC0) == 0x80)
            continue; /* not the start of a character */
        uint8_t t[3 * GUARD_UNITS];
        size_t len = 0;
        smsk_diag d;
        for (size_t b = 0; b < sizeof bad_start; b++) {
            memcpy(t, text, text_len);
            t[p] = bad_start[b];
            d = (smsk_diag){999, 0, NULL};
            smsk_status st = smsk_ucs2_encode(dst, sizeof dst, &len, (const char *)t, text_len, &d);
            cr_assert_eq(st, SMSK_E_UTF8, "0x%02X at %zu: status %d", bad_start[b], p, (int)st);
            cr_assert_eq(d.offset, p, "0x%02X at %zu: offset %zu", bad_start[b], p, d.offset);
        }
        if (text[p] >= 0xC2) { /* a two-byte form: break its continuation */
            memcpy(t, text, text_len);
            t[p + 1] = 'A';
            d = (smsk_diag){999, 0, NULL};
            cr_assert_eq(smsk_ucs2_encode(dst, sizeof dst, &len, (const char *)t, text_len, &d),
                    SMSK_E_UTF8, "lead at %zu without continuation", p);
            cr_assert_eq(d.offset, p, "lead at %zu without continuation: offset %zu", p, d.offset);
            /* and cut the text after the lead, at a guard page */
            guard_buf g;
            cr_assert(guard_alloc(&g, p + 1) == 0);
            memcpy(g.ptr, text, p + 1);
            d = (smsk_diag){999, 0, NULL};
            cr_assert_eq(smsk_ucs2_encode(dst, sizeof dst, &len, (const char *)g.ptr, p + 1, &d),
                    SMSK_E_UTF8, "cut after the lead at %zu", p);
            cr_assert_eq(d.offset, p, "cut after the lead at %zu: offset %zu", p, d.offset);
            guard_free(&g);
        }
    }
}
