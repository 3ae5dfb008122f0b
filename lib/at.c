/* SPDX-License-Identifier: MIT */
/*
 * AT PDU mode responses: the +CMT, +CMGR, +CMGL and +CDS header lines of
 * 3GPP TS 27.005 3.4.1 and 3.1.3 (3.5.x for +CMGR/+CMGL) with the hex
 * PDU line after them, and the check that the header's <length> is the
 * TPDU's length.
 *
 * How this works:
 *  - Line ends are CR, LF or CRLF; empty lines before the header (modems
 *    send "\r\n+CMT: ...") are skipped and counted in `consumed`.
 *  - The header is a prefix up to the colon, then comma-separated fields:
 *      +CMT: [<alpha>],<length>
 *      +CMGR: <stat>,[<alpha>],<length>
 *      +CMGL: <index>,<stat>,[<alpha>],<length>
 *      +CDS: <length>
 *    <alpha> (a phonebook name) may be empty, a quoted string that holds
 *    commas, or left out together with its comma, as some modems do.
 *    Spaces around fields are allowed. <stat> is 0-3 (27.005 3.1: 4,
 *    "all", is only a +CMGL argument).
 *  - <length> counts the TPDU's octets, not the SC address in front of
 *    them (27.005 3.1, "<length>"). smsk_at_pdu_decode() compares it
 *    with the PDU before parsing, so that a wrong length is reported as
 *    such and not as whatever field it cuts.
 *  - No locale-dependent calls: the ASCII classifiers are written out.
 */
#include "internal.h"

/* Largest <index> accepted: 27.005 leaves it to the memory size. */
#define INDEX_MAX 999999L

typedef struct line_reader {
    const char *src;
    size_t len;
    size_t pos;
    smsk_diag *diag;
} line_reader;

static int is_eol(char c)
{
    return c == '\r' || c == '\n';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Step over one line end (CR, LF or CRLF) at `*pos`, if there is one. */
static void skip_eol(const char *s, size_t len, size_t *pos)
{
    if (*pos < len && s[*pos] == '\r') {
        (*pos)++;
        if (*pos < len && s[*pos] == '\n')
            (*pos)++;
    } else if (*pos < len && s[*pos] == '\n') {
        (*pos)++;
    }
}

/* The end of the line that starts at `pos`. */
static size_t line_end(const char *s, size_t len, size_t pos)
{
    while (pos < len && !is_eol(s[pos]))
        pos++;
    return pos;
}

static void skip_spaces(line_reader *r)
{
    while (r->pos < r->len && r->src[r->pos] == ' ')
        r->pos++;
}

static smsk_status at_fail(line_reader *r, size_t at, const char *what)
{
    return smsk__fail(r->diag, SMSK_E_MALFORMED, at, SMSK_NO_CODEPOINT, what);
}

/* A decimal number of at most `max`. */
static smsk_status get_number(line_reader *r, long max, long *v,
        const char *what)
{
    skip_spaces(r);
    size_t at = r->pos;
    long n = 0;
    while (r->pos < r->len && is_digit(r->src[r->pos])) {
        n = n * 10 + (r->src[r->pos++] - '0');
        if (n > max)
            return at_fail(r, at, what);
    }
    if (r->pos == at)
        return at_fail(r, at, what);
    skip_spaces(r);
    *v = n;
    return SMSK_OK;
}

/* <alpha>: empty, a quoted string (commas allowed inside), or bare text. */
static smsk_status skip_alpha(line_reader *r)
{
    skip_spaces(r);
    if (r->pos < r->len && r->src[r->pos] == '"') {
        size_t at = r->pos++;
        while (r->pos < r->len && r->src[r->pos] != '"')
            r->pos++;
        if (r->pos == r->len)
            return at_fail(r, at, "<alpha> has no closing quote");
        r->pos++;
        skip_spaces(r);
        return SMSK_OK;
    }
    while (r->pos < r->len && r->src[r->pos] != ',')
        r->pos++;
    return SMSK_OK;
}

static smsk_status expect_comma(line_reader *r)
{
    if (r->pos >= r->len || r->src[r->pos] != ',')
        return at_fail(r, r->pos, "',' expected between the header's fields");
    r->pos++;
    return SMSK_OK;
}

/* Commas outside quotes from `pos` to the end of the header line. */
static size_t count_commas(const char *s, size_t len, size_t pos)
{
    size_t n = 0;
    int quoted = 0;
    for (; pos < len; pos++) {
        if (s[pos] == '"')
            quoted = !quoted;
        else if (s[pos] == ',' && !quoted)
            n++;
    }
    return n;
}

typedef struct at_kind {
    const char *prefix;
    size_t prefix_len;
    int kind;
    int has_index, has_stat, has_alpha;
} at_kind;

static const at_kind kinds[] = {
    {"+CMT:", 5, 'T', 0, 0, 1},
    {"+CMGR:", 6, 'R', 0, 1, 1},
    {"+CMGL:", 6, 'L', 1, 1, 1},
    {"+CDS:", 5, 'S', 0, 0, 0},
};

static const at_kind *find_kind(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (len >= kinds[i].prefix_len
                && memcmp(s, kinds[i].prefix, kinds[i].prefix_len) == 0)
            return &kinds[i];
    return NULL;
}

/* The fields after the colon, up to the end of the header line. */
static smsk_status header_fields(line_reader *r, const at_kind *k,
        smsk_at_pdu *at)
{
    size_t commas = count_commas(r->src, r->len, r->pos);
    size_t want = (size_t)(k->has_index + k->has_stat + k->has_alpha);
    if (commas != want && !(k->has_alpha && commas + 1 == want))
        return at_fail(r, r->pos, "wrong number of fields in the header");
    if (k->has_index) {
        SMSK_CHECK(get_number(r, INDEX_MAX, &at->index, "<index> is not a number"));
        SMSK_CHECK(expect_comma(r));
    }
    if (k->has_stat) {
        SMSK_CHECK(get_number(r, 3, &at->stat, "<stat> is not 0-3 (TS 27.005 3.1)"));
        SMSK_CHECK(expect_comma(r));
    }
    if (k->has_alpha && commas == want) {
        SMSK_CHECK(skip_alpha(r));
        SMSK_CHECK(expect_comma(r));
    }
    long length = 0;
    SMSK_CHECK(get_number(r, (long)SMSK_TPDU_MAX, &length,
            "<length> is not a TPDU length of 1-164 octets"));
    if (length == 0 || r->pos != r->len)
        return at_fail(r, r->pos, "<length> is not a TPDU length of 1-164 octets");
    at->length = (size_t)length;
    return SMSK_OK;
}

smsk_status smsk_at_pdu_parse(smsk_at_pdu *at, size_t *consumed,
        const char *src, size_t src_len, smsk_diag *diag)
{
    if (at == NULL || consumed == NULL || !SMSK_BUF_OK(src, src_len))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer");
    size_t pos = 0;
    while (pos < src_len && is_eol(src[pos]))
        pos++;
    size_t end = line_end(src, src_len, pos);
    const at_kind *k = find_kind(src + pos, end - pos);
    if (k == NULL)
        return smsk__fail(diag, SMSK_E_NOTFOUND, pos, SMSK_NO_CODEPOINT,
                "no +CMT, +CMGR, +CMGL or +CDS header");
    smsk_at_pdu out = {k->kind, -1, -1, 0, NULL, 0};
    line_reader r = {src, end, pos + k->prefix_len, diag};
    SMSK_CHECK(header_fields(&r, k, &out));
    size_t next = end;
    skip_eol(src, src_len, &next);
    size_t hex_end = line_end(src, src_len, next);
    if (next == end || hex_end == next)
        return smsk__fail(diag, SMSK_E_TRUNC, next, SMSK_NO_CODEPOINT,
                "no PDU line after the header");
    out.hex = src + next;
    out.hex_len = hex_end - next;
    skip_eol(src, src_len, &hex_end);
    *at = out;
    *consumed = hex_end;
    return SMSK_OK;
}

smsk_status smsk_at_pdu_decode(smsk_addr *smsc, smsk_tpdu *tpdu,
        uint8_t *buf, size_t buf_cap, const smsk_at_pdu *at,
        smsk_direction dir, unsigned flags, smsk_diag *diag)
{
    if (at == NULL || tpdu == NULL || !SMSK_BUF_OK(buf, buf_cap)
            || !SMSK_BUF_OK(at->hex, at->hex_len))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer");
    size_t n = 0;
    SMSK_CHECK(smsk_hex_decode(buf, buf_cap, &n, at->hex, at->hex_len, diag));
    /* Where <length> says the TPDU ends, when the SC address is whole. */
    size_t end = n, parse_len = n;
    if (n > 0 && 1u + (size_t)buf[0] <= n) {
        size_t sc = 1u + (size_t)buf[0];
        if (at->length > n - sc) /* compared without adding: no wrap */
            return smsk__fail(diag, SMSK_E_MALFORMED, n, SMSK_NO_CODEPOINT,
                    "AT <length> is longer than the PDU's TPDU (TS 27.005 3.1)");
        end = sc + at->length;
        if (n < end)
            return smsk__fail(diag, SMSK_E_MALFORMED, n, SMSK_NO_CODEPOINT,
                    "AT <length> is longer than the PDU's TPDU (TS 27.005 3.1)");
        if (n > end && !(flags & SMSK_TPDU_LENIENT))
            return smsk__fail(diag, SMSK_E_MALFORMED, end, SMSK_NO_CODEPOINT,
                    "AT <length> is shorter than the PDU's TPDU (TS 27.005 3.1)");
        parse_len = end;
    }
    /* Lenient: the octets after <length> are trailing, like those after
     * the TPDU's own end. */
    SMSK_CHECK(smsk_pdu_parse(smsc, tpdu, buf, parse_len, dir, flags, diag));
    tpdu->trailing += n - parse_len;
    return SMSK_OK;
}
