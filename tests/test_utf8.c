/* SPDX-License-Identifier: MIT */
/*
 * Strict UTF-8: smsk_utf8_decode_next, smsk_utf8_validate and
 * smsk_utf8_encode_cp. Expected bytes come from RFC 3629 (section 3
 * table, section 7 examples) and Unicode 15 Table 3-7 ("Well-Formed
 * UTF-8 Byte Sequences"). The exhaustive tests compare against an encoder
 * and a checker written here from those tables, sharing no code with lib/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "smskit.h"

TestSuite(utf8, .timeout = 5);

/* ---------------------------------------------------------------------
 * Independent reference: RFC 3629 section 3 and Unicode Table 3-7
 * ------------------------------------------------------------------- */

/* RFC 3629 section 3: the UTF-8 form of a scalar value. */
static size_t ref_encode(uint8_t out[4], uint32_t cp)
{
    if (cp <= 0x7F) {                 /* 0xxxxxxx */
        out[0] = (uint8_t)cp;
        return 1;
    }
    if (cp <= 0x7FF) {                /* 110xxxxx 10xxxxxx */
        out[0] = (uint8_t)(0xC0u + cp / 64u);
        out[1] = (uint8_t)(0x80u + cp % 64u);
        return 2;
    }
    if (cp <= 0xFFFF) {               /* 1110xxxx 10xxxxxx 10xxxxxx */
        out[0] = (uint8_t)(0xE0u + cp / 4096u);
        out[1] = (uint8_t)(0x80u + cp / 64u % 64u);
        out[2] = (uint8_t)(0x80u + cp % 64u);
        return 3;
    }
    out[0] = (uint8_t)(0xF0u + cp / 262144u); /* 11110xxx 10xxxxxx x3 */
    out[1] = (uint8_t)(0x80u + cp / 4096u % 64u);
    out[2] = (uint8_t)(0x80u + cp / 64u % 64u);
    out[3] = (uint8_t)(0x80u + cp % 64u);
    return 4;
}

/* Unicode 15 Table 3-7, one row per line of the table. */
struct t37_row {
    uint8_t lead_lo, lead_hi; /* first byte range */
    uint8_t second_lo, second_hi;
    size_t n;                 /* sequence length */
};
static const struct t37_row t37[] = {
    {0x00, 0x7F, 0, 0, 1},
    {0xC2, 0xDF, 0x80, 0xBF, 2},
    {0xE0, 0xE0, 0xA0, 0xBF, 3},
    {0xE1, 0xEC, 0x80, 0xBF, 3},
    {0xED, 0xED, 0x80, 0x9F, 3},
    {0xEE, 0xEF, 0x80, 0xBF, 3},
    {0xF0, 0xF0, 0x90, 0xBF, 4},
    {0xF1, 0xF3, 0x80, 0xBF, 4},
    {0xF4, 0xF4, 0x80, 0x8F, 4},
};

/* Length of the well-formed sequence at s[0..n), or 0 if there is none. */
static size_t t37_seq(const uint8_t *s, size_t n)
{
    for (size_t r = 0; r < sizeof t37 / sizeof t37[0]; r++) {
        const struct t37_row *row = &t37[r];
        if (s[0] < row->lead_lo || s[0] > row->lead_hi)
            continue;
        if (n < row->n)
            return 0;
        if (row->n >= 2 && (s[1] < row->second_lo || s[1] > row->second_hi))
            return 0;
        for (size_t k = 2; k < row->n; k++)
            if (s[k] < 0x80 || s[k] > 0xBF)
                return 0;
        return row->n;
    }
    return 0;
}

/* 1 if s[0..n) is well-formed; else 0 with *bad at the first bad byte. */
static int t37_check(const uint8_t *s, size_t n, size_t *bad, size_t *chars)
{
    size_t i = 0, c = 0;
    while (i < n) {
        size_t k = t37_seq(s + i, n - i);
        if (k == 0) {
            *bad = i;
            return 0;
        }
        i += k;
        c++;
    }
    *chars = c;
    return 1;
}

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */

static void hex(char *out, size_t cap, const uint8_t *b, size_t n)
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
    hex(a, sizeof a, act, act_len);
    hex(e, sizeof e, exp, exp_len);
    cr_assert_fail("%s: got [%s] (%zu), want [%s] (%zu)", what, a, act_len, e,
            exp_len);
}

/* ---------------------------------------------------------------------
 * Valid sequences at the boundaries of each length (RFC 3629 section 3)
 * ------------------------------------------------------------------- */

struct valid_case {
    uint32_t cp;
    const char *bytes;
    size_t len;
};
#define V(cp, s) { cp, s, sizeof(s) - 1 }
static const struct valid_case boundaries[] = {
    V(0x0000, "\x00"),
    V(0x0041, "A"),
    V(0x007F, "\x7F"),
    V(0x0080, "\xC2\x80"),
    V(0x00E9, "\xC3\xA9"),
    V(0x07FF, "\xDF\xBF"),
    V(0x0800, "\xE0\xA0\x80"),
    V(0x0FFF, "\xE0\xBF\xBF"),
    V(0x1000, "\xE1\x80\x80"),
    V(0x20AC, "\xE2\x82\xAC"),
    V(0xD7FF, "\xED\x9F\xBF"),
    V(0xE000, "\xEE\x80\x80"),
    V(0xFFFD, "\xEF\xBF\xBD"),
    V(0xFFFF, "\xEF\xBF\xBF"),
    V(0x10000, "\xF0\x90\x80\x80"),
    V(0x3FFFF, "\xF0\xBF\xBF\xBF"),
    V(0x40000, "\xF1\x80\x80\x80"),
    V(0xFFFFF, "\xF3\xBF\xBF\xBF"),
    V(0x100000, "\xF4\x80\x80\x80"),
    V(0x10FFFF, "\xF4\x8F\xBF\xBF"),
};
#define N_BOUNDARIES (sizeof boundaries / sizeof boundaries[0])

Test(utf8, decode_next_reads_boundary_code_points)
{
    for (size_t i = 0; i < N_BOUNDARIES; i++) {
        const struct valid_case *v = &boundaries[i];
        size_t pos = 0;
        uint32_t cp = 0xDEADBEEF;
        smsk_status st = smsk_utf8_decode_next(v->bytes, v->len, &pos, &cp, NULL);
        cr_assert_eq(st, SMSK_OK, "U+%04X: status %d", v->cp, (int)st);
        cr_assert_eq(cp, v->cp, "U+%04X: got U+%04X", v->cp, cp);
        cr_assert_eq(pos, v->len, "U+%04X: pos %zu, want %zu", v->cp, pos, v->len);
        st = smsk_utf8_decode_next(v->bytes, v->len, &pos, &cp, NULL);
        cr_assert_eq(st, SMSK_END, "U+%04X: after the last char: %d", v->cp, (int)st);
        cr_assert_eq(pos, v->len);
        cr_assert_eq(cp, v->cp, "SMSK_END changed *cp");
    }
}

Test(utf8, validate_accepts_boundary_code_points)
{
    for (size_t i = 0; i < N_BOUNDARIES; i++) {
        const struct valid_case *v = &boundaries[i];
        size_t n = 99;
        smsk_diag d;
        cr_assert_eq(smsk_utf8_validate(v->bytes, v->len, &n, &d), SMSK_OK,
                "U+%04X rejected", v->cp);
        cr_assert_eq(n, 1, "U+%04X: n_chars %zu", v->cp, n);
        cr_assert_eq(smsk_utf8_validate(v->bytes, v->len, NULL, NULL), SMSK_OK,
                "U+%04X rejected with NULL n_chars", v->cp);
    }
}

Test(utf8, encode_cp_writes_boundary_code_points)
{
    for (size_t i = 0; i < N_BOUNDARIES; i++) {
        const struct valid_case *v = &boundaries[i];
        char buf[8];
        memset(buf, 0x55, sizeof buf);
        size_t len = 99;
        cr_assert_eq(smsk_utf8_encode_cp(buf, sizeof buf, &len, v->cp), SMSK_OK,
                "U+%04X", v->cp);
        char what[32];
        snprintf(what, sizeof what, "U+%04X", v->cp);
        assert_bytes_eq(buf, len, v->bytes, v->len, what);
        for (size_t k = len; k < sizeof buf; k++)
            cr_assert_eq((unsigned char)buf[k], 0x55, "U+%04X: wrote past the char", v->cp);
    }
}

/* RFC 3629 section 7 examples, as one string each. */
struct rfc_example {
    const char *name;
    const char *bytes;
    size_t len;
    uint32_t cps[8];
    size_t n;
};
static const struct rfc_example rfc_examples[] = {
    {"A<NOT IDENTICAL TO><ALPHA>.", "\x41\xE2\x89\xA2\xCE\x91\x2E", 7,
        {0x0041, 0x2262, 0x0391, 0x002E}, 4},
    {"Korean hangugeo", "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4", 9,
        {0xD55C, 0xAD6D, 0xC5B4}, 3},
    {"Japanese nihongo", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 9,
        {0x65E5, 0x672C, 0x8A9E}, 3},
    {"BOM + U+233B4", "\xEF\xBB\xBF\xF0\xA3\x8E\xB4", 7,
        {0xFEFF, 0x233B4}, 2},
};

Test(utf8, decode_next_walks_rfc3629_examples)
{
    for (size_t e = 0; e < sizeof rfc_examples / sizeof rfc_examples[0]; e++) {
        const struct rfc_example *x = &rfc_examples[e];
        size_t pos = 0, k = 0;
        uint32_t cp;
        smsk_status st;
        while ((st = smsk_utf8_decode_next(x->bytes, x->len, &pos, &cp, NULL)) == SMSK_OK) {
            cr_assert_lt(k, x->n, "%s: too many code points", x->name);
            cr_assert_eq(cp, x->cps[k], "%s: char %zu is U+%04X, want U+%04X",
                    x->name, k, cp, x->cps[k]);
            k++;
        }
        cr_assert_eq(st, SMSK_END, "%s: status %d", x->name, (int)st);
        cr_assert_eq(k, x->n, "%s: %zu code points, want %zu", x->name, k, x->n);
        cr_assert_eq(pos, x->len);

        size_t n = 0;
        cr_assert_eq(smsk_utf8_validate(x->bytes, x->len, &n, NULL), SMSK_OK, "%s", x->name);
        cr_assert_eq(n, x->n, "%s: n_chars %zu, want %zu", x->name, n, x->n);
    }
}

Test(utf8, validate_counts_empty_and_ascii)
{
    size_t n = 99;
    cr_assert_eq(smsk_utf8_validate("", 0, &n, NULL), SMSK_OK);
    cr_assert_eq(n, 0);
    n = 99;
    cr_assert_eq(smsk_utf8_validate("hello, world", 12, &n, NULL), SMSK_OK);
    cr_assert_eq(n, 12);
    /* NUL is U+0000, an ordinary character: nothing stops at it. */
    n = 99;
    cr_assert_eq(smsk_utf8_validate("a\0b\0", 4, &n, NULL), SMSK_OK);
    cr_assert_eq(n, 4);
}

/* ---------------------------------------------------------------------
 * Ill-formed input (Table 3-7): every class, inside a longer string
 * ------------------------------------------------------------------- */

struct bad_case {
    const char *name;
    const char *bytes;
    size_t len;
    size_t at; /* offset of the first byte of the bad sequence in bytes */
};
#define B(name, s, at) { name, s, sizeof(s) - 1, at }
static const struct bad_case bad_cases[] = {
    /* overlong forms */
    B("overlong 2-byte NUL C0 80", "\xC0\x80", 0),
    B("overlong 2-byte C1 BF", "\xC1\xBF", 0),
    B("overlong 3-byte NUL E0 80 80", "\xE0\x80\x80", 0),
    B("overlong 3-byte E0 9F BF", "\xE0\x9F\xBF", 0),
    B("overlong 4-byte NUL F0 80 80 80", "\xF0\x80\x80\x80", 0),
    B("overlong 4-byte F0 8F BF BF", "\xF0\x8F\xBF\xBF", 0),
    B("lone C0", "\xC0", 0),
    B("lone C1", "\xC1", 0),
    /* UTF-16 surrogates encoded in UTF-8 */
    B("surrogate ED A0 80 (U+D800)", "\xED\xA0\x80", 0),
    B("surrogate ED AD BF (U+DB7F)", "\xED\xAD\xBF", 0),
    B("surrogate ED B0 80 (U+DC00)", "\xED\xB0\x80", 0),
    B("surrogate ED BF BF (U+DFFF)", "\xED\xBF\xBF", 0),
    B("CESU-8 pair for U+10000", "\xED\xA0\x80\xED\xB0\x80", 0),
    /* above U+10FFFF */
    B("F4 90 80 80 (U+110000)", "\xF4\x90\x80\x80", 0),
    B("F4 BF BF BF", "\xF4\xBF\xBF\xBF", 0),
    B("F5 80 80 80", "\xF5\x80\x80\x80", 0),
    B("F7 BF BF BF", "\xF7\xBF\xBF\xBF", 0),
    B("5-byte F8 88 80 80 80", "\xF8\x88\x80\x80\x80", 0),
    B("6-byte FC 84 80 80 80 80", "\xFC\x84\x80\x80\x80\x80", 0),
    B("FE", "\xFE", 0),
    B("FF", "\xFF", 0),
    B("FF FE", "\xFF\xFE", 0),
    /* stray continuation bytes */
    B("lone 80", "\x80", 0),
    B("lone BF", "\xBF", 0),
    B("80 80", "\x80\x80", 0),
    B("continuation after a 2-byte char", "\xC3\xA9\xA9", 2),
    B("continuation after a 3-byte char", "\xE2\x82\xAC\x80", 3),
    B("continuation after a 4-byte char", "\xF0\x9F\x98\x80\xBF", 4),
    B("continuation after ASCII", "x\x80", 1),
    /* truncated at the end of input */
    B("truncated 2-byte C3", "\xC3", 0),
    B("truncated 3-byte E2", "\xE2", 0),
    B("truncated 3-byte E2 82", "\xE2\x82", 0),
    B("truncated 3-byte E0 A0", "\xE0\xA0", 0),
    B("truncated 3-byte ED 9F", "\xED\x9F", 0),
    B("truncated 4-byte F0", "\xF0", 0),
    B("truncated 4-byte F0 9F", "\xF0\x9F", 0),
    B("truncated 4-byte F0 9F 98", "\xF0\x9F\x98", 0),
    B("truncated 4-byte F4 8F BF", "\xF4\x8F\xBF", 0),
    B("truncated after a good char", "\xC3\xA9\xE2\x82", 2),
    /* truncated before an ASCII byte or another lead byte */
    B("C3 then ASCII", "\xC3\x41", 0),
    B("E2 then ASCII", "\xE2\x41\x82\xAC", 0),
    B("E2 82 then ASCII", "\xE2\x82\x41", 0),
    B("F0 9F then ASCII", "\xF0\x9F\x41", 0),
    B("F0 9F 98 then ASCII", "\xF0\x9F\x98\x41", 0),
    B("C3 then a lead byte", "\xC3\xC3\xA9", 0),
    B("E2 82 then a lead byte", "\xE2\x82\xE2\x82\xAC", 0),
    B("F0 9F 98 then a lead byte", "\xF0\x9F\x98\xF0\x9F\x98\x80", 0),
};
#define N_BAD (sizeof bad_cases / sizeof bad_cases[0])

/* "ab" + bad + suffix, returns the length. */
static size_t build_bad(char *buf, size_t cap, const struct bad_case *b,
        const char *suffix)
{
    size_t sl = strlen(suffix);
    cr_assert_leq(2 + b->len + sl, cap);
    memcpy(buf, "ab", 2);
    memcpy(buf + 2, b->bytes, b->len);
    memcpy(buf + 2 + b->len, suffix, sl);
    return 2 + b->len + sl;
}

Test(utf8, reference_checker_agrees_with_bad_case_table)
{
    /* Guards the table itself: each row is ill-formed where it says. */
    for (size_t i = 0; i < N_BAD; i++) {
        size_t bad = 0, c = 0;
        cr_assert_not(t37_check((const uint8_t *)bad_cases[i].bytes, bad_cases[i].len,
                &bad, &c), "%s: Table 3-7 says well-formed", bad_cases[i].name);
        cr_assert_eq(bad, bad_cases[i].at, "%s: Table 3-7 says bad at %zu",
                bad_cases[i].name, bad);
    }
}

Test(utf8, validate_reports_offset_of_each_ill_formed_class)
{
    static const char *const suffixes[] = {"", "cd", "\xC3\xA9"};
    for (size_t i = 0; i < N_BAD; i++) {
        for (size_t s = 0; s < sizeof suffixes / sizeof suffixes[0]; s++) {
            const struct bad_case *b = &bad_cases[i];
            char buf[32];
            size_t len = build_bad(buf, sizeof buf, b, suffixes[s]);
            smsk_diag d = {777, 0, NULL};
            size_t n = 12345;
            smsk_status st = smsk_utf8_validate(buf, len, &n, &d);
            cr_assert_eq(st, SMSK_E_UTF8, "%s (suffix %zu): status %d", b->name, s, (int)st);
            cr_assert_eq(d.offset, 2 + b->at, "%s (suffix %zu): offset %zu, want %zu",
                    b->name, s, d.offset, 2 + b->at);
            cr_assert_eq(d.codepoint, SMSK_NO_CODEPOINT, "%s: codepoint 0x%X",
                    b->name, d.codepoint);
            cr_assert_not_null(d.what, "%s: no rule named", b->name);
            cr_assert_eq(smsk_utf8_validate(buf, len, NULL, NULL), SMSK_E_UTF8,
                    "%s with NULL diag", b->name);
        }
    }
}

Test(utf8, decode_next_rejects_each_ill_formed_class_and_keeps_state)
{
    static const char *const suffixes[] = {"", "cd"};
    for (size_t i = 0; i < N_BAD; i++) {
        for (size_t s = 0; s < sizeof suffixes / sizeof suffixes[0]; s++) {
            const struct bad_case *b = &bad_cases[i];
            char buf[32];
            size_t len = build_bad(buf, sizeof buf, b, suffixes[s]);
            size_t pos = 0;
            uint32_t cp = 0;
            smsk_status st = SMSK_OK;
            /* Walk the good part: "ab" and whatever precedes b->at. */
            size_t good = 0;
            while (pos < 2 + b->at) {
                st = smsk_utf8_decode_next(buf, len, &pos, &cp, NULL);
                cr_assert_eq(st, SMSK_OK, "%s: good prefix rejected at %zu", b->name, pos);
                good++;
            }
            cr_assert_eq(pos, 2 + b->at, "%s: prefix ends at %zu", b->name, pos);
            uint32_t cp_before = cp;
            smsk_diag d = {777, 0, NULL};
            st = smsk_utf8_decode_next(buf, len, &pos, &cp, &d);
            cr_assert_eq(st, SMSK_E_UTF8, "%s: status %d", b->name, (int)st);
            cr_assert_eq(pos, 2 + b->at, "%s: pos moved to %zu", b->name, pos);
            cr_assert_eq(cp, cp_before, "%s: cp changed to 0x%X", b->name, cp);
            cr_assert_eq(d.offset, 2 + b->at, "%s: offset %zu, want %zu", b->name,
                    d.offset, 2 + b->at);
            cr_assert_not_null(d.what, "%s: no rule named", b->name);
            /* Same answer again: nothing was consumed. */
            cr_assert_eq(smsk_utf8_decode_next(buf, len, &pos, &cp, NULL), SMSK_E_UTF8);
            cr_assert_eq(pos, 2 + b->at);
            cr_assert_geq(good, 2);
        }
    }
}

Test(utf8, decode_next_error_does_not_touch_cp_from_fresh_state)
{
    const char bad[] = "\xED\xA0\x80";
    size_t pos = 0;
    uint32_t cp = 0x12345678u;
    cr_assert_eq(smsk_utf8_decode_next(bad, 3, &pos, &cp, NULL), SMSK_E_UTF8);
    cr_assert_eq(pos, 0);
    cr_assert_eq(cp, 0x12345678u);
}

Test(utf8, decode_next_returns_end_at_end_of_input)
{
    size_t pos = 0;
    uint32_t cp = 0x12345678u;
    cr_assert_eq(smsk_utf8_decode_next("", 0, &pos, &cp, NULL), SMSK_END);
    cr_assert_eq(pos, 0);
    cr_assert_eq(cp, 0x12345678u);
    pos = 3;
    cr_assert_eq(smsk_utf8_decode_next("abc", 3, &pos, &cp, NULL), SMSK_END);
    cr_assert_eq(pos, 3);
    /* A bad sequence earlier in the buffer does not matter at the end. */
    pos = 2;
    cr_assert_eq(smsk_utf8_decode_next("\xFF\xFF", 2, &pos, &cp, NULL), SMSK_END);
}

Test(utf8, decode_next_starts_at_given_position)
{
    /* "é€" with pos on the euro sign. */
    const char s[] = "\xC3\xA9\xE2\x82\xAC";
    size_t pos = 2;
    uint32_t cp = 0;
    cr_assert_eq(smsk_utf8_decode_next(s, 5, &pos, &cp, NULL), SMSK_OK);
    cr_assert_eq(cp, 0x20AC);
    cr_assert_eq(pos, 5);
    /* pos inside a character points at a continuation byte. */
    pos = 1;
    smsk_diag d = {0, 0, NULL};
    cr_assert_eq(smsk_utf8_decode_next(s, 5, &pos, &cp, &d), SMSK_E_UTF8);
    cr_assert_eq(pos, 1);
    cr_assert_eq(d.offset, 1);
    /* len cuts the euro sign short: truncated, even though bytes follow. */
    pos = 2;
    cr_assert_eq(smsk_utf8_decode_next(s, 4, &pos, &cp, &d), SMSK_E_UTF8);
    cr_assert_eq(pos, 2);
    cr_assert_eq(d.offset, 2);
}

Test(utf8, validate_rejects_every_truncation_of_a_multibyte_char)
{
    /* Cut each valid 2-4 byte boundary char at every inner point. */
    for (size_t i = 0; i < N_BOUNDARIES; i++) {
        const struct valid_case *v = &boundaries[i];
        for (size_t cut = 1; cut < v->len; cut++) {
            char buf[16];
            memcpy(buf, "xyz", 3);
            memcpy(buf + 3, v->bytes, cut);
            smsk_diag d = {0, 0, NULL};
            cr_assert_eq(smsk_utf8_validate(buf, 3 + cut, NULL, &d), SMSK_E_UTF8,
                    "U+%04X cut to %zu bytes accepted", v->cp, cut);
            cr_assert_eq(d.offset, 3, "U+%04X cut to %zu: offset %zu", v->cp, cut, d.offset);
            buf[3 + cut] = 'q';
            cr_assert_eq(smsk_utf8_validate(buf, 4 + cut, NULL, &d), SMSK_E_UTF8,
                    "U+%04X cut to %zu then ASCII accepted", v->cp, cut);
            cr_assert_eq(d.offset, 3);
        }
    }
}

/* ---------------------------------------------------------------------
 * smsk_utf8_encode_cp: range, space, arguments
 * ------------------------------------------------------------------- */

Test(utf8, encode_cp_rejects_surrogates_and_values_above_10ffff)
{
    static const uint32_t bad[] = {0xD800, 0xDB7F, 0xDBFF, 0xDC00, 0xDFFF,
        0x110000, 0x1FFFFF, 0x7FFFFFFF, 0x80000000u, 0xFFFFFFFFu};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char buf[8];
        memset(buf, 0x55, sizeof buf);
        size_t len = 0;
        cr_assert_eq(smsk_utf8_encode_cp(buf, sizeof buf, &len, bad[i]), SMSK_E_RANGE,
                "0x%X not rejected", bad[i]);
        for (size_t k = 0; k < sizeof buf; k++)
            cr_assert_eq((unsigned char)buf[k], 0x55, "0x%X: wrote byte %zu", bad[i], k);
    }
}

Test(utf8, encode_cp_reports_bytes_needed_when_short)
{
    for (size_t i = 0; i < N_BOUNDARIES; i++) {
        const struct valid_case *v = &boundaries[i];
        for (size_t cap = 0; cap < v->len; cap++) {
            char buf[8];
            memset(buf, 0x55, sizeof buf);
            size_t len = 99;
            cr_assert_eq(smsk_utf8_encode_cp(buf, cap, &len, v->cp), SMSK_E_NOSPACE,
                    "U+%04X into %zu bytes", v->cp, cap);
            cr_assert_eq(len, v->len, "U+%04X: needed %zu, want %zu", v->cp, len, v->len);
            for (size_t k = cap; k < sizeof buf; k++)
                cr_assert_eq((unsigned char)buf[k], 0x55,
                        "U+%04X cap %zu: wrote byte %zu", v->cp, cap, k);
        }
        /* Exactly enough room. */
        char buf[4];
        size_t len = 0;
        cr_assert_eq(smsk_utf8_encode_cp(buf, v->len, &len, v->cp), SMSK_OK);
        cr_assert_eq(len, v->len);
    }
}

Test(utf8, null_arguments_are_rejected)
{
    size_t pos = 0, n = 0, len = 0;
    uint32_t cp = 0;
    char buf[4];
    cr_assert_eq(smsk_utf8_decode_next(NULL, 3, &pos, &cp, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_utf8_decode_next("abc", 3, NULL, &cp, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_utf8_decode_next("abc", 3, &pos, NULL, NULL), SMSK_E_ARG);
    cr_assert_eq(pos, 0);
    cr_assert_eq(cp, 0);
    cr_assert_eq(smsk_utf8_validate(NULL, 3, &n, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_utf8_encode_cp(NULL, 4, &len, 0x41), SMSK_E_ARG);
    cr_assert_eq(smsk_utf8_encode_cp(buf, sizeof buf, NULL, 0x41), SMSK_E_ARG);
    smsk_diag d = {0, 0, NULL};
    cr_assert_eq(smsk_utf8_validate(NULL, 1, NULL, &d), SMSK_E_ARG);
}

/* ---------------------------------------------------------------------
 * Exhaustive checks
 * ------------------------------------------------------------------- */

Test(utf8, every_scalar_value_round_trips)
{
    size_t total = 0, chars = 0;
    for (uint32_t c = 0; c <= 0x10FFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        uint8_t want[4];
        size_t want_len = ref_encode(want, c);
        char buf[4];
        size_t len = 0;
        smsk_status st = smsk_utf8_encode_cp(buf, sizeof buf, &len, c);
        if (st != SMSK_OK || len != want_len || memcmp(buf, want, want_len) != 0) {
            char what[32];
            snprintf(what, sizeof what, "encode U+%04X (status %d)", c, (int)st);
            assert_bytes_eq(buf, st == SMSK_OK ? len : 0, want, want_len, what);
        }
        size_t pos = 0;
        uint32_t back = 0xFFFFFFFFu;
        st = smsk_utf8_decode_next(buf, len, &pos, &back, NULL);
        if (st != SMSK_OK || back != c || pos != len)
            cr_assert_fail("decode U+%04X: status %d, cp 0x%X, pos %zu", c, (int)st,
                    back, pos);
        size_t n = 0;
        if (smsk_utf8_validate(buf, len, &n, NULL) != SMSK_OK || n != 1)
            cr_assert_fail("validate rejects U+%04X", c);
        total += len;
        chars++;
    }
    /* 0x110000 values minus 2048 surrogates. */
    cr_assert_eq(chars, 1112064);
    /* 128*1 + 1920*2 + (63488 - 2048 surrogates)*3 + 1048576*4 */
    cr_assert_eq(total, 128u + 1920u * 2u + 61440u * 3u + 1048576u * 4u);
}

Test(utf8, validate_counts_all_scalar_values_in_one_buffer)
{
    size_t cap = 128u + 1920u * 2u + 61440u * 3u + 1048576u * 4u;
    uint8_t *buf = malloc(cap);
    cr_assert_not_null(buf);
    size_t o = 0;
    for (uint32_t c = 0; c <= 0x10FFFF && o + 4 <= cap; c++)
        if (c < 0xD800 || c > 0xDFFF)
            o += ref_encode(buf + o, c);
    cr_assert_eq(o, cap);
    size_t n = 0;
    smsk_diag d = {0, 0, NULL};
    smsk_status st = smsk_utf8_validate((const char *)buf, o, &n, &d);
    cr_assert_eq(st, SMSK_OK, "status %d at offset %zu", (int)st, d.offset);
    cr_assert_eq(n, 1112064);
    /* And decode_next walks it code point by code point. */
    size_t pos = 0;
    uint32_t expect = 0, cp = 0;
    while ((st = smsk_utf8_decode_next((const char *)buf, o, &pos, &cp, NULL)) == SMSK_OK) {
        if (cp != expect)
            cr_assert_fail("at %zu: U+%04X, want U+%04X", pos, cp, expect);
        expect = expect == 0xD7FF ? 0xE000 : expect + 1;
    }
    cr_assert_eq(st, SMSK_END);
    cr_assert_eq(expect, 0x110000);
    free(buf);
}

Test(utf8, every_two_byte_input_matches_table_3_7)
{
    unsigned n_ok = 0;
    for (unsigned v = 0; v <= 0xFFFF; v++) {
        uint8_t s[2] = {(uint8_t)(v >> 8), (uint8_t)v};
        size_t bad = 0, c = 0;
        int ok = t37_check(s, 2, &bad, &c);
        size_t n = 0;
        smsk_diag d = {999, 0, NULL};
        smsk_status st = smsk_utf8_validate((const char *)s, 2, &n, &d);
        if (ok) {
            n_ok++;
            if (st != SMSK_OK || n != c)
                cr_assert_fail("%02X %02X: status %d, n %zu; Table 3-7: well-formed, "
                        "%zu chars", s[0], s[1], (int)st, n, c);
        } else if (st != SMSK_E_UTF8 || d.offset != bad) {
            cr_assert_fail("%02X %02X: status %d, offset %zu; Table 3-7: ill-formed "
                    "at %zu", s[0], s[1], (int)st, d.offset, bad);
        }
        /* decode_next agrees on the first character. */
        size_t pos = 0;
        uint32_t cp = 0xFFFFFFFFu;
        size_t k = t37_seq(s, 2);
        st = smsk_utf8_decode_next((const char *)s, 2, &pos, &cp, NULL);
        if (k ? st != SMSK_OK || pos != k : st != SMSK_E_UTF8 || pos != 0)
            cr_assert_fail("%02X %02X: decode_next status %d pos %zu, Table 3-7 "
                    "length %zu", s[0], s[1], (int)st, pos, k);
    }
    /* 128*128 ASCII pairs + 30*64 two-byte characters. */
    cr_assert_eq(n_ok, 128u * 128u + 30u * 64u);
}

Test(utf8, every_three_byte_input_matches_table_3_7)
{
    /* 16.7M inputs; covers each lead byte's own second-byte range. */
    for (uint32_t v = 0; v <= 0xFFFFFF; v++) {
        uint8_t s[3] = {(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
        size_t bad = 0, c = 0;
        int ok = t37_check(s, 3, &bad, &c);
        size_t n = 0;
        smsk_diag d = {999, 0, NULL};
        smsk_status st = smsk_utf8_validate((const char *)s, 3, &n, &d);
        if (ok ? st != SMSK_OK || n != c : st != SMSK_E_UTF8 || d.offset != bad)
            cr_assert_fail("%02X %02X %02X: status %d, n %zu, offset %zu; "
                    "Table 3-7: %s at %zu (%zu chars)", s[0], s[1], s[2], (int)st, n,
                    d.offset, ok ? "well-formed" : "ill-formed", bad, c);
    }
}

Test(utf8, four_byte_lead_and_second_byte_ranges_match_table_3_7)
{
    /* Every lead byte with every second byte and two fixed tails. */
    static const uint8_t tails[][2] = {{0x80, 0x80}, {0xBF, 0xBF}, {0x80, 0x41},
        {0xC0, 0x80}};
    for (unsigned a = 0x80; a <= 0xFF; a++)
        for (unsigned b = 0; b <= 0xFF; b++)
            for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
                uint8_t s[4] = {(uint8_t)a, (uint8_t)b, tails[t][0], tails[t][1]};
                size_t bad = 0, c = 0;
                int ok = t37_check(s, 4, &bad, &c);
                size_t n = 0;
                smsk_diag d = {999, 0, NULL};
                smsk_status st = smsk_utf8_validate((const char *)s, 4, &n, &d);
                if (ok ? st != SMSK_OK || n != c : st != SMSK_E_UTF8 || d.offset != bad)
                    cr_assert_fail("%02X %02X %02X %02X: status %d, n %zu, offset %zu; "
                            "Table 3-7: %s at %zu", s[0], s[1], s[2], s[3], (int)st, n,
                            d.offset, ok ? "well-formed" : "ill-formed", bad);
            }
}

/* ---------------------------------------------------------------------
 * The 8-bytes-at-a-time ASCII fast path of smsk_utf8_validate
 * ------------------------------------------------------------------- */

Test(utf8, ascii_runs_count_every_length)
{
    char buf[80];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char)('!' + i % 90);
    for (size_t len = 0; len <= sizeof buf; len++) {
        size_t n = 0;
        cr_assert_eq(smsk_utf8_validate(buf, len, &n, NULL), SMSK_OK, "len %zu", len);
        cr_assert_eq(n, len, "len %zu: n_chars %zu", len, n);
    }
    /* 0x7F, the top of ASCII, stays on the fast path. */
    memset(buf, 0x7F, sizeof buf);
    size_t n = 0;
    cr_assert_eq(smsk_utf8_validate(buf, sizeof buf, &n, NULL), SMSK_OK);
    cr_assert_eq(n, sizeof buf);
}

Test(utf8, ascii_run_with_bad_byte_reports_exact_offset)
{
    static const struct {
        const char *bytes;
        size_t len;
    } bads[] = {
        {"\x80", 1}, {"\xBF", 1}, {"\xC0\x80", 2}, {"\xC1", 1}, {"\xF5", 1},
        {"\xFF", 1}, {"\xC3", 1}, {"\xED\xA0\x80", 3}, {"\xF4\x90\x80\x80", 4},
        {"\xE0\x9F\xBF", 3}, {"\xF0\x9F\x98", 3},
    };
    char buf[64];
    for (size_t k = 0; k <= 40; k++) {
        for (size_t b = 0; b < sizeof bads / sizeof bads[0]; b++) {
            /* bad at k, then 0 or 12 ASCII bytes after it */
            for (size_t tail = 0; tail <= 12; tail += 12) {
                memset(buf, 'a', sizeof buf);
                memcpy(buf + k, bads[b].bytes, bads[b].len);
                size_t len = k + bads[b].len + tail;
                smsk_diag d = {999, 0, NULL};
                size_t n = 0;
                smsk_status st = smsk_utf8_validate(buf, len, &n, &d);
                cr_assert_eq(st, SMSK_E_UTF8, "bad %zu at %zu (tail %zu): status %d",
                        b, k, tail, (int)st);
                cr_assert_eq(d.offset, k, "bad %zu at %zu (tail %zu): offset %zu",
                        b, k, tail, d.offset);
            }
        }
    }
}

Test(utf8, ascii_run_with_valid_multibyte_at_every_position_is_counted)
{
    char buf[64];
    static const char *const chars[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
    for (size_t k = 0; k <= 40; k++)
        for (size_t c = 0; c < 3; c++) {
            size_t cl = strlen(chars[c]);
            memset(buf, 'z', sizeof buf);
            memcpy(buf + k, chars[c], cl);
            size_t len = k + cl + 9;
            size_t n = 0;
            cr_assert_eq(smsk_utf8_validate(buf, len, &n, NULL), SMSK_OK,
                    "char %zu at %zu", c, k);
            cr_assert_eq(n, len - cl + 1, "char %zu at %zu: n_chars %zu", c, k, n);
            /* A bad byte after the good char is still found exactly. */
            buf[k + cl + 5] = (char)0x80;
            smsk_diag d = {999, 0, NULL};
            cr_assert_eq(smsk_utf8_validate(buf, len, NULL, &d), SMSK_E_UTF8);
            cr_assert_eq(d.offset, k + cl + 5, "char %zu at %zu: offset %zu", c, k,
                    d.offset);
        }
}
