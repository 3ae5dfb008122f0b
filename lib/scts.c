/* SPDX-License-Identifier: MIT */
/*
 * Time stamps and validity periods: TP-SCTS and TP-DT (TS 23.040
 * 9.2.3.11, 9.2.3.13), TP-VP in its relative, absolute and enhanced
 * formats (9.2.3.12.1-3), and their ISO 8601 text form.
 *
 * How this works:
 *  - A time stamp is 7 octets in semi-octet representation (9.1.2.3):
 *    year, month, day, hour, minute, second, time zone. Each octet holds
 *    two decimal digits "swapped": the first (tens) digit in bits 3..0,
 *    the second (units) in bits 7..4, so 0x21 reads "12".
 *  - The time zone counts quarter hours between local time and GMT. Its
 *    first semi-octet is bits 3..0 of the seventh octet; bit 3, the
 *    first bit of that semi-octet, is the sign (1: negative), which
 *    leaves three bits for the tens digit: at most 79 quarters. 0x8A
 *    reads sign 1, tens 2, units 8: -28 quarters, -07:00.
 *  - Two-digit years are 2000-2099 (the standard is silent; every
 *    implementation reads them so). Days are checked against the month,
 *    with the Gregorian leap-year rule.
 *  - Parsing checks octet by octet and reports the first bad octet's
 *    offset, digits before ranges.
 *
 * Choices (the standard leaves room):
 *  - A negative zero zone (0x08) is read as +00:00; building writes 0x00.
 *  - A second of 60 is rejected: smsk_time holds 0-59, and no SC sends
 *    leap seconds in time stamps.
 *  - Enhanced TP-VP (9.2.3.12.3): formats 4-7 are reserved; they are kept
 *    in `evpf` and `raw`, not rejected. The clause has the SC reject them
 *    with TP-FCS "TP-VP not supported", a decision for the SC, not for a
 *    parser. Extension octets (bit 7) are skipped: the clause defines no
 *    content for them, and the value follows the last one. Reserved bits
 *    and unused octets "must be set to zero" by the sender; a receiver
 *    loses nothing by ignoring them, and `raw` keeps them for rebuilding.
 *  - Enhanced format 3 (relative hh:mm:ss) is a duration, so its hours
 *    run 00-99; minutes and seconds 00-59.
 */
#include "internal.h"

/* ----------------------------------------------------------------------
 * Calendar
 * -------------------------------------------------------------------- */

static int is_leap(unsigned year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static unsigned days_in_month(unsigned year, unsigned month)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap(year))
        return 29;
    return days[month - 1];
}

#define TZ_MAX_QUARTERS 79

/* Which field of `t` breaks the smsk_time rules: 0-6, or -1 for none. */
static int time_bad_field(const smsk_time *t)
{
    if (t->year < 2000 || t->year > 2099)
        return 0;
    if (t->month < 1 || t->month > 12)
        return 1;
    if (t->day < 1 || t->day > days_in_month(t->year, t->month))
        return 2;
    if (t->hour > 23)
        return 3;
    if (t->minute > 59)
        return 4;
    if (t->second > 59)
        return 5;
    if (t->tz_minutes % 15 != 0 || t->tz_minutes < -TZ_MAX_QUARTERS * 15
            || t->tz_minutes > TZ_MAX_QUARTERS * 15)
        return 6;
    return -1;
}

/* ----------------------------------------------------------------------
 * TP-SCTS (9.2.3.11)
 * -------------------------------------------------------------------- */

/* A swapped semi-octet pair as a number, or -1 for a digit above 9. */
static int swapped_bcd(uint8_t octet)
{
    unsigned tens = octet & 0x0Fu, units = octet >> 4;
    if (tens > 9 || units > 9)
        return -1;
    return (int)(tens * 10 + units);
}

static uint8_t to_swapped_bcd(unsigned v)
{
    return (uint8_t)((v / 10) | (v % 10) << 4);
}

static const char *const field_digit_what[7] = {
    "time stamp year: semi-octet above 9",
    "time stamp month: semi-octet above 9",
    "time stamp day: semi-octet above 9",
    "time stamp hour: semi-octet above 9",
    "time stamp minute: semi-octet above 9",
    "time stamp second: semi-octet above 9",
    "time stamp zone: semi-octet above 9",
};

/* Index 0 (the year) cannot be out of range: every 00-99 is a year. */
static const char *const field_range_what[6] = {
    NULL,
    "time stamp month: not 01-12",
    "time stamp day: not a day of that month",
    "time stamp hour: not 00-23",
    "time stamp minute: not 00-59",
    "time stamp second: not 00-59",
};

/* Is field `i` of the values read so far (v[0..i]) in its range? */
static int field_in_range(size_t i, const unsigned *v)
{
    switch (i) {
    case 1:
        return v[1] >= 1 && v[1] <= 12;
    case 2:
        return v[2] >= 1 && v[2] <= days_in_month(2000 + v[0], v[1]);
    case 3:
        return v[3] <= 23;
    case 4:
    case 5:
        return v[i] <= 59;
    default:
        return 1;
    }
}

/* The zone octet: bit 3 the sign, bits 2..0 tens, bits 7..4 units. */
static int zone_quarters(uint8_t octet, int *quarters)
{
    unsigned tens = octet & 0x07u, units = octet >> 4;
    if (units > 9)
        return -1;
    int q = (int)(tens * 10 + units);
    *quarters = (octet & 0x08u) ? -q : q;
    return 0;
}

/* Every field of v[0..5] in its range. */
static int all_in_range(const unsigned *v)
{
    return field_in_range(1, v) && field_in_range(2, v) && field_in_range(3, v)
           && field_in_range(4, v) && field_in_range(5, v);
}

static inline uint32_t load_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16
           | (uint32_t)p[3] << 24;
}

static inline unsigned octet_at(uint64_t w, unsigned i)
{
    return (unsigned)(w >> (8 * i)) & 0xFFu;
}

#define LANES_0F 0x0F0F0F0F0F0F0F0Full
#define LANES_06 0x0606060606060606ull
#define LANES_10 0x1010101010101010ull

/*
 * The common case of smsk_scts_parse with all seven octets in one word:
 * 1 when every semi-octet is a digit (the zone's sign and tens aside)
 * and every field in range, with the time in *t; 0 otherwise, and the
 * octet-by-octet path then names the field.
 */
static int scts_fast(smsk_time *t, const uint8_t *src)
{
    /* octets 0-3 and 3-6, octet 3 dropped from the second */
    uint64_t w = load_le32(src) | (uint64_t)(load_le32(src + 3) >> 8) << 32;
    uint64_t tens = w & LANES_0F, units = (w >> 4) & LANES_0F;
    /* a semi-octet above 9 carries into bit 4 when 6 is added; octet 6's
     * low semi-octet is the zone's sign and tens, any value */
    uint64_t over = ((tens & 0x00000F0F0F0F0F0Full) + LANES_06) | (units + LANES_06);
    if (over & LANES_10)
        return 0;
    uint64_t n = (tens << 3) + (tens << 1) + units; /* 10 * tens + units, per octet */
    unsigned v[6] = {octet_at(n, 0), octet_at(n, 1), octet_at(n, 2),
        octet_at(n, 3), octet_at(n, 4), octet_at(n, 5)};
    if (!all_in_range(v))
        return 0;
    int quarters = 0;
    zone_quarters(src[6], &quarters); /* its units digit is checked above */
    smsk_time r = {2000 + v[0], v[1], v[2], v[3], v[4], v[5], quarters * 15};
    *t = r;
    return 1;
}

smsk_status smsk_scts_parse(smsk_time *t, const uint8_t *src, smsk_diag *diag)
{
    if (t == NULL || src == NULL)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer");
    if (scts_fast(t, src))
        return SMSK_OK;
    unsigned v[6];
    for (size_t i = 0; i < 6; i++) {
        int d = swapped_bcd(src[i]);
        if (d < 0)
            return smsk__fail(diag, SMSK_E_MALFORMED, i, SMSK_NO_CODEPOINT, field_digit_what[i]);
        v[i] = (unsigned)d;
        if (!field_in_range(i, v))
            return smsk__fail(diag, SMSK_E_MALFORMED, i, SMSK_NO_CODEPOINT, field_range_what[i]);
    }
    int quarters;
    if (zone_quarters(src[6], &quarters) < 0)
        return smsk__fail(diag, SMSK_E_MALFORMED, 6, SMSK_NO_CODEPOINT, field_digit_what[6]);
    smsk_time r = {2000 + v[0], v[1], v[2], v[3], v[4], v[5], quarters * 15};
    *t = r;
    return SMSK_OK;
}

smsk_status smsk_scts_build(uint8_t *dst, const smsk_time *t)
{
    if (dst == NULL || t == NULL)
        return SMSK_E_ARG;
    if (time_bad_field(t) >= 0)
        return SMSK_E_RANGE;
    dst[0] = to_swapped_bcd(t->year - 2000);
    dst[1] = to_swapped_bcd(t->month);
    dst[2] = to_swapped_bcd(t->day);
    dst[3] = to_swapped_bcd(t->hour);
    dst[4] = to_swapped_bcd(t->minute);
    dst[5] = to_swapped_bcd(t->second);
    unsigned q = (unsigned)(t->tz_minutes < 0 ? -t->tz_minutes : t->tz_minutes) / 15;
    dst[6] = (uint8_t)(to_swapped_bcd(q) | (t->tz_minutes < 0 ? 0x08u : 0u));
    return SMSK_OK;
}

/* ----------------------------------------------------------------------
 * ISO 8601 text
 * -------------------------------------------------------------------- */

#define ISO_LEN_UTC 20u    /* YYYY-MM-DDTHH:MM:SSZ */
#define ISO_LEN_OFFSET 25u /* YYYY-MM-DDTHH:MM:SS+HH:MM */

static void put2(char *p, unsigned v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
}

smsk_status smsk_time_format(char *dst, size_t dst_cap, size_t *dst_len,
        const smsk_time *t)
{
    if (dst_len == NULL || t == NULL || !SMSK_BUF_OK(dst, dst_cap))
        return SMSK_E_ARG;
    *dst_len = 0;
    if (time_bad_field(t) >= 0)
        return SMSK_E_ARG; /* not a time smsk_time can hold */
    size_t need = t->tz_minutes == 0 ? ISO_LEN_UTC : ISO_LEN_OFFSET;
    if (dst_cap < need) {
        *dst_len = need;
        return SMSK_E_NOSPACE;
    }
    put2(dst, t->year / 100);
    put2(dst + 2, t->year % 100);
    dst[4] = '-';
    put2(dst + 5, t->month);
    dst[7] = '-';
    put2(dst + 8, t->day);
    dst[10] = 'T';
    put2(dst + 11, t->hour);
    dst[13] = ':';
    put2(dst + 14, t->minute);
    dst[16] = ':';
    put2(dst + 17, t->second);
    if (t->tz_minutes == 0) {
        dst[19] = 'Z';
    } else {
        unsigned m = (unsigned)(t->tz_minutes < 0 ? -t->tz_minutes : t->tz_minutes);
        dst[19] = t->tz_minutes < 0 ? '-' : '+';
        put2(dst + 20, m / 60);
        dst[22] = ':';
        put2(dst + 23, m % 60);
    }
    *dst_len = need;
    return SMSK_OK;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Read `n` digits at `s[*pos]`; -1 (and *pos at the bad one) if not. */
static long read_digits(const char *s, size_t len, size_t *pos, size_t n)
{
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (*pos >= len || !is_digit(s[*pos]))
            return -1;
        v = v * 10 + (s[*pos] - '0');
        (*pos)++;
    }
    return v;
}

/* Expect `c` at `s[*pos]`. */
static int read_char(const char *s, size_t len, size_t *pos, char c)
{
    if (*pos >= len || s[*pos] != c)
        return -1;
    (*pos)++;
    return 0;
}

/* Layout of "YYYY-MM-DDTHH:MM:SS": width of each number, the separator
 * after it, and where it starts. */
static const struct {
    uint8_t width, at;
    char sep;
} iso_fields[6] = {
    {4, 0, '-'}, {2, 5, '-'}, {2, 8, 'T'}, {2, 11, ':'}, {2, 14, ':'}, {2, 17, 0},
};

static smsk_status parse_zone(int *tz, const char *s, size_t len, size_t pos,
        smsk_diag *diag)
{
    if (pos < len && s[pos] == 'Z') {
        if (pos + 1 != len)
            return smsk__fail(diag, SMSK_E_MALFORMED, pos + 1, SMSK_NO_CODEPOINT, "time: text after the zone");
        *tz = 0;
        return SMSK_OK;
    }
    if (pos >= len || (s[pos] != '+' && s[pos] != '-'))
        return smsk__fail(diag, SMSK_E_MALFORMED, pos, SMSK_NO_CODEPOINT, "time: zone is not Z, +HH:MM or -HH:MM");
    int negative = s[pos] == '-';
    size_t at = pos + 1;
    long h = read_digits(s, len, &at, 2);
    if (h < 0 || read_char(s, len, &at, ':') < 0)
        return smsk__fail(diag, SMSK_E_MALFORMED, at, SMSK_NO_CODEPOINT, "time: zone is not Z, +HH:MM or -HH:MM");
    long m = read_digits(s, len, &at, 2);
    if (m < 0)
        return smsk__fail(diag, SMSK_E_MALFORMED, at, SMSK_NO_CODEPOINT, "time: zone is not Z, +HH:MM or -HH:MM");
    if (at != len)
        return smsk__fail(diag, SMSK_E_MALFORMED, at, SMSK_NO_CODEPOINT, "time: text after the zone");
    long total = h * 60 + m;
    if (m > 59 || total % 15 != 0 || total > TZ_MAX_QUARTERS * 15)
        return smsk__fail(diag, SMSK_E_MALFORMED, pos, SMSK_NO_CODEPOINT, "time: zone not a multiple of 15 minutes within 19:45 of UTC");
    *tz = negative ? (int)-total : (int)total;
    return SMSK_OK;
}

smsk_status smsk_time_parse(smsk_time *t, const char *s, size_t len,
        smsk_diag *diag)
{
    static const char *const range_what[6] = {
        "time: year not 2000-2099", "time: month not 01-12",
        "time: day not a day of that month", "time: hour not 00-23",
        "time: minute not 00-59", "time: second not 00-59",
    };
    if (t == NULL || !SMSK_BUF_OK(s, len))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer");
    unsigned v[6];
    size_t pos = 0;
    for (size_t i = 0; i < 6; i++) {
        long d = read_digits(s, len, &pos, iso_fields[i].width);
        if (d < 0 || (iso_fields[i].sep != 0 && read_char(s, len, &pos, iso_fields[i].sep) < 0))
            return smsk__fail(diag, SMSK_E_MALFORMED, pos, SMSK_NO_CODEPOINT, "time: not YYYY-MM-DDTHH:MM:SS");
        v[i] = (unsigned)d;
    }
    smsk_time r = {v[0], v[1], v[2], v[3], v[4], v[5], 0};
    int bad = time_bad_field(&r);
    if (bad >= 0)
        return smsk__fail(diag, SMSK_E_MALFORMED, iso_fields[bad].at, SMSK_NO_CODEPOINT, range_what[bad]);
    SMSK_CHECK(parse_zone(&r.tz_minutes, s, len, pos, diag));
    *t = r;
    return SMSK_OK;
}

/* ----------------------------------------------------------------------
 * TP-VP (9.2.3.12)
 * -------------------------------------------------------------------- */

#define MINUTE 60u
#define HOUR (60u * MINUTE)
#define DAY (24u * HOUR)
#define WEEK (7u * DAY)

uint32_t smsk_vp_relative_seconds(uint8_t vp)
{
    if (vp <= 143)
        return ((uint32_t)vp + 1) * 5 * MINUTE;
    if (vp <= 167)
        return 12 * HOUR + ((uint32_t)vp - 143) * 30 * MINUTE;
    if (vp <= 196)
        return ((uint32_t)vp - 166) * DAY;
    return ((uint32_t)vp - 192) * WEEK;
}

/* ceil(a / b) without overflow. */
static uint32_t div_up(uint32_t a, uint32_t b)
{
    return a / b + (a % b != 0);
}

uint8_t smsk_vp_relative_from_seconds(uint32_t seconds)
{
    if (seconds <= 144 * 5 * MINUTE) /* 0-143: 5 minutes to 12 hours */
        return seconds == 0 ? 0 : (uint8_t)(div_up(seconds, 5 * MINUTE) - 1);
    if (seconds <= DAY) /* 144-167: 12h30 to 24 hours */
        return (uint8_t)(143 + div_up(seconds - 12 * HOUR, 30 * MINUTE));
    if (seconds <= 30 * DAY) /* 168-196: 2 to 30 days */
        return (uint8_t)(166 + div_up(seconds, DAY));
    if (seconds <= 63 * WEEK) /* 197-255: 5 to 63 weeks */
        return (uint8_t)(192 + div_up(seconds, WEEK));
    return 255;
}

#define EVP_LEN 7u

/* Enhanced format 3: hh mm ss in swapped semi-octets (9.2.3.12.3). */
static smsk_status evp_hhmmss(uint32_t *seconds, const uint8_t *p, size_t at,
        smsk_diag *diag)
{
    static const char *const what[3] = {
        "enhanced TP-VP hours: semi-octet above 9",
        "enhanced TP-VP minutes: semi-octet above 9 or not 00-59",
        "enhanced TP-VP seconds: semi-octet above 9 or not 00-59",
    };
    uint32_t total = 0;
    for (size_t i = 0; i < 3; i++) {
        int d = swapped_bcd(p[at + i]);
        if (d < 0 || (i > 0 && d > 59))
            return smsk__fail(diag, SMSK_E_MALFORMED, at + i, SMSK_NO_CODEPOINT, what[i]);
        total = total * 60 + (uint32_t)d;
    }
    *seconds = total;
    return SMSK_OK;
}

static smsk_status parse_enhanced(smsk_validity *vp, const uint8_t *p,
        smsk_diag *diag)
{
    vp->extended = (p[0] & 0x80u) != 0;
    vp->single_shot = (p[0] & 0x40u) != 0;
    vp->evpf = p[0] & 0x07u;
    size_t at = 1;
    while (at < EVP_LEN && (p[at - 1] & 0x80u)) /* extension octets */
        at++;
    size_t need = vp->evpf == SMSK_EVPF_HHMMSS ? 3
            : (vp->evpf == SMSK_EVPF_RELATIVE || vp->evpf == SMSK_EVPF_SECONDS) ? 1 : 0;
    if (at + need > EVP_LEN)
        return smsk__fail(diag, SMSK_E_MALFORMED, at, SMSK_NO_CODEPOINT, "enhanced TP-VP: extension octets leave no room for the value");
    switch (vp->evpf) {
    case SMSK_EVPF_RELATIVE:
        vp->seconds = smsk_vp_relative_seconds(p[at]);
        break;
    case SMSK_EVPF_SECONDS:
        vp->seconds = p[at]; /* 0 is "undefined and reserved": kept */
        break;
    case SMSK_EVPF_HHMMSS:
        return evp_hhmmss(&vp->seconds, p, at, diag);
    default:
        break; /* none, or reserved 4-7: nothing to read */
    }
    return SMSK_OK;
}

static size_t vp_len(smsk_vpf vpf)
{
    return vpf == SMSK_VPF_NONE ? 0 : vpf == SMSK_VPF_RELATIVE ? 1 : EVP_LEN;
}

smsk_status smsk_vp_parse(smsk_validity *vp, size_t *consumed,
        const uint8_t *src, size_t src_len, smsk_vpf vpf, smsk_diag *diag)
{
    if (vp == NULL || consumed == NULL || !SMSK_BUF_OK(src, src_len)
            || (unsigned)vpf > SMSK_VPF_ABSOLUTE)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer or unknown TP-VPF");
    size_t n = vp_len(vpf);
    if (src_len < n)
        return smsk__fail(diag, SMSK_E_TRUNC, 0, SMSK_NO_CODEPOINT, "TP-VP: input ends inside it");
    smsk_validity r;
    memset(&r, 0, sizeof r);
    r.format = vpf;
    r.raw_len = n;
    if (n > 0)
        memcpy(r.raw, src, n);
    if (vpf == SMSK_VPF_RELATIVE)
        r.seconds = smsk_vp_relative_seconds(src[0]);
    else if (vpf == SMSK_VPF_ABSOLUTE)
        SMSK_CHECK(smsk_scts_parse(&r.absolute, src, diag));
    else if (vpf == SMSK_VPF_ENHANCED)
        SMSK_CHECK(parse_enhanced(&r, src, diag));
    *vp = r;
    *consumed = n;
    return SMSK_OK;
}
