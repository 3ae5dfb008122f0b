/* SPDX-License-Identifier: MIT */
/* Text preparation: typographic replacements and NFC (UAX #15). */
#include <criterion/criterion.h>
#include <string.h>

#include "smskit.h"

static size_t prep(char *out, size_t cap, const char *in, unsigned flags,
        smsk_replacement *r, size_t rcap, size_t *nr)
{
    size_t len = 0;
    smsk_status st = smsk_text_prepare(out, cap, &len, in, strlen(in), flags, r, rcap, nr, NULL);
    cr_assert_eq(st, SMSK_OK, "prepare = %s", smsk_status_name(st));
    return len;
}

Test(prepare, smart_replaces_quotes_dashes_and_ellipsis)
{
    /* “Hi” – it’s… */
    const char *in = "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x93 it\xE2\x80\x99s\xE2\x80\xA6";
    char out[64];
    smsk_replacement r[8];
    size_t nr = 0;
    size_t len = prep(out, sizeof out, in, SMSK_PREP_SMART, r, 8, &nr);
    const char *want = "\"Hi\" - it's...";
    cr_assert_eq(len, strlen(want));
    cr_assert(memcmp(out, want, len) == 0);
    cr_assert_eq(nr, 5);
    cr_assert_eq(r[0].offset, 0);
    cr_assert_eq(r[0].len, 3);
    cr_assert_eq(r[0].from, 0x201C);
    cr_assert_str_eq(r[0].to, "\"");
    cr_assert_eq(r[2].offset, 9);
    cr_assert_eq(r[2].from, 0x2013);
    cr_assert_eq(r[4].from, 0x2026);
    cr_assert_str_eq(r[4].to, "...");
}

Test(prepare, smart_turns_odd_spaces_into_space_and_drops_invisible_ones)
{
    /* NBSP, EM SPACE, NARROW NBSP, ZERO WIDTH SPACE, BOM */
    const char *in = "a\xC2\xA0" "b\xE2\x80\x83" "c\xE2\x80\xAF" "d\xE2\x80\x8B" "e\xEF\xBB\xBF";
    char out[32];
    size_t nr = 0;
    size_t len = prep(out, sizeof out, in, SMSK_PREP_SMART, NULL, 0, &nr);
    cr_assert_eq(len, 8);
    cr_assert(memcmp(out, "a b c de", 8) == 0);
    cr_assert_eq(nr, 5);
}

Test(prepare, smart_maps_fullwidth_ascii)
{
    char out[16];
    size_t len = prep(out, sizeof out, "\xEF\xBC\xA1\xEF\xBD\x9A\xEF\xBC\x91", SMSK_PREP_SMART, NULL, 0, NULL);
    cr_assert_eq(len, 3);
    cr_assert(memcmp(out, "Az1", 3) == 0);
}

Test(prepare, smart_leaves_gsm_text_and_letters_alone)
{
    /* é and ç are text, not typography */
    const char *in = "caf\xC3\xA9 \xC3\xA7" "a {}";
    char out[32];
    size_t nr = 7;
    size_t len = prep(out, sizeof out, in, SMSK_PREP_SMART, NULL, 0, &nr);
    cr_assert_eq(len, strlen(in));
    cr_assert(memcmp(out, in, len) == 0);
    cr_assert_eq(nr, 0);
}

Test(prepare, smart_counts_replacements_past_the_array)
{
    smsk_replacement r[1];
    size_t nr = 0;
    char out[16];
    prep(out, sizeof out, "\xE2\x80\x98x\xE2\x80\x99", SMSK_PREP_SMART, r, 1, &nr);
    cr_assert_eq(nr, 2);
    cr_assert_eq(r[0].from, 0x2018);
}

Test(prepare, smart_text_then_encodes_as_gsm7)
{
    const char *in = "\xE2\x80\x9CGood\xE2\x80\x9D \xE2\x80\x94 ok\xE2\x80\xA6";
    char out[64];
    size_t len = prep(out, sizeof out, in, SMSK_PREP_SMART, NULL, 0, NULL);
    smsk_text_info before, after;
    cr_assert_eq(smsk_text_choose(&before, NULL, 0, in, strlen(in), NULL, NULL), SMSK_OK);
    cr_assert_eq(smsk_text_choose(&after, NULL, 0, out, len, NULL, NULL), SMSK_OK);
    cr_assert_eq(before.encoding, SMSK_ENC_UCS2);
    cr_assert_eq(after.encoding, SMSK_ENC_GSM7);
}

Test(prepare, nfc_composes_e_and_combining_acute)
{
    char out[16];
    size_t len = 0;
    smsk_status st = smsk_text_prepare(out, sizeof out, &len, "e\xCC\x81", 3, SMSK_PREP_NFC, NULL, 0, NULL, NULL);
    if (!SMSK_HAVE_ICU) {
        cr_assert_eq(st, SMSK_E_NOFEATURE);
        return;
    }
    cr_assert_eq(st, SMSK_OK);
    cr_assert_eq(len, 2);
    cr_assert(memcmp(out, "\xC3\xA9", 2) == 0); /* U+00E9, GSM default 0x05 */
    smsk_text_info i;
    cr_assert_eq(smsk_text_choose(&i, NULL, 0, out, len, NULL, NULL), SMSK_OK);
    cr_assert_eq(i.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(i.units, 1);
}

Test(prepare, nfc_maps_angstrom_sign_to_a_ring)
{
    /* U+212B ANGSTROM SIGN is canonically U+00C5 (GSM 0x0E) */
    char out[16];
    size_t len = 0;
    smsk_status st = smsk_text_prepare(out, sizeof out, &len, "\xE2\x84\xAB", 3, SMSK_PREP_NFC, NULL, 0, NULL, NULL);
    if (!SMSK_HAVE_ICU) {
        cr_assert_eq(st, SMSK_E_NOFEATURE);
        return;
    }
    cr_assert_eq(st, SMSK_OK);
    cr_assert_eq(len, 2);
    cr_assert(memcmp(out, "\xC3\x85", 2) == 0);
}

Test(prepare, nfc_reports_a_destination_too_small)
{
    char out[2];
    size_t len = 0;
    /* U+0958 is excluded from composition: NFC gives U+0915 U+093C (6 octets) */
    smsk_status st = smsk_text_prepare(out, sizeof out, &len, "\xE0\xA5\x98", 3, SMSK_PREP_NFC, NULL, 0, NULL, NULL);
    cr_assert_eq(st, SMSK_HAVE_ICU ? SMSK_E_NOSPACE : SMSK_E_NOFEATURE);
}

Test(prepare, no_flags_copies_valid_text)
{
    char out[8];
    size_t len = prep(out, sizeof out, "abc", 0, NULL, 0, NULL);
    cr_assert_eq(len, 3);
    cr_assert(memcmp(out, "abc", 3) == 0);
}

Test(prepare, errors_name_their_cause)
{
    char out[8];
    size_t len;
    smsk_diag d;
    cr_assert_eq(smsk_text_prepare(out, sizeof out, &len, "ab\xFF", 3, SMSK_PREP_SMART, NULL, 0, NULL, &d), SMSK_E_UTF8);
    cr_assert_eq(d.offset, 2);
    cr_assert_eq(smsk_text_prepare(out, sizeof out, &len, "ab\xFF", 3, 0, NULL, 0, NULL, &d), SMSK_E_UTF8);
    cr_assert_eq(d.offset, 2);
    cr_assert_eq(smsk_text_prepare(out, 2, &len, "abc", 3, 0, NULL, 0, NULL, NULL), SMSK_E_NOSPACE);
    cr_assert_eq(smsk_text_prepare(out, 2, &len, "a\xE2\x80\xA6", 4, SMSK_PREP_SMART, NULL, 0, NULL, NULL), SMSK_E_NOSPACE);
    cr_assert_eq(smsk_text_prepare(out, sizeof out, &len, "a", 1, 0x100, NULL, 0, NULL, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_text_prepare(out, sizeof out, NULL, "a", 1, 0, NULL, 0, NULL, NULL), SMSK_E_ARG);
}

Test(prepare, an_invisible_character_alone_leaves_nothing)
{
    /* ZERO WIDTH SPACE is removed: the output is empty, and no buffer is
     * needed for it (NULL with capacity 0 is allowed) */
    size_t len = 99, nr = 0;
    cr_assert_eq(smsk_text_prepare(NULL, 0, &len, "\xE2\x80\x8B", 3, SMSK_PREP_SMART, NULL, 0, &nr, NULL), SMSK_OK);
    cr_assert_eq(len, 0);
    cr_assert_eq(nr, 1);
}
