/* SPDX-License-Identifier: MIT */
/*
 * User Data Header parsing and building (TS 23.040 9.2.3.24).
 *
 * Input: the whole input is user data; its first octet is UDHL.
 *
 * Invariants:
 *  - smsk_udh_parse fails only with SMSK_E_TRUNC or SMSK_E_MALFORMED
 *    (SMSK_E_LIMIT cannot happen: 139 octets hold 69 elements), with
 *    diag.offset inside the header, and leaves no element behind;
 *  - on success `udhl` is the UDHL octet; the elements are views into
 *    the input, one after the other from octet 1 up to octet UDHL
 *    exactly; smsk_udh_len is UDHL + 1 and smsk_udh_build writes exactly
 *    the first UDHL + 1 octets of the input (with UDHL 0: no element and
 *    nothing built, the one exception lib/udh.c documents), reporting
 *    its size to a destination one octet short and writing nothing past
 *    it; parsing what it wrote gives the same elements and typed fields;
 *  - the typed fields are those of an element in `ies`: a concatenation
 *    with 1 <= seq <= total and 8 or 16 reference bits, ports of 8 or 16
 *    bits (8-bit ones 240-255), NLIs as the raw octets; concat_ignored
 *    only with a concatenation element outside those numbers;
 *  - adding the elements one by one with smsk_udh_add gives the same
 *    typed fields (parsing and adding share their checks): every element
 *    is accepted except an ignored concatenation element, which
 *    smsk_udh_add refuses with SMSK_E_MALFORMED.
 */
#include <smskit.h>

#include "fuzz.h"

static int is_concat(const smsk_ie *ie)
{
    return (ie->iei == SMSK_IEI_CONCAT8 && ie->len == 3)
            || (ie->iei == SMSK_IEI_CONCAT16 && ie->len == 4);
}

/* Numbers of a concatenation element (9.2.3.24.1, .8). */
static void concat_numbers(const smsk_ie *ie, unsigned *ref, unsigned *total,
        unsigned *seq)
{
    int wide = ie->iei == SMSK_IEI_CONCAT16;
    *ref = wide ? ((unsigned)ie->data[0] << 8 | ie->data[1]) : ie->data[0];
    *total = ie->data[wide ? 2 : 1];
    *seq = ie->data[wide ? 3 : 2];
}

static int concat_valid(const smsk_ie *ie)
{
    unsigned ref, total, seq;
    concat_numbers(ie, &ref, &total, &seq);
    return total != 0 && seq != 0 && seq <= total;
}

static int same_typed(const smsk_udh *a, const smsk_udh *b)
{
    return a->concat_present == b->concat_present
            && a->concat_ref == b->concat_ref
            && a->concat_total == b->concat_total
            && a->concat_seq == b->concat_seq
            && a->concat_ref_bits == b->concat_ref_bits
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

static int same_ies(const smsk_udh *a, const smsk_udh *b)
{
    if (a->n_ies != b->n_ies)
        return 0;
    for (size_t i = 0; i < a->n_ies; i++) {
        const smsk_ie *x = &a->ies[i], *y = &b->ies[i];
        if (x->iei != y->iei || x->len != y->len
                || (x->len && memcmp(x->data, y->data, x->len) != 0))
            return 0;
    }
    return 1;
}

/* Some element of `udh` with IEI `iei` (and length `len`) has `data`. */
static int has_ie(const smsk_udh *udh, uint8_t iei, size_t len,
        const uint8_t *data)
{
    for (size_t i = 0; i < udh->n_ies; i++) {
        const smsk_ie *ie = &udh->ies[i];
        if (ie->iei == iei && ie->len == len
                && memcmp(ie->data, data, len) == 0)
            return 1;
    }
    return 0;
}

static void check_typed(const smsk_udh *udh)
{
    if (udh->concat_present) {
        unsigned bits = udh->concat_ref_bits;
        FUZZ_ASSERT(bits == 8 || bits == 16);
        FUZZ_ASSERT(udh->concat_ref >> bits == 0);
        FUZZ_ASSERT(udh->concat_seq >= 1
                && udh->concat_seq <= udh->concat_total
                && udh->concat_total <= 255);
        uint8_t d[4];
        size_t n = 0;
        if (bits == 16)
            d[n++] = (uint8_t)(udh->concat_ref >> 8);
        d[n++] = (uint8_t)udh->concat_ref;
        d[n++] = (uint8_t)udh->concat_total;
        d[n++] = (uint8_t)udh->concat_seq;
        FUZZ_ASSERT(has_ie(udh, bits == 16 ? SMSK_IEI_CONCAT16
                : SMSK_IEI_CONCAT8, n, d));
    } else {
        FUZZ_ASSERT(udh->concat_ref == 0 && udh->concat_total == 0
                && udh->concat_seq == 0 && udh->concat_ref_bits == 0);
    }
    if (udh->ports_present) {
        unsigned bits = udh->port_bits;
        FUZZ_ASSERT(bits == 8 || bits == 16);
        uint8_t d[4];
        size_t n = 0;
        if (bits == 16) {
            d[n++] = (uint8_t)(udh->port_dst >> 8);
            d[n++] = (uint8_t)udh->port_dst;
            d[n++] = (uint8_t)(udh->port_src >> 8);
            d[n++] = (uint8_t)udh->port_src;
            FUZZ_ASSERT(udh->port_dst <= 0xFFFFu && udh->port_src <= 0xFFFFu);
        } else {
            FUZZ_ASSERT(udh->port_dst >= 240 && udh->port_dst <= 255);
            FUZZ_ASSERT(udh->port_src >= 240 && udh->port_src <= 255);
            d[n++] = (uint8_t)udh->port_dst;
            d[n++] = (uint8_t)udh->port_src;
        }
        FUZZ_ASSERT(has_ie(udh, bits == 16 ? SMSK_IEI_PORTS16
                : SMSK_IEI_PORTS8, n, d));
    }
    if (udh->nl_single_present) {
        uint8_t nli = (uint8_t)udh->nl_single_nli;
        FUZZ_ASSERT(udh->nl_single_nli <= 255);
        FUZZ_ASSERT(has_ie(udh, SMSK_IEI_NL_SINGLE, 1, &nli));
        FUZZ_ASSERT((unsigned)udh->nl_single < SMSK_LANG_COUNT);
        FUZZ_ASSERT(udh->nl_single == (nli < SMSK_LANG_COUNT
                ? (smsk_lang)nli : SMSK_LANG_DEFAULT));
    }
    if (udh->nl_locking_present) {
        uint8_t nli = (uint8_t)udh->nl_locking_nli;
        FUZZ_ASSERT(udh->nl_locking_nli <= 255);
        FUZZ_ASSERT(has_ie(udh, SMSK_IEI_NL_LOCKING, 1, &nli));
        FUZZ_ASSERT((unsigned)udh->nl_locking < SMSK_LANG_COUNT);
        FUZZ_ASSERT(smsk_lang_has_locking(udh->nl_locking));
        FUZZ_ASSERT(udh->nl_locking == (nli < SMSK_LANG_COUNT
                && smsk_lang_has_locking((smsk_lang)nli)
                ? (smsk_lang)nli : SMSK_LANG_DEFAULT));
    }
    if (udh->special_present) {
        uint8_t d[2] = {(uint8_t)udh->special_type,
                (uint8_t)udh->special_count};
        FUZZ_ASSERT(udh->special_type <= 255 && udh->special_count <= 255);
        FUZZ_ASSERT(has_ie(udh, SMSK_IEI_SPECIAL_SMS, 2, d));
    }
    int bad_concat = 0;
    for (size_t i = 0; i < udh->n_ies; i++)
        if (is_concat(&udh->ies[i]) && !concat_valid(&udh->ies[i]))
            bad_concat = 1;
    FUZZ_ASSERT(udh->concat_ignored == bad_concat);
}

/* The elements added one by one give the same typed view. */
static void check_add(const smsk_udh *parsed)
{
    smsk_udh *udh = fuzz_alloc(sizeof *udh);
    smsk_udh_init(udh);
    for (size_t i = 0; i < parsed->n_ies; i++) {
        const smsk_ie *ie = &parsed->ies[i];
        smsk_status st = smsk_udh_add(udh, ie->iei, ie->data, ie->len);
        if (is_concat(ie) && !concat_valid(ie))
            FUZZ_ASSERT(st == SMSK_E_MALFORMED);
        else
            FUZZ_ASSERT(st == SMSK_OK);
    }
    FUZZ_ASSERT(same_typed(udh, parsed));
    free(udh);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *ud = fuzz_dup(data, size);
    smsk_udh *udh = fuzz_alloc(sizeof *udh);
    smsk_diag diag;
    diag.offset = (size_t)-1;
    smsk_status st = smsk_udh_parse(udh, ud, size, &diag);
    if (st != SMSK_OK) {
        FUZZ_ASSERT(st == SMSK_E_TRUNC || st == SMSK_E_MALFORMED);
        FUZZ_ASSERT(diag.offset < size || (size == 0 && diag.offset == 0));
        FUZZ_ASSERT(size == 0 || diag.offset <= ud[0]);
        FUZZ_ASSERT(udh->n_ies == 0);
        free(udh);
        free(ud);
        return 0;
    }

    size_t udhl = ud[0];
    FUZZ_ASSERT(udh->udhl == udhl && udhl + 1 <= size && udhl <= 139);
    FUZZ_ASSERT(udh->n_ies <= SMSK_UDH_MAX_IES);
    /* The elements tile octets 1 .. UDHL, in order, inside the input. */
    size_t at = 1;
    for (size_t i = 0; i < udh->n_ies; i++) {
        const smsk_ie *ie = &udh->ies[i];
        FUZZ_ASSERT(ud[at] == ie->iei && ud[at + 1] == ie->len);
        FUZZ_ASSERT(ie->data == ud + at + 2);
        FUZZ_ASSERT(ie->data >= ud + 1 && ie->data + ie->len <= ud + udhl + 1);
        at += 2u + ie->len;
    }
    FUZZ_ASSERT(at == udhl + 1);
    check_typed(udh);

    size_t n = smsk_udh_len(udh);
    if (udhl == 0) {
        FUZZ_ASSERT(udh->n_ies == 0 && n == 0);
    } else {
        FUZZ_ASSERT(n == udhl + 1);
        size_t got = (size_t)-1;
        uint8_t *dst = fuzz_guarded(n);
        FUZZ_ASSERT(smsk_udh_build(dst, n, &got, udh) == SMSK_OK);
        FUZZ_ASSERT(got == n && memcmp(dst, ud, n) == 0);
        FUZZ_ASSERT(fuzz_guard_intact(dst, n));
        uint8_t *shorter = fuzz_guarded(n - 1);
        FUZZ_ASSERT(smsk_udh_build(shorter, n - 1, &got, udh)
                == SMSK_E_NOSPACE);
        FUZZ_ASSERT(got == n && fuzz_guard_intact(shorter, n - 1));
        free(shorter);

        /* What building wrote parses to the same header. */
        uint8_t *exact = fuzz_dup(dst, n);
        smsk_udh *again = fuzz_alloc(sizeof *again);
        FUZZ_ASSERT(smsk_udh_parse(again, exact, n, &diag) == SMSK_OK);
        FUZZ_ASSERT(same_ies(again, udh) && same_typed(again, udh));
        FUZZ_ASSERT(again->concat_ignored == udh->concat_ignored);
        free(again);
        free(exact);
        free(dst);
    }
    check_add(udh);

    free(udh);
    free(ud);
    return 0;
}
