/* SPDX-License-Identifier: MIT */
/*
 * AT PDU mode responses (TS 27.005 3.4.1, 3.5.2, 3.5.3; <length> and
 * <pdu> of 3.1): smsk_at_pdu_parse over a modem's output, then
 * smsk_at_pdu_decode of each PDU line it finds.
 *
 * Input: the first byte picks the options: bits 1..0 the direction
 * (value % 3), bit 2 SMSK_TPDU_LENIENT. The rest is modem output, read
 * the way a reader of a serial line does: each call takes one header
 * and its PDU line; after a failure the reader skips to the next line.
 *
 * Invariants:
 *  - smsk_at_pdu_parse: success gives 0 < consumed <= the bytes left, a
 *    kind of 'T', 'R', 'L' or 'S' with the fields that kind has (<index>
 *    for +CMGL only, <stat> 0-3 for +CMGR and +CMGL only), <length>
 *    1-164, and a PDU line that is a non-empty view inside the consumed
 *    bytes, after the header, with no line end in it; a failure is
 *    SMSK_E_NOTFOUND, SMSK_E_MALFORMED or SMSK_E_TRUNC with diag.offset
 *    inside the bytes left;
 *  - smsk_at_pdu_decode into a buffer of exactly hex_len / 2 octets:
 *    success gives a TPDU whose user data lies inside the buffer, which
 *    builds again, to no more than <length> octets; the same as
 *    smsk_hex_decode + smsk_pdu_parse of the octets <length> covers; a
 *    failure is SMSK_E_MALFORMED, SMSK_E_TRUNC or SMSK_E_UNSUPPORTED with
 *    diag.offset inside the PDU line.
 */
#include <smskit.h>

#include "fuzz.h"

static int is_eol(char c)
{
    return c == '\r' || c == '\n';
}

static void check_decode(const smsk_at_pdu *at, smsk_direction dir,
        unsigned flags)
{
    size_t cap = at->hex_len / 2;
    uint8_t *buf = fuzz_alloc(cap);
    smsk_addr smsc;
    smsk_tpdu *t = fuzz_alloc(sizeof *t);
    smsk_diag diag;
    diag.offset = (size_t)-1;
    smsk_status st = smsk_at_pdu_decode(&smsc, t, buf, cap, at, dir, flags,
            &diag);
    if (st != SMSK_OK) {
        FUZZ_ASSERT(st == SMSK_E_MALFORMED || st == SMSK_E_TRUNC
                || st == SMSK_E_UNSUPPORTED);
        FUZZ_ASSERT(diag.offset <= at->hex_len);
        free(t);
        free(buf);
        return;
    }
    if (t->ud_len > 0)
        FUZZ_ASSERT(t->ud >= buf && t->ud + t->ud_len <= buf + cap);

    /* The same from the octets: SC address + <length> TPDU octets. */
    size_t n = (size_t)-1;
    uint8_t *oct = fuzz_alloc(cap);
    FUZZ_ASSERT(smsk_hex_decode(oct, cap, &n, at->hex, at->hex_len, &diag)
            == SMSK_OK);
    FUZZ_ASSERT(n >= 1 && 1u + (size_t)oct[0] + at->length <= n);
    size_t end = 1u + (size_t)oct[0] + at->length;
    FUZZ_ASSERT(flags || end == n);
    uint8_t *exact = fuzz_dup(oct, end);
    smsk_addr smsc2;
    smsk_tpdu *t2 = fuzz_alloc(sizeof *t2);
    FUZZ_ASSERT(smsk_pdu_parse(&smsc2, t2, exact, end, dir, flags, &diag)
            == SMSK_OK);
    FUZZ_ASSERT(t2->type == t->type && t2->first_octet == t->first_octet);
    FUZZ_ASSERT(t2->udl == t->udl && t2->ud_len == t->ud_len);
    FUZZ_ASSERT(t->ud_len == 0 || memcmp(t2->ud, t->ud, t->ud_len) == 0);
    FUZZ_ASSERT(t->trailing == t2->trailing + (n - end));
    FUZZ_ASSERT(smsc2.len == smsc.len && smsc2.ton == smsc.ton
            && smsc2.npi == smsc.npi);

    /* It builds again, no longer than the input said. */
    uint8_t out[SMSK_PDU_MAX + 16];
    size_t out_len = 0, tpdu_len = 0;
    FUZZ_ASSERT(smsk_pdu_build(out, sizeof out, &out_len, &tpdu_len, &smsc, t,
            &diag) == SMSK_OK);
    FUZZ_ASSERT(tpdu_len <= at->length);

    free(t2);
    free(exact);
    free(oct);
    free(t);
    free(buf);
}

static void check_header(const smsk_at_pdu *at, const char *src,
        size_t consumed)
{
    FUZZ_ASSERT(at->kind == 'T' || at->kind == 'R' || at->kind == 'L'
            || at->kind == 'S');
    FUZZ_ASSERT(at->length >= 1 && at->length <= SMSK_TPDU_MAX);
    if (at->kind == 'L')
        FUZZ_ASSERT(at->index >= 0);
    else
        FUZZ_ASSERT(at->index == -1);
    if (at->kind == 'L' || at->kind == 'R')
        FUZZ_ASSERT(at->stat >= 0 && at->stat <= 3);
    else
        FUZZ_ASSERT(at->stat == -1);
    FUZZ_ASSERT(at->hex != NULL && at->hex_len > 0);
    FUZZ_ASSERT(at->hex > src && at->hex + at->hex_len <= src + consumed);
    /* The header line ends before the PDU line starts. */
    FUZZ_ASSERT(is_eol(at->hex[-1]));
    for (size_t i = 0; i < at->hex_len; i++)
        FUZZ_ASSERT(!is_eol(at->hex[i]));
    /* After the PDU line only its line end was consumed. */
    size_t after = (size_t)(at->hex + at->hex_len - src);
    FUZZ_ASSERT(consumed - after <= 2);
    for (size_t i = after; i < consumed; i++)
        FUZZ_ASSERT(is_eol(src[i]));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reader r = fuzz_reader_init(data, size);
    unsigned opt = fuzz_take_byte(&r);
    smsk_direction dir = (smsk_direction)((opt & 3u) % 3u);
    unsigned flags = (opt & 4u) ? SMSK_TPDU_LENIENT : 0u;
    size_t len;
    const uint8_t *rest = fuzz_take_rest(&r, &len);
    char *src = (char *)fuzz_dup(rest, len);

    size_t pos = 0;
    while (pos < len) {
        smsk_at_pdu at;
        size_t consumed = (size_t)-1;
        smsk_diag diag;
        diag.offset = (size_t)-1;
        smsk_status st = smsk_at_pdu_parse(&at, &consumed, src + pos,
                len - pos, &diag);
        if (st == SMSK_OK) {
            FUZZ_ASSERT(consumed > 0 && consumed <= len - pos);
            check_header(&at, src + pos, consumed);
            check_decode(&at, dir, flags);
            pos += consumed;
            continue;
        }
        FUZZ_ASSERT(st == SMSK_E_NOTFOUND || st == SMSK_E_MALFORMED
                || st == SMSK_E_TRUNC);
        FUZZ_ASSERT(diag.offset <= len - pos);
        /* Skip the line that failed (and any empty ones before it). */
        while (pos < len && is_eol(src[pos]))
            pos++;
        while (pos < len && !is_eol(src[pos]))
            pos++;
    }

    free(src);
    return 0;
}
