/* SPDX-License-Identifier: MIT */
/*
 * TPDU parsing (TS 23.040 9.2.2, 9.2.3; AT PDU mode with the SC address
 * of TS 27.005 3.1), building back and reading the text.
 *
 * Input: the first byte picks the options: bits 1..0 the direction
 * (value % 3: SMSK_DIR_ANY, SMSK_DIR_MT, SMSK_DIR_MO), bit 2 an SC
 * address in front (smsk_pdu_parse instead of smsk_tpdu_parse), bit 3
 * SMSK_TPDU_LENIENT. The rest is the PDU.
 *
 * Invariants:
 *  - a failure is SMSK_E_TRUNC, SMSK_E_MALFORMED or SMSK_E_UNSUPPORTED
 *    with diag.offset <= the PDU's length and diag.what set;
 *  - strict and lenient parsing differ only in octets after the TPDU:
 *    the same failure, or success; strict refuses trailing octets with
 *    SMSK_E_MALFORMED at the first of them unless a reserved TP-PI bit
 *    tells the receiver to discard them (9.2.3.27);
 *  - on success, TP-UD lies inside the input, before the trailing octets;
 *    smsk_tpdu_build (smsk_pdu_build) succeeds, reports its size when
 *    the destination is too small and writes nothing past it; parsing
 *    the built octets strictly gives the same fields (type, first octet,
 *    TP-MR, address, TP-PID, TP-DCS, times as smsk_time_format writes
 *    them, TP-VP, TP-ST, TP-FCS, TP-PI, TP-CT, TP-MN, TP-UDL, TP-UD
 *    octets, the UDH's elements and typed fields, the SC address);
 *  - the built octets are the input without its trailing octets, except
 *    for the normalisations lib/addr.c, lib/scts.c and lib/tpdu.c
 *    document and tests/test_tpdu.c expects, and nothing else
 *    (canonical() below makes them from the input octets):
 *      address fields (9.1.2.5): the 0 padding of an odd digit count
 *      becomes the 0xF filler; a counted 0xF filler leaves the length;
 *      an alphanumeric address is written back from its text (its
 *      length from the septet count, spare bits zero, "escape escape"
 *      as the space it reads as, an escape before a septet the
 *      extension table lacks dropped);
 *      an SC address with no digits (length octet 1) becomes the octet
 *      00 (smsk_pdu_build: "smsc NULL or empty: the octet 00");
 *      time stamps: a zone of minus zero (0x08) becomes plus zero;
 *      octets after the TPDU (SMSK_TPDU_LENIENT, or discarded after a
 *      reserved TP-PI bit) are not written;
 *  - smsk_tpdu_text with SMSK_GSM7_LENIENT | SMSK_UCS2_LENIENT succeeds
 *    with valid UTF-8, except SMSK_E_UNSUPPORTED for TP-CD, 8-bit and
 *    compressed user data; strict decoding fails only with
 *    SMSK_E_MALFORMED or SMSK_E_TRUNC (offset inside the user data), or
 *    gives the lenient text; smsk_tpdu_payload is the user data after the
 *    UDH.
 */
#include <smskit.h>

#include "fuzz.h"

#define TEXT_FLAGS (SMSK_GSM7_LENIENT | SMSK_UCS2_LENIENT)

typedef struct parsed {
    smsk_status st;
    smsk_addr smsc;
    smsk_tpdu t;
    smsk_diag diag;
} parsed;

static void parse(parsed *p, const uint8_t *src, size_t len, int with_smsc,
        smsk_direction dir, unsigned flags)
{
    memset(p, 0, sizeof *p);
    p->diag.offset = (size_t)-1;
    p->diag.what = NULL;
    p->st = with_smsc
            ? smsk_pdu_parse(&p->smsc, &p->t, src, len, dir, flags, &p->diag)
            : smsk_tpdu_parse(&p->t, src, len, dir, flags, &p->diag);
}

/* ---------------------------------------------------------------------
 * The octets building must give: the input, normalised
 * ------------------------------------------------------------------- */

typedef struct out {
    uint8_t b[2 * 256 + 64];
    size_t n;
} out;

static void emit(out *o, const uint8_t *p, size_t n)
{
    FUZZ_ASSERT(o->n + n <= sizeof o->b);
    if (n)
        memcpy(o->b + o->n, p, n);
    o->n += n;
}

static unsigned semi_at(const uint8_t *v, size_t i)
{
    return i % 2 == 0 ? (v[i / 2] & 0x0Fu) : (unsigned)(v[i / 2] >> 4);
}

/* A TP address (TP-OA, TP-DA, TP-RA) at in[*pos], as building writes it. */
static void canon_addr(out *o, const uint8_t *in, size_t *pos)
{
    const uint8_t *f = in + *pos;
    size_t n = f[0], octets = (n + 1) / 2;
    uint8_t type = f[1];
    const uint8_t *v = f + 2;
    *pos += 2 + octets;
    if (((type >> 4) & 7u) == SMSK_TON_ALPHANUMERIC) {
        /* floor(n * 4 / 7) septets (lib/addr.c), rewritten as the text
         * they decode to encodes again with the default tables. */
        uint8_t sept[16], canon[16];
        size_t k = n * 4 / 7, got = 0, m = 0;
        FUZZ_ASSERT(k <= sizeof sept);
        FUZZ_ASSERT(smsk_septet_unpack(sept, sizeof sept, &got, v, octets, k,
                0, 0) == SMSK_OK && got == k);
        for (size_t i = 0; i < k; i++) {
            if (sept[i] != 0x1B) {
                canon[m++] = sept[i];
                continue;
            }
            FUZZ_ASSERT(i + 1 < k); /* a lone escape does not parse */
            uint8_t next = sept[++i];
            uint32_t ext = smsk_gsm7_table_get(SMSK_LANG_DEFAULT, 1, next);
            if (next == 0x1B) {
                canon[m++] = 0x20; /* TS 23.038 6.2.1.1 note 1: a space */
            } else if (ext != SMSK_NO_CODEPOINT) {
                canon[m++] = 0x1B;
                canon[m++] = next;
            } else {
                canon[m++] = next; /* shown as the default alphabet's */
            }
        }
        uint8_t head[2] = {(uint8_t)((7 * m + 3) / 4), type};
        uint8_t packed[16];
        size_t plen = 0;
        FUZZ_ASSERT(smsk_septet_pack(packed, sizeof packed, &plen, canon, m, 0,
                0, NULL) == SMSK_OK);
        emit(o, head, 2);
        emit(o, packed, plen);
        return;
    }
    /* Digits: a 0xF counted as the last semi-octet is the filler. */
    size_t d = n > 0 && semi_at(v, n - 1) == 0x0Fu ? n - 1 : n;
    uint8_t field[2 + 10];
    field[0] = (uint8_t)d;
    field[1] = type;
    for (size_t i = 0; i < d; i += 2) {
        unsigned lo = semi_at(v, i);
        unsigned hi = i + 1 < d ? semi_at(v, i + 1) : 0x0Fu;
        field[2 + i / 2] = (uint8_t)(lo | hi << 4);
    }
    emit(o, field, 2 + (d + 1) / 2);
}

/* A time stamp at in[*pos]: a zone of -0 becomes +0. */
static void canon_time(out *o, const uint8_t *in, size_t *pos)
{
    uint8_t ts[SMSK_SCTS_LEN];
    memcpy(ts, in + *pos, sizeof ts);
    if (ts[6] == 0x08)
        ts[6] = 0x00;
    emit(o, ts, sizeof ts);
    *pos += SMSK_SCTS_LEN;
}

static void copy(out *o, const uint8_t *in, size_t *pos, size_t n)
{
    emit(o, in + *pos, n);
    *pos += n;
}

/* The TPDU `in` (`len` octets without the trailing ones) of type `p`. */
static void canon_tpdu(out *o, const uint8_t *in, size_t len,
        const smsk_tpdu *t)
{
    size_t pos = 0;
    copy(o, in, &pos, 1);
    switch (t->type) {
    case SMSK_TPDU_DELIVER:
        canon_addr(o, in, &pos);
        copy(o, in, &pos, 2); /* TP-PID, TP-DCS */
        canon_time(o, in, &pos);
        break;
    case SMSK_TPDU_SUBMIT:
        copy(o, in, &pos, 1); /* TP-MR */
        canon_addr(o, in, &pos);
        break; /* TP-VP is written from its raw octets */
    case SMSK_TPDU_SUBMIT_REPORT:
        copy(o, in, &pos, t->fcs_present ? 2u : 1u);
        canon_time(o, in, &pos);
        break;
    case SMSK_TPDU_STATUS_REPORT:
        copy(o, in, &pos, 1);
        canon_addr(o, in, &pos);
        canon_time(o, in, &pos);
        canon_time(o, in, &pos);
        break;
    case SMSK_TPDU_COMMAND:
        copy(o, in, &pos, 4); /* TP-MR, TP-PID, TP-CT, TP-MN */
        canon_addr(o, in, &pos);
        break;
    default:
        break;
    }
    FUZZ_ASSERT(pos <= len);
    copy(o, in, &pos, len - pos);
}

static void canonical(out *o, const uint8_t *in, size_t len, int with_smsc,
        const smsk_tpdu *t)
{
    size_t sc = 0;
    o->n = 0;
    if (with_smsc) {
        sc = 1u + in[0];
        if (in[0] <= 1) {
            const uint8_t none = 0;
            emit(o, &none, 1);
        } else {
            emit(o, in, sc);
        }
    }
    FUZZ_ASSERT(sc + t->trailing <= len);
    canon_tpdu(o, in + sc, len - sc - t->trailing, t);
}

/* ---------------------------------------------------------------------
 * Field comparison
 * ------------------------------------------------------------------- */

static int same_addr(const smsk_addr *a, const smsk_addr *b)
{
    return a->ton == b->ton && a->npi == b->npi && a->len == b->len
            && a->len <= sizeof a->text
            && memcmp(a->text, b->text, a->len) == 0;
}

/* Both times format alike (or both are no time smsk_time can hold). */
static int same_time(const smsk_time *a, const smsk_time *b)
{
    char x[32], y[32];
    size_t xn = 0, yn = 0;
    smsk_status sa = smsk_time_format(x, sizeof x, &xn, a);
    smsk_status sb = smsk_time_format(y, sizeof y, &yn, b);
    return sa == sb && xn == yn && (xn == 0 || memcmp(x, y, xn) == 0);
}

static int same_vp(const smsk_validity *a, const smsk_validity *b)
{
    return a->format == b->format && a->seconds == b->seconds
            && same_time(&a->absolute, &b->absolute) && a->evpf == b->evpf
            && a->single_shot == b->single_shot && a->extended == b->extended
            && a->raw_len == b->raw_len && a->raw_len <= sizeof a->raw
            && memcmp(a->raw, b->raw, a->raw_len) == 0;
}

static int same_udh(const smsk_udh *a, const smsk_udh *b)
{
    if (a->n_ies != b->n_ies || a->udhl != b->udhl
            || a->n_ies > SMSK_UDH_MAX_IES)
        return 0;
    for (size_t i = 0; i < a->n_ies; i++) {
        const smsk_ie *x = &a->ies[i], *y = &b->ies[i];
        if (x->iei != y->iei || x->len != y->len
                || (x->len && memcmp(x->data, y->data, x->len) != 0))
            return 0;
    }
    return a->concat_present == b->concat_present
            && a->concat_ref == b->concat_ref
            && a->concat_total == b->concat_total
            && a->concat_seq == b->concat_seq
            && a->concat_ref_bits == b->concat_ref_bits
            && a->concat_ignored == b->concat_ignored
            && a->ports_present == b->ports_present
            && a->port_dst == b->port_dst && a->port_src == b->port_src
            && a->port_bits == b->port_bits
            && a->nl_single_present == b->nl_single_present
            && a->nl_locking_present == b->nl_locking_present
            && a->nl_single == b->nl_single && a->nl_locking == b->nl_locking
            && a->nl_single_nli == b->nl_single_nli
            && a->nl_locking_nli == b->nl_locking_nli
            && a->special_present == b->special_present
            && a->special_type == b->special_type
            && a->special_count == b->special_count;
}

static int same_fields(const smsk_tpdu *a, const smsk_tpdu *b)
{
    return a->type == b->type && a->first_octet == b->first_octet
            && a->mms == b->mms && a->lp == b->lp && a->rp == b->rp
            && a->udhi == b->udhi && a->sri == b->sri && a->srr == b->srr
            && a->srq == b->srq && a->rd == b->rd && a->vpf == b->vpf
            && a->mr == b->mr && same_addr(&a->addr, &b->addr)
            && a->pid == b->pid && a->dcs == b->dcs
            && same_time(&a->scts, &b->scts) && same_time(&a->dt, &b->dt)
            && same_vp(&a->vp, &b->vp) && a->st == b->st
            && a->fcs_present == b->fcs_present && a->fcs == b->fcs
            && a->pi_present == b->pi_present && a->pi == b->pi
            && a->ct == b->ct && a->mn == b->mn && a->has_ud == b->has_ud
            && a->udl == b->udl && a->ud_len == b->ud_len
            && (a->ud_len == 0 || memcmp(a->ud, b->ud, a->ud_len) == 0)
            && same_udh(&a->udh, &b->udh);
}

/* ---------------------------------------------------------------------
 * Checks
 * ------------------------------------------------------------------- */

static void check_failure(const parsed *p, size_t len)
{
    FUZZ_ASSERT(p->st == SMSK_E_TRUNC || p->st == SMSK_E_MALFORMED
            || p->st == SMSK_E_UNSUPPORTED);
    FUZZ_ASSERT(p->diag.offset <= len);
    FUZZ_ASSERT(p->diag.what != NULL);
}

/* Strict and lenient parses of the same octets. */
static void check_strict_lenient(const parsed *strict, const parsed *lenient,
        size_t len)
{
    if (lenient->st != SMSK_OK) {
        FUZZ_ASSERT(strict->st == lenient->st);
        FUZZ_ASSERT(strict->diag.offset == lenient->diag.offset);
        return;
    }
    const smsk_tpdu *t = &lenient->t;
    int discard = t->pi_present && (t->pi & 0x78u) != 0; /* 9.2.3.27 */
    if (t->trailing == 0 || discard) {
        FUZZ_ASSERT(strict->st == SMSK_OK);
        FUZZ_ASSERT(strict->t.trailing == t->trailing);
        FUZZ_ASSERT(same_fields(&strict->t, t));
        FUZZ_ASSERT(same_addr(&strict->smsc, &lenient->smsc));
    } else {
        FUZZ_ASSERT(strict->st == SMSK_E_MALFORMED);
        FUZZ_ASSERT(strict->diag.offset == len - t->trailing);
    }
}

static int is_text_dcs(const smsk_tpdu *t)
{
    smsk_dcs d;
    FUZZ_ASSERT(smsk_dcs_parse(&d, t->dcs) == SMSK_OK);
    return t->type != SMSK_TPDU_COMMAND && !d.compressed
            && d.encoding != SMSK_ENC_8BIT;
}

static void check_text(const smsk_tpdu *t)
{
    char *text = fuzz_alloc(SMSK_TPDU_TEXT_MAX);
    size_t len = (size_t)-1;
    smsk_diag diag;
    smsk_status st = smsk_tpdu_text(text, SMSK_TPDU_TEXT_MAX, &len, t,
            TEXT_FLAGS, &diag);
    if (!is_text_dcs(t)) {
        FUZZ_ASSERT(st == SMSK_E_UNSUPPORTED);
    } else {
        FUZZ_ASSERT(st == SMSK_OK);
        FUZZ_ASSERT(len <= SMSK_TPDU_TEXT_MAX);
        FUZZ_ASSERT(smsk_utf8_validate(text, len, NULL, &diag) == SMSK_OK);

        /* Strict: an error in the user data, or the same text. */
        char *strict = fuzz_alloc(SMSK_TPDU_TEXT_MAX);
        size_t slen = (size_t)-1;
        st = smsk_tpdu_text(strict, SMSK_TPDU_TEXT_MAX, &slen, t, 0, &diag);
        if (st == SMSK_OK) {
            FUZZ_ASSERT(slen == len);
            FUZZ_ASSERT(len == 0 || memcmp(strict, text, len) == 0);
        } else {
            FUZZ_ASSERT(st == SMSK_E_MALFORMED || st == SMSK_E_TRUNC);
            FUZZ_ASSERT(diag.offset <= t->ud_len);
        }
        free(strict);

        /* A destination one byte short. */
        if (len > 0) {
            uint8_t *dst = fuzz_guarded(len - 1);
            st = smsk_tpdu_text((char *)dst, len - 1, &slen, t, TEXT_FLAGS,
                    &diag);
            FUZZ_ASSERT(st == SMSK_E_NOSPACE);
            FUZZ_ASSERT(fuzz_guard_intact(dst, len - 1));
            free(dst);
        }
    }
    free(text);

    const uint8_t *data = NULL;
    size_t n = (size_t)-1;
    FUZZ_ASSERT(smsk_tpdu_payload(&data, &n, t) == SMSK_OK);
    size_t udh = t->udhi ? (size_t)t->ud[0] + 1 : 0;
    FUZZ_ASSERT(n == t->ud_len - udh);
    FUZZ_ASSERT(n == 0 || data == t->ud + udh);
}

static smsk_status build(uint8_t *dst, size_t cap, size_t *len,
        const parsed *p, int with_smsc, smsk_diag *diag)
{
    size_t tpdu_len = 0;
    if (!with_smsc)
        return smsk_tpdu_build(dst, cap, len, &p->t, diag);
    smsk_status st = smsk_pdu_build(dst, cap, len, &tpdu_len, &p->smsc, &p->t,
            diag);
    if (st == SMSK_OK)
        FUZZ_ASSERT(tpdu_len <= *len && tpdu_len > 0);
    return st;
}

static void check_success(const parsed *p, const uint8_t *src, size_t len,
        int with_smsc, smsk_direction dir)
{
    const smsk_tpdu *t = &p->t;
    FUZZ_ASSERT(t->trailing < len);
    FUZZ_ASSERT((unsigned)t->type <= SMSK_TPDU_COMMAND);
    if (t->ud_len > 0) {
        FUZZ_ASSERT(t->has_ud);
        FUZZ_ASSERT(t->ud >= src && t->ud + t->ud_len <= src + len - t->trailing);
    }
    if (t->udhi && t->has_ud) {
        FUZZ_ASSERT(t->ud_len > 0 && (size_t)t->ud[0] + 1 <= t->ud_len);
        FUZZ_ASSERT(t->udh.udhl == t->ud[0]);
    }

    /* The size first, then into exactly that many octets. */
    smsk_diag diag;
    size_t need = 0;
    smsk_status st = build(NULL, 0, &need, p, with_smsc, &diag);
    FUZZ_ASSERT(st == SMSK_E_NOSPACE);
    FUZZ_ASSERT(need > 0 && need <= len);
    uint8_t *built = fuzz_guarded(need);
    size_t n = (size_t)-1;
    st = build(built, need, &n, p, with_smsc, &diag);
    FUZZ_ASSERT(st == SMSK_OK);
    FUZZ_ASSERT(n == need);
    FUZZ_ASSERT(fuzz_guard_intact(built, need));
    uint8_t *shorter = fuzz_guarded(need - 1);
    st = build(shorter, need - 1, &n, p, with_smsc, &diag);
    FUZZ_ASSERT(st == SMSK_E_NOSPACE);
    FUZZ_ASSERT(n == need);
    FUZZ_ASSERT(fuzz_guard_intact(shorter, need - 1));
    free(shorter);

    /* The input without its trailing octets, normalised. */
    out *o = fuzz_alloc(sizeof *o);
    canonical(o, src, len, with_smsc, t);
    FUZZ_ASSERT(o->n == need);
    FUZZ_ASSERT(memcmp(o->b, built, need) == 0);
    free(o);

    /* The built octets parse strictly to the same fields. */
    uint8_t *exact = fuzz_dup(built, need);
    free(built);
    parsed *again = fuzz_alloc(sizeof *again);
    parse(again, exact, need, with_smsc, dir, 0);
    FUZZ_ASSERT(again->st == SMSK_OK);
    FUZZ_ASSERT(again->t.trailing == 0);
    FUZZ_ASSERT(same_fields(&again->t, t));
    if (with_smsc && p->smsc.len == 0) /* the octet 00: no type octet */
        FUZZ_ASSERT(again->smsc.len == 0 && again->smsc.ton == 0
                && again->smsc.npi == 0);
    else if (with_smsc)
        FUZZ_ASSERT(same_addr(&again->smsc, &p->smsc));
    free(again);
    free(exact);

    check_text(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reader r = fuzz_reader_init(data, size);
    unsigned opt = fuzz_take_byte(&r);
    smsk_direction dir = (smsk_direction)((opt & 3u) % 3u);
    int with_smsc = (opt & 4u) != 0;
    unsigned flags = (opt & 8u) ? SMSK_TPDU_LENIENT : 0u;
    size_t len;
    const uint8_t *rest = fuzz_take_rest(&r, &len);
    uint8_t *src = fuzz_dup(rest, len);

    parsed *p = fuzz_alloc(sizeof *p);
    parsed *other = fuzz_alloc(sizeof *other);
    parse(p, src, len, with_smsc, dir, flags);
    parse(other, src, len, with_smsc, dir, flags ^ SMSK_TPDU_LENIENT);
    if (flags)
        check_strict_lenient(other, p, len);
    else
        check_strict_lenient(p, other, len);

    if (p->st != SMSK_OK)
        check_failure(p, len);
    else
        check_success(p, src, len, with_smsc, dir);

    free(other);
    free(p);
    free(src);
    return 0;
}
