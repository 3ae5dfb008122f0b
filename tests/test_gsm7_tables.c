/* SPDX-License-Identifier: MIT */
/*
 * Every cell of the TS 23.038 tables (6.2.1, 6.2.1.1, Annex A) as
 * lib/tables/tables.tsv prints them (tests/vectors/gsm7_tables_tsv.h):
 * smsk_gsm7_table_get() gives it, smsk_gsm7_encode() produces it and
 * smsk_gsm7_decode() reads it back; cells without a character behave as
 * 6.2.1.1 says. The expectations come from the TSV and its README only.
 */
#include <criterion/criterion.h>
#include <smskit.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "helpers/bytes.h"
#include "vectors/gsm7_tables_tsv.h"

TestSuite(gsm7_tables, .timeout = 10);

#define ESC 0x1Bu
#define N_TABLES 27

/* ---------------------------------------------------------------------
 * The TSV as a lookup: cell[lang][single][septet]
 * ------------------------------------------------------------------- */

static const struct gsm7_tsv_row *cell[SMSK_LANG_COUNT][2][128];

static void index_rows(void)
{
    memset(cell, 0, sizeof cell);
    for (size_t i = 0; i < GSM7_TSV_N_ROWS; i++) {
        const struct gsm7_tsv_row *r = &gsm7_tsv_rows[i];
        cr_assert(r->lang >= 0 && r->lang < SMSK_LANG_COUNT && r->septet < 128
                        && (r->is_single == 0 || r->is_single == 1),
                "row %zu out of range", i);
        cr_assert(cell[r->lang][r->is_single][r->septet] == NULL,
                "%s 0x%02X twice", r->table, r->septet);
        cell[r->lang][r->is_single][r->septet] = r;
    }
}

/* Does table (lang, single) exist in the TSV? */
static int has_table(int lang, int single)
{
    return cell[lang][single][0] != NULL;
}

/* The lowest septet of table (lang, single) holding `cp`, or -1. */
static int tsv_lookup(int lang, int single, long cp)
{
    for (unsigned s = 0; s < 128; s++) {
        const struct gsm7_tsv_row *r = cell[lang][single][s];
        if (r != NULL && r->codepoint == cp)
            return (int)s;
    }
    return -1;
}

/* UTF-8 of `cp` (test-side, RFC 3629); returns the length. */
static size_t utf8_put(char *dst, long cp)
{
    uint32_t c = (uint32_t)cp;
    if (c < 0x80) {
        dst[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        dst[0] = (char)(0xC0 | (c >> 6));
        dst[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    dst[0] = (char)(0xE0 | (c >> 12));
    dst[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    dst[2] = (char)(0x80 | (c & 0x3F));
    return 3; /* the tables are all in the BMP */
}

static smsk_gsm7_shift shift_of(int locking, int single)
{
    smsk_gsm7_shift s = {(smsk_lang)locking, (smsk_lang)single};
    return s;
}

/* The locking tables to pair with single shift table `lang`: the default
 * alphabet, and the language's own locking table where it has one. */
static int lockings_for(int lang, int out[2])
{
    int n = 0;
    out[n++] = SMSK_LANG_DEFAULT;
    if (lang != SMSK_LANG_DEFAULT && has_table(lang, 0))
        out[n++] = lang;
    return n;
}

/* Expect `septets` to decode under `shift` to the character `cp`. */
static void expect_decodes_to(const char *what, const uint8_t *septets,
        size_t n, smsk_gsm7_shift shift, long cp)
{
    char out[16], exp[4];
    size_t len = 0, elen = utf8_put(exp, cp);
    smsk_diag diag;
    smsk_status st = smsk_gsm7_decode(
            out, sizeof out, &len, septets, n, shift, 0, &diag);
    cr_expect(
            st == SMSK_OK, "%s: decode status %s", what, smsk_status_name(st));
    if (st == SMSK_OK)
        expect_text_eq(what, out, len, exp, elen);
}

/* Expect the character `cp` to encode under `shift` to `exp`. */
static void expect_encodes_to(const char *what, long cp, smsk_gsm7_shift shift,
        const uint8_t *exp, size_t elen)
{
    char text[4];
    uint8_t out[8];
    size_t tlen = utf8_put(text, cp), n = 0;
    smsk_diag diag;
    smsk_status st =
            smsk_gsm7_encode(out, sizeof out, &n, text, tlen, shift, 0, &diag);
    cr_expect(
            st == SMSK_OK, "%s: encode status %s", what, smsk_status_name(st));
    if (st == SMSK_OK)
        expect_bytes_eq(what, out, n, exp, elen);
    /* smsk_gsm7_count agrees. */
    size_t count = 0;
    st = smsk_gsm7_count(&count, text, tlen, shift, 0, NULL);
    cr_expect(st == SMSK_OK && count == elen,
            "%s: smsk_gsm7_count %s, %zu (want %zu)", what,
            smsk_status_name(st), count, elen);
}

/* ---------------------------------------------------------------------
 * The TSV itself, against lib/tables/README.md
 * ------------------------------------------------------------------- */

Test(gsm7_tables, tsv_has_27_tables_of_128_septets)
{
    cr_assert_eq(GSM7_TSV_N_ROWS, 3456u, "27 tables x 128 rows");
    index_rows();
    size_t tables = 0;
    for (int lang = 0; lang < SMSK_LANG_COUNT; lang++)
        for (int single = 0; single <= 1; single++) {
            if (!has_table(lang, single))
                continue;
            tables++;
            for (unsigned s = 0; s < 128; s++) {
                const struct gsm7_tsv_row *r = cell[lang][single][s];
                cr_assert(r != NULL, "lang %d single %d lacks 0x%02X", lang,
                        single, s);
                cr_expect(r->is_esc == (s == ESC),
                        "%s 0x%02X: ESC only at 0x1B", r->table, s);
                cr_expect(strcmp(r->table, cell[lang][single][0]->table) == 0);
            }
        }
    cr_expect_eq(tables, N_TABLES);
    /* A.3.2 is void: no Spanish locking table. */
    cr_expect(!has_table(SMSK_LANG_SPANISH, 0));
    cr_expect(has_table(SMSK_LANG_SPANISH, 1));
}

/* The TSV's table names use smsk_lang_name() (NLI order of TS 23.038
 * Table 6.2.1.2.4.1). */
Test(gsm7_tables, table_names_follow_lang_names)
{
    index_rows();
    for (size_t i = 0; i < GSM7_TSV_N_ROWS; i++) {
        const struct gsm7_tsv_row *r = &gsm7_tsv_rows[i];
        char want[40];
        const char *name = smsk_lang_name((smsk_lang)r->lang);
        cr_assert(name != NULL, "lang %d has no name", r->lang);
        if (r->lang == SMSK_LANG_DEFAULT)
            snprintf(want, sizeof want, "%s",
                    r->is_single ? "default_ext" : "default");
        else
            snprintf(want, sizeof want, "%s_%s", name,
                    r->is_single ? "single" : "locking");
        cr_expect(strcmp(r->table, want) == 0,
                "row %zu: table %s, lang %d is %s", i, r->table, r->lang, want);
    }
}

/* lib/tables/README.md, "Entry counts": chars and '-' rows per table,
 * and the '-' septets of the locking tables. */
static const struct {
    const char *table;
    unsigned chars, dashes;
    const char *dash_septets; /* locking tables; NULL for single */
} readme_counts[N_TABLES] = {
        {"default", 127, 0, ""},
        {"default_ext", 10, 117, NULL},
        {"turkish_locking", 127, 0, ""},
        {"turkish_single", 17, 110, NULL},
        {"spanish_single", 19, 108, NULL},
        {"portuguese_locking", 127, 0, ""},
        {"portuguese_single", 37, 90, NULL},
        {"bengali_locking", 114, 13, "0C 0E 11 12 3C 45 47 48 49 57 58 5B 5C"},
        {"bengali_single", 82, 45, NULL},
        {"gujarati_locking", 120, 7, "0E 12 3C 45 48 58 5C"},
        {"gujarati_single", 70, 57, NULL},
        {"hindi_locking", 127, 0, ""},
        {"hindi_single", 88, 39, NULL},
        {"kannada_locking", 120, 7, "00 0C 11 3C 48 57 5B"},
        {"kannada_single", 73, 54, NULL},
        {"malayalam_locking", 120, 7, "00 0C 11 3C 4E 57 5B"},
        {"malayalam_single", 82, 45, NULL},
        {"oriya_locking", 116, 11, "0C 0E 11 12 3C 45 48 57 58 5B 5C"},
        {"oriya_single", 75, 52, NULL},
        {"punjabi_locking", 110, 17,
                "09 0B 0C 0E 11 12 3C 45 48 4B 4F 55 56 57 58 5B 5C"},
        {"punjabi_single", 76, 51, NULL},
        {"tamil_locking", 102, 25,
                "00 09 0B 0C 11 16 17 18 1C 1E 23 24 25 2A 2B 2D 3E 40 41 4E "
                "4F 55 56 57 5B"},
        {"tamil_single", 77, 50, NULL},
        {"telugu_locking", 120, 7, "0C 11 3C 48 4E 57 5B"},
        {"telugu_single", 77, 50, NULL},
        {"urdu_locking", 127, 0, ""},
        {"urdu_single", 90, 37, NULL},
};

Test(gsm7_tables, entry_counts_match_readme)
{
    size_t total_chars = 0, total_dashes = 0;
    for (size_t t = 0; t < N_TABLES; t++) {
        unsigned chars = 0, dashes = 0, esc = 0, rows = 0;
        char dash_list[128 * 3 + 1] = "";
        size_t dl = 0;
        for (size_t i = 0; i < GSM7_TSV_N_ROWS; i++) {
            const struct gsm7_tsv_row *r = &gsm7_tsv_rows[i];
            if (strcmp(r->table, readme_counts[t].table) != 0)
                continue;
            rows++;
            if (r->is_esc) {
                esc++;
            } else if (r->codepoint < 0) {
                dashes++;
                dl += (size_t)snprintf(dash_list + dl, sizeof dash_list - dl,
                        "%s%02X", dl ? " " : "", r->septet);
            } else {
                chars++;
            }
        }
        const char *name = readme_counts[t].table;
        cr_expect_eq(rows, 128u, "%s: %u rows", name, rows);
        cr_expect_eq(esc, 1u, "%s: %u ESC rows", name, esc);
        cr_expect_eq(chars, readme_counts[t].chars,
                "%s: %u chars, README says %u", name, chars,
                readme_counts[t].chars);
        cr_expect_eq(dashes, readme_counts[t].dashes,
                "%s: %u '-' rows, README says %u", name, dashes,
                readme_counts[t].dashes);
        if (readme_counts[t].dash_septets != NULL)
            cr_expect(strcmp(dash_list, readme_counts[t].dash_septets) == 0,
                    "%s: '-' at %s, README says %s", name, dash_list,
                    readme_counts[t].dash_septets);
        total_chars += chars;
        total_dashes += dashes;
    }
    cr_expect_eq(
            total_chars + 27u + total_dashes, 3456u, "chars + ESC + '-' rows");
    cr_expect_eq(total_chars, 2430u);
}

/* ---------------------------------------------------------------------
 * The library against every cell
 * ------------------------------------------------------------------- */

Test(gsm7_tables, table_get_gives_every_cell)
{
    index_rows();
    for (size_t i = 0; i < GSM7_TSV_N_ROWS; i++) {
        const struct gsm7_tsv_row *r = &gsm7_tsv_rows[i];
        uint32_t want = r->is_esc  ? ESC
                : r->codepoint < 0 ? SMSK_NO_CODEPOINT
                                   : (uint32_t)r->codepoint;
        uint32_t got = smsk_gsm7_table_get(
                (smsk_lang)r->lang, r->is_single, r->septet);
        cr_expect_eq(got, want,
                "smsk_gsm7_table_get(%s, 0x%02X) = U+%04X, want U+%04X",
                r->table, r->septet, got, want);
    }
}

/* A locking table character is one septet, its own (no locking table
 * holds a character twice), whatever single shift table goes with it. */
Test(gsm7_tables, every_locking_cell_round_trips)
{
    index_rows();
    size_t tested = 0;
    for (size_t i = 0; i < GSM7_TSV_N_ROWS; i++) {
        const struct gsm7_tsv_row *r = &gsm7_tsv_rows[i];
        if (r->is_single || r->codepoint < 0)
            continue;
        cr_expect_eq(tsv_lookup(r->lang, 0, r->codepoint), (int)r->septet,
                "%s: U+%04lX twice", r->table, r->codepoint);
        int singles[2] = {SMSK_LANG_DEFAULT, r->lang};
        for (int k = 0; k < (r->lang == SMSK_LANG_DEFAULT ? 1 : 2); k++) {
            char what[96];
            smsk_gsm7_shift sh = shift_of(r->lang, singles[k]);
            uint8_t s = (uint8_t)r->septet;
            snprintf(what, sizeof what, "%s 0x%02X U+%04lX (single %d)",
                    r->table, r->septet, r->codepoint, singles[k]);
            expect_encodes_to(what, r->codepoint, sh, &s, 1);
            expect_decodes_to(what, &s, 1, sh, r->codepoint);
        }
        tested++;
    }
    cr_expect_eq(tested,
            127u * 5 + 114 + 120 + 120 + 120 + 116 + 110 + 102 + 120,
            "locking cells with a character");
}

/*
 * A single shift table character: with locking table L it is one septet
 * when L holds it (the encoder looks in the locking table first, TS
 * 23.038 6.2.1.1 / Annex A), else escape + its septet, the lower one for
 * the duplicated cells (U+00A1, U+002A in the Indic and Urdu tables).
 * Escape + its septet always decodes to it.
 */
Test(gsm7_tables, every_single_shift_cell_round_trips)
{
    index_rows();
    size_t tested = 0, via_locking = 0;
    for (size_t i = 0; i < GSM7_TSV_N_ROWS; i++) {
        const struct gsm7_tsv_row *r = &gsm7_tsv_rows[i];
        if (!r->is_single || r->codepoint < 0)
            continue;
        int locks[2];
        int nl = lockings_for(r->lang, locks);
        for (int k = 0; k < nl; k++) {
            char what[112];
            smsk_gsm7_shift sh = shift_of(locks[k], r->lang);
            snprintf(what, sizeof what, "%s 0x%02X U+%04lX (locking %d)",
                    r->table, r->septet, r->codepoint, locks[k]);
            uint8_t pair[2] = {ESC, (uint8_t)r->septet};
            expect_decodes_to(what, pair, 2, sh, r->codepoint);

            int in_lock = tsv_lookup(locks[k], 0, r->codepoint);
            if (in_lock >= 0) {
                uint8_t one = (uint8_t)in_lock;
                expect_encodes_to(what, r->codepoint, sh, &one, 1);
                expect_decodes_to(what, &one, 1, sh, r->codepoint);
                via_locking++;
            } else {
                uint8_t exp[2] = {
                        ESC, (uint8_t)tsv_lookup(r->lang, 1, r->codepoint)};
                expect_encodes_to(what, r->codepoint, sh, exp, 2);
            }
        }
        tested++;
    }
    cr_expect_eq(tested,
            10u + 17 + 19 + 37 + 82 + 70 + 88 + 73 + 82 + 75 + 76 + 77 + 77
                    + 90,
            "single shift cells with a character");
    cr_expect(via_locking > 0,
            "some single shift characters are in the locking table");
}

/* lib/tables/README.md, "Duplicates": the encoder takes the lower septet. */
Test(gsm7_tables, duplicated_cells_encode_to_lower_septet)
{
    index_rows();
    for (int lang = SMSK_LANG_BENGALI; lang <= SMSK_LANG_URDU; lang++) {
        static const struct {
            long cp;
            unsigned lo, hi;
        } dup[] = {
                {0x00A1, 0x13, 0x15},
                {0x002A, 0x0B, 0x18},
        };
        for (size_t d = 0; d < 2; d++) {
            char what[64];
            snprintf(what, sizeof what, "%s U+%04lX",
                    smsk_lang_name((smsk_lang)lang), dup[d].cp);
            cr_expect_eq(cell[lang][1][dup[d].lo]->codepoint, dup[d].cp,
                    "%s: TSV", what);
            cr_expect_eq(cell[lang][1][dup[d].hi]->codepoint, dup[d].cp,
                    "%s: TSV", what);
            /* The national locking tables lack both characters. */
            cr_expect_eq(tsv_lookup(lang, 0, dup[d].cp), -1,
                    "%s in the locking table", what);
            uint8_t exp[2] = {ESC, (uint8_t)dup[d].lo};
            expect_encodes_to(what, dup[d].cp, shift_of(lang, lang), exp, 2);
            uint8_t hi[2] = {ESC, (uint8_t)dup[d].hi};
            expect_decodes_to(what, hi, 2, shift_of(lang, lang), dup[d].cp);
            expect_decodes_to(what, exp, 2, shift_of(lang, lang), dup[d].cp);
        }
    }
}

/* A septet of a locking table that holds no character is malformed. */
Test(gsm7_tables, missing_locking_cells_are_malformed)
{
    index_rows();
    size_t tested = 0;
    for (size_t i = 0; i < GSM7_TSV_N_ROWS; i++) {
        const struct gsm7_tsv_row *r = &gsm7_tsv_rows[i];
        if (r->is_single || r->codepoint >= 0 || r->is_esc)
            continue;
        /* Two good septets first, so that diag.offset means something. */
        int good = tsv_lookup(r->lang, 0, 0x20); /* space, in every table */
        cr_assert(good >= 0);
        uint8_t sept[3] = {(uint8_t)good, (uint8_t)good, (uint8_t)r->septet};
        char out[16];
        size_t len = 0;
        smsk_diag diag = {99, 0, NULL};
        smsk_gsm7_shift sh = shift_of(r->lang, r->lang);
        smsk_status st =
                smsk_gsm7_decode(out, sizeof out, &len, sept, 3, sh, 0, &diag);
        cr_expect_eq(st, SMSK_E_MALFORMED, "%s 0x%02X: %s", r->table, r->septet,
                smsk_status_name(st));
        cr_expect_eq(diag.offset, 2u, "%s 0x%02X: diag.offset %zu", r->table,
                r->septet, diag.offset);
        /* SMSK_GSM7_LENIENT: U+FFFD instead. */
        st = smsk_gsm7_decode(
                out, sizeof out, &len, sept, 3, sh, SMSK_GSM7_LENIENT, NULL);
        cr_expect_eq(st, SMSK_OK, "%s 0x%02X lenient: %s", r->table, r->septet,
                smsk_status_name(st));
        expect_text_eq(r->table, out, len, "  \xEF\xBF\xBD", 5);
        tested++;
    }
    cr_expect_eq(tested, 13u + 7 + 7 + 7 + 11 + 17 + 25 + 7);
}

/*
 * TS 23.038 6.2.1.1: an escaped septet that the single shift table lacks
 * shows the character at that septet of the locking table in use (the
 * default alphabet or a national locking table), not the default
 * extension table's.
 */
Test(gsm7_tables, missing_single_shift_cells_fall_back_to_locking_table)
{
    index_rows();
    size_t tested = 0;
    for (size_t i = 0; i < GSM7_TSV_N_ROWS; i++) {
        const struct gsm7_tsv_row *r = &gsm7_tsv_rows[i];
        if (!r->is_single || r->codepoint >= 0 || r->is_esc)
            continue;
        int locks[2];
        int nl = lockings_for(r->lang, locks);
        for (int k = 0; k < nl; k++) {
            const struct gsm7_tsv_row *lc = cell[locks[k]][0][r->septet];
            smsk_gsm7_shift sh = shift_of(locks[k], r->lang);
            uint8_t pair[2] = {ESC, (uint8_t)r->septet};
            char what[96];
            snprintf(what, sizeof what, "%s 0x%02X escaped, with %s", r->table,
                    r->septet, lc->table);
            if (lc->codepoint >= 0) {
                expect_decodes_to(what, pair, 2, sh, lc->codepoint);
            } else {
                char out[8];
                size_t len = 0;
                smsk_diag diag = {99, 0, NULL};
                smsk_status st = smsk_gsm7_decode(
                        out, sizeof out, &len, pair, 2, sh, 0, &diag);
                cr_expect_eq(st, SMSK_E_MALFORMED,
                        "%s (no character there either): %s", what,
                        smsk_status_name(st));
                cr_expect_eq(diag.offset, 1u, "%s: diag.offset %zu", what,
                        diag.offset);
            }
            tested++;
        }
    }
    cr_expect(tested > 1000, "%zu cases", tested);
}

/* The README's examples of that rule, spelt out. */
Test(gsm7_tables, fallback_examples)
{
    index_rows();
    static const uint8_t esc_41[] = {ESC, 0x41}, esc_5b[] = {ESC, 0x5B},
                         esc_7f[] = {ESC, 0x7F}, esc_65[] = {ESC, 0x65};
    /* Turkish single shift has nothing at 0x41: 'A' of the locking table. */
    expect_decodes_to("Turkish ESC 0x41, Turkish locking", esc_41, 2,
            shift_of(SMSK_LANG_TURKISH, SMSK_LANG_TURKISH), 'A');
    expect_decodes_to("Turkish ESC 0x41, default", esc_41, 2,
            shift_of(SMSK_LANG_DEFAULT, SMSK_LANG_TURKISH), 'A');
    /* The default extension table likewise (1B 41 -> 'A'). */
    expect_decodes_to("default ESC 0x41", esc_41, 2,
            shift_of(SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT), 'A');
    /* Hindi single shift lacks 0x5B and 0x7F: with the Hindi locking
     * table they show DEVANAGARI VOWEL SIGN CANDRA O and LETTER BBA
     * (A.3.6), with the default alphabet 'Ä' and 'à'. */
    expect_decodes_to("Hindi ESC 0x5B, Hindi locking", esc_5b, 2,
            shift_of(SMSK_LANG_HINDI, SMSK_LANG_HINDI), 0x0949);
    expect_decodes_to("Hindi ESC 0x7F, Hindi locking", esc_7f, 2,
            shift_of(SMSK_LANG_HINDI, SMSK_LANG_HINDI), 0x097F);
    expect_decodes_to("Hindi ESC 0x5B, default", esc_5b, 2,
            shift_of(SMSK_LANG_DEFAULT, SMSK_LANG_HINDI), 0x00C4);
    expect_decodes_to("Hindi ESC 0x7F, default", esc_7f, 2,
            shift_of(SMSK_LANG_DEFAULT, SMSK_LANG_HINDI), 0x00E0);
    /* Not the default extension table: ESC 0x65 is '€' there, but
     * Telugu's A.2.12 has no '€', so a receiver shows 'e'. */
    expect_decodes_to("Telugu ESC 0x65", esc_65, 2,
            shift_of(SMSK_LANG_DEFAULT, SMSK_LANG_TELUGU), 'e');
    expect_decodes_to("Telugu ESC 0x65, Telugu locking", esc_65, 2,
            shift_of(SMSK_LANG_TELUGU, SMSK_LANG_TELUGU), 'e');
    /* ...and an encoder must not send '€' that way. */
    uint8_t out[4];
    size_t n = 0;
    smsk_diag diag = {99, 0, NULL};
    cr_expect_eq(
            smsk_gsm7_encode(out, sizeof out, &n, "\xE2\x82\xAC", 3,
                    shift_of(SMSK_LANG_DEFAULT, SMSK_LANG_TELUGU), 0, &diag),
            SMSK_E_CHARSET);
    cr_expect_eq(diag.codepoint, 0x20ACu);
    /* Bengali: 0x5B is missing from both tables. */
    cr_expect_eq(
            smsk_gsm7_decode((char *)out, sizeof out, &n, esc_5b, 2,
                    shift_of(SMSK_LANG_BENGALI, SMSK_LANG_BENGALI), 0, NULL),
            SMSK_E_MALFORMED);
    expect_decodes_to("Bengali ESC 0x5B, default", esc_5b, 2,
            shift_of(SMSK_LANG_DEFAULT, SMSK_LANG_BENGALI), 0x00C4);
}

/* 6.2.1.1 note 1: 0x1B in a single shift table is reserved for a further
 * extension; the receiver shows a space, then reads on normally. */
Test(gsm7_tables, escape_escape_is_a_space_in_every_single_shift_table)
{
    index_rows();
    for (int lang = 0; lang < SMSK_LANG_COUNT; lang++) {
        int locks[2];
        int nl = lockings_for(lang, locks);
        for (int k = 0; k < nl; k++) {
            int a = tsv_lookup(locks[k], 0, 'a');
            int sp = tsv_lookup(locks[k], 0, ' ');
            cr_assert(sp >= 0);
            uint8_t sept[3] = {ESC, ESC, (uint8_t)(a >= 0 ? a : sp)};
            char out[8];
            size_t len = 0;
            smsk_status st = smsk_gsm7_decode(out, sizeof out, &len, sept, 3,
                    shift_of(locks[k], lang), 0, NULL);
            cr_expect_eq(st, SMSK_OK, "lang %d locking %d: %s", lang, locks[k],
                    smsk_status_name(st));
            expect_text_eq("ESC ESC x", out, len, a >= 0 ? " a" : "  ", 2);
        }
    }
}

/* A.3.2 is void: Spanish has no locking shift table. */
Test(gsm7_tables, spanish_has_no_locking_table)
{
    cr_expect_eq(smsk_lang_has_locking(SMSK_LANG_SPANISH), 0);
    for (int lang = 0; lang < SMSK_LANG_COUNT; lang++)
        if (lang != SMSK_LANG_SPANISH)
            cr_expect_eq(
                    smsk_lang_has_locking((smsk_lang)lang), 1, "lang %d", lang);
    uint8_t out[8];
    char text[8];
    size_t n = 0;
    static const uint8_t sept[] = {0x41};
    smsk_gsm7_shift sp = shift_of(SMSK_LANG_SPANISH, SMSK_LANG_DEFAULT);
    smsk_gsm7_shift sp2 = shift_of(SMSK_LANG_SPANISH, SMSK_LANG_SPANISH);
    cr_expect_eq(smsk_gsm7_encode(out, sizeof out, &n, "A", 1, sp, 0, NULL),
            SMSK_E_ARG);
    cr_expect_eq(smsk_gsm7_encode(out, sizeof out, &n, "A", 1, sp2, 0, NULL),
            SMSK_E_ARG);
    cr_expect_eq(smsk_gsm7_count(&n, "A", 1, sp, 0, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_gsm7_decode(text, sizeof text, &n, sept, 1, sp, 0, NULL),
            SMSK_E_ARG);
    /* The Spanish single shift table goes with the default alphabet. */
    static const uint8_t exp[] = {ESC, 0x09}; /* A.2.2: 'ç' */
    expect_encodes_to("Spanish single 'ç'", 0xE7,
            shift_of(SMSK_LANG_DEFAULT, SMSK_LANG_SPANISH), exp, 2);
}
