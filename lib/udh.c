/* SPDX-License-Identifier: MIT */
/*
 * The User Data Header: 3GPP TS 23.040 9.2.3.24 and its subclauses.
 *
 * How this works:
 *  - Layout (9.2.3.24): UDHL, then elements of IEI, length and data. A
 *    receiver skips elements it does not know, finding the next one from
 *    the length. Parsing splits the header into `ies` (views into `ud`,
 *    in order), then takes the typed fields from `ies`. Unknown, reserved
 *    and uninterpreted IEIs (EMS 0x0A-0x1F, 0x20-0x23, (U)SIM toolkit
 *    0x70-0x7F, SME-to-SME 0x80-0x9F, SC-specific 0xC0-0xDF, ...) stay raw,
 *    so building writes the same octets back.
 *  - Building writes UDHL and the elements of `ies` in order. smsk_udh_add
 *    checks one element, appends it (keeping the caller's pointer) and
 *    takes the typed fields from `ies` again: parsing and adding share the
 *    checks and the typed view, so parse(build(h)) has the typed fields
 *    of h. The add_* helpers write the octets they make into `own` and
 *    point there; `own` holds 140 octets, more than any header that can
 *    be built carries.
 *  - Checked, each an error naming the clause, with diag.offset the IEI
 *    octet of the element: a UDHL beyond `ud` or above 139 (TP-UD is 140
 *    octets); an element running past the UDHL; a length other than the
 *    one its clause fixes (0x00: 3, 0x01: 2, 0x04: 2, 0x05: 4, 0x06: 1,
 *    0x07: 1, 0x08: 4, 0x24: 1, 0x25: 1); 8-bit ports (9.2.3.24.3) in
 *    0-239, which the clause reserves (240-255 are for applications).
 *  - Concatenation (9.2.3.24.1, .8) with a maximum number of 0, a
 *    sequence number of 0 or one above the maximum is not an error when
 *    parsing: the clause tells the receiver to ignore the element, so it
 *    stays in `ies`, sets concat_ignored and gives no concat fields (the
 *    message is read as a single one; nothing is lost). Building such an
 *    element with smsk_udh_add_concat is an error.
 *  - Repeated elements (9.2.3.24): "In the event that IEs determined as
 *    not repeatable are duplicated, the last occurrence of the IE shall
 *    be used", and of mutually exclusive ones (8-bit and 16-bit ports,
 *    8-bit and 16-bit concatenation) the last occurring one is used. So
 *    a repeated concatenation, port or national language element is not
 *    an error: the typed fields take the last one and `ies` keeps all
 *    (a reader of a repeated untyped element, such as SMSC control
 *    parameters, takes the last one too). The comment on smsk_udh_parse
 *    in smskit.h still calls them errors; the standard's rule is the one
 *    followed here.
 *  - UDH source indicator (9.2.3.24.6) sections: the indicator starts the
 *    part of the header inserted by one source (original sender, original
 *    receiver, SMSC), which runs to the next indicator or the end. Each
 *    part is that source's header, so the rule above applies within a
 *    section: the last occurrence in a section is used, and a later
 *    section does not override a typed field an earlier one set (the
 *    part before any indicator is the default content: the sender's in an
 *    SMS-DELIVER). Elements of later sections are in `ies`.
 *  - Special SMS message indication (9.2.3.24.2) is repeatable, one
 *    element per indication; the typed fields show the first. 9.2.3.24.2
 *    gives no rule against two of the same type, so they are accepted.
 *  - National language shifts (9.2.3.24.15, .16): the NLI octet is kept
 *    raw; 1-13 map to smsk_lang, and 0, 14-255 (reserved) and, for the
 *    locking shift, Spanish (which has no locking table) map to
 *    SMSK_LANG_DEFAULT, as a receiver ignores an NLI it has no table for
 *    (TS 23.038 6.2.1.2.5).
 *
 * Traps:
 *  - 9.2.3.24.1 tells a receiver to ignore a concatenation element with
 *    bad numbers, and 9.2.3.24 to ignore reserved values in an element;
 *    this parser is strict and reports both (the first as smskit.h
 *    documents). 16-bit ports are not range-checked: the reserved range
 *    of 9.2.3.24.4 moved between releases and applications use ports in
 *    it. Other reserved values (NLIs, source indicator values, special
 *    SMS indication types) are kept, not rejected.
 *  - UDHL 0 parses to no elements, and a header with no elements builds
 *    to nothing: that is the one input build(parse(x)) does not give back.
 *  - A struct filled by the add_* helpers points into its own `own`: a
 *    copy still points into the original.
 *  - Fill bits before 7-bit text: SMSK_UDH_FILL_BITS(octets) pads the
 *    header to a septet boundary (6 octets: 1 bit, 7: 0, 4: 3).
 */
#include "internal.h"

#define UDHL_MAX 139u       /* 9.2.3.24: TP-UD holds 140 octets */
#define PORT8_MIN 240u      /* 9.2.3.24.3: 0-239 reserved */
#define IE_LEN_MAX 255u     /* one length octet */

#define W_ARG "NULL pointer"
#define W_UDHL_TRUNC "UDHL beyond the user data (TS 23.040 9.2.3.24)"
#define W_UDHL_MAX \
    "UDHL above 139: TP-UD holds 140 octets (TS 23.040 9.2.3.24)"
#define W_IE_HEAD \
    "element's IEI and length run past the UDHL (TS 23.040 9.2.3.24)"
#define W_IE_DATA "element's data runs past the UDHL (TS 23.040 9.2.3.24)"
#define W_LIMIT "more than SMSK_UDH_MAX_IES elements"
#define W_CONCAT_TOTAL \
    "concatenation: maximum number of messages 0 (TS 23.040 9.2.3.24.1)"
#define W_CONCAT_SEQ0 \
    "concatenation: sequence number 0 (TS 23.040 9.2.3.24.1)"
#define W_CONCAT_SEQ \
    "concatenation: sequence number above the maximum (TS 23.040 9.2.3.24.1)"
#define W_PORT8 \
    "8-bit application port in 0-239, reserved (TS 23.040 9.2.3.24.3)"

/* Elements whose clause fixes their length. */
typedef struct ie_rule {
    uint8_t iei;
    uint8_t len;
    const char *what;
} ie_rule;

static const ie_rule rules[] = {
    {SMSK_IEI_CONCAT8, 3,
        "concatenation (8-bit reference) is 3 octets (TS 23.040 9.2.3.24.1)"},
    {SMSK_IEI_SPECIAL_SMS, 2,
        "special SMS message indication is 2 octets (TS 23.040 9.2.3.24.2)"},
    {SMSK_IEI_PORTS8, 2,
        "application ports (8-bit) are 2 octets (TS 23.040 9.2.3.24.3)"},
    {SMSK_IEI_PORTS16, 4,
        "application ports (16-bit) are 4 octets (TS 23.040 9.2.3.24.4)"},
    {SMSK_IEI_SMSC_CONTROL, 1,
        "SMSC control parameters are 1 octet (TS 23.040 9.2.3.24.5)"},
    {SMSK_IEI_UDH_SOURCE, 1,
        "UDH source indicator is 1 octet (TS 23.040 9.2.3.24.6)"},
    {SMSK_IEI_CONCAT16, 4,
        "concatenation (16-bit reference) is 4 octets (TS 23.040 9.2.3.24.8)"},
    {SMSK_IEI_NL_SINGLE, 1,
        "national language single shift is 1 octet (TS 23.040 9.2.3.24.15)"},
    {SMSK_IEI_NL_LOCKING, 1,
        "national language locking shift is 1 octet (TS 23.040 9.2.3.24.16)"},
};

static const ie_rule *rule_for(uint8_t iei)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (rules[i].iei == iei)
            return &rules[i];
    return NULL;
}

static const char *concat_check(unsigned total, unsigned seq)
{
    if (total == 0)
        return W_CONCAT_TOTAL;
    if (seq == 0)
        return W_CONCAT_SEQ0;
    return seq > total ? W_CONCAT_SEQ : NULL;
}

/*
 * A concatenation element of the right length whose numbers are out of
 * range: 9.2.3.24.1 and .8 tell the receiver to "ignore the whole
 * Information Element", so parsing keeps it in `ies` without typed
 * meaning (concat_ignored) instead of rejecting the message.
 */
static int concat_values_bad(uint8_t iei, size_t len)
{
    return (iei == SMSK_IEI_CONCAT8 && len == 3) || (iei == SMSK_IEI_CONCAT16 && len == 4);
}

/* NULL when the element keeps the rules above, else the rule it breaks. */
static const char *ie_check(uint8_t iei, const uint8_t *d, size_t len)
{
    const ie_rule *r = rule_for(iei);
    if (r == NULL)
        return NULL; /* kept raw */
    if (len != r->len)
        return r->what;
    switch (iei) {
    case SMSK_IEI_CONCAT8:
        return concat_check(d[1], d[2]);
    case SMSK_IEI_CONCAT16:
        return concat_check(d[2], d[3]);
    case SMSK_IEI_PORTS8:
        return d[0] < PORT8_MIN || d[1] < PORT8_MIN ? W_PORT8 : NULL;
    default:
        return NULL;
    }
}

/* ---------------------------------------------------------------------
 * The typed view of `ies`
 * ------------------------------------------------------------------- */

static void clear_typed(smsk_udh *udh)
{
    udh->concat_present = 0;
    udh->concat_ref = udh->concat_total = udh->concat_seq = 0;
    udh->concat_ref_bits = 0;
    udh->ports_present = 0;
    udh->port_dst = udh->port_src = udh->port_bits = 0;
    udh->nl_single_present = udh->nl_locking_present = 0;
    udh->nl_single = udh->nl_locking = SMSK_LANG_DEFAULT;
    udh->nl_single_nli = udh->nl_locking_nli = 0;
    udh->special_present = 0;
    udh->special_type = udh->special_count = 0;
    udh->concat_ignored = 0;
}

static unsigned be16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static void set_concat(smsk_udh *udh, const smsk_ie *ie)
{
    const uint8_t *d = ie->data;
    int wide = ie->iei == SMSK_IEI_CONCAT16;
    udh->concat_present = 1;
    udh->concat_ref = wide ? be16(d) : d[0];
    udh->concat_total = d[wide ? 2 : 1];
    udh->concat_seq = d[wide ? 3 : 2];
    udh->concat_ref_bits = wide ? 16u : 8u;
}

static void set_ports(smsk_udh *udh, const smsk_ie *ie)
{
    const uint8_t *d = ie->data;
    int wide = ie->iei == SMSK_IEI_PORTS16;
    udh->ports_present = 1;
    udh->port_dst = wide ? be16(d) : d[0];
    udh->port_src = wide ? be16(d + 2) : d[1];
    udh->port_bits = wide ? 16u : 8u;
}

/* TS 23.038 6.2.1.2.5: an NLI without a table reads as the default. */
static smsk_lang nli_lang(unsigned nli, int locking)
{
    if (nli == 0 || nli >= SMSK_LANG_COUNT)
        return SMSK_LANG_DEFAULT;
    if (locking && !smsk_lang_has_locking((smsk_lang)nli))
        return SMSK_LANG_DEFAULT;
    return (smsk_lang)nli;
}

static void set_shift(smsk_udh *udh, const smsk_ie *ie)
{
    unsigned nli = ie->data[0];
    if (ie->iei == SMSK_IEI_NL_SINGLE) {
        udh->nl_single_present = 1;
        udh->nl_single_nli = nli;
        udh->nl_single = nli_lang(nli, 0);
    } else {
        udh->nl_locking_present = 1;
        udh->nl_locking_nli = nli;
        udh->nl_locking = nli_lang(nli, 1);
    }
}

static void set_special(smsk_udh *udh, const smsk_ie *ie)
{
    udh->special_present = 1;
    udh->special_type = ie->data[0];
    udh->special_count = ie->data[1];
}

/* The UDH source indicator section (9.2.3.24.6) each kind was set in. */
typedef struct sections {
    size_t now, concat, ports, single, locking;
} sections;

/* Whether an element may set its kind's fields: unset, or set in this
 * section (the last occurrence is used); an earlier section keeps it. */
static int takes(int present, size_t *set_in, size_t now)
{
    if (present && *set_in != now)
        return 0;
    *set_in = now;
    return 1;
}

static void take(smsk_udh *udh, const smsk_ie *ie, sections *s)
{
    switch (ie->iei) {
    case SMSK_IEI_UDH_SOURCE:
        s->now++;
        break;
    case SMSK_IEI_CONCAT8:
    case SMSK_IEI_CONCAT16:
        if (takes(udh->concat_present, &s->concat, s->now))
            set_concat(udh, ie);
        break;
    case SMSK_IEI_PORTS8:
    case SMSK_IEI_PORTS16:
        if (takes(udh->ports_present, &s->ports, s->now))
            set_ports(udh, ie);
        break;
    case SMSK_IEI_NL_SINGLE:
        if (takes(udh->nl_single_present, &s->single, s->now))
            set_shift(udh, ie);
        break;
    case SMSK_IEI_NL_LOCKING:
        if (takes(udh->nl_locking_present, &s->locking, s->now))
            set_shift(udh, ie);
        break;
    case SMSK_IEI_SPECIAL_SMS:
        if (!udh->special_present)
            set_special(udh, ie);
        break;
    default:
        break;
    }
}

static void derive(smsk_udh *udh)
{
    sections s = {0, 0, 0, 0, 0};
    clear_typed(udh);
    for (size_t i = 0; i < udh->n_ies; i++) {
        const smsk_ie *ie = &udh->ies[i];
        /* a hand-filled element that breaks a rule has no typed meaning */
        if (ie_check(ie->iei, ie->data, ie->len) == NULL)
            take(udh, ie, &s);
        else if (concat_values_bad(ie->iei, ie->len))
            udh->concat_ignored = 1;
    }
}

/* ---------------------------------------------------------------------
 * Parse
 * ------------------------------------------------------------------- */

static void append(smsk_udh *udh, uint8_t iei, const uint8_t *data,
        size_t len)
{
    smsk_ie *ie = &udh->ies[udh->n_ies++];
    ie->iei = iei;
    ie->len = (uint8_t)len;
    ie->data = data;
}

static smsk_status parse_fail(smsk_udh *udh, smsk_diag *diag,
        smsk_status status, size_t offset, const char *what)
{
    smsk_udh_init(udh); /* no half-parsed header is left behind */
    return smsk__fail(diag, status, offset, SMSK_NO_CODEPOINT, what);
}

/* Split the elements of ud[1 .. end) into `ies`. */
static smsk_status split(smsk_udh *udh, const uint8_t *ud, size_t end,
        smsk_diag *diag)
{
    size_t pos = 1;
    while (pos < end) {
        if (end - pos < 2)
            return parse_fail(udh, diag, SMSK_E_TRUNC, pos, W_IE_HEAD);
        size_t len = ud[pos + 1];
        if (len > end - pos - 2)
            return parse_fail(udh, diag, SMSK_E_TRUNC, pos, W_IE_DATA);
        if (udh->n_ies == SMSK_UDH_MAX_IES)
            return parse_fail(udh, diag, SMSK_E_LIMIT, pos, W_LIMIT);
        const char *what = ie_check(ud[pos], ud + pos + 2, len);
        if (what != NULL && !concat_values_bad(ud[pos], len))
            return parse_fail(udh, diag, SMSK_E_MALFORMED, pos, what);
        append(udh, ud[pos], ud + pos + 2, len);
        pos += 2 + len;
    }
    return SMSK_OK;
}

smsk_status smsk_udh_parse(smsk_udh *udh, const uint8_t *ud, size_t ud_len,
        smsk_diag *diag)
{
    smsk_udh_init(udh);
    if (udh == NULL || ud == NULL)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, W_ARG);
    if (ud_len == 0 || ud[0] > ud_len - 1)
        return parse_fail(udh, diag, SMSK_E_TRUNC, 0, W_UDHL_TRUNC);
    if (ud[0] > UDHL_MAX)
        return parse_fail(udh, diag, SMSK_E_MALFORMED, 0, W_UDHL_MAX);
    SMSK_CHECK(split(udh, ud, (size_t)ud[0] + 1, diag));
    udh->udhl = ud[0];
    derive(udh);
    return SMSK_OK;
}

/* ---------------------------------------------------------------------
 * Build
 * ------------------------------------------------------------------- */

void smsk_udh_init(smsk_udh *udh)
{
    /* not the element array and its octets (1.3 KB): only what says how
     * much of them is used; a TPDU decode does this once per part */
    if (udh == NULL)
        return;
    udh->n_ies = 0;
    udh->udhl = 0;
    udh->own_len = 0;
    clear_typed(udh);
}

smsk_status smsk_udh_add(smsk_udh *udh, uint8_t iei, const uint8_t *data,
        size_t len)
{
    if (udh == NULL || !SMSK_BUF_OK(data, len) || len > IE_LEN_MAX)
        return SMSK_E_ARG;
    if (udh->n_ies >= SMSK_UDH_MAX_IES)
        return SMSK_E_LIMIT;
    if (ie_check(iei, data, len) != NULL)
        return SMSK_E_MALFORMED;
    append(udh, iei, data, len);
    udh->udhl += 2 + len;
    derive(udh);
    return SMSK_OK;
}

static int own_room(const smsk_udh *udh, size_t n)
{
    return udh->own_len <= sizeof udh->own
            && n <= sizeof udh->own - udh->own_len;
}

/* Append an element whose octets live in `own`. */
static smsk_status add_owned(smsk_udh *udh, uint8_t iei,
        const uint8_t *bytes, size_t n)
{
    if (!own_room(udh, n))
        return SMSK_E_LIMIT;
    uint8_t *d = udh->own + udh->own_len;
    memcpy(d, bytes, n);
    SMSK_CHECK(smsk_udh_add(udh, iei, d, n));
    udh->own_len += n;
    return SMSK_OK;
}

smsk_status smsk_udh_add_concat(smsk_udh *udh, unsigned ref, unsigned total,
        unsigned seq, unsigned ref_bits)
{
    if (udh == NULL || total > 0xFFu || seq > 0xFFu)
        return SMSK_E_ARG;
    if (ref_bits == 8 && ref <= 0xFFu) {
        const uint8_t b[3] = {(uint8_t)ref, (uint8_t)total, (uint8_t)seq};
        return add_owned(udh, SMSK_IEI_CONCAT8, b, sizeof b);
    }
    if (ref_bits == 16 && ref <= 0xFFFFu) {
        const uint8_t b[4] = {(uint8_t)(ref >> 8), (uint8_t)ref,
                (uint8_t)total, (uint8_t)seq};
        return add_owned(udh, SMSK_IEI_CONCAT16, b, sizeof b);
    }
    return SMSK_E_ARG;
}

smsk_status smsk_udh_add_ports(smsk_udh *udh, unsigned dst_port,
        unsigned src_port, unsigned bits)
{
    if (udh == NULL)
        return SMSK_E_ARG;
    if (bits == 8 && dst_port <= 0xFFu && src_port <= 0xFFu) {
        const uint8_t b[2] = {(uint8_t)dst_port, (uint8_t)src_port};
        return add_owned(udh, SMSK_IEI_PORTS8, b, sizeof b);
    }
    if (bits == 16 && dst_port <= 0xFFFFu && src_port <= 0xFFFFu) {
        const uint8_t b[4] = {(uint8_t)(dst_port >> 8), (uint8_t)dst_port,
                (uint8_t)(src_port >> 8), (uint8_t)src_port};
        return add_owned(udh, SMSK_IEI_PORTS16, b, sizeof b);
    }
    return SMSK_E_ARG;
}

static int lang_ok(smsk_lang lang)
{
    return (unsigned)lang < SMSK_LANG_COUNT;
}

/* The single shift element first, then the locking one; none for the
 * default tables. Both are added or neither. */
smsk_status smsk_udh_add_shift(smsk_udh *udh, smsk_gsm7_shift shift)
{
    if (udh == NULL || !lang_ok(shift.single) || !lang_ok(shift.locking)
            || (shift.locking != SMSK_LANG_DEFAULT
                && !smsk_lang_has_locking(shift.locking)))
        return SMSK_E_ARG;
    size_t n = (shift.single != SMSK_LANG_DEFAULT ? 1u : 0u)
            + (shift.locking != SMSK_LANG_DEFAULT ? 1u : 0u);
    if (udh->n_ies > SMSK_UDH_MAX_IES - n || !own_room(udh, n))
        return SMSK_E_LIMIT;
    if (shift.single != SMSK_LANG_DEFAULT) {
        const uint8_t nli = (uint8_t)shift.single;
        SMSK_CHECK(add_owned(udh, SMSK_IEI_NL_SINGLE, &nli, 1));
    }
    if (shift.locking != SMSK_LANG_DEFAULT) {
        const uint8_t nli = (uint8_t)shift.locking;
        SMSK_CHECK(add_owned(udh, SMSK_IEI_NL_LOCKING, &nli, 1));
    }
    return SMSK_OK;
}

size_t smsk_udh_len(const smsk_udh *udh)
{
    if (udh == NULL || udh->n_ies == 0)
        return 0;
    size_t n_ies = udh->n_ies < SMSK_UDH_MAX_IES ? udh->n_ies
            : SMSK_UDH_MAX_IES;
    size_t n = 1;
    for (size_t i = 0; i < n_ies; i++)
        n += 2u + udh->ies[i].len;
    return n;
}

/* Every element has its octets (a hand-filled struct may lack them). */
static int ies_ok(const smsk_udh *udh)
{
    if (udh->n_ies > SMSK_UDH_MAX_IES)
        return 0;
    for (size_t i = 0; i < udh->n_ies; i++)
        if (udh->ies[i].data == NULL && udh->ies[i].len != 0)
            return 0;
    return 1;
}

static void write_ies(uint8_t *dst, const smsk_udh *udh, size_t n)
{
    size_t k = 0;
    dst[k++] = (uint8_t)(n - 1); /* UDHL counts the octets after it */
    for (size_t i = 0; i < udh->n_ies; i++) {
        const smsk_ie *ie = &udh->ies[i];
        dst[k++] = ie->iei;
        dst[k++] = ie->len;
        if (ie->len != 0)
            memcpy(dst + k, ie->data, ie->len);
        k += ie->len;
    }
}

smsk_status smsk_udh_build(uint8_t *dst, size_t dst_cap, size_t *dst_len,
        const smsk_udh *udh)
{
    if (dst_len == NULL)
        return SMSK_E_ARG;
    *dst_len = 0;
    if (udh == NULL || !SMSK_BUF_OK(dst, dst_cap) || !ies_ok(udh))
        return SMSK_E_ARG;
    size_t n = smsk_udh_len(udh);
    if (n > UDHL_MAX + 1)
        return SMSK_E_RANGE;
    if (n > dst_cap) {
        *dst_len = n;
        return SMSK_E_NOSPACE;
    }
    if (n != 0)
        write_ies(dst, udh, n);
    *dst_len = n;
    return SMSK_OK;
}
