/* SPDX-License-Identifier: MIT */
/*
 * TPDUs: the six types of 3GPP TS 23.040 9.2.2 and their fields (9.2.3),
 * taken apart and put back together; the SC address in front of them in
 * AT PDU mode (TS 27.005 3.1, TS 24.011 8.2.5.1).
 *
 * How this works:
 *  - TP-MTI (9.2.3.1, bits 1..0 of the first octet) and the direction
 *    give the type: MT 0 DELIVER, 1 SUBMIT-REPORT, 2 STATUS-REPORT; MO 0
 *    DELIVER-REPORT, 1 SUBMIT, 2 COMMAND; SMSK_DIR_ANY 0 DELIVER,
 *    1 SUBMIT, 2 STATUS-REPORT. 3 is reserved: SMSK_E_UNSUPPORTED.
 *  - One parse and one build function per type read or write its fields
 *    in the order of its 9.2.2 table, through shared field helpers. A
 *    reader and a writer keep the position; every read checks the length
 *    first, and the writer counts what it could not store, so that
 *    SMSK_E_NOSPACE always reports the size needed.
 *  - First octet: the table `fo_flags` says where each flag of the type
 *    sits (9.2.3.2-9.2.3.28). Bits a type does not define are reserved
 *    (DELIVER bit 4; STATUS-REPORT bits 4, 7; COMMAND bits 2-4, 7; the
 *    reports bits 2-5, 7); building takes them from `first_octet`, so
 *    that parse then build gives the octet back.
 *  - DELIVER-REPORT and SUBMIT-REPORT come in an RP-ERROR form with
 *    TP-FCS and an RP-ACK form without it (9.2.2.1a, 9.2.2.2a); the TPDU
 *    itself does not say which. Every TP-FCS value is 0x80-0xFF (9.2.3.22
 *    reserves 0x00-0x7F), and a TP-PI with bit 7 set would announce
 *    extension octets that no release defines (9.2.3.27). So the octet
 *    after the first octet is read as TP-FCS when its bit 7 is set, as
 *    TP-PI otherwise, and building refuses an FCS below 0x80 or a PI
 *    with bit 7 set, which could not be read back.
 *  - TP-PI (9.2.3.27): bits 0-2 announce TP-PID, TP-DCS and TP-UDL
 *    (TP-UD with it); a missing TP-DCS reads as 0x00. The reserved bits
 *    6..3 are ignored as the clause says, and "a receiving entity shall
 *    discard any octets following the TP-User-Data": with one of them
 *    set, octets after the TPDU are counted in `trailing`, not refused.
 *  - TP-UDL (9.2.3.16) counts septets for uncompressed GSM 7-bit and
 *    octets otherwise, as `dcs_info` says; TP-UD then takes
 *    ceil(7 * UDL / 8) or UDL octets. With TP-UDHI the UDH sits inside
 *    TP-UD and inside the count (for 7-bit: as septets, fill bits
 *    included), and is parsed with smsk_udh_parse(). TP-CDL (9.2.3.20)
 *    always counts octets.
 *  - Errors name the field in `diag.what` ("TP-OA truncated") and give
 *    the offset of its first octet, or of the octet at fault where the
 *    field helpers (address, time stamp, validity, UDH) say which.
 *
 *  - The limits: TP-UDL above 160 septets or 140 octets is malformed
 *    (9.2.3.16); TP-CDL has only its octet. A TPDU is not refused for
 *    being longer than SMSK_TPDU_MAX.
 *
 * Choices and traps:
 *  - A TP-PI with bit 7 set (extension octets follow, 9.2.3.27) is
 *    SMSK_E_UNSUPPORTED: smsk_tpdu keeps one TP-PI octet.
 *  - A UDH element running past the UDHL is SMSK_E_MALFORMED here, not
 *    SMSK_E_TRUNC as smsk_udh_parse() says: TP-UDL has been checked, so
 *    the input did not end; the lengths disagree.
 *  - `dcs` is what is sent; `dcs_info` is its reading. Building writes
 *    `dcs` and decides how TP-UDL counts from it, not from `dcs_info`.
 *  - TP-VP: `vp.raw` is written when `vp.raw_len` is set (exact octets);
 *    otherwise the relative and absolute forms are made from `seconds`
 *    and `absolute`, the enhanced form from `evpf`, `single_shot` and
 *    `seconds` (9.2.3.12).
 */
#include "tpdu.h"

#include <stddef.h>

/* ---------------------------------------------------------------------
 * The first octet
 * ------------------------------------------------------------------- */

#define TYPE_BIT(type) (1u << (unsigned)(type))
#define ALL_TYPES 0x3Fu
#define MTI_MASK 0x03u
#define VPF_SHIFT 3u
#define VPF_MASK 0x18u

/* Where each flag of smsk_tpdu sits, and which types have it. */
typedef struct fo_flag {
    size_t field;  /* offsetof the int in smsk_tpdu */
    uint8_t mask;  /* its bit in the first octet */
    unsigned types;
} fo_flag;

static const fo_flag fo_flags[] = {
    /* 9.2.3.2 TP-MMS */
    {offsetof(smsk_tpdu, mms), 0x04u,
            TYPE_BIT(SMSK_TPDU_DELIVER) | TYPE_BIT(SMSK_TPDU_STATUS_REPORT)},
    /* 9.2.3.25 TP-RD */
    {offsetof(smsk_tpdu, rd), 0x04u, TYPE_BIT(SMSK_TPDU_SUBMIT)},
    /* 9.2.3.28 TP-LP */
    {offsetof(smsk_tpdu, lp), 0x08u,
            TYPE_BIT(SMSK_TPDU_DELIVER) | TYPE_BIT(SMSK_TPDU_STATUS_REPORT)},
    /* 9.2.3.4 TP-SRI */
    {offsetof(smsk_tpdu, sri), 0x20u, TYPE_BIT(SMSK_TPDU_DELIVER)},
    /* 9.2.3.5 TP-SRR */
    {offsetof(smsk_tpdu, srr), 0x20u,
            TYPE_BIT(SMSK_TPDU_SUBMIT) | TYPE_BIT(SMSK_TPDU_COMMAND)},
    /* 9.2.3.26 TP-SRQ */
    {offsetof(smsk_tpdu, srq), 0x20u, TYPE_BIT(SMSK_TPDU_STATUS_REPORT)},
    /* 9.2.3.23 TP-UDHI */
    {offsetof(smsk_tpdu, udhi), 0x40u, ALL_TYPES},
    /* 9.2.3.17 TP-RP */
    {offsetof(smsk_tpdu, rp), 0x80u,
            TYPE_BIT(SMSK_TPDU_DELIVER) | TYPE_BIT(SMSK_TPDU_SUBMIT)},
};

#define N_FO_FLAGS (sizeof fo_flags / sizeof fo_flags[0])

static int *flag_field(smsk_tpdu *t, const fo_flag *f)
{
    return (int *)(void *)((char *)t + f->field);
}

static int flag_value(const smsk_tpdu *t, const fo_flag *f)
{
    return *(const int *)(const void *)((const char *)t + f->field);
}

/* The first octet's bits that carry a field of `type` (TP-MTI included). */
static unsigned fo_defined(smsk_tpdu_type type)
{
    unsigned m = MTI_MASK;
    for (size_t i = 0; i < N_FO_FLAGS; i++)
        if (fo_flags[i].types & TYPE_BIT(type))
            m |= fo_flags[i].mask;
    if (type == SMSK_TPDU_SUBMIT)
        m |= VPF_MASK;
    return m;
}

static void fo_unpack(smsk_tpdu *t)
{
    for (size_t i = 0; i < N_FO_FLAGS; i++)
        if (fo_flags[i].types & TYPE_BIT(t->type))
            *flag_field(t, &fo_flags[i]) = (t->first_octet & fo_flags[i].mask) != 0;
    if (t->type == SMSK_TPDU_SUBMIT)
        t->vpf = (smsk_vpf)((t->first_octet & VPF_MASK) >> VPF_SHIFT);
}

/* 9.2.3.1: TP-MTI of each type. */
static const uint8_t type_mti[] = {0, 0, 1, 1, 2, 2};

static uint8_t fo_pack(const smsk_tpdu *t)
{
    unsigned fo = t->first_octet & ~fo_defined(t->type) & 0xFFu;
    fo |= type_mti[t->type];
    for (size_t i = 0; i < N_FO_FLAGS; i++)
        if ((fo_flags[i].types & TYPE_BIT(t->type)) && flag_value(t, &fo_flags[i]))
            fo |= fo_flags[i].mask;
    if (t->type == SMSK_TPDU_SUBMIT)
        fo |= ((unsigned)t->vpf << VPF_SHIFT) & VPF_MASK;
    return (uint8_t)fo;
}

/* 9.2.3.1 by direction; TP-MTI 3 is reserved. */
static const smsk_tpdu_type mti_type[3][3] = {
    {SMSK_TPDU_DELIVER, SMSK_TPDU_SUBMIT, SMSK_TPDU_STATUS_REPORT},
    {SMSK_TPDU_DELIVER, SMSK_TPDU_SUBMIT_REPORT, SMSK_TPDU_STATUS_REPORT},
    {SMSK_TPDU_DELIVER_REPORT, SMSK_TPDU_SUBMIT, SMSK_TPDU_COMMAND},
};

const char *smsk_tpdu_type_name(smsk_tpdu_type type)
{
    static const char *const names[] = {
        "sms-deliver", "sms-deliver-report", "sms-submit",
        "sms-submit-report", "sms-status-report", "sms-command",
    };
    if ((unsigned)type >= sizeof names / sizeof names[0])
        return NULL;
    return names[type];
}

/* ---------------------------------------------------------------------
 * Field names for diag.what
 * ------------------------------------------------------------------- */

/* A field read or written by a helper that reports its own offset. */
typedef struct field_names {
    const char *trunc;   /* the input ends inside the field */
    const char *bad;     /* the helper refused the value */
} field_names;

#define ADDRESS_FIELD(name, clause) \
    {name " truncated", name " is not a valid address (" clause ")"}
#define TIME_FIELD(name, kind, clause) \
    {name " truncated", name " is not a valid " kind " (TS 23.040 " clause ")"}

static const field_names F_OA = ADDRESS_FIELD("TP-OA", "TS 23.040 9.1.2.5");
static const field_names F_DA = ADDRESS_FIELD("TP-DA", "TS 23.040 9.1.2.5");
static const field_names F_RA = ADDRESS_FIELD("TP-RA", "TS 23.040 9.1.2.5");
static const field_names F_SC = ADDRESS_FIELD("SC address", "TS 24.011 8.2.5.1");
static const field_names F_SCTS = TIME_FIELD("TP-SCTS", "time stamp", "9.2.3.11");
static const field_names F_DT = TIME_FIELD("TP-DT", "time", "9.2.3.13");
static const field_names F_VP = TIME_FIELD("TP-VP", "validity period", "9.2.3.12");

/* TP-UDL/TP-UD, or TP-CDL/TP-CD of SMS-COMMAND. */
typedef struct ud_names {
    int command;           /* TP-CDL: octets, no upper limit but its octet */
    const char *len_trunc; /* no length octet */
    const char *short_ud;  /* fewer octets than the length says */
    const char *over;      /* length above the maximum */
    const char *udh_over;  /* UDHL beyond the data */
    const char *udh_empty; /* UDHI with no data */
} ud_names;

static const ud_names UD_OCTETS = {0, "TP-UDL truncated",
        "TP-UDL exceeds the user data",
        "TP-UDL above 140 octets (TS 23.040 9.2.3.16)",
        "TP-UDHL exceeds TP-UDL (TS 23.040 9.2.3.24)",
        "TP-UDHI set but TP-UD is empty (TS 23.040 9.2.3.23)"};
static const ud_names UD_SEPTETS = {0, "TP-UDL truncated",
        "TP-UDL exceeds the user data",
        "TP-UDL above 160 septets (TS 23.040 9.2.3.16)",
        "TP-UDHL exceeds TP-UDL (TS 23.040 9.2.3.24)",
        "TP-UDHI set but TP-UD is empty (TS 23.040 9.2.3.23)"};
static const ud_names CD_OCTETS = {1, "TP-CDL truncated",
        "TP-CDL exceeds the command data",
        "TP-CDL above 255 octets",
        "TP-UDHL exceeds TP-CDL (TS 23.040 9.2.3.24)",
        "TP-UDHI set but TP-CD is empty (TS 23.040 9.2.2.4)"};

static const ud_names *ud_names_for(const smsk_tpdu *t, const smsk_dcs *dcs)
{
    if (t->type == SMSK_TPDU_COMMAND)
        return &CD_OCTETS;
    return smsk__tpdu_udl_septets(dcs) ? &UD_SEPTETS : &UD_OCTETS;
}

/* ---------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------- */

typedef struct reader {
    const uint8_t *src;
    size_t len;
    size_t pos;
    size_t base;    /* offset of src[0] in the caller's input */
    int discard;    /* TP-PI reserved bit set: drop what follows */
    smsk_diag *diag;
} reader;

static smsk_status rd_fail(reader *r, smsk_status st, size_t at,
        const char *what)
{
    return smsk__fail(r->diag, st, r->base + at, SMSK_NO_CODEPOINT, what);
}

static smsk_status get_octet(reader *r, uint8_t *v, const char *trunc)
{
    if (r->pos >= r->len)
        return rd_fail(r, SMSK_E_TRUNC, r->pos, trunc);
    *v = r->src[r->pos++];
    return SMSK_OK;
}

/* 9.2.3.6 TP-MR */
static smsk_status get_mr(reader *r, smsk_tpdu *t)
{
    uint8_t v = 0;
    SMSK_CHECK(get_octet(r, &v, "TP-MR truncated"));
    t->mr = v;
    return SMSK_OK;
}

/* 9.2.3.10 TP-DCS, read as TS 23.038 clause 4 says. */
static smsk_status get_dcs(reader *r, smsk_tpdu *t)
{
    SMSK_CHECK(get_octet(r, &t->dcs, "TP-DCS truncated"));
    return smsk_dcs_parse(&t->dcs_info, t->dcs);
}

/* A helper's error: truncation at the field, anything else where the
 * helper points. */
static smsk_status helper_fail(reader *r, smsk_status st, size_t at,
        const smsk_diag *d, const field_names *f)
{
    if (st == SMSK_E_TRUNC)
        return rd_fail(r, st, at, f->trunc);
    return rd_fail(r, st, at + d->offset, f->bad);
}

/* 9.1.2.5 address fields (TP-OA, TP-DA, TP-RA) and the SC address. */
static smsk_status get_addr(reader *r, smsk_addr *a, smsk_addr_kind kind,
        const field_names *f)
{
    size_t at = r->pos, used = 0;
    smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
    smsk_status st = smsk_addr_parse(a, &used, r->src + at, r->len - at,
            kind, &d);
    if (st < 0)
        return helper_fail(r, st, at, &d, f);
    r->pos += used;
    return SMSK_OK;
}

/* 9.2.3.11 TP-SCTS, 9.2.3.13 TP-DT: 7 semi-octet octets. */
static smsk_status get_time(reader *r, smsk_time *t, const field_names *f)
{
    size_t at = r->pos;
    if (r->len - at < SMSK_SCTS_LEN)
        return rd_fail(r, SMSK_E_TRUNC, at, f->trunc);
    smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
    smsk_status st = smsk_scts_parse(t, r->src + at, &d);
    if (st < 0)
        return helper_fail(r, st, at, &d, f);
    r->pos += SMSK_SCTS_LEN;
    return SMSK_OK;
}

/* 9.2.3.12 TP-VP in the format TP-VPF gives. */
static smsk_status get_vp(reader *r, smsk_tpdu *t)
{
    size_t at = r->pos, used = 0;
    smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
    smsk_status st = smsk_vp_parse(&t->vp, &used, r->src + at, r->len - at,
            t->vpf, &d);
    if (st < 0)
        return helper_fail(r, st, at, &d, &F_VP);
    r->pos += used;
    return SMSK_OK;
}

/* 9.2.3.24: the UDH at the start of the user data at `at`. */
static smsk_status get_udh(reader *r, smsk_tpdu *t, size_t at,
        int septets, const ud_names *n)
{
    if (t->ud_len == 0)
        return rd_fail(r, SMSK_E_MALFORMED, at, n->udh_empty);
    size_t udh = (size_t)t->ud[0] + 1;
    if (udh > t->ud_len || (septets && smsk__udh_septets(udh) > t->udl))
        return rd_fail(r, SMSK_E_MALFORMED, at, n->udh_over);
    smsk_diag d = {0, SMSK_NO_CODEPOINT, "TP-UDH breaks TS 23.040 9.2.3.24"};
    smsk_status st = smsk_udh_parse(&t->udh, t->ud, t->ud_len, &d);
    if (st < 0) {
        /* Inside a UDHL that fits, an element running past it is a bad
         * header, not the end of the input. */
        if (st == SMSK_E_TRUNC)
            st = SMSK_E_MALFORMED;
        return smsk__fail(r->diag, st, r->base + at + d.offset, d.codepoint,
                d.what);
    }
    return SMSK_OK;
}

/* 9.2.3.16 TP-UDL and 9.2.3.24 TP-UD; 9.2.3.20 TP-CDL, 9.2.3.21 TP-CD. */
static smsk_status get_ud(reader *r, smsk_tpdu *t)
{
    const ud_names *n = ud_names_for(t, &t->dcs_info);
    int septets = n == &UD_SEPTETS;
    uint8_t udl = 0;
    SMSK_CHECK(get_octet(r, &udl, n->len_trunc));
    size_t max = septets ? SMSK_UD_MAX_SEPTETS
            : n->command ? 255u : SMSK_UD_MAX_OCTETS;
    if (udl > max)
        return rd_fail(r, SMSK_E_MALFORMED, r->pos - 1, n->over);
    size_t at = r->pos, octets = smsk__tpdu_ud_octets(udl, septets);
    if (r->len - at < octets)
        return rd_fail(r, SMSK_E_TRUNC, at, n->short_ud);
    t->has_ud = 1;
    t->udl = udl;
    t->ud = r->src + at;
    t->ud_len = octets;
    r->pos += octets;
    return t->udhi ? get_udh(r, t, at, septets, n) : SMSK_OK;
}

/* 9.2.3.27 TP-PI (already in t->pi) and the fields it announces. */
static smsk_status get_pi_fields(reader *r, smsk_tpdu *t)
{
    if (t->pi & SMSK__PI_EXTENSION)
        return rd_fail(r, SMSK_E_UNSUPPORTED, r->pos - 1,
                "TP-PI extension octets are not supported (TS 23.040 9.2.3.27)");
    r->discard = (t->pi & SMSK__PI_RESERVED) != 0;
    if (t->pi & SMSK_PI_PID)
        SMSK_CHECK(get_octet(r, &t->pid, "TP-PID truncated"));
    if (t->pi & SMSK_PI_DCS)
        SMSK_CHECK(get_dcs(r, t));
    if (t->pi & SMSK_PI_UDL)
        return get_ud(r, t);
    if (t->udhi)
        return rd_fail(r, SMSK_E_MALFORMED, r->pos,
                "TP-UDHI set but TP-PI announces no TP-UD (TS 23.040 9.2.3.27)");
    return SMSK_OK;
}

/* 9.2.2.1a, 9.2.2.2a: TP-FCS (RP-ERROR form) when bit 7 is set, then
 * the mandatory TP-PI. */
static smsk_status get_report_head(reader *r, smsk_tpdu *t)
{
    uint8_t o = 0;
    SMSK_CHECK(get_octet(r, &o, "TP-PI truncated"));
    if (o & 0x80u) {
        t->fcs_present = 1;
        t->fcs = o;
        SMSK_CHECK(get_octet(r, &o, "TP-PI truncated"));
    }
    t->pi_present = 1;
    t->pi = o;
    return SMSK_OK;
}

/* 9.2.2.1 SMS-DELIVER */
static smsk_status parse_deliver(reader *r, smsk_tpdu *t)
{
    SMSK_CHECK(get_addr(r, &t->addr, SMSK_ADDR_TP, &F_OA));
    SMSK_CHECK(get_octet(r, &t->pid, "TP-PID truncated"));
    SMSK_CHECK(get_dcs(r, t));
    SMSK_CHECK(get_time(r, &t->scts, &F_SCTS));
    return get_ud(r, t);
}

/* 9.2.2.1a SMS-DELIVER-REPORT */
static smsk_status parse_deliver_report(reader *r, smsk_tpdu *t)
{
    SMSK_CHECK(get_report_head(r, t));
    return get_pi_fields(r, t);
}

/* 9.2.2.2 SMS-SUBMIT */
static smsk_status parse_submit(reader *r, smsk_tpdu *t)
{
    SMSK_CHECK(get_mr(r, t));
    SMSK_CHECK(get_addr(r, &t->addr, SMSK_ADDR_TP, &F_DA));
    SMSK_CHECK(get_octet(r, &t->pid, "TP-PID truncated"));
    SMSK_CHECK(get_dcs(r, t));
    SMSK_CHECK(get_vp(r, t));
    return get_ud(r, t);
}

/* 9.2.2.2a SMS-SUBMIT-REPORT */
static smsk_status parse_submit_report(reader *r, smsk_tpdu *t)
{
    SMSK_CHECK(get_report_head(r, t));
    SMSK_CHECK(get_time(r, &t->scts, &F_SCTS));
    return get_pi_fields(r, t);
}

/* 9.2.2.3 SMS-STATUS-REPORT; TP-PI and what follows are optional. */
static smsk_status parse_status_report(reader *r, smsk_tpdu *t)
{
    SMSK_CHECK(get_mr(r, t));
    SMSK_CHECK(get_addr(r, &t->addr, SMSK_ADDR_TP, &F_RA));
    SMSK_CHECK(get_time(r, &t->scts, &F_SCTS));
    SMSK_CHECK(get_time(r, &t->dt, &F_DT));
    SMSK_CHECK(get_octet(r, &t->st, "TP-ST truncated"));
    if (r->pos == r->len && t->udhi)
        return rd_fail(r, SMSK_E_MALFORMED, r->pos,
                "TP-UDHI set but there is no TP-PI or TP-UD (TS 23.040 9.2.2.3)");
    if (r->pos == r->len)
        return SMSK_OK;
    t->pi_present = 1;
    t->pi = r->src[r->pos++];
    return get_pi_fields(r, t);
}

/* 9.2.2.4 SMS-COMMAND */
static smsk_status parse_command(reader *r, smsk_tpdu *t)
{
    SMSK_CHECK(get_mr(r, t));
    SMSK_CHECK(get_octet(r, &t->pid, "TP-PID truncated"));
    SMSK_CHECK(get_octet(r, &t->ct, "TP-CT truncated"));
    SMSK_CHECK(get_octet(r, &t->mn, "TP-MN truncated"));
    SMSK_CHECK(get_addr(r, &t->addr, SMSK_ADDR_TP, &F_DA));
    return get_ud(r, t);
}

typedef smsk_status (*parse_fn)(reader *r, smsk_tpdu *t);

static const parse_fn parsers[] = {
    parse_deliver, parse_deliver_report, parse_submit,
    parse_submit_report, parse_status_report, parse_command,
};

static int args_ok(const void *out, const uint8_t *src, size_t src_len,
        smsk_direction dir, unsigned flags)
{
    return out != NULL && SMSK_BUF_OK(src, src_len)
            && (unsigned)dir <= SMSK_DIR_MO
            && (flags & ~SMSK_TPDU_LENIENT) == 0;
}

/* Zero a TPDU but the UDH's element storage, which n_ies bounds. In
 * 64-octet steps: one memset of the whole prefix becomes `rep stos`,
 * whose start-up costs as much as the rest of a decode. */
static void clear_tpdu(smsk_tpdu *t)
{
    enum { PREFIX = offsetof(smsk_tpdu, udh), STEP = 64 };
    unsigned char *p = (unsigned char *)t;
    for (size_t k = 0; k + STEP <= PREFIX; k += STEP)
        memset(p + k, 0, STEP);
    memset(p + PREFIX / STEP * STEP, 0, PREFIX % STEP);
    smsk_udh_init(&t->udh);
    t->trailing = 0;
}

static smsk_status parse_tpdu(reader *r, smsk_tpdu *t, smsk_direction dir,
        unsigned flags)
{
    clear_tpdu(t);
    uint8_t fo = 0;
    SMSK_CHECK(get_octet(r, &fo, "TP-MTI truncated: no first octet"));
    if ((fo & MTI_MASK) == 3u)
        return rd_fail(r, SMSK_E_UNSUPPORTED, 0,
                "TP-MTI 3 is reserved (TS 23.040 9.2.3.1)");
    t->type = mti_type[dir][fo & MTI_MASK];
    /* What a TPDU without TP-DCS reads as (DELIVER and SUBMIT always
     * have one, before their user data). */
    if (t->type != SMSK_TPDU_DELIVER && t->type != SMSK_TPDU_SUBMIT)
        SMSK_CHECK(smsk_dcs_parse(&t->dcs_info, 0));
    t->first_octet = fo;
    fo_unpack(t);
    SMSK_CHECK(parsers[t->type](r, t));
    if (r->pos < r->len) {
        if (!(flags & SMSK_TPDU_LENIENT) && !r->discard)
            return rd_fail(r, SMSK_E_MALFORMED, r->pos,
                    "octets after the end of the TPDU");
        t->trailing = r->len - r->pos;
    }
    return SMSK_OK;
}

smsk_status smsk_tpdu_parse(smsk_tpdu *tpdu, const uint8_t *src,
        size_t src_len, smsk_direction dir, unsigned flags, smsk_diag *diag)
{
    if (!args_ok(tpdu, src, src_len, dir, flags))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT,
                "NULL pointer, unknown direction or flag");
    reader r = {src, src_len, 0, 0, 0, diag};
    return parse_tpdu(&r, tpdu, dir, flags);
}

smsk_status smsk_pdu_parse(smsk_addr *smsc, smsk_tpdu *tpdu,
        const uint8_t *src, size_t src_len, smsk_direction dir,
        unsigned flags, smsk_diag *diag)
{
    if (!args_ok(tpdu, src, src_len, dir, flags))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT,
                "NULL pointer, unknown direction or flag");
    smsk_addr local;
    reader sc = {src, src_len, 0, 0, 0, diag};
    SMSK_CHECK(get_addr(&sc, smsc != NULL ? smsc : &local, SMSK_ADDR_SC, &F_SC));
    reader r = {src + sc.pos, src_len - sc.pos, 0, sc.pos, 0, diag};
    return parse_tpdu(&r, tpdu, dir, flags);
}

/* ---------------------------------------------------------------------
 * Writing
 * ------------------------------------------------------------------- */

typedef struct writer {
    uint8_t *dst;
    size_t cap;
    size_t len;     /* octets the TPDU takes so far, stored or not */
    smsk_diag *diag;
} writer;

static void put(writer *w, const uint8_t *p, size_t n)
{
    if (n > 0 && w->len <= w->cap && n <= w->cap - w->len)
        memcpy(w->dst + w->len, p, n);
    w->len += n;
}

static void put_octet(writer *w, unsigned v)
{
    uint8_t o = (uint8_t)v;
    put(w, &o, 1);
}

static smsk_status wr_fail(writer *w, smsk_status st, const char *what)
{
    return smsk__fail(w->diag, st, w->len, SMSK_NO_CODEPOINT, what);
}

static smsk_status put_mr(writer *w, const smsk_tpdu *t)
{
    if (t->mr > 255u)
        return wr_fail(w, SMSK_E_RANGE, "TP-MR above 255 (TS 23.040 9.2.3.6)");
    put_octet(w, t->mr);
    return SMSK_OK;
}

static smsk_status put_addr(writer *w, const smsk_addr *a,
        smsk_addr_kind kind, const field_names *f)
{
    uint8_t buf[SMSK_ADDR_MAX];
    size_t n = 0;
    if (smsk_addr_build(buf, sizeof buf, &n, a, kind) != SMSK_OK)
        return wr_fail(w, SMSK_E_MALFORMED, f->bad);
    put(w, buf, n);
    return SMSK_OK;
}

static smsk_status put_time(writer *w, const smsk_time *t,
        const field_names *f)
{
    uint8_t buf[SMSK_SCTS_LEN];
    if (smsk_scts_build(buf, t) != SMSK_OK)
        return wr_fail(w, SMSK_E_MALFORMED, f->bad);
    put(w, buf, sizeof buf);
    return SMSK_OK;
}

/* Semi-octets of 0-99, low digit in the high nibble (9.2.3.11). */
static uint8_t semi_octets(uint32_t v)
{
    return (uint8_t)((v % 10u) << 4 | (v / 10u) % 10u);
}

/* 9.2.3.12.3 enhanced format from its fields: 7 octets. */
static smsk_status enhanced_vp(writer *w, const smsk_validity *vp,
        uint8_t out[7])
{
    memset(out, 0, 7);
    if (vp->extended || vp->evpf > SMSK_EVPF_HHMMSS)
        return wr_fail(w, SMSK_E_RANGE,
                "TP-VP enhanced format: extension octet or reserved EVPF (TS 23.040 9.2.3.12.3)");
    out[0] = (uint8_t)((vp->single_shot ? 0x40u : 0u) | vp->evpf);
    if (vp->evpf == SMSK_EVPF_RELATIVE) {
        out[1] = smsk_vp_relative_from_seconds(vp->seconds);
    } else if (vp->evpf == SMSK_EVPF_SECONDS) {
        if (vp->seconds > 255u)
            return wr_fail(w, SMSK_E_RANGE, "TP-VP enhanced seconds above 255");
        out[1] = (uint8_t)vp->seconds;
    } else if (vp->evpf == SMSK_EVPF_HHMMSS) {
        if (vp->seconds >= 100u * 3600u)
            return wr_fail(w, SMSK_E_RANGE, "TP-VP enhanced hh:mm:ss above 99 hours");
        out[1] = semi_octets(vp->seconds / 3600u);
        out[2] = semi_octets(vp->seconds / 60u % 60u);
        out[3] = semi_octets(vp->seconds % 60u);
    }
    return SMSK_OK;
}

/* 9.2.3.12 TP-VP: the raw octets when kept, else made from the fields. */
static smsk_status put_vp(writer *w, const smsk_tpdu *t)
{
    static const size_t vp_len[] = {0, 7, 1, 7};
    const smsk_validity *vp = &t->vp;
    if ((unsigned)t->vpf > SMSK_VPF_ABSOLUTE || vp->format != t->vpf)
        return wr_fail(w, SMSK_E_RANGE, "TP-VP format disagrees with TP-VPF (TS 23.040 9.2.3.3)");
    size_t n = vp_len[t->vpf];
    uint8_t buf[7];
    if (vp->raw_len != 0) {
        if (vp->raw_len != n)
            return wr_fail(w, SMSK_E_RANGE, "TP-VP length disagrees with TP-VPF (TS 23.040 9.2.3.3)");
        memcpy(buf, vp->raw, n);
    } else if (t->vpf == SMSK_VPF_RELATIVE) {
        buf[0] = smsk_vp_relative_from_seconds(vp->seconds);
    } else if (t->vpf == SMSK_VPF_ABSOLUTE) {
        if (smsk_scts_build(buf, &vp->absolute) != SMSK_OK)
            return wr_fail(w, SMSK_E_MALFORMED, F_VP.bad);
    } else if (t->vpf == SMSK_VPF_ENHANCED) {
        SMSK_CHECK(enhanced_vp(w, vp, buf));
    }
    put(w, buf, n);
    return SMSK_OK;
}

/* 9.2.3.16 TP-UDL (or TP-CDL) and the user data, checked for agreement;
 * `dcs` is the TP-DCS octet the receiver reads. */
static smsk_status put_ud(writer *w, const smsk_tpdu *t, uint8_t dcs)
{
    smsk_dcs info;
    SMSK_CHECK(smsk_dcs_parse(&info, dcs));
    const ud_names *n = ud_names_for(t, &info);
    int septets = n == &UD_SEPTETS;
    size_t max = septets ? SMSK_UD_MAX_SEPTETS
            : n->command ? 255u : SMSK_UD_MAX_OCTETS;
    if (t->udl > max)
        return wr_fail(w, SMSK_E_RANGE, n->over);
    if (!SMSK_BUF_OK(t->ud, t->ud_len)
            || t->ud_len != smsk__tpdu_ud_octets(t->udl, septets))
        return wr_fail(w, SMSK_E_RANGE,
                "TP-UD length disagrees with TP-UDL (TS 23.040 9.2.3.16)");
    if (t->udhi) {
        size_t udh = t->ud_len ? (size_t)t->ud[0] + 1 : 0;
        if (udh == 0 || udh > t->ud_len
                || (septets && smsk__udh_septets(udh) > t->udl))
            return wr_fail(w, SMSK_E_RANGE, t->ud_len ? n->udh_over : n->udh_empty);
    }
    put_octet(w, (unsigned)t->udl);
    put(w, t->ud, t->ud_len);
    return SMSK_OK;
}

/* 9.2.3.27 TP-PI, checked against the fields it announces. */
static smsk_status put_pi(writer *w, const smsk_tpdu *t)
{
    unsigned pi = t->pi;
    if (pi & SMSK__PI_EXTENSION)
        return wr_fail(w, SMSK_E_RANGE,
                "TP-PI bit 7 announces extension octets (TS 23.040 9.2.3.27)");
    if ((!(pi & SMSK_PI_PID) && t->pid != 0) || (!(pi & SMSK_PI_DCS) && t->dcs != 0)
            || (!(pi & SMSK_PI_UDL) && (t->udl != 0 || t->ud_len != 0 || t->udhi)))
        return wr_fail(w, SMSK_E_RANGE,
                "a field is set that TP-PI does not announce (TS 23.040 9.2.3.27)");
    put_octet(w, pi);
    return SMSK_OK;
}

/* The optional TP-PID, TP-DCS, TP-UDL and TP-UD that TP-PI announces. */
static smsk_status put_pi_fields(writer *w, const smsk_tpdu *t)
{
    if (t->pi & SMSK_PI_PID)
        put_octet(w, t->pid);
    if (t->pi & SMSK_PI_DCS)
        put_octet(w, t->dcs);
    return (t->pi & SMSK_PI_UDL) ? put_ud(w, t, t->dcs) : SMSK_OK;
}

/* 9.2.3.22 TP-FCS of the RP-ERROR form. */
static smsk_status put_fcs(writer *w, const smsk_tpdu *t)
{
    if (!t->fcs_present)
        return SMSK_OK;
    if (t->fcs < 0x80u)
        return wr_fail(w, SMSK_E_RANGE,
                "TP-FCS 0x00-0x7F is reserved (TS 23.040 9.2.3.22)");
    put_octet(w, t->fcs);
    return SMSK_OK;
}

static smsk_status build_deliver(writer *w, const smsk_tpdu *t)
{
    SMSK_CHECK(put_addr(w, &t->addr, SMSK_ADDR_TP, &F_OA));
    put_octet(w, t->pid);
    put_octet(w, t->dcs);
    SMSK_CHECK(put_time(w, &t->scts, &F_SCTS));
    return put_ud(w, t, t->dcs);
}

static smsk_status build_deliver_report(writer *w, const smsk_tpdu *t)
{
    SMSK_CHECK(put_fcs(w, t));
    SMSK_CHECK(put_pi(w, t));
    return put_pi_fields(w, t);
}

static smsk_status build_submit(writer *w, const smsk_tpdu *t)
{
    SMSK_CHECK(put_mr(w, t));
    SMSK_CHECK(put_addr(w, &t->addr, SMSK_ADDR_TP, &F_DA));
    put_octet(w, t->pid);
    put_octet(w, t->dcs);
    SMSK_CHECK(put_vp(w, t));
    return put_ud(w, t, t->dcs);
}

static smsk_status build_submit_report(writer *w, const smsk_tpdu *t)
{
    SMSK_CHECK(put_fcs(w, t));
    SMSK_CHECK(put_pi(w, t));
    SMSK_CHECK(put_time(w, &t->scts, &F_SCTS));
    return put_pi_fields(w, t);
}

static smsk_status build_status_report(writer *w, const smsk_tpdu *t)
{
    SMSK_CHECK(put_mr(w, t));
    SMSK_CHECK(put_addr(w, &t->addr, SMSK_ADDR_TP, &F_RA));
    SMSK_CHECK(put_time(w, &t->scts, &F_SCTS));
    SMSK_CHECK(put_time(w, &t->dt, &F_DT));
    put_octet(w, t->st);
    if (t->pi_present) {
        SMSK_CHECK(put_pi(w, t));
        return put_pi_fields(w, t);
    }
    if (t->pid != 0 || t->dcs != 0 || t->udl != 0 || t->ud_len != 0 || t->udhi)
        return wr_fail(w, SMSK_E_RANGE,
                "TP-PID, TP-DCS or TP-UD without TP-PI (TS 23.040 9.2.2.3)");
    return SMSK_OK;
}

static smsk_status build_command(writer *w, const smsk_tpdu *t)
{
    SMSK_CHECK(put_mr(w, t));
    put_octet(w, t->pid);
    put_octet(w, t->ct);
    put_octet(w, t->mn);
    SMSK_CHECK(put_addr(w, &t->addr, SMSK_ADDR_TP, &F_DA));
    return put_ud(w, t, 0);
}

typedef smsk_status (*build_fn)(writer *w, const smsk_tpdu *t);

static const build_fn builders[] = {
    build_deliver, build_deliver_report, build_submit,
    build_submit_report, build_status_report, build_command,
};

static smsk_status build_tpdu(writer *w, const smsk_tpdu *t)
{
    if ((unsigned)t->type > SMSK_TPDU_COMMAND)
        return wr_fail(w, SMSK_E_ARG, "unknown TPDU type");
    put_octet(w, fo_pack(t));
    return builders[t->type](w, t);
}

/* The status of a finished build, with the lengths. */
static smsk_status build_done(writer *w, smsk_status st, size_t *dst_len)
{
    if (st < 0) {
        *dst_len = 0;
        return st;
    }
    *dst_len = w->len;
    if (w->len > w->cap)
        return smsk__fail(w->diag, SMSK_E_NOSPACE, w->cap, SMSK_NO_CODEPOINT,
                "destination too small");
    return SMSK_OK;
}

smsk_status smsk_tpdu_build(uint8_t *dst, size_t dst_cap, size_t *dst_len,
        const smsk_tpdu *tpdu, smsk_diag *diag)
{
    if (dst_len == NULL || tpdu == NULL || !SMSK_BUF_OK(dst, dst_cap))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer");
    writer w = {dst, dst_cap, 0, diag};
    return build_done(&w, build_tpdu(&w, tpdu), dst_len);
}

smsk_status smsk_pdu_build(uint8_t *dst, size_t dst_cap, size_t *dst_len,
        size_t *tpdu_len, const smsk_addr *smsc, const smsk_tpdu *tpdu,
        smsk_diag *diag)
{
    if (dst_len == NULL || tpdu == NULL || !SMSK_BUF_OK(dst, dst_cap))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer");
    writer w = {dst, dst_cap, 0, diag};
    smsk_status st = SMSK_OK;
    /* TS 27.005 3.1: the length octet 00 stands for "no SC address". */
    if (smsc == NULL || (smsc->len == 0 && smsc->ton == 0 && smsc->npi == 0))
        put_octet(&w, 0);
    else
        st = put_addr(&w, smsc, SMSK_ADDR_SC, &F_SC);
    size_t sc_len = w.len;
    if (st == SMSK_OK)
        st = build_tpdu(&w, tpdu);
    st = build_done(&w, st, dst_len);
    if (tpdu_len != NULL)
        *tpdu_len = *dst_len >= sc_len ? *dst_len - sc_len : 0;
    return st;
}
