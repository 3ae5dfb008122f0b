/* SPDX-License-Identifier: MIT */
/*
 * TP-DCS parse and build (3GPP TS 23.038 clause 4). The exhaustive test
 * derives its expectations from the clause 4 bit layout on its own, with
 * a switch over the high nibble, and does not share code with lib/dcs.c.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "smskit.h"

TestSuite(dcs, .timeout = 5);

/* What clause 4 says octet `x` means, written out plainly. */
static smsk_dcs expected(unsigned x)
{
    smsk_dcs e;
    e.group = SMSK_DCS_GENERAL;
    e.encoding = SMSK_ENC_GSM7;
    e.msg_class = -1;
    e.compressed = 0;
    e.alphabet_reserved = 0;
    e.mwi_active = 0;
    e.mwi_type = SMSK_MWI_VOICEMAIL;
    e.reserved_bits = 0;

    unsigned hi = x >> 4;
    unsigned lo = x & 0x0Fu;
    switch (hi) {
    case 0x0: case 0x1: case 0x2: case 0x3:
    case 0x4: case 0x5: case 0x6: case 0x7:
        e.group = hi < 4 ? SMSK_DCS_GENERAL : SMSK_DCS_AUTO_DELETE;
        e.compressed = (hi & 0x2u) ? 1 : 0;     /* bit 5 */
        if (hi & 0x1u)                          /* bit 4: class meaningful */
            e.msg_class = (int)(lo & 0x3u);
        else
            e.reserved_bits = (uint8_t)(lo & 0x3u);
        switch ((lo >> 2) & 0x3u) {             /* bits 3..2 */
        case 0: e.encoding = SMSK_ENC_GSM7; break;
        case 1: e.encoding = SMSK_ENC_8BIT; break;
        case 2: e.encoding = SMSK_ENC_UCS2; break;
        default:
            e.encoding = SMSK_ENC_GSM7;
            e.alphabet_reserved = 1;
            break;
        }
        break;
    case 0x8: case 0x9: case 0xA: case 0xB:
        e.group = SMSK_DCS_RESERVED;
        e.alphabet_reserved = 1;
        e.reserved_bits = (uint8_t)(x - 0x80u);
        break;
    case 0xC: case 0xD: case 0xE:
        e.group = hi == 0xC ? SMSK_DCS_MWI_DISCARD
                : hi == 0xD ? SMSK_DCS_MWI_STORE : SMSK_DCS_MWI_STORE_UCS2;
        e.encoding = hi == 0xE ? SMSK_ENC_UCS2 : SMSK_ENC_GSM7;
        e.mwi_active = (lo & 0x8u) ? 1 : 0;
        e.reserved_bits = (uint8_t)(lo & 0x4u);
        switch (lo & 0x3u) {
        case 0: e.mwi_type = SMSK_MWI_VOICEMAIL; break;
        case 1: e.mwi_type = SMSK_MWI_FAX; break;
        case 2: e.mwi_type = SMSK_MWI_EMAIL; break;
        default: e.mwi_type = SMSK_MWI_OTHER; break;
        }
        break;
    default: /* 0xF */
        e.group = SMSK_DCS_CLASS;
        e.encoding = (lo & 0x4u) ? SMSK_ENC_8BIT : SMSK_ENC_GSM7;
        e.msg_class = (int)(lo & 0x3u);
        e.reserved_bits = (uint8_t)(lo & 0x8u);
        break;
    }
    return e;
}

static void assert_dcs_eq(const smsk_dcs *got, const smsk_dcs *want,
        unsigned x)
{
    cr_assert_eq(got->group, want->group, "0x%02X group %d != %d", x,
            (int)got->group, (int)want->group);
    cr_assert_eq(got->encoding, want->encoding, "0x%02X encoding %d != %d",
            x, (int)got->encoding, (int)want->encoding);
    cr_assert_eq(got->msg_class, want->msg_class, "0x%02X class %d != %d",
            x, got->msg_class, want->msg_class);
    cr_assert_eq(got->compressed, want->compressed, "0x%02X compressed", x);
    cr_assert_eq(got->alphabet_reserved, want->alphabet_reserved,
            "0x%02X alphabet_reserved", x);
    cr_assert_eq(got->mwi_active, want->mwi_active, "0x%02X mwi_active", x);
    cr_assert_eq(got->mwi_type, want->mwi_type, "0x%02X mwi_type", x);
    cr_assert_eq(got->reserved_bits, want->reserved_bits,
            "0x%02X reserved_bits 0x%02X != 0x%02X", x,
            (unsigned)got->reserved_bits, (unsigned)want->reserved_bits);
}

static smsk_dcs parsed(unsigned x)
{
    smsk_dcs d;
    memset(&d, 0xA5, sizeof d); /* parse must set every field */
    cr_assert_eq(smsk_dcs_parse(&d, (uint8_t)x), SMSK_OK, "parse 0x%02X", x);
    return d;
}

static void assert_build_fails(const smsk_dcs *d, smsk_status want,
        const char *what)
{
    uint8_t o = 0x5A;
    cr_assert_eq(smsk_dcs_build(&o, d), want, "%s: status", what);
    cr_assert_eq(o, 0x5A, "%s: octet written on error", what);
}

Test(dcs, every_octet_parses_as_clause_4_says_and_builds_back)
{
    for (unsigned x = 0; x <= 0xFF; x++) {
        smsk_dcs d = parsed(x);
        smsk_dcs e = expected(x);
        assert_dcs_eq(&d, &e, x);

        uint8_t o = (uint8_t)~x;
        cr_assert_eq(smsk_dcs_build(&o, &d), SMSK_OK, "build 0x%02X", x);
        cr_assert_eq(o, x, "build(parse(0x%02X)) = 0x%02X", x, (unsigned)o);

        /* and the expectation itself builds to the same octet */
        o = (uint8_t)~x;
        cr_assert_eq(smsk_dcs_build(&o, &e), SMSK_OK, "build e 0x%02X", x);
        cr_assert_eq(o, x, "build(expected(0x%02X)) = 0x%02X", x,
                (unsigned)o);
    }
}

Test(dcs, parse_0x00_is_gsm7_without_class)
{
    smsk_dcs d = parsed(0x00);
    cr_assert_eq(d.group, SMSK_DCS_GENERAL);
    cr_assert_eq(d.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(d.msg_class, -1);
    cr_assert_eq(d.compressed, 0);
    cr_assert_eq(d.alphabet_reserved, 0);
    cr_assert_eq(d.reserved_bits, 0);
}

Test(dcs, parse_0x04_is_8bit)
{
    smsk_dcs d = parsed(0x04);
    cr_assert_eq(d.group, SMSK_DCS_GENERAL);
    cr_assert_eq(d.encoding, SMSK_ENC_8BIT);
    cr_assert_eq(d.msg_class, -1);
}

Test(dcs, parse_0x08_is_ucs2)
{
    smsk_dcs d = parsed(0x08);
    cr_assert_eq(d.group, SMSK_DCS_GENERAL);
    cr_assert_eq(d.encoding, SMSK_ENC_UCS2);
    cr_assert_eq(d.msg_class, -1);
}

Test(dcs, parse_0x10_is_gsm7_class_0_flash)
{
    smsk_dcs d = parsed(0x10);
    cr_assert_eq(d.group, SMSK_DCS_GENERAL);
    cr_assert_eq(d.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(d.msg_class, 0);
    cr_assert_eq(d.reserved_bits, 0);
}

Test(dcs, parse_0x11_is_class_1)
{
    smsk_dcs d = parsed(0x11);
    cr_assert_eq(d.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(d.msg_class, 1);
}

/* 0001 0110: bits 3..2 = 01, so 0x16 is 8-bit (not UCS-2) class 2. */
Test(dcs, parse_0x16_is_8bit_class_2)
{
    smsk_dcs d = parsed(0x16);
    cr_assert_eq(d.group, SMSK_DCS_GENERAL);
    cr_assert_eq(d.encoding, SMSK_ENC_8BIT);
    cr_assert_eq(d.msg_class, 2);
}

/* 0001 1010: bits 3..2 = 10, UCS-2, class 2. */
Test(dcs, parse_0x1a_is_ucs2_class_2)
{
    smsk_dcs d = parsed(0x1A);
    cr_assert_eq(d.group, SMSK_DCS_GENERAL);
    cr_assert_eq(d.encoding, SMSK_ENC_UCS2);
    cr_assert_eq(d.msg_class, 2);
}

Test(dcs, parse_0x18_is_ucs2_class_0)
{
    smsk_dcs d = parsed(0x18);
    cr_assert_eq(d.group, SMSK_DCS_GENERAL);
    cr_assert_eq(d.encoding, SMSK_ENC_UCS2);
    cr_assert_eq(d.msg_class, 0);
}

Test(dcs, parse_0x20_is_compressed_gsm7)
{
    smsk_dcs d = parsed(0x20);
    cr_assert_eq(d.group, SMSK_DCS_GENERAL);
    cr_assert_eq(d.compressed, 1);
    cr_assert_eq(d.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(d.msg_class, -1);
}

Test(dcs, parse_0x0c_reserved_alphabet_reads_as_gsm7)
{
    smsk_dcs d = parsed(0x0C);
    cr_assert_eq(d.group, SMSK_DCS_GENERAL);
    cr_assert_eq(d.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(d.alphabet_reserved, 1);
    cr_assert_eq(d.msg_class, -1);
}

Test(dcs, parse_0x40_is_marked_for_automatic_deletion)
{
    smsk_dcs d = parsed(0x40);
    cr_assert_eq(d.group, SMSK_DCS_AUTO_DELETE);
    cr_assert_eq(d.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(d.msg_class, -1);
    cr_assert_eq(d.compressed, 0);
}

Test(dcs, parse_0xc0_is_mwi_discard_voicemail_inactive)
{
    smsk_dcs d = parsed(0xC0);
    cr_assert_eq(d.group, SMSK_DCS_MWI_DISCARD);
    cr_assert_eq(d.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(d.mwi_active, 0);
    cr_assert_eq(d.mwi_type, SMSK_MWI_VOICEMAIL);
    cr_assert_eq(d.msg_class, -1);
    cr_assert_eq(d.compressed, 0);
}

Test(dcs, parse_0xc8_is_mwi_discard_voicemail_active)
{
    smsk_dcs d = parsed(0xC8);
    cr_assert_eq(d.group, SMSK_DCS_MWI_DISCARD);
    cr_assert_eq(d.mwi_active, 1);
    cr_assert_eq(d.mwi_type, SMSK_MWI_VOICEMAIL);
    cr_assert_eq(d.reserved_bits, 0);
}

Test(dcs, parse_0xd9_is_mwi_store_fax_active)
{
    smsk_dcs d = parsed(0xD9);
    cr_assert_eq(d.group, SMSK_DCS_MWI_STORE);
    cr_assert_eq(d.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(d.mwi_active, 1);
    cr_assert_eq(d.mwi_type, SMSK_MWI_FAX);
}

Test(dcs, parse_0xe2_is_mwi_store_ucs2_email_inactive)
{
    smsk_dcs d = parsed(0xE2);
    cr_assert_eq(d.group, SMSK_DCS_MWI_STORE_UCS2);
    cr_assert_eq(d.encoding, SMSK_ENC_UCS2);
    cr_assert_eq(d.mwi_active, 0);
    cr_assert_eq(d.mwi_type, SMSK_MWI_EMAIL);
}

Test(dcs, parse_mwi_keeps_reserved_bit_2)
{
    smsk_dcs d = parsed(0xC7);
    cr_assert_eq(d.reserved_bits, 0x04);
    cr_assert_eq(d.mwi_type, SMSK_MWI_OTHER);
}

Test(dcs, parse_0xf0_to_0xf3_are_gsm7_classes_0_to_3)
{
    for (unsigned c = 0; c < 4; c++) {
        smsk_dcs d = parsed(0xF0u + c);
        cr_assert_eq(d.group, SMSK_DCS_CLASS);
        cr_assert_eq(d.encoding, SMSK_ENC_GSM7);
        cr_assert_eq(d.msg_class, (int)c);
        cr_assert_eq(d.reserved_bits, 0);
    }
}

Test(dcs, parse_0xf4_is_8bit_class_0)
{
    smsk_dcs d = parsed(0xF4);
    cr_assert_eq(d.group, SMSK_DCS_CLASS);
    cr_assert_eq(d.encoding, SMSK_ENC_8BIT);
    cr_assert_eq(d.msg_class, 0);
}

Test(dcs, parse_0xf5_is_8bit_class_1_sim_data_download_style)
{
    smsk_dcs d = parsed(0xF5);
    cr_assert_eq(d.group, SMSK_DCS_CLASS);
    cr_assert_eq(d.encoding, SMSK_ENC_8BIT);
    cr_assert_eq(d.msg_class, 1);
}

Test(dcs, parse_1111_keeps_reserved_bit_3)
{
    smsk_dcs d = parsed(0xFA);
    cr_assert_eq(d.reserved_bits, 0x08);
    cr_assert_eq(d.msg_class, 2);
    cr_assert_eq(d.encoding, SMSK_ENC_GSM7);
}

Test(dcs, parse_0x80_is_reserved_group_read_as_gsm7)
{
    smsk_dcs d = parsed(0x80);
    cr_assert_eq(d.group, SMSK_DCS_RESERVED);
    cr_assert_eq(d.encoding, SMSK_ENC_GSM7);
    cr_assert_eq(d.alphabet_reserved, 1);
    cr_assert_eq(d.msg_class, -1);
    cr_assert_eq(d.reserved_bits, 0x00);
}

Test(dcs, parse_reserved_groups_keep_bits_5_to_0)
{
    smsk_dcs d = parsed(0xB7);
    cr_assert_eq(d.group, SMSK_DCS_RESERVED);
    cr_assert_eq(d.reserved_bits, 0x37);
    cr_assert_eq(d.reserved_bits & 0x0F, 0x07, "low 4 bits");
}

Test(dcs, parse_general_without_class_keeps_bits_1_0)
{
    smsk_dcs d = parsed(0x01);
    cr_assert_eq(d.msg_class, -1);
    cr_assert_eq(d.reserved_bits, 0x01);
    uint8_t o = 0;
    cr_assert_eq(smsk_dcs_build(&o, &d), SMSK_OK);
    cr_assert_eq(o, 0x01);
}

Test(dcs, build_spot_values)
{
    static const struct {
        unsigned octet;
        smsk_dcs_group group;
        smsk_encoding encoding;
        int msg_class;
    } v[] = {
        { 0x00, SMSK_DCS_GENERAL, SMSK_ENC_GSM7, -1 },
        { 0x04, SMSK_DCS_GENERAL, SMSK_ENC_8BIT, -1 },
        { 0x08, SMSK_DCS_GENERAL, SMSK_ENC_UCS2, -1 },
        { 0x10, SMSK_DCS_GENERAL, SMSK_ENC_GSM7, 0 },
        { 0x11, SMSK_DCS_GENERAL, SMSK_ENC_GSM7, 1 },
        { 0x16, SMSK_DCS_GENERAL, SMSK_ENC_8BIT, 2 },
        { 0x18, SMSK_DCS_GENERAL, SMSK_ENC_UCS2, 0 },
        { 0x1A, SMSK_DCS_GENERAL, SMSK_ENC_UCS2, 2 },
        { 0x48, SMSK_DCS_AUTO_DELETE, SMSK_ENC_UCS2, -1 },
        { 0xF0, SMSK_DCS_CLASS, SMSK_ENC_GSM7, 0 },
        { 0xF3, SMSK_DCS_CLASS, SMSK_ENC_GSM7, 3 },
        { 0xF4, SMSK_DCS_CLASS, SMSK_ENC_8BIT, 0 },
        { 0xF5, SMSK_DCS_CLASS, SMSK_ENC_8BIT, 1 },
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        smsk_dcs d;
        memset(&d, 0, sizeof d);
        d.group = v[i].group;
        d.encoding = v[i].encoding;
        d.msg_class = v[i].msg_class;
        uint8_t o = 0xAA;
        cr_assert_eq(smsk_dcs_build(&o, &d), SMSK_OK, "0x%02X",
                v[i].octet);
        cr_assert_eq(o, v[i].octet, "built 0x%02X, want 0x%02X",
                (unsigned)o, v[i].octet);
    }
}

Test(dcs, build_mwi_and_compressed_and_reserved_alphabet)
{
    smsk_dcs d;
    memset(&d, 0, sizeof d);
    d.msg_class = -1;
    d.group = SMSK_DCS_MWI_STORE;
    d.mwi_active = 1;
    d.mwi_type = SMSK_MWI_FAX;
    uint8_t o = 0;
    cr_assert_eq(smsk_dcs_build(&o, &d), SMSK_OK);
    cr_assert_eq(o, 0xD9);

    d.group = SMSK_DCS_MWI_STORE_UCS2;
    d.encoding = SMSK_ENC_UCS2;
    d.mwi_active = 0;
    d.mwi_type = SMSK_MWI_EMAIL;
    cr_assert_eq(smsk_dcs_build(&o, &d), SMSK_OK);
    cr_assert_eq(o, 0xE2);

    memset(&d, 0, sizeof d);
    d.msg_class = -1;
    d.compressed = 7; /* any nonzero value is true */
    cr_assert_eq(smsk_dcs_build(&o, &d), SMSK_OK);
    cr_assert_eq(o, 0x20);

    d.compressed = 0;
    d.alphabet_reserved = 1;
    cr_assert_eq(smsk_dcs_build(&o, &d), SMSK_OK);
    cr_assert_eq(o, 0x0C);
}

Test(dcs, parse_rejects_null)
{
    cr_assert_eq(smsk_dcs_parse(NULL, 0x00), SMSK_E_ARG);
}

Test(dcs, build_rejects_null_pointers)
{
    smsk_dcs d = parsed(0x00);
    uint8_t o = 0;
    cr_assert_eq(smsk_dcs_build(NULL, &d), SMSK_E_ARG);
    cr_assert_eq(smsk_dcs_build(&o, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_dcs_build(NULL, NULL), SMSK_E_ARG);
}

Test(dcs, build_rejects_class_outside_minus_1_to_3)
{
    smsk_dcs d = parsed(0x10);
    d.msg_class = 4;
    assert_build_fails(&d, SMSK_E_RANGE, "general class 4");
    d.msg_class = -2;
    assert_build_fails(&d, SMSK_E_RANGE, "general class -2");
    d = parsed(0xF0);
    d.msg_class = 4;
    assert_build_fails(&d, SMSK_E_RANGE, "1111 class 4");
}

Test(dcs, build_rejects_class_in_mwi_group)
{
    static const unsigned mwi[] = { 0xC0, 0xD0, 0xE0 };
    for (size_t i = 0; i < 3; i++) {
        smsk_dcs d = parsed(mwi[i]);
        d.msg_class = 1;
        assert_build_fails(&d, SMSK_E_RANGE, "class in MWI");
    }
}

Test(dcs, build_rejects_ucs2_in_1111_group)
{
    smsk_dcs d = parsed(0xF0);
    d.encoding = SMSK_ENC_UCS2;
    assert_build_fails(&d, SMSK_E_RANGE, "UCS-2 in 1111");
}

Test(dcs, build_rejects_no_class_in_1111_group)
{
    smsk_dcs d = parsed(0xF4);
    d.msg_class = -1;
    assert_build_fails(&d, SMSK_E_RANGE, "no class in 1111");
}

Test(dcs, build_rejects_compressed_in_mwi_group)
{
    static const unsigned mwi[] = { 0xC8, 0xD1, 0xE2 };
    for (size_t i = 0; i < 3; i++) {
        smsk_dcs d = parsed(mwi[i]);
        d.compressed = 1;
        assert_build_fails(&d, SMSK_E_RANGE, "compressed in MWI");
    }
}

Test(dcs, build_rejects_foreign_encoding_in_mwi_group)
{
    smsk_dcs d = parsed(0xC0);
    d.encoding = SMSK_ENC_UCS2;
    assert_build_fails(&d, SMSK_E_RANGE, "UCS-2 in 1100");
    d = parsed(0xD0);
    d.encoding = SMSK_ENC_8BIT;
    assert_build_fails(&d, SMSK_E_RANGE, "8-bit in 1101");
    d = parsed(0xE0);
    d.encoding = SMSK_ENC_GSM7;
    assert_build_fails(&d, SMSK_E_RANGE, "GSM 7-bit in 1110");
}

Test(dcs, build_rejects_unknown_mwi_type)
{
    smsk_dcs d = parsed(0xC0);
    d.mwi_type = (smsk_mwi_type)4;
    assert_build_fails(&d, SMSK_E_RANGE, "mwi_type 4");
}

Test(dcs, build_rejects_unknown_group_value)
{
    smsk_dcs d = parsed(0x00);
    d.group = (smsk_dcs_group)7;
    assert_build_fails(&d, SMSK_E_ARG, "group 7");
    d.group = (smsk_dcs_group)-1;
    assert_build_fails(&d, SMSK_E_ARG, "group -1");
}

Test(dcs, build_rejects_unknown_encoding)
{
    smsk_dcs d = parsed(0x00);
    d.encoding = (smsk_encoding)3;
    assert_build_fails(&d, SMSK_E_ARG, "encoding 3");
    d.encoding = (smsk_encoding)-1;
    assert_build_fails(&d, SMSK_E_ARG, "encoding -1");
}

Test(dcs, build_rejects_reserved_bits_too_wide)
{
    static const struct {
        unsigned octet;
        uint8_t bad;
    } v[] = {
        { 0x00, 0x04 }, /* general, no class: only 0x03 */
        { 0x10, 0x01 }, /* general with class: no reserved field */
        { 0x40, 0x80 }, /* automatic deletion, no class */
        { 0xC0, 0x08 }, /* MWI: only 0x04 */
        { 0xD0, 0x01 },
        { 0xE0, 0x10 },
        { 0xF0, 0x04 }, /* 1111: only 0x08 */
        { 0xF0, 0x80 },
        { 0x80, 0x40 }, /* reserved groups: only 0x3F */
        { 0x80, 0xFF },
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        smsk_dcs d = parsed(v[i].octet);
        d.reserved_bits = v[i].bad;
        assert_build_fails(&d, SMSK_E_RANGE, "reserved bits too wide");
    }
}

Test(dcs, build_rejects_fields_the_group_cannot_carry)
{
    smsk_dcs d = parsed(0x80);
    d.msg_class = 0;
    assert_build_fails(&d, SMSK_E_RANGE, "class in reserved group");
    d = parsed(0x80);
    d.encoding = SMSK_ENC_UCS2;
    assert_build_fails(&d, SMSK_E_RANGE, "UCS-2 in reserved group");
    d = parsed(0xF0);
    d.compressed = 1;
    assert_build_fails(&d, SMSK_E_RANGE, "compressed in 1111");
    d = parsed(0x00);
    d.mwi_active = 1;
    assert_build_fails(&d, SMSK_E_RANGE, "MWI in general group");
    d = parsed(0x0C);
    d.encoding = SMSK_ENC_UCS2;
    assert_build_fails(&d, SMSK_E_RANGE, "reserved alphabet with UCS-2");
}

Test(dcs, encoding_name_of_each_value_and_unknown)
{
    cr_assert_str_eq(smsk_encoding_name(SMSK_ENC_GSM7), "gsm7");
    cr_assert_str_eq(smsk_encoding_name(SMSK_ENC_8BIT), "8bit");
    cr_assert_str_eq(smsk_encoding_name(SMSK_ENC_UCS2), "ucs2");
    cr_assert_null(smsk_encoding_name((smsk_encoding)3));
    cr_assert_null(smsk_encoding_name((smsk_encoding)-1));
}
