/* SPDX-License-Identifier: MIT */
/*
 * Address fields: TP-OA, TP-DA and TP-RA (TS 23.040 9.1.2.5) and the RP
 * SC address that starts an AT PDU (TS 24.011 8.2.5.1, TS 27.005 3.1).
 *
 * How this works:
 *  - Both forms are a length octet, a type-of-address octet (bit 7 = 1,
 *    type of number in bits 6..4, numbering plan in bits 3..0) and the
 *    value. They differ in the length: a TP address counts the useful
 *    semi-octets of the value (9.1.2.5), the SC address the octets after
 *    the length octet, type octet included (24.011 8.2.5.1), 0 meaning no
 *    address at all.
 *  - Digits are semi-octets (9.1.2.3), the first digit in bits 3..0 of
 *    the first octet. 0xA-0xE stand for '*', '#', 'a', 'b', 'c'; 0xF is
 *    the filler after an odd number of digits.
 *  - A TP address of type of number 5 is alphanumeric: GSM 7-bit default
 *    alphabet text (TS 23.038 6.2.1), packed as user data is, and the
 *    length counts the semi-octets the packed octets fill. Reading takes
 *    floor(semi-octets * 4 / 7) septets; writing n septets gives
 *    ceil(7n / 4) semi-octets, so 7 septets ("Telfort") are 13.
 *  - An SC address is always BCD: TS 24.008 10.5.4.7, which 24.011 uses
 *    for it, has no alphanumeric type of number (101 is reserved there).
 *
 * Choices (be strict, except where what real senders do is unambiguous):
 *  - A 0xF before the last useful semi-octet is malformed: nothing can
 *    follow the end mark.
 *  - A 0xF as the last semi-octet the length counts is taken as the
 *    filler of a sender that counted it (the number has one digit less).
 *    It cannot mean anything else, but building writes the length
 *    without it.
 *  - After an odd digit count, the unused semi-octet must be the 0xF
 *    end mark (9.1.2.3) or 0: real networks send zero padding (Android's
 *    CPHS vector, pdu_decode.jsonl dec-0013: "01 80 05"), and the length
 *    says the semi-octet is unused. Any other digit there is malformed:
 *    it hints at a wrong length, so the number is in doubt. Building
 *    always writes 0xF.
 *  - A digit count of 0 (TP length 0, or SC length 1) is an empty
 *    address; its type octet is still read and checked.
 *  - Bit 7 of the type octet must be 1, even for an empty address: with
 *    0 the octet would announce an extension that SMS addresses have not.
 *  - Reserved type-of-number and numbering-plan values are kept, not
 *    rejected: 9.1.2.5 does not tell receivers to refuse them.
 *  - An alphanumeric length may be odd (13 for 7 septets) or larger than
 *    needed (14 for 7 septets, from senders that count 2 per octet); the
 *    septet count floor(len * 4 / 7) decides. Spare bits are not checked.
 *    An alphanumeric text ending in a lone escape septet is malformed.
 */
#include "internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define TOA_EXT 0x80u      /* bit 7 of the type octet: always 1 */
#define MAX_SEMI_OCTETS 20u
#define MAX_SC_LEN 11u     /* type octet + 10 octets of digits */
#define MAX_ALNUM_SEPTETS 11u
#define FILLER 0x0Fu

static const smsk_gsm7_shift default_tables = {SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT};

/* ----------------------------------------------------------------------
 * Semi-octet digits (9.1.2.3)
 * -------------------------------------------------------------------- */

static const char digit_chars[15] = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', 'a', 'b', 'c',
};

/* Semi-octet of an address character, or -1. Upper-case A-C are taken
 * too: people write them so, and they cannot mean anything else. */
static int semi_octet_of(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    switch (c) {
    case '*': return 0xA;
    case '#': return 0xB;
    case 'a': case 'A': return 0xC;
    case 'b': case 'B': return 0xD;
    case 'c': case 'C': return 0xE;
    default: return -1;
    }
}

/* Semi-octet `i` of `v` (low nibble first). */
static unsigned semi_octet_at(const uint8_t *v, size_t i)
{
    return (i % 2 == 0) ? (v[i / 2] & 0x0Fu) : (unsigned)(v[i / 2] >> 4);
}

#if defined(__SSE2__)
/*
 * The leading run of 0-9 digits among the first min(n_semi, 16)
 * semi-octets at `v`, written to `text` (16 bytes of room), when `avail`
 * (the octets readable at v) allows one 8-octet load; else 0. One
 * vector step instead of a loop: a phone number is one or two of them.
 */
static size_t lead_digits(char *text, const uint8_t *v, size_t n_semi,
        size_t avail)
{
    if (avail < 8)
        return 0;
    __m128i w = _mm_loadl_epi64((const __m128i *)(const void *)v);
    __m128i lo = _mm_and_si128(w, _mm_set1_epi8(0x0F));
    __m128i hi = _mm_and_si128(_mm_srli_epi16(w, 4), _mm_set1_epi8(0x0F));
    __m128i d = _mm_unpacklo_epi8(lo, hi); /* semi-octets in order */
    unsigned other = (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(d, _mm_set1_epi8(9)));
    size_t lim = n_semi < 16 ? n_semi : 16;
    _mm_storeu_si128((__m128i *)(void *)text, _mm_add_epi8(d, _mm_set1_epi8('0')));
    return (size_t)__builtin_ctz(other | 1u << lim);
}
#else
/* Without SSE2 the two-digit loop of read_digits reads them all. */
static size_t lead_digits(char *text, const uint8_t *v, size_t n_semi,
        size_t avail)
{
    (void)text;
    (void)v;
    (void)n_semi;
    (void)avail;
    return 0;
}
#endif

/*
 * Read `n_semi` semi-octets at `v` (their octets start at byte `base` of
 * the field; `avail` octets can be read there) into digits. `odd_pad`: the octet count leaves one more
 * semi-octet, which must be the filler (or zero padding).
 */
static smsk_status read_digits(smsk_addr *a, const uint8_t *v, size_t n_semi,
        int odd_pad, size_t avail, size_t base, smsk_diag *diag)
{
    size_t n = lead_digits(a->text, v, n_semi, avail), i = n;
    /* whole octets without a filler, two digits at a time */
    for (; i % 2 == 0 && i + 2 <= n_semi; i += 2) {
        unsigned b = v[i / 2];
        if ((b & 0x0Fu) == FILLER || (b >> 4) == FILLER)
            break;
        a->text[n] = digit_chars[b & 0x0Fu];
        a->text[n + 1] = digit_chars[b >> 4];
        n += 2;
    }
    for (; i < n_semi; i++) {
        unsigned d = semi_octet_at(v, i);
        if (d == FILLER && i + 1 == n_semi)
            break; /* a counted filler: see the choices above */
        if (d == FILLER)
            return smsk__fail(diag, SMSK_E_MALFORMED, base + i / 2, SMSK_NO_CODEPOINT, "address semi-octet: 0xF filler before the last digit");
        a->text[n++] = digit_chars[d];
    }
    unsigned pad = odd_pad ? semi_octet_at(v, n_semi) : FILLER;
    if (pad != FILLER && pad != 0) /* 0: zero padding, see the choices */
        return smsk__fail(diag, SMSK_E_MALFORMED, base + n_semi / 2, SMSK_NO_CODEPOINT, "address semi-octet: a digit after the last one the length counts, not the 0xF filler");
    a->len = n;
    return SMSK_OK;
}

/* ----------------------------------------------------------------------
 * Parsing
 * -------------------------------------------------------------------- */

/* The type octet at src[1]; `sc` picks the field name for errors. */
static smsk_status read_type(smsk_addr *a, const uint8_t *src, size_t src_len,
        int sc, smsk_diag *diag)
{
    if (src_len < 2)
        return smsk__fail(diag, SMSK_E_TRUNC, 1, SMSK_NO_CODEPOINT, sc ? "SC address type of address: input ends before it" : "TP address type of address: input ends before it");
    if (!(src[1] & TOA_EXT))
        return smsk__fail(diag, SMSK_E_MALFORMED, 1, SMSK_NO_CODEPOINT, sc ? "SC address type of address: bit 7 is not 1" : "TP address type of address: bit 7 is not 1");
    a->ton = (src[1] >> 4) & 0x07u;
    a->npi = src[1] & 0x0Fu;
    return SMSK_OK;
}

static smsk_status parse_alnum(smsk_addr *a, const uint8_t *v, size_t n_semi,
        smsk_diag *diag)
{
    size_t octets = (n_semi + 1) / 2, n_septets = n_semi * 4 / 7;
    smsk_diag sub = {0, SMSK_NO_CODEPOINT, NULL};
    smsk_status st = smsk_gsm7_decode_packed(a->text, sizeof a->text, &a->len,
            v, octets, n_septets, default_tables, 0, 0, &sub);
    /* The default alphabet holds a character in every septet, so the one
     * failure left is an escape with nothing after it (6.2.1.1). */
    if (st < 0)
        return smsk__fail(diag, SMSK_E_MALFORMED, 2 + sub.offset, SMSK_NO_CODEPOINT, "alphanumeric address: ends with a lone escape septet");
    return SMSK_OK;
}

static smsk_status parse_tp(smsk_addr *a, size_t *consumed, const uint8_t *src,
        size_t src_len, smsk_diag *diag)
{
    size_t n_semi = src[0];
    if (n_semi > MAX_SEMI_OCTETS)
        return smsk__fail(diag, SMSK_E_MALFORMED, 0, SMSK_NO_CODEPOINT, "TP address length: above 20 semi-octets");
    SMSK_CHECK(read_type(a, src, src_len, 0, diag));
    size_t octets = (n_semi + 1) / 2;
    if (src_len - 2 < octets)
        return smsk__fail(diag, SMSK_E_TRUNC, 2, SMSK_NO_CODEPOINT, "TP address value: input ends inside it");
    if (a->ton == SMSK_TON_ALPHANUMERIC)
        SMSK_CHECK(parse_alnum(a, src + 2, n_semi, diag));
    else
        SMSK_CHECK(read_digits(a, src + 2, n_semi, n_semi % 2, src_len - 2, 2, diag));
    *consumed = 2 + octets;
    return SMSK_OK;
}

static smsk_status parse_sc(smsk_addr *a, size_t *consumed, const uint8_t *src,
        size_t src_len, smsk_diag *diag)
{
    size_t len = src[0];
    if (len > MAX_SC_LEN)
        return smsk__fail(diag, SMSK_E_MALFORMED, 0, SMSK_NO_CODEPOINT, "SC address length: above 11 octets");
    if (len == 0) { /* 27.005 3.1: no SC address, the modem's default */
        *consumed = 1;
        return SMSK_OK;
    }
    SMSK_CHECK(read_type(a, src, src_len, 1, diag));
    if (src_len - 1 < len)
        return smsk__fail(diag, SMSK_E_TRUNC, 2, SMSK_NO_CODEPOINT, "SC address value: input ends inside it");
    /* Octets give an even count; a final 0xF marks an odd one. */
    SMSK_CHECK(read_digits(a, src + 2, 2 * (len - 1), 0, src_len - 2, 2, diag));
    *consumed = 1 + len;
    return SMSK_OK;
}

smsk_status smsk_addr_parse(smsk_addr *a, size_t *consumed,
        const uint8_t *src, size_t src_len, smsk_addr_kind kind,
        smsk_diag *diag)
{
    if (a == NULL || consumed == NULL || !SMSK_BUF_OK(src, src_len)
            || (kind != SMSK_ADDR_TP && kind != SMSK_ADDR_SC))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer or unknown address kind");
    if (src_len == 0)
        return smsk__fail(diag, SMSK_E_TRUNC, 0, SMSK_NO_CODEPOINT, kind == SMSK_ADDR_SC ? "SC address length: input ends before it" : "TP address length: input ends before it");
    /* straight into `a`: a copy from a local, just written a byte at a
     * time, stalls on store forwarding (the whole parse costs less) */
    a->ton = a->npi = 0;
    a->len = 0;
    size_t n = 0;
    if (kind == SMSK_ADDR_SC)
        SMSK_CHECK(parse_sc(a, &n, src, src_len, diag));
    else
        SMSK_CHECK(parse_tp(a, &n, src, src_len, diag));
    *consumed = n;
    return SMSK_OK;
}

/* ----------------------------------------------------------------------
 * Building
 * -------------------------------------------------------------------- */

/* Every character of `a` a semi-octet digit, and at most 20 of them? */
static smsk_status check_digits(const smsk_addr *a)
{
    for (size_t i = 0; i < a->len; i++)
        if (semi_octet_of(a->text[i]) < 0)
            return SMSK_E_MALFORMED;
    return a->len > MAX_SEMI_OCTETS ? SMSK_E_RANGE : SMSK_OK;
}

static void write_digits(uint8_t *v, const smsk_addr *a)
{
    for (size_t i = 0; i < a->len; i += 2) {
        unsigned lo = (unsigned)semi_octet_of(a->text[i]);
        unsigned hi = i + 1 < a->len ? (unsigned)semi_octet_of(a->text[i + 1]) : FILLER;
        v[i / 2] = (uint8_t)(lo | hi << 4);
    }
}

/* Septets of alphanumeric text in the default tables (TS 23.038 6.2.1). */
static smsk_status alnum_septets(const smsk_addr *a, size_t *n)
{
    smsk_status st = smsk_gsm7_count(n, a->text, a->len, default_tables, 0, NULL);
    if (st == SMSK_E_UTF8)
        return SMSK_E_MALFORMED; /* not text at all */
    SMSK_CHECK(st);
    return *n > MAX_ALNUM_SEPTETS ? SMSK_E_RANGE : SMSK_OK;
}

static smsk_status need_room(size_t *dst_len, size_t need, size_t dst_cap)
{
    if (need > dst_cap) {
        *dst_len = need;
        return SMSK_E_NOSPACE;
    }
    return SMSK_OK;
}

static smsk_status build_alnum(uint8_t *dst, size_t dst_cap, size_t *dst_len,
        const smsk_addr *a, uint8_t type)
{
    size_t n = 0;
    SMSK_CHECK(alnum_septets(a, &n));
    size_t octets = SMSK_SEPTETS_PACKED_LEN(n, 0);
    SMSK_CHECK(need_room(dst_len, 2 + octets, dst_cap));
    size_t written = 0, septets = 0;
    SMSK_CHECK(smsk_gsm7_encode_packed(dst + 2, octets, &written, &septets,
            a->text, a->len, default_tables, 0, 0, NULL));
    dst[0] = (uint8_t)((7 * n + 3) / 4); /* semi-octets the septets fill */
    dst[1] = type;
    *dst_len = 2 + written;
    return SMSK_OK;
}

static smsk_status build_digits(uint8_t *dst, size_t dst_cap, size_t *dst_len,
        const smsk_addr *a, uint8_t type, smsk_addr_kind kind)
{
    SMSK_CHECK(check_digits(a));
    size_t octets = (a->len + 1) / 2;
    if (kind == SMSK_ADDR_SC && a->len == 0) { /* 27.005 3.1: "00" */
        SMSK_CHECK(need_room(dst_len, 1, dst_cap));
        dst[0] = 0;
        *dst_len = 1;
        return SMSK_OK;
    }
    SMSK_CHECK(need_room(dst_len, 2 + octets, dst_cap));
    dst[0] = (uint8_t)(kind == SMSK_ADDR_SC ? 1 + octets : a->len);
    dst[1] = type;
    write_digits(dst + 2, a);
    *dst_len = 2 + octets;
    return SMSK_OK;
}

smsk_status smsk_addr_build(uint8_t *dst, size_t dst_cap, size_t *dst_len,
        const smsk_addr *a, smsk_addr_kind kind)
{
    if (dst_len == NULL || a == NULL || !SMSK_BUF_OK(dst, dst_cap)
            || a->ton > 7 || a->npi > 15 || a->len > sizeof a->text
            || (kind != SMSK_ADDR_TP && kind != SMSK_ADDR_SC))
        return SMSK_E_ARG;
    *dst_len = 0;
    uint8_t type = (uint8_t)(TOA_EXT | a->ton << 4 | a->npi);
    if (kind == SMSK_ADDR_TP && a->ton == SMSK_TON_ALPHANUMERIC)
        return build_alnum(dst, dst_cap, dst_len, a, type);
    return build_digits(dst, dst_cap, dst_len, a, type, kind);
}

/* ----------------------------------------------------------------------
 * From how people write an address
 * -------------------------------------------------------------------- */

/* Digits 0-9, '*' and '#' make a number; letters (even a-c) make a name. */
static int is_number_char(char c)
{
    return (c >= '0' && c <= '9') || c == '*' || c == '#';
}

static int is_number(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!is_number_char(s[i]))
            return 0;
    return 1;
}

static smsk_status number_from(smsk_addr *r, const char *digits, size_t n,
        int plus)
{
    if (n > MAX_SEMI_OCTETS)
        return SMSK_E_RANGE;
    r->ton = plus ? SMSK_TON_INTERNATIONAL : SMSK_TON_UNKNOWN;
    r->npi = SMSK_NPI_ISDN;
    if (n > 0)
        memcpy(r->text, digits, n);
    r->len = n;
    return SMSK_OK;
}

static smsk_status name_from(smsk_addr *r, const char *s, size_t len)
{
    SMSK_CHECK(smsk_utf8_validate(s, len, NULL, NULL));
    size_t septets = 0;
    /* A character outside the tables counts as one septet here;
     * smsk_addr_build is what reports it (SMSK_E_CHARSET). */
    SMSK_CHECK(smsk_gsm7_count(&septets, s, len, default_tables, SMSK_GSM7_SUBSTITUTE, NULL));
    if (septets > MAX_ALNUM_SEPTETS || len > sizeof r->text)
        return SMSK_E_RANGE;
    r->ton = SMSK_TON_ALPHANUMERIC;
    r->npi = SMSK_NPI_UNKNOWN;
    memcpy(r->text, s, len);
    r->len = len;
    return SMSK_OK;
}

smsk_status smsk_addr_from_string(smsk_addr *a, const char *s, size_t len)
{
    if (a == NULL || !SMSK_BUF_OK(s, len))
        return SMSK_E_ARG;
    smsk_addr r;
    memset(&r, 0, sizeof r);
    size_t plus = len > 0 && s[0] == '+';
    if (len == 0 || is_number(s + plus, len - plus))
        SMSK_CHECK(number_from(&r, s + plus, len - plus, plus != 0));
    else
        SMSK_CHECK(name_from(&r, s, len));
    *a = r;
    return SMSK_OK;
}
