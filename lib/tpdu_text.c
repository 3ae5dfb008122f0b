/* SPDX-License-Identifier: MIT */
/*
 * The user data of a TPDU as text or data: making TP-DCS, TP-UDHI,
 * TP-UDL and TP-UD from a UDH and a text (TS 23.040 9.2.3.16, 9.2.3.23,
 * 9.2.3.24; TS 23.038 clause 4 and 6.1.2.1.1), and reading the text back.
 *
 * How this works:
 *  - GSM 7-bit: the UDH (if any) comes first, then fill bits up to the
 *    next septet boundary (SMSK_UDH_FILL_BITS), then the packed text.
 *    TP-UDL counts septets: those the UDH and its fill take
 *    (ceil(8 * octets / 7)) plus those of the text. TP-UD takes
 *    ceil(7 * UDL / 8) octets, so a UDH with fill bits and no text still
 *    ends in one octet of fill.
 *  - UCS-2 and 8-bit: UDH octets then text octets; TP-UDL counts octets.
 *  - Reading: the national language shift IEs of the parsed UDH
 *    (9.2.3.24.15-16) pick the tables; a locking NLI without a table
 *    (Spanish, reserved values) falls back to the default alphabet, as a
 *    receiver does.
 *  - TP-DCS: only the alphabet changes. The class, the group and the
 *    reserved bits stay where the group can carry the new alphabet:
 *    1111 has no UCS-2, so a class-1111 DCS becomes the general group
 *    with the same class; the MWI store groups swap between their GSM
 *    7-bit (1101) and UCS-2 (1110) forms; a reserved group becomes the
 *    general group. What cannot carry it (8-bit in MWI groups, UCS-2 in
 *    the discard group) is SMSK_E_RANGE from smsk_dcs_build().
 *  - The tpdu is only changed when the whole call succeeds.
 */
#include "tpdu.h"

/* UDH octets (UDHL included) at the start of the user data. */
static smsk_status udh_octets(const smsk_tpdu *t, size_t *n, smsk_diag *diag)
{
    *n = 0;
    if (!t->udhi)
        return SMSK_OK;
    if (t->ud_len == 0 || (size_t)t->ud[0] + 1 > t->ud_len)
        return smsk__fail(diag, SMSK_E_MALFORMED, 0, SMSK_NO_CODEPOINT,
                "TP-UDHL exceeds TP-UD (TS 23.040 9.2.3.24)");
    *n = (size_t)t->ud[0] + 1;
    return SMSK_OK;
}

/* The tables the UDH's national language shift IEs name. */
static smsk_gsm7_shift udh_shift(const smsk_udh *udh)
{
    smsk_gsm7_shift s = {SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT};
    if (udh->nl_locking_present && smsk_lang_has_locking(udh->nl_locking))
        s.locking = udh->nl_locking;
    if (udh->nl_single_present && (unsigned)udh->nl_single < SMSK_LANG_COUNT)
        s.single = udh->nl_single;
    return s;
}

/* Offsets of the text decoders count from the text; make them count
 * from the start of the user data. */
static smsk_status shift_offset(smsk_status st, size_t by, smsk_diag *diag)
{
    if (st < 0 && st != SMSK_E_ARG && diag != NULL)
        diag->offset += by;
    return st;
}

static smsk_status text_gsm7(char *dst, size_t dst_cap, size_t *dst_len,
        const smsk_tpdu *t, size_t udh, unsigned flags, smsk_diag *diag)
{
    size_t udh_septets = udh ? smsk__udh_septets(udh) : 0;
    if (t->udl < udh_septets)
        return smsk__fail(diag, SMSK_E_MALFORMED, 0, SMSK_NO_CODEPOINT,
                "TP-UDHL exceeds TP-UDL (TS 23.040 9.2.3.24)");
    unsigned fill = udh ? (unsigned)SMSK_UDH_FILL_BITS(udh) : 0u;
    smsk_status st = smsk_gsm7_decode_packed(dst, dst_cap, dst_len,
            t->ud + udh, t->ud_len - udh, t->udl - udh_septets,
            udh_shift(&t->udh), fill, flags & SMSK_GSM7_LENIENT, diag);
    return shift_offset(st, udh, diag);
}

smsk_status smsk_tpdu_text(char *dst, size_t dst_cap, size_t *dst_len,
        const smsk_tpdu *tpdu, unsigned flags, smsk_diag *diag)
{
    if (dst_len == NULL || tpdu == NULL || !SMSK_BUF_OK(dst, dst_cap)
            || !SMSK_BUF_OK(tpdu->ud, tpdu->ud_len)
            || (flags & ~(SMSK_GSM7_LENIENT | SMSK_UCS2_LENIENT)) != 0)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT,
                "NULL pointer or unknown flag");
    *dst_len = 0;
    if (tpdu->type == SMSK_TPDU_COMMAND)
        return smsk__fail(diag, SMSK_E_UNSUPPORTED, 0, SMSK_NO_CODEPOINT,
                "TP-CD has no character set (TS 23.040 9.2.3.21)");
    smsk_dcs dcs;
    SMSK_CHECK(smsk_dcs_parse(&dcs, tpdu->dcs));
    if (dcs.compressed)
        return smsk__fail(diag, SMSK_E_UNSUPPORTED, 0, SMSK_NO_CODEPOINT,
                "compressed user data (TS 23.042) is not decoded");
    if (dcs.encoding == SMSK_ENC_8BIT)
        return smsk__fail(diag, SMSK_E_UNSUPPORTED, 0, SMSK_NO_CODEPOINT,
                "8-bit user data has no text");
    size_t udh = 0;
    SMSK_CHECK(udh_octets(tpdu, &udh, diag));
    if (tpdu->ud_len == 0)
        return SMSK_OK;
    if (dcs.encoding == SMSK_ENC_GSM7)
        return text_gsm7(dst, dst_cap, dst_len, tpdu, udh, flags, diag);
    smsk_status st = smsk_ucs2_decode(dst, dst_cap, dst_len, tpdu->ud + udh,
            tpdu->ud_len - udh, flags & SMSK_UCS2_LENIENT, diag);
    return shift_offset(st, udh, diag);
}

smsk_status smsk_tpdu_payload(const uint8_t **data, size_t *len,
        const smsk_tpdu *tpdu)
{
    if (data == NULL || len == NULL || tpdu == NULL
            || !SMSK_BUF_OK(tpdu->ud, tpdu->ud_len))
        return SMSK_E_ARG;
    size_t udh = 0;
    SMSK_CHECK(udh_octets(tpdu, &udh, NULL));
    *data = tpdu->ud_len ? tpdu->ud + udh : tpdu->ud;
    *len = tpdu->ud_len - udh;
    return SMSK_OK;
}

/* ---------------------------------------------------------------------
 * Making the user data
 * ------------------------------------------------------------------- */

/* `old` with its alphabet set to `enc`, in a group that can carry it. */
static smsk_status dcs_with(uint8_t *octet, uint8_t old, smsk_encoding enc)
{
    smsk_dcs d;
    SMSK_CHECK(smsk_dcs_parse(&d, old));
    d.encoding = enc;
    d.compressed = 0;
    d.alphabet_reserved = 0;
    switch (d.group) {
    case SMSK_DCS_RESERVED:
        d.group = SMSK_DCS_GENERAL;
        d.reserved_bits = 0;
        break;
    case SMSK_DCS_CLASS:
        if (enc == SMSK_ENC_UCS2) {
            d.group = SMSK_DCS_GENERAL; /* 0001 10cc: same class */
            d.reserved_bits = 0;
        }
        break;
    case SMSK_DCS_MWI_STORE:
    case SMSK_DCS_MWI_STORE_UCS2:
        if (enc != SMSK_ENC_8BIT)
            d.group = enc == SMSK_ENC_UCS2 ? SMSK_DCS_MWI_STORE_UCS2
                    : SMSK_DCS_MWI_STORE;
        break;
    default:
        break;
    }
    return smsk_dcs_build(octet, &d);
}

/* The user data being made, before it goes into the tpdu. */
typedef struct ud_plan {
    uint8_t dcs;
    size_t udh_len;   /* UDH octets, UDHL included */
    size_t udl;       /* TP-UDL */
    size_t ud_len;    /* TP-UD octets */
} ud_plan;

/* Check the sizes against TS 23.040's limits and the buffer. */
static smsk_status plan_fits(const ud_plan *p, size_t ud_cap, smsk_diag *diag)
{
    if (p->ud_len > SMSK_UD_MAX_OCTETS || p->udl > SMSK_UD_MAX_SEPTETS)
        return smsk__fail(diag, SMSK_E_RANGE, 0, SMSK_NO_CODEPOINT,
                "UDH and text exceed 140 octets / 160 septets: concatenate");
    if (p->ud_len > ud_cap)
        return smsk__fail(diag, SMSK_E_NOSPACE, ud_cap, SMSK_NO_CODEPOINT,
                "user data buffer too small");
    return SMSK_OK;
}

/* Start a plan: the new TP-DCS and the UDH written into `ud_buf`. */
static smsk_status plan_start(ud_plan *p, const smsk_tpdu *t, uint8_t *ud_buf,
        size_t ud_cap, const smsk_udh *udh, smsk_encoding enc, smsk_diag *diag)
{
    p->dcs = t->dcs;
    if (t->type != SMSK_TPDU_COMMAND && dcs_with(&p->dcs, t->dcs, enc) != SMSK_OK)
        return smsk__fail(diag, SMSK_E_RANGE, 0, SMSK_NO_CODEPOINT,
                "the TP-DCS group cannot carry this alphabet (TS 23.038 clause 4)");
    p->udh_len = udh != NULL ? smsk_udh_len(udh) : 0;
    p->udl = p->ud_len = p->udh_len;
    if (p->udh_len == 0)
        return SMSK_OK;
    SMSK_CHECK(plan_fits(p, ud_cap, diag));
    size_t n = 0;
    smsk_status st = smsk_udh_build(ud_buf, ud_cap, &n, udh);
    if (st < 0)
        return smsk__fail(diag, st, 0, SMSK_NO_CODEPOINT, "UDH cannot be built");
    return SMSK_OK;
}

/* Put the finished plan into the tpdu. */
static smsk_status plan_commit(smsk_tpdu *t, const ud_plan *p,
        const uint8_t *ud_buf, smsk_diag *diag)
{
    smsk_udh udh;
    smsk_udh_init(&udh);
    if (p->udh_len > 0)
        SMSK_CHECK(smsk_udh_parse(&udh, ud_buf, p->ud_len, diag));
    t->udh = udh;
    t->dcs = p->dcs;
    SMSK_CHECK(smsk_dcs_parse(&t->dcs_info, p->dcs));
    t->udhi = p->udh_len > 0;
    t->has_ud = 1;
    t->udl = p->udl;
    t->ud = ud_buf;
    t->ud_len = p->ud_len;
    if (t->type == SMSK_TPDU_DELIVER_REPORT || t->type == SMSK_TPDU_SUBMIT_REPORT
            || t->type == SMSK_TPDU_STATUS_REPORT) {
        t->pi_present = 1;
        t->pi = (uint8_t)(t->pi | SMSK_PI_DCS | SMSK_PI_UDL);
    }
    return SMSK_OK;
}

static smsk_status set_gsm7(smsk_tpdu *t, uint8_t *ud_buf, size_t ud_cap,
        ud_plan *p, const char *text, size_t text_len, smsk_gsm7_shift shift,
        smsk_diag *diag)
{
    size_t n = 0;
    SMSK_CHECK(smsk_gsm7_count(&n, text, text_len, shift, 0, diag));
    size_t head = p->udh_len ? smsk__udh_septets(p->udh_len) : 0;
    p->udl = head + n;
    p->ud_len = smsk__tpdu_ud_octets(p->udl, 1);
    SMSK_CHECK(plan_fits(p, ud_cap, diag));
    if (p->ud_len > p->udh_len) {
        /* The fill bits, and the fill octet of a UDH with no text. */
        memset(ud_buf + p->udh_len, 0, p->ud_len - p->udh_len);
        unsigned fill = p->udh_len ? (unsigned)SMSK_UDH_FILL_BITS(p->udh_len) : 0u;
        size_t wrote = 0, septets = 0;
        SMSK_CHECK(smsk_gsm7_encode_packed(ud_buf + p->udh_len,
                p->ud_len - p->udh_len, &wrote, &septets, text, text_len,
                shift, fill, 0, diag));
    }
    return plan_commit(t, p, ud_buf, diag);
}

/* UCS-2 text or 8-bit data (`text` NULL: `data`) after the UDH. */
static smsk_status set_octets(smsk_tpdu *t, uint8_t *ud_buf, size_t ud_cap,
        ud_plan *p, const char *text, const uint8_t *data, size_t len,
        smsk_diag *diag)
{
    size_t n = len;
    if (text != NULL) {
        /* one pass: encode into the room there is; when it does not fit,
         * `n` is the size needed and plan_fits() names the limit */
        size_t room = ud_cap > p->udh_len ? ud_cap - p->udh_len : 0;
        if (room > SMSK_UD_MAX_OCTETS)
            room = SMSK_UD_MAX_OCTETS;
        smsk_status st = smsk_ucs2_encode(ud_buf + p->udh_len, room, &n, text, len, diag);
        if (st < 0 && st != SMSK_E_NOSPACE)
            return st;
    }
    /* any length past 140 octets fails plan_fits() the same way; clamping
     * first keeps the sum from wrapping round to a length that fits */
    if (n > SMSK_UD_MAX_OCTETS)
        n = SMSK_UD_MAX_OCTETS + 1;
    p->udl = p->ud_len = p->udh_len + n;
    SMSK_CHECK(plan_fits(p, ud_cap, diag));
    if (n > 0 && text == NULL)
        memcpy(ud_buf + p->udh_len, data, n);
    return plan_commit(t, p, ud_buf, diag);
}

smsk_status smsk_tpdu_set_text(smsk_tpdu *tpdu, uint8_t *ud_buf,
        size_t ud_cap, const smsk_udh *udh, const char *text,
        size_t text_len, smsk_encoding encoding, smsk_gsm7_shift shift,
        smsk_diag *diag)
{
    if (tpdu == NULL || !SMSK_BUF_OK(ud_buf, ud_cap)
            || !SMSK_BUF_OK(text, text_len)
            || (unsigned)encoding > SMSK_ENC_UCS2
            || tpdu->type == SMSK_TPDU_COMMAND)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT,
                "NULL pointer, unknown encoding, or an SMS-COMMAND");
    ud_plan p;
    SMSK_CHECK(plan_start(&p, tpdu, ud_buf, ud_cap, udh, encoding, diag));
    if (encoding == SMSK_ENC_GSM7)
        return set_gsm7(tpdu, ud_buf, ud_cap, &p, text, text_len, shift, diag);
    if (encoding == SMSK_ENC_UCS2)
        return set_octets(tpdu, ud_buf, ud_cap, &p, text ? text : "", NULL,
                text_len, diag);
    /* 8-bit text: its UTF-8 octets as they are (as smsk_text_choose). */
    return set_octets(tpdu, ud_buf, ud_cap, &p, NULL,
            (const uint8_t *)text, text_len, diag);
}

smsk_status smsk_tpdu_set_data(smsk_tpdu *tpdu, uint8_t *ud_buf,
        size_t ud_cap, const smsk_udh *udh, const uint8_t *data,
        size_t data_len, smsk_diag *diag)
{
    if (tpdu == NULL || !SMSK_BUF_OK(ud_buf, ud_cap)
            || !SMSK_BUF_OK(data, data_len))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer");
    ud_plan p;
    SMSK_CHECK(plan_start(&p, tpdu, ud_buf, ud_cap, udh, SMSK_ENC_8BIT, diag));
    return set_octets(tpdu, ud_buf, ud_cap, &p, NULL, data, data_len, diag);
}
