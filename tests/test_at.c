/* SPDX-License-Identifier: MIT */
/*
 * AT PDU mode responses (TS 27.005 3.4.1 +CMT and +CDS, 3.5.2 +CMGL,
 * 3.5.3 +CMGR; <length> and <pdu> as 3.1 defines them): the header line,
 * the PDU line after it, and the check of <length> against the TPDU.
 *
 * The transcripts are written as modems print them. <length> is worked
 * out from 3.1: the octets of the TPDU, that is of the PDU without the
 * SC address (its length octet plus the octets it counts).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "smskit.h"

#include "helpers/bytes.h"
#include "vectors/pdu_decode.h"

TestSuite(at, .timeout = 10);

#define BUF 512

/* The classic example PDU: SC +31624000000, SMS-DELIVER from
 * +31641600986 at 02-08-26 19:37:41, "How are you?". The SC address is
 * 8 octets (07 91 13 26 04 00 00 F0), the TPDU 30: 04, 0B 91
 * 1346610089F6, 00, 00, 20806291731408, 0C + 11 octets. The zone octet
 * 08 is the sign bit and 0 quarters (9.2.3.11): offset zero. */
#define HOW_PDU "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07"

static smsk_status at_parse(smsk_at_pdu *at, size_t *consumed, const char *s,
        smsk_diag *d)
{
    return smsk_at_pdu_parse(at, consumed, s, strlen(s), d);
}

static smsk_status at_decode(const char *s, smsk_addr *smsc, smsk_tpdu *t,
        uint8_t *buf, unsigned flags, smsk_diag *d)
{
    smsk_at_pdu at;
    size_t used = 0;
    smsk_status st = at_parse(&at, &used, s, d);
    if (st != SMSK_OK)
        return st;
    return smsk_at_pdu_decode(smsc, t, buf, BUF, &at, SMSK_DIR_ANY, flags, d);
}

static void expect_how_are_you(const smsk_addr *smsc, const smsk_tpdu *t)
{
    expect_text_eq("SC", smsc->text, smsc->len, "31624000000", 11);
    cr_expect(smsc->ton == SMSK_TON_INTERNATIONAL);
    cr_expect(t->type == SMSK_TPDU_DELIVER);
    expect_text_eq("OA", t->addr.text, t->addr.len, "31641600986", 11);
    char text[64], when[32];
    size_t len = 0;
    cr_expect(smsk_tpdu_text(text, sizeof text, &len, t, 0, NULL) == SMSK_OK);
    expect_text_eq("text", text, len, "How are you?", 12);
    cr_expect(smsk_time_format(when, sizeof when, &len, &t->scts) == SMSK_OK);
    expect_text_eq("SCTS", when, len, "2002-08-26T19:37:41Z", 20);
}

Test(at, cmt_unsolicited_message)
{
    const char *s = "+CMT: ,30\r\n" HOW_PDU "\r\n";
    smsk_at_pdu at;
    size_t used = 0;
    cr_assert(at_parse(&at, &used, s, NULL) == SMSK_OK);
    cr_expect(at.kind == 'T' && at.index == -1 && at.stat == -1 && at.length == 30);
    cr_expect(at.hex == s + 11 && at.hex_len == strlen(HOW_PDU));
    cr_expect(used == strlen(s));
    smsk_addr smsc;
    smsk_tpdu t;
    uint8_t buf[BUF];
    cr_assert(smsk_at_pdu_decode(&smsc, &t, buf, sizeof buf, &at, SMSK_DIR_MT, 0, NULL)
            == SMSK_OK);
    expect_how_are_you(&smsc, &t);
    cr_expect(t.ud >= buf && t.ud < buf + sizeof buf, "views into buf");
}

/* "+CMT: ,24" with that PDU: its TPDU has 30 octets, not 24. */
Test(at, length_that_disagrees_with_the_pdu_is_an_error)
{
    smsk_addr smsc;
    smsk_tpdu t;
    uint8_t buf[BUF];
    smsk_diag d = {0, 0, NULL};
    cr_expect(at_decode("+CMT: ,24\r\n" HOW_PDU "\r\n", &smsc, &t, buf, 0, &d)
            == SMSK_E_MALFORMED);
    cr_expect(d.what != NULL && strstr(d.what, "<length>") != NULL);
    cr_expect(d.offset == 8 + 24, "where <length> ends the TPDU: %zu", d.offset);
    cr_expect(at_decode("+CMT: ,31\r\n" HOW_PDU "\r\n", &smsc, &t, buf, 0, &d)
            == SMSK_E_MALFORMED);
    cr_expect(strstr(d.what, "<length>") != NULL);
    cr_expect(d.offset == 38, "the PDU's end: %zu", d.offset);
    /* Lenient: the octets after <length> are trailing; a <length> past
     * the PDU stays an error. */
    cr_expect(at_decode("+CMT: ,30\r\n" HOW_PDU "0000\r\n", &smsc, &t, buf, 0, &d)
            == SMSK_E_MALFORMED);
    cr_expect(at_decode("+CMT: ,30\r\n" HOW_PDU "0000\r\n", &smsc, &t, buf,
            SMSK_TPDU_LENIENT, &d) == SMSK_OK);
    cr_expect(t.trailing == 2);
    expect_how_are_you(&smsc, &t);
    cr_expect(at_decode("+CMT: ,31\r\n" HOW_PDU "\r\n", &smsc, &t, buf,
            SMSK_TPDU_LENIENT, &d) == SMSK_E_MALFORMED);
}

Test(at, cmgr_read_with_quoted_alpha)
{
    /* dec-0001: SC 07914151551512F2 (8 octets), TPDU 23 octets. */
    const char *s = "+CMGR: 1,\"Doe, John\",23\r\n"
                    "07914151551512F2040B916105551511F100006060605130308A04D4F29C0E\r\n"
                    "\r\nOK\r\n";
    smsk_at_pdu at;
    size_t used = 0;
    cr_assert(at_parse(&at, &used, s, NULL) == SMSK_OK);
    cr_expect(at.kind == 'R' && at.stat == 1 && at.index == -1 && at.length == 23);
    cr_expect(strncmp(s + used, "\r\nOK", 4) == 0, "consumed %zu", used);
    smsk_addr smsc;
    smsk_tpdu t;
    uint8_t buf[BUF];
    cr_expect(smsk_at_pdu_decode(&smsc, &t, buf, sizeof buf, &at, SMSK_DIR_ANY, 0, NULL)
            == SMSK_OK);
    expect_text_eq("OA", t.addr.text, t.addr.len, "16505551111", 11);
    /* The usual empty alpha, and a modem that leaves it out. */
    cr_expect(at_parse(&at, &used, "+CMGR: 0,,23\r\n07914151551512F2040B916105551511F100006060605130308A04D4F29C0E", NULL)
            == SMSK_OK);
    cr_expect(at.stat == 0 && at.length == 23);
    cr_expect(at_parse(&at, &used, "+CMGR: 3,23\r\n07914151551512F2040B916105551511F100006060605130308A04D4F29C0E", NULL)
            == SMSK_OK);
    cr_expect(at.stat == 3 && at.length == 23);
}

/* A +CMGL listing: two messages, then OK; each call takes one. */
Test(at, cmgl_listing_one_message_a_call)
{
    const char *s =
            "\r\n+CMGL: 1,1,,23\r\n"
            "07914151551512F2040B916105551511F100006060605130308A04D4F29C0E\r\n"
            "+CMGL: 2,0,\"\",31\r\n"
            "07914151551512F2040B916105551511F100036060924180008A0DA8695DAC2E8FE9296A794E07\r\n"
            "\r\nOK\r\n";
    size_t len = strlen(s), pos = 0, used = 0;
    smsk_at_pdu at;
    cr_assert(smsk_at_pdu_parse(&at, &used, s, len, NULL) == SMSK_OK);
    cr_expect(at.kind == 'L' && at.index == 1 && at.stat == 1 && at.length == 23);
    pos += used;
    cr_assert(smsk_at_pdu_parse(&at, &used, s + pos, len - pos, NULL) == SMSK_OK);
    cr_expect(at.index == 2 && at.stat == 0 && at.length == 31);
    smsk_addr smsc;
    smsk_tpdu t;
    uint8_t buf[BUF];
    cr_expect(smsk_at_pdu_decode(&smsc, &t, buf, sizeof buf, &at, SMSK_DIR_ANY, 0, NULL)
            == SMSK_OK);
    char text[64];
    size_t tl = 0;
    cr_expect(smsk_tpdu_text(text, sizeof text, &tl, &t, 0, NULL) == SMSK_OK);
    expect_text_eq("dec-0002", text, tl, "(Subject)Test", 13);
    pos += used;
    smsk_diag d = {0, 0, NULL};
    cr_expect(smsk_at_pdu_parse(&at, &used, s + pos, len - pos, &d) == SMSK_E_NOTFOUND);
}

Test(at, cds_status_report)
{
    /* No SC address (00); SMS-STATUS-REPORT of 26 octets: 06 (MTI 10,
     * MMS), TP-MR 07, TP-RA "4915112345678", TP-SCTS, TP-DT, TP-ST 00. */
    const char *s = "+CDS: 26\r\n"
                    "00" "06070D91945111325476F8" "12211021312540" "12211021413040" "00\r\n";
    smsk_addr smsc;
    smsk_tpdu t;
    uint8_t buf[BUF];
    smsk_at_pdu at;
    size_t used = 0;
    cr_assert(at_parse(&at, &used, s, NULL) == SMSK_OK);
    cr_expect(at.kind == 'S' && at.length == 26 && at.index == -1 && at.stat == -1);
    cr_assert(smsk_at_pdu_decode(&smsc, &t, buf, sizeof buf, &at, SMSK_DIR_MT, 0, NULL)
            == SMSK_OK);
    cr_expect(smsc.len == 0 && t.type == SMSK_TPDU_STATUS_REPORT && t.mr == 7 && t.st == 0);
}

/* CR, LF and CRLF line ends; empty lines before the header. */
Test(at, line_ends)
{
    static const char *const forms[] = {
        "+CMT: ,30\r\n" HOW_PDU "\r\n",
        "+CMT: ,30\n" HOW_PDU "\n",
        "+CMT: ,30\r" HOW_PDU "\r",
        "\r\n\r\n+CMT: ,30\r\n" HOW_PDU,
        "+CMT:   ,  30  \r\n" HOW_PDU "\r\n",
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        smsk_at_pdu at;
        size_t used = 0;
        cr_assert(at_parse(&at, &used, forms[i], NULL) == SMSK_OK, "form %zu", i);
        cr_expect(used == strlen(forms[i]), "form %zu: consumed %zu", i, used);
        cr_expect(at.hex_len == strlen(HOW_PDU) && memcmp(at.hex, HOW_PDU, at.hex_len) == 0);
        smsk_addr smsc;
        smsk_tpdu t;
        uint8_t buf[BUF];
        cr_expect(smsk_at_pdu_decode(&smsc, &t, buf, sizeof buf, &at, SMSK_DIR_ANY, 0, NULL)
                == SMSK_OK, "form %zu", i);
    }
    /* CRLF then the next header: the second line end is not eaten. */
    const char *two = "+CMT: ,30\n" HOW_PDU "\n\n+CMT: ,30\n" HOW_PDU "\n";
    smsk_at_pdu at;
    size_t used = 0;
    cr_assert(at_parse(&at, &used, two, NULL) == SMSK_OK);
    cr_expect(used == 10 + strlen(HOW_PDU) + 1);
}

Test(at, header_errors)
{
    static const struct {
        const char *s;
        smsk_status st;
    } cases[] = {
        {"", SMSK_E_NOTFOUND},
        {"OK\r\n", SMSK_E_NOTFOUND},
        {"RING\r\n", SMSK_E_NOTFOUND},
        {"+CMTI: \"SM\",3\r\n", SMSK_E_NOTFOUND},     /* index, not PDU */
        {"+CDSI: \"SM\",4\r\n", SMSK_E_NOTFOUND},
        {"+CMGS: 12\r\n", SMSK_E_NOTFOUND},
        {"+CMT: ,0\r\n00\r\n", SMSK_E_MALFORMED},      /* no TPDU */
        {"+CMT: ,165\r\n00\r\n", SMSK_E_MALFORMED},    /* above SMSK_TPDU_MAX */
        {"+CMT: ,2x\r\n00\r\n", SMSK_E_MALFORMED},
        {"+CMT: ,\r\n00\r\n", SMSK_E_MALFORMED},
        {"+CMT: \"abc,23\r\n00\r\n", SMSK_E_MALFORMED}, /* unclosed quote */
        {"+CMT: \"a\"b,23\r\n00\r\n", SMSK_E_MALFORMED},
        {"+CMGR: 4,,23\r\n00\r\n", SMSK_E_MALFORMED},  /* stat 0-3 */
        {"+CMGR: -1,,23\r\n00\r\n", SMSK_E_MALFORMED},
        {"+CMGR: \"REC READ\",\"+123\",,\"21/01/01\"\r\nHi\r\n", SMSK_E_MALFORMED}, /* text mode */
        {"+CMGL: 1,0,,23,7\r\n00\r\n", SMSK_E_MALFORMED},
        {"+CMGL: x,0,,23\r\n00\r\n", SMSK_E_MALFORMED},
        {"+CDS: 26,1\r\n00\r\n", SMSK_E_MALFORMED},
        {"+CMT: ,23", SMSK_E_TRUNC},                   /* no PDU line */
        {"+CMT: ,23\r\n", SMSK_E_TRUNC},
        {"+CMT: ,23\r\n\r\n0791", SMSK_E_TRUNC},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        smsk_at_pdu at;
        size_t used = 0;
        smsk_diag d = {0, 0, NULL};
        smsk_status st = at_parse(&at, &used, cases[i].s, &d);
        cr_expect(st == cases[i].st, "%zu: %s", i, smsk_status_name(st));
        cr_expect(d.what != NULL, "%zu: no diag", i);
        cr_expect(d.offset <= strlen(cases[i].s), "%zu: offset %zu", i, d.offset);
    }
    smsk_at_pdu at;
    size_t used = 0;
    cr_expect(smsk_at_pdu_parse(NULL, &used, "x", 1, NULL) == SMSK_E_ARG);
    cr_expect(smsk_at_pdu_parse(&at, NULL, "x", 1, NULL) == SMSK_E_ARG);
    cr_expect(smsk_at_pdu_parse(&at, &used, NULL, 1, NULL) == SMSK_E_ARG);
}

Test(at, decode_errors)
{
    smsk_addr smsc;
    smsk_tpdu t;
    uint8_t buf[BUF];
    smsk_diag d = {0, 0, NULL};
    /* Hex: a bad digit (offset 1 of the PDU line), an odd count. */
    cr_expect(at_decode("+CMT: ,1\r\n0G00\r\n", &smsc, &t, buf, 0, &d) == SMSK_E_MALFORMED);
    cr_expect(d.offset == 1);
    cr_expect(at_decode("+CMT: ,1\r\n000\r\n", &smsc, &t, buf, 0, &d) == SMSK_E_TRUNC);
    /* The SC address ends early: the PDU parser says so. */
    cr_expect(at_decode("+CMT: ,20\r\n07911326\r\n", &smsc, &t, buf, 0, &d) == SMSK_E_TRUNC);
    cr_expect(strstr(d.what, "SC address") != NULL);
    /* A TPDU of the right length that does not parse. */
    cr_expect(at_decode("+CMT: ,2\r\n000300\r\n", &smsc, &t, buf, 0, &d) == SMSK_E_UNSUPPORTED);
    /* The buffer for the octets is too small. */
    smsk_at_pdu at;
    size_t used = 0;
    cr_assert(at_parse(&at, &used, "+CMT: ,30\r\n" HOW_PDU, NULL) == SMSK_OK);
    cr_expect(smsk_at_pdu_decode(&smsc, &t, buf, 37, &at, SMSK_DIR_ANY, 0, NULL) == SMSK_E_NOSPACE);
    cr_expect(smsk_at_pdu_decode(&smsc, &t, buf, 38, &at, SMSK_DIR_ANY, 0, NULL) == SMSK_OK);
    cr_expect(smsk_at_pdu_decode(&smsc, NULL, buf, 38, &at, SMSK_DIR_ANY, 0, NULL) == SMSK_E_ARG);
    cr_expect(smsk_at_pdu_decode(&smsc, &t, buf, 38, NULL, SMSK_DIR_ANY, 0, NULL) == SMSK_E_ARG);
    cr_expect(smsk_at_pdu_decode(NULL, &t, buf, 38, &at, SMSK_DIR_ANY, 0, NULL) == SMSK_OK,
            "smsc may be NULL");
}

/* Lower-case hex and spaces in the PDU line (dec-0069 is the lower-case
 * row of pdu_decode.jsonl). */
Test(at, pdu_line_in_lower_case_with_spaces)
{
    smsk_addr smsc;
    smsk_tpdu t;
    uint8_t buf[BUF];
    cr_expect(at_decode("+CMT: ,30\r\n07911326040000f0 040b911346610089f6 0000"
            "208062917314080cc8f71d14969741f977fd07\r\n", &smsc, &t, buf, 0, NULL) == SMSK_OK);
    expect_how_are_you(&smsc, &t);
}

/* Every PDU-mode row of pdu_decode.jsonl, as a +CMT a modem would print
 * and as a +CMGL entry: the same TPDU as smsk_pdu_parse gives. */
Test(at, every_pdu_mode_vector_through_cmt_and_cmgl)
{
    for (size_t i = 0; i < PDU_DECODE_N_VECS; i++) {
        const struct pdu_decode_vec *v = &pdu_decode_vecs[i];
        if (v->has_smsc != 1 || strcmp(v->direction, "invalid") == 0)
            continue;
        uint8_t raw[BUF];
        size_t n = hex_decode(raw, sizeof raw, v->pdu);
        smsk_addr sc_direct;
        smsk_tpdu direct;
        if (smsk_pdu_parse(&sc_direct, &direct, raw, n, SMSK_DIR_ANY, 0, NULL) != SMSK_OK)
            continue;
        size_t tpdu_len = n - 1u - raw[0];
        char line[2 * BUF];
        for (int form = 0; form < 2; form++) {
            if (form == 0)
                snprintf(line, sizeof line, "+CMT: ,%zu\r\n%s\r\n", tpdu_len, v->pdu);
            else
                snprintf(line, sizeof line, "+CMGL: %zu,1,,%zu\r\n%s\r\n", i, tpdu_len, v->pdu);
            smsk_addr smsc;
            smsk_tpdu t;
            uint8_t buf[BUF];
            smsk_diag d = {0, 0, NULL};
            smsk_status st = at_decode(line, &smsc, &t, buf, 0, &d);
            cr_expect(st == SMSK_OK, "%s form %d: %s", v->id, form, smsk_status_name(st));
            if (st != SMSK_OK)
                continue;
            cr_expect(t.type == direct.type && t.udl == direct.udl, "%s", v->id);
            expect_bytes_eq(v->id, t.ud, t.ud_len, direct.ud, direct.ud_len);
            expect_text_eq(v->id, smsc.text, smsc.len, sc_direct.text, sc_direct.len);
            /* One octet off either way is refused. */
            snprintf(line, sizeof line, "+CMT: ,%zu\r\n%s\r\n", tpdu_len + 1, v->pdu);
            cr_expect(at_decode(line, &smsc, &t, buf, 0, NULL) == SMSK_E_MALFORMED, "%s", v->id);
            snprintf(line, sizeof line, "+CMT: ,%zu\r\n%s\r\n", tpdu_len - 1, v->pdu);
            cr_expect(at_decode(line, &smsc, &t, buf, 0, NULL) == SMSK_E_MALFORMED, "%s", v->id);
        }
    }
}

Test(at, a_length_near_size_max_is_longer_not_shorter)
{
    /* TS 27.005 3.1: <length> counts the TPDU; a caller-filled length
     * near SIZE_MAX must not wrap round when added to the SC address */
    static const char pdu[] = "07914151551512F2040B916105551511F100006060605130308A04D4F29C0E";
    smsk_at_pdu at;
    memset(&at, 0, sizeof at);
    at.kind = 'T';
    at.index = at.stat = -1;
    at.hex = pdu;
    at.hex_len = sizeof pdu - 1;
    uint8_t buf[SMSK_PDU_MAX];
    smsk_addr smsc;
    smsk_tpdu t;
    smsk_diag d;
    for (size_t k = 0; k < 9; k++) {
        at.length = SIZE_MAX - k;
        cr_assert_eq(smsk_at_pdu_decode(&smsc, &t, buf, sizeof buf, &at, SMSK_DIR_MT, SMSK_TPDU_LENIENT, &d),
                SMSK_E_MALFORMED, "length SIZE_MAX - %zu", k);
        cr_assert(strstr(d.what, "longer") != NULL, "%s", d.what);
    }
}
