/* SPDX-License-Identifier: MIT */
/*
 * bench_pdu: speed of whole-message work (decoding and encoding AT PDUs,
 * splitting long texts into concatenated parts, reassembling them) on
 * fixed, committed inputs, next to Gammu doing the same work.
 *
 * Usage: bench_pdu [--tsv] [--no-header] [--reps=N] [--ms=N] [--only=OP]
 *   (`make bench`, `make bench BENCH_FLAGS=--tsv`, which runs it after
 *   bench_text; --no-header leaves out the TSV column line that
 *   bench_text has printed already; --only measures one op, e.g. under
 *   `perf record`)
 *
 * How this works:
 *  - Each operation (op) has one input, shared by every implementation
 *    (impl) measured on it. The inputs are made at start-up with
 *    smskit's encoder from the committed texts below and the fixed
 *    fields of bench/peers_pdu.h (SC address, TP-OA/TP-DA, TP-MR, TP-VP,
 *    TP-SCTS, concatenation reference); each peer's output is then
 *    compared with smskit's and a warning is printed where they differ,
 *    so rows with the same op measure the same work. smskit's own
 *    outputs are checked against the texts (round trips).
 *  - The ops:
 *      decode_deliver_gsm7_bin   160-character GSM 7-bit SMS-DELIVER with
 *                                SC address, octets -> UTF-8 text
 *                                (smsk_pdu_parse, smsk_tpdu_text)
 *      decode_deliver_gsm7_hex   the same from hex (smsk_hex_decode first)
 *      decode_deliver_ucs2_hex   70-character UCS-2 SMS-DELIVER, hex -> text
 *      decode_deliver_concat_hex part 2 of 4 of the 500-character text
 *                                (UDH, fill bits), hex -> text
 *      encode_submit_gsm7_hex    160-character UTF-8 text -> SMS-SUBMIT
 *                                hex (smsk_tpdu_set_text, smsk_pdu_build,
 *                                smsk_hex_encode)
 *      split_500_gsm7_hex        500-character GSM 7-bit text -> its 4
 *                                SMS-SUBMIT parts in hex (smsk_split_plan,
 *                                then per part smsk_udh_add_concat,
 *                                smsk_tpdu_set_text, smsk_pdu_build,
 *                                smsk_hex_encode)
 *      split_500_mixed_hex       500 characters with emoji -> 8 UCS-2 parts
 *                                (both splits with smsk_split_plan's
 *                                default flags: with ICU, parts keep
 *                                grapheme clusters whole, which Gammu
 *                                does not try; on these texts the parts
 *                                come out the same)
 *      reassemble_4_hex          the 4 SMS-DELIVER parts of the 500-
 *                                character text in hex -> the text (hex
 *                                decode, smsk_pdu_parse, smsk_reasm_add;
 *                                the callback calls smsk_reasm_msg_text)
 *      reasm_pending_100k        one smsk_reasm_add while 100,000 partial
 *                                messages are held (see below)
 *  - reasm_pending_100k: 100,000 two-part messages from distinct senders
 *    each have part 1 held; calls then alternate between the part 2 of
 *    message j (which completes it: handed to a callback that counts it)
 *    and its part 1 again (held again), j going round all of them, so
 *    100,000 (or 99,999) stay held and the hash table and slots are hit
 *    in a spread pattern. The parts are parsed once; each call only
 *    writes the sender's digits into the parsed TPDU. ns/op is per part
 *    added. A `#` line gives smsk_reasm_mem_size() per pending message.
 *    Gammu has no row: it keeps no reassembly state, so its caller holds
 *    every part and runs GSM_LinkSMS over all of them when one arrives;
 *    that cost grows with the square of the parts held, so it is
 *    measured with 1,000 and 4,000 held and the growth is printed
 *    instead.
 *  - Every impl is a bench_pdu_fn (bench/peers_pdu.h) called through a
 *    pointer in a loop; the returned lengths are summed into a volatile
 *    sink, so no call can be dropped or hoisted.
 *  - The iteration count is calibrated so that one repetition lasts about
 *    --ms milliseconds (20); ns per op is the median over --reps
 *    repetitions (15). The repetitions of an op's impls are interleaved,
 *    so that load from elsewhere on the machine skews them alike.
 *  - MB/s is 10^6 bytes per second of the op's INPUT: the PDU octets
 *    (bin) or hex characters (hex) for the decoders and reassembly, the
 *    UTF-8 text for the encoder and splitters, and for
 *    reasm_pending_100k the PDU octets of one part. All rows of an op
 *    use the same byte count.
 *  - The Gammu peer (bench/peer_gammu_pdu.c) is linked in by bench/run.sh
 *    when pkg-config finds it; this file then sees BENCH_WITH_GAMMU.
 *    Built by plain automake rules, it measures smskit only.
 *  - This file has the ops, their inputs, the smskit impls, the
 *    reasm_pending_100k lines and the targets; the timing is
 *    bench/harness.h's, and the options but --no-header and --only, the
 *    check of the peer, the rows and the `#` lines on the build are
 *    bench/report.h's, shared with bench_text.c.
 *
 * Uses the public API only.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "smskit.h"

#include "harness.h"
#include "report.h"

#include "peers_pdu.h"

/* ----------------------------------------------------------------------
 * Inputs
 * -------------------------------------------------------------------- */

/* 160 characters of the default alphabet (bench_text's text_ascii). */
static const char text160[] =
    "Hi Sam, your parcel 4711 arrives today between 14:00 and 16:30. "
    "Reply YES to confirm, NO to reschedule, or call 0800-555-0199 "
    "(free). Ref: A7/QZ#82; cost $0 & 0";

/* 70 characters, Cyrillic and Greek (bench_text's text_ucs2). */
static const char text70[] =
    "Привет, Анна! Встреча завтра. "
    "Γεια σου, τα λέμε αύριο στην Αθήνα, φίλε";

/* 500 characters of the default alphabet, no extension characters: four
 * parts of 153, 153, 153 and 41 septets. */
static const char text500[] =
    "Dear customer, your order 58213 has shipped today and should "
    "arrive within three to five working days. You can follow the "
    "parcel with the tracking code QX-4471-PL on our website, or "
    "reply HELP to this message for assistance. If nobody is home, "
    "the driver will leave a card with a number to call; the parcel "
    "then waits at the nearest pick-up point for ten days. Opening "
    "hours are 8:00 to 20:00, Monday to Saturday. Thank you for "
    "shopping with us and have a nice day! Reply STOP to end it. Ref "
    "0042/AB.";

/*
 * 500 characters (code points), 8 of them emoji outside the BMP: 508
 * UTF-16 units, eight UCS-2 parts of 67 units (the last of 39). No part
 * boundary falls inside a surrogate pair, where splitters differ.
 */
static const char text500_mixed[] =
    "Hallo Jürgen! 🎉 Die Feier ist am Samstag um 19 Uhr bei Zoë "
    "und François im Garten. 🌳 Bitte bring etwas zu trinken mit, "
    "für das Essen ist gesorgt 🍕🍰. Falls es regnet, gehen wir "
    "in die Scheune hinterm Haus. Parken kannst du an der Straße, "
    "der Hof ist leider voll. 🚗 Kinder sind herzlich willkommen, "
    "es gibt ein Zelt und Spiele. 🎈 Sag mir bis Donnerstag "
    "Bescheid, ob du kommst, damit wir genug Stühle haben. Wir "
    "freuen uns auf dich! 😀 Liebe Grüße, Anna und Mia. ✨ PS: "
    "Bring deine Gitarre mit 🎸! Bis bald";

/* TP-SCTS of every SMS-DELIVER: 2024-03-15 14:30:05 +01:00. */
static const smsk_time deliver_time = { 2024, 3, 15, 14, 30, 5, 60 };

static const smsk_gsm7_shift default_tables = { SMSK_LANG_DEFAULT,
    SMSK_LANG_DEFAULT };

#define PENDING 100000u /* messages held by reasm_pending_100k */

/* ----------------------------------------------------------------------
 * Operations and their data
 * -------------------------------------------------------------------- */

#define BUF 8192
#define MAX_IMPLS 32
#define MAX_PARTS 16

enum { OP_DEC_BIN, OP_DEC_HEX, OP_DEC_UCS2, OP_DEC_CONCAT, OP_ENC_SUBMIT,
    OP_SPLIT_GSM7, OP_SPLIT_MIXED, OP_REASM_4, OP_REASM_PENDING, OP_COUNT };

typedef struct op_data {
    const char *name;
    int ready;         /* input and smskit reference are set */
    uint8_t in[BUF];   /* input, then a zero byte */
    uint8_t ref[BUF];  /* smskit's output */
    size_t ref_len;
    uint8_t out[BUF + BENCH_PDU_SLACK];
    size_t part_off[MAX_PARTS], part_len[MAX_PARTS];
    bench_pdu_case c;
} op_data;

static op_data ops[OP_COUNT];

/* The options, ops, impls and rows (bench/report.h). */
static report rep;

static bench_pdu_impl impls[MAX_IMPLS];
static size_t n_impls;


/* The SC address and the other party of every message. */
static smsk_addr smsc_addr, peer_addr;

/*
 * The SMS-SUBMIT every encoder fills in: the fixed fields are set once,
 * as a caller sending many messages would (Gammu's side does the same);
 * smsk_tpdu_set_text sets all the fields that depend on the text.
 */
static smsk_tpdu submit;

/* ----------------------------------------------------------------------
 * smskit implementations
 * -------------------------------------------------------------------- */

static size_t sk_decode_octets(const uint8_t *pdu, size_t len, char *out,
        size_t cap)
{
    static smsk_tpdu t;
    smsk_addr sc;
    size_t n = 0;
    if (smsk_pdu_parse(&sc, &t, pdu, len, SMSK_DIR_MT, 0, NULL) != SMSK_OK
            || smsk_tpdu_text(out, cap, &n, &t, 0, NULL) != SMSK_OK)
        return 0;
    return n;
}

static size_t sk_dec_bin(const bench_pdu_case *c)
{
    return sk_decode_octets(c->in, c->in_len, (char *)c->out, c->out_cap);
}

static size_t sk_dec_hex(const bench_pdu_case *c)
{
    uint8_t pdu[SMSK_PDU_MAX];
    size_t len = 0;
    if (smsk_hex_decode(pdu, sizeof pdu, &len, (const char *)c->in,
                c->in_len, NULL) != SMSK_OK)
        return 0;
    return sk_decode_octets(pdu, len, (char *)c->out, c->out_cap);
}

/* One message's AT PDU as hex at `out`; 0 on failure. */
static size_t sk_build_hex(const smsk_tpdu *t, char *out, size_t cap)
{
    uint8_t pdu[SMSK_PDU_MAX];
    size_t len = 0, hex = 0;
    if (smsk_pdu_build(pdu, sizeof pdu, &len, NULL, &smsc_addr, t, NULL)
                    != SMSK_OK
            || smsk_hex_encode(out, cap, &hex, pdu, len) != SMSK_OK)
        return 0;
    return hex;
}

static size_t sk_encode(const bench_pdu_case *c)
{
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    if (smsk_tpdu_set_text(&submit, ud, sizeof ud, NULL,
                (const char *)c->in, c->in_len, SMSK_ENC_GSM7,
                default_tables, NULL) != SMSK_OK)
        return 0;
    return sk_build_hex(&submit, (char *)c->out, c->out_cap);
}

static const smsk_split_opts split_opts = { { 0, 0, 0, 0 }, 8, 0, 0 };

/* The UDH of part `seq` of `total` (concatenation and national IEs). */
static int sk_part_udh(smsk_udh *udh, const smsk_split_info *info,
        unsigned seq)
{
    smsk_udh_init(udh);
    if (info->segments > 1 && smsk_udh_add_concat(udh, BENCH_PDU_REF,
                (unsigned)info->segments, seq, 8) != SMSK_OK)
        return 0;
    if (info->text.encoding == SMSK_ENC_GSM7
            && (info->text.shift.locking != SMSK_LANG_DEFAULT
                    || info->text.shift.single != SMSK_LANG_DEFAULT)
            && smsk_udh_add_shift(udh, info->text.shift) != SMSK_OK)
        return 0;
    return 1;
}

static size_t sk_split(const bench_pdu_case *c)
{
    static smsk_udh udh;
    smsk_segment segs[MAX_PARTS];
    smsk_split_info info;
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    const char *text = (const char *)c->in;
    char *out = (char *)c->out;
    size_t n = 0;
    if (smsk_split_plan(segs, MAX_PARTS, &info, text, c->in_len,
                &split_opts, NULL) != SMSK_OK)
        return 0;
    for (size_t k = 0; k < info.segments; k++) {
        if (!sk_part_udh(&udh, &info, (unsigned)k + 1)
                || smsk_tpdu_set_text(&submit, ud, sizeof ud, &udh,
                        text + segs[k].offset, segs[k].len,
                        info.text.encoding, info.text.shift, NULL) != SMSK_OK)
            return 0;
        size_t h = sk_build_hex(&submit, out + n, c->out_cap - n);
        if (h == 0 || n + h + 1 > c->out_cap)
            return 0;
        n += h;
        out[n++] = '\n';
    }
    return n;
}

/* reassemble_4_hex: an engine with room for a few parts. */
typedef struct reasm_ctx {
    char *out;
    size_t cap, len;
    int status;
} reasm_ctx;

static smsk_reasm reasm4;
static uint64_t reasm4_mem[2048];
static reasm_ctx reasm4_ctx;
static uint64_t reasm4_now;

static void reasm4_cb(const smsk_reasm_msg *msg, void *user)
{
    reasm_ctx *x = user;
    x->status = smsk_reasm_msg_text(x->out, x->cap, &x->len, msg);
}

static size_t sk_reasm(const bench_pdu_case *c)
{
    static smsk_tpdu t;
    uint8_t pdu[SMSK_PDU_MAX];
    smsk_addr sc;
    reasm4_ctx = (reasm_ctx){ (char *)c->out, c->out_cap, 0, SMSK_E_ARG };
    for (size_t k = 0; k < c->n_parts; k++) {
        size_t len = 0;
        if (smsk_hex_decode(pdu, sizeof pdu, &len,
                    (const char *)c->in + c->part_off[k], c->part_len[k],
                    NULL) != SMSK_OK
                || smsk_pdu_parse(&sc, &t, pdu, len, SMSK_DIR_MT, 0, NULL)
                        != SMSK_OK
                || smsk_reasm_add(&reasm4, &t, ++reasm4_now, NULL) < 0)
            return 0;
    }
    return reasm4_ctx.status == SMSK_OK ? reasm4_ctx.len : 0;
}

/* reasm_pending_100k */
static struct pending {
    smsk_reasm r;
    void *mem;
    size_t mem_len;
    smsk_tpdu part[2];    /* parsed part 1 and part 2 */
    uint8_t pdu[2][SMSK_PDU_MAX]; /* their octets (part[].ud points here) */
    char hex[2][2 * SMSK_PDU_MAX + 1];
    unsigned long step;
    uint64_t now;
    size_t held;          /* messages held once set up */
    size_t completed, other, failed;
} pend;

static void pending_cb(const smsk_reasm_msg *msg, void *user)
{
    (void)user;
    if (msg->reason == SMSK_REASM_COMPLETE)
        pend.completed++;
    else
        pend.other++;
}

/* Message j's sender: the last 7 of the 13 digits of BENCH_PDU_PEER. */
static void set_sender(smsk_tpdu *t, size_t j)
{
    for (size_t i = 0; i < 7; i++, j /= 10)
        t->addr.text[12 - i] = (char)('0' + j % 10);
}

static size_t sk_pending(const bench_pdu_case *c)
{
    size_t j = (size_t)(pend.step / 2) % PENDING;
    smsk_tpdu *t = &pend.part[(pend.step & 1) ? 0 : 1];
    pend.step++;
    set_sender(t, j);
    smsk_status st = smsk_reasm_add(&pend.r, t, ++pend.now, NULL);
    if (st != SMSK_OK && st != SMSK_MORE) {
        pend.failed++;
        return 0;
    }
    return c->in_len;
}

/* ----------------------------------------------------------------------
 * Set-up
 * -------------------------------------------------------------------- */

static void add_impl(const char *op, const char *impl, bench_pdu_fn fn)
{
    if (n_impls < MAX_IMPLS)
        impls[n_impls++] = (bench_pdu_impl){ op, impl, fn };
}

static void set_input(op_data *d, const void *in, size_t in_len,
        size_t out_cap)
{
    memcpy(d->in, in, in_len);
    d->in[in_len] = 0;
    d->c = (bench_pdu_case){ d->in, in_len, d->part_off, d->part_len, 0,
        d->out, out_cap };
}

/* Run smskit once to get the reference output of `d`. */
static int set_ref(op_data *d, bench_pdu_fn fn)
{
    d->ref_len = fn(&d->c);
    if (d->ref_len == 0 || d->ref_len > sizeof d->ref)
        return 0;
    memcpy(d->ref, d->out, d->ref_len);
    d->ready = 1;
    return 1;
}

static int fail(const char *what, smsk_status st)
{
    fprintf(stderr, "bench_pdu: %s: %s\n", what, smsk_status_name(st));
    return 0;
}

/*
 * Build the SMS-DELIVER (with SC address) that carries `text` in
 * `enc`, as part `seq` of `total` with reference BENCH_PDU_REF when
 * `total` > 1, into `pdu` (SMSK_PDU_MAX octets).
 */
static smsk_status make_deliver(uint8_t *pdu, size_t *len, const char *text,
        size_t text_len, smsk_encoding enc, unsigned seq, unsigned total)
{
    static smsk_tpdu t;
    static smsk_udh udh;
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    smsk_status st;
    memset(&t, 0, sizeof t);
    t.type = SMSK_TPDU_DELIVER;
    t.mms = 1;
    t.addr = peer_addr;
    t.scts = deliver_time;
    smsk_udh_init(&udh);
    if (total > 1 && (st = smsk_udh_add_concat(&udh, BENCH_PDU_REF, total,
                              seq, 8)) != SMSK_OK)
        return st;
    st = smsk_tpdu_set_text(&t, ud, sizeof ud, total > 1 ? &udh : NULL, text,
            text_len, enc, default_tables, NULL);
    if (st != SMSK_OK)
        return st;
    return smsk_pdu_build(pdu, SMSK_PDU_MAX, len, NULL, &smsc_addr, &t,
            NULL);
}

static void to_hex(char *dst, size_t cap, size_t *len, const uint8_t *src,
        size_t src_len)
{
    if (smsk_hex_encode(dst, cap, len, src, src_len) != SMSK_OK)
        *len = 0;
}

/* Byte offsets of the 153-septet parts of text500 (ASCII: one byte a
 * character). */
#define PART_CHARS 153u

static int setup_decoders(void)
{
    uint8_t pdu[SMSK_PDU_MAX];
    char hex[2 * SMSK_PDU_MAX];
    size_t len = 0, hlen = 0;
    smsk_status st;

    st = make_deliver(pdu, &len, text160, strlen(text160), SMSK_ENC_GSM7, 1,
            1);
    if (st != SMSK_OK)
        return fail("cannot build the GSM 7-bit SMS-DELIVER", st);
    set_input(&ops[OP_DEC_BIN], pdu, len, SMSK_TPDU_TEXT_MAX);
    set_ref(&ops[OP_DEC_BIN], sk_dec_bin);
    to_hex(hex, sizeof hex, &hlen, pdu, len);
    set_input(&ops[OP_DEC_HEX], hex, hlen, SMSK_TPDU_TEXT_MAX);
    set_ref(&ops[OP_DEC_HEX], sk_dec_hex);

    st = make_deliver(pdu, &len, text70, strlen(text70), SMSK_ENC_UCS2, 1,
            1);
    if (st != SMSK_OK)
        return fail("cannot build the UCS-2 SMS-DELIVER", st);
    to_hex(hex, sizeof hex, &hlen, pdu, len);
    set_input(&ops[OP_DEC_UCS2], hex, hlen, SMSK_TPDU_TEXT_MAX);
    set_ref(&ops[OP_DEC_UCS2], sk_dec_hex);

    st = make_deliver(pdu, &len, text500 + PART_CHARS, PART_CHARS,
            SMSK_ENC_GSM7, 2, 4);
    if (st != SMSK_OK)
        return fail("cannot build the concatenated SMS-DELIVER", st);
    to_hex(hex, sizeof hex, &hlen, pdu, len);
    set_input(&ops[OP_DEC_CONCAT], hex, hlen, SMSK_TPDU_TEXT_MAX);
    set_ref(&ops[OP_DEC_CONCAT], sk_dec_hex);
    return 1;
}

static int setup_reasm4(void)
{
    op_data *d = &ops[OP_REASM_4];
    char all[BUF];
    size_t n = 0;
    smsk_status st = smsk_reasm_init(&reasm4, reasm4_mem, sizeof reasm4_mem,
            0, reasm4_cb, &reasm4_ctx);
    if (st != SMSK_OK)
        return fail("smsk_reasm_init (4 parts)", st);
    for (unsigned k = 0; k < 4; k++) {
        uint8_t pdu[SMSK_PDU_MAX];
        size_t len = 0, hlen = 0;
        size_t off = k * PART_CHARS, chars = strlen(text500) - off;
        if (chars > PART_CHARS)
            chars = PART_CHARS;
        st = make_deliver(pdu, &len, text500 + off, chars, SMSK_ENC_GSM7,
                k + 1, 4);
        if (st != SMSK_OK)
            return fail("cannot build the parts to reassemble", st);
        to_hex(all + n, sizeof all - n - 1, &hlen, pdu, len);
        d->part_off[k] = n;
        d->part_len[k] = hlen;
        n += hlen;
        all[n++] = '\n';
    }
    set_input(d, all, n, BUF);
    d->c.n_parts = 4;
    set_ref(d, sk_reasm);
    return 1;
}

static int setup_pending(void)
{
    op_data *d = &ops[OP_REASM_PENDING];
    smsk_status st;
    for (unsigned k = 0; k < 2; k++) {
        size_t len = 0, hlen = 0;
        st = make_deliver(pend.pdu[k], &len, text500 + k * PART_CHARS,
                PART_CHARS, SMSK_ENC_GSM7, k + 1, 2);
        if (st == SMSK_OK)
            st = smsk_pdu_parse(NULL, &pend.part[k], pend.pdu[k], len,
                    SMSK_DIR_MT, 0, NULL);
        if (st != SMSK_OK)
            return fail("cannot build the parts to hold", st);
        to_hex(pend.hex[k], sizeof pend.hex[k] - 1, &hlen, pend.pdu[k], len);
        pend.hex[k][hlen] = 0;
        if (k == 0)
            set_input(d, pend.pdu[0], len, 0);
    }
    if (pend.part[0].addr.len != 13)
        return fail("the sender is not 13 digits", SMSK_E_ARG);
    pend.mem_len = smsk_reasm_mem_size(PENDING);
    pend.mem = malloc(pend.mem_len);
    if (pend.mem == NULL)
        return fail("no memory for the pending messages", SMSK_E_LIMIT);
    st = smsk_reasm_init(&pend.r, pend.mem, pend.mem_len, 0, pending_cb,
            NULL);
    if (st != SMSK_OK)
        return fail("smsk_reasm_init (pending)", st);
    for (size_t j = 0; j < PENDING; j++) {
        set_sender(&pend.part[0], j);
        if (smsk_reasm_add(&pend.r, &pend.part[0], ++pend.now, NULL)
                != SMSK_MORE)
            pend.failed++;
    }
    pend.held = pend.r.pending_messages;
    if (pend.held != PENDING || pend.failed || pend.other) {
        fprintf(stderr, "warning: smskit holds %zu messages, not %u (%zu "
                "adds failed, %zu handed over)\n", pend.r.pending_messages,
                PENDING, pend.failed, pend.other);
    }
    /* The first two calls: part 2 completes message 0, part 1 holds it. */
    size_t done = pend.completed;
    if (sk_pending(&d->c) == 0 || pend.completed != done + 1
            || sk_pending(&d->c) == 0
            || pend.r.pending_messages != PENDING)
        fprintf(stderr, "warning: smskit reasm_pending_100k does not "
                "complete and hold again as planned\n");
    d->ref_len = d->c.in_len;
    d->ready = 1;
    return 1;
}

/* Each part's text, decoded back and joined: the split's round trip. */
static int split_round_trip(const op_data *d, const char *text)
{
    char got[BUF];
    size_t n = 0, i = 0;
    while (i < d->ref_len) {
        const uint8_t *nl = memchr(d->ref + i, '\n', d->ref_len - i);
        size_t line = nl ? (size_t)(nl - (d->ref + i)) : d->ref_len - i;
        uint8_t pdu[SMSK_PDU_MAX];
        size_t len = 0, tl = 0;
        static smsk_tpdu t;
        if (smsk_hex_decode(pdu, sizeof pdu, &len,
                    (const char *)d->ref + i, line, NULL) != SMSK_OK
                || smsk_pdu_parse(NULL, &t, pdu, len, SMSK_DIR_MO, 0, NULL)
                        != SMSK_OK
                || smsk_tpdu_text(got + n, sizeof got - n, &tl, &t, 0,
                        NULL) != SMSK_OK)
            return 0;
        n += tl;
        i += line + 1;
    }
    return n == strlen(text) && memcmp(got, text, n) == 0;
}

static void check_text(const op_data *d, const char *text, size_t len)
{
    if (d->ready && (d->ref_len != len || memcmp(d->ref, text, len) != 0))
        fprintf(stderr, "warning: smskit %s does not give back the text\n",
                d->name);
}

/* `only`: the one op to measure, or NULL for all; the 100,000 held
 * messages are set up only when reasm_pending_100k is measured. */
static int setup(const char *only)
{
    static const char *const names[OP_COUNT] = { BENCH_OP_DEC_GSM7_BIN,
        BENCH_OP_DEC_GSM7_HEX, BENCH_OP_DEC_UCS2_HEX,
        BENCH_OP_DEC_CONCAT_HEX, BENCH_OP_ENC_SUBMIT_HEX,
        BENCH_OP_SPLIT_GSM7, BENCH_OP_SPLIT_MIXED, BENCH_OP_REASM_4,
        BENCH_OP_REASM_PENDING };
    size_t n = 0;
    smsk_status st;
    for (int k = 0; k < OP_COUNT; k++)
        ops[k].name = names[k];

    if ((st = smsk_utf8_validate(text160, strlen(text160), &n, NULL))
                    != SMSK_OK || n != 160
            || (st = smsk_utf8_validate(text70, strlen(text70), &n, NULL))
                    != SMSK_OK || n != 70
            || strlen(text500) != 500
            || (st = smsk_utf8_validate(text500_mixed,
                        strlen(text500_mixed), &n, NULL)) != SMSK_OK
            || n != 500) {
        fprintf(stderr, "bench_pdu: an input text is not of its length "
                "(%s)\n", smsk_status_name(st));
        return 0;
    }
    if ((st = smsk_addr_from_string(&smsc_addr, BENCH_PDU_SMSC,
                 strlen(BENCH_PDU_SMSC))) != SMSK_OK
            || (st = smsk_addr_from_string(&peer_addr, BENCH_PDU_PEER,
                        strlen(BENCH_PDU_PEER))) != SMSK_OK)
        return fail("cannot read the numbers", st);

    memset(&submit, 0, sizeof submit);
    submit.type = SMSK_TPDU_SUBMIT;
    submit.mr = BENCH_PDU_MR;
    submit.addr = peer_addr;
    submit.vpf = SMSK_VPF_RELATIVE;
    submit.vp.format = SMSK_VPF_RELATIVE;
    submit.vp.raw[0] = (uint8_t)BENCH_PDU_VP;
    submit.vp.raw_len = 1;
    submit.vp.seconds = smsk_vp_relative_seconds((uint8_t)BENCH_PDU_VP);

    if (!setup_decoders())
        return 0;
    set_input(&ops[OP_ENC_SUBMIT], text160, strlen(text160),
            2 * SMSK_PDU_MAX);
    set_ref(&ops[OP_ENC_SUBMIT], sk_encode);
    set_input(&ops[OP_SPLIT_GSM7], text500, strlen(text500), BUF);
    set_ref(&ops[OP_SPLIT_GSM7], sk_split);
    set_input(&ops[OP_SPLIT_MIXED], text500_mixed, strlen(text500_mixed),
            BUF);
    set_ref(&ops[OP_SPLIT_MIXED], sk_split);
    if (!setup_reasm4())
        return 0;
    if ((only == NULL || strcmp(only, BENCH_OP_REASM_PENDING) == 0)
            && !setup_pending())
        return 0;

    /* The report gets the ops smskit is ready for. */
    for (int k = 0; k < OP_COUNT; k++) {
        op_data *d = &ops[k];
        if (d->ready)
            report_add_op(&rep, (report_op){ d->name, &d->c, d->c.in_len,
                    d->out, sizeof d->out, d->ref, d->ref_len });
        else if (only == NULL || strcmp(only, d->name) == 0)
            fprintf(stderr, "warning: smskit fails on %s; op skipped\n",
                    d->name);
    }
    /* Round trips: what we decode is what we encoded. */
    check_text(&ops[OP_DEC_BIN], text160, strlen(text160));
    check_text(&ops[OP_DEC_HEX], text160, strlen(text160));
    check_text(&ops[OP_DEC_UCS2], text70, strlen(text70));
    check_text(&ops[OP_DEC_CONCAT], text500 + PART_CHARS, PART_CHARS);
    check_text(&ops[OP_REASM_4], text500, strlen(text500));
    if (ops[OP_ENC_SUBMIT].ready && !split_round_trip(&ops[OP_ENC_SUBMIT],
                text160))
        fprintf(stderr, "warning: smskit %s does not decode back to the "
                "text\n", ops[OP_ENC_SUBMIT].name);
    if (ops[OP_SPLIT_GSM7].ready
            && !split_round_trip(&ops[OP_SPLIT_GSM7], text500))
        fprintf(stderr, "warning: smskit %s does not decode back to the "
                "text\n", ops[OP_SPLIT_GSM7].name);
    if (ops[OP_SPLIT_MIXED].ready
            && !split_round_trip(&ops[OP_SPLIT_MIXED], text500_mixed))
        fprintf(stderr, "warning: smskit %s does not decode back to the "
                "text\n", ops[OP_SPLIT_MIXED].name);
    return 1;
}

/* ----------------------------------------------------------------------
 * Report (bench/report.h)
 * -------------------------------------------------------------------- */

/* The harness's view of an impl: call its function on the case. */
static size_t call_impl(const void *impl, const void *c)
{
    return ((const bench_pdu_impl *)impl)->fn(c);
}

static void print_targets(void)
{
    static const struct {
        const char *op;
        double limit;
    } t[] = {
        { BENCH_OP_DEC_GSM7_BIN, 30 }, { BENCH_OP_DEC_GSM7_HEX, 30 },
        { BENCH_OP_DEC_UCS2_HEX, 30 }, { BENCH_OP_DEC_CONCAT_HEX, 30 },
        { BENCH_OP_ENC_SUBMIT_HEX, 30 }, { BENCH_OP_SPLIT_GSM7, 50 },
        { BENCH_OP_SPLIT_MIXED, 50 }, { BENCH_OP_REASM_4, 20 },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char what[64];
        double got = report_ratio(&rep, t[i].op, "gammu", "smskit");
        snprintf(what, sizeof what, "%s, gammu/smskit", t[i].op);
        if (got == 0) /* unlike bench_text's, this line names the bound */
            printf("# target: %s >=%.0fx: not measured\n", what, t[i].limit);
        else
            report_target(what, got, t[i].limit, 1);
    }
}

/* Gammu's cost of one arriving part with `held` parts held (0: none). */
static double gammu_held_ns[2];
static const size_t gammu_held[2] = { 1000, 4000 };
static size_t gammu_part_bytes;

static void print_pending(void)
{
    const report_row *r = report_find(&rep, BENCH_OP_REASM_PENDING, "smskit");
    size_t mem = smsk_reasm_mem_size(PENDING);
    if (r == NULL)
        return;
    printf("# %s: smskit holds %zu messages (part 1 of 2 each, %zu-octet "
            "TP-UD) in smsk_reasm_mem_size(%u) = %zu bytes: %.1f bytes per "
            "pending message\n", BENCH_OP_REASM_PENDING,
            pend.held, pend.part[0].ud_len, PENDING, mem,
            (double)mem / PENDING);
    if (pend.failed || pend.other || pend.r.conflicts)
        printf("# %s: WARNING: %zu adds failed, %zu messages handed over "
                "other than complete, %zu conflicts\n",
                BENCH_OP_REASM_PENDING, pend.failed, pend.other,
                pend.r.conflicts);
    if (gammu_held_ns[0] <= 0 || gammu_held_ns[1] <= 0)
        return;
    double e = log(gammu_held_ns[1] / gammu_held_ns[0])
            / log((double)gammu_held[1] / (double)gammu_held[0]);
    double at100k = gammu_held_ns[1]
            * pow((double)PENDING / (double)gammu_held[1], e);
    printf("# %s: gammu: no row: it keeps no reassembly state, so each "
            "arriving part means GSM_LinkSMS over every held part: %.2f ms "
            "with %zu held, %.2f ms with %zu (growth n^%.2f), about %.0f s "
            "with %u by that growth; %zu bytes per held part "
            "(GSM_MultiSMSMessage), %.1f GB for %u\n",
            BENCH_OP_REASM_PENDING, gammu_held_ns[0] / 1e6, gammu_held[0],
            gammu_held_ns[1] / 1e6, gammu_held[1], e, at100k / 1e9, PENDING,
            gammu_part_bytes, (double)gammu_part_bytes * PENDING / 1e9,
            PENDING);
    printf("# %s: gammu/smskit estimate at %u held: %.2gx (from the "
            "growth above; not a measurement)\n", BENCH_OP_REASM_PENDING,
            PENDING, at100k / r->ns);
}

int main(int argc, char **argv)
{
    report_init(&rep, "bench_pdu", call_impl, 26);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--no-header") == 0)
            rep.header = 0;
        else if (strncmp(argv[i], "--only=", 7) == 0)
            rep.only = argv[i] + 7;
        else if (!report_parse_arg(&rep, argv[i]))
            return report_usage(argv[0], "[--tsv] [--no-header] [--reps=N] "
                    "[--ms=N] [--only=OP]", argv[i]);
    }
    if (!setup(rep.only))
        return 1;

    add_impl(BENCH_OP_DEC_GSM7_BIN, "smskit", sk_dec_bin);
    add_impl(BENCH_OP_DEC_GSM7_HEX, "smskit", sk_dec_hex);
    add_impl(BENCH_OP_DEC_UCS2_HEX, "smskit", sk_dec_hex);
    add_impl(BENCH_OP_DEC_CONCAT_HEX, "smskit", sk_dec_hex);
    add_impl(BENCH_OP_ENC_SUBMIT_HEX, "smskit", sk_encode);
    add_impl(BENCH_OP_SPLIT_GSM7, "smskit", sk_split);
    add_impl(BENCH_OP_SPLIT_MIXED, "smskit", sk_split);
    add_impl(BENCH_OP_REASM_4, "smskit", sk_reasm);
    add_impl(BENCH_OP_REASM_PENDING, "smskit", sk_pending);

    size_t first_peer = n_impls;
#ifdef BENCH_WITH_GAMMU
    const char *version = NULL;
    n_impls += bench_gammu_pdu_impls(impls + n_impls, MAX_IMPLS - n_impls,
            &version);
    report_add_peer(&rep, "gammu", version);
    for (size_t i = 0; i < 2 && ops[OP_REASM_PENDING].ready; i++)
        gammu_held_ns[i] = bench_gammu_link_held_ns(gammu_held[i],
                pend.hex[0], pend.hex[1], &gammu_part_bytes);
#endif
    size_t end_peer = n_impls;
    for (size_t i = 0; i < n_impls; i++)
        report_add_impl(&rep, impls[i].op, impls[i].impl, &impls[i]);

    /* Rows in op order, smskit first within each op. */
    report_run(&rep, first_peer, end_peer);
    print_pending();
    if (!rep.tsv)
        print_targets();
    free(pend.mem);
    return 0;
}
