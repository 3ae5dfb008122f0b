/* SPDX-License-Identifier: MIT */
/*
 * Reassembly of concatenated messages (smsk_reasm_*).
 *
 * Parts are made with the public API (smsk_udh_add_concat,
 * smsk_tpdu_set_text, smsk_tpdu_build, smsk_tpdu_parse), or for cases
 * the encoder never makes (a part ending in an escape, a surrogate pair
 * cut in two) from user data written here by hand. Expected values come
 * from the standard and from how the parts were made:
 *  - TS 23.040 9.2.3.24.1: the 8-bit reference concatenation IE is
 *    00 03 ref total seq; with UDHL the UDH is 6 octets, so GSM 7-bit
 *    text starts at bit 49 (one fill bit, septet 7); 9.2.3.24.8: the
 *    16-bit one is 08 04 ref_hi ref_lo total seq;
 *  - TS 23.038 6.1.2.1.1: septets are packed low bit first; 6.2.1 and
 *    6.2.1.1: 'A' 0x41, 'B' 0x42, 'e' 0x65, escape 0x1B, and escape 0x65
 *    is the euro sign;
 *  - UTF-16: U+1F600 is D83D DE00; UTF-8 of U+FFFD is EF BF BD;
 *  - a reassembled text is the concatenation of the texts its parts were
 *    made from, with U+FFFD for each part that did not arrive;
 *  - the export format as lib/reasm.c documents it, with a CRC-32
 *    (polynomial 0xEDB88320) computed here independently.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smskit.h"
#include "helpers/bytes.h"
#include "helpers/rng.h"

TestSuite(reasm, .timeout = 20);

#define FFFD "\xEF\xBF\xBD"
#define EURO "\xE2\x82\xAC"
#define GRIN "\xF0\x9F\x98\x80"
#define OMEGA "\xCE\xA9"

/* ---------------------------------------------------------------------
 * Making parts
 * ------------------------------------------------------------------- */

/* A parsed SMS-DELIVER; `t` points into `pdu`, so parts are never copied. */
typedef struct part {
    uint8_t pdu[SMSK_TPDU_MAX];
    size_t pdu_len;
    smsk_tpdu t;
} part;

static void deliver_template(smsk_tpdu *t, const char *orig)
{
    memset(t, 0, sizeof *t);
    t->type = SMSK_TPDU_DELIVER;
    cr_assert_eq(smsk_addr_from_string(&t->addr, orig, strlen(orig)), SMSK_OK);
    t->scts.year = 2024;
    t->scts.month = 5;
    t->scts.day = 17;
    t->scts.hour = 12;
    t->scts.tz_minutes = 60;
}

static void build_and_parse(part *p, const smsk_tpdu *t)
{
    smsk_diag d = {0, 0, NULL};
    smsk_status st = smsk_tpdu_build(p->pdu, sizeof p->pdu, &p->pdu_len, t, &d);
    cr_assert_eq(st, SMSK_OK, "build: %s", d.what ? d.what : "?");
    st = smsk_tpdu_parse(&p->t, p->pdu, p->pdu_len, SMSK_DIR_MT, 0, &d);
    cr_assert_eq(st, SMSK_OK, "parse: %s", d.what ? d.what : "?");
}

/* A part of `total` (0: no concatenation IE) with `text` as its text. */
static void text_part(part *p, const char *orig, unsigned ref, unsigned bits,
        unsigned total, unsigned seq, const char *text, size_t len,
        smsk_encoding enc)
{
    smsk_tpdu t;
    smsk_udh udh;
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    smsk_gsm7_shift def = {SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT};
    smsk_diag d = {0, 0, NULL};
    deliver_template(&t, orig);
    smsk_udh_init(&udh);
    if (total > 0)
        cr_assert_eq(smsk_udh_add_concat(&udh, ref, total, seq, bits), SMSK_OK);
    smsk_status st = smsk_tpdu_set_text(&t, ud, sizeof ud, total ? &udh : NULL,
            text, len, enc, def, &d);
    cr_assert_eq(st, SMSK_OK, "set_text: %s", d.what ? d.what : "?");
    build_and_parse(p, &t);
}

static void gsm_part(part *p, const char *orig, unsigned ref, unsigned total,
        unsigned seq, const char *text)
{
    text_part(p, orig, ref, 8, total, seq, text, strlen(text), SMSK_ENC_GSM7);
}

/* A part from hand-written user data (UDH included). */
static void raw_part(part *p, const char *orig, uint8_t dcs, const char *ud_hex,
        size_t udl)
{
    smsk_tpdu t;
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    deliver_template(&t, orig);
    t.dcs = dcs;
    t.udhi = 1;
    t.has_ud = 1;
    t.ud_len = hex_decode(ud, sizeof ud, ud_hex);
    t.ud = ud;
    t.udl = udl;
    build_and_parse(p, &t);
}

static void shuffle(unsigned *a, size_t n, test_rng *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = rng_below(rng, i);
        unsigned t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

/* ---------------------------------------------------------------------
 * Collecting what the engine hands over
 * ------------------------------------------------------------------- */

#define GOT_MAX 16
#define GOT_TEXT 48000

typedef struct got {
    smsk_reasm_reason reason;
    smsk_addr orig;
    unsigned ref, ref_bits, total;
    size_t parts_present;
    uint8_t present[SMSK_MAX_PARTS];
    smsk_encoding encoding;
    size_t duplicates;
    uint64_t first_ms, last_ms;
    smsk_status text_st, data_st;
    char text[GOT_TEXT];
    size_t text_len;
    uint8_t data[GOT_TEXT];
    size_t data_len;
} got;

typedef struct coll {
    size_t n;
    got g[GOT_MAX];
} coll;

/* Text or data, sized first (NOSPACE must give the length), then read. */
static smsk_status read_out(const smsk_reasm_msg *m, int text, void *buf,
        size_t *len)
{
    size_t need = 12345;
    smsk_status st = text ? smsk_reasm_msg_text(NULL, 0, &need, m)
                          : smsk_reasm_msg_data(NULL, 0, &need, m);
    if (st == SMSK_E_UNSUPPORTED)
        return st;
    cr_assert(st == (need ? SMSK_E_NOSPACE : SMSK_OK), "sizing gave %d", st);
    cr_assert(need <= GOT_TEXT);
    if (need > 0) {
        size_t short_len = 0;
        st = text ? smsk_reasm_msg_text(buf, need - 1, &short_len, m)
                  : smsk_reasm_msg_data(buf, need - 1, &short_len, m);
        cr_assert_eq(st, SMSK_E_NOSPACE);
        cr_assert_eq(short_len, need);
    }
    st = text ? smsk_reasm_msg_text(buf, GOT_TEXT, len, m)
              : smsk_reasm_msg_data(buf, GOT_TEXT, len, m);
    cr_assert_eq(st, SMSK_OK);
    cr_assert_eq(*len, need);
    return st;
}

static void collect(const smsk_reasm_msg *m, void *user)
{
    coll *c = user;
    cr_assert(c->n < GOT_MAX, "too many messages handed over");
    got *g = &c->g[c->n++];
    g->reason = m->reason;
    g->orig = m->originator;
    g->ref = m->ref;
    g->ref_bits = m->ref_bits;
    g->total = m->total;
    g->parts_present = m->parts_present;
    cr_assert(m->total >= 1 && m->total <= SMSK_MAX_PARTS);
    memcpy(g->present, m->present, m->total);
    g->encoding = m->encoding;
    g->duplicates = m->duplicates;
    g->first_ms = m->first_ms;
    g->last_ms = m->last_ms;
    g->text_st = read_out(m, 1, g->text, &g->text_len);
    g->data_st = read_out(m, 0, g->data, &g->data_len);
}

static coll *coll_new(void)
{
    coll *c = calloc(1, sizeof *c);
    cr_assert_not_null(c);
    return c;
}

typedef struct engine {
    smsk_reasm r;
    void *mem;
} engine;

/* An engine whose memory holds exactly `parts` parts. */
static void engine_init(engine *e, size_t parts, uint64_t timeout_ms,
        smsk_reasm_cb cb, void *user)
{
    size_t n = smsk_reasm_mem_size(parts);
    e->mem = malloc(n);
    cr_assert_not_null(e->mem);
    cr_assert_eq(smsk_reasm_init(&e->r, e->mem, n, timeout_ms, cb, user), SMSK_OK);
    cr_assert_eq(e->r.capacity_parts, parts);
}

static void expect_text(const got *g, const char *exp)
{
    cr_assert_eq(g->text_st, SMSK_OK);
    expect_text_eq("text", g->text, g->text_len, exp, strlen(exp));
}

static void expect_present(const got *g, const char *pattern)
{
    size_t n = strlen(pattern), k = 0;
    cr_assert_eq(g->total, n);
    for (size_t i = 0; i < n; i++) {
        cr_expect_eq(g->present[i], pattern[i] == '1', "present[%zu]", i);
        k += pattern[i] == '1';
    }
    cr_expect_eq(g->parts_present, k);
}

static void expect_orig(const got *g, const char *digits)
{
    expect_text_eq("originator", g->orig.text, g->orig.len, digits, strlen(digits));
}

/* ---------------------------------------------------------------------
 * Arguments and memory
 * ------------------------------------------------------------------- */

static void never(const smsk_reasm_msg *m, void *user)
{
    (void)m;
    (void)user;
    cr_assert_fail("nothing should be handed over");
}

Test(reasm, init_rejects_null_misaligned_and_too_small_memory)
{
    static uint64_t mem[4096];
    smsk_reasm r;
    size_t one = smsk_reasm_mem_size(1);
    cr_assert(one > 0 && one <= sizeof mem);
    cr_expect_eq(smsk_reasm_init(NULL, mem, sizeof mem, 0, never, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_reasm_init(&r, NULL, sizeof mem, 0, never, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_reasm_init(&r, mem, sizeof mem, 0, NULL, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_reasm_init(&r, (uint8_t *)mem + 4, sizeof mem - 4, 0, never, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_reasm_init(&r, mem, one - 1, 0, never, NULL), SMSK_E_ARG);
    cr_assert_eq(smsk_reasm_init(&r, mem, one, 0, never, NULL), SMSK_OK);
    cr_expect_eq(r.capacity_parts, 1);
    cr_expect_eq(r.pending_messages, 0);
    cr_expect_eq(r.pending_parts, 0);
}

Test(reasm, mem_size_grows_with_parts_and_capacity_is_exact)
{
    static uint64_t mem[65536];
    smsk_reasm r;
    for (size_t n = 1; n < 1000; n++) {
        cr_assert(smsk_reasm_mem_size(n + 1) > smsk_reasm_mem_size(n));
        if (smsk_reasm_mem_size(n + 1) > sizeof mem)
            break;
        cr_assert_eq(smsk_reasm_init(&r, mem, smsk_reasm_mem_size(n), 0, never, NULL), SMSK_OK);
        cr_assert_eq(r.capacity_parts, n);
        cr_assert_eq(smsk_reasm_init(&r, mem, smsk_reasm_mem_size(n + 1) - 1, 0, never, NULL), SMSK_OK);
        cr_assert_eq(r.capacity_parts, n);
    }
    cr_expect_eq(smsk_reasm_mem_size(SIZE_MAX), SIZE_MAX);
}

Test(reasm, add_rejects_null_and_tpdus_without_user_data)
{
    engine e;
    part p;
    smsk_diag d = {0, 0, NULL};
    engine_init(&e, 4, 0, never, NULL);
    gsm_part(&p, "+441234", 1, 2, 1, "x");
    cr_expect_eq(smsk_reasm_add(NULL, &p.t, 0, &d), SMSK_E_ARG);
    cr_expect_eq(smsk_reasm_add(&e.r, NULL, 0, &d), SMSK_E_ARG);
    smsk_tpdu t = p.t;
    t.has_ud = 0;
    cr_expect_eq(smsk_reasm_add(&e.r, &t, 0, &d), SMSK_E_ARG);
    cr_expect_not_null(d.what);
    t = p.t;
    t.type = SMSK_TPDU_STATUS_REPORT;
    cr_expect_eq(smsk_reasm_add(&e.r, &t, 0, &d), SMSK_E_ARG);
    /* TP-UD shorter than TP-UDL says */
    t = p.t;
    t.udl = 20;
    cr_expect_eq(smsk_reasm_add(&e.r, &t, 0, &d), SMSK_E_MALFORMED);
    cr_expect_eq(e.r.pending_parts, 0);
    cr_expect_eq(smsk_reasm_expire(NULL, 0), 0);
    cr_expect_eq(smsk_reasm_flush(NULL), 0);
    free(e.mem);
}

/* ---------------------------------------------------------------------
 * Complete messages
 * ------------------------------------------------------------------- */

Test(reasm, part_without_concatenation_goes_straight_to_the_callback)
{
    engine e;
    part p;
    coll *c = coll_new();
    engine_init(&e, 2, 0, collect, c);
    text_part(&p, "+441234", 0, 0, 0, 0, "Hello", 5, SMSK_ENC_GSM7);
    cr_assert_eq(smsk_reasm_add(&e.r, &p.t, 77, NULL), SMSK_OK);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].reason, SMSK_REASM_COMPLETE);
    cr_expect_eq(c->g[0].total, 1);
    cr_expect_eq(c->g[0].ref, 0);
    cr_expect_eq(c->g[0].ref_bits, 0);
    cr_expect_eq(c->g[0].first_ms, 77);
    cr_expect_eq(c->g[0].encoding, SMSK_ENC_GSM7);
    expect_present(&c->g[0], "1");
    expect_text(&c->g[0], "Hello");
    expect_orig(&c->g[0], "441234");
    cr_expect_eq(c->g[0].data_st, SMSK_E_UNSUPPORTED);
    cr_expect_eq(e.r.pending_messages, 0);
    cr_expect_eq(e.r.pending_parts, 0);
    free(e.mem);
    free(c);
}

Test(reasm, three_parts_in_order_are_handed_over_once)
{
    engine e;
    part p[3];
    coll *c = coll_new();
    static const char *const texts[3] = {"abc", "def", "ghi"};
    engine_init(&e, 8, 0, collect, c);
    for (unsigned i = 0; i < 3; i++)
        gsm_part(&p[i], "+441234", 0x42, 3, i + 1, texts[i]);
    cr_assert_eq(smsk_reasm_add(&e.r, &p[0].t, 100, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p[1].t, 200, NULL), SMSK_MORE);
    cr_expect_eq(e.r.pending_messages, 1);
    cr_expect_eq(e.r.pending_parts, 2);
    cr_assert_eq(c->n, 0);
    cr_assert_eq(smsk_reasm_add(&e.r, &p[2].t, 300, NULL), SMSK_OK);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].reason, SMSK_REASM_COMPLETE);
    cr_expect_eq(c->g[0].ref, 0x42);
    cr_expect_eq(c->g[0].ref_bits, 8);
    cr_expect_eq(c->g[0].first_ms, 100);
    cr_expect_eq(c->g[0].last_ms, 300);
    cr_expect_eq(c->g[0].duplicates, 0);
    expect_present(&c->g[0], "111");
    expect_text(&c->g[0], "abcdefghi");
    expect_orig(&c->g[0], "441234");
    cr_expect_eq(e.r.pending_messages, 0);
    cr_expect_eq(e.r.pending_parts, 0);
    cr_expect_eq(smsk_reasm_flush(&e.r), 0);
    cr_expect_eq(c->n, 1);
    free(e.mem);
    free(c);
}

Test(reasm, every_order_of_three_parts_gives_the_same_text)
{
    static const unsigned perms[6][3] = {
        {0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0},
    };
    static const char *const texts[3] = {"Hello, ", "w" EURO "rld", " [ok]"};
    part p[3];
    for (unsigned i = 0; i < 3; i++)
        gsm_part(&p[i], "+4915112345678", 200, 3, i + 1, texts[i]);
    for (unsigned k = 0; k < 6; k++) {
        engine e;
        coll *c = coll_new();
        engine_init(&e, 3, 0, collect, c);
        for (unsigned j = 0; j < 3; j++) {
            smsk_status st = smsk_reasm_add(&e.r, &p[perms[k][j]].t, j, NULL);
            cr_assert_eq(st, j < 2 ? SMSK_MORE : SMSK_OK, "order %u step %u", k, j);
        }
        cr_assert_eq(c->n, 1);
        expect_present(&c->g[0], "111");
        expect_text(&c->g[0], "Hello, w" EURO "rld [ok]");
        free(e.mem);
        free(c);
    }
}

Test(reasm, exact_duplicate_is_absorbed_and_counted)
{
    engine e;
    part p[3], again;
    coll *c = coll_new();
    engine_init(&e, 8, 0, collect, c);
    gsm_part(&p[0], "+441234", 9, 3, 1, "abc");
    gsm_part(&p[1], "+441234", 9, 3, 2, "def");
    gsm_part(&p[2], "+441234", 9, 3, 3, "ghi");
    gsm_part(&again, "+441234", 9, 3, 1, "abc"); /* made afresh: equal bytes */
    cr_assert_eq(smsk_reasm_add(&e.r, &p[0].t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &again.t, 2, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p[0].t, 3, NULL), SMSK_MORE);
    cr_expect_eq(e.r.duplicates, 2);
    cr_expect_eq(e.r.pending_parts, 1);
    cr_assert_eq(smsk_reasm_add(&e.r, &p[1].t, 4, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p[1].t, 5, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p[2].t, 6, NULL), SMSK_OK);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].duplicates, 3);
    cr_expect_eq(e.r.duplicates, 3);
    cr_expect_eq(e.r.conflicts, 0);
    expect_text(&c->g[0], "abcdefghi");
    free(e.mem);
    free(c);
}

Test(reasm, conflicting_part_is_reported_and_not_merged)
{
    engine e;
    part p[3], other;
    coll *c = coll_new();
    smsk_diag d = {0, 0, NULL};
    engine_init(&e, 8, 0, collect, c);
    gsm_part(&p[0], "+441234", 9, 3, 1, "abc");
    gsm_part(&p[1], "+441234", 9, 3, 2, "def");
    gsm_part(&p[2], "+441234", 9, 3, 3, "ghi");
    gsm_part(&other, "+441234", 9, 3, 1, "abX");
    cr_assert_eq(smsk_reasm_add(&e.r, &p[0].t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &other.t, 2, &d), SMSK_E_MALFORMED);
    cr_expect_not_null(d.what);
    /* 'c' (0x63) and 'X' (0x58) are text septet 2: bits 63-69 of TP-UD;
     * bit 63, their low bit, is the first that differs: octet 7 */
    cr_expect_eq(d.offset, 7);
    cr_expect_eq(e.r.conflicts, 1);
    cr_expect_eq(e.r.duplicates, 0);
    cr_expect_eq(e.r.pending_parts, 1);
    cr_assert_eq(smsk_reasm_add(&e.r, &p[1].t, 3, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &other.t, 4, &d), SMSK_E_MALFORMED);
    cr_assert_eq(smsk_reasm_add(&e.r, &p[2].t, 5, NULL), SMSK_OK);
    cr_assert_eq(c->n, 1);
    expect_text(&c->g[0], "abcdefghi"); /* the first part kept */
    cr_expect_eq(e.r.conflicts, 2);
    free(e.mem);
    free(c);
}

Test(reasm, escape_at_the_end_of_a_part_escapes_the_next_part)
{
    /* UDH 05 00 03 07 02 0n, one fill bit, then septets from bit 49:
     * part 1 'A' 0x1B: octet 6 = 0x41 << 1 = 82, octet 7 = 1B (udl 9);
     * part 2 0x65 'B': octet 6 = 0x65 << 1 = CA, octet 7 = 42 */
    part p1, p2;
    raw_part(&p1, "+441234", 0x00, "05000307020182" "1B", 9);
    raw_part(&p2, "+441234", 0x00, "050003070202CA" "42", 9);
    for (int order = 0; order < 2; order++) {
        engine e;
        coll *c = coll_new();
        engine_init(&e, 2, 0, collect, c);
        cr_assert_eq(smsk_reasm_add(&e.r, order ? &p2.t : &p1.t, 1, NULL), SMSK_MORE);
        cr_assert_eq(smsk_reasm_add(&e.r, order ? &p1.t : &p2.t, 2, NULL), SMSK_OK);
        cr_assert_eq(c->n, 1);
        expect_text(&c->g[0], "A" EURO "B");
        free(e.mem);
        free(c);
    }
}

Test(reasm, escape_before_a_gap_is_dropped_and_the_gap_marked)
{
    /* part 1 'A' ESC, part 2 missing, part 3 0x65 'B': unescaped 0x65 is 'e' */
    part p1, p3;
    engine e;
    coll *c = coll_new();
    raw_part(&p1, "+441234", 0x00, "0500030B030182" "1B", 9);
    raw_part(&p3, "+441234", 0x00, "0500030B0303CA" "42", 9);
    engine_init(&e, 4, 1000, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &p1.t, 0, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p3.t, 5, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_expire(&e.r, 1000), 1);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].reason, SMSK_REASM_TIMEOUT);
    expect_present(&c->g[0], "101");
    expect_text(&c->g[0], "A" FFFD "eB");
    free(e.mem);
    free(c);
}

Test(reasm, surrogate_pair_split_between_ucs2_parts_is_joined)
{
    /* U+1F600 is D83D DE00: the high half ends part 1, the low starts 2 */
    part p1, p2;
    engine e;
    coll *c = coll_new();
    raw_part(&p1, "+441234", 0x08, "050003090201" "0041D83D", 10);
    raw_part(&p2, "+441234", 0x08, "050003090202" "DE000042", 10);
    engine_init(&e, 2, 0, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &p2.t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p1.t, 2, NULL), SMSK_OK);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].encoding, SMSK_ENC_UCS2);
    expect_text(&c->g[0], "A" GRIN "B");
    free(e.mem);
    free(c);
}

Test(reasm, lone_surrogate_half_before_a_gap_becomes_fffd)
{
    part p1, p3;
    engine e;
    coll *c = coll_new();
    raw_part(&p1, "+441234", 0x08, "050003090301" "0041D83D", 10);
    raw_part(&p3, "+441234", 0x08, "050003090303" "DE000042", 10);
    engine_init(&e, 2, 0, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &p1.t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p3.t, 2, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_flush(&e.r), 1);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].reason, SMSK_REASM_FLUSHED);
    /* 'A', the unpaired D83D, the gap, the unpaired DE00, 'B' */
    expect_text(&c->g[0], "A" FFFD FFFD FFFD "B");
    free(e.mem);
    free(c);
}

Test(reasm, national_tables_are_those_of_each_part)
{
    /* TS 23.038 Annex C.2: a shift applies to the end of the current
     * segment. Septet 0x1D is U+015F in the Turkish locking table and
     * U+00E6 in the default alphabet (TS 23.038 6.2.1, A.3.1). */
    part p1, p2;
    engine e;
    coll *c = coll_new();
    smsk_tpdu t;
    smsk_udh udh;
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    smsk_gsm7_shift tr = {SMSK_LANG_TURKISH, SMSK_LANG_DEFAULT};
    deliver_template(&t, "+90532");
    smsk_udh_init(&udh);
    cr_assert_eq(smsk_udh_add_concat(&udh, 0x31, 2, 1, 8), SMSK_OK);
    cr_assert_eq(smsk_udh_add_shift(&udh, tr), SMSK_OK);
    cr_assert_eq(smsk_tpdu_set_text(&t, ud, sizeof ud, &udh, "a\xC5\x9F", 3,
            SMSK_ENC_GSM7, tr, NULL), SMSK_OK);
    build_and_parse(&p1, &t);
    gsm_part(&p2, "+90532", 0x31, 2, 2, "\xC3\xA6");
    engine_init(&e, 2, 0, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &p2.t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p1.t, 2, NULL), SMSK_OK);
    cr_assert_eq(c->n, 1);
    expect_text(&c->g[0], "a\xC5\x9F\xC3\xA6");
    free(e.mem);
    free(c);
}

Test(reasm, escape_split_between_parts_uses_the_single_shift_table)
{
    /* UDH 08 | 00 03 31 02 0n | 24 01 01 (Turkish single shift): 9
     * octets, text from bit 77 (5 fill bits). Part 1: 'A' ESC, part 2:
     * 0x47 'B'. Turkish single shift 0x47 is U+011E (TS 23.038 A.2.1);
     * the default extension table has none there and would show 'G'. */
    part p1, p2;
    engine e;
    coll *c = coll_new();
    raw_part(&p1, "+90532", 0x00, "080003310201240101" "20B801", 13);
    raw_part(&p2, "+90532", 0x00, "080003310202240101" "E02804", 13);
    engine_init(&e, 2, 0, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &p1.t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p2.t, 2, NULL), SMSK_OK);
    cr_assert_eq(c->n, 1);
    expect_text(&c->g[0], "A\xC4\x9E" "B");
    free(e.mem);
    free(c);
}

Test(reasm, part_differing_only_in_dcs_is_a_conflict)
{
    part a, b;
    engine e;
    smsk_diag d = {0, 0, NULL};
    raw_part(&a, "+441234", 0x00, "05000344020182" "1B", 9);
    raw_part(&b, "+441234", 0x10, "05000344020182" "1B", 9); /* class 0 */
    engine_init(&e, 2, 0, never, NULL);
    cr_assert_eq(smsk_reasm_add(&e.r, &a.t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &b.t, 2, &d), SMSK_E_MALFORMED);
    cr_expect_eq(d.offset, 0);
    cr_expect_eq(e.r.conflicts, 1);
    cr_expect_eq(e.r.pending_parts, 1);
    free(e.mem);
}

Test(reasm, full_table_finds_every_message_through_deletions)
{
    /* 200 two-part messages fill a 200-slot engine; their second parts
     * in random order must each find the first (no eviction, no new
     * message), round after round, as the table fills and empties. */
    enum { N = 200, ROUNDS = 25 };
    part *p = calloc(2 * 2 * 256, sizeof *p);
    unsigned pick[512];
    test_rng rng = {42};
    engine e;
    coll *c = coll_new();
    cr_assert_not_null(p);
    for (unsigned i = 0; i < 512; i++) {
        unsigned bits = i < 256 ? 8 : 16, ref = i % 256;
        text_part(&p[2 * i], "+441234", ref, bits, 2, 1, "x", 1, SMSK_ENC_GSM7);
        text_part(&p[2 * i + 1], "+441234", ref, bits, 2, 2, "y", 1, SMSK_ENC_GSM7);
        pick[i] = i;
    }
    engine_init(&e, N, 0, collect, c);
    uint64_t now = 0;
    for (unsigned round = 0; round < ROUNDS; round++) {
        shuffle(pick, 512, &rng);
        for (unsigned i = 0; i < N; i++)
            cr_assert_eq(smsk_reasm_add(&e.r, &p[2 * pick[i]].t, now++, NULL), SMSK_MORE);
        cr_assert_eq(e.r.pending_parts, N);
        shuffle(pick, N, &rng);
        for (unsigned i = 0; i < N; i++) {
            c->n = 0;
            cr_assert_eq(smsk_reasm_add(&e.r, &p[2 * pick[i] + 1].t, now++, NULL), SMSK_OK,
                    "round %u message %u", round, pick[i]);
            cr_assert_eq(c->n, 1);
            cr_assert_eq(c->g[0].reason, SMSK_REASM_COMPLETE);
            cr_assert_eq(c->g[0].ref, pick[i] % 256);
        }
        cr_assert_eq(e.r.pending_messages, 0);
    }
    free(e.mem);
    free(c);
    free(p);
}

Test(reasm, eight_bit_data_parts_are_joined)
{
    part p1, p2;
    engine e;
    coll *c = coll_new();
    raw_part(&p1, "+441234", 0x04, "0500030A0201" "DEADBE", 9);
    raw_part(&p2, "+441234", 0x04, "0500030A0202" "EF00", 8);
    engine_init(&e, 2, 0, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &p2.t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p1.t, 2, NULL), SMSK_OK);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].encoding, SMSK_ENC_8BIT);
    cr_expect_eq(c->g[0].text_st, SMSK_E_UNSUPPORTED);
    cr_assert_eq(c->g[0].data_st, SMSK_OK);
    static const uint8_t exp[] = {0xDE, 0xAD, 0xBE, 0xEF, 0x00};
    assert_bytes_eq(c->g[0].data, c->g[0].data_len, exp, sizeof exp);
    free(e.mem);
    free(c);
}

Test(reasm, compressed_parts_are_data_not_text)
{
    /* TP-DCS 0x20: general group, compressed (TS 23.038 clause 4), so
     * TP-UDL counts octets (TS 23.040 9.2.3.16) */
    part p1, p2;
    engine e;
    coll *c = coll_new();
    raw_part(&p1, "+441234", 0x20, "0500030C0201" "AA", 7);
    raw_part(&p2, "+441234", 0x20, "0500030C0202" "BB", 7);
    engine_init(&e, 2, 0, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &p1.t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p2.t, 2, NULL), SMSK_OK);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].text_st, SMSK_E_UNSUPPORTED);
    cr_assert_eq(c->g[0].data_st, SMSK_OK);
    static const uint8_t exp[] = {0xAA, 0xBB};
    assert_bytes_eq(c->g[0].data, c->g[0].data_len, exp, sizeof exp);
    free(e.mem);
    free(c);
}

Test(reasm, parts_with_different_alphabets_are_each_decoded)
{
    part p1, p2;
    engine e;
    coll *c = coll_new();
    text_part(&p1, "+441234", 0x0D, 8, 2, 1, "ab", 2, SMSK_ENC_GSM7);
    text_part(&p2, "+441234", 0x0D, 8, 2, 2, "\xD0\xB6", 2, SMSK_ENC_UCS2);
    engine_init(&e, 2, 0, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &p2.t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p1.t, 2, NULL), SMSK_OK);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].encoding, SMSK_ENC_GSM7); /* part 1's */
    expect_text(&c->g[0], "ab\xD0\xB6");
    free(e.mem);
    free(c);
}

Test(reasm, sixteen_bit_reference_ie_is_read)
{
    /* 9.2.3.24.8: 08 04 12 34 02 0n */
    part p1, p2;
    engine e;
    coll *c = coll_new();
    raw_part(&p1, "+441234", 0x04, "0608041234020111", 8);
    raw_part(&p2, "+441234", 0x04, "0608041234020222", 8);
    engine_init(&e, 2, 0, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &p1.t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p2.t, 2, NULL), SMSK_OK);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].ref, 0x1234);
    cr_expect_eq(c->g[0].ref_bits, 16);
    static const uint8_t exp[] = {0x11, 0x22};
    assert_bytes_eq(c->g[0].data, c->g[0].data_len, exp, sizeof exp);
    free(e.mem);
    free(c);
}

Test(reasm, same_number_as_8_and_16_bit_reference_are_different_messages)
{
    part a1, a2, b1, b2;
    engine e;
    coll *c = coll_new();
    text_part(&a1, "+441234", 5, 8, 2, 1, "eight ", 6, SMSK_ENC_GSM7);
    text_part(&a2, "+441234", 5, 8, 2, 2, "bits", 4, SMSK_ENC_GSM7);
    text_part(&b1, "+441234", 5, 16, 2, 1, "sixteen ", 8, SMSK_ENC_GSM7);
    text_part(&b2, "+441234", 5, 16, 2, 2, "bits", 4, SMSK_ENC_GSM7);
    engine_init(&e, 4, 0, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &a1.t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &b2.t, 2, NULL), SMSK_MORE);
    cr_expect_eq(e.r.pending_messages, 2);
    cr_assert_eq(smsk_reasm_add(&e.r, &b1.t, 3, NULL), SMSK_OK);
    cr_assert_eq(smsk_reasm_add(&e.r, &a2.t, 4, NULL), SMSK_OK);
    cr_assert_eq(c->n, 2);
    cr_expect_eq(c->g[0].ref_bits, 16);
    expect_text(&c->g[0], "sixteen bits");
    cr_expect_eq(c->g[1].ref_bits, 8);
    expect_text(&c->g[1], "eight bits");
    free(e.mem);
    free(c);
}

Test(reasm, same_reference_from_different_originators_are_different_messages)
{
    part a1, a2, b1, b2, n1;
    engine e;
    coll *c = coll_new();
    gsm_part(&a1, "+441234", 77, 2, 1, "from ");
    gsm_part(&a2, "+441234", 77, 2, 2, "A");
    gsm_part(&b1, "+441235", 77, 2, 1, "from ");
    gsm_part(&b2, "+441235", 77, 2, 2, "B");
    gsm_part(&n1, "441234", 77, 2, 1, "national ");  /* other TON */
    engine_init(&e, 4, 0, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &a1.t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &b1.t, 2, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &n1.t, 3, NULL), SMSK_MORE);
    cr_expect_eq(e.r.pending_messages, 3);
    cr_assert_eq(smsk_reasm_add(&e.r, &b2.t, 4, NULL), SMSK_OK);
    cr_assert_eq(smsk_reasm_add(&e.r, &a2.t, 5, NULL), SMSK_OK);
    cr_assert_eq(c->n, 2);
    expect_orig(&c->g[0], "441235");
    expect_text(&c->g[0], "from B");
    expect_orig(&c->g[1], "441234");
    cr_expect_eq(c->g[1].orig.ton, SMSK_TON_INTERNATIONAL);
    expect_text(&c->g[1], "from A");
    cr_expect_eq(e.r.pending_messages, 1);
    free(e.mem);
    free(c);
}

Test(reasm, total_is_part_of_the_key)
{
    part a, b;
    engine e;
    coll *c = coll_new();
    gsm_part(&a, "+441234", 3, 2, 1, "two");
    gsm_part(&b, "+441234", 3, 3, 2, "three");
    engine_init(&e, 4, 0, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &a.t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &b.t, 2, NULL), SMSK_MORE);
    cr_expect_eq(e.r.pending_messages, 2);
    cr_expect_eq(e.r.conflicts, 0);
    free(e.mem);
    free(c);
}

/* ---------------------------------------------------------------------
 * Timeout, eviction, flush
 * ------------------------------------------------------------------- */

Test(reasm, timeout_hands_over_a_partial_message_with_its_gap)
{
    part p1, p3;
    engine e;
    coll *c = coll_new();
    gsm_part(&p1, "+441234", 0x20, 3, 1, "abc");
    gsm_part(&p3, "+441234", 0x20, 3, 3, "ghi");
    engine_init(&e, 4, 1000, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &p1.t, 5000, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p3.t, 5010, NULL), SMSK_MORE);
    cr_expect_eq(smsk_reasm_expire(&e.r, 5999), 0);
    cr_expect_eq(c->n, 0);
    cr_assert_eq(smsk_reasm_expire(&e.r, 6000), 1);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].reason, SMSK_REASM_TIMEOUT);
    cr_expect_eq(c->g[0].first_ms, 5000);
    cr_expect_eq(c->g[0].last_ms, 5010);
    expect_present(&c->g[0], "101");
    expect_text(&c->g[0], "abc" FFFD "ghi");
    cr_expect_eq(e.r.pending_messages, 0);
    cr_expect_eq(e.r.pending_parts, 0);
    free(e.mem);
    free(c);
}

Test(reasm, add_hands_over_timed_out_messages_first)
{
    part a1, b1;
    engine e;
    coll *c = coll_new();
    gsm_part(&a1, "+441234", 1, 2, 1, "old");
    gsm_part(&b1, "+441234", 2, 2, 1, "new");
    engine_init(&e, 4, 100, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &a1.t, 0, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &b1.t, 150, NULL), SMSK_MORE);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].reason, SMSK_REASM_TIMEOUT);
    cr_expect_eq(c->g[0].ref, 1);
    expect_text(&c->g[0], "old" FFFD);
    cr_expect_eq(e.r.pending_messages, 1);
    /* the part that restarts an expired message starts a new one */
    cr_assert_eq(smsk_reasm_add(&e.r, &a1.t, 160, NULL), SMSK_MORE);
    cr_expect_eq(e.r.pending_messages, 2);
    free(e.mem);
    free(c);
}

Test(reasm, zero_timeout_never_expires)
{
    part a1;
    engine e;
    coll *c = coll_new();
    gsm_part(&a1, "+441234", 1, 2, 1, "x");
    engine_init(&e, 2, 0, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &a1.t, 0, NULL), SMSK_MORE);
    cr_expect_eq(smsk_reasm_expire(&e.r, UINT64_MAX), 0);
    cr_expect_eq(c->n, 0);
    cr_expect_eq(smsk_reasm_flush(&e.r), 1);
    cr_expect_eq(c->g[0].reason, SMSK_REASM_FLUSHED);
    free(e.mem);
    free(c);
}

Test(reasm, full_memory_hands_over_the_oldest_partial_message)
{
    part a1, a2, b1, c1, c2;
    engine e;
    coll *c = coll_new();
    gsm_part(&a1, "+441234", 1, 3, 1, "a1");
    gsm_part(&a2, "+441234", 1, 3, 2, "a2");
    gsm_part(&b1, "+441234", 2, 3, 1, "b1");
    gsm_part(&c1, "+441234", 3, 2, 1, "c1");
    gsm_part(&c2, "+441234", 3, 2, 2, "c2");
    engine_init(&e, 3, 0, collect, c); /* memory of exactly 3 parts */
    cr_assert_eq(smsk_reasm_add(&e.r, &b1.t, 10, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &a1.t, 5, NULL), SMSK_MORE); /* older */
    cr_assert_eq(smsk_reasm_add(&e.r, &a2.t, 20, NULL), SMSK_MORE);
    cr_expect_eq(e.r.pending_parts, 3);
    cr_expect_eq(c->n, 0);
    cr_assert_eq(smsk_reasm_add(&e.r, &c1.t, 30, NULL), SMSK_MORE);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].reason, SMSK_REASM_EVICTED);
    cr_expect_eq(c->g[0].ref, 1);
    cr_expect_eq(c->g[0].first_ms, 5);
    expect_present(&c->g[0], "110");
    expect_text(&c->g[0], "a1a2" FFFD);
    cr_expect_eq(e.r.pending_messages, 2);
    cr_expect_eq(e.r.pending_parts, 2);
    /* the part that completes a message needs no slot */
    cr_assert_eq(smsk_reasm_add(&e.r, &a1.t, 40, NULL), SMSK_MORE);
    cr_expect_eq(e.r.pending_parts, 3);
    cr_assert_eq(smsk_reasm_add(&e.r, &c2.t, 50, NULL), SMSK_OK);
    cr_assert_eq(c->n, 2);
    cr_expect_eq(c->g[1].reason, SMSK_REASM_COMPLETE);
    expect_text(&c->g[1], "c1c2");
    cr_expect_eq(smsk_reasm_flush(&e.r), 2);
    cr_assert_eq(c->n, 4);
    cr_expect_eq(c->g[2].ref, 2); /* b: first part at 10 */
    cr_expect_eq(c->g[3].ref, 1); /* a again: first part at 40 */
    free(e.mem);
    free(c);
}

Test(reasm, memory_of_one_part_evicts_the_message_the_part_belongs_to)
{
    part p[3];
    engine e;
    coll *c = coll_new();
    for (unsigned i = 0; i < 3; i++) {
        char t[4] = {'p', (char)('1' + i), 0, 0};
        gsm_part(&p[i], "+441234", 8, 3, i + 1, t);
    }
    engine_init(&e, 1, 0, collect, c);
    cr_assert_eq(smsk_reasm_add(&e.r, &p[0].t, 1, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&e.r, &p[1].t, 2, NULL), SMSK_MORE);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].reason, SMSK_REASM_EVICTED);
    expect_present(&c->g[0], "100");
    cr_assert_eq(smsk_reasm_add(&e.r, &p[2].t, 3, NULL), SMSK_MORE);
    cr_assert_eq(c->n, 2);
    expect_present(&c->g[1], "010");
    cr_expect_eq(smsk_reasm_flush(&e.r), 1);
    expect_present(&c->g[2], "001");
    free(e.mem);
    free(c);
}

/* ---------------------------------------------------------------------
 * 255 parts
 * ------------------------------------------------------------------- */

static void max_parts(size_t slots_n)
{
    part *p = calloc(SMSK_MAX_PARTS, sizeof *p);
    char *exp = calloc(SMSK_MAX_PARTS, 8);
    unsigned order[SMSK_MAX_PARTS];
    test_rng rng = {255};
    engine e;
    coll *c = coll_new();
    cr_assert(p && exp);
    size_t len = 0;
    for (unsigned i = 0; i < SMSK_MAX_PARTS; i++) {
        char t[8];
        snprintf(t, sizeof t, "<%03u>", i + 1);
        memcpy(exp + len, t, 5);
        len += 5;
        text_part(&p[i], "+441234", 0xBEEF, 16, SMSK_MAX_PARTS, i + 1, t, 5,
                i % 2 ? SMSK_ENC_UCS2 : SMSK_ENC_GSM7);
        order[i] = i;
    }
    exp[len] = 0;
    shuffle(order, SMSK_MAX_PARTS, &rng);
    engine_init(&e, slots_n, 0, collect, c);
    for (unsigned i = 0; i < SMSK_MAX_PARTS; i++)
        cr_assert_eq(smsk_reasm_add(&e.r, &p[order[i]].t, i, NULL),
                i + 1 < SMSK_MAX_PARTS ? SMSK_MORE : SMSK_OK);
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->g[0].reason, SMSK_REASM_COMPLETE);
    cr_expect_eq(c->g[0].total, 255);
    cr_expect_eq(c->g[0].parts_present, 255);
    expect_text(&c->g[0], exp);
    free(e.mem);
    free(c);
    free(p);
    free(exp);
}

Test(reasm, message_of_255_parts_in_any_order_completes)
{
    max_parts(255);
}

Test(reasm, message_of_255_parts_needs_254_slots)
{
    max_parts(254);
}

/* ---------------------------------------------------------------------
 * Export and import
 * ------------------------------------------------------------------- */

static uint32_t test_crc32(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static void put_crc(uint8_t *s, size_t len)
{
    uint32_t v = test_crc32(s, len - 4);
    s[len - 4] = (uint8_t)(v >> 24);
    s[len - 3] = (uint8_t)(v >> 16);
    s[len - 2] = (uint8_t)(v >> 8);
    s[len - 1] = (uint8_t)v;
}

Test(reasm, crc32_of_the_check_string)
{
    cr_assert_eq(test_crc32((const uint8_t *)"123456789", 9), 0xCBF43926u);
}

/* Parts of three messages: X (GSM 7-bit, 3 parts), Y (UCS-2, 16-bit
 * reference, 2 parts), Z (8-bit data from an alphanumeric sender). */
typedef struct trio {
    part x[3], y[2], z[2];
} trio;

static void trio_make(trio *t)
{
    gsm_part(&t->x[0], "+441234", 0x11, 3, 1, "abc");
    gsm_part(&t->x[1], "+441234", 0x11, 3, 2, "d" EURO "f");
    gsm_part(&t->x[2], "+441234", 0x11, 3, 3, "ghi");
    text_part(&t->y[0], "+33612", 0x1234, 16, 2, 1, OMEGA "1", 3, SMSK_ENC_UCS2);
    text_part(&t->y[1], "+33612", 0x1234, 16, 2, 2, GRIN "2", 5, SMSK_ENC_UCS2);
    raw_part(&t->z[0], "ACME", 0x04, "0500030A0201" "0102", 8);
    raw_part(&t->z[1], "ACME", 0x04, "0500030A0202" "0304", 8);
}

/* X parts 1 and 3, Y part 2, Z part 1, at 1000, 1010, 1020, 1030. */
static void trio_half(smsk_reasm *r, trio *t)
{
    cr_assert_eq(smsk_reasm_add(r, &t->x[0].t, 1000, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(r, &t->x[2].t, 1010, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(r, &t->y[1].t, 1020, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(r, &t->z[0].t, 1030, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(r, &t->z[0].t, 1031, NULL), SMSK_MORE); /* dup */
}

#define STATE_CAP 8192

static size_t export_all(const smsk_reasm *r, uint8_t *buf)
{
    size_t need = 0, len = 0;
    cr_assert_eq(smsk_reasm_export(NULL, 0, &need, r), SMSK_E_NOSPACE);
    cr_assert(need <= STATE_CAP);
    cr_assert_eq(smsk_reasm_export(buf, need - 1, &len, r), SMSK_E_NOSPACE);
    cr_assert_eq(len, need);
    cr_assert_eq(smsk_reasm_export(buf, STATE_CAP, &len, r), SMSK_OK);
    cr_assert_eq(len, need);
    return len;
}

Test(reasm, export_has_magic_version_count_and_crc)
{
    trio *t = calloc(1, sizeof *t);
    uint8_t s[STATE_CAP];
    engine e;
    coll *c = coll_new();
    trio_make(t);
    engine_init(&e, 8, 0, collect, c);
    size_t n = export_all(&e.r, s);
    cr_assert_eq(n, 8 + 1 + 4 + 4); /* empty */
    trio_half(&e.r, t);
    n = export_all(&e.r, s);
    cr_assert(memcmp(s, "SMSKRSM1", 8) == 0);
    cr_expect_eq(s[8], 1);
    cr_expect(s[9] == 0 && s[10] == 0 && s[11] == 0 && s[12] == 3);
    uint32_t crc = (uint32_t)s[n - 4] << 24 | (uint32_t)s[n - 3] << 16
            | (uint32_t)s[n - 2] << 8 | s[n - 1];
    cr_expect_eq(crc, test_crc32(s, n - 4));
    /* the oldest message first: X from 441234 (international, ISDN) */
    cr_expect_eq(s[13], SMSK_TON_INTERNATIONAL);
    cr_expect_eq(s[14], SMSK_NPI_ISDN);
    cr_expect_eq(s[15], 6);
    cr_expect(memcmp(s + 16, "441234", 6) == 0);
    free(e.mem);
    free(c);
    free(t);
}

Test(reasm, export_then_import_keeps_every_pending_part)
{
    trio *t = calloc(1, sizeof *t);
    uint8_t s[STATE_CAP], s2[STATE_CAP];
    engine a, b;
    coll *ca = coll_new(), *cb = coll_new();
    trio_make(t);
    engine_init(&a, 8, 0, collect, ca);
    trio_half(&a.r, t);
    size_t n = export_all(&a.r, s);
    engine_init(&b, 5, 0, collect, cb);
    smsk_diag d = {0, 0, NULL};
    cr_assert_eq(smsk_reasm_import(&b.r, s, n, &d), SMSK_OK, "%s", d.what ? d.what : "");
    cr_expect_eq(b.r.pending_messages, 3);
    cr_expect_eq(b.r.pending_parts, 4);
    cr_assert_eq(export_all(&b.r, s2), n);
    assert_bytes_eq(s2, n, s, n);
    cr_assert_eq(ca->n, 0);
    cr_assert_eq(cb->n, 0);
    /* the missing parts complete every message */
    cr_assert_eq(smsk_reasm_add(&b.r, &t->y[0].t, 2000, NULL), SMSK_OK);
    cr_assert_eq(smsk_reasm_add(&b.r, &t->x[1].t, 2010, NULL), SMSK_OK);
    cr_assert_eq(smsk_reasm_add(&b.r, &t->z[1].t, 2020, NULL), SMSK_OK);
    cr_assert_eq(cb->n, 3);
    expect_text(&cb->g[0], OMEGA "1" GRIN "2");
    cr_expect_eq(cb->g[0].ref, 0x1234);
    cr_expect_eq(cb->g[0].ref_bits, 16);
    cr_expect_eq(cb->g[0].first_ms, 1020);
    expect_text(&cb->g[1], "abcd" EURO "fghi");
    cr_expect_eq(cb->g[1].first_ms, 1000);
    cr_expect_eq(cb->g[1].last_ms, 2010);
    static const uint8_t zexp[] = {1, 2, 3, 4};
    assert_bytes_eq(cb->g[2].data, cb->g[2].data_len, zexp, sizeof zexp);
    expect_orig(&cb->g[2], "ACME");
    cr_expect_eq(cb->g[2].orig.ton, SMSK_TON_ALPHANUMERIC);
    cr_expect_eq(cb->g[2].duplicates, 1);
    cr_expect_eq(b.r.pending_parts, 0);
    free(a.mem);
    free(b.mem);
    free(ca);
    free(cb);
    free(t);
}

Test(reasm, imported_messages_keep_their_age)
{
    trio *t = calloc(1, sizeof *t);
    uint8_t s[STATE_CAP];
    engine a, b;
    coll *ca = coll_new(), *cb = coll_new();
    trio_make(t);
    engine_init(&a, 8, 0, collect, ca);
    trio_half(&a.r, t);
    size_t n = export_all(&a.r, s);
    engine_init(&b, 8, 500, collect, cb);
    cr_assert_eq(smsk_reasm_import(&b.r, s, n, NULL), SMSK_OK);
    cr_expect_eq(smsk_reasm_expire(&b.r, 1519), 1); /* X: first part at 1000 */
    cr_expect_eq(smsk_reasm_expire(&b.r, 1600), 2);
    cr_assert_eq(cb->n, 3);
    cr_expect_eq(cb->g[0].reason, SMSK_REASM_TIMEOUT);
    expect_present(&cb->g[0], "101");
    expect_text(&cb->g[0], "abc" FFFD "ghi");
    expect_present(&cb->g[1], "01");
    expect_text(&cb->g[1], FFFD GRIN "2");
    expect_present(&cb->g[2], "10");
    free(a.mem);
    free(b.mem);
    free(ca);
    free(cb);
    free(t);
}

Test(reasm, import_merges_with_parts_already_held)
{
    trio *t = calloc(1, sizeof *t);
    uint8_t s[STATE_CAP];
    engine a, b;
    coll *ca = coll_new(), *cb = coll_new();
    trio_make(t);
    engine_init(&a, 8, 0, collect, ca);
    trio_half(&a.r, t);
    size_t n = export_all(&a.r, s);
    engine_init(&b, 8, 0, collect, cb);
    cr_assert_eq(smsk_reasm_add(&b.r, &t->x[1].t, 900, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_add(&b.r, &t->z[0].t, 900, NULL), SMSK_MORE);
    cr_assert_eq(smsk_reasm_import(&b.r, s, n, NULL), SMSK_OK);
    cr_assert_eq(cb->n, 1); /* X completed by the import */
    cr_expect_eq(cb->g[0].reason, SMSK_REASM_COMPLETE);
    expect_text(&cb->g[0], "abcd" EURO "fghi");
    cr_expect_eq(cb->g[0].first_ms, 900);
    cr_expect_eq(b.r.pending_messages, 2); /* Y, and Z (its part held twice) */
    cr_expect_eq(b.r.pending_parts, 2);
    cr_expect_eq(b.r.duplicates, 1);
    free(a.mem);
    free(b.mem);
    free(ca);
    free(cb);
    free(t);
}

/* An engine holding X part 2 of its own, to see that it stays as it is. */
static size_t held_state(engine *b, coll *cb, trio *t, uint8_t *s)
{
    engine_init(b, 16, 0, collect, cb);
    cr_assert_eq(smsk_reasm_add(&b->r, &t->x[1].t, 7, NULL), SMSK_MORE);
    return export_all(&b->r, s);
}

static void expect_unchanged(const smsk_reasm *r, const uint8_t *s, size_t n,
        const char *what, size_t at)
{
    uint8_t now[STATE_CAP];
    size_t len = 0;
    cr_assert_eq(smsk_reasm_export(now, sizeof now, &len, r), SMSK_OK);
    cr_assert(len == n && memcmp(now, s, n) == 0, "%s %zu changed the engine", what, at);
    cr_assert_eq(r->pending_parts, 1);
    cr_assert_eq(r->duplicates, 0);
    cr_assert_eq(r->conflicts, 0);
}

Test(reasm, truncated_export_is_rejected_and_changes_nothing)
{
    trio *t = calloc(1, sizeof *t);
    uint8_t s[STATE_CAP], held[STATE_CAP];
    engine a, b;
    coll *ca = coll_new(), *cb = coll_new();
    trio_make(t);
    engine_init(&a, 8, 0, collect, ca);
    trio_half(&a.r, t);
    size_t n = export_all(&a.r, s);
    size_t hn = held_state(&b, cb, t, held);
    for (size_t len = 0; len < n; len++) {
        smsk_diag d = {0, 0, NULL};
        uint8_t *cut = malloc(len ? len : 1); /* exact size: overreads show */
        memcpy(cut, s, len);
        cr_assert_eq(smsk_reasm_import(&b.r, cut, len, &d), SMSK_E_TRUNC, "length %zu", len);
        cr_assert_not_null(d.what);
        free(cut);
        expect_unchanged(&b.r, held, hn, "truncation at", len);
    }
    cr_expect_eq(cb->n, 0);
    free(a.mem);
    free(b.mem);
    free(ca);
    free(cb);
    free(t);
}

Test(reasm, every_single_bit_flip_is_rejected_and_changes_nothing)
{
    trio *t = calloc(1, sizeof *t);
    uint8_t s[STATE_CAP], held[STATE_CAP];
    engine a, b;
    coll *ca = coll_new(), *cb = coll_new();
    trio_make(t);
    engine_init(&a, 8, 0, collect, ca);
    trio_half(&a.r, t);
    size_t n = export_all(&a.r, s);
    size_t hn = held_state(&b, cb, t, held);
    for (size_t bit = 0; bit < 8 * n; bit++) {
        s[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        smsk_status st = smsk_reasm_import(&b.r, s, n, NULL);
        s[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        cr_assert(st == SMSK_E_MALFORMED || st == SMSK_E_TRUNC, "bit %zu gave %d", bit, st);
        expect_unchanged(&b.r, held, hn, "bit", bit);
    }
    /* the CRC alone wrong */
    s[n - 1] ^= 0x80;
    smsk_diag d = {0, 0, NULL};
    cr_expect_eq(smsk_reasm_import(&b.r, s, n, &d), SMSK_E_MALFORMED);
    cr_expect_eq(d.offset, n - 4);
    cr_expect_eq(cb->n, 0);
    free(a.mem);
    free(b.mem);
    free(ca);
    free(cb);
    free(t);
}

Test(reasm, well_checksummed_but_inconsistent_state_is_rejected)
{
    trio *t = calloc(1, sizeof *t);
    uint8_t s[STATE_CAP], bad[STATE_CAP + 1], held[STATE_CAP];
    engine a, b;
    coll *ca = coll_new(), *cb = coll_new();
    trio_make(t);
    engine_init(&a, 8, 0, collect, ca);
    trio_half(&a.r, t);
    size_t n = export_all(&a.r, s);
    size_t hn = held_state(&b, cb, t, held);
    /* X's record: header 13, originator 3 + 6, then ref(2) bits total
     * first(8) last(8) duplicates(4) count(1); its first part's seq at 13 + 28 + 6 */
    const size_t count_at = 13 + 3 + 6 + 2 + 1 + 1 + 8 + 8 + 4, seq_at = count_at + 1;
    cr_assert_eq(s[count_at], 2);
    cr_assert_eq(s[seq_at], 1);
    struct { size_t at; uint8_t v; const char *what; } cases[] = {
        {8, 2, "version 2"},
        {0, 'X', "magic"},
        {seq_at, 0, "sequence number 0"},
        {seq_at, 3, "UDH sequence number disagrees"},
        {seq_at, 4, "sequence number above the total"},
        {count_at, 3, "as many parts as the total"},
        {13, 8, "TON 8"},
        {13 + 3 + 6 + 2, 7, "7-bit reference"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        memcpy(bad, s, n);
        bad[cases[k].at] = cases[k].v;
        put_crc(bad, n);
        smsk_status st = smsk_reasm_import(&b.r, bad, n, NULL);
        cr_expect_eq(st, SMSK_E_MALFORMED, "%s gave %d", cases[k].what, st);
        expect_unchanged(&b.r, held, hn, cases[k].what, k);
    }
    /* part 1 of X twice ("abc" and "ghi" take the same octets: part 3's
     * place holds a copy of part 1): seq, dcs, udl, ud_len, time, TP-UD */
    size_t part_len = 12 + s[seq_at + 3];
    cr_assert_eq(s[seq_at + part_len], 3);
    memcpy(bad, s, n);
    memcpy(bad + seq_at + part_len, s + seq_at, part_len);
    put_crc(bad, n);
    cr_expect_eq(smsk_reasm_import(&b.r, bad, n, NULL), SMSK_E_MALFORMED);
    expect_unchanged(&b.r, held, hn, "two parts numbered 1", 0);
    /* an octet after the last message */
    memcpy(bad, s, n - 4);
    bad[n - 4] = 0;
    put_crc(bad, n + 1);
    cr_expect_eq(smsk_reasm_import(&b.r, bad, n + 1, NULL), SMSK_E_MALFORMED);
    expect_unchanged(&b.r, held, hn, "trailing octet", 0);
    cr_expect_eq(cb->n, 0);
    free(a.mem);
    free(b.mem);
    free(ca);
    free(cb);
    free(t);
}

Test(reasm, import_beyond_the_memory_is_a_limit_and_changes_nothing)
{
    trio *t = calloc(1, sizeof *t);
    uint8_t s[STATE_CAP], held[STATE_CAP];
    engine a, b;
    coll *ca = coll_new(), *cb = coll_new();
    trio_make(t);
    engine_init(&a, 8, 0, collect, ca);
    trio_half(&a.r, t);
    size_t n = export_all(&a.r, s);
    engine_init(&b, 4, 0, collect, cb); /* 4 parts in the state, 3 free */
    cr_assert_eq(smsk_reasm_add(&b.r, &t->x[1].t, 7, NULL), SMSK_MORE);
    size_t hn = export_all(&b.r, held);
    cr_expect_eq(smsk_reasm_import(&b.r, s, n, NULL), SMSK_E_LIMIT);
    expect_unchanged(&b.r, held, hn, "limit", 0);
    cr_expect_eq(cb->n, 0);
    cr_expect_eq(smsk_reasm_import(NULL, s, n, NULL), SMSK_E_ARG);
    cr_expect_eq(smsk_reasm_import(&b.r, NULL, n, NULL), SMSK_E_ARG);
    free(a.mem);
    free(b.mem);
    free(ca);
    free(cb);
    free(t);
}

/* ---------------------------------------------------------------------
 * Property: random texts, loss, duplication and reordering
 * ------------------------------------------------------------------- */

#define PROP_MSGS 160
#define PROP_CHARS 420

typedef struct pmsg {
    char orig[16];
    unsigned ref, bits, total;
    char text[PROP_CHARS * 4];
    size_t len;
    size_t off[SMSK_MAX_PARTS], seg_len[SMSK_MAX_PARTS];
    part *parts;
    unsigned arrived[SMSK_MAX_PARTS], handed[SMSK_MAX_PARTS];
    unsigned completes;
} pmsg;

typedef struct prop {
    pmsg *m;
    size_t current;      /* the message of the part being added */
    size_t handed_parts; /* parts in every message handed over */
    size_t reasons[4];   /* messages handed over, by reason */
} prop;

typedef struct event {
    unsigned msg, seq;
} event;

static const char *const gsm_pool[] = {
    "a", "b", "c", "x", "y", "z", " ", " ", "0", "7", ".", "\n", EURO, "[",
    "]", "{", "}", "~", "^", "|", "\\", "\xC3\xA9", "\xC3\x84", "\xC3\xBC",
    OMEGA, "@", "$",
};
static const char *const wide_pool[] = {"\xD0\xB6", "\xE4\xB8\xAD", GRIN, "\xF0\x9F\x91\x8D"};

static void prop_text(pmsg *m, test_rng *rng)
{
    size_t chars = 1 + rng_below(rng, PROP_CHARS);
    int wide = rng_below(rng, 3) == 0;
    m->len = 0;
    for (size_t i = 0; i < chars; i++) {
        const char *c = wide && rng_below(rng, 4) == 0
                ? wide_pool[rng_below(rng, 4)]
                : gsm_pool[rng_below(rng, sizeof gsm_pool / sizeof gsm_pool[0])];
        size_t n = strlen(c);
        memcpy(m->text + m->len, c, n);
        m->len += n;
    }
}

/* Message i: originator i % 3, reference size by (i / 3) % 2, reference
 * i / 6: many messages share a reference number, no two share a key. */
static void prop_message(pmsg *m, size_t i, test_rng *rng)
{
    static const char *const origs[3] = {"+441234", "+441235", "ACME"};
    smsk_segment segs[SMSK_MAX_PARTS];
    smsk_split_info info;
    smsk_split_opts opts;
    memset(m, 0, sizeof *m);
    snprintf(m->orig, sizeof m->orig, "%s", origs[i % 3]);
    m->bits = (i / 3) % 2 ? 16 : 8;
    m->ref = (unsigned)(i / 6);
    prop_text(m, rng);
    memset(&opts, 0, sizeof opts);
    opts.ref_bits = m->bits;
    opts.flags = SMSK_SPLIT_CODEPOINTS;
    cr_assert_eq(smsk_split_plan(segs, SMSK_MAX_PARTS, &info, m->text, m->len, &opts, NULL), SMSK_OK);
    m->total = (unsigned)info.segments;
    m->parts = calloc(m->total, sizeof *m->parts);
    cr_assert_not_null(m->parts);
    for (unsigned k = 0; k < m->total; k++) {
        m->off[k] = segs[k].offset;
        m->seg_len[k] = segs[k].len;
        text_part(&m->parts[k], m->orig, m->ref, m->bits, m->total > 1 ? m->total : 0,
                k + 1, m->text + segs[k].offset, segs[k].len, info.text.encoding);
    }
}

static size_t prop_find(const prop *P, const smsk_reasm_msg *msg)
{
    if (msg->total == 1 && msg->ref_bits == 0)
        return P->current;
    for (size_t i = 0; i < PROP_MSGS; i++) {
        const pmsg *m = &P->m[i];
        smsk_addr a;
        cr_assert_eq(smsk_addr_from_string(&a, m->orig, strlen(m->orig)), SMSK_OK);
        if (m->ref == msg->ref && m->bits == msg->ref_bits && m->total == msg->total
                && a.ton == msg->originator.ton && a.len == msg->originator.len
                && memcmp(a.text, msg->originator.text, a.len) == 0)
            return i;
    }
    cr_assert_fail("a message nobody sent was handed over");
    return 0;
}

static void prop_cb(const smsk_reasm_msg *msg, void *user)
{
    prop *P = user;
    pmsg *m = &P->m[prop_find(P, msg)];
    static char exp[SMSK_MAX_PARTS * 600], got_text[SMSK_MAX_PARTS * 600];
    size_t exp_len = 0, got_len = 0, present = 0;
    for (unsigned k = 0; k < m->total; k++) {
        if (msg->present[k]) {
            m->handed[k]++;
            present++;
            cr_assert(m->handed[k] <= m->arrived[k], "part handed over more often than it arrived");
            memcpy(exp + exp_len, m->text + m->off[k], m->seg_len[k]);
            exp_len += m->seg_len[k];
        } else {
            memcpy(exp + exp_len, FFFD, 3);
            exp_len += 3;
        }
    }
    cr_assert_eq(msg->parts_present, present);
    cr_assert((unsigned)msg->reason < 4);
    P->reasons[msg->reason]++;
    P->handed_parts += present;
    if (msg->reason == SMSK_REASM_COMPLETE) {
        cr_assert_eq(present, m->total);
        m->completes++;
    } else {
        cr_assert(present < m->total);
    }
    cr_assert_eq(smsk_reasm_msg_text(got_text, sizeof got_text, &got_len, msg), SMSK_OK);
    cr_assert(got_len == exp_len && memcmp(got_text, exp, exp_len) == 0,
            "message %zu: text differs", (size_t)(m - P->m));
}

/* Feed every message's parts (lost with 1 in `loss`, doubled with 1 in
 * `dup`), reordered within windows of `window` events (0: all). */
static void prop_run(uint64_t seed, size_t slots_n, uint64_t timeout_ms,
        unsigned loss, unsigned dup, size_t window, int expect_all_complete,
        const int want[4])
{
    prop P;
    test_rng rng = {seed};
    memset(&P, 0, sizeof P);
    engine e;
    size_t n_ev = 0, fed = 0;
    P.m = calloc(PROP_MSGS, sizeof *P.m);
    P.current = 0;
    P.handed_parts = 0;
    cr_assert_not_null(P.m);
    for (size_t i = 0; i < PROP_MSGS; i++)
        prop_message(&P.m[i], i, &rng);
    event *ev = calloc(PROP_MSGS * SMSK_MAX_PARTS * 2, sizeof *ev);
    cr_assert_not_null(ev);
    for (unsigned i = 0; i < PROP_MSGS; i++)
        for (unsigned k = 0; k < P.m[i].total; k++) {
            unsigned copies = rng_below(&rng, loss) == 0 ? 0 : rng_below(&rng, dup) == 0 ? 2 : 1;
            for (unsigned c = 0; c < copies; c++)
                ev[n_ev++] = (event){i, k};
        }
    size_t w = window ? window : n_ev;
    for (size_t at = 0; at < n_ev; at += w) {
        size_t n = n_ev - at < w ? n_ev - at : w;
        for (size_t i = n; i > 1; i--) {
            size_t j = rng_below(&rng, i);
            event tmp = ev[at + i - 1];
            ev[at + i - 1] = ev[at + j];
            ev[at + j] = tmp;
        }
    }
    engine_init(&e, slots_n, timeout_ms, prop_cb, &P);
    uint64_t now = 0;
    for (size_t i = 0; i < n_ev; i++) {
        pmsg *m = &P.m[ev[i].msg];
        now += 1 + rng_below(&rng, 3);
        P.current = ev[i].msg;
        m->arrived[ev[i].seq]++;
        smsk_status st = smsk_reasm_add(&e.r, &m->parts[ev[i].seq].t, now, NULL);
        cr_assert(st == SMSK_OK || st == SMSK_MORE, "event %zu gave %d", i, st);
        fed++;
        cr_assert(e.r.pending_parts <= slots_n);
    }
    smsk_reasm_flush(&e.r);
    cr_assert_eq(e.r.pending_parts, 0);
    cr_assert_eq(e.r.pending_messages, 0);
    cr_assert_eq(e.r.conflicts, 0);
    cr_assert_eq(P.handed_parts + e.r.duplicates, fed, "parts lost");
    if (getenv("REASM_STATS"))
        fprintf(stderr, "seed %llx: complete %zu timeout %zu evicted %zu flushed %zu dups %zu\n",
                (unsigned long long)seed, P.reasons[0], P.reasons[1], P.reasons[2], P.reasons[3], e.r.duplicates);
    for (int k = 0; k < 4; k++)
        cr_assert(!want[k] || P.reasons[k] > 0, "no message handed over for reason %d", k);
    size_t complete = 0, multi = 0, ucs2 = 0;
    for (size_t i = 0; i < PROP_MSGS; i++) {
        multi += P.m[i].total > 1;
        ucs2 += P.m[i].parts[0].t.dcs_info.encoding == SMSK_ENC_UCS2 && P.m[i].total > 1;
        pmsg *m = &P.m[i];
        int all = 1;
        for (unsigned k = 0; k < m->total; k++) {
            cr_assert(m->arrived[k] == 0 || m->handed[k] >= 1, "message %zu part %u lost", i, k + 1);
            all = all && m->arrived[k] > 0;
        }
        /* duplicates that come after completion can complete it again
         * (they cannot be told from a new message with the same key) */
        if (expect_all_complete && all)
            cr_assert(m->completes >= 1, "message %zu: all parts came, never complete", i);
        complete += m->completes;
        free(m->parts);
    }
    cr_assert(complete > 0);
    cr_assert(multi > PROP_MSGS / 2 && ucs2 > 0, "multi-part %zu, UCS-2 %zu", multi, ucs2);
    free(ev);
    free(P.m);
    free(e.mem);
}

Test(reasm, property_everything_arrives_is_complete_or_handed_over)
{
    static const int want[4] = {1, 0, 0, 1}; /* complete, flushed */
    prop_run(0x5EED0001u, 4096, 0, 10, 8, 0, 1, want);
}

Test(reasm, property_small_memory_and_timeout_lose_nothing)
{
    static const int want[4] = {1, 1, 1, 0}; /* complete, timeout, evicted */
    prop_run(0x5EED0002u, 24, 60, 12, 6, 0, 0, want);
}

Test(reasm, property_local_reordering_with_timeout)
{
    static const int want[4] = {1, 1, 0, 0};
    prop_run(0x5EED0003u, 64, 400, 20, 5, 12, 0, want);
}
