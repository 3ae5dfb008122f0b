/* SPDX-License-Identifier: MIT */
/*
 * Encoding choice. Expected values follow from the TS 23.038 tables
 * (lib/tables/tables.tsv, cited per case) and the cost rule documented in
 * smskit.h: septets * 7 bits + 24 bits per national language IE.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "smskit.h"

static smsk_text_info choose_ok(const char *text, const smsk_text_policy *p)
{
    smsk_text_info info;
    smsk_diag d;
    smsk_status st = smsk_text_choose(&info, NULL, 0, text, strlen(text), p, &d);
    cr_assert_eq(st, SMSK_OK, "choose(%s) = %s", text, smsk_status_name(st));
    return info;
}

Test(choose, ascii_text_is_gsm7_default)
{
    smsk_text_info i = choose_ok("Hello, world!", NULL);
    cr_assert_eq(i.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(i.shift.locking, SMSK_LANG_DEFAULT);
    cr_assert_eq(i.shift.single, SMSK_LANG_DEFAULT);
    cr_assert_eq(i.units, 13);
    cr_assert_eq(i.chars, 13);
    cr_assert_eq(i.nl_iei_octets, 0);
}

Test(choose, extension_characters_count_two_septets)
{
    /* TS 23.038 6.2.1.1: { } [ ] ~ \ | ^ EURO are escape + code */
    const char *t = "{x}\xE2\x82\xAC";
    uint8_t units[8];
    smsk_text_info i;
    cr_assert_eq(smsk_text_choose(&i, units, sizeof units, t, strlen(t), NULL, NULL), SMSK_OK);
    cr_assert_eq(i.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(i.units, 7);
    cr_assert_eq(i.chars, 4);
    cr_assert_eq(units[0], 2);
    cr_assert_eq(units[1], 1);
    cr_assert_eq(units[2], 2);
    cr_assert_eq(units[3], 2);
}

Test(choose, cyrillic_is_ucs2)
{
    smsk_text_info i = choose_ok("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", NULL); /* Привет */
    cr_assert_eq(i.encoding, SMSK_ENC_UCS2);
    cr_assert_eq(i.units, 6);
    cr_assert_eq(i.chars, 6);
}

Test(choose, emoji_takes_two_utf16_units)
{
    uint8_t units[4];
    smsk_text_info i;
    const char *t = "a\xF0\x9F\x98\x80"; /* a U+1F600 */
    cr_assert_eq(smsk_text_choose(&i, units, sizeof units, t, strlen(t), NULL, NULL), SMSK_OK);
    cr_assert_eq(i.encoding, SMSK_ENC_UCS2);
    cr_assert_eq(i.units, 3);
    cr_assert_eq(units[0], 1);
    cr_assert_eq(units[1], 2);
}

Test(choose, greek_capitals_of_the_default_alphabet_stay_gsm7)
{
    /* Delta, Phi, Gamma, Lambda, Omega, Pi, Psi, Sigma, Theta, Xi: 6.2.1 */
    smsk_text_info i = choose_ok("\xCE\x94\xCE\xA6\xCE\x93\xCE\x9B\xCE\xA9\xCE\xA0\xCE\xA8\xCE\xA3\xCE\x98\xCE\x9E", NULL);
    cr_assert_eq(i.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(i.units, 10);
}

Test(choose, turkish_locking_beats_single_shift_for_s_cedilla)
{
    /* "şeker": ş is turkish_locking 0x1D and turkish_single 0x73.
     * locking: 5 septets + 1 IE = 35 + 24 bits; single: 6 + 1 IE = 66 */
    smsk_text_policy p = {0, SMSK_LANG_BIT(SMSK_LANG_TURKISH), SMSK_LANG_BIT(SMSK_LANG_TURKISH), 0};
    smsk_text_info i = choose_ok("\xC5\x9F" "eker", &p);
    cr_assert_eq(i.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(i.shift.locking, SMSK_LANG_TURKISH);
    cr_assert_eq(i.shift.single, SMSK_LANG_DEFAULT);
    cr_assert_eq(i.units, 5);
    cr_assert_eq(i.nl_iei_octets, 3);
}

Test(choose, single_shift_when_locking_table_lacks_a_character)
{
    /* "şè": è is default 0x04 but not in turkish_locking (0x04 is €), so
     * only (default, turkish single) holds both: 2 + 1 septets */
    smsk_text_policy p = {0, SMSK_LANG_BIT(SMSK_LANG_TURKISH), SMSK_LANG_BIT(SMSK_LANG_TURKISH), 0};
    uint8_t units[2];
    smsk_text_info i;
    const char *t = "\xC5\x9F\xC3\xA8";
    cr_assert_eq(smsk_text_choose(&i, units, 2, t, strlen(t), &p, NULL), SMSK_OK);
    cr_assert_eq(i.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(i.shift.locking, SMSK_LANG_DEFAULT);
    cr_assert_eq(i.shift.single, SMSK_LANG_TURKISH);
    cr_assert_eq(i.units, 3);
    cr_assert_eq(units[0], 2);
    cr_assert_eq(units[1], 1);
}

Test(choose, national_tables_are_used_only_when_allowed)
{
    smsk_text_policy only_locking = {0, SMSK_LANG_BIT(SMSK_LANG_TURKISH), 0, 0};
    smsk_text_info i = choose_ok("\xC5\x9F\xC3\xA8", &only_locking);
    cr_assert_eq(i.encoding, SMSK_ENC_UCS2);
    i = choose_ok("\xC5\x9F" "eker", NULL);
    cr_assert_eq(i.encoding, SMSK_ENC_UCS2);
    cr_assert_eq(i.units, 5);
}

Test(choose, spanish_o_acute_uses_the_spanish_single_shift_table)
{
    /* spanish_single 0x6F = ó; Spanish has no locking table (A.3.2) */
    smsk_text_policy p = {0, SMSK_LANG_BIT(SMSK_LANG_SPANISH), SMSK_LANG_BIT(SMSK_LANG_SPANISH), 0};
    smsk_text_info i = choose_ok("canci\xC3\xB3n", &p);
    cr_assert_eq(i.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(i.shift.single, SMSK_LANG_SPANISH);
    cr_assert_eq(i.shift.locking, SMSK_LANG_DEFAULT);
    cr_assert_eq(i.units, 8);
}

Test(choose, portuguese_locking_is_cheaper_than_spanish_single_for_o_acute)
{
    /* portuguese_locking 0x08 = ó (A.3.3): 7 septets + one IE = 73 bits,
     * against 8 septets + one IE = 80 bits with the Spanish single shift */
    smsk_text_policy p = {0, SMSK_LANG_ALL_NATIONAL, SMSK_LANG_BIT(SMSK_LANG_SPANISH), 0};
    smsk_text_info i = choose_ok("canci\xC3\xB3n", &p);
    cr_assert_eq(i.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(i.shift.locking, SMSK_LANG_PORTUGUESE);
    cr_assert_eq(i.shift.single, SMSK_LANG_DEFAULT);
    cr_assert_eq(i.units, 7);
}

Test(choose, hindi_text_uses_the_hindi_locking_table)
{
    /* नमस्ते: न 0x2F, म 0x42, स 0x4C, ् 0x5F, त 0x27, े 0x59 (A.3.6) */
    smsk_text_policy p = {0, SMSK_LANG_ALL_NATIONAL, SMSK_LANG_ALL_NATIONAL, 0};
    smsk_text_info i = choose_ok("\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87", &p);
    cr_assert_eq(i.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(i.shift.locking, SMSK_LANG_HINDI);
    cr_assert_eq(i.units, 6);
}

Test(choose, substitution_only_when_ucs2_is_not_allowed)
{
    smsk_text_policy p = {SMSK_ALLOW_GSM7, 0, 0, SMSK_GSM7_SUBSTITUTE};
    smsk_text_info i = choose_ok("a\xF0\x9F\x98\x80" "b", &p);
    cr_assert_eq(i.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(i.units, 3);
    cr_assert_eq(i.substituted, 1);
    p.encodings = SMSK_ALLOW_GSM7 | SMSK_ALLOW_UCS2;
    i = choose_ok("a\xF0\x9F\x98\x80" "b", &p);
    cr_assert_eq(i.encoding, SMSK_ENC_UCS2);
    cr_assert_eq(i.substituted, 0);
}

Test(choose, gsm7_only_reports_the_first_unencodable_character)
{
    smsk_text_policy p = {SMSK_ALLOW_GSM7, 0, 0, 0};
    smsk_text_info i;
    smsk_diag d;
    const char *t = "ab\xE2\x82\xAC\xF0\x9F\x98\x80x"; /* ab€😀x */
    cr_assert_eq(smsk_text_choose(&i, NULL, 0, t, strlen(t), &p, &d), SMSK_E_CHARSET);
    cr_assert_eq(d.offset, 5);
    cr_assert_eq(d.codepoint, 0x1F600);
}

Test(choose, eight_bit_counts_octets)
{
    smsk_text_policy p = {SMSK_ALLOW_8BIT, 0, 0, 0};
    uint8_t units[5];
    smsk_text_info i;
    const char *t = "h\xC3\xA9llo";
    cr_assert_eq(smsk_text_choose(&i, units, 5, t, strlen(t), &p, NULL), SMSK_OK);
    cr_assert_eq(i.encoding, SMSK_ENC_8BIT);
    cr_assert_eq(i.units, 6);
    cr_assert_eq(units[1], 2);
}

Test(choose, errors_name_their_cause)
{
    smsk_text_info i;
    smsk_diag d;
    uint8_t units[2];
    cr_assert_eq(smsk_text_choose(NULL, NULL, 0, "a", 1, NULL, NULL), SMSK_E_ARG);
    smsk_text_policy bad = {0x80, 0, 0, 0};
    cr_assert_eq(smsk_text_choose(&i, NULL, 0, "a", 1, &bad, NULL), SMSK_E_ARG);
    smsk_text_policy bad_lang = {0, 1u << 20, 0, 0};
    cr_assert_eq(smsk_text_choose(&i, NULL, 0, "a", 1, &bad_lang, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_text_choose(&i, NULL, 0, "ab\xC3", 3, NULL, &d), SMSK_E_UTF8);
    cr_assert_eq(d.offset, 2);
    cr_assert_eq(smsk_text_choose(&i, units, 2, "abc", 3, NULL, NULL), SMSK_E_NOSPACE);
    cr_assert_eq(i.chars, 3);
}

Test(choose, empty_text_is_gsm7_with_no_units)
{
    smsk_text_info i;
    cr_assert_eq(smsk_text_choose(&i, NULL, 0, NULL, 0, NULL, NULL), SMSK_OK);
    cr_assert_eq(i.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(i.units, 0);
    cr_assert_eq(i.chars, 0);
}

Test(choose, chosen_tables_encode_the_text)
{
    /* The choice must be usable: encoding with its tables succeeds and
     * takes exactly the reported septets. */
    smsk_text_policy p = {0, SMSK_LANG_ALL_NATIONAL, SMSK_LANG_ALL_NATIONAL, 0};
    const char *texts[] = {"\xC5\x9F\xC3\xA8", "canci\xC3\xB3n", "\xC4\x9F\xC4\xB1\xC5\x9F {}",
            "\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87 [1]"};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        smsk_text_info i = choose_ok(texts[k], &p);
        cr_assert_eq(i.encoding, SMSK_ENC_GSM7, "%s", texts[k]);
        size_t n = 0;
        cr_assert_eq(smsk_gsm7_count(&n, texts[k], strlen(texts[k]), i.shift, 0, NULL), SMSK_OK);
        cr_assert_eq(n, i.units, "%s", texts[k]);
    }
}

Test(choose, invalid_utf8_after_a_ucs2_character_is_found_at_its_offset)
{
    /* once UCS-2 is certain the rest is counted by its bytes, and still
     * validated (RFC 3629) */
    smsk_text_info i;
    smsk_diag d;
    const char *t = "ab\xE4\xBD\xA0 cd\xF0\x9F\x98\x80 e\xC3"; /* 你, U+1F600, then a cut sequence */
    cr_assert_eq(smsk_text_choose(&i, NULL, 0, t, strlen(t), NULL, &d), SMSK_E_UTF8);
    cr_assert_eq(d.offset, strlen(t) - 1);
    const char *ok = "ab\xE4\xBD\xA0 cd\xF0\x9F\x98\x80 e";
    cr_assert_eq(smsk_text_choose(&i, NULL, 0, ok, strlen(ok), NULL, NULL), SMSK_OK);
    cr_assert_eq(i.encoding, SMSK_ENC_UCS2);
    cr_assert_eq(i.chars, 9); /* a b 你 space c d U+1F600 space e */
    cr_assert_eq(i.units, 10); /* U+1F600 is a surrogate pair */
}
