/* SPDX-License-Identifier: MIT */
/*
 * The user data of a TPDU as text: smsk_tpdu_set_text, smsk_tpdu_set_data,
 * smsk_tpdu_text, smsk_tpdu_payload (TS 23.040 9.2.3.16, 9.2.3.23,
 * 9.2.3.24; TS 23.038 clause 4, 6.1.2.1.1, Annex A).
 *
 * Expected user data comes from the rows of pdu_decode.jsonl (named by
 * id), from the TS 23.038 tables as tests/vectors/gsm7_tables_tsv.h gives
 * them with the test-side packer of tests/helpers/septet_ref.h, and from
 * the DCS bit layout of TS 23.038 clause 4, written out in comments.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "smskit.h"

#include "helpers/bytes.h"
#include "helpers/septet_ref.h"
#include "vectors/gsm7_tables_tsv.h"

TestSuite(tpdu_text, .timeout = 10);

#define BUF 512

static const smsk_gsm7_shift DEF = {SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT};

/* An SMS-SUBMIT with TP-DCS `dcs`, to put user data into (dec-0082's
 * fields: TP-MR 0, TP-DA "12345" international). */
static void submit(smsk_tpdu *t, uint8_t dcs)
{
    memset(t, 0, sizeof *t);
    t->type = SMSK_TPDU_SUBMIT;
    t->first_octet = 0x01;
    t->addr.ton = SMSK_TON_INTERNATIONAL;
    t->addr.npi = SMSK_NPI_ISDN;
    t->addr.len = 5;
    memcpy(t->addr.text, "12345", 5);
    t->dcs = dcs;
    cr_assert(smsk_dcs_parse(&t->dcs_info, dcs) == SMSK_OK);
}

static void expect_ud(const char *what, const smsk_tpdu *t, size_t udl,
        const char *hex)
{
    uint8_t want[BUF];
    size_t n = hex_decode(want, sizeof want, hex);
    cr_expect(t->has_ud && t->udl == udl, "%s: udl %zu, want %zu", what, t->udl, udl);
    expect_bytes_eq(what, t->ud, t->ud_len, want, n);
}

static void expect_text(const char *what, const smsk_tpdu *t, unsigned flags,
        const char *want, size_t want_len)
{
    char text[SMSK_TPDU_TEXT_MAX];
    size_t len = 0;
    smsk_status st = smsk_tpdu_text(text, sizeof text, &len, t, flags, NULL);
    cr_expect(st == SMSK_OK, "%s: %s", what, smsk_status_name(st));
    expect_text_eq(what, text, len, want, want_len);
}

#define EXPECT_TEXT(what, t, s) expect_text(what, t, 0, s, strlen(s))

/* The septet of `cp` in a table of tests/vectors/gsm7_tables_tsv.h. */
static uint8_t tsv_septet(const char *table, long cp)
{
    for (size_t i = 0; i < GSM7_TSV_N_ROWS; i++)
        if (strcmp(gsm7_tsv_rows[i].table, table) == 0 && gsm7_tsv_rows[i].codepoint == cp)
            return (uint8_t)gsm7_tsv_rows[i].septet;
    cr_assert_fail("U+%04lX not in %s", cp, table);
    return 0;
}

/* ---------------------------------------------------------------------
 * GSM 7-bit
 * ------------------------------------------------------------------- */

Test(tpdu_text, gsm7_text_without_udh)
{
    /* dec-0082: "Hello world", TP-UDL 11 septets, C8329BFD06DDDF723619,
     * the whole TPDU 010005912143F500000BC8329BFD06DDDF723619. */
    smsk_tpdu t;
    uint8_t ud[SMSK_UD_MAX_OCTETS], out[BUF], want[BUF];
    submit(&t, 0x00);
    cr_assert(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, "Hello world", 11,
            SMSK_ENC_GSM7, DEF, NULL) == SMSK_OK);
    cr_expect(!t.udhi && t.dcs == 0x00 && t.ud == ud);
    expect_ud("Hello world", &t, 11, "C8329BFD06DDDF723619");
    size_t len = 0, n = hex_decode(want, sizeof want, "010005912143F500000BC8329BFD06DDDF723619");
    cr_expect(smsk_tpdu_build(out, sizeof out, &len, &t, NULL) == SMSK_OK);
    expect_bytes_eq("dec-0082", out, len, want, n);
    EXPECT_TEXT("Hello world", &t, "Hello world");
}

/*
 * 9.2.3.16, 9.2.3.24: after a UDH, fill bits up to a septet boundary;
 * TP-UDL counts the UDH's septets, fill included. With no text the user
 * data still takes ceil(7 * UDL / 8) octets, the last holding only fill.
 */
Test(tpdu_text, gsm7_text_after_a_concatenation_udh)
{
    static const struct {
        const char *id;
        unsigned ref, seq, bits;
        const char *text;
        size_t udl;
        const char *ud;
    } rows[] = {
        /* UDH 05 00 03 2E 02 01: 6 octets = 48 bits, 1 fill bit, 7
         * septets; "Hakuna" 6 septets. */
        {"dec-0064", 0x2E, 1, 8, "Hakuna", 13, "0500032E020190E175DD1D06"},
        {"dec-0065", 0x2E, 2, 8, " matata", 14, "0500032E020240ED303D4C0F03"},
        /* UDH 06 08 04 12 34 02 01: 7 octets, no fill, 8 septets. */
        {"dec-0057", 0x1234, 1, 16, "Hello,", 14, "06080412340201C8329BFD6601"},
        /* 7 septets of UDH and fill, no text: 49 bits, 7 octets. */
        {"no text", 0x01, 2, 8, "", 7, "05000301020200"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        smsk_udh udh;
        smsk_udh_init(&udh);
        cr_assert(smsk_udh_add_concat(&udh, rows[i].ref, 2, rows[i].seq, rows[i].bits)
                == SMSK_OK);
        smsk_tpdu t;
        uint8_t ud[SMSK_UD_MAX_OCTETS];
        memset(ud, 0xEE, sizeof ud);
        submit(&t, 0x00);
        size_t len = strlen(rows[i].text);
        cr_assert(smsk_tpdu_set_text(&t, ud, sizeof ud, &udh, rows[i].text, len,
                SMSK_ENC_GSM7, DEF, NULL) == SMSK_OK, "%s", rows[i].id);
        cr_expect(t.udhi == 1 && t.udh.concat_present && t.udh.concat_ref == rows[i].ref
                && t.udh.concat_seq == rows[i].seq, "%s", rows[i].id);
        expect_ud(rows[i].id, &t, rows[i].udl, rows[i].ud);
        expect_text(rows[i].id, &t, 0, rows[i].text, len);
        const uint8_t *d = NULL;
        size_t n = 0;
        size_t udh_len = rows[i].bits == 8 ? 6u : 7u;
        cr_expect(smsk_tpdu_payload(&d, &n, &t) == SMSK_OK);
        cr_expect(d == ud + udh_len && n == t.ud_len - udh_len, "%s payload", rows[i].id);
    }
}

/* The national language shift IEs pick the tables (9.2.3.24.15-16,
 * TS 23.038 Annex A); expected septets from the Turkish tables. */
Test(tpdu_text, gsm7_national_tables_from_the_udh)
{
    /* Locking and single shift Turkish: UDH 06 24 01 01 25 01 01 (7
     * octets, 8 septets, no fill); the letters are all in the locking
     * table, one septet each. */
    static const long cps[] = {0x011E, 0x0131, 0x015F, 0x20AC};
    const char *text = "\xC4\x9E\xC4\xB1\xC5\x9F\xE2\x82\xAC"; /* Ğış€ */
    smsk_gsm7_shift tr = {SMSK_LANG_TURKISH, SMSK_LANG_TURKISH};
    smsk_udh udh;
    smsk_udh_init(&udh);
    cr_assert(smsk_udh_add_shift(&udh, tr) == SMSK_OK);
    smsk_tpdu t;
    uint8_t ud[SMSK_UD_MAX_OCTETS], want[BUF], septets[4];
    submit(&t, 0x00);
    cr_assert(smsk_tpdu_set_text(&t, ud, sizeof ud, &udh, text, strlen(text),
            SMSK_ENC_GSM7, tr, NULL) == SMSK_OK);
    for (size_t i = 0; i < 4; i++)
        septets[i] = tsv_septet("turkish_locking", cps[i]);
    size_t n = hex_decode(want, sizeof want, "06240101250101");
    n += ref_pack(want + n, septets, 4, 0);
    cr_expect(t.udl == 12);
    expect_bytes_eq("turkish", t.ud, t.ud_len, want, n);
    cr_expect(t.udh.nl_locking_present && t.udh.nl_locking == SMSK_LANG_TURKISH);
    expect_text("turkish", &t, 0, text, strlen(text));

    /* Single shift only: UDH 03 24 01 01 (4 octets = 32 bits, 3 fill
     * bits, 5 septets); "aş": 'a' from the default alphabet, 'ş' escaped
     * to the Turkish single shift table. */
    smsk_gsm7_shift single = {SMSK_LANG_DEFAULT, SMSK_LANG_TURKISH};
    smsk_udh_init(&udh);
    cr_assert(smsk_udh_add_shift(&udh, single) == SMSK_OK);
    submit(&t, 0x00);
    cr_assert(smsk_tpdu_set_text(&t, ud, sizeof ud, &udh, "a\xC5\x9F", 3,
            SMSK_ENC_GSM7, single, NULL) == SMSK_OK);
    uint8_t s2[3] = {tsv_septet("default", 'a'), 0x1B, tsv_septet("turkish_single", 0x015F)};
    n = hex_decode(want, sizeof want, "03240101");
    memset(want + n, 0, 4);
    ref_pack(want + n, s2, 3, 3);
    n += ref_packed_len(3, 3);
    cr_expect(t.udl == 8);
    expect_bytes_eq("turkish single", t.ud, t.ud_len, want, n);
    expect_text("turkish single", &t, 0, "a\xC5\x9F", 3);
}

/* Spanish has no locking shift table (TS 23.038 A.3.2): a received
 * locking IE naming it reads as the default alphabet. */
Test(tpdu_text, spanish_locking_ie_reads_as_default_alphabet)
{
    /* DELIVER with UDHI; TP-UDL 6: UDH 03 25 01 02 (4 octets = 32 bits,
     * 3 fill bits, 5 septets), then 'A' (0x41) packed after the 3 fill
     * bits: 2 octets. */
    uint8_t pdu[BUF];
    size_t n = hex_decode(pdu, sizeof pdu, "4404913619000051507132200523" "06" "03250102");
    uint8_t a = 0x41;
    memset(pdu + n, 0, 2);
    n += ref_pack(pdu + n, &a, 1, 3);
    smsk_tpdu t;
    cr_assert(smsk_tpdu_parse(&t, pdu, n, SMSK_DIR_ANY, 0, NULL) == SMSK_OK);
    cr_expect(t.udh.nl_locking_present);
    EXPECT_TEXT("spanish locking", &t, "A");
}

Test(tpdu_text, gsm7_limits_are_160_septets)
{
    char text[200];
    memset(text, 'a', sizeof text);
    smsk_tpdu t;
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    smsk_diag d = {0, 0, NULL};
    submit(&t, 0x00);
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, text, 160, SMSK_ENC_GSM7,
            DEF, NULL) == SMSK_OK);
    cr_expect(t.udl == 160 && t.ud_len == 140);
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, text, 161, SMSK_ENC_GSM7,
            DEF, &d) == SMSK_E_RANGE);
    cr_expect(d.what != NULL);
    cr_expect(t.udl == 160, "unchanged on error");
    /* A concatenation UDH takes 7 septets: 153 left (TS 23.040 9.2.3.24.1). */
    smsk_udh udh;
    smsk_udh_init(&udh);
    cr_assert(smsk_udh_add_concat(&udh, 1, 2, 1, 8) == SMSK_OK);
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, &udh, text, 153, SMSK_ENC_GSM7,
            DEF, NULL) == SMSK_OK);
    cr_expect(t.udl == 160 && t.ud_len == 140);
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, &udh, text, 154, SMSK_ENC_GSM7,
            DEF, NULL) == SMSK_E_RANGE);
    /* The euro sign takes two septets (escape + 0x65, TS 23.038 6.2.1.1). */
    char euros[81 * 3];
    for (size_t i = 0; i < 81; i++)
        memcpy(euros + 3 * i, "\xE2\x82\xAC", 3);
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, euros, 80 * 3, SMSK_ENC_GSM7,
            DEF, NULL) == SMSK_OK);
    cr_expect(t.udl == 160);
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, euros, 81 * 3, SMSK_ENC_GSM7,
            DEF, NULL) == SMSK_E_RANGE);
}

Test(tpdu_text, gsm7_errors)
{
    smsk_tpdu t;
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    smsk_diag d = {0, 0, NULL};
    submit(&t, 0x00);
    /* U+2192 is in no GSM 7-bit table: offset 1 (after 'a'). */
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, "a\xE2\x86\x92", 4,
            SMSK_ENC_GSM7, DEF, &d) == SMSK_E_CHARSET);
    cr_expect(d.offset == 1 && d.codepoint == 0x2192);
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, "a\xC3", 2,
            SMSK_ENC_GSM7, DEF, &d) == SMSK_E_UTF8);
    cr_expect(d.offset == 1);
    /* "Hello" packs into 5 octets. */
    cr_expect(smsk_tpdu_set_text(&t, ud, 4, NULL, "Hello", 5, SMSK_ENC_GSM7, DEF,
            NULL) == SMSK_E_NOSPACE);
    cr_expect(!t.has_ud && t.ud == NULL, "unchanged on error");
    cr_expect(smsk_tpdu_set_text(&t, ud, 5, NULL, "Hello", 5, SMSK_ENC_GSM7, DEF,
            NULL) == SMSK_OK);
}

/* ---------------------------------------------------------------------
 * UCS-2, 8-bit
 * ------------------------------------------------------------------- */

Test(tpdu_text, ucs2_text)
{
    /* dec-0053: "Привет, мир!" as 24 octets of UTF-16BE. */
    const char *text = "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, "
                       "\xD0\xBC\xD0\xB8\xD1\x80!";
    smsk_tpdu t;
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    submit(&t, 0x00);
    cr_assert(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, text, strlen(text),
            SMSK_ENC_UCS2, DEF, NULL) == SMSK_OK);
    cr_expect(t.dcs == 0x08 && t.dcs_info.encoding == SMSK_ENC_UCS2);
    expect_ud("dec-0053", &t, 24, "041F04400438043204350442002C0020043C043804400021");
    expect_text("dec-0053", &t, 0, text, strlen(text));
    /* U+1F600 is the surrogate pair D83D DE00 (RFC 2781). */
    cr_assert(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, "\xF0\x9F\x98\x80", 4,
            SMSK_ENC_UCS2, DEF, NULL) == SMSK_OK);
    expect_ud("surrogates", &t, 4, "D83DDE00");
    EXPECT_TEXT("surrogates", &t, "\xF0\x9F\x98\x80");
}

Test(tpdu_text, ucs2_limits_are_140_octets)
{
    char text[80];
    memset(text, 'a', sizeof text);
    smsk_tpdu t;
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    submit(&t, 0x00);
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, text, 70, SMSK_ENC_UCS2,
            DEF, NULL) == SMSK_OK);
    cr_expect(t.udl == 140 && t.ud_len == 140);
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, text, 71, SMSK_ENC_UCS2,
            DEF, NULL) == SMSK_E_RANGE);
    /* 6 octets of UDH leave 134: 67 UTF-16 units. */
    smsk_udh udh;
    smsk_udh_init(&udh);
    cr_assert(smsk_udh_add_concat(&udh, 9, 3, 1, 8) == SMSK_OK);
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, &udh, text, 67, SMSK_ENC_UCS2,
            DEF, NULL) == SMSK_OK);
    cr_expect(t.udl == 140 && t.udhi);
    EXPECT_TEXT("67 after UDH", &t, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, &udh, text, 68, SMSK_ENC_UCS2,
            DEF, NULL) == SMSK_E_RANGE);
    cr_expect(smsk_tpdu_set_text(&t, ud, 139, NULL, text, 70, SMSK_ENC_UCS2, DEF,
            NULL) == SMSK_E_NOSPACE);
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, "\xFF", 1, SMSK_ENC_UCS2,
            DEF, NULL) == SMSK_E_UTF8);
}

Test(tpdu_text, eight_bit_data_and_text)
{
    /* dec-0005's ports IE: 16-bit ports, destination 0x0B84 (2948),
     * source 0x23F0 (9200); UDH 06 05 04 0B 84 23 F0; TP-UDL counts
     * octets: 7 + 3. */
    smsk_udh udh;
    smsk_udh_init(&udh);
    cr_assert(smsk_udh_add_ports(&udh, 2948, 9200, 16) == SMSK_OK);
    smsk_tpdu t;
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    static const uint8_t data[3] = {0x01, 0x06, 0x27};
    submit(&t, 0x00);
    cr_assert(smsk_tpdu_set_data(&t, ud, sizeof ud, &udh, data, 3, NULL) == SMSK_OK);
    cr_expect(t.dcs == 0x04 && t.udhi);
    expect_ud("ports", &t, 10, "0605040B8423F0010627");
    cr_expect(t.udh.ports_present && t.udh.port_dst == 2948 && t.udh.port_src == 9200);
    const uint8_t *d = NULL;
    size_t n = 0;
    cr_expect(smsk_tpdu_payload(&d, &n, &t) == SMSK_OK);
    expect_bytes_eq("payload", d, n, data, 3);
    char text[16];
    cr_expect(smsk_tpdu_text(text, sizeof text, &n, &t, 0, NULL) == SMSK_E_UNSUPPORTED);
    /* 8-bit "text": its UTF-8 octets as they are. */
    cr_assert(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, "\xC3\xA9t\xC3\xA9", 5,
            SMSK_ENC_8BIT, DEF, NULL) == SMSK_OK);
    cr_expect(!t.udhi && t.dcs == 0x04);
    expect_ud("8-bit text", &t, 5, "C3A974C3A9");
    /* 140 octets fit, 141 do not. */
    static uint8_t big[141];
    cr_expect(smsk_tpdu_set_data(&t, ud, sizeof ud, NULL, big, 140, NULL) == SMSK_OK);
    cr_expect(smsk_tpdu_set_data(&t, ud, sizeof ud, NULL, big, 141, NULL) == SMSK_E_RANGE);
    cr_expect(smsk_tpdu_set_data(&t, ud, 10, NULL, big, 11, NULL) == SMSK_E_NOSPACE);
    cr_expect(smsk_tpdu_set_data(&t, ud, 10, &udh, big, 3, NULL) == SMSK_OK);
    cr_expect(smsk_tpdu_set_data(&t, ud, 5, &udh, big, 0, NULL) == SMSK_E_NOSPACE);
}

/* ---------------------------------------------------------------------
 * TP-DCS: the alphabet changes, the rest stays (TS 23.038 clause 4)
 * ------------------------------------------------------------------- */

Test(tpdu_text, dcs_keeps_its_class_and_group)
{
    static const struct {
        uint8_t from;
        smsk_encoding enc;
        uint8_t to; /* 0xFF: the group cannot carry it */
    } cases[] = {
        {0x00, SMSK_ENC_UCS2, 0x08},  /* 0000 10xx */
        {0x00, SMSK_ENC_8BIT, 0x04},  /* 0000 01xx */
        {0x08, SMSK_ENC_GSM7, 0x00},
        {0x10, SMSK_ENC_UCS2, 0x18},  /* class 0 stays */
        {0x12, SMSK_ENC_8BIT, 0x16},  /* class 2 stays */
        {0x03, SMSK_ENC_UCS2, 0x0B},  /* reserved bits 1..0 stay */
        {0x0C, SMSK_ENC_GSM7, 0x00},  /* reserved alphabet 11 replaced */
        {0x24, SMSK_ENC_GSM7, 0x00},  /* compressed 8-bit: plain text */
        {0x50, SMSK_ENC_UCS2, 0x58},  /* automatic deletion group stays */
        {0xF1, SMSK_ENC_8BIT, 0xF5},  /* 1111: bit 2 is 8-bit */
        {0xF9, SMSK_ENC_8BIT, 0xFD},  /* ... its reserved bit 3 stays */
        {0xF1, SMSK_ENC_UCS2, 0x19},  /* 1111 has no UCS-2: 0001 10 01 */
        {0xF3, SMSK_ENC_UCS2, 0x1B},
        {0xD8, SMSK_ENC_UCS2, 0xE8},  /* MWI store: 1101 <-> 1110 */
        {0xEB, SMSK_ENC_GSM7, 0xDB},
        {0xD8, SMSK_ENC_8BIT, 0xFF},
        {0xC8, SMSK_ENC_UCS2, 0xFF},  /* MWI discard is GSM 7-bit only */
        {0xC8, SMSK_ENC_GSM7, 0xC8},
        {0x85, SMSK_ENC_UCS2, 0x08},  /* reserved group: general coding */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        smsk_tpdu t;
        uint8_t ud[SMSK_UD_MAX_OCTETS];
        submit(&t, cases[i].from);
        smsk_status st = cases[i].enc == SMSK_ENC_8BIT
                ? smsk_tpdu_set_data(&t, ud, sizeof ud, NULL, (const uint8_t *)"x", 1, NULL)
                : smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, "x", 1, cases[i].enc, DEF, NULL);
        if (cases[i].to == 0xFF) {
            cr_expect(st == SMSK_E_RANGE, "0x%02X: %s", cases[i].from, smsk_status_name(st));
            cr_expect(t.dcs == cases[i].from && !t.has_ud, "0x%02X unchanged", cases[i].from);
            continue;
        }
        cr_expect(st == SMSK_OK, "0x%02X: %s", cases[i].from, smsk_status_name(st));
        cr_expect(t.dcs == cases[i].to, "0x%02X -> 0x%02X, want 0x%02X", cases[i].from,
                t.dcs, cases[i].to);
        cr_expect(t.dcs_info.encoding == cases[i].enc, "0x%02X info", cases[i].from);
    }
}

/* In the reports TP-DCS and TP-UDL are announced by TP-PI (9.2.3.27). */
Test(tpdu_text, reports_get_their_pi_bits)
{
    smsk_tpdu t;
    uint8_t ud[SMSK_UD_MAX_OCTETS], out[BUF];
    memset(&t, 0, sizeof t);
    t.type = SMSK_TPDU_DELIVER_REPORT;
    cr_assert(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, "Test", 4, SMSK_ENC_GSM7,
            DEF, NULL) == SMSK_OK);
    cr_expect(t.pi_present && t.pi == (SMSK_PI_DCS | SMSK_PI_UDL));
    /* 00 (RP-ACK) 06 (PI) 00 (DCS) 04 D4F29C0E ("Test", dec-0001). */
    uint8_t want[BUF];
    size_t len = 0, n = hex_decode(want, sizeof want, "00060004D4F29C0E");
    cr_expect(smsk_tpdu_build(out, sizeof out, &len, &t, NULL) == SMSK_OK);
    expect_bytes_eq("deliver report", out, len, want, n);
    /* TP-CD has no TP-DCS: text is refused, data is taken as it is. */
    memset(&t, 0, sizeof t);
    t.type = SMSK_TPDU_COMMAND;
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, "x", 1, SMSK_ENC_GSM7, DEF,
            NULL) == SMSK_E_ARG);
    cr_expect(smsk_tpdu_set_data(&t, ud, sizeof ud, NULL, (const uint8_t *)"ab", 2,
            NULL) == SMSK_OK);
    cr_expect(t.dcs == 0 && t.udl == 2 && !t.pi_present);
}

Test(tpdu_text, set_argument_errors)
{
    smsk_tpdu t;
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    submit(&t, 0);
    cr_expect(smsk_tpdu_set_text(NULL, ud, sizeof ud, NULL, "a", 1, SMSK_ENC_GSM7, DEF,
            NULL) == SMSK_E_ARG);
    cr_expect(smsk_tpdu_set_text(&t, NULL, 10, NULL, "a", 1, SMSK_ENC_GSM7, DEF, NULL)
            == SMSK_E_ARG);
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, NULL, 1, SMSK_ENC_GSM7, DEF,
            NULL) == SMSK_E_ARG);
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, "a", 1, (smsk_encoding)3, DEF,
            NULL) == SMSK_E_ARG);
    smsk_gsm7_shift spanish = {SMSK_LANG_SPANISH, SMSK_LANG_DEFAULT};
    cr_expect(smsk_tpdu_set_text(&t, ud, sizeof ud, NULL, "a", 1, SMSK_ENC_GSM7,
            spanish, NULL) == SMSK_E_ARG);
    cr_expect(smsk_tpdu_set_data(NULL, ud, sizeof ud, NULL, NULL, 0, NULL) == SMSK_E_ARG);
    cr_expect(smsk_tpdu_set_data(&t, ud, sizeof ud, NULL, NULL, 3, NULL) == SMSK_E_ARG);
    /* Empty text and no buffer: nothing to write. */
    cr_expect(smsk_tpdu_set_text(&t, NULL, 0, NULL, NULL, 0, SMSK_ENC_GSM7, DEF, NULL)
            == SMSK_OK);
    cr_expect(t.has_ud && t.udl == 0 && t.ud_len == 0);
}

/* ---------------------------------------------------------------------
 * Reading text
 * ------------------------------------------------------------------- */

static void parse_hex_tpdu(smsk_tpdu *t, uint8_t *buf, const char *hex,
        smsk_direction dir)
{
    size_t n = hex_decode(buf, BUF, hex);
    cr_assert(smsk_tpdu_parse(t, buf, n, dir, 0, NULL) == SMSK_OK, "%s", hex);
}

/* The DELIVER head of dec-0076 (TP-OA "6391", SCTS 15-05-17), TP-DCS. */
#define HEAD(dcs) "0404913619" "00" dcs "51507132200523"

Test(tpdu_text, lenient_flags_pass_on)
{
    smsk_tpdu t;
    uint8_t buf[BUF];
    char text[32];
    size_t len = 0;
    smsk_diag d = {0, 0, NULL};
    /* 'A' then a lone escape: septets 41 1B packed C1 0D, TP-UDL 2.
     * Strict: SMSK_E_TRUNC in the user data; SMSK_GSM7_LENIENT drops it. */
    parse_hex_tpdu(&t, buf, HEAD("00") "02C10D", SMSK_DIR_ANY);
    cr_expect(smsk_tpdu_text(text, sizeof text, &len, &t, 0, &d) == SMSK_E_TRUNC);
    cr_expect(d.offset < t.ud_len, "%zu", d.offset);
    expect_text("lenient escape", &t, SMSK_GSM7_LENIENT, "A", 1);
    /* UCS-2 D800 0041: an unpaired surrogate, U+FFFD when lenient. */
    parse_hex_tpdu(&t, buf, HEAD("08") "04D8000041", SMSK_DIR_ANY);
    cr_expect(smsk_tpdu_text(text, sizeof text, &len, &t, 0, &d) == SMSK_E_MALFORMED);
    cr_expect(d.offset == 0);
    expect_text("lenient surrogate", &t, SMSK_UCS2_LENIENT, "\xEF\xBF\xBD" "A", 4);
    cr_expect(smsk_tpdu_text(text, sizeof text, &len, &t, 0x08, NULL) == SMSK_E_ARG);
}

/* Decoder offsets count from the start of the user data, UDH included. */
Test(tpdu_text, decoder_offsets_count_from_the_user_data)
{
    smsk_tpdu t;
    uint8_t buf[BUF];
    char text[32];
    size_t len = 0;
    smsk_diag d = {0, 0, NULL};
    /* UCS-2 after UDH 05 00 03 01 02 01: 0041 then a lone high surrogate
     * D800 at user data offset 8. */
    parse_hex_tpdu(&t, buf, "44" "04913619" "00" "08" "51507132200523"
            "0A" "050003010201" "0041" "D800", SMSK_DIR_ANY);
    cr_expect(smsk_tpdu_text(text, sizeof text, &len, &t, 0, &d) == SMSK_E_MALFORMED);
    cr_expect(d.offset == 8, "%zu", d.offset);
}

Test(tpdu_text, text_errors)
{
    smsk_tpdu t;
    uint8_t buf[BUF];
    char text[SMSK_TPDU_TEXT_MAX];
    size_t len = 0;
    /* 8-bit, compressed, SMS-COMMAND: no text. */
    parse_hex_tpdu(&t, buf, HEAD("04") "024142", SMSK_DIR_ANY);
    cr_expect(smsk_tpdu_text(text, sizeof text, &len, &t, 0, NULL) == SMSK_E_UNSUPPORTED);
    parse_hex_tpdu(&t, buf, HEAD("20") "024142", SMSK_DIR_ANY);
    cr_expect(smsk_tpdu_text(text, sizeof text, &len, &t, 0, NULL) == SMSK_E_UNSUPPORTED);
    parse_hex_tpdu(&t, buf, "0242AB893404913619096120636F6D6D616E64", SMSK_DIR_MO);
    cr_expect(smsk_tpdu_text(text, sizeof text, &len, &t, 0, NULL) == SMSK_E_UNSUPPORTED);
    /* "Hahahaha" (dec-0076) needs 8 bytes. */
    parse_hex_tpdu(&t, buf, HEAD("00") "08C8303A8C0EA3C3", SMSK_DIR_ANY);
    cr_expect(smsk_tpdu_text(text, 7, &len, &t, 0, NULL) == SMSK_E_NOSPACE);
    cr_expect(smsk_tpdu_text(text, 8, &len, &t, 0, NULL) == SMSK_OK && len == 8);
    cr_expect(smsk_tpdu_text(NULL, 8, &len, &t, 0, NULL) == SMSK_E_ARG);
    cr_expect(smsk_tpdu_text(text, 8, NULL, &t, 0, NULL) == SMSK_E_ARG);
    cr_expect(smsk_tpdu_text(text, 8, &len, NULL, 0, NULL) == SMSK_E_ARG);
    /* A report without TP-UD has an empty text. */
    parse_hex_tpdu(&t, buf, "0000", SMSK_DIR_MO);
    cr_expect(smsk_tpdu_text(text, sizeof text, &len, &t, 0, NULL) == SMSK_OK && len == 0);
    /* A hand-made tpdu whose UDHL runs past its user data. */
    parse_hex_tpdu(&t, buf, HEAD("04") "024142", SMSK_DIR_ANY);
    t.udhi = 1;
    t.dcs = 0x08;
    cr_expect(smsk_tpdu_text(text, sizeof text, &len, &t, 0, NULL) == SMSK_E_MALFORMED);
    const uint8_t *d = NULL;
    cr_expect(smsk_tpdu_payload(&d, &len, &t) == SMSK_E_MALFORMED);
}

Test(tpdu_text, payload)
{
    smsk_tpdu t;
    uint8_t buf[BUF];
    const uint8_t *d = NULL;
    size_t n = 0;
    /* 8-bit after UDH 05 00 03 01 02 01: AA BB. */
    parse_hex_tpdu(&t, buf, "44" "04913619" "00" "04" "51507132200523" "08"
            "050003010201AABB", SMSK_DIR_ANY);
    cr_expect(smsk_tpdu_payload(&d, &n, &t) == SMSK_OK);
    cr_expect(n == 2 && d[0] == 0xAA && d[1] == 0xBB);
    /* No UDH: the whole user data. */
    parse_hex_tpdu(&t, buf, HEAD("00") "08C8303A8C0EA3C3", SMSK_DIR_ANY);
    cr_expect(smsk_tpdu_payload(&d, &n, &t) == SMSK_OK && n == 7 && d == t.ud);
    /* No user data. */
    parse_hex_tpdu(&t, buf, "0000", SMSK_DIR_MO);
    cr_expect(smsk_tpdu_payload(&d, &n, &t) == SMSK_OK && n == 0);
    cr_expect(smsk_tpdu_payload(NULL, &n, &t) == SMSK_E_ARG);
    cr_expect(smsk_tpdu_payload(&d, NULL, &t) == SMSK_E_ARG);
    cr_expect(smsk_tpdu_payload(&d, &n, NULL) == SMSK_E_ARG);
}

/* set_text, build, parse, text: the text comes back, in every encoding
 * and with national tables. */
Test(tpdu_text, round_trip_through_the_wire)
{
    static const struct {
        const char *text;
        smsk_encoding enc;
        smsk_lang locking, single;
        int concat;
    } cases[] = {
        {"Hello world", SMSK_ENC_GSM7, SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT, 0},
        {"{[~]} \xE2\x82\xAC\x31", SMSK_ENC_GSM7, SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT, 1},
        {"\xC4\x9E\xC4\xB1\xC5\x9F", SMSK_ENC_GSM7, SMSK_LANG_TURKISH, SMSK_LANG_TURKISH, 1},
        {"\xC3\xA7\xC3\xA3", SMSK_ENC_GSM7, SMSK_LANG_DEFAULT, SMSK_LANG_PORTUGUESE, 0},
        {"\xE0\xA4\x95\xE0\xA4\xBE", SMSK_ENC_GSM7, SMSK_LANG_HINDI, SMSK_LANG_HINDI, 0},
        {"\xF0\x9F\x98\x80 \xE4\xBD\xA0", SMSK_ENC_UCS2, SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT, 1},
        {"", SMSK_ENC_UCS2, SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        smsk_gsm7_shift shift = {cases[i].locking, cases[i].single};
        smsk_udh udh;
        smsk_udh_init(&udh);
        if (cases[i].concat)
            cr_assert(smsk_udh_add_concat(&udh, 0x42, 3, 2, 8) == SMSK_OK);
        cr_assert(smsk_udh_add_shift(&udh, shift) == SMSK_OK);
        smsk_tpdu t, back;
        uint8_t ud[SMSK_UD_MAX_OCTETS], pdu[BUF];
        submit(&t, 0x10);
        size_t len = strlen(cases[i].text), n = 0;
        cr_assert(smsk_tpdu_set_text(&t, ud, sizeof ud, &udh, cases[i].text, len,
                cases[i].enc, shift, NULL) == SMSK_OK, "%zu", i);
        cr_assert(smsk_tpdu_build(pdu, sizeof pdu, &n, &t, NULL) == SMSK_OK, "%zu", i);
        cr_assert(smsk_tpdu_parse(&back, pdu, n, SMSK_DIR_MO, 0, NULL) == SMSK_OK, "%zu", i);
        cr_expect(back.dcs_info.msg_class == 0, "%zu: class 0 kept", i);
        expect_text("round trip", &back, 0, cases[i].text, len);
    }
}

Test(tpdu_text, data_lengths_that_would_wrap_are_out_of_range)
{
    /* A length near SIZE_MAX must not wrap UDH + data round to a length
     * that fits 140 octets (TS 23.040 9.2.3.24: TP-UD is 140 octets). */
    smsk_tpdu t;
    memset(&t, 0, sizeof t);
    t.type = SMSK_TPDU_SUBMIT;
    smsk_udh u;
    smsk_udh_init(&u);
    cr_assert_eq(smsk_udh_add_ports(&u, 0x1234, 0x5678, 16), SMSK_OK);
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    static const uint8_t data[1] = {0};
    cr_assert_eq(smsk_tpdu_set_data(&t, ud, sizeof ud, &u, data, SIZE_MAX - 6, NULL), SMSK_E_RANGE);
    cr_assert_eq(smsk_tpdu_set_data(&t, ud, sizeof ud, NULL, data, SIZE_MAX, NULL), SMSK_E_RANGE);
    cr_assert_eq(smsk_tpdu_set_data(&t, ud, sizeof ud, NULL, data, 141, NULL), SMSK_E_RANGE);
}
