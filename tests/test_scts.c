/* SPDX-License-Identifier: MIT */
/*
 * Time stamps (TS 23.040 9.2.3.11), their ISO 8601 text, and TP-VP in
 * every format (9.2.3.12.1-3), through the public API.
 *
 * Sources of the expectations:
 *  - tests/vectors/fields.jsonl rows fld-0052..0058 (qotto/smspdudecoder),
 *    every row of that file whose field is TP-SCTS (checked below);
 *  - time stamps inside PDUs of tests/vectors/pdu_decode.jsonl, taken out
 *    by hand at the offsets noted on each row;
 *  - the clauses themselves: the swapped semi-octets of 9.1.2.3, the sign
 *    bit of 9.2.3.11, the relative VP table of 9.2.3.12.1 and the enhanced
 *    format of 9.2.3.12.3.
 * UTC instants are computed here with a civil-date formula of the test's
 * own, never with the library. The guard-page tests at the end write
 * their octets with an encoder of their own (9.2.3.11) and check the
 * fields against the values they encoded.
 */
#define _DEFAULT_SOURCE /* tests/helpers/guard.c: mmap, sysconf */
#include <criterion/criterion.h>
#include <smskit.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers/bytes.h"
#include "helpers/guard.c"

TestSuite(scts, .timeout = 5);

/* ---------------------------------------------------------------------
 * Test-side calendar
 * ------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mm = (long)m;
    long doy = (153 * (mm > 2 ? mm - 3 : mm + 9) + 2) / 5 + (long)d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static long long utc_seconds(const smsk_time *t)
{
    long long s = (long long)days_from_civil((long)t->year, t->month, t->day) * 86400
            + t->hour * 3600 + t->minute * 60 + t->second;
    return s - (long long)t->tz_minutes * 60;
}

/* "YYYY-MM-DDTHH:MM:SS+HH:MM" (as the vector rows write it) -> UTC. */
static long long utc_of_iso(const char *s)
{
    int y, mo, d, h, mi, se, zh, zm;
    char sign;
    cr_assert_eq(sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d", &y, &mo, &d, &h,
            &mi, &se, &sign, &zh, &zm), 9, "bad ISO time in the test: %s", s);
    long long v = (long long)days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400
            + h * 3600 + mi * 60 + se;
    long long off = (zh * 60 + zm) * 60LL;
    return sign == '-' ? v + off : v - off;
}

static int time_eq(const smsk_time *a, const smsk_time *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day
            && a->hour == b->hour && a->minute == b->minute
            && a->second == b->second && a->tz_minutes == b->tz_minutes;
}

static smsk_time mk(unsigned y, unsigned mo, unsigned d, unsigned h,
        unsigned mi, unsigned s, int tz)
{
    smsk_time t = {y, mo, d, h, mi, s, tz};
    return t;
}

static void parse_hex(smsk_time *t, const char *hex)
{
    uint8_t b[SMSK_SCTS_LEN];
    cr_assert_eq(hex_decode(b, sizeof b, hex), SMSK_SCTS_LEN);
    smsk_diag d = {0, 0, NULL};
    cr_assert_eq(smsk_scts_parse(t, b, &d), SMSK_OK, "%s: %s at %zu", hex,
            d.what ? d.what : "?", d.offset);
}

static void expect_format(const smsk_time *t, const char *exp)
{
    char out[32];
    size_t n = 0;
    cr_assert_eq(smsk_time_format(out, sizeof out, &n, t), SMSK_OK);
    expect_text_eq("format", out, n, exp, strlen(exp));
}

/* ---------------------------------------------------------------------
 * fields.jsonl
 * ------------------------------------------------------------------- */

/* Decode rows: octets -> the UTC instant the source states. */
static const struct {
    const char *id, *hex, *utc;
    smsk_time local; /* what 9.2.3.11 makes of the octets */
} fld_decode[] = {
    {"fld-0052", "70402132522400", "2007-04-12T23:25:42+00:00", {2007, 4, 12, 23, 25, 42, 0}},
    /* 0x23: tens 3 (bit 3 clear: positive), units 2 -> +32 quarters */
    {"fld-0053", "70402132522423", "2007-04-12T15:25:42+00:00", {2007, 4, 12, 23, 25, 42, 480}},
    /* 0x8A: bits 3..0 = 1010, sign 1, tens 2; units 8 -> -28 quarters */
    {"fld-0054", "3130523210658A", "2013-03-26T06:01:56+00:00", {2013, 3, 25, 23, 1, 56, -420}},
};

/* Encode rows: a time -> octets. fld-0056 is "naive" (no zone): UTC. */
static const struct {
    const char *id, *hex;
    smsk_time t;
} fld_encode[] = {
    {"fld-0056", "81101000000000", {2018, 1, 1, 0, 0, 0, 0}},
    {"fld-0057", "02109231521440", {2020, 1, 29, 13, 25, 41, 60}},
    {"fld-0058", "3130523210658A", {2013, 3, 25, 23, 1, 56, -420}},
};

/* fld-0055: a - b is stated in seconds. */
static const char FLD_0055_A[] = "11101131522400", FLD_0055_B[] = "11101131521440";

static int covered(const char *id)
{
    for (size_t i = 0; i < sizeof fld_decode / sizeof fld_decode[0]; i++)
        if (strcmp(fld_decode[i].id, id) == 0)
            return 1;
    for (size_t i = 0; i < sizeof fld_encode / sizeof fld_encode[0]; i++)
        if (strcmp(fld_encode[i].id, id) == 0)
            return 1;
    return strcmp(id, "fld-0055") == 0;
}

Test(scts, fields_rows_decode_to_the_stated_utc)
{
    for (size_t i = 0; i < sizeof fld_decode / sizeof fld_decode[0]; i++) {
        smsk_time t;
        parse_hex(&t, fld_decode[i].hex);
        cr_expect(time_eq(&t, &fld_decode[i].local), "%s: fields", fld_decode[i].id);
        cr_expect_eq(utc_seconds(&t), utc_of_iso(fld_decode[i].utc), "%s: instant", fld_decode[i].id);
    }
}

Test(scts, fields_row_0055_difference_is_3601_seconds)
{
    smsk_time a, b;
    parse_hex(&a, FLD_0055_A);
    parse_hex(&b, FLD_0055_B);
    cr_expect_eq(utc_seconds(&a) - utc_seconds(&b), 3601);
}

Test(scts, fields_rows_encode_to_the_stated_octets)
{
    for (size_t i = 0; i < sizeof fld_encode / sizeof fld_encode[0]; i++) {
        uint8_t out[SMSK_SCTS_LEN], exp[SMSK_SCTS_LEN];
        hex_decode(exp, sizeof exp, fld_encode[i].hex);
        cr_assert_eq(smsk_scts_build(out, &fld_encode[i].t), SMSK_OK, "%s", fld_encode[i].id);
        expect_bytes_eq(fld_encode[i].id, out, sizeof out, exp, sizeof exp);
    }
}

Test(scts, every_timestamp_row_of_fields_jsonl_is_tested)
{
    const char *dir = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/vectors/fields.jsonl", dir ? dir : ".");
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s (run from the source tree or set top_srcdir)", path);
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        const char *id = strstr(line, "\"id\": \"");
        if (id == NULL || strstr(line, "\"field\": \"timestamp") == NULL)
            continue;
        char name[16] = {0};
        memcpy(name, id + 7, 8);
        cr_expect(covered(name), "%s concerns TP-SCTS but has no test", name);
        n++;
    }
    fclose(f);
    cr_expect_eq(n, 7);
}

/* ---------------------------------------------------------------------
 * Time stamps inside PDUs (pdu_decode.jsonl)
 * ------------------------------------------------------------------- */

static const struct {
    const char *id, *pdu;
    size_t offset;     /* of the time stamp, counted by hand below */
    const char *iso;   /* as the row states it, or derived from 9.2.3.11 */
} pdu_times[] = {
    /* SC 8 octets (0-7), first octet 8, TP-OA 0B91+6 (9-16), PID 17,
     * DCS 18: TP-SCTS at 19 */
    {"dec-0049", "07919730071111F1000B919746121611F10000811170021222230DC8329BFD6681EE6F399B1C02", 19, "2018-11-07T20:21:22+08:00"},
    {"dec-0050", "07919730071111F1000B919746121611F100008111700212222B0DC8329BFD6681EE6F399B1C02", 19, "2018-11-07T20:21:22-08:00"},
    /* TP-OA 0DD0+7 (9-17): TP-SCTS at 20 */
    {"dec-0056", "07911326060032F0000DD0D432DBFC96D30100001121313121114012D7327BFC6E9741F437885A669BDF723A", 20, "2011-12-13T13:12:11+01:00"},
    /* The row states smspdudecoder's UTC "2098-12-22T12:04:41+00:00";
     * zone 00 is UTC, which the library writes as Z. Year 98 is 2098. */
    {"dec-0070", "07916407058099F9040B916407950303F100008921222140140004D4E2940A", 19, "2098-12-22T12:04:41Z"},
    /* STATUS-REPORT: first octet 0, MR 1, TP-RA 0491+2 (2-5): SCTS at 6,
     * TP-DT at 13 */
    {"dec-0071", "0242049136195150713220052351408132200542AB", 6, "2015-05-17T23:02:50+08:00"},
    {"dec-0071", "0242049136195150713220052351408132200542AB", 13, "2015-04-18T23:02:50+06:00"},
    /* DELIVER without SC: TP-OA 0491+2 (1-4), PID 5, DCS 6: SCTS at 7 */
    {"dec-0076", "040491361900005150713220052308C8303A8C0EA3C3", 7, "2015-05-17T23:02:50+08:00"},
    /* SUBMIT-REPORT: first octet 0, FCS 1, PI 2: SCTS at 3 */
    {"dec-0080", "01120051507132200523", 3, "2015-05-17T23:02:50+08:00"},
    /* No time stated by these rows; the values follow from 9.2.3.11
     * (0x8A = -28 quarters, 0x2B = -32 quarters). */
    {"dec-0001", "07914151551512F2040B916105551511F100006060605130308A04D4F29C0E", 19, "2006-06-06T15:03:03-07:00"},
    {"dec-0013", "07912180958750F84401800500C87020026195702B06040102000200", 14, "2007-02-20T16:59:07-08:00"},
};

Test(scts, time_stamps_inside_pdus)
{
    for (size_t i = 0; i < sizeof pdu_times / sizeof pdu_times[0]; i++) {
        uint8_t pdu[200];
        size_t n = hex_decode(pdu, sizeof pdu, pdu_times[i].pdu);
        cr_assert_leq(pdu_times[i].offset + SMSK_SCTS_LEN, n);
        smsk_time t;
        cr_assert_eq(smsk_scts_parse(&t, pdu + pdu_times[i].offset, NULL), SMSK_OK, "%s", pdu_times[i].id);
        char out[32];
        size_t len = 0;
        cr_assert_eq(smsk_time_format(out, sizeof out, &len, &t), SMSK_OK);
        expect_text_eq(pdu_times[i].id, out, len, pdu_times[i].iso, strlen(pdu_times[i].iso));
        uint8_t back[SMSK_SCTS_LEN];
        cr_assert_eq(smsk_scts_build(back, &t), SMSK_OK);
        expect_bytes_eq(pdu_times[i].id, back, sizeof back, pdu + pdu_times[i].offset, SMSK_SCTS_LEN);
    }
}

/* ---------------------------------------------------------------------
 * TP-SCTS from the clause
 * ------------------------------------------------------------------- */

Test(scts, zone_sign_is_bit_3_of_the_seventh_octet)
{
    smsk_time t;
    /* 2000-01-01 00:00:00 and the zone octet */
    parse_hex(&t, "00101000000000");
    cr_expect_eq(t.tz_minutes, 0);
    parse_hex(&t, "00101000000040"); /* 04 quarters */
    cr_expect_eq(t.tz_minutes, 60);
    parse_hex(&t, "00101000000048"); /* sign set, 04 quarters */
    cr_expect_eq(t.tz_minutes, -60);
    parse_hex(&t, "00101000000001"); /* 10 quarters: tens in bits 2..0 */
    cr_expect_eq(t.tz_minutes, 150);
    parse_hex(&t, "00101000000009"); /* sign, 10 quarters */
    cr_expect_eq(t.tz_minutes, -150);
    parse_hex(&t, "00101000000008"); /* negative zero */
    cr_expect_eq(t.tz_minutes, 0);
}

Test(scts, zone_limits_are_79_quarters)
{
    smsk_time t;
    parse_hex(&t, "00101000000097"); /* tens 7, units 9 */
    cr_expect_eq(t.tz_minutes, 79 * 15);
    parse_hex(&t, "0010100000009F"); /* sign, tens 7, units 9 */
    cr_expect_eq(t.tz_minutes, -79 * 15);
    uint8_t out[SMSK_SCTS_LEN];
    smsk_time lim = mk(2000, 1, 1, 0, 0, 0, 79 * 15);
    cr_assert_eq(smsk_scts_build(out, &lim), SMSK_OK);
    cr_expect_eq(out[6], 0x97);
    lim.tz_minutes = -79 * 15;
    cr_assert_eq(smsk_scts_build(out, &lim), SMSK_OK);
    cr_expect_eq(out[6], 0x9F);
    expect_format(&lim, "2000-01-01T00:00:00-19:45");
    lim.tz_minutes = 79 * 15;
    expect_format(&lim, "2000-01-01T00:00:00+19:45");
    lim.tz_minutes = 80 * 15;
    cr_expect_eq(smsk_scts_build(out, &lim), SMSK_E_RANGE);
    lim.tz_minutes = -80 * 15;
    cr_expect_eq(smsk_scts_build(out, &lim), SMSK_E_RANGE);
    lim.tz_minutes = 20; /* not a quarter hour */
    cr_expect_eq(smsk_scts_build(out, &lim), SMSK_E_RANGE);
}

Test(scts, years_00_and_99_are_2000_and_2099)
{
    smsk_time t;
    parse_hex(&t, "00101000000000");
    cr_expect_eq(t.year, 2000);
    parse_hex(&t, "99211320959500"); /* 2099-12-31 02:59:59 */
    smsk_time e = mk(2099, 12, 31, 2, 59, 59, 0);
    cr_expect(time_eq(&t, &e));
    uint8_t out[SMSK_SCTS_LEN];
    smsk_time y = mk(1999, 12, 31, 0, 0, 0, 0);
    cr_expect_eq(smsk_scts_build(out, &y), SMSK_E_RANGE);
    y.year = 2100;
    cr_expect_eq(smsk_scts_build(out, &y), SMSK_E_RANGE);
}

Test(scts, leap_years)
{
    smsk_time t;
    parse_hex(&t, "00209200000000"); /* 2000-02-29: 2000 divides by 400 */
    cr_expect_eq(t.day, 29);
    parse_hex(&t, "42209200000000"); /* 2024-02-29 */
    cr_expect_eq(t.day, 29);
    uint8_t b[SMSK_SCTS_LEN];
    smsk_diag d = {0, 0, NULL};
    hex_decode(b, sizeof b, "10209200000000"); /* 2001-02-29 */
    cr_expect_eq(smsk_scts_parse(&t, b, &d), SMSK_E_MALFORMED);
    cr_expect_eq(d.offset, 2);
    hex_decode(b, sizeof b, "00200300000000"); /* 2000-02-30 */
    cr_expect_eq(smsk_scts_parse(&t, b, &d), SMSK_E_MALFORMED);
    cr_expect_eq(d.offset, 2);
    smsk_time x = mk(2100 - 1, 2, 29, 0, 0, 0, 0); /* 2099: not leap */
    cr_expect_eq(smsk_scts_build(b, &x), SMSK_E_RANGE);
    x.year = 2096;
    cr_expect_eq(smsk_scts_build(b, &x), SMSK_OK);
}

Test(scts, rejects_each_semi_octet_above_9_at_its_octet)
{
    for (size_t i = 0; i < SMSK_SCTS_LEN; i++) {
        for (unsigned hi = 0; hi < 2; hi++) {
            uint8_t b[SMSK_SCTS_LEN] = {0x00, 0x10, 0x10, 0x00, 0x00, 0x00, 0x00};
            /* 0xA in the units (high) or, except for the zone, the tens */
            if (hi)
                b[i] = (uint8_t)((b[i] & 0x0F) | 0xA0);
            else if (i == 6)
                continue; /* the zone's low semi-octet holds the sign bit */
            else
                b[i] = (uint8_t)((b[i] & 0xF0) | 0x0A);
            smsk_time t;
            smsk_diag d = {0, 0, NULL};
            cr_expect_eq(smsk_scts_parse(&t, b, &d), SMSK_E_MALFORMED, "octet %zu hi %u", i, hi);
            cr_expect_eq(d.offset, i, "octet %zu", i);
            cr_expect_not_null(d.what);
        }
    }
}

Test(scts, rejects_impossible_dates_and_times)
{
    static const struct {
        const char *hex;
        size_t offset;
    } bad[] = {
        {"21000100000000", 1}, /* month 00 */
        {"21310100000000", 1}, /* month 13 */
        {"21210000000000", 2}, /* day 00 */
        {"21212300000000", 2}, /* December 32 */
        {"21401300000000", 2}, /* April 31 */
        {"21101042000000", 3}, /* hour 24 */
        {"21101000060000", 4}, /* minute 60 */
        {"21101000000600", 5}, /* second 60 */
    };
    /* Octets are swapped semi-octets: "13" is 31, "23" is 32. */
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t b[SMSK_SCTS_LEN];
        hex_decode(b, sizeof b, bad[i].hex);
        smsk_time t;
        smsk_diag d = {0, 0, NULL};
        cr_expect_eq(smsk_scts_parse(&t, b, &d), SMSK_E_MALFORMED, "%s", bad[i].hex);
        cr_expect_eq(d.offset, bad[i].offset, "%s", bad[i].hex);
    }
    smsk_time t;
    parse_hex(&t, "21109200000000"); /* 2012-01-29: a control that passes */
    cr_expect_eq(t.day, 29);
}

Test(scts, build_rejects_what_the_octets_cannot_carry)
{
    uint8_t out[SMSK_SCTS_LEN];
    smsk_time ok = mk(2021, 12, 1, 12, 13, 52, 60);
    cr_expect_eq(smsk_scts_build(out, &ok), SMSK_OK);
    smsk_time bad[] = {
        mk(2021, 0, 1, 0, 0, 0, 0), mk(2021, 13, 1, 0, 0, 0, 0),
        mk(2021, 2, 29, 0, 0, 0, 0), mk(2021, 6, 31, 0, 0, 0, 0),
        mk(2021, 1, 0, 0, 0, 0, 0), mk(2021, 1, 1, 24, 0, 0, 0),
        mk(2021, 1, 1, 0, 60, 0, 0), mk(2021, 1, 1, 0, 0, 60, 0),
        mk(2021, 1, 1, 0, 0, 0, 1),
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_expect_eq(smsk_scts_build(out, &bad[i]), SMSK_E_RANGE, "case %zu", i);
}

Test(scts, null_pointers)
{
    uint8_t b[SMSK_SCTS_LEN] = {0};
    smsk_time t = mk(2021, 1, 1, 0, 0, 0, 0);
    cr_expect_eq(smsk_scts_parse(NULL, b, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_scts_parse(&t, NULL, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_scts_build(NULL, &t), SMSK_E_ARG);
    cr_expect_eq(smsk_scts_build(b, NULL), SMSK_E_ARG);
}

Test(scts, build_then_parse_gives_the_time_back)
{
    /* The last day of every month of every year, at a few zones. */
    static const int zones[] = {0, 15, -15, 330, -210, 79 * 15, -79 * 15};
    for (unsigned y = 2000; y <= 2099; y++) {
        for (unsigned m = 1; m <= 12; m++) {
            static const unsigned dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            unsigned last = dim[m - 1] + (m == 2 && y % 4 == 0);
            smsk_time t = mk(y, m, last, (y + m) % 24, (y * m) % 60, (y + 7 * m) % 60,
                    zones[(y + m) % 7]);
            uint8_t b[SMSK_SCTS_LEN];
            cr_assert_eq(smsk_scts_build(b, &t), SMSK_OK, "%u-%u", y, m);
            smsk_time back;
            cr_assert_eq(smsk_scts_parse(&back, b, NULL), SMSK_OK, "%u-%u", y, m);
            cr_assert(time_eq(&t, &back), "%u-%u", y, m);
        }
    }
}

Test(scts, parse_then_build_gives_the_octets_back)
{
    static const char *const hex[] = {
        "70402132522400", "70402132522423", "3130523210658A", "02109231521440",
        "81101000000000", "99211320959597", "0010100000009F",
    };
    for (size_t i = 0; i < sizeof hex / sizeof hex[0]; i++) {
        uint8_t b[SMSK_SCTS_LEN], out[SMSK_SCTS_LEN];
        hex_decode(b, sizeof b, hex[i]);
        smsk_time t;
        cr_assert_eq(smsk_scts_parse(&t, b, NULL), SMSK_OK, "%s", hex[i]);
        cr_assert_eq(smsk_scts_build(out, &t), SMSK_OK);
        expect_bytes_eq(hex[i], out, sizeof out, b, sizeof b);
    }
}

/* ---------------------------------------------------------------------
 * ISO 8601
 * ------------------------------------------------------------------- */

Test(scts, format_as_the_cli_contract_shows)
{
    smsk_time t = mk(2021, 12, 1, 12, 13, 52, 60);
    expect_format(&t, "2021-12-01T12:13:52+01:00"); /* CLI.md */
    t.tz_minutes = 0;
    expect_format(&t, "2021-12-01T12:13:52Z");
    t.tz_minutes = -420;
    expect_format(&t, "2021-12-01T12:13:52-07:00");
    t.tz_minutes = 345; /* Nepal, +05:45 */
    expect_format(&t, "2021-12-01T12:13:52+05:45");
}

Test(scts, format_reports_the_bytes_needed)
{
    smsk_time t = mk(2021, 12, 1, 12, 13, 52, 60);
    char out[32];
    size_t n = 0;
    cr_expect_eq(smsk_time_format(out, 24, &n, &t), SMSK_E_NOSPACE);
    cr_expect_eq(n, 25);
    cr_expect_eq(smsk_time_format(NULL, 0, &n, &t), SMSK_E_NOSPACE);
    cr_expect_eq(n, 25);
    t.tz_minutes = 0;
    cr_expect_eq(smsk_time_format(out, 19, &n, &t), SMSK_E_NOSPACE);
    cr_expect_eq(n, 20);
    cr_expect_eq(smsk_time_format(out, 20, &n, &t), SMSK_OK);
    cr_expect_eq(n, 20);
}

Test(scts, format_rejects_null_and_impossible_times)
{
    char out[32];
    size_t n = 0;
    smsk_time t = mk(2021, 13, 1, 0, 0, 0, 0);
    cr_expect_eq(smsk_time_format(out, sizeof out, &n, &t), SMSK_E_ARG);
    t = mk(12345, 1, 1, 0, 0, 0, 0);
    cr_expect_eq(smsk_time_format(out, sizeof out, &n, &t), SMSK_E_ARG);
    t = mk(2021, 1, 1, 0, 0, 0, 0);
    cr_expect_eq(smsk_time_format(out, sizeof out, NULL, &t), SMSK_E_ARG);
    cr_expect_eq(smsk_time_format(out, sizeof out, &n, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_time_format(NULL, 8, &n, &t), SMSK_E_ARG);
}

static smsk_status tparse(smsk_time *t, const char *s, smsk_diag *d)
{
    return smsk_time_parse(t, s, strlen(s), d);
}

Test(scts, time_parse_reads_z_and_offsets)
{
    smsk_time t, e;
    cr_assert_eq(tparse(&t, "2021-12-01T12:13:52+01:00", NULL), SMSK_OK);
    e = mk(2021, 12, 1, 12, 13, 52, 60);
    cr_expect(time_eq(&t, &e));
    cr_assert_eq(tparse(&t, "2021-12-01T12:13:52Z", NULL), SMSK_OK);
    e.tz_minutes = 0;
    cr_expect(time_eq(&t, &e));
    cr_assert_eq(tparse(&t, "2013-03-25T23:01:56-07:00", NULL), SMSK_OK);
    e = mk(2013, 3, 25, 23, 1, 56, -420);
    cr_expect(time_eq(&t, &e));
    cr_assert_eq(tparse(&t, "2000-02-29T00:00:00-19:45", NULL), SMSK_OK);
    cr_expect_eq(t.tz_minutes, -1185);
    cr_assert_eq(tparse(&t, "2099-12-31T23:59:59+00:00", NULL), SMSK_OK);
    cr_expect_eq(t.tz_minutes, 0);
    cr_assert_eq(tparse(&t, "2099-12-31T23:59:59-00:00", NULL), SMSK_OK);
    cr_expect_eq(t.tz_minutes, 0);
}

Test(scts, time_parse_rejects_with_the_offset)
{
    static const struct {
        const char *s;
        size_t offset;
    } bad[] = {
        {"1999-12-31T23:59:59Z", 0},       /* year outside 2000-2099 */
        {"2100-01-01T00:00:00Z", 0},
        {"2021-13-01T00:00:00Z", 5},       /* month 13 */
        {"2021-00-01T00:00:00Z", 5},
        {"2021-02-29T00:00:00Z", 8},       /* not a leap year */
        {"2021-04-31T00:00:00Z", 8},
        {"2021-12-01T24:00:00Z", 11},      /* hour 24 */
        {"2021-12-01T23:60:00Z", 14},
        {"2021-12-01T23:59:60Z", 17},
        {"2021-12-01 12:13:52Z", 10},      /* no T */
        {"2021-12-01t12:13:52Z", 10},
        {"2021/12/01T12:13:52Z", 4},
        {"2021-12-1T12:13:52Z", 9},
        {"2021-12-01T12:13:52", 19},       /* no zone */
        {"2021-12-01T12:13:52z", 19},
        {"2021-12-01T12:13:52.5Z", 19},    /* no fractions */
        {"2021-12-01T12:13:52Zx", 20},     /* text after the zone */
        {"2021-12-01T12:13:52+01:00 ", 25},
        {"2021-12-01T12:13:52+0100", 22},  /* ':' expected at 22 */
        {"2021-12-01T12:13:52+01:07", 19}, /* not a quarter hour */
        {"2021-12-01T12:13:52+20:00", 19}, /* beyond 79 quarters */
        {"2021-12-01T12:13:52+01:60", 19},
        {"", 0},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        smsk_time t;
        smsk_diag d = {0, 0, NULL};
        cr_expect_eq(tparse(&t, bad[i].s, &d), SMSK_E_MALFORMED, "\"%s\"", bad[i].s);
        cr_expect_eq(d.offset, bad[i].offset, "\"%s\": offset %zu", bad[i].s, d.offset);
        cr_expect_not_null(d.what);
    }
}

Test(scts, time_parse_rejects_every_prefix)
{
    static const char *const full[] = {"2021-12-01T12:13:52+01:00", "2021-12-01T12:13:52Z"};
    for (size_t k = 0; k < 2; k++) {
        size_t len = strlen(full[k]);
        for (size_t n = 0; n < len; n++) {
            smsk_time t;
            cr_expect_eq(smsk_time_parse(&t, full[k], n, NULL), SMSK_E_MALFORMED, "%.*s", (int)n, full[k]);
        }
        smsk_time t;
        cr_expect_eq(smsk_time_parse(&t, full[k], len, NULL), SMSK_OK);
    }
}

Test(scts, time_parse_null_pointers)
{
    smsk_time t;
    cr_expect_eq(smsk_time_parse(NULL, "2021-12-01T12:13:52Z", 20, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_time_parse(&t, NULL, 20, NULL), SMSK_E_ARG);
}

Test(scts, format_then_parse_round_trips)
{
    static const char *const s[] = {
        "2021-12-01T12:13:52+01:00", "2021-12-01T12:13:52Z", "2000-01-01T00:00:00-19:45",
        "2099-12-31T23:59:59+19:45", "2024-02-29T06:07:08-03:30",
    };
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
        smsk_time t;
        cr_assert_eq(tparse(&t, s[i], NULL), SMSK_OK, "%s", s[i]);
        expect_format(&t, s[i]);
    }
}

/* ---------------------------------------------------------------------
 * TP-VP relative (9.2.3.12.1)
 * ------------------------------------------------------------------- */

#define MIN 60u
#define HOUR 3600u
#define DAY 86400u
#define WEEK 604800u

Test(scts, relative_vp_range_edges)
{
    static const struct {
        uint8_t vp;
        uint32_t seconds;
    } edges[] = {
        {0, 5 * MIN},               /* (0 + 1) x 5 minutes */
        {1, 10 * MIN},
        {143, 12 * HOUR},           /* (143 + 1) x 5 minutes */
        {144, 12 * HOUR + 30 * MIN},/* 12 hours + (144 - 143) x 30 minutes */
        {167, 24 * HOUR},
        {168, 2 * DAY},             /* (168 - 166) days */
        {196, 30 * DAY},
        {197, 5 * WEEK},            /* (197 - 192) weeks */
        {255, 63 * WEEK},
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        cr_expect_eq(smsk_vp_relative_seconds(edges[i].vp), edges[i].seconds, "TP-VP %u", edges[i].vp);
        cr_expect_eq(smsk_vp_relative_from_seconds(edges[i].seconds), edges[i].vp, "%u s", edges[i].seconds);
    }
}

Test(scts, relative_vp_from_seconds_rounds_up)
{
    static const struct {
        uint32_t seconds;
        uint8_t vp;
    } cases[] = {
        {0, 0}, {1, 0}, {300, 0}, {301, 1}, {12 * HOUR - 1, 143}, {12 * HOUR + 1, 144},
        {24 * HOUR - 1, 167}, {24 * HOUR + 1, 168}, {2 * DAY + 1, 169},
        {30 * DAY - 1, 196}, {30 * DAY + 1, 197}, {5 * WEEK + 1, 198},
        {63 * WEEK - 1, 255}, {63 * WEEK + 1, 255}, {UINT32_MAX, 255},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect_eq(smsk_vp_relative_from_seconds(cases[i].seconds), cases[i].vp, "%u s", cases[i].seconds);
}

Test(scts, relative_vp_from_seconds_is_the_smallest_that_lasts)
{
    for (unsigned vp = 0; vp < 256; vp++)
        cr_assert_eq(smsk_vp_relative_from_seconds(smsk_vp_relative_seconds((uint8_t)vp)), vp);
    for (uint32_t s = 0; s <= 63 * WEEK; s += 997) {
        uint8_t vp = smsk_vp_relative_from_seconds(s);
        cr_assert_geq(smsk_vp_relative_seconds(vp), s, "%u s", s);
        if (vp > 0)
            cr_assert_lt(smsk_vp_relative_seconds((uint8_t)(vp - 1)), s, "%u s", s);
    }
}

/* ---------------------------------------------------------------------
 * smsk_vp_parse
 * ------------------------------------------------------------------- */

static smsk_status vparse(smsk_validity *vp, size_t *used, const char *hex,
        smsk_vpf vpf, smsk_diag *d)
{
    uint8_t b[16];
    size_t n = hex_decode(b, sizeof b, hex);
    return smsk_vp_parse(vp, used, b, n, vpf, d);
}

Test(scts, vp_none_takes_no_octets)
{
    smsk_validity vp;
    size_t used = 99;
    cr_assert_eq(smsk_vp_parse(&vp, &used, NULL, 0, SMSK_VPF_NONE, NULL), SMSK_OK);
    cr_expect_eq(used, 0);
    cr_expect_eq(vp.format, SMSK_VPF_NONE);
    cr_expect_eq(vp.raw_len, 0);
}

Test(scts, vp_relative_edges)
{
    static const struct {
        const char *hex;
        uint32_t seconds;
    } c[] = {
        {"00", 5 * MIN}, {"8F", 12 * HOUR}, {"90", 12 * HOUR + 30 * MIN}, {"A7", DAY},
        {"A8", 2 * DAY}, {"C4", 30 * DAY}, {"C5", 5 * WEEK}, {"FF", 63 * WEEK},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        smsk_validity vp;
        size_t used = 0;
        cr_assert_eq(vparse(&vp, &used, c[i].hex, SMSK_VPF_RELATIVE, NULL), SMSK_OK);
        cr_expect_eq(used, 1);
        cr_expect_eq(vp.format, SMSK_VPF_RELATIVE);
        cr_expect_eq(vp.seconds, c[i].seconds, "%s", c[i].hex);
        cr_expect_eq(vp.raw_len, 1);
        uint8_t raw;
        hex_decode(&raw, 1, c[i].hex);
        cr_expect_eq(vp.raw[0], raw);
    }
}

Test(scts, vp_absolute_is_a_time_stamp)
{
    smsk_validity vp;
    size_t used = 0;
    cr_assert_eq(vparse(&vp, &used, "02109231521440", SMSK_VPF_ABSOLUTE, NULL), SMSK_OK);
    cr_expect_eq(used, 7);
    cr_expect_eq(vp.format, SMSK_VPF_ABSOLUTE);
    smsk_time e = mk(2020, 1, 29, 13, 25, 41, 60);
    cr_expect(time_eq(&vp.absolute, &e));
    uint8_t raw[7];
    hex_decode(raw, 7, "02109231521440");
    expect_bytes_eq("raw", vp.raw, vp.raw_len, raw, 7);
    smsk_diag d = {0, 0, NULL};
    cr_expect_eq(vparse(&vp, &used, "021092315214A0", SMSK_VPF_ABSOLUTE, &d), SMSK_E_MALFORMED);
    cr_expect_eq(d.offset, 6);
    cr_expect_eq(vparse(&vp, &used, "02109231061440", SMSK_VPF_ABSOLUTE, &d), SMSK_E_MALFORMED);
    cr_expect_eq(d.offset, 4); /* minute "06" swapped: 60 */
}

Test(scts, vp_enhanced_formats)
{
    static const struct {
        const char *hex;
        unsigned evpf;
        uint32_t seconds;
        int single_shot, extended;
    } c[] = {
        {"00000000000000", SMSK_EVPF_NONE, 0, 0, 0},
        {"01A70000000000", SMSK_EVPF_RELATIVE, DAY, 0, 0},       /* 9.2.3.12.1 octet */
        {"01000000000000", SMSK_EVPF_RELATIVE, 5 * MIN, 0, 0},
        {"021E0000000000", SMSK_EVPF_SECONDS, 30, 0, 0},         /* 0-255 seconds */
        {"02FF0000000000", SMSK_EVPF_SECONDS, 255, 0, 0},
        {"02000000000000", SMSK_EVPF_SECONDS, 0, 0, 0},          /* 0: reserved, kept */
        {"03214365000000", SMSK_EVPF_HHMMSS, 12 * HOUR + 34 * MIN + 56, 0, 0},
        {"03999595000000", SMSK_EVPF_HHMMSS, 99 * HOUR + 59 * MIN + 59, 0, 0},
        {"41A70000000000", SMSK_EVPF_RELATIVE, DAY, 1, 0},       /* bit 6: single shot */
        {"40000000000000", SMSK_EVPF_NONE, 0, 1, 0},
        {"8100A700000000", SMSK_EVPF_RELATIVE, DAY, 0, 1},       /* one extension octet */
        {"83002143650000", SMSK_EVPF_HHMMSS, 12 * HOUR + 34 * MIN + 56, 0, 1},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        smsk_validity vp;
        size_t used = 0;
        smsk_diag d = {0, 0, NULL};
        cr_assert_eq(vparse(&vp, &used, c[i].hex, SMSK_VPF_ENHANCED, &d), SMSK_OK, "%s: %s", c[i].hex, d.what ? d.what : "");
        cr_expect_eq(used, 7, "%s", c[i].hex);
        cr_expect_eq(vp.format, SMSK_VPF_ENHANCED);
        cr_expect_eq(vp.evpf, c[i].evpf, "%s", c[i].hex);
        cr_expect_eq(vp.seconds, c[i].seconds, "%s", c[i].hex);
        cr_expect_eq(vp.single_shot, c[i].single_shot, "%s", c[i].hex);
        cr_expect_eq(vp.extended, c[i].extended, "%s", c[i].hex);
        uint8_t raw[8];
        hex_decode(raw, sizeof raw, c[i].hex);
        expect_bytes_eq(c[i].hex, vp.raw, vp.raw_len, raw, 7);
    }
}

Test(scts, vp_enhanced_reserved_formats_are_kept)
{
    for (unsigned f = 4; f <= 7; f++) {
        char hex[15];
        snprintf(hex, sizeof hex, "%02X123456789ABC", f);
        smsk_validity vp;
        size_t used = 0;
        cr_assert_eq(vparse(&vp, &used, hex, SMSK_VPF_ENHANCED, NULL), SMSK_OK, "%s", hex);
        cr_expect_eq(vp.evpf, f);
        cr_expect_eq(vp.seconds, 0);
        cr_expect_eq(vp.raw_len, 7);
        cr_expect_eq(vp.raw[6], 0xBC);
    }
}

Test(scts, vp_enhanced_rejects_bad_semi_octets_and_ranges)
{
    static const struct {
        const char *hex;
        size_t offset;
    } bad[] = {
        {"03A14365000000", 1},   /* hours tens semi-octet 0xA */
        {"0321A365000000", 2},
        {"03210600000000", 2},   /* minutes 60 */
        {"03214306000000", 3},   /* seconds 60 */
        {"0321436A000000", 3},
        {"83808080802143", 6},   /* extensions leave no room for hh mm ss */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t b[16];
        size_t n = hex_decode(b, sizeof b, bad[i].hex);
        cr_assert_geq(n, 7);
        smsk_validity vp;
        size_t used = 0;
        smsk_diag d = {0, 0, NULL};
        cr_expect_eq(smsk_vp_parse(&vp, &used, b, 7, SMSK_VPF_ENHANCED, &d), SMSK_E_MALFORMED, "%s", bad[i].hex);
        cr_expect_eq(d.offset, bad[i].offset, "%s", bad[i].hex);
    }
}

Test(scts, vp_truncation_at_every_length)
{
    static const struct {
        smsk_vpf vpf;
        const char *hex;
    } c[] = {
        {SMSK_VPF_RELATIVE, "A7"},
        {SMSK_VPF_ABSOLUTE, "02109231521440"},
        {SMSK_VPF_ENHANCED, "03214365000000"},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        uint8_t b[8];
        size_t n = hex_decode(b, sizeof b, c[i].hex);
        for (size_t k = 0; k < n; k++) {
            smsk_validity vp;
            size_t used = 0;
            smsk_diag d = {99, 0, NULL};
            cr_expect_eq(smsk_vp_parse(&vp, &used, b, k, c[i].vpf, &d), SMSK_E_TRUNC, "%s at %zu", c[i].hex, k);
            cr_expect_eq(d.offset, 0);
        }
        smsk_validity vp;
        size_t used = 0;
        cr_expect_eq(smsk_vp_parse(&vp, &used, b, n, c[i].vpf, NULL), SMSK_OK);
        cr_expect_eq(used, n);
    }
}

Test(scts, vp_parse_arguments)
{
    uint8_t b[7] = {0};
    smsk_validity vp;
    size_t used = 0;
    cr_expect_eq(smsk_vp_parse(NULL, &used, b, 7, SMSK_VPF_RELATIVE, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_vp_parse(&vp, NULL, b, 7, SMSK_VPF_RELATIVE, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_vp_parse(&vp, &used, NULL, 7, SMSK_VPF_RELATIVE, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_vp_parse(&vp, &used, b, 7, (smsk_vpf)4, NULL), SMSK_E_ARG);
}

/* ---------------------------------------------------------------------
 * TP-SCTS at a guard page
 *
 * The common case reads the seven octets as two overlapping 32-bit words
 * (octets 0-3 and 3-6) and checks them in one 64-bit word. Here the
 * octets end exactly at a PROT_NONE page (tests/helpers/guard.c), so a
 * wider load, or one a byte too far, faults.
 * ------------------------------------------------------------------- */

/* 9.2.3.11 with 9.1.2.3: two decimal digits, the tens in bits 3..0, the
 * units in bits 7..4 ("swapped"). */
static uint8_t ref_swapped(unsigned v)
{
    return (uint8_t)(v / 10 | (v % 10) << 4);
}

/* The zone octet: quarters of an hour as swapped digits, bit 3 (the top
 * bit of the tens semi-octet) set for a zone behind GMT. */
static uint8_t ref_zone(int quarters)
{
    unsigned q = (unsigned)(quarters < 0 ? -quarters : quarters);
    return (uint8_t)(ref_swapped(q) | (quarters < 0 ? 0x08u : 0u));
}

typedef struct scts_fields {
    unsigned yy, month, day, hour, minute, second;
    int quarters;
} scts_fields;

static void ref_scts(uint8_t b[SMSK_SCTS_LEN], const scts_fields *f)
{
    b[0] = ref_swapped(f->yy);
    b[1] = ref_swapped(f->month);
    b[2] = ref_swapped(f->day);
    b[3] = ref_swapped(f->hour);
    b[4] = ref_swapped(f->minute);
    b[5] = ref_swapped(f->second);
    b[6] = ref_zone(f->quarters);
}

/* Gregorian: every 4th year, but not every 100th unless every 400th. */
static unsigned ref_days_in_month(unsigned year, unsigned month)
{
    static const unsigned dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return dim[month - 1] + (month == 2 && leap ? 1u : 0u);
}

/* Parse `b` copied to the end of `g` (7 octets before the guard page). */
static smsk_status parse_guarded(smsk_time *t, guard_buf *g, const uint8_t b[SMSK_SCTS_LEN],
        smsk_diag *d)
{
    memcpy(g->ptr, b, SMSK_SCTS_LEN);
    return smsk_scts_parse(t, g->ptr, d);
}

/* Expect `f` back from its octets: year 2000 + yy (the header's reading
 * of two-digit years), tz_minutes 15 per quarter with the sign. */
static void expect_guarded_ok(guard_buf *g, const scts_fields *f)
{
    uint8_t b[SMSK_SCTS_LEN];
    ref_scts(b, f);
    char hex[2 * SMSK_SCTS_LEN + 1];
    hex_show(hex, b, SMSK_SCTS_LEN);
    smsk_time t;
    smsk_diag d = {0, 0, NULL};
    smsk_status st = parse_guarded(&t, g, b, &d);
    cr_assert_eq(st, SMSK_OK, "%s: status %d (%s at %zu)", hex, (int)st, d.what ? d.what : "", d.offset);
    smsk_time e = mk(2000 + f->yy, f->month, f->day, f->hour, f->minute, f->second, f->quarters * 15);
    cr_assert(time_eq(&t, &e), "%s: got %u-%u-%u %u:%u:%u %+d min, want %u-%u-%u %u:%u:%u %+d min", hex,
            t.year, t.month, t.day, t.hour, t.minute, t.second, t.tz_minutes, e.year, e.month, e.day,
            e.hour, e.minute, e.second, e.tz_minutes);
}

/* Expect SMSK_E_MALFORMED naming octet `offset`. */
static void expect_guarded_bad(guard_buf *g, const uint8_t b[SMSK_SCTS_LEN], size_t offset)
{
    char hex[2 * SMSK_SCTS_LEN + 1];
    hex_show(hex, b, SMSK_SCTS_LEN);
    smsk_time t;
    smsk_diag d = {999, 0, NULL};
    smsk_status st = parse_guarded(&t, g, b, &d);
    cr_assert_eq(st, SMSK_E_MALFORMED, "%s: status %d, want SMSK_E_MALFORMED", hex, (int)st);
    cr_assert_eq(d.offset, offset, "%s: offset %zu, want %zu", hex, d.offset, offset);
    cr_assert_not_null(d.what, "%s", hex);
}

Test(scts, parse_at_a_guard_page_valid_time_stamps)
{
    static const scts_fields ok[] = {
        {24, 2, 29, 12, 34, 56, 4},    /* 2024: leap (divides by 4, not 100) */
        {0, 2, 29, 0, 0, 0, 0},        /* 2000: leap (divides by 400) */
        {96, 2, 29, 23, 59, 59, -4},
        {23, 2, 28, 23, 59, 59, 0},    /* the last day of February 2023 */
        {23, 12, 31, 23, 59, 59, 79},  /* Dec 31, the largest zone */
        {99, 12, 31, 23, 59, 59, -79}, /* the last time, the smallest zone */
        {0, 1, 1, 0, 0, 0, 0},         /* the first */
        {21, 1, 31, 1, 2, 3, 1},
        {21, 4, 30, 9, 9, 9, -1},      /* last days of the 30-day months */
        {21, 6, 30, 10, 10, 10, 10},   /* 10 quarters: tens 1 in bits 2..0 */
        {21, 9, 30, 19, 20, 21, -10},
        {21, 11, 30, 20, 30, 40, 32},  /* 0x23, +08:00 (fld-0053) */
        {13, 3, 25, 23, 1, 56, -28},   /* 0x8A, -07:00 (fld-0054) */
        {21, 7, 31, 8, 59, 0, -70},    /* tens 7 with the sign bit: 0x0F */
        {21, 8, 31, 18, 0, 59, 70},
        {21, 10, 31, 0, 59, 30, 45},
        {21, 5, 31, 7, 7, 7, -45},
    };
    guard_buf g;
    cr_assert(guard_alloc(&g, SMSK_SCTS_LEN) == 0);
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        expect_guarded_ok(&g, &ok[i]);
    /* Every zone, -79 to +79 quarters (9.2.3.11: a sign bit and three
     * bits of tens leave at most 79). */
    for (int q = -79; q <= 79; q++) {
        scts_fields f = {24, 12, 31, 23, 59, 59, q};
        expect_guarded_ok(&g, &f);
    }
    guard_free(&g);
}

Test(scts, parse_at_a_guard_page_every_day_number_of_every_month)
{
    /* Days 00-39 of each month in a common year, a leap year, 2000 and
     * 2099: the day octet (2) is refused exactly where the month has no
     * such day. */
    static const unsigned years[] = {0, 23, 24, 99};
    guard_buf g;
    cr_assert(guard_alloc(&g, SMSK_SCTS_LEN) == 0);
    for (size_t y = 0; y < sizeof years / sizeof years[0]; y++) {
        for (unsigned m = 1; m <= 12; m++) {
            for (unsigned day = 0; day <= 39; day++) {
                scts_fields f = {years[y], m, day, 12, 0, 0, 0};
                if (day >= 1 && day <= ref_days_in_month(2000 + years[y], m)) {
                    expect_guarded_ok(&g, &f);
                } else {
                    uint8_t b[SMSK_SCTS_LEN];
                    ref_scts(b, &f);
                    expect_guarded_bad(&g, b, 2);
                }
            }
        }
    }
    guard_free(&g);
}

Test(scts, parse_at_a_guard_page_names_the_bad_field)
{
    static const struct {
        scts_fields f;
        size_t offset;
    } bad[] = {
        {{21, 0, 1, 0, 0, 0, 0}, 1},     /* month 00 */
        {{21, 13, 1, 0, 0, 0, 0}, 1},    /* month 13 */
        {{21, 99, 1, 0, 0, 0, 0}, 1},
        {{21, 1, 0, 0, 0, 0, 0}, 2},     /* day 00 */
        {{23, 2, 29, 0, 0, 0, 0}, 2},    /* Feb 29 2023: not a leap year */
        {{24, 2, 30, 0, 0, 0, 0}, 2},    /* Feb 30 2024 */
        {{21, 4, 31, 0, 0, 0, 0}, 2},    /* Apr 31 */
        {{21, 12, 32, 0, 0, 0, 0}, 2},
        {{21, 1, 1, 24, 0, 0, 0}, 3},    /* hour 24 */
        {{21, 1, 1, 99, 0, 0, 0}, 3},
        {{21, 1, 1, 23, 60, 0, 0}, 4},   /* minute 60 */
        {{21, 1, 1, 23, 99, 0, 0}, 4},
        {{21, 1, 1, 23, 59, 60, 0}, 5},  /* second 60: smsk_time holds 0-59 */
        {{21, 1, 1, 23, 59, 99, -79}, 5},
        /* the first bad field is named, not a later one */
        {{21, 13, 32, 24, 60, 60, 0}, 1},
        {{21, 2, 30, 24, 60, 60, 0}, 2},
    };
    guard_buf g;
    cr_assert(guard_alloc(&g, SMSK_SCTS_LEN) == 0);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t b[SMSK_SCTS_LEN];
        ref_scts(b, &bad[i].f);
        expect_guarded_bad(&g, b, bad[i].offset);
    }
    guard_free(&g);
}

Test(scts, parse_at_a_guard_page_rejects_each_semi_octet_above_9)
{
    /* 9.1.2.3 semi-octets here are decimal digits: 0xA-0xF in either
     * semi-octet of octets 0-5, or in the zone's units (bits 7..4 of
     * octet 6), is malformed at that octet. The zone's bits 3..0 are the
     * sign and three bits of tens, so any value is a digit there. */
    static const scts_fields base = {21, 12, 1, 12, 13, 52, 4};
    guard_buf g;
    cr_assert(guard_alloc(&g, SMSK_SCTS_LEN) == 0);
    for (size_t i = 0; i < 6; i++) {
        for (unsigned v = 0xA; v <= 0xF; v++) {
            uint8_t b[SMSK_SCTS_LEN];
            ref_scts(b, &base);
            b[i] = (uint8_t)((b[i] & 0xF0u) | v); /* the tens */
            expect_guarded_bad(&g, b, i);
            ref_scts(b, &base);
            b[i] = (uint8_t)((b[i] & 0x0Fu) | v << 4); /* the units */
            expect_guarded_bad(&g, b, i);
        }
    }
    for (unsigned v = 0xA; v <= 0xF; v++) {
        for (unsigned low = 0; low <= 0xF; low++) {
            uint8_t b[SMSK_SCTS_LEN];
            ref_scts(b, &base);
            b[6] = (uint8_t)(v << 4 | low);
            expect_guarded_bad(&g, b, 6);
        }
    }
    /* and every low semi-octet with a units digit is a zone */
    for (unsigned units = 0; units <= 9; units++) {
        for (unsigned low = 0; low <= 0xF; low++) {
            int q = (int)((low & 7u) * 10 + units);
            scts_fields f = base;
            f.quarters = low & 8u ? -q : q;
            if (q == 0 && low == 8) {
                /* 0x08, negative zero: +00:00 (lib/scts.c, "Choices");
                 * the reference encoder writes zero as 0x00 */
                uint8_t b[SMSK_SCTS_LEN];
                ref_scts(b, &f);
                b[6] = 0x08;
                smsk_time t;
                cr_assert_eq(parse_guarded(&t, &g, b, NULL), SMSK_OK);
                cr_assert_eq(t.tz_minutes, 0);
                continue;
            }
            uint8_t b[SMSK_SCTS_LEN];
            ref_scts(b, &f);
            cr_assert_eq(b[6], (uint8_t)(units << 4 | low), "zone octet of %+d quarters", f.quarters);
            expect_guarded_ok(&g, &f);
        }
    }
    guard_free(&g);
}
