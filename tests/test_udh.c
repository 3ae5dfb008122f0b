/* SPDX-License-Identifier: MIT */
/*
 * User Data Header parse and build (3GPP TS 23.040 9.2.3.24). Expected
 * values come from the octet layouts of the 9.2.3.24.x clauses, written
 * out by hand here, and from the UDHs of tests/vectors/pdu_decode.jsonl,
 * cut out of the PDUs by hand (each cites its row and the PDU octets the
 * UD starts at, SC address included). Nothing is pasted from running the
 * library.
 */
#define _DEFAULT_SOURCE /* tests/helpers/guard.c: mmap, sysconf */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "smskit.h"

#include "helpers/bytes.h"
#include "helpers/guard.c"

TestSuite(udh, .timeout = 10);

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */

typedef struct ud_buf {
    uint8_t b[300];
    size_t n;
} ud_buf;

static ud_buf ud_hex(const char *hex)
{
    ud_buf u;
    u.n = hex_decode(u.b, sizeof u.b, hex);
    return u;
}

static void parse_ok(smsk_udh *h, const ud_buf *u)
{
    smsk_diag d = {0, 0, NULL};
    smsk_status st = smsk_udh_parse(h, u->b, u->n, &d);
    cr_assert_eq(st, SMSK_OK, "parse: %s (%s at %zu)", smsk_status_name(st),
            d.what ? d.what : "-", d.offset);
}

/* Build `h` and expect exactly `exp_hex`. */
static void expect_build(const smsk_udh *h, const char *exp_hex)
{
    uint8_t exp[300], out[300];
    size_t exp_len = hex_decode(exp, sizeof exp, exp_hex), n = 99;
    cr_assert_eq(smsk_udh_len(h), exp_len);
    cr_assert_eq(smsk_udh_build(out, sizeof out, &n, h), SMSK_OK);
    assert_bytes_eq(out, n, exp, exp_len);
}

/* Parse the UDH at the start of `u`, build it again: the same octets. */
static void expect_round_trip(const ud_buf *u)
{
    smsk_udh h;
    parse_ok(&h, u);
    uint8_t out[300];
    size_t n = 99;
    cr_assert_eq(smsk_udh_build(out, sizeof out, &n, &h), SMSK_OK);
    assert_bytes_eq(out, n, u->b, (size_t)u->b[0] + 1);
}

/* Parsing fails with `st` at `offset`, diag.what naming `rule` (a
 * substring), and leaves no element behind. */
static void expect_fail(const ud_buf *u, smsk_status st, size_t offset,
        const char *rule)
{
    smsk_udh h;
    smsk_diag d = {12345, 0, NULL};
    smsk_status got = smsk_udh_parse(&h, u->b, u->n, &d);
    cr_assert_eq(got, st, "got %s, expected %s", smsk_status_name(got),
            smsk_status_name(st));
    cr_expect_eq(d.offset, offset, "offset %zu, expected %zu", d.offset,
            offset);
    cr_assert_not_null(d.what);
    cr_expect_not_null(strstr(d.what, rule), "what \"%s\" lacks \"%s\"",
            d.what, rule);
    cr_expect_eq(d.codepoint, SMSK_NO_CODEPOINT);
    cr_expect_eq(h.n_ies, 0u);
    cr_expect_eq(h.concat_present, 0);
}

static void expect_ie(const smsk_udh *h, size_t i, const ud_buf *u,
        uint8_t iei, size_t at, uint8_t len)
{
    cr_assert_lt(i, h->n_ies);
    cr_expect_eq(h->ies[i].iei, iei, "ie %zu: iei 0x%02X", i,
            (unsigned)h->ies[i].iei);
    cr_expect_eq(h->ies[i].len, len, "ie %zu: len %u", i,
            (unsigned)h->ies[i].len);
    /* a view into the user data, at the element's data octets */
    cr_expect(h->ies[i].data == u->b + at + 2, "ie %zu: data not at %zu", i,
            at + 2);
}

/* ---------------------------------------------------------------------
 * Fill bits (9.2.3.24: the text starts on a septet boundary)
 * ------------------------------------------------------------------- */

Test(udh, fill_bits_pad_the_header_to_a_septet_boundary)
{
    /* 6 octets = 48 bits, next septet boundary 49: 1 fill bit */
    cr_expect_eq(SMSK_UDH_FILL_BITS(6), 1u);
    /* 7 octets = 56 bits = 8 septets: none */
    cr_expect_eq(SMSK_UDH_FILL_BITS(7), 0u);
    /* 4 octets = 32 bits, boundary 35: 3 */
    cr_expect_eq(SMSK_UDH_FILL_BITS(4), 3u);
    /* 5 octets = 40 bits, boundary 42: 2; 1 octet = 8 bits, 14: 6 */
    cr_expect_eq(SMSK_UDH_FILL_BITS(5), 2u);
    cr_expect_eq(SMSK_UDH_FILL_BITS(1), 6u);
    cr_expect_eq(SMSK_UDH_FILL_BITS(0), 0u);
    cr_expect_eq(SMSK_UDH_FILL_BITS(140), 0u); /* 1120 = 160 septets */
}

Test(udh, fill_bits_agree_with_the_vectors_septet_counts)
{
    /* TP-UDL (septets) = (header bits + fill bits) / 7 + text septets */
    /* dec-0064: UDH 0500032E0201 (6 octets), "Hakuna" (6), TP-UDL 13 */
    cr_expect_eq((6 * 8 + SMSK_UDH_FILL_BITS(6)) / 7 + 6, 13u);
    /* dec-0057: UDH 06080412340201 (7 octets), "Hello," (6), TP-UDL 14 */
    cr_expect_eq((7 * 8 + SMSK_UDH_FILL_BITS(7)) / 7 + 6, 14u);
    /* dec-0013: UDH 0401020002 (5 octets), no text, TP-UDL 6 */
    cr_expect_eq((5 * 8 + SMSK_UDH_FILL_BITS(5)) / 7, 6u);
}

/* ---------------------------------------------------------------------
 * Each element type
 * ------------------------------------------------------------------- */

Test(udh, concat_8bit_reference_is_parsed_and_built)
{
    /* 9.2.3.24.1: IEI 00, length 3, reference, maximum, sequence */
    ud_buf u = ud_hex("0500032A0201");
    smsk_udh h;
    parse_ok(&h, &u);
    cr_expect_eq(h.udhl, 5u);
    cr_assert_eq(h.n_ies, 1u);
    expect_ie(&h, 0, &u, 0x00, 1, 3);
    cr_expect_eq(h.concat_present, 1);
    cr_expect_eq(h.concat_ref, 42u);
    cr_expect_eq(h.concat_total, 2u);
    cr_expect_eq(h.concat_seq, 1u);
    cr_expect_eq(h.concat_ref_bits, 8u);
    cr_expect_eq(h.ports_present, 0);
    cr_expect_eq(h.special_present, 0);
    expect_round_trip(&u);
}

Test(udh, concat_16bit_reference_is_parsed_and_built)
{
    /* 9.2.3.24.8: IEI 08, length 4, reference (2 octets, high first) */
    ud_buf u = ud_hex("0608041234FF07");
    smsk_udh h;
    parse_ok(&h, &u);
    cr_assert_eq(h.n_ies, 1u);
    expect_ie(&h, 0, &u, 0x08, 1, 4);
    cr_expect_eq(h.concat_ref, 0x1234u);
    cr_expect_eq(h.concat_total, 255u);
    cr_expect_eq(h.concat_seq, 7u);
    cr_expect_eq(h.concat_ref_bits, 16u);
    expect_round_trip(&u);
}

Test(udh, concat_16bit_reference_ffff_and_255_parts)
{
    smsk_udh h;
    smsk_udh_init(&h);
    cr_assert_eq(smsk_udh_add_concat(&h, 0xFFFF, 255, 255, 16), SMSK_OK);
    expect_build(&h, "060804FFFFFFFF");
    cr_expect_eq(h.concat_ref, 0xFFFFu);
    cr_expect_eq(h.concat_total, 255u);

    ud_buf u = ud_hex("060804FFFFFF01");
    smsk_udh p;
    parse_ok(&p, &u);
    cr_expect_eq(p.concat_ref, 65535u);
    cr_expect_eq(p.concat_total, 255u);
    cr_expect_eq(p.concat_seq, 1u);
    cr_expect_eq(p.concat_ref_bits, 16u);
}

Test(udh, ports_8bit_are_parsed_and_built)
{
    /* 9.2.3.24.3: IEI 04, length 2, destination then originator */
    ud_buf u = ud_hex("040402F5F0");
    smsk_udh h;
    parse_ok(&h, &u);
    cr_assert_eq(h.n_ies, 1u);
    expect_ie(&h, 0, &u, 0x04, 1, 2);
    cr_expect_eq(h.ports_present, 1);
    cr_expect_eq(h.port_dst, 245u);
    cr_expect_eq(h.port_src, 240u);
    cr_expect_eq(h.port_bits, 8u);
    expect_round_trip(&u);
    /* 240 and 255, the ends of the range for applications */
    ud_buf e = ud_hex("040402FFF0");
    expect_round_trip(&e);
}

Test(udh, ports_16bit_are_parsed_and_built)
{
    /* 9.2.3.24.4: IEI 05, length 4, destination then originator, high
     * octet first; 0 and 65535 are not range-checked */
    ud_buf u = ud_hex("0605040B8423F0");
    smsk_udh h;
    parse_ok(&h, &u);
    expect_ie(&h, 0, &u, 0x05, 1, 4);
    cr_expect_eq(h.port_dst, 2948u);
    cr_expect_eq(h.port_src, 9200u);
    cr_expect_eq(h.port_bits, 16u);
    expect_round_trip(&u);
    ud_buf e = ud_hex("0605040000FFFF");
    parse_ok(&h, &e);
    cr_expect_eq(h.port_dst, 0u);
    cr_expect_eq(h.port_src, 65535u);
}

Test(udh, special_sms_indication_is_parsed_and_built)
{
    /* 9.2.3.24.2: IEI 01, length 2: octet 1 bit 7 store, bits 6..0 the
     * indication (here 0x01, fax); octet 2 the count */
    ud_buf u = ud_hex("04010281FF");
    smsk_udh h;
    parse_ok(&h, &u);
    expect_ie(&h, 0, &u, 0x01, 1, 2);
    cr_expect_eq(h.special_present, 1);
    cr_expect_eq(h.special_type, 0x81u);
    cr_expect_eq(h.special_count, 255u);
    expect_round_trip(&u);
}

Test(udh, smsc_control_and_source_indicator_are_kept)
{
    /* 9.2.3.24.5 IEI 06 and 9.2.3.24.6 IEI 07, one octet each */
    ud_buf u = ud_hex("0B" "060103" "070101" "00032A0201");
    smsk_udh h;
    parse_ok(&h, &u);
    cr_assert_eq(h.n_ies, 3u);
    expect_ie(&h, 0, &u, 0x06, 1, 1);
    expect_ie(&h, 1, &u, 0x07, 4, 1);
    expect_ie(&h, 2, &u, 0x00, 7, 3);
    cr_expect_eq(h.ies[0].data[0], 0x03);
    cr_expect_eq(h.ies[1].data[0], 0x01);
    cr_expect_eq(h.concat_ref, 42u);
    expect_round_trip(&u);
}

Test(udh, national_language_shifts_are_parsed_and_built)
{
    /* 9.2.3.24.15 IEI 24 single, 9.2.3.24.16 IEI 25 locking: the NLI of
     * TS 23.038 Table 6.2.1.2.4.1 (1 Turkish, 3 Portuguese, 13 Urdu) */
    ud_buf u = ud_hex("06240101250103");
    smsk_udh h;
    parse_ok(&h, &u);
    cr_assert_eq(h.n_ies, 2u);
    cr_expect_eq(h.nl_single_present, 1);
    cr_expect_eq(h.nl_single, SMSK_LANG_TURKISH);
    cr_expect_eq(h.nl_single_nli, 1u);
    cr_expect_eq(h.nl_locking_present, 1);
    cr_expect_eq(h.nl_locking, SMSK_LANG_PORTUGUESE);
    cr_expect_eq(h.nl_locking_nli, 3u);
    expect_round_trip(&u);

    ud_buf urdu = ud_hex("0624010D25010D");
    parse_ok(&h, &urdu);
    cr_expect_eq(h.nl_single, SMSK_LANG_URDU);
    cr_expect_eq(h.nl_locking, SMSK_LANG_URDU);
}

Test(udh, reserved_nli_reads_as_default_and_keeps_the_octet)
{
    /* NLI 0 and 14-255 are reserved; TS 23.038 6.2.1.2.5: a receiver
     * ignores an NLI it has no table for */
    static const unsigned nlis[] = {0, 14, 15, 0x7F, 0xFF};
    for (size_t i = 0; i < sizeof nlis / sizeof nlis[0]; i++) {
        ud_buf u = {{6, 0x24, 1, (uint8_t)nlis[i], 0x25, 1, (uint8_t)nlis[i]},
                7};
        smsk_udh h;
        parse_ok(&h, &u);
        cr_expect_eq(h.nl_single_present, 1);
        cr_expect_eq(h.nl_single, SMSK_LANG_DEFAULT, "nli %u", nlis[i]);
        cr_expect_eq(h.nl_single_nli, nlis[i]);
        cr_expect_eq(h.nl_locking_present, 1);
        cr_expect_eq(h.nl_locking, SMSK_LANG_DEFAULT, "nli %u", nlis[i]);
        cr_expect_eq(h.nl_locking_nli, nlis[i]);
        expect_round_trip(&u);
    }
}

Test(udh, spanish_has_a_single_shift_but_no_locking_table)
{
    /* TS 23.038 A.3.2 is void: NLI 2 in a locking IE has no table */
    ud_buf u = ud_hex("06240102250102");
    smsk_udh h;
    parse_ok(&h, &u);
    cr_expect_eq(h.nl_single, SMSK_LANG_SPANISH);
    cr_expect_eq(h.nl_locking, SMSK_LANG_DEFAULT);
    cr_expect_eq(h.nl_locking_nli, 2u);
}

/* ---------------------------------------------------------------------
 * The vectors' UDHs
 * ------------------------------------------------------------------- */

Test(udh, vector_dec_0005_wap_push_ports_then_concat)
{
    /* dec-0005: TP-UD starts at PDU octet 26 (8 SC address octets, first
     * octet, OA 0A81 + 5, PID 3B, DCS F5, SCTS 7, UDL 8C). UDHL 0B; IE 05
     * at UD offset 1 (PDU octet 27), IE 00 at UD offset 7 (octet 33); the
     * WSP body starts at UD offset 12. */
    ud_buf u = ud_hex("0B05040B8423F000032A020101062761");
    smsk_udh h;
    parse_ok(&h, &u);
    cr_expect_eq(h.udhl, 11u);
    cr_assert_eq(h.n_ies, 2u);
    expect_ie(&h, 0, &u, 0x05, 1, 4);
    expect_ie(&h, 1, &u, 0x00, 7, 3);
    /* expect.udh of the row */
    cr_expect_eq(h.ports_present, 1);
    cr_expect_eq(h.port_dst, 2948u);
    cr_expect_eq(h.port_src, 9200u);
    cr_expect_eq(h.port_bits, 16u);
    cr_expect_eq(h.concat_present, 1);
    cr_expect_eq(h.concat_ref, 42u);
    cr_expect_eq(h.concat_total, 2u);
    cr_expect_eq(h.concat_seq, 1u);
    cr_expect_eq(h.concat_ref_bits, 8u);
    expect_round_trip(&u);
}

Test(udh, vector_dec_0006_wap_push_part_2)
{
    /* dec-0006: UD at PDU octet 26 as in dec-0005; same IEs, sequence 2 */
    ud_buf u = ud_hex("0B05040B8423F000032A0202362E3130");
    smsk_udh h;
    parse_ok(&h, &u);
    cr_expect_eq(h.port_dst, 2948u);
    cr_expect_eq(h.port_src, 9200u);
    cr_expect_eq(h.concat_ref, 42u);
    cr_expect_eq(h.concat_total, 2u);
    cr_expect_eq(h.concat_seq, 2u);
    expect_round_trip(&u);
}

Test(udh, vectors_16bit_concat_dec_0057_0061)
{
    /* dec-0057: UD at PDU octet 27 (8 SC octets, 40, OA 0B91 + 6, PID,
     * DCS, SCTS 7, UDL 0E); UDHL 06, IE 08 at UD offset 1 */
    ud_buf a = ud_hex("06080412340201C8329BFD6601");
    smsk_udh h;
    parse_ok(&h, &a);
    expect_ie(&h, 0, &a, 0x08, 1, 4);
    cr_expect_eq(h.concat_ref, 4660u);
    cr_expect_eq(h.concat_total, 2u);
    cr_expect_eq(h.concat_seq, 1u);
    cr_expect_eq(h.concat_ref_bits, 16u);
    expect_round_trip(&a);
    /* dec-0061: same layout, part 1 of 3 */
    ud_buf b = ud_hex("060804123403015774987E9A03");
    parse_ok(&h, &b);
    cr_expect_eq(h.concat_ref, 4660u);
    cr_expect_eq(h.concat_total, 3u);
    cr_expect_eq(h.concat_seq, 1u);
    expect_round_trip(&b);
}

Test(udh, vectors_8bit_concat_dec_0064_0008)
{
    /* dec-0064: UD at PDU octet 27; UDHL 05, IE 00 at UD offset 1 */
    ud_buf a = ud_hex("0500032E020190E175DD1D06");
    smsk_udh h;
    parse_ok(&h, &a);
    cr_expect_eq(h.concat_ref, 46u);
    cr_expect_eq(h.concat_total, 2u);
    cr_expect_eq(h.concat_seq, 1u);
    cr_expect_eq(h.concat_ref_bits, 8u);
    expect_round_trip(&a);
    /* dec-0008: UD at PDU octet 27 (OA 0B81 + 6); reference 0 is valid */
    ud_buf b = ud_hex("05000300020162B1582C");
    parse_ok(&h, &b);
    cr_expect_eq(h.concat_ref, 0u);
    cr_expect_eq(h.concat_total, 2u);
    cr_expect_eq(h.concat_seq, 1u);
}

Test(udh, vectors_special_sms_dec_0013_0014)
{
    /* dec-0013: UD at PDU octet 22 (OA 0180 + 1, DCS C8, UDL 06): UDHL
     * 04, IE 01 at UD offset 1: octet 1 00 (bit 7 0: discard, the row's
     * mwi_dont_store; type 0 voice), octet 2 count 2 (mwi set) */
    ud_buf a = ud_hex("040102000200");
    smsk_udh h;
    parse_ok(&h, &a);
    expect_ie(&h, 0, &a, 0x01, 1, 2);
    cr_expect_eq(h.special_present, 1);
    cr_expect_eq(h.special_type, 0x00u);
    cr_expect_eq(h.special_count, 2u);
    expect_round_trip(&a);
    /* dec-0014: the same with count 0 (mwi clear) */
    ud_buf b = ud_hex("040102000000");
    parse_ok(&h, &b);
    cr_expect_eq(h.special_type, 0x00u);
    cr_expect_eq(h.special_count, 0u);
}

Test(udh, vector_dec_0066_ems_text_formatting_kept_raw)
{
    /* dec-0066: UD at PDU octet 27; UDHL 14, four IE 0A (9.2.3.24.10.1.1
     * text formatting, length 3) at UD offsets 1, 6, 11, 16 */
    ud_buf u = ud_hex("140A030004100A030606200A030E09400A031C0D80C2379BCC");
    smsk_udh h;
    parse_ok(&h, &u);
    cr_assert_eq(h.n_ies, 4u);
    for (size_t i = 0; i < 4; i++)
        expect_ie(&h, i, &u, 0x0A, 1 + 5 * i, 3);
    cr_expect_eq(h.ies[1].data[0], 0x06);
    cr_expect_eq(h.concat_present, 0);
    cr_expect_eq(h.ports_present, 0);
    cr_expect_eq(h.nl_single_present, 0);
    cr_expect_eq(h.special_present, 0);
    expect_round_trip(&u);
}

/* ---------------------------------------------------------------------
 * Raw elements
 * ------------------------------------------------------------------- */

Test(udh, raw_and_known_elements_keep_their_order_and_octets)
{
    /* offsets: 1 0A text formatting (EMS), 6 00 concat, 11 70 (U)SIM
     * toolkit security header (length 0), 13 02 reserved, 16 80
     * SME-to-SME, 20 05 ports, 26 25 locking, 29 C0 SC-specific, 32 24
     * single, 35 E0 reserved; UDHL 36 */
    ud_buf u = ud_hex("24" "0A03000410" "0003070301" "7000" "0201FF"
            "8002ABCD" "05040B8423F0" "250101" "C00155" "24010D" "E000");
    cr_assert_eq(u.n, 37u);
    smsk_udh h;
    parse_ok(&h, &u);
    static const struct { uint8_t iei; size_t at; uint8_t len; } want[] = {
        {0x0A, 1, 3}, {0x00, 6, 3}, {0x70, 11, 0}, {0x02, 13, 1},
        {0x80, 16, 2}, {0x05, 20, 4}, {0x25, 26, 1}, {0xC0, 29, 1},
        {0x24, 32, 1}, {0xE0, 35, 0},
    };
    cr_assert_eq(h.n_ies, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < h.n_ies; i++)
        expect_ie(&h, i, &u, want[i].iei, want[i].at, want[i].len);
    cr_expect_eq(h.concat_ref, 7u);
    cr_expect_eq(h.port_dst, 2948u);
    cr_expect_eq(h.nl_locking, SMSK_LANG_TURKISH);
    cr_expect_eq(h.nl_single, SMSK_LANG_URDU);
    expect_round_trip(&u);
}

Test(udh, udhl_zero_is_an_empty_header)
{
    ud_buf u = ud_hex("00C8");
    smsk_udh h;
    parse_ok(&h, &u);
    cr_expect_eq(h.n_ies, 0u);
    cr_expect_eq(h.udhl, 0u);
    /* the header documents 0 octets for no element */
    cr_expect_eq(smsk_udh_len(&h), 0u);
}

Test(udh, sixty_nine_empty_elements_fill_udhl_138)
{
    ud_buf u;
    u.b[0] = 138;
    for (size_t i = 0; i < 69; i++) {
        u.b[1 + 2 * i] = 0x0B;
        u.b[2 + 2 * i] = 0;
    }
    u.n = 139;
    smsk_udh h;
    parse_ok(&h, &u);
    cr_expect_eq(h.n_ies, SMSK_UDH_MAX_IES);
    expect_round_trip(&u);
}

/* ---------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------- */

Test(udh, udhl_beyond_the_user_data_is_truncated)
{
    ud_buf u = ud_hex("0600032A0201");
    expect_fail(&u, SMSK_E_TRUNC, 0, "UDHL");
    ud_buf none = {{0}, 0};
    expect_fail(&none, SMSK_E_TRUNC, 0, "UDHL");
}

Test(udh, udhl_above_139_is_malformed)
{
    /* 9.2.3.24: TP-UD is 140 octets, so UDHL is at most 139 */
    ud_buf u;
    memset(u.b, 0, sizeof u.b);
    u.b[0] = 140;
    u.n = 141;
    expect_fail(&u, SMSK_E_MALFORMED, 0, "139");
}

Test(udh, element_running_past_the_udhl_is_truncated)
{
    /* UDHL 4, IE 00 says 3 octets, 2 follow */
    ud_buf a = ud_hex("0400032A02010203");
    expect_fail(&a, SMSK_E_TRUNC, 1, "data runs past the UDHL");
    /* UDHL 6: a concat IE, then an IEI with no length octet */
    ud_buf b = ud_hex("0600032A020108FF");
    expect_fail(&b, SMSK_E_TRUNC, 6, "IEI and length");
}

/* One element type whose clause fixes its length. */
typedef struct fixed {
    uint8_t iei;
    uint8_t len;
    const char *clause;
} fixed;

static const fixed fixed_ies[] = {
    {0x00, 3, "9.2.3.24.1)"}, {0x01, 2, "9.2.3.24.2)"},
    {0x04, 2, "9.2.3.24.3)"}, {0x05, 4, "9.2.3.24.4)"},
    {0x06, 1, "9.2.3.24.5)"}, {0x07, 1, "9.2.3.24.6)"},
    {0x08, 4, "9.2.3.24.8)"}, {0x24, 1, "9.2.3.24.15)"},
    {0x25, 1, "9.2.3.24.16)"},
};

Test(udh, element_of_the_wrong_length_is_malformed)
{
    for (size_t i = 0; i < sizeof fixed_ies / sizeof fixed_ies[0]; i++) {
        const fixed *f = &fixed_ies[i];
        size_t lens[3] = {0, (size_t)f->len - 1, (size_t)f->len + 1};
        for (size_t k = 0; k < 3; k++) {
            if (k == 1 && lens[k] == 0)
                continue;
            /* a predefined sound IE (0B, 2 octets) first: the bad one is
             * at offset 5 */
            ud_buf u;
            size_t n = 0;
            u.b[n++] = (uint8_t)(4 + 2 + lens[k]);
            u.b[n++] = 0x0B;
            u.b[n++] = 2;
            u.b[n++] = 0;
            u.b[n++] = 1;
            u.b[n++] = f->iei;
            u.b[n++] = (uint8_t)lens[k];
            for (size_t j = 0; j < lens[k]; j++)
                u.b[n++] = 0xF1;
            u.n = n;
            cr_log_info("iei 0x%02X length %zu", f->iei, lens[k]);
            expect_fail(&u, SMSK_E_MALFORMED, 5, f->clause);
        }
    }
}

/* The IE is ignored (9.2.3.24.1: "the receiving entity shall ignore the
 * whole Information Element"), kept raw, and the header rebuilds. */
static void expect_concat_ignored(const char *hex)
{
    ud_buf u = ud_hex(hex);
    smsk_udh h;
    parse_ok(&h, &u);
    cr_assert_eq(h.concat_present, 0, "%s: concatenation must be ignored", hex);
    cr_assert_eq(h.concat_ignored, 1, "%s: concat_ignored", hex);
    cr_assert_eq(h.n_ies, 2, "%s: both elements kept", hex);
    expect_round_trip(&u);
}

Test(udh, concat_with_bad_numbers_is_ignored_as_the_standard_says)
{
    /* 9.2.3.24.1 octet 2 (maximum) 0; octet 3 (sequence) 0 or above the
     * maximum; 9.2.3.24.8 the same one octet later; after an SMSC
     * control IE. */
    expect_concat_ignored("08" "060100" "00032A0001");
    expect_concat_ignored("08" "060100" "00032A0200");
    expect_concat_ignored("08" "060100" "00032A0203");
    expect_concat_ignored("09" "060100" "080412340001");
    expect_concat_ignored("09" "060100" "080412340200");
    expect_concat_ignored("09" "060100" "0804123402FF");
    /* sequence equal to the maximum is the last part */
    ud_buf ok = ud_hex("0500032AFFFF");
    smsk_udh h;
    parse_ok(&h, &ok);
    cr_assert_eq(h.concat_present, 1);
    cr_assert_eq(h.concat_ignored, 0);
    expect_round_trip(&ok);
    /* building such an element is refused */
    smsk_udh_init(&h);
    cr_assert_eq(smsk_udh_add_concat(&h, 1, 2, 3, 8), SMSK_E_MALFORMED);
    cr_assert_eq(smsk_udh_add_concat(&h, 1, 0, 0, 8), SMSK_E_MALFORMED);
}

Test(udh, ports_8bit_in_the_reserved_range_are_malformed)
{
    /* 9.2.3.24.3: 0-239 reserved, 240-255 available for applications */
    ud_buf a = ud_hex("040402EFF0");
    expect_fail(&a, SMSK_E_MALFORMED, 1, "9.2.3.24.3)");
    ud_buf b = ud_hex("040402F000");
    expect_fail(&b, SMSK_E_MALFORMED, 1, "9.2.3.24.3)");
}

Test(udh, parse_rejects_null_pointers)
{
    uint8_t ud[] = {0x05, 0x00, 0x03, 0x2A, 0x02, 0x01};
    smsk_udh h;
    smsk_diag d;
    cr_expect_eq(smsk_udh_parse(NULL, ud, sizeof ud, &d), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_parse(&h, NULL, 0, &d), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_parse(&h, NULL, 6, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_parse(&h, ud, sizeof ud, NULL), SMSK_OK);
}

/* ---------------------------------------------------------------------
 * Repeated elements (9.2.3.24: the last occurrence is used) and UDH
 * source indicator sections (9.2.3.24.6)
 * ------------------------------------------------------------------- */

Test(udh, repeated_concat_uses_the_last_occurrence)
{
    ud_buf u = ud_hex("0A00030102010003050402");
    smsk_udh h;
    parse_ok(&h, &u);
    cr_expect_eq(h.n_ies, 2u);
    cr_expect_eq(h.concat_ref, 5u);
    cr_expect_eq(h.concat_total, 4u);
    cr_expect_eq(h.concat_seq, 2u);
    expect_round_trip(&u);
}

Test(udh, mutually_exclusive_elements_use_the_last_one)
{
    /* 8-bit then 16-bit concatenation */
    ud_buf a = ud_hex("0B0003010201080412340301");
    smsk_udh h;
    parse_ok(&h, &a);
    cr_expect_eq(h.concat_ref_bits, 16u);
    cr_expect_eq(h.concat_ref, 0x1234u);
    cr_expect_eq(h.concat_total, 3u);
    /* 16-bit then 8-bit ports */
    ud_buf b = ud_hex("0A05040B8423F00402F5F6");
    parse_ok(&h, &b);
    cr_expect_eq(h.port_bits, 8u);
    cr_expect_eq(h.port_dst, 245u);
    cr_expect_eq(h.port_src, 246u);
    /* national language IEs */
    ud_buf c = ud_hex("0C240101250101240103250103");
    parse_ok(&h, &c);
    cr_expect_eq(h.nl_single, SMSK_LANG_PORTUGUESE);
    cr_expect_eq(h.nl_locking, SMSK_LANG_PORTUGUESE);
    cr_expect_eq(h.n_ies, 4u);
}

Test(udh, a_later_source_section_does_not_override_an_earlier_one)
{
    /* the sender's concat, then "created by the SMSC" (07 01 03) with a
     * concat and ports of its own */
    ud_buf u = ud_hex("11" "0003010201" "070103" "0003090303" "0402F0F1");
    smsk_udh h;
    parse_ok(&h, &u);
    cr_assert_eq(h.n_ies, 4u);
    cr_expect_eq(h.concat_ref, 1u);
    cr_expect_eq(h.concat_seq, 1u);
    /* no earlier section had ports: the SMSC's are the typed ones */
    cr_expect_eq(h.ports_present, 1);
    cr_expect_eq(h.port_dst, 240u);
    expect_round_trip(&u);
}

Test(udh, the_last_occurrence_rule_applies_within_a_section)
{
    /* (07 01 01) original sender: two concat IEs, the second wins; then
     * (07 01 03) the SMSC's concat does not */
    ud_buf u = ud_hex("15" "070101" "0003010201" "0003020302" "070103"
            "0003090303");
    smsk_udh h;
    parse_ok(&h, &u);
    cr_assert_eq(h.n_ies, 5u);
    cr_expect_eq(h.concat_ref, 2u);
    cr_expect_eq(h.concat_total, 3u);
    cr_expect_eq(h.concat_seq, 2u);
    expect_round_trip(&u);
}

Test(udh, special_sms_indications_repeat_and_the_first_is_typed)
{
    /* voice 3 waiting, fax 1 waiting (9.2.3.24.2: one IE per type) */
    ud_buf a = ud_hex("080102000301020101");
    smsk_udh h;
    parse_ok(&h, &a);
    cr_expect_eq(h.n_ies, 2u);
    cr_expect_eq(h.special_type, 0x00u);
    cr_expect_eq(h.special_count, 3u);
    expect_round_trip(&a);
    /* the same type twice: no rule forbids it */
    ud_buf b = ud_hex("080102800301028005");
    parse_ok(&h, &b);
    cr_expect_eq(h.n_ies, 2u);
    cr_expect_eq(h.special_type, 0x80u);
    cr_expect_eq(h.special_count, 3u);
    expect_round_trip(&b);
}

/* ---------------------------------------------------------------------
 * Truncation
 * ------------------------------------------------------------------- */

Test(udh, truncated_user_data_fails_at_every_length)
{
    /* dec-0005's UDH plus a national language IE: 15 octets */
    ud_buf full = ud_hex("0E05040B8423F000032A0201240101");
    guard_buf g;
    cr_assert_eq(guard_alloc(&g, full.n), 0, "mmap");
    for (size_t k = 0; k < full.n; k++) {
        /* the k octets end at the guard page: reading on faults */
        uint8_t *p = g.ptr + g.len - k;
        memcpy(p, full.b, k);
        smsk_udh h;
        smsk_diag d = {99, 0, NULL};
        cr_expect_eq(smsk_udh_parse(&h, p, k, &d), SMSK_E_TRUNC, "k=%zu", k);
        cr_expect_eq(d.offset, 0u, "k=%zu", k);
        cr_expect_eq(h.n_ies, 0u);
    }
    memcpy(g.ptr, full.b, full.n);
    smsk_udh h;
    cr_expect_eq(smsk_udh_parse(&h, g.ptr, full.n, NULL), SMSK_OK);
    cr_expect_eq(h.n_ies, 3u);
    guard_free(&g);
}

Test(udh, header_cut_at_every_udhl)
{
    /* the same UDH with UDHL 0..13 over the first octets: whole elements
     * (boundaries after 0, 6, 11 octets) parse, a cut one is truncated at
     * its IEI: 05 at 1, 00 at 7, 24 at 12 */
    ud_buf full = ud_hex("0E05040B8423F000032A0201240101");
    guard_buf g;
    cr_assert_eq(guard_alloc(&g, full.n), 0, "mmap");
    for (size_t udhl = 0; udhl < 14; udhl++) {
        uint8_t *p = g.ptr + g.len - (udhl + 1);
        memcpy(p, full.b, udhl + 1);
        p[0] = (uint8_t)udhl;
        size_t start = udhl >= 12 ? 12 : udhl >= 7 ? 7 : udhl >= 1 ? 1 : 0;
        smsk_udh h;
        smsk_diag d = {99, 0, NULL};
        smsk_status st = smsk_udh_parse(&h, p, udhl + 1, &d);
        if (udhl == 0 || udhl == 6 || udhl == 11) {
            cr_expect_eq(st, SMSK_OK, "udhl %zu", udhl);
            cr_expect_eq(h.n_ies, udhl == 0 ? 0u : udhl == 6 ? 1u : 2u);
            continue;
        }
        cr_expect_eq(st, SMSK_E_TRUNC, "udhl %zu", udhl);
        cr_expect_eq(d.offset, start, "udhl %zu: offset %zu", udhl, d.offset);
        /* one octet of an element left: its IEI and length are cut */
        const char *rule = udhl + 1 - start < 2 ? "IEI and length"
                : "data runs past";
        cr_expect(d.what != NULL && strstr(d.what, rule) != NULL,
                "udhl %zu: %s", udhl, d.what ? d.what : "(null)");
    }
    guard_free(&g);
}

/* ---------------------------------------------------------------------
 * Adding elements
 * ------------------------------------------------------------------- */

Test(udh, init_gives_an_empty_header)
{
    smsk_udh h;
    memset(&h, 0xA5, sizeof h);
    smsk_udh_init(&h);
    cr_expect_eq(h.n_ies, 0u);
    cr_expect_eq(h.udhl, 0u);
    cr_expect_eq(h.concat_present, 0);
    cr_expect_eq(h.ports_present, 0);
    cr_expect_eq(h.nl_single_present, 0);
    cr_expect_eq(h.nl_locking_present, 0);
    cr_expect_eq(h.special_present, 0);
    cr_expect_eq(h.own_len, 0u);
    cr_expect_eq(smsk_udh_len(&h), 0u);
    smsk_udh_init(NULL);
}

Test(udh, add_keeps_the_callers_pointer_and_updates_typed_fields)
{
    static const uint8_t concat[] = {0x2A, 0x02, 0x01};
    static const uint8_t sound[] = {0x00, 0x05};
    smsk_udh h;
    smsk_udh_init(&h);
    cr_assert_eq(smsk_udh_add(&h, 0x0B, sound, sizeof sound), SMSK_OK);
    cr_assert_eq(smsk_udh_add(&h, SMSK_IEI_CONCAT8, concat, 3), SMSK_OK);
    cr_expect(h.ies[0].data == sound);
    cr_expect(h.ies[1].data == concat);
    cr_expect_eq(h.concat_present, 1);
    cr_expect_eq(h.concat_ref, 42u);
    cr_expect_eq(h.udhl, 9u);
    expect_build(&h, "090B020005" "00032A0201");
    /* an element with no data */
    cr_assert_eq(smsk_udh_add(&h, 0x70, NULL, 0), SMSK_OK);
    expect_build(&h, "0B0B020005" "00032A0201" "7000");
}

Test(udh, add_checks_what_parse_checks)
{
    static const uint8_t bad_seq[] = {0x2A, 0x02, 0x03};
    static const uint8_t short_ports[] = {0xF0};
    static const uint8_t reserved_port[] = {0x10, 0xF0};
    smsk_udh h;
    smsk_udh_init(&h);
    cr_expect_eq(smsk_udh_add(&h, SMSK_IEI_CONCAT8, bad_seq, 3),
            SMSK_E_MALFORMED);
    cr_expect_eq(smsk_udh_add(&h, SMSK_IEI_PORTS8, short_ports, 1),
            SMSK_E_MALFORMED);
    cr_expect_eq(smsk_udh_add(&h, SMSK_IEI_PORTS8, reserved_port, 2),
            SMSK_E_MALFORMED);
    cr_expect_eq(smsk_udh_add(&h, SMSK_IEI_NL_SINGLE, NULL, 0),
            SMSK_E_MALFORMED);
    cr_expect_eq(smsk_udh_add(&h, 0x0B, NULL, 1), SMSK_E_ARG);
    static uint8_t big[256];
    cr_expect_eq(smsk_udh_add(&h, 0x0B, big, 256), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_add(NULL, 0x0B, big, 1), SMSK_E_ARG);
    cr_expect_eq(h.n_ies, 0u);
    cr_expect_eq(h.udhl, 0u);
}

Test(udh, add_concat_builds_the_clause_layout)
{
    smsk_udh h;
    smsk_udh_init(&h);
    cr_assert_eq(smsk_udh_add_concat(&h, 0xA7, 3, 1, 8), SMSK_OK);
    expect_build(&h, "050003A70301");
    cr_expect(h.ies[0].data == h.own, "helper octets live in the struct");
    cr_expect_eq(h.concat_ref_bits, 8u);

    smsk_udh_init(&h);
    cr_assert_eq(smsk_udh_add_concat(&h, 0x1234, 2, 2, 16), SMSK_OK);
    expect_build(&h, "06080412340202");
    cr_expect_eq(h.concat_ref, 0x1234u);
    cr_expect_eq(h.concat_seq, 2u);
}

Test(udh, add_concat_rejects_bad_arguments)
{
    smsk_udh h;
    smsk_udh_init(&h);
    cr_expect_eq(smsk_udh_add_concat(&h, 256, 2, 1, 8), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_add_concat(&h, 0x10000, 2, 1, 16), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_add_concat(&h, 1, 256, 1, 8), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_add_concat(&h, 1, 2, 256, 8), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_add_concat(&h, 1, 2, 1, 12), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_add_concat(NULL, 1, 2, 1, 8), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_add_concat(&h, 1, 0, 1, 8), SMSK_E_MALFORMED);
    cr_expect_eq(smsk_udh_add_concat(&h, 1, 2, 0, 16), SMSK_E_MALFORMED);
    cr_expect_eq(smsk_udh_add_concat(&h, 1, 2, 3, 8), SMSK_E_MALFORMED);
    cr_expect_eq(h.n_ies, 0u);
    cr_expect_eq(h.own_len, 0u);
}

Test(udh, add_ports_builds_the_clause_layout)
{
    smsk_udh h;
    smsk_udh_init(&h);
    cr_assert_eq(smsk_udh_add_ports(&h, 2948, 9200, 16), SMSK_OK);
    expect_build(&h, "0605040B8423F0");
    cr_expect_eq(h.port_dst, 2948u);
    smsk_udh_init(&h);
    cr_assert_eq(smsk_udh_add_ports(&h, 255, 240, 8), SMSK_OK);
    expect_build(&h, "040402FFF0");
    cr_expect_eq(smsk_udh_add_ports(&h, 239, 240, 8), SMSK_E_MALFORMED);
    cr_expect_eq(smsk_udh_add_ports(&h, 256, 240, 8), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_add_ports(&h, 1, 0x10000, 16), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_add_ports(&h, 1, 1, 32), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_add_ports(NULL, 1, 1, 16), SMSK_E_ARG);
    cr_expect_eq(h.n_ies, 1u);
}

Test(udh, add_shift_adds_single_then_locking)
{
    smsk_udh h;
    smsk_udh_init(&h);
    smsk_gsm7_shift tr = {SMSK_LANG_TURKISH, SMSK_LANG_TURKISH};
    cr_assert_eq(smsk_udh_add_shift(&h, tr), SMSK_OK);
    expect_build(&h, "06240101250101");
    cr_expect_eq(h.nl_single, SMSK_LANG_TURKISH);
    cr_expect_eq(h.nl_locking, SMSK_LANG_TURKISH);

    smsk_udh_init(&h);
    smsk_gsm7_shift es = {SMSK_LANG_DEFAULT, SMSK_LANG_SPANISH};
    cr_assert_eq(smsk_udh_add_shift(&h, es), SMSK_OK);
    expect_build(&h, "03240102");
    cr_expect_eq(h.nl_locking_present, 0);

    smsk_udh_init(&h);
    smsk_gsm7_shift none = {SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT};
    cr_expect_eq(smsk_udh_add_shift(&h, none), SMSK_OK);
    cr_expect_eq(h.n_ies, 0u);

    smsk_gsm7_shift es_locking = {SMSK_LANG_SPANISH, SMSK_LANG_DEFAULT};
    cr_expect_eq(smsk_udh_add_shift(&h, es_locking), SMSK_E_ARG);
    smsk_gsm7_shift unknown = {SMSK_LANG_DEFAULT, (smsk_lang)14};
    cr_expect_eq(smsk_udh_add_shift(&h, unknown), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_add_shift(NULL, tr), SMSK_E_ARG);
    cr_expect_eq(h.n_ies, 0u);
}

Test(udh, built_headers_parse_back_to_the_same_typed_fields)
{
    smsk_udh h;
    smsk_udh_init(&h);
    smsk_gsm7_shift pt = {SMSK_LANG_PORTUGUESE, SMSK_LANG_HINDI};
    cr_assert_eq(smsk_udh_add_ports(&h, 2948, 9200, 16), SMSK_OK);
    cr_assert_eq(smsk_udh_add_concat(&h, 7, 4, 3, 8), SMSK_OK);
    cr_assert_eq(smsk_udh_add_shift(&h, pt), SMSK_OK);
    uint8_t out[140];
    size_t n = 0;
    cr_assert_eq(smsk_udh_build(out, sizeof out, &n, &h), SMSK_OK);
    cr_assert_eq(n, 1u + 6u + 5u + 3u + 3u);
    smsk_udh p;
    cr_assert_eq(smsk_udh_parse(&p, out, n, NULL), SMSK_OK);
    cr_expect_eq(p.udhl, h.udhl);
    cr_expect_eq(p.n_ies, h.n_ies);
    cr_expect_eq(p.concat_ref, 7u);
    cr_expect_eq(p.concat_total, 4u);
    cr_expect_eq(p.concat_seq, 3u);
    cr_expect_eq(p.port_dst, 2948u);
    cr_expect_eq(p.port_src, 9200u);
    cr_expect_eq(p.nl_single, SMSK_LANG_HINDI);
    cr_expect_eq(p.nl_locking, SMSK_LANG_PORTUGUESE);
    /* adding after parsing appends to the parsed header */
    cr_assert_eq(smsk_udh_add_concat(&p, 8, 4, 4, 8), SMSK_OK);
    cr_expect_eq(p.concat_ref, 8u);
    cr_expect_eq(p.udhl, (size_t)n - 1 + 5);
}

/* ---------------------------------------------------------------------
 * Limits
 * ------------------------------------------------------------------- */

Test(udh, add_stops_at_the_element_limit)
{
    smsk_udh h;
    smsk_udh_init(&h);
    for (size_t i = 0; i < SMSK_UDH_MAX_IES; i++)
        cr_assert_eq(smsk_udh_add(&h, 0x0B, NULL, 0), SMSK_OK, "i=%zu", i);
    cr_expect_eq(smsk_udh_add(&h, 0x0B, NULL, 0), SMSK_E_LIMIT);
    cr_expect_eq(smsk_udh_add_concat(&h, 1, 1, 1, 8), SMSK_E_LIMIT);
    cr_expect_eq(h.n_ies, SMSK_UDH_MAX_IES);
    cr_expect_eq(smsk_udh_len(&h), 139u);
}

Test(udh, add_shift_adds_both_elements_or_neither)
{
    smsk_udh h;
    smsk_udh_init(&h);
    for (size_t i = 0; i < SMSK_UDH_MAX_IES - 1; i++)
        cr_assert_eq(smsk_udh_add(&h, 0x0B, NULL, 0), SMSK_OK);
    smsk_gsm7_shift both = {SMSK_LANG_TAMIL, SMSK_LANG_TAMIL};
    cr_expect_eq(smsk_udh_add_shift(&h, both), SMSK_E_LIMIT);
    cr_expect_eq(h.n_ies, SMSK_UDH_MAX_IES - 1);
    cr_expect_eq(h.nl_single_present, 0);
    smsk_gsm7_shift one = {SMSK_LANG_DEFAULT, SMSK_LANG_TAMIL};
    cr_expect_eq(smsk_udh_add_shift(&h, one), SMSK_OK);
    cr_expect_eq(h.nl_single, SMSK_LANG_TAMIL);
}

Test(udh, helper_storage_runs_out_with_limit)
{
    /* 35 16-bit concatenation IEs take the 140 octets of `own` */
    smsk_udh h;
    smsk_udh_init(&h);
    for (unsigned i = 0; i < 35; i++)
        cr_assert_eq(smsk_udh_add_concat(&h, i, 2, 1, 16), SMSK_OK, "%u", i);
    cr_expect_eq(smsk_udh_add_concat(&h, 99, 2, 1, 16), SMSK_E_LIMIT);
    cr_expect_eq(smsk_udh_add_ports(&h, 240, 240, 8), SMSK_E_LIMIT);
    cr_expect_eq(h.n_ies, 35u);
    cr_expect_eq(h.concat_ref, 34u);
    /* far over 139 octets: it cannot be built */
    size_t n = 7;
    uint8_t out[300];
    cr_expect_eq(smsk_udh_build(out, sizeof out, &n, &h), SMSK_E_RANGE);
    cr_expect_eq(n, 0u);
}

/* ---------------------------------------------------------------------
 * Length and build
 * ------------------------------------------------------------------- */

Test(udh, build_reports_the_space_it_needs)
{
    smsk_udh h;
    smsk_udh_init(&h);
    cr_assert_eq(smsk_udh_add_concat(&h, 1, 2, 1, 8), SMSK_OK);
    cr_expect_eq(smsk_udh_len(&h), 6u);
    uint8_t out[6];
    size_t n = 99;
    cr_expect_eq(smsk_udh_build(out, 5, &n, &h), SMSK_E_NOSPACE);
    cr_expect_eq(n, 6u);
    n = 99;
    cr_expect_eq(smsk_udh_build(NULL, 0, &n, &h), SMSK_E_NOSPACE);
    cr_expect_eq(n, 6u);
    cr_expect_eq(smsk_udh_build(out, 6, &n, &h), SMSK_OK);
    cr_expect_eq(n, 6u);
    assert_bytes_eq(out, n, "\x05\x00\x03\x01\x02\x01", 6);
}

Test(udh, empty_header_builds_to_nothing)
{
    smsk_udh h;
    smsk_udh_init(&h);
    size_t n = 99;
    cr_expect_eq(smsk_udh_len(&h), 0u);
    cr_expect_eq(smsk_udh_build(NULL, 0, &n, &h), SMSK_OK);
    cr_expect_eq(n, 0u);
    cr_expect_eq(smsk_udh_len(NULL), 0u);
}

Test(udh, build_fits_udhl_139_and_not_140)
{
    static uint8_t data[138];
    smsk_udh h;
    uint8_t out[141];
    size_t n = 0;
    /* 1 + 2 + 137 = 140 octets: UDHL 139, the whole TP-UD */
    smsk_udh_init(&h);
    cr_assert_eq(smsk_udh_add(&h, 0x0C, data, 137), SMSK_OK);
    cr_expect_eq(smsk_udh_len(&h), 140u);
    cr_expect_eq(smsk_udh_build(out, sizeof out, &n, &h), SMSK_OK);
    cr_expect_eq(n, 140u);
    cr_expect_eq(out[0], 139);
    /* one octet more: 141 */
    smsk_udh_init(&h);
    cr_assert_eq(smsk_udh_add(&h, 0x0C, data, 138), SMSK_OK);
    cr_expect_eq(smsk_udh_len(&h), 141u);
    n = 7;
    cr_expect_eq(smsk_udh_build(out, sizeof out, &n, &h), SMSK_E_RANGE);
    cr_expect_eq(n, 0u);
}

Test(udh, build_rejects_bad_arguments)
{
    smsk_udh h;
    smsk_udh_init(&h);
    cr_assert_eq(smsk_udh_add_concat(&h, 1, 2, 1, 8), SMSK_OK);
    uint8_t out[8];
    size_t n;
    cr_expect_eq(smsk_udh_build(out, sizeof out, NULL, &h), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_build(out, sizeof out, &n, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_udh_build(NULL, 8, &n, &h), SMSK_E_ARG);
    /* a hand-filled element that has a length and no octets */
    h.ies[0].data = NULL;
    cr_expect_eq(smsk_udh_build(out, sizeof out, &n, &h), SMSK_E_ARG);
}
